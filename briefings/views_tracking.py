"""Track-record pages, and what other pages show of outcomes and country trends.

The public track record starts from `Assessment.objects.published()`; the staff one from
every judgment. `judgment_outcomes()`, `trend_strip()` and `trend_changes()` give the
briefing, country and home pages what they show in a fixed number of queries, so their
templates loop over plain data.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .models import (
    Assessment,
    Briefing,
    Country,
    CountryTrend,
    Event,
    Excerpt,
    KeyJudgment,
    Outcome,
    Trend,
)
from .scoring import State, brier_score, plain, rounded, track_record, with_made_at

# --- Filters -------------------------------------------------------------------------

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
YEAR_RE = re.compile(r"^(\d{4})$")


@dataclass
class Filters:
    """The track record's filters as the reader gave them, and what was wrong with them."""

    country: Country | None = None
    start: datetime.date | None = None  # first day of the first month
    end: datetime.date | None = None  # first day of the month after the last
    author: object | None = None
    raw: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any((self.country, self.start, self.end, self.author))

    @property
    def description(self) -> str:
        parts = []
        if self.country:
            parts.append(f"about {self.country.name}")
        if self.start and self.end:
            parts.append(f"made from {self.start:%B %Y} to {last_month(self.end):%B %Y}")
        elif self.start:
            parts.append(f"made since {self.start:%B %Y}")
        elif self.end:
            parts.append(f"made up to {last_month(self.end):%B %Y}")
        if self.author:
            parts.append(f"by {display_name(self.author)}")
        return ", ".join(parts)


def last_month(end: datetime.date) -> datetime.date:
    return end - datetime.timedelta(days=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def parse_period(value: str, *, end: bool) -> datetime.date:
    """YYYY or YYYY-MM, as the first day of that period (or of the one after, for an end)."""
    if match := MONTH_RE.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or year < 1900:
            raise ValueError
        start = datetime.date(year, month, 1)
        return next_month(start) if end else start
    if match := YEAR_RE.match(value):
        year = int(match[1])
        if year < 1900:
            raise ValueError
        return datetime.date(year + 1 if end else year, 1, 1)
    raise ValueError


def parse_filters(params, *, countries, authors) -> Filters:
    """Read `country` (ISO alpha-2 or slug), `from` and `to` (YYYY or YYYY-MM) and `author`
    (user name). A value that names nothing is an error the page reports, never a crash."""
    filters = Filters(raw={key: params.get(key, "").strip() for key in ("country", "from", "to", "author")})
    raw = filters.raw
    if raw["country"]:
        code = raw["country"]
        filters.country = next(
            (c for c in countries if c.iso2 == code.upper() or c.slug == code.lower()), None
        )
        if filters.country is None:
            filters.errors.append(f"“{code}” is not a country with judgments on this page.")
    for key, is_end in (("from", False), ("to", True)):
        if raw[key]:
            try:
                setattr(filters, "end" if is_end else "start", parse_period(raw[key], end=is_end))
            except ValueError:
                filters.errors.append(f"“{raw[key]}” is not a month: write it as YYYY-MM, e.g. 2020-08.")
    if filters.start and filters.end and filters.start >= filters.end:
        filters.errors.append("The period ends before it starts.")
    if raw["author"]:
        filters.author = next((a for a in authors if a.get_username() == raw["author"]), None)
        if filters.author is None:
            filters.errors.append(f"“{raw['author']}” is not an author of judgments on this page.")
    return filters


def month_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), datetime.UTC)


def apply_filters(assessments, filters: Filters, *, briefings):
    """The judgments the filters select. A judgment is about a country when it names it, or
    when a briefing it is a key judgment of covers it; it was made when first published."""
    assessments = with_made_at(assessments, briefings)
    if filters.country:
        assessments = assessments.filter(
            Q(pk__in=Assessment.objects.filter(countries=filters.country).values("pk"))
            | Q(
                pk__in=KeyJudgment.objects.filter(
                    briefing__in=briefings, briefing__countries=filters.country
                ).values("assessment_id")
            )
        )
    if filters.start:
        assessments = assessments.filter(made_at__gte=month_start(filters.start))
    if filters.end:
        assessments = assessments.filter(made_at__lt=month_start(filters.end))
    if filters.author:
        assessments = assessments.filter(
            pk__in=KeyJudgment.objects.filter(
                briefing__in=briefings, briefing__authors=filters.author
            ).values("assessment_id")
        )
    return assessments


# --- The calibration chart -----------------------------------------------------------


@dataclass
class ChartColumn:
    label_lines: list[str]
    low: int
    high: int
    x: float
    centre: float
    band_x: float
    band_width: float
    band_top: float
    band_height: float
    point_y: float | None
    within: bool
    count_text: str
    verdict: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    gridlines: list[tuple[float, int]]
    columns: list[ChartColumn]

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width

    @property
    def middle(self) -> float:
        return self.top + self.plot_height / 2


def calibration_chart(bins, *, width: int = 720, height: int = 340) -> Chart:
    """Geometry of the calibration chart, computed here so the template only draws it: for
    each term, its stated range as a band and the observed share as a point."""
    left, top, right_margin, bottom_margin = 52, 24, 12, 70
    plot_width, plot_height = width - left - right_margin, height - top - bottom_margin

    def y_of(percent) -> float:
        return round(top + plot_height * (1 - float(percent) / 100), 1)

    column_width = plot_width / len(bins)
    columns = []
    for index, bin_ in enumerate(bins):
        x = left + index * column_width
        share = bin_.share_percent
        words = bin_.label.split()
        # Two lines keep "roughly even chance" inside its column.
        split = (len(words) + 1) // 2 if len(words) > 1 else 1
        columns.append(
            ChartColumn(
                label_lines=[" ".join(words[:split]), " ".join(words[split:])],
                low=bin_.low,
                high=bin_.high,
                x=round(x, 1),
                centre=round(x + column_width / 2, 1),
                band_x=round(x + column_width * 0.2, 1),
                band_width=round(column_width * 0.6, 1),
                band_top=y_of(bin_.high),
                band_height=round(y_of(bin_.low) - y_of(bin_.high), 1),
                point_y=None if share is None else y_of(share),
                within=share is not None and bin_.low <= share <= bin_.high,
                count_text=f"{bin_.happened} of {bin_.scored}" if bin_.scored else "none resolved",
                verdict=bin_.verdict,
            )
        )
    gridlines = [(y_of(p), p) for p in range(0, 101, 20)]
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        gridlines=gridlines,
        columns=columns,
    )


# --- Outcomes, for any page that shows judgments ---------------------------------------


@dataclass
class EvidenceEvent:
    title: str
    date_label: str
    url: str | None
    description: str = ""


@dataclass
class EvidenceExcerpt:
    text: str
    source_title: str
    source_url: str
    grade: str


@dataclass
class JudgmentOutcome:
    """What a page says about a judgment's outcome: resolved (with evidence), due, or pending."""

    state: str
    outcome: str = ""
    outcome_label: str = ""
    outcome_on: datetime.date | None = None
    note: str = ""
    resolved_early_reason: str = ""
    horizon: datetime.date | None = None
    stated: Decimal | None = None
    brier: Decimal | None = None
    events: list[EvidenceEvent] = field(default_factory=list)
    excerpts: list[EvidenceExcerpt] = field(default_factory=list)

    @property
    def is_resolved(self) -> bool:
        return self.state in (State.SCORED, State.UNRESOLVABLE)

    @property
    def is_due(self) -> bool:
        return self.state == State.DUE

    @property
    def stated_percent(self) -> Decimal | None:
        return None if self.stated is None else plain(self.stated * 100)


def judgment_outcomes(assessments, *, public: bool = True, today=None) -> dict[int, JudgmentOutcome]:
    """Outcome, score and evidence of each of `assessments` (instances already loaded), in at
    most three queries whatever their number, and none when no judgment is resolved. Events
    link to their page only where a reader may open it."""
    today = today or timezone.localdate()
    outcomes: dict[int, JudgmentOutcome] = {}
    for assessment in assessments:
        if not assessment.likelihood and assessment.probability is None:
            continue  # Not a forecast: nothing to say about outcomes.
        if assessment.outcome:
            state = State.UNRESOLVABLE if assessment.outcome == Outcome.UNRESOLVABLE else State.SCORED
        elif assessment.horizon and assessment.horizon < today:
            state = State.DUE
        else:
            state = State.PENDING
        outcomes[assessment.pk] = JudgmentOutcome(
            state=state,
            outcome=assessment.outcome,
            outcome_label=assessment.get_outcome_display() if assessment.outcome else "",
            outcome_on=assessment.outcome_on,
            note=assessment.outcome_note,
            resolved_early_reason=assessment.resolved_early_reason,
            horizon=assessment.horizon,
            stated=assessment.stated_probability,
            brier=rounded(brier_score(assessment.stated_probability, assessment.outcome)),
        )
    resolved = [pk for pk, outcome in outcomes.items() if outcome.is_resolved]
    if not resolved:
        return outcomes
    events = list(
        Event.objects.filter(resolved_assessments__in=resolved)
        .annotate(for_assessment=F("resolved_assessments"))
        .order_by("date", "pk")
    )
    if events:
        visible = set(
            Event.objects.published().filter(pk__in={e.pk for e in events}).values_list("pk", flat=True)
        )
        for event in events:
            if event.pk in visible:
                url = event.get_absolute_url()
            else:
                # Staff follow an event without a public page to the admin instead.
                url = None if public else reverse("admin:briefings_event_change", args=[event.pk])
            outcomes[event.for_assessment].events.append(
                EvidenceEvent(
                    title=event.title,
                    date_label=event.display_date,
                    url=url,
                    # Where the event has no page a reader may open, its description (which
                    # names its source) stands in for it.
                    description="" if event.pk in visible else event.description,
                )
            )
    excerpts = (
        Excerpt.objects.filter(resolved_assessments__in=resolved)
        .select_related("source")
        .annotate(for_assessment=F("resolved_assessments"))
        .order_by("source__published_on", "pk")
    )
    for excerpt in excerpts:
        outcomes[excerpt.for_assessment].excerpts.append(
            EvidenceExcerpt(
                text=excerpt.text,
                source_title=excerpt.source.title,
                source_url=excerpt.source.url,
                grade=excerpt.grade,
            )
        )
    return outcomes


def attach_judgment_outcomes(assessments, *, public: bool = True, today=None) -> list:
    """Set `.tracked` (a JudgmentOutcome, or None) on each assessment instance, for
    templates that loop over judgments: `{% include "briefings/_judgment_outcome.html"
    with outcome=judgment.tracked %}`."""
    assessments = list(assessments)
    outcomes = judgment_outcomes(assessments, public=public, today=today)
    for assessment in assessments:
        assessment.tracked = outcomes.get(assessment.pk)
    return assessments


# --- Country trends, for the country and home pages ------------------------------------

TREND_ARROWS = {Trend.DETERIORATED: "↓", Trend.IMPROVED: "↑", Trend.UNCHANGED: "→"}


@dataclass
class TrendCell:
    month: datetime.date
    trend: str
    trend_label: str
    alert: str
    alert_label: str
    reason: str
    country_name: str = ""
    url: str = ""
    events: list[EvidenceEvent] = field(default_factory=list)

    @property
    def arrow(self) -> str:
        return TREND_ARROWS.get(self.trend, "")

    @property
    def anchor(self) -> str:
        return f"trend-{self.month:%Y-%m}"

    @property
    def is_change(self) -> bool:
        return self.trend != Trend.UNCHANGED or bool(self.alert)


def trend_cell(trend: CountryTrend) -> TrendCell:
    return TrendCell(
        month=trend.month,
        trend=trend.trend,
        trend_label=trend.get_trend_display(),
        alert=trend.alert,
        alert_label=trend.get_alert_display() if trend.alert else "",
        reason=trend.reason,
        country_name=trend.country.name,
        url=trend.get_absolute_url(),
    )


