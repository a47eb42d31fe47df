"""The review loop in the admin: the queues on the admin home, the notices page, the
changes since an editor last reviewed a briefing, the one publication-time control and
workflow errors beside the controls they concern."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from briefings import services
from briefings.models import Notice, PublicationStatus

from ..factories import NoticeFactory, UserFactory
from ..helpers import briefing_in, change_url, client_for, future, post_change

DRAFT, IN_REVIEW = PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW
HOME = "/admin/"


@pytest.fixture
def amira(db):
    return UserFactory(username="amira", role="analyst", first_name="Amira", last_name="Haddad")


@pytest.fixture
def eddie(db):
    return UserFactory(username="eddie", role="editor", first_name="Eddie", last_name="Okafor")


def home(user) -> BeautifulSoup:
    response = client_for(user).get(HOME)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def queue_titles(soup, key) -> list[str]:
    return [a.get_text() for a in soup.select(f"#queue-{key} .review-queue-rows li > a:first-child")]


# --- The admin home's queues --------------------------------------------------------------


def test_editor_sees_submitted_briefings_waiting_for_review_with_count_and_links(amira, eddie):
    waiting = briefing_in(DRAFT, authors=[amira], title="Ceasefire in the north")
    services.briefing_submit(briefing=waiting, user=amira)
    briefing_in(DRAFT, title="Still a draft")
    soup = home(eddie)
    assert queue_titles(soup, "waiting") == ["Ceasefire in the north"]
    assert "(1)" in soup.select_one("#queue-waiting h2").get_text()
    link = soup.select_one("#queue-waiting .review-queue-rows a")["href"]
    assert link == change_url(waiting)


def test_analyst_has_no_review_queue_but_sees_what_was_returned_with_the_comment(amira, eddie):
    briefing = briefing_in(DRAFT, authors=[amira], title="Ceasefire in the north")
    services.briefing_submit(briefing=briefing, user=amira)
    services.briefing_return_to_draft(briefing=briefing, user=eddie, comment="Cite the monitors.")
    soup = home(amira)
    assert soup.select_one("#queue-waiting") is None
    assert queue_titles(soup, "returned") == ["Ceasefire in the north"]
    assert "Cite the monitors." in soup.select_one("#queue-returned").get_text()


def test_a_draft_that_never_went_to_review_is_not_returned(amira):
    briefing_in(DRAFT, authors=[amira], title="Fresh draft")
    assert queue_titles(home(amira), "returned") == []


def test_a_returned_briefing_resubmitted_leaves_the_returned_queue(amira, eddie):
    briefing = briefing_in(DRAFT, authors=[amira])
    services.briefing_submit(briefing=briefing, user=amira)
    services.briefing_return_to_draft(briefing=briefing, user=eddie, comment="Cite the monitors.")
    services.briefing_submit(briefing=briefing, user=amira)
    assert queue_titles(home(amira), "returned") == []


def test_scheduled_queue_lists_briefings_with_a_publication_time_to_come(amira, eddie):
    briefing = briefing_in(IN_REVIEW, authors=[amira], title="Embargoed until Monday")
    services.briefing_schedule(briefing=briefing, user=eddie, at=future(hours=48))
    briefing_in(PublicationStatus.PUBLISHED, title="Already out")
    soup = home(eddie)
    assert queue_titles(soup, "scheduled") == ["Embargoed until Monday"]
    # Scheduled means reviewed: it no longer waits for review.
    assert queue_titles(soup, "waiting") == []


def test_admin_home_queues_cost_a_fixed_number_of_queries(amira, eddie, django_assert_max_num_queries):
    for n in range(5):
        services.briefing_submit(briefing=briefing_in(DRAFT, authors=[amira], title=f"Brief {n}"), user=amira)
    client = client_for(eddie)
    client.get(HOME)
    # The queues are three counts and three lists, whatever their length (none per row);
    # the rest is the admin's own session, user and app list.
    with django_assert_max_num_queries(14):
        client.get(HOME)


# --- Notices ----------------------------------------------------------------------------------


def test_admin_home_counts_your_unread_notices(amira, eddie):
    briefing = briefing_in(DRAFT, authors=[amira])
    services.briefing_submit(briefing=briefing, user=amira)
    assert "1 unread notice" in home(eddie).select_one("#review-notices").get_text()
    assert "No unread notices" in home(amira).select_one("#review-notices").get_text()


def test_notices_page_lists_only_your_own_and_marks_them_read(amira, eddie):
    mine = NoticeFactory(recipient=amira, text="Returned: cite the monitors.")
    NoticeFactory(recipient=eddie, text="Someone else's notice.")
    client = client_for(amira)
    url = reverse("admin:briefings_notice_changelist")
    page = client.get(url).content.decode()
    assert "cite the monitors" in page
    assert "Someone else" not in page
    client.post(url, {"action": "mark_read", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    assert mine.is_read
    assert Notice.objects.unread().get().recipient == eddie


def test_nobody_marks_another_persons_notice_read(amira, eddie):
    theirs = NoticeFactory(recipient=eddie)
    client_for(amira).post(
        reverse("admin:briefings_notice_changelist"), {"action": "mark_read", "_selected_action": [theirs.pk]}
    )
    theirs.refresh_from_db()
    assert not theirs.is_read


# --- Changes since you last reviewed it -------------------------------------------------------


def test_editor_sees_the_fields_changed_since_they_returned_it(amira, eddie):
    briefing = briefing_in(DRAFT, authors=[amira], title="Ceasefire in the north", summary="A truce holds.")
    analyst, editor = client_for(amira), client_for(eddie)
    post_change(analyst, briefing, **{"workflow-action": "submit"})
    post_change(
        editor, briefing, **{"workflow-action": "return_to_draft", "workflow-comment": "Say who monitors it."}
    )
    post_change(analyst, briefing, summary="A truce holds, monitored by the joint commission.")
    post_change(analyst, briefing, **{"workflow-action": "submit"})

    page = BeautifulSoup(editor.get(change_url(briefing)).content, "html.parser")
    link = page.select_one("a.since-review-link")["href"]
    changes = BeautifulSoup(editor.get(link).content, "html.parser")
    labels = [h.get_text() for h in changes.select(".compare-field h2")]
    assert labels == ["Bottom line up front"]
    assert "joint commission" in changes.select_one(".compare-field ins").get_text()
    assert "Say who monitors it." in changes.get_text()
    # And from the queue on the admin home.
    assert home(eddie).select_one("#queue-waiting a.since-review-link")["href"] == link


def test_an_editor_who_never_reviewed_it_is_told_so(amira, eddie):
    briefing = briefing_in(IN_REVIEW, authors=[amira])
    client = client_for(eddie)
    assert client.get(change_url(briefing)).content.decode().count("since-review-link") == 0
    response = client.get(reverse("admin:briefings_briefing_since_review", args=[briefing.pk]))
    assert "You have not reviewed this briefing yet" in response.content.decode()


# --- One publication-time control, and errors beside their controls --------------------------


def test_the_briefing_form_has_one_publication_time_control_with_its_time_zone(eddie):
    briefing = briefing_in(IN_REVIEW)
    soup = BeautifulSoup(client_for(eddie).get(change_url(briefing)).content, "html.parser")
    time_inputs = soup.select("input[type=datetime-local], input[name^=published_at], input.vDateField")
    assert [i["name"] for i in time_inputs] == ["workflow-scheduled_for"]
    help_text = soup.select_one("#workflow .form-row:has(#id_workflow-scheduled_for) .help").get_text()
    assert "UTC" in help_text and "the desk's time zone" in help_text


def test_a_past_publication_time_is_refused_beside_the_control(eddie):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(
        client_for(eddie),
        briefing,
        **{"workflow-action": "schedule", "workflow-scheduled_for": "2020-01-01T09:00"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    beside = soup.select_one("#workflow-scheduled_for-errors").get_text()
    assert "Choose a time to come" in beside
    assert "beside “Publish at”" in " ".join(e.get_text() for e in soup.select(".errorlist.nonfield"))


def test_scheduling_without_a_time_is_refused_beside_the_control(eddie):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(client_for(eddie), briefing, **{"workflow-action": "schedule"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Choose the day and time" in soup.select_one("#workflow-scheduled_for-errors").get_text()


def test_a_refused_button_is_said_beside_the_buttons(eddie):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_publish(briefing=briefing, user=eddie)
    # Posted from a page opened before it was published: publishing again is refused.
    response = post_change(client_for(eddie), briefing, **{"workflow-action": "submit"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "cannot become" in soup.select_one("#workflow-errors").get_text()


def test_the_publication_date_is_shown_as_text_with_its_time_zone(eddie):
    import datetime

    from django.utils import timezone

    briefing = briefing_in(
        PublicationStatus.PUBLISHED, published_at=datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.UTC)
    )
    assert timezone.get_current_timezone_name() == "UTC"
    soup = BeautifulSoup(client_for(eddie).get(change_url(briefing)).content, "html.parser")
    shown = soup.select_one(".field-publication .readonly").get_text()
    assert shown == "First published 14 March 2026, 09:30 UTC."
