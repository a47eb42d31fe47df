"""Who may do what to a briefing in which status: role x action x status, through the
services and through the admin (real POSTs, as each role), against one table written out
here by hand from the desk's rules rather than read back from the code under test."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from briefings import services
from briefings.models import Briefing, BriefingTransition, PublicationStatus, ReviewComment

from ..factories import SourceFactory, UserFactory
from ..helpers import (
    admin_form_data,
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
STATUSES = [DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN]
ACTIONS = ["submit", "publish", "return_to_draft", "withdraw", "schedule", "comment"]

# What an editor may do, and from which status.
EDITOR_MAY = {
    ("submit", DRAFT),
    ("publish", IN_REVIEW),
    ("return_to_draft", IN_REVIEW),
    ("return_to_draft", WITHDRAWN),
    ("withdraw", PUBLISHED),
    ("schedule", IN_REVIEW),
    ("comment", IN_REVIEW),
}
# "author" is an analyst who (co-)authors the briefing; "analyst" one who does not.
MAY = {
    "author": {("submit", DRAFT)},
    "analyst": set(),
    "editor": EDITOR_MAY,
    "administrator": set(),
    "superuser": EDITOR_MAY,
}
ROLES = list(MAY)
# Where each action leaves the briefing when it is allowed.
TO_STATUS = {"submit": IN_REVIEW, "publish": PUBLISHED, "return_to_draft": DRAFT, "withdraw": WITHDRAWN}
# Who may edit a briefing's content, by status.
MAY_EDIT = {
    "author": {DRAFT},
    "analyst": set(),
    "editor": set(STATUSES),
    "administrator": set(),
    "superuser": set(STATUSES),
}

CASES = [(role, action, status) for role in ROLES for action in ACTIONS for status in STATUSES]
CASE_IDS = [f"{role}-{action}-{status}" for role, action, status in CASES]


def make_user(role: str):
    """A user in `role`; an author is an analyst, made an author of the briefing by `setup_case`."""
    return UserFactory(username=role, role="analyst" if role == "author" else role)


def setup_case(role: str, status: str):
    user = make_user(role)
    other = UserFactory(username="someone-else")
    authors = [user, other] if role == "author" else [other]
    return user, briefing_in(status, authors=authors, title="Russia and the coup in Mali")


def outcome(briefing: Briefing, action: str, status: str) -> bool:
    """Whether the action took effect on the stored briefing."""
    briefing.refresh_from_db()
    if action == "schedule":
        return briefing.scheduled_for is not None
    if action == "comment":
        return ReviewComment.objects.filter(briefing=briefing).exists()
    return (
        briefing.status == TO_STATUS[action] and BriefingTransition.objects.filter(briefing=briefing).exists()
    )


def assert_untouched(briefing: Briefing, status: str):
    briefing.refresh_from_db()
    assert (briefing.status, briefing.scheduled_for) == (status, None)
    assert not BriefingTransition.objects.filter(briefing=briefing).exists()
    assert not ReviewComment.objects.filter(briefing=briefing).exists()


# --- Through the services --------------------------------------------------------------


def call_service(action: str, briefing: Briefing, user):
    if action == "schedule":
        return services.briefing_schedule(briefing=briefing, user=user, at=future())
    if action == "comment":
        return services.review_comment_add(briefing=briefing, user=user, text="Tighten the bottom line.")
    service = {
        "submit": services.briefing_submit,
        "publish": services.briefing_publish,
        "return_to_draft": services.briefing_return_to_draft,
        "withdraw": services.briefing_withdraw,
    }[action]
    return service(briefing=briefing, user=user, comment="Reviewed.")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "status"), CASES, ids=CASE_IDS)
def test_service(role, action, status):
    user, briefing = setup_case(role, status)
    if (action, status) in MAY[role]:
        call_service(action, briefing, user)
        assert outcome(briefing, action, status)
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            call_service(action, briefing, user)
        assert_untouched(briefing, status)


# --- Through the admin's change page ---------------------------------------------------


def press(client, briefing, action: str, user):
    """Press the action's button on the change page as `user`; someone who may not change
    the briefing posts what the page would send them (the superuser's form)."""
    fields = {"workflow-action": action, "workflow-comment": "Reviewed."}
    if action == "schedule":
        fields["workflow-scheduled_for"] = local_input(future())
    if services.briefing_may_change(user=user, briefing=briefing):
        client.force_login(user)
        return post_change(client, briefing, **fields)
    client.force_login(UserFactory(username="form-maker", role="superuser"))
    data = admin_form_data(client, change_url(briefing), **fields)
    client.force_login(user)
    return client.post(change_url(briefing), data)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "status"), CASES, ids=CASE_IDS)
