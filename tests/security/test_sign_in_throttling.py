"""Sign-in throttling (django-axes): after five failures for one account from one address,
that account waits there, even with the right password; another account from the same
address does not; the lockout is recorded."""

import pytest
from axes.models import AccessAttempt

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7")


def test_five_failures_then_the_right_password_is_refused_with_a_clear_message(client):
    UserFactory(username="amira", role="analyst")
    for _ in range(5):
        sign_in(client, "amira", "wrong")

    response = sign_in(client, "amira", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client):
    UserFactory(username="amira", role="analyst")
    for _ in range(4):
        sign_in(client, "amira", "wrong")

    response = sign_in(client, "amira", PASSWORD)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_another_account_at_the_same_address_is_not_locked_out(client):
    UserFactory(username="amira", role="analyst")
    UserFactory(username="jonas", role="editor")
    for _ in range(6):
        sign_in(client, "amira", "wrong")

    response = sign_in(client, "jonas", PASSWORD)

    assert response.status_code == 302


def test_the_lockout_is_recorded(client):
    UserFactory(username="amira", role="analyst")
    for _ in range(6):
        sign_in(client, "amira", "wrong")

    attempt = AccessAttempt.objects.get(username="amira")
    assert attempt.failures_since_start >= 5 and attempt.ip_address == "203.0.113.7"
