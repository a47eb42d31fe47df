"""The workflow services: the table of moves, the log each move writes, the author rule,
review comments and scheduled publication."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from briefings import services
from briefings.models import Briefing, BriefingTransition, PublicationStatus, ReviewComment

from ..factories import ReviewCommentFactory, UserFactory
from ..helpers import briefing_in, future

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWN,
)


# --- The table -------------------------------------------------------------------------


def test_allowed_transitions_are_the_desk_workflow():
    assert {
        DRAFT: {IN_REVIEW},
        IN_REVIEW: {PUBLISHED, DRAFT},
        PUBLISHED: {WITHDRAWN},
        WITHDRAWN: {DRAFT},
    } == services.ALLOWED_TRANSITIONS


def test_every_move_names_a_permission_that_exists(db):
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.values_list("codename", flat=True))
    assert {move.permission.split(".")[1] for move in services.WORKFLOW.values()} <= codenames


def test_withdrawn_briefing_cannot_be_republished_without_review(editor):
    briefing = briefing_in(WITHDRAWN)
    with pytest.raises(services.TransitionError, match="cannot become published"):
        services.briefing_publish(briefing=briefing, user=editor)


# --- The log ---------------------------------------------------------------------------

MOVES = [
    (DRAFT, IN_REVIEW, services.briefing_submit),
    (IN_REVIEW, PUBLISHED, services.briefing_publish),
    (IN_REVIEW, DRAFT, services.briefing_return_to_draft),
    (PUBLISHED, WITHDRAWN, services.briefing_withdraw),
    (WITHDRAWN, DRAFT, services.briefing_return_to_draft),
]


@pytest.mark.parametrize(
    ("from_status", "to_status", "service"), MOVES, ids=lambda v: getattr(v, "__name__", v)
)
def test_each_move_is_logged_with_who_when_from_to_and_comment(editor, from_status, to_status, service):
    briefing = briefing_in(from_status)
    before = timezone.now()
    service(briefing=briefing, user=editor, comment="Checked the sourcing.")
    step = BriefingTransition.objects.get(briefing=briefing)
    assert (step.user, step.from_status, step.to_status, step.comment) == (
        editor,
        from_status,
        to_status,
        "Checked the sourcing.",
    )
    assert step.at >= before


def test_refused_move_writes_no_log(analyst):
    briefing = briefing_in(IN_REVIEW, authors=[analyst])
    with pytest.raises(PermissionDenied):
        services.briefing_publish(briefing=briefing, user=analyst)
    assert not BriefingTransition.objects.exists()


def test_move_and_log_are_one_transaction(editor, monkeypatch):
    """If the log cannot be written, the briefing does not move either."""
    briefing = briefing_in(IN_REVIEW)

    def broken_create(**kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr(BriefingTransition.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        services.briefing_publish(briefing=briefing, user=editor)
    briefing.refresh_from_db()
    assert (briefing.status, briefing.published_at) == (IN_REVIEW, None)


def test_second_publish_is_told_it_is_already_published(editor):
    briefing = briefing_in(IN_REVIEW, title="Mali after the coup")
    services.briefing_publish(briefing=briefing, user=editor)
    with pytest.raises(services.TransitionError, match="already published"):
        services.briefing_publish(briefing=Briefing.objects.get(pk=briefing.pk), user=editor)


def test_publishing_sets_publication_time(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_publish(briefing=briefing, user=editor)
    assert briefing.published_at is not None
    assert Briefing.objects.published().filter(pk=briefing.pk).exists()


def test_republished_briefing_keeps_its_first_publication_date(editor):
    first = timezone.now() - datetime.timedelta(days=30)
    briefing = briefing_in(WITHDRAWN, published_at=first)
    services.briefing_return_to_draft(briefing=briefing, user=editor)
    services.briefing_submit(briefing=briefing, user=editor)
    services.briefing_publish(briefing=briefing, user=editor)
    assert briefing.published_at == first


def test_withdrawn_briefing_leaves_the_public_pages_at_once(client, editor):
    briefing = briefing_in(PUBLISHED)
    assert client.get(briefing.get_absolute_url()).status_code == 200
    services.briefing_withdraw(briefing=briefing, user=editor)
    assert client.get(briefing.get_absolute_url()).status_code == 404
    assert briefing.title not in client.get(reverse("briefings:home")).content.decode()


# --- Who may ---------------------------------------------------------------------------


def test_author_may_submit_their_draft(analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    services.briefing_submit(briefing=briefing, user=analyst)
    assert briefing.status == IN_REVIEW


def test_co_author_may_submit_the_draft(analyst):
    briefing = briefing_in(DRAFT, authors=[UserFactory(), analyst])
    services.briefing_submit(briefing=briefing, user=analyst)
    assert briefing.status == IN_REVIEW


def test_analyst_may_not_submit_another_analysts_draft(analyst):
    briefing = briefing_in(DRAFT, authors=[UserFactory()])
    with pytest.raises(PermissionDenied, match="drafts you author"):
        services.briefing_submit(briefing=briefing, user=analyst)
    briefing.refresh_from_db()
    assert briefing.status == DRAFT


@pytest.mark.parametrize("status", [IN_REVIEW, PUBLISHED, WITHDRAWN])
def test_analyst_may_not_change_their_briefing_once_out_of_draft(analyst, status):
    assert not services.briefing_may_change(user=analyst, briefing=briefing_in(status, authors=[analyst]))


def test_analyst_may_change_their_own_draft(analyst):
    assert services.briefing_may_change(user=analyst, briefing=briefing_in(DRAFT, authors=[analyst]))


@pytest.mark.parametrize("status", PublicationStatus.values)
def test_editor_may_change_any_briefing(editor, status):
    assert services.briefing_may_change(user=editor, briefing=briefing_in(status, authors=[UserFactory()]))


def test_analyst_is_told_publishing_is_for_editors(analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    with pytest.raises(PermissionDenied, match="Only editors may publish"):
        services.briefing_publish(briefing=briefing, user=analyst)


def test_inactive_editor_may_not_publish(editor):
    editor.is_active = False
    with pytest.raises(PermissionDenied):
        services.briefing_publish(briefing=briefing_in(IN_REVIEW), user=editor)


def test_only_editors_record_outcomes_and_publish_trends(analyst, editor):
    assert (services.user_is_editor(analyst), services.user_is_editor(editor)) == (False, True)


def test_available_moves_follow_role_and_status(analyst, editor):
    draft = briefing_in(DRAFT, authors=[analyst])
    reviewed = briefing_in(IN_REVIEW, authors=[analyst])
    actions = lambda user, b: [m.action for _, m in services.briefing_available_moves(user=user, briefing=b)]  # noqa: E731
    assert actions(analyst, draft) == ["submit"]
    assert actions(analyst, reviewed) == []
    assert sorted(actions(editor, reviewed)) == ["publish", "return_to_draft"]


# --- Review comments -------------------------------------------------------------------


def test_returning_from_review_needs_a_comment(editor):
    briefing = briefing_in(IN_REVIEW)
    with pytest.raises(services.TransitionError, match="say what should change"):
        services.briefing_return_to_draft(briefing=briefing, user=editor, comment="  ")
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW


def test_returning_from_review_leaves_the_comment_for_the_authors(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_return_to_draft(briefing=briefing, user=editor, comment="Source the second judgment.")
    comment = ReviewComment.objects.get(briefing=briefing)
    assert (comment.author, comment.text, comment.resolved) == (editor, "Source the second judgment.", False)


def test_returning_a_withdrawn_briefing_needs_no_comment(editor):
    briefing = briefing_in(WITHDRAWN)
    services.briefing_return_to_draft(briefing=briefing, user=editor)
    assert briefing.status == DRAFT


def test_editor_comments_on_briefing_in_review(editor):
    briefing = briefing_in(IN_REVIEW)
    services.review_comment_add(briefing=briefing, user=editor, text="Tighten the bottom line.")
    assert briefing.review_comments.get().text == "Tighten the bottom line."


def test_analyst_may_not_leave_review_comments(analyst):
    with pytest.raises(PermissionDenied):
        services.review_comment_add(briefing=briefing_in(IN_REVIEW), user=analyst, text="Looks fine to me.")


def test_review_comments_are_left_only_in_review(editor):
    with pytest.raises(ValidationError, match="in review"):
        services.review_comment_add(briefing=briefing_in(DRAFT), user=editor, text="Early thoughts.")


def test_author_resolves_comments_on_their_draft(analyst):
    briefing = briefing_in(DRAFT, authors=[analyst])
    comment = ReviewCommentFactory(briefing=briefing, text="Add a source.")
    services.review_comments_resolve(briefing=briefing, user=analyst, ids=[comment.pk])
    comment.refresh_from_db()
    assert comment.resolved


# --- Scheduled publication -------------------------------------------------------------


def test_scheduled_briefing_is_not_public_before_its_time(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future())
    assert (briefing.status, briefing.published_at) == (IN_REVIEW, None)
    assert not Briefing.objects.published().filter(pk=briefing.pk).exists()


def test_scheduling_is_logged(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future())
    step = BriefingTransition.objects.get(briefing=briefing)
    assert (step.user, step.from_status, step.to_status) == (editor, IN_REVIEW, IN_REVIEW)
    assert step.comment.startswith("Scheduled for publication on")


def test_schedule_in_the_past_is_refused(editor):
    with pytest.raises(ValidationError, match="time to come"):
        services.briefing_schedule(
            briefing=briefing_in(IN_REVIEW), user=editor, at=timezone.now() - datetime.timedelta(minutes=1)
        )


@pytest.mark.parametrize("status", [DRAFT, PUBLISHED, WITHDRAWN])
def test_only_a_briefing_in_review_can_be_scheduled(editor, status):
    with pytest.raises(services.TransitionError, match="Only a briefing in review"):
        services.briefing_schedule(briefing=briefing_in(status), user=editor, at=future())


def test_analyst_may_not_schedule(analyst):
    with pytest.raises(PermissionDenied, match="Only editors may schedule"):
        services.briefing_schedule(
            briefing=briefing_in(IN_REVIEW, authors=[analyst]), user=analyst, at=future()
        )


def test_cancelling_a_schedule_keeps_it_in_review(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future())
    services.briefing_schedule(briefing=briefing, user=editor, at=None)
    assert (briefing.status, briefing.scheduled_for) == (IN_REVIEW, None)


def test_returning_to_draft_drops_the_schedule(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future())
    services.briefing_return_to_draft(briefing=briefing, user=editor, comment="Not yet.")
    assert (briefing.status, briefing.scheduled_for) == (DRAFT, None)


def test_publish_due_publishes_what_is_due_as_the_desk(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future(hours=1))
    later = timezone.now() + datetime.timedelta(hours=2)
    assert services.briefings_publish_due(now=later) == [briefing]
    briefing.refresh_from_db()
    assert briefing.status == PUBLISHED
    step = briefing.transitions.get(to_status=PUBLISHED)
    assert step.user is None
    assert step.comment.startswith("Published as scheduled")


def test_publish_due_leaves_what_is_not_yet_due(editor):
    briefing = briefing_in(IN_REVIEW)
    services.briefing_schedule(briefing=briefing, user=editor, at=future(hours=3))
    assert services.briefings_publish_due() == []
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW
