"""The track record: Brier scores and calibration of the desk's forecasts, on what it has
published (for readers) or on everything (for staff), filtered by country, period and
author. The public page starts from `Assessment.objects.published()`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone

from ..charts import calibration_chart
from ..models import ANONYMOUS, Assessment, Briefing, Country, KeyJudgment, ReaderContext, Tlp, display_name
from ..scoring import track_record, with_made_at
from ..services.readers import request_reader
from .common import ITEMS_PER_PAGE
from .filters import TrackRecordFilter
from .outcomes import judgment_outcomes


def render_track_record(request, *, assessments, briefings, public: bool, reader: ReaderContext):
    today = timezone.localdate()
    with_judgments = briefings.filter(Exists(KeyJudgment.objects.filter(briefing=OuterRef("pk"))))
    countries = list(
        Country.objects.filter(
            Q(pk__in=Assessment.objects.filter(pk__in=assessments.values("pk")).values("countries"))
            | Q(pk__in=with_judgments.values("countries"))
        ).order_by("name")
    )
    # Authors of a briefing with key judgments: EXISTS rather than a DISTINCT over the join
    # of users, briefings and judgments, which grows with every judgment they wrote.
    authors = list(
        get_user_model()
        .objects.filter(
            Exists(Briefing.authors.through.objects.filter(user=OuterRef("pk"), briefing__in=with_judgments))
        )
        .order_by("first_name", "last_name", "username")
    )
    filters = TrackRecordFilter(
        request.GET,
        queryset=with_made_at(assessments, briefings),
        briefings=briefings,
        countries=countries,
        authors=authors,
    )
    context = {
        "public": public,
        "coverage": track_record_coverage(reader) if public else "",
        "filters": filters,
        "countries": countries,
        "authors": [(str(author.pk), display_name(author)) for author in authors],
        "nav": "track-record",
    }
    if filters.errors:
        return render(request, "briefings/track_record.html", context, status=400)
    selected = filters.qs
    record = track_record(selected, briefings=briefings, today=today, public=public)
    focus = record.desk
    if filters.chosen_author:
        focus = next(
            (r for r in record.authors if r.author and r.author.pk == filters.chosen_author.pk), record.desk
        )
    # The figures cover every forecast (counted in SQL, scored from plain values); the lists
    # show a page each, counted by those same figures, and only the shown page's rows,
    # briefings and outcomes are read.
    summary = record.desk.summary
    resolved = page_of(request, record.resolved, summary.resolved, param="resolved_page")
    if public:
        # Readers see a forecast past its horizon simply as not yet resolved.
        pending = page_of(request, record.due_then_pending, summary.pending, param="pending_page")
        due = page_of(request, record.due, 0, param="due_page")
    else:
        pending = page_of(request, record.pending, summary.pending - summary.due, param="pending_page")
        due = page_of(request, record.due, summary.due, param="due_page")
    judgments = {
        judgment.pk: judgment
        for judgment in record.judgments([*resolved.object_list, *pending.object_list, *due.object_list])
    }
    for page in (resolved, pending, due):
        page.object_list = [judgments[row["pk"]] for row in page.object_list]
    outcomes = (
        judgment_outcomes(
            Assessment.objects.filter(pk__in=[j.pk for j in resolved]),
            public=public,
            today=today,
            reader=reader,
        )
        if resolved.object_list
        else {}
    )
    context.update(
        {
            "record": record,
            "focus": focus,
            "chart": calibration_chart(focus.calibration),
            "resolved": [(judgment, outcomes.get(judgment.pk)) for judgment in resolved],
            "resolved_page": resolved,
            "due": due,
            # Readers see a forecast past its horizon simply as not yet resolved.
            "pending": pending,
            "today": today,
        }
    )
    return render(request, "briefings/track_record.html", context)


class Counted:
    """Rows whose number the figures already hold: a paginator slices them without counting
    them again (each count would scan the whole selection)."""

    def __init__(self, rows, count: int):
        self.rows, self.number = rows, count

    def count(self) -> int:
        return self.number

    def __getitem__(self, index):
        return list(self.rows[index])


def page_of(request, rows, count: int, *, param: str) -> Page:
    """A page of `rows` (a list's query, `count` of them) from the `param` query parameter; bad
    numbers give the nearest page. With nothing to list, no query."""
    return Paginator(Counted(rows if count else [], count), ITEMS_PER_PAGE).get_page(request.GET.get(param))


def track_record_coverage(reader: ReaderContext) -> str:
    """What the public page's figures cover, in words: they change with who reads them."""
    if reader.user_id is None:
        return (
            "These figures cover the judgments of briefings marked TLP:CLEAR, which anyone may "
            "read; briefings for cleared readers are not counted here."
        )
    return (
        "These figures cover the judgments of every briefing you may read (your clearance: "
        f"{Tlp(reader.clearance).label}); another reader's figures may differ."
    )


def track_record_public(request):
    """The desk's track record on what this reader may read: a judgment of a restricted
    briefing counts only for readers who may read it."""
    reader = request_reader(request)
    return render_track_record(
        request,
        assessments=Assessment.objects.visible_to(reader),
        briefings=Briefing.objects.visible_to(reader),
        public=True,
        reader=reader,
    )


@login_required(login_url="admin:login")
def track_record_staff(request):
    """Every judgment, drafts included, with those due for resolution."""
    if not request.user.is_staff:
        raise PermissionDenied("The full track record is for the desk's staff.")
    return render_track_record(
        request,
        assessments=Assessment.objects.all(),
        briefings=Briefing.objects.all(),
        public=False,
        reader=ANONYMOUS,
    )