def test_admin_change_page(client, role, action, status):
    user, briefing = setup_case(role, status)
    response = press(client, briefing, action, user)
    if (action, status) in MAY[role]:
        assert response.status_code == 302
        assert outcome(briefing, action, status)
    else:
        # Refused, with the reason beside the form, or forbidden outright to someone who
        # may not change this briefing at all.
        if response.status_code == 200:
            assert response.context["adminform"].form.non_field_errors()
        else:
            assert response.status_code == 403
        assert_untouched(briefing, status)


# --- Through the admin's list actions --------------------------------------------------

LIST_ACTIONS = {
    "submit": "submit_for_review",
    "publish": "publish",
    "return_to_draft": "return_to_draft",
    "withdraw": "withdraw",
}
LIST_CASES = [(r, a, s) for r, a, s in CASES if a in LIST_ACTIONS]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "action", "status"), LIST_CASES, ids=[f"{r}-{a}-{s}" for r, a, s in LIST_CASES]
)
def test_admin_list_action(client, role, action, status):
    user, briefing = setup_case(role, status)
    client.force_login(user)
    response = run_action(
        client, LIST_ACTIONS[action], briefing, apply="yes", **{"workflow-comment": "Reviewed."}
    )
    if (action, status) in MAY[role]:
        assert outcome(briefing, action, status)
    else:
        assert response.status_code in (302, 403)
        assert_untouched(briefing, status)


# --- Editing the content ---------------------------------------------------------------

EDIT_CASES = [(role, status) for role in ROLES for status in STATUSES]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), EDIT_CASES, ids=[f"{r}-{s}" for r, s in EDIT_CASES])
def test_admin_edit(client, role, status):
    user, briefing = setup_case(role, status)
    client.force_login(UserFactory(username="form-maker", role="superuser"))
    data = admin_form_data(client, change_url(briefing), title="A sharper title")
    client.force_login(user)
    response = client.post(change_url(briefing), data)
    briefing.refresh_from_db()
    if status in MAY_EDIT[role]:
        assert response.status_code == 302
        assert briefing.title == "A sharper title"
    else:
        assert response.status_code == 403
        assert briefing.title == "Russia and the coup in Mali"


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [("analyst", 200), ("editor", 200), ("administrator", 403)])
def test_who_may_read_briefings_in_the_admin(client, role, expected):
    client.force_login(make_user(role))
    assert client.get(change_url(briefing_in(IN_REVIEW))).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [("analyst", 403), ("editor", 302), ("administrator", 403)])
def test_who_may_delete_a_briefing(client, role, expected):
    briefing = briefing_in(DRAFT)
    client.force_login(make_user(role))
    response = client.post(reverse("admin:briefings_briefing_delete", args=[briefing.pk]), {"post": "yes"})
    assert response.status_code == expected
    assert Briefing.objects.filter(pk=briefing.pk).exists() == (expected != 302)


# --- The rest of each role -------------------------------------------------------------

CURATED = ["source", "excerpt", "country", "region", "actor", "event", "assessment"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", CURATED)
@pytest.mark.parametrize(("role", "expected"), [("analyst", 200), ("editor", 200), ("administrator", 403)])
def test_who_may_add_curated_material(client, role, expected, model):
    client.force_login(make_user(role))
    assert client.get(reverse(f"admin:briefings_{model}_add")).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [("analyst", 403), ("editor", 302)])
def test_who_may_delete_a_source(client, role, expected):
    source = SourceFactory()
    client.force_login(make_user(role))
    response = client.post(reverse("admin:briefings_source_delete", args=[source.pk]), {"post": "yes"})
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"), [("analyst", 403), ("editor", 403), ("administrator", 200), ("superuser", 200)]
)
def test_who_manages_accounts(client, role, expected):
    client.force_login(make_user(role))
    assert client.get(reverse("admin:auth_user_add")).status_code == expected


@pytest.mark.django_db
def test_administrator_creates_an_account(client):
    client.force_login(make_user("administrator"))
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "newcomer", "password1": "", "password2": "", "usable_password": "false"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="newcomer").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("analyst", False), ("editor", True), ("administrator", False), ("superuser", True)],
)
def test_who_may_restore_versions(role, expected):
    assert make_user(role).has_perm("briefings.restore_version") == expected
