"""Readers: accounts made by the command or an administrator, with an organisation and a
clearance, never staff; they sign in and out on the public site, throttled like the admin."""

import io

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from briefings.models import ReaderProfile, Tlp

from ..factories import PASSWORD, OrganisationFactory, UserFactory
from ..helpers import admin_url, post_form

pytestmark = pytest.mark.django_db

LOGIN = reverse("briefings:reader-login")
STRONG = "Sahel-briefing-2020!"


@pytest.fixture
def password_env(monkeypatch):
    monkeypatch.setenv("READER_PASSWORD", STRONG)
    return "READER_PASSWORD"


def create(*args):
    out = io.StringIO()
    call_command("create_team_user", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.9")


def test_create_team_user_makes_a_reader_of_an_organisation_at_a_clearance(password_env):
    out = create(
        "lina",
        "--role",
        "reader",
        "--organisation",
        "Foreign Office",
        "--clearance",
        "amber",
        "--password-from-env",
        password_env,
    )
    user = get_user_model().objects.get(username="lina")
    assert not user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Reader"]
    assert (user.reader.organisation.name, user.reader.clearance) == ("Foreign Office", Tlp.AMBER)
    assert "reader of Foreign Office, cleared TLP:AMBER" in out


def test_create_team_user_reads_a_clearance_written_as_the_label(password_env):
    create(
        "lina",
        "--role",
        "reader",
        "--organisation",
        "FO",
        "--clearance",
        "TLP:AMBER+STRICT",
        "--password-from-env",
        password_env,
    )
    assert ReaderProfile.objects.get(user__username="lina").clearance == Tlp.AMBER_STRICT


def test_a_reader_without_organisation_or_clearance_is_a_usage_error(password_env):
    with pytest.raises(CommandError) as error:
        create("lina", "--role", "reader", "--clearance", "green", "--password-from-env", password_env)
    assert error.value.returncode == 2


def test_an_unknown_clearance_is_a_usage_error(password_env):
    with pytest.raises(CommandError) as error:
        create(
            "lina",
            "--role",
            "reader",
            "--organisation",
            "FO",
            "--clearance",
            "white",
            "--password-from-env",
            password_env,
        )
    assert error.value.returncode == 2 and "Unknown clearance" in str(error.value)


def test_a_staff_member_made_a_reader_loses_staff_access(password_env):
    UserFactory(username="jonas", role="editor")
    create("jonas", "--role", "reader", "--organisation", "FO", "--clearance", "green")
    user = get_user_model().objects.get(username="jonas")
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Reader"]


def test_a_reader_made_staff_again_is_no_longer_a_reader(password_env):
    create(
        "jonas",
        "--role",
        "reader",
        "--organisation",
        "FO",
        "--clearance",
        "green",
        "--password-from-env",
        password_env,
    )
    create("jonas", "--role", "analyst")
    user = get_user_model().objects.get(username="jonas")
    assert user.is_staff and not ReaderProfile.objects.filter(user=user).exists()


def test_an_administrator_makes_a_reader_in_the_admin(client):
    organisation = OrganisationFactory(name="Partner ministry")
    user = UserFactory(username="lina", is_staff=True)
    client.force_login(UserFactory(role="administrator"))
    response = post_form(
        client,
        admin_url(get_user_model(), "change", user.pk),
        inline_rows={"reader": [{"organisation": organisation.pk, "clearance": Tlp.AMBER}]},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user.refresh_from_db()
    assert user.reader.clearance == Tlp.AMBER and not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Reader"]


def test_an_administrator_adds_organisations_with_their_clients(client):
    client.force_login(UserFactory(role="administrator"))
    parent = OrganisationFactory(name="Partner ministry")
    response = post_form(
        client, admin_url(parent.__class__, "add"), name="Its contractor", client_of=parent.pk
    )
    assert response.status_code == 302
    assert parent.clients.get().name == "Its contractor"


def test_a_reader_cannot_enter_the_admin(client, make_reader):
    reader = make_reader(Tlp.RED)
    client.force_login(reader.user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_reader_signs_in_on_the_public_site(client, make_reader):
    reader = make_reader(Tlp.GREEN)
    response = sign_in(client, reader.user.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.user.pk)


def test_staff_are_sent_to_the_admin_to_sign_in(client):
    UserFactory(username="jonas", role="editor")
    response = sign_in(client, "jonas", PASSWORD)
    assert response.status_code == 200
    assert (
        "The desk's staff sign in at the admin." in BeautifulSoup(response.content, "html.parser").get_text()
    )
    assert "_auth_user_id" not in client.session


def test_the_readers_sign_in_is_throttled_after_five_failures(client, make_reader):
    reader = make_reader(Tlp.GREEN)
    for _ in range(5):
        sign_in(client, reader.user.username, "wrong")
    response = sign_in(client, reader.user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=reader.user.username).failures_since_start >= 5


def test_a_reader_signs_out(client, make_reader):
    reader = make_reader(Tlp.GREEN)
    client.force_login(reader.user)
    response = client.post(reverse("briefings:reader-logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_offers_sign_in_to_the_public_and_sign_out_to_a_reader(client, make_reader):
    assert LOGIN in client.get("/").content.decode()
    client.force_login(make_reader(Tlp.GREEN).user)
    page = client.get("/").content.decode()
    assert reverse("briefings:reader-logout") in page and reverse("briefings:reader-account") in page
