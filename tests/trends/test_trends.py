"""Country trends: one per country and month, the workflow, the strip, the home page's
changes and the Atom feed."""

import datetime

import feedparser
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from briefings import models, services
from briefings.models import CountryTrend, PublicationStatus, Trend, TrendAlert
from briefings.views.trends import trend_changes, trend_strip

from ..factories import BriefingFactory, CountryTrendFactory, EventFactory, country

pytestmark = pytest.mark.django_db

AUGUST = datetime.date(2020, 8, 1)
SEPTEMBER = datetime.date(2020, 9, 1)


@pytest.fixture
def mali():
    return country("ML")


def draft_trend(country, month, **fields):
    """A draft trend: unchanged and quiet, unless `fields` say otherwise."""
    fields.setdefault("trend", Trend.UNCHANGED)
    fields.setdefault("reason", "Quiet.")
    return CountryTrendFactory(country=country, month=month, **fields)


def published_trend(country, month, **fields):
    """A published trend: deteriorated, with a reason, unless `fields` say otherwise."""
    return CountryTrendFactory(country=country, month=month, published=True, **fields)


# --- One per country and month ------------------------------------------------------------


def test_second_trend_for_the_same_country_and_month_is_refused_by_the_database(mali):
    draft_trend(mali, AUGUST)

    with pytest.raises(IntegrityError), transaction.atomic():
        draft_trend(mali, AUGUST)


def test_second_trend_is_refused_with_a_message_pointing_at_the_existing_one(mali):
    existing = published_trend(mali, AUGUST, reason="Soldiers overthrew the president.")
    second = CountryTrend(country=mali, month=AUGUST, trend=Trend.IMPROVED, reason="Other.")

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    (message,) = excinfo.value.messages
    assert "Mali already has a trend for August 2020" in message
    assert "Soldiers overthrew the president." in message
    assert f"#{existing.pk}" in message


def test_the_same_month_in_another_country_is_allowed(mali):
    draft_trend(mali, AUGUST)

    CountryTrend(country=country("NE"), month=AUGUST, trend=Trend.UNCHANGED, reason="Calm.").full_clean()


def test_admin_form_refuses_a_second_trend_with_a_link_to_the_first(admin_client, mali):
    existing = draft_trend(mali, AUGUST)

    response = admin_client.post(
        reverse("admin:briefings_countrytrend_add"),
        {"country": mali.pk, "month": "2020-08", "trend": Trend.IMPROVED, "alert": "", "reason": "Again."},
    )

    assert response.status_code == 200
    assert CountryTrend.objects.count() == 1
    errors = response.context["adminform"].form.non_field_errors()
    assert "already has a trend for August 2020" in errors[0]
    assert reverse("admin:briefings_countrytrend_change", args=[existing.pk]) in str(errors)


def test_admin_form_takes_a_month_and_stores_its_first_day(admin_client, staff_user, mali):
    response = admin_client.post(
        reverse("admin:briefings_countrytrend_add"),
        {
            "country": mali.pk,
            "month": "2020-08",
            "trend": Trend.DETERIORATED,
            "alert": TrendAlert.CONFLICT_RISK,
            "reason": "A coup.",
        },
    )

    assert response.status_code == 302
    trend = CountryTrend.objects.get()
    assert trend.month == AUGUST
    assert trend.status == PublicationStatus.DRAFT
    assert trend.recorded_by == staff_user


def test_a_month_must_be_given_as_its_first_day(mali):
    trend = CountryTrend(country=mali, month=datetime.date(2020, 8, 18), trend=Trend.UNCHANGED, reason=".")

    with pytest.raises(ValidationError) as excinfo:
        trend.full_clean()

    assert "2020-08-01" in excinfo.value.message_dict["month"][0]


def test_a_trend_saved_around_validation_still_keeps_the_first_of_the_month(mali):
    trend = draft_trend(mali, datetime.date(2020, 8, 18))

    trend.refresh_from_db()
    assert trend.month == AUGUST


def test_the_reason_is_one_line(mali):
    trend = CountryTrend(country=mali, month=AUGUST, trend=Trend.UNCHANGED, reason="One.\nTwo.")

    with pytest.raises(ValidationError) as excinfo:
        trend.full_clean()

    assert "reason" in excinfo.value.message_dict


# --- Workflow ---------------------------------------------------------------------------


def test_editor_publishes_a_reviewed_trend(mali, editor):
    trend = draft_trend(mali, AUGUST)

    services.country_trend_transition(trend=trend, to_status=PublicationStatus.IN_REVIEW, user=editor)
    services.country_trend_transition(trend=trend, to_status=PublicationStatus.PUBLISHED, user=editor)

    assert CountryTrend.objects.published().get() == trend
    assert trend.published_at is not None


