"""The workflow on a briefing's admin change page: its buttons, its log, review comments,
scheduling, and what a POST that tries to go around them gets."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

from briefings.models import Briefing, BriefingTransition, PublicationStatus, ReviewComment

from ..factories import BriefingTransitionFactory, ReviewCommentFactory, UserFactory
from ..helpers import (
    admin_form_data,
    admin_url,
    briefing_in,
    change_url,
    future,
    local_input,
    post_change,
    run_action,
)

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWN,
)


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def page(client, briefing) -> BeautifulSoup:
    response = client.get(change_url(briefing))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def buttons(soup) -> list[str]:
    return [b["value"] for b in soup.select("button[name=workflow-action]")]


def error_texts(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level == ERROR]


# --- The panel -------------------------------------------------------------------------


def test_status_field_is_read_only(editor_client):
    soup = page(editor_client, briefing_in(IN_REVIEW))
    assert soup.select_one("#id_status").has_attr("disabled")


def test_author_sees_submit_on_their_draft(analyst_client, analyst):
    assert buttons(page(analyst_client, briefing_in(DRAFT, authors=[analyst]))) == ["submit"]


def test_editor_sees_the_moves_of_a_briefing_in_review(editor_client):
    soup = page(editor_client, briefing_in(IN_REVIEW))
    assert buttons(soup) == ["publish", "return_to_draft", "comment", "schedule"]


def test_analyst_sees_no_button_on_another_analysts_draft(analyst_client):
    soup = page(analyst_client, briefing_in(DRAFT, authors=[UserFactory()]))
    assert buttons(soup) == []
    assert "analysts change only the drafts they author" in soup.select_one("#workflow").get_text()


def test_workflow_buttons_follow_the_save_button(editor_client):
    """Enter in a text field presses the form's first button: it must be Save, not Publish."""
    soup = page(editor_client, briefing_in(IN_REVIEW))
    first = soup.select_one("#briefing_form").select("input[type=submit], button[type=submit]")[0]
    assert first["name"] == "_save"


def test_change_page_shows_the_log(editor_client, editor):
    briefing = briefing_in(IN_REVIEW)
    BriefingTransitionFactory(
        briefing=briefing, user=editor, from_status=DRAFT, to_status=IN_REVIEW, comment="Ready."
    )
    rows = page(editor_client, briefing).select(".workflow-log tbody tr")
    assert [[td.get_text(strip=True) for td in row.select("td")][1:] for row in rows] == [
        ["eddie", "draft → in review", "Ready."]
    ]