def trend_strip(country: Country, *, months: int = 24) -> list[TrendCell]:
    """The country's published trends, oldest first, at most the last `months`, with their
    events (linked where a reader may open them). Three queries."""
    trends = list(
        CountryTrend.objects.published()
        .filter(country=country)
        .select_related("country")
        .prefetch_related("events")
        .order_by("-month")[:months]
    )
    event_ids = {event.pk for trend in trends for event in trend.events.all()}
    visible = (
        set(Event.objects.published().filter(pk__in=event_ids).values_list("pk", flat=True))
        if event_ids
        else set()
    )
    cells = []
    for trend in reversed(trends):
        cell = trend_cell(trend)
        cell.events = [
            EvidenceEvent(
                title=event.title,
                date_label=event.display_date,
                url=event.get_absolute_url() if event.pk in visible else None,
            )
            for event in trend.events.all()
        ]
        cells.append(cell)
    return cells


@dataclass
class TrendChanges:
    month: datetime.date | None
    changes: list[TrendCell]
    unchanged: int

    @property
    def is_current_month(self) -> bool:
        return self.month is not None and self.month == timezone.localdate().replace(day=1)


def trend_changes(today=None) -> TrendChanges:
    """This month's changes for the home page: countries that deteriorated or improved, or
    carry an alert, in the latest month with published trends (not after `today`'s).
    Two queries."""
    today = today or timezone.localdate()
    published = CountryTrend.objects.published().filter(month__lte=today.replace(day=1))
    month = published.aggregate(latest=Max("month"))["latest"]
    if month is None:
        return TrendChanges(month=None, changes=[], unchanged=0)
    cells = [
        trend_cell(trend)
        for trend in published.filter(month=month).select_related("country").order_by("country__name")
    ]
    changes = [cell for cell in cells if cell.is_change]
    return TrendChanges(month=month, changes=changes, unchanged=len(cells) - len(changes))


# --- The pages -----------------------------------------------------------------------


def render_track_record(request, *, assessments, briefings, public: bool):
    today = timezone.localdate()
    countries = list(
        Country.objects.filter(
            Q(pk__in=Assessment.objects.filter(pk__in=assessments.values("pk")).values("countries"))
            | Q(pk__in=briefings.filter(judgment_links__isnull=False).values("countries"))
        ).order_by("name")
    )
    authors = list(
        get_user_model()
        .objects.filter(briefings__in=briefings.filter(judgment_links__isnull=False))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    filters = parse_filters(request.GET, countries=countries, authors=authors)
    context = {
        "public": public,
        "filters": filters,
        "countries": countries,
        "authors": [(author.get_username(), display_name(author)) for author in authors],
        "nav": "track-record",
    }
    if filters.errors:
        return render(request, "briefings/track_record.html", context, status=400)
    selected = apply_filters(assessments, filters, briefings=briefings)
    record = track_record(selected, briefings=briefings, today=today, public=public)
    focus = record.desk
    if filters.author:
        focus = next(
            (r for r in record.authors if r.author and r.author.pk == filters.author.pk), record.desk
        )
    resolved = record.scored
    outcomes = (
        judgment_outcomes(
            Assessment.objects.filter(pk__in=[j.pk for j in resolved]), public=public, today=today
        )
        if resolved
        else {}
    )
    context.update(
        {
            "record": record,
            "focus": focus,
            "chart": calibration_chart(focus.calibration),
            "resolved": [(judgment, outcomes.get(judgment.pk)) for judgment in resolved],
            "due": record.due,
            # Readers see a forecast past its horizon simply as not yet resolved.
            "pending": record.pending if not public else record.due + record.pending,
            "today": today,
        }
    )
    return render(request, "briefings/track_record.html", context)


def track_record_public(request):
    """The desk's track record on what it has published."""
    return render_track_record(
        request,
        assessments=Assessment.objects.published(),
        briefings=Briefing.objects.published(),
        public=True,
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
    )
