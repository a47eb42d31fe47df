"""`create_team_user`: accounts with a role for a new team's first day."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from ..factories import GroupFactory
from ..helpers import sign_in

STRONG = "Sahel-briefing-2020!"


def create(*args):
    out = io.StringIO()
    call_command("create_team_user", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def groups_of(username: str) -> list[str]:
    return sorted(get_user_model().objects.get(username=username).groups.values_list("name", flat=True))


@pytest.fixture
def password_env(monkeypatch):
    monkeypatch.setenv("TEAM_PASSWORD", STRONG)
    return "TEAM_PASSWORD"


def test_creates_staff_user_with_the_role(db, password_env):
    create("alice", "--role", "analyst", "--email", "alice@example.org", "--password-from-env", password_env)
    alice = get_user_model().objects.get(username="alice")
    assert (alice.is_staff, alice.is_superuser, alice.email) == (True, False, "alice@example.org")
    assert groups_of("alice") == ["Analyst"]


def test_password_from_the_environment_lets_them_sign_in(client, db, password_env):
    create("alice", "--role", "analyst", "--password-from-env", password_env)
    assert sign_in(client, "alice", STRONG)
    assert client.get(reverse("admin:briefings_source_add")).status_code == 200


def test_running_again_changes_the_role_and_duplicates_nothing(db, password_env):
    create("bob", "--role", "analyst", "--password-from-env", password_env)
    output = create("bob", "--role", "editor")
    assert get_user_model().objects.filter(username="bob").count() == 1
    assert groups_of("bob") == ["Editor"]
    assert output.startswith("Updated editor “bob”")


def test_running_again_keeps_the_password_and_other_groups(db, password_env):
    create("bob", "--role", "analyst", "--password-from-env", password_env)
    GroupFactory(name="Sahel desk").user_set.add(get_user_model().objects.get(username="bob"))
    create("bob", "--role", "editor", "--no-input")
    bob = get_user_model().objects.get(username="bob")
    assert bob.check_password(STRONG)
    assert groups_of("bob") == ["Editor", "Sahel desk"]


def test_role_names_ignore_case(db):
    create("carol", "--role", "Administrator", "--no-password")
    assert groups_of("carol") == ["Administrator"]


def test_no_password_leaves_an_unusable_one(db):
    create("dave", "--role", "editor", "--no-password")
    assert not get_user_model().objects.get(username="dave").has_usable_password()


def test_unknown_role_is_a_usage_error(db):
    with pytest.raises(CommandError, match="Unknown role “boss”") as excinfo:
        create("erin", "--role", "boss", "--no-password")
    assert excinfo.value.returncode == 2
    assert not get_user_model().objects.filter(username="erin").exists()


def test_unknown_role_exits_with_status_2():
    result = subprocess.run(
        [sys.executable, "manage.py", "create_team_user", "erin", "--role", "boss", "--no-password"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Unknown role “boss”: choose analyst, editor, administrator, reader." in result.stderr


def test_missing_environment_variable_is_a_usage_error(db, monkeypatch):
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(CommandError, match="NOT_SET_ANYWHERE") as excinfo:
        create("frank", "--role", "analyst", "--password-from-env", "NOT_SET_ANYWHERE")
    assert excinfo.value.returncode == 2


def test_new_user_without_a_password_source_is_refused_when_not_interactive(db):
    with pytest.raises(CommandError, match="needs a password") as excinfo:
        create("gina", "--role", "analyst", "--no-input")
    assert excinfo.value.returncode == 2
    assert not get_user_model().objects.filter(username="gina").exists()


def test_weak_password_is_refused(db, monkeypatch):
    monkeypatch.setenv("WEAK", "password")
    with pytest.raises(CommandError, match="too common") as excinfo:
        create("hank", "--role", "analyst", "--password-from-env", "WEAK")
    assert excinfo.value.returncode == 2
    assert not get_user_model().objects.filter(username="hank").exists()


def test_prompts_for_the_password_at_a_terminal(db, monkeypatch):
    from briefings.management.commands import create_team_user

    monkeypatch.setattr(create_team_user.sys, "stdin", type("Tty", (), {"isatty": lambda self: True})())
    monkeypatch.setattr(create_team_user.getpass, "getpass", lambda prompt="": STRONG)
    create("ivy", "--role", "analyst")
    assert get_user_model().objects.get(username="ivy").check_password(STRONG)


def test_quiet_at_verbosity_zero(db):
    assert create("jay", "--role", "analyst", "--no-password", "--verbosity", "0") == ""


def test_says_what_it_created(db):
    assert (
        create("kim", "--role", "editor", "--no-password") == "Created editor “kim” (staff, group Editor).\n"
    )


def test_an_administrator_cannot_make_anyone_a_superuser_in_the_admin(client, db):
    from ..factories import UserFactory
    from ..helpers import admin_form_data

    administrator = UserFactory(username="ops", role="administrator")
    amira = UserFactory(username="amira", role="analyst")
    client.force_login(administrator)
    page = reverse("admin:auth_user_change", args=[amira.pk])

    response = client.post(page, admin_form_data(client, page, is_superuser="on"))

    amira.refresh_from_db()
    assert response.status_code == 302 and not amira.is_superuser
    assert "is_superuser" not in client.get(page).context["adminform"].form.fields


def test_a_person_holds_one_role_at_a_time_in_the_admin(client, db):
    from django.contrib.auth.models import Group

    from ..factories import UserFactory
    from ..helpers import admin_form_data

    client.force_login(UserFactory(username="ops", role="administrator"))
    amira = UserFactory(username="amira", role="analyst")
    page = reverse("admin:auth_user_change", args=[amira.pk])
    both = [Group.objects.get(name="Analyst").pk, Group.objects.get(name="Editor").pk]

    response = client.post(page, admin_form_data(client, page, groups=both))

    assert response.status_code == 200
    assert "one role at a time" in str(response.context["adminform"].form.errors["groups"])


def test_full_name_is_stored_as_first_and_last_name(db):
    create("amira", "--role", "analyst", "--full-name", "Amira Haddad", "--no-password")
    amira = get_user_model().objects.get(username="amira")
    assert (amira.first_name, amira.last_name) == ("Amira", "Haddad")


def test_a_full_name_of_several_words_reads_back_as_written(db):
    from briefings.models import display_name

    create("ana", "--role", "editor", "--full-name", "  Ana de  Lopes Silva ", "--no-password")
    assert display_name(get_user_model().objects.get(username="ana")) == "Ana de Lopes Silva"


def test_running_again_with_a_full_name_renames_and_says_so(db):
    create("amira", "--role", "analyst", "--no-password")
    output = create("amira", "--role", "analyst", "--full-name", "Amira Haddad")
    assert output.startswith("Updated analyst Amira Haddad “amira”")


def test_an_empty_full_name_is_a_usage_error(db):
    with pytest.raises(CommandError, match="--full-name is empty") as raised:
        create("amira", "--role", "analyst", "--full-name", " ", "--no-password")
    assert raised.value.returncode == 2


def test_the_byline_shows_the_full_name_not_the_login(client, db):
    from ..factories import BriefingFactory

    create("amira", "--role", "analyst", "--full-name", "Amira Haddad", "--no-password")
    briefing = BriefingFactory(published=True)
    briefing.authors.add(get_user_model().objects.get(username="amira"))
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert '<p class="byline">By <span class="author">Amira Haddad</span></p>' in page


def test_an_administrator_names_a_new_account_on_the_add_page(admin_client):
    response = admin_client.get(reverse("admin:auth_user_add"))
    assert {"first_name", "last_name", "email"} <= set(response.context["adminform"].form.fields)


def test_a_name_longer_than_the_account_holds_is_a_usage_error(db):
    with pytest.raises(CommandError, match="The name is too long"):
        create("amira", "--role", "analyst", "--full-name", "A" * 151 + " Haddad", "--no-password")