def test_change_page_queries_do_not_grow_with_the_log(editor_client, editor, django_assert_num_queries):
    """The log and the comments are each read in one query, whatever their length."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    briefing = briefing_in(IN_REVIEW)

    def add_steps(n):
        for _ in range(n):
            BriefingTransitionFactory(
                briefing=briefing, user=UserFactory(), from_status=DRAFT, to_status=IN_REVIEW
            )
            ReviewCommentFactory(briefing=briefing, author=UserFactory(), text="Check this.")

    def count():
        with CaptureQueriesContext(connection) as queries:
            editor_client.get(change_url(briefing))
        return len(queries)

    add_steps(1)
    editor_client.get(change_url(briefing))
    with_one = count()
    add_steps(8)
    assert count() == with_one


# --- Moves through the buttons ---------------------------------------------------------


def test_author_submits_their_draft_with_the_button(analyst_client, analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    response = post_change(analyst_client, briefing, **{"workflow-action": "submit"})
    assert response.status_code == 302
    assert response["Location"] == change_url(briefing)
    step = BriefingTransition.objects.get(briefing=briefing)
    assert (step.user, step.from_status, step.to_status) == (analyst, DRAFT, IN_REVIEW)


def test_button_saves_the_edits_with_the_move(analyst_client, analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    post_change(analyst_client, briefing, title="Sharper title", **{"workflow-action": "submit"})
    briefing.refresh_from_db()
    assert (briefing.title, briefing.status) == ("Sharper title", IN_REVIEW)


def test_editor_publishes_with_the_button(editor_client):
    briefing = briefing_in(IN_REVIEW)
    post_change(editor_client, briefing, **{"workflow-action": "publish", "workflow-comment": "Good to go."})
    briefing.refresh_from_db()
    assert briefing.status == PUBLISHED
    assert briefing.transitions.get().comment == "Good to go."


def test_return_to_draft_without_a_comment_is_refused(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(editor_client, briefing, title="Edited", **{"workflow-action": "return_to_draft"})
    assert response.status_code == 200
    assert "beside the comment" in str(response.context["adminform"].form.non_field_errors())
    briefing.refresh_from_db()
    assert (briefing.status, briefing.title) == (IN_REVIEW, briefing.title)
    assert briefing.title != "Edited"


def test_return_to_draft_without_a_comment_says_so_beside_the_comment_box(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(editor_client, briefing, **{"workflow-action": "return_to_draft"})
    box = BeautifulSoup(response.content, "html.parser").find("textarea", attrs={"name": "workflow-comment"})
    row = box.find_parent(class_="form-row")
    assert "errors" in row["class"]
    assert "say what should change" in row.find(class_="errorlist").get_text()


def test_the_return_to_draft_action_without_a_comment_asks_again_beside_the_box(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = editor_client.post(
        admin_url(Briefing, "changelist"),
        {
            "action": "return_to_draft",
            ACTION_CHECKBOX_NAME: [briefing.pk],
            "apply": "yes",
            "workflow-comment": " ",
        },
    )
    assert response.status_code == 200
    row = BeautifulSoup(response.content, "html.parser").find("textarea").find_parent(class_="form-row")
    assert "Say what should change" in row.find(class_="errorlist").get_text()
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW


def test_returned_briefing_shows_the_comment_to_its_author(client, editor, analyst):
    briefing = briefing_in(IN_REVIEW, authors=[analyst])
    client.force_login(editor)
    post_change(
        client,
        briefing,
        **{"workflow-action": "return_to_draft", "workflow-comment": "Source the second judgment."},
    )
    client.force_login(analyst)
    comments = page(client, briefing).select(".workflow-comments .workflow-comment-text")
    assert [c.get_text(strip=True) for c in comments] == ["Source the second judgment."]


def test_editor_comment_on_briefing_in_review_is_seen_by_the_author(client, editor, analyst):
    briefing = briefing_in(IN_REVIEW, authors=[analyst])
    client.force_login(editor)
    post_change(
        client, briefing, **{"workflow-action": "comment", "workflow-comment": "Cite the ambassador."}
    )
    client.force_login(analyst)
    soup = page(client, briefing)  # read-only for the author while in review, comments shown
    assert "Cite the ambassador." in soup.select_one(".workflow-comments").get_text()
    assert Briefing.objects.get(pk=briefing.pk).status == IN_REVIEW


def test_author_marks_a_comment_dealt_with(analyst_client, analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    comment = ReviewCommentFactory(briefing=briefing, text="Add a source.")
    post_change(analyst_client, briefing, **{"workflow-resolved": [comment.pk]})
    comment.refresh_from_db()
    assert comment.resolved


def test_editor_schedules_publication_with_the_button(editor_client):
    briefing = briefing_in(IN_REVIEW)
    when = future(hours=48).replace(second=0, microsecond=0)
    post_change(
        editor_client,
        briefing,
        **{"workflow-action": "schedule", "workflow-scheduled_for": local_input(when)},
    )
    briefing.refresh_from_db()
    assert (briefing.status, briefing.scheduled_for) == (IN_REVIEW, when)
    assert not briefing.is_public


def test_scheduled_briefing_says_so_in_the_list(editor_client, editor):
    from briefings import services

    briefing = briefing_in(IN_REVIEW, title="Embargoed")
    services.briefing_schedule(briefing=briefing, user=editor, at=future())
    response = editor_client.get(reverse("admin:briefings_briefing_changelist"))
    assert "to be published" in response.content.decode()


def test_schedule_without_a_time_is_refused(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(editor_client, briefing, **{"workflow-action": "schedule"})
    assert response.status_code == 200
    briefing.refresh_from_db()
    assert briefing.scheduled_for is None


# --- POSTs that try to go around the workflow ------------------------------------------


def test_analyst_posting_status_published_changes_nothing_and_says_why(analyst_client, analyst):
    briefing = briefing_in(DRAFT, authors=[analyst], title="Draft title")
    response = post_change(analyst_client, briefing, title="Edited", status=PUBLISHED)
    assert response.status_code == 200
    assert "Only editors may publish" in response.context["adminform"].form.errors["status"][0]
    briefing.refresh_from_db()
    assert (briefing.status, briefing.title, briefing.published_at) == (DRAFT, "Draft title", None)
    assert not BriefingTransition.objects.exists()


def test_editor_posting_a_status_is_pointed_to_the_button(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = post_change(editor_client, briefing, status=PUBLISHED)
    assert "use “Publish” below" in response.context["adminform"].form.errors["status"][0]
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW


def test_a_posted_publication_date_is_not_a_field_of_the_form_and_changes_nothing(editor_client):
    # The one control that sets a publication time is the workflow panel's "Publish at".
    briefing = briefing_in(IN_REVIEW)
    post_change(editor_client, briefing, published_at_0="2020-09-25", published_at_1="10:00")
    briefing.refresh_from_db()
    assert (briefing.status, briefing.published_at) == (IN_REVIEW, None)


def test_analyst_pressing_a_crafted_publish_button_changes_nothing(analyst_client, analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    response = post_change(analyst_client, briefing, **{"workflow-action": "publish"})
    assert response.status_code == 200
    assert "Only editors may publish" in str(response.context["adminform"].form.non_field_errors())
    briefing.refresh_from_db()
    assert briefing.status == DRAFT


def test_analyst_posting_the_publish_action_is_told_why(analyst_client, analyst):
    briefing = briefing_in(IN_REVIEW, authors=[analyst])
    response = run_action(analyst_client, "publish", briefing)
    assert response.status_code == 302
    assert error_texts(response) == ["Only editors may publish a briefing. Nothing was changed."]
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW


def test_analyst_list_offers_no_publish_action(analyst_client):
    briefing_in(DRAFT)
    response = analyst_client.get(reverse("admin:briefings_briefing_changelist"))
    actions = [value for value, _ in response.context["action_form"].fields["action"].choices]
    assert "publish" not in actions and "withdraw" not in actions
    assert "submit_for_review" in actions


def test_analyst_submitting_another_analysts_draft_from_the_list_is_refused(analyst_client):
    briefing = briefing_in(DRAFT, authors=[UserFactory()], title="Not mine")
    response = run_action(analyst_client, "submit_for_review", briefing)
    assert "drafts you author" in error_texts(response)[0]
    briefing.refresh_from_db()
    assert briefing.status == DRAFT


def test_analyst_posting_to_another_analysts_draft_is_forbidden(client, analyst):
    briefing = briefing_in(DRAFT, authors=[UserFactory()], title="Not mine")
    client.force_login(UserFactory(username="boss", role="superuser"))
    data = admin_form_data(client, change_url(briefing), title="Hijacked")
    client.force_login(analyst)
    assert client.post(change_url(briefing), data).status_code == 403
    briefing.refresh_from_db()
    assert briefing.title == "Not mine"


def test_analyst_may_read_another_analysts_draft(analyst_client):
    soup = page(analyst_client, briefing_in(DRAFT, authors=[UserFactory()]))
    assert soup.select_one("input[name=_save]") is None


def test_return_to_draft_action_asks_for_the_comment_first(editor_client):
    briefing = briefing_in(IN_REVIEW)
    response = run_action(editor_client, "return_to_draft", briefing)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("textarea[name=workflow-comment]")
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW


def test_return_to_draft_action_leaves_the_comment(editor_client):
    briefing = briefing_in(IN_REVIEW)
    run_action(editor_client, "return_to_draft", briefing, apply="yes", **{"workflow-comment": "Too long."})
    assert ReviewComment.objects.get(briefing=briefing).text == "Too long."


# --- Creating a briefing -----------------------------------------------------------------


def test_analyst_who_creates_a_briefing_is_its_author_and_may_edit_it(analyst_client, analyst):
    add = reverse("admin:briefings_briefing_add")
    response = analyst_client.post(
        add,
        admin_form_data(analyst_client, add, title="Wagner in Mali", slug="wagner-in-mali", summary="BLUF."),
    )
    assert response.status_code == 302
    briefing = Briefing.objects.get(slug="wagner-in-mali")
    assert list(briefing.authors.all()) == [analyst]
    assert post_change(analyst_client, briefing, title="Wagner in Mali, 2021").status_code == 302