def test_analyst_cannot_publish_a_trend(mali, analyst):
    trend = draft_trend(mali, AUGUST, status=PublicationStatus.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        services.country_trend_transition(trend=trend, to_status=PublicationStatus.PUBLISHED, user=analyst)


def test_a_draft_trend_cannot_skip_review(mali, editor):
    trend = draft_trend(mali, AUGUST)

    with pytest.raises(services.TransitionError):
        services.country_trend_transition(trend=trend, to_status=PublicationStatus.PUBLISHED, user=editor)


def test_admin_action_publishes_reviewed_trends(admin_client, mali):
    trend = draft_trend(mali, AUGUST, status=PublicationStatus.IN_REVIEW)

    admin_client.post(
        reverse("admin:briefings_countrytrend_changelist"),
        {"action": "publish", "_selected_action": [trend.pk]},
    )

    trend.refresh_from_db()
    assert trend.status == PublicationStatus.PUBLISHED


def test_only_published_trends_are_public(mali):
    published = published_trend(mali, AUGUST)
    draft_trend(mali, SEPTEMBER, status=PublicationStatus.IN_REVIEW)
    draft_trend(country("NE"), SEPTEMBER)

    assert list(CountryTrend.objects.published()) == [published]


# --- The strip, the changes, the feed -----------------------------------------------------


def test_trend_strip_runs_oldest_first_with_text_labels(mali):
    published_trend(mali, SEPTEMBER, trend=Trend.UNCHANGED)
    published_trend(mali, AUGUST, trend=Trend.DETERIORATED, alert=TrendAlert.CONFLICT_RISK)
    draft_trend(mali, datetime.date(2020, 10, 1), trend=Trend.IMPROVED)

    cells = trend_strip(mali)

    assert [(c.month, c.arrow, c.trend_label, c.alert_label) for c in cells] == [
        (AUGUST, "↓", "deteriorated", "conflict risk"),
        (SEPTEMBER, "→", "unchanged", ""),
    ]


def test_trend_strip_shows_only_events_a_reader_may_open(mali):
    public_event, private_event = EventFactory(title="Cited"), EventFactory(title="Uncited")
    BriefingFactory(published=True).events.add(public_event)
    published_trend(mali, AUGUST).events.add(public_event, private_event)

    (cell,) = trend_strip(mali)

    urls = {event.title: event.url for event in cell.events}
    # The uncited event is in no published briefing: its title must not reach a reader.
    assert urls == {"Cited": public_event.get_absolute_url()}


def test_trend_strip_costs_three_queries(mali, django_assert_num_queries):
    for month in range(1, 13):
        published_trend(mali, datetime.date(2020, month, 1)).events.add(EventFactory())

    # The trends, their events, and which events a reader may open.
    with django_assert_num_queries(3):
        cells = trend_strip(mali)

    assert len(cells) == 12


def test_trend_strip_partial_renders_arrows_with_words_and_anchors(mali):
    from django.template.loader import render_to_string

    published_trend(mali, AUGUST, alert=TrendAlert.CONFLICT_RISK, reason="A coup.")

    html = render_to_string("briefings/_trend_strip.html", {"trend_strip": trend_strip(mali)})

    assert '<span class="trend-cell__arrow" aria-hidden="true">↓</span>' in html
    assert '<span class="trend-cell__label">deteriorated</span>' in html
    assert 'id="trend-2020-08"' in html
    assert "conflict risk" in html


def test_trend_changes_show_the_latest_months_changes_only(mali):
    published_trend(mali, AUGUST, trend=Trend.DETERIORATED)
    published_trend(mali, SEPTEMBER, trend=Trend.DETERIORATED, reason="Mali worse.")
    published_trend(country("NE"), SEPTEMBER, trend=Trend.UNCHANGED)
    published_trend(country("BF"), SEPTEMBER, trend=Trend.UNCHANGED, alert=TrendAlert.RESOLUTION_OPPORTUNITY)

    changes = trend_changes(today=datetime.date(2020, 9, 20))

    assert changes.month == SEPTEMBER
    assert [(c.country_name, c.trend) for c in changes.changes] == [
        ("Burkina Faso", Trend.UNCHANGED),
        ("Mali", Trend.DETERIORATED),
    ]
    assert changes.unchanged == 1


def test_trend_changes_ignore_drafts_and_months_to_come(mali):
    draft_trend(mali, SEPTEMBER, trend=Trend.DETERIORATED)
    published_trend(mali, datetime.date(2030, 1, 1))

    assert trend_changes(today=datetime.date(2020, 9, 20)).month is None


def test_feed_is_atom_with_published_trends_only(client, mali):
    published_trend(mali, AUGUST, alert=TrendAlert.CONFLICT_RISK, reason="A coup.")
    draft_trend(mali, SEPTEMBER, reason="Not yet reviewed.")

    response = client.get(reverse("briefings:trend-feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [
        "Mali, August 2020: ↓ deteriorated (alert: conflict risk)"
    ]
    assert feed.entries[0].link.endswith("/countries/mali/#trend-2020-08")
    assert b"Not yet reviewed." not in response.content


def test_trend_admin_changelist_loads(admin_client, mali):
    published_trend(mali, AUGUST)

    assert admin_client.get(reverse("admin:briefings_countrytrend_changelist")).status_code == 200


def test_trend_str_names_country_month_and_trend(mali):
    assert str(draft_trend(mali, AUGUST, trend=Trend.IMPROVED)) == "Mali, August 2020: improved"


def test_trend_points_at_its_month_on_the_country_page(mali):
    assert draft_trend(mali, AUGUST).get_absolute_url() == mali.get_absolute_url() + "#trend-2020-08"


def test_trend_events_are_kept_apart_from_briefing_events(mali):
    event = EventFactory()
    published_trend(mali, AUGUST).events.add(event)

    assert list(event.trends.values_list("month", flat=True)) == [AUGUST]
    assert not models.Briefing.objects.filter(events=event).exists()
