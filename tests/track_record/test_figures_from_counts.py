"""The track record's figures are counted in SQL and scored from each group's values: they
must read exactly as when every forecast was scored one by one (`scoring.record_of` over
`Judgment`s, the reference), and cost the same queries however many judgments there are."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings import scoring
from briefings.models import Assessment, Briefing, ForecastUpdate, KeyJudgment, display_name, forecast_state

pytestmark = pytest.mark.django_db

PUBLIC = reverse("briefings:track-record")
STAFF = reverse("briefings:track-record-staff")


def reference(assessments, briefings) -> tuple[scoring.Record, dict[str, scoring.Record], list]:
    """The desk's and each author's record with every forecast scored on its own, and the
    forecasts in the lists' order (latest made first)."""
    today = timezone.localdate()
    judgments = []
    for assessment in scoring.with_made_at(assessments, briefings).forecasts().order_by("-made_at", "-pk"):
        updates = [
            scoring.Estimate(since=update.made_at, probability=Decimal(update.probability) / 100)
            for update in ForecastUpdate.objects.filter(assessment=assessment).order_by("made_at", "pk")
        ]
        judgment = scoring.Judgment(
            pk=assessment.pk,
            statement=assessment.statement,
            likelihood=assessment.likelihood,
            probability=assessment.probability,
            confidence=assessment.confidence,
            horizon=assessment.horizon,
            outcome=assessment.outcome,
            outcome_on=assessment.outcome_on,
            made_at=assessment.made_at,
            closes_on=assessment.closes_on,
            state=forecast_state(assessment.outcome, assessment.horizon, today),
            updates=updates,
        )
        writers = {
            display_name(user)
            for link in KeyJudgment.objects.filter(assessment=assessment, briefing__in=briefings)
            for user in link.briefing.authors.all()
        }
        judgment.authors = sorted(writers)
        judgments.append(judgment)
    names = sorted({name for judgment in judgments for name in judgment.authors}, key=str.lower)
    per_author = {name: scoring.record_of([j for j in judgments if name in j.authors]) for name in names}
    return scoring.record_of(judgments), per_author, judgments


def figures(record: scoring.Record) -> dict:
    """Every figure the page shows of a record."""
    summary = record.summary
    return {
        "counts": (
            summary.judgments,
            summary.resolved,
            summary.scored,
            summary.happened,
            summary.ambiguous,
            summary.annulled,
            summary.pending,
            summary.due,
        ),
        "means": (summary.mean_brier, summary.mean_log, summary.base_rate_percent, summary.too_few_for_skill),
        "references": [
            (r.name, r.probability_percent, r.mean_brier_display, r.mean_log_display)
            for r in summary.references
        ],
        "calibration": [
            (
                b.term,
                b.scored,
                b.happened,
                b.unscored,
                b.share_percent,
                b.interval_low_percent,
                b.interval_high_percent,
                b.mean_brier,
                b.verdict,
            )
            for b in record.calibration
        ],
        "thin": [b.term for b in record.thin_bins],
    }


def listed(page) -> list[int]:
    return [item[0].pk if isinstance(item, tuple) else item.pk for item in page]


def test_public_figures_equal_each_forecast_scored_on_its_own(client, varied_desk):
    varied_desk(2)

    response = client.get(PUBLIC)
    desk, per_author, judgments = reference(Assessment.objects.published(), Briefing.objects.published())

    record = response.context["record"]
    assert figures(record.desk) == figures(desk)
    assert {r.author.name: figures(r) for r in record.authors} == {
        name: figures(r) for name, r in per_author.items()
    }
    assert [r.author.name for r in record.authors] == list(per_author)
    # Sanity: the desk holds what the figures must get right.
    assert desk.summary.scored > 30 and desk.summary.unscored and desk.summary.due
    assert any(j.updates and j.state == "scored" for j in judgments)


def test_public_lists_show_the_latest_made_first_the_due_among_pending(client, varied_desk):
    varied_desk(1)

    response = client.get(PUBLIC)
    _, _, judgments = reference(Assessment.objects.published(), Briefing.objects.published())

    resolved = [j.pk for j in judgments if j.state in ("scored", "unscored")]
    waiting = [j.pk for j in judgments if j.state == "due"] + [
        j.pk for j in judgments if j.state == "pending"
    ]
    assert listed(response.context["resolved"]) == resolved[:25]
    assert listed(response.context["pending"]) == waiting[:25]
    assert response.context["pending"].paginator.count == len(waiting)


def test_staff_figures_equal_each_forecast_scored_on_its_own(admin_client, varied_desk):
    varied_desk(2)

    response = admin_client.get(STAFF)
    desk, per_author, judgments = reference(Assessment.objects.all(), Briefing.objects.all())

    record = response.context["record"]
    assert figures(record.desk) == figures(desk)
    assert {r.author.name: figures(r) for r in record.authors} == {
        name: figures(r) for name, r in per_author.items()
    }
    due = [j.pk for j in judgments if j.state == "due"]
    assert listed(response.context["due"]) == due[:25]
    assert response.context["due"].paginator.count == len(due)


def test_author_filter_figures_equal_that_authors_forecasts_scored_on_their_own(client, varied_desk):
    varied_desk(1)
    ada = next(
        r.author for r in client.get(PUBLIC).context["record"].authors if r.author.name == "Ada Lovelace"
    )

    response = client.get(PUBLIC, {"author": ada.pk})
    _, per_author, _ = reference(Assessment.objects.published(), Briefing.objects.published())

    assert figures(response.context["focus"]) == figures(per_author["Ada Lovelace"])


def cold_page_queries(client, address) -> int:
    cache.clear()  # cold: the page cache must not answer
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
def test_track_record_page_costs_the_same_queries_at_n_and_3n_judgments(request, varied_desk, staff):
    # The figures cover every forecast and the lists a page each: neither may cost a query
    # per judgment, author or page of results.
    client = request.getfixturevalue("admin_client" if staff else "client")
    address = STAFF if staff else PUBLIC
    varied_desk(1)
    n = Assessment.objects.count()
    at_n = cold_page_queries(client, address)
    varied_desk(2)
    assert Assessment.objects.count() == 3 * n

    assert cold_page_queries(client, address) == at_n
