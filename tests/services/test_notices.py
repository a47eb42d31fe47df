"""Notices: the people a briefing's move concerns are told, in the admin and by e-mail,
once the move is committed; a mail server that fails never refuses a move."""

import logging

import pytest

from briefings import services
from briefings.models import Notice, NoticeKind, PublicationStatus
from briefings.services.notices import notices_mark_read

from ..factories import UserFactory
from ..helpers import briefing_in

IN_REVIEW, DRAFT = PublicationStatus.IN_REVIEW, PublicationStatus.DRAFT


@pytest.fixture
def amira(db):
    return UserFactory(username="amira", role="analyst", first_name="Amira", last_name="Haddad")


@pytest.fixture
def editors(db):
    return [
        UserFactory(username="eddie", role="editor", first_name="Eddie", last_name="Okafor"),
        UserFactory(username="nour", role="editor", first_name="Nour", last_name="Saleh"),
    ]


def test_submitting_tells_every_editor_and_not_the_author(amira, editors):
    briefing = briefing_in(DRAFT, authors=[amira], title="Ceasefire in the north")
    services.briefing_submit(briefing=briefing, user=amira)
    notices = Notice.objects.order_by("recipient__username")
    assert [(n.recipient.username, n.kind) for n in notices] == [
        ("eddie", NoticeKind.SUBMITTED),
        ("nour", NoticeKind.SUBMITTED),
    ]
    assert notices[0].text == "Amira Haddad submitted “Ceasefire in the north” for review."


def test_returning_tells_the_authors_with_the_editors_comment(amira, editors):
    briefing = briefing_in(IN_REVIEW, authors=[amira])
    services.briefing_return_to_draft(briefing=briefing, user=editors[0], comment="Cite the monitors.")
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (amira, NoticeKind.RETURNED)
    assert "Eddie Okafor returned" in notice.text
    assert notice.text.endswith("Cite the monitors.")


def test_publishing_tells_the_authors_only(amira, editors):
    briefing = briefing_in(IN_REVIEW, authors=[amira])
    services.briefing_publish(briefing=briefing, user=editors[0])
    assert [(n.recipient, n.kind) for n in Notice.objects.all()] == [(amira, NoticeKind.PUBLISHED)]


def test_a_scheduled_publication_tells_the_authors_the_desk_published_it(amira, editors):
    briefing = briefing_in(IN_REVIEW, authors=[amira])
    services.briefing_transition(briefing=briefing, to_status=PublicationStatus.PUBLISHED, user=None)
    assert Notice.objects.get().text.startswith("The desk published")


def test_a_refused_move_leaves_no_notice(amira, editors):
    briefing = briefing_in(IN_REVIEW, authors=[amira])
    with pytest.raises(services.TransitionError):
        services.briefing_return_to_draft(briefing=briefing, user=editors[0], comment="")
    assert not Notice.objects.exists()


def test_marking_read_touches_only_your_own_notices(amira, editors):
    briefing = briefing_in(DRAFT, authors=[amira])
    services.briefing_submit(briefing=briefing, user=amira)
    assert notices_mark_read(user=editors[0]) == 1
    assert list(Notice.objects.unread().values_list("recipient__username", flat=True)) == ["nour"]


def test_no_mail_leaves_before_the_move_is_committed(
    amira, editors, mailoutbox, django_capture_on_commit_callbacks
):
    briefing = briefing_in(DRAFT, authors=[amira])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.briefing_submit(briefing=briefing, user=amira)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == ["eddie@example.org", "nour@example.org"]


def test_the_mail_server_receives_each_notice_with_a_link_to_the_briefing(
    amira, editors, smtp_server, django_capture_on_commit_callbacks
):
    briefing = briefing_in(DRAFT, authors=[amira], title="Ceasefire in the north")
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_submit(briefing=briefing, user=amira)
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_return_to_draft(briefing=briefing, user=editors[0], comment="Cite the monitors.")

    received = sorted(smtp_server.messages, key=lambda m: m["to"])
    assert [m["to"] for m in received] == [["amira@example.org"], ["eddie@example.org"], ["nour@example.org"]]
    to_amira = received[0]["message"]
    # Unfolded from the encoded header, the subject keeps the fold's space.
    assert to_amira["Subject"].strip() == "“Ceasefire in the north” returned to draft"
    assert to_amira["From"] == "desk@example.org"
    body = to_amira.get_content()
    assert "Cite the monitors." in body
    assert f"https://desk.example.org/admin/briefings/briefing/{briefing.pk}/change/" in body
    assert received[1]["message"]["Subject"].strip() == "“Ceasefire in the north” submitted for review"


def test_a_mail_server_that_fails_is_logged_and_the_move_stands(
    amira, editors, settings, caplog, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    briefing = briefing_in(DRAFT, authors=[amira])
    with (
        caplog.at_level(logging.ERROR, logger="briefings.services.notices"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.briefing_submit(briefing=briefing, user=amira)
    briefing.refresh_from_db()
    assert briefing.status == IN_REVIEW
    assert Notice.objects.count() == 2
    assert "Could not e-mail 2 notice(s)" in caplog.text


def test_a_person_without_an_address_is_told_in_the_admin_only(
    amira, editors, mailoutbox, django_capture_on_commit_callbacks
):
    editors[1].email = ""
    editors[1].save()
    briefing = briefing_in(DRAFT, authors=[amira])
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_submit(briefing=briefing, user=amira)
    assert [m.to for m in mailoutbox] == [["eddie@example.org"]]
    assert Notice.objects.filter(recipient=editors[1]).exists()
