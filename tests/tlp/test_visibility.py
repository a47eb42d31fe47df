"""Who may read what: the TLP 2.0 rule, defined once in `visible_to(reader)`."""

import pytest

from briefings.models import ANONYMOUS, Assessment, Briefing, Event, Excerpt, Source, Tlp
from briefings.services.readers import reader_context

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def visible(user_or_reader):
    reader = user_or_reader if user_or_reader is ANONYMOUS else reader_context(user_or_reader.user)
    return set(Briefing.objects.visible_to(reader).values_list("marking", flat=True))


def test_the_public_reads_only_tlp_clear(briefing_at):
    for level in Tlp.values:
        briefing_at(level)
    assert visible(ANONYMOUS) == {Tlp.CLEAR}


def test_a_green_reader_reads_clear_and_green(briefing_at, make_reader, outsider):
    for level in Tlp.values:
        briefing_at(level)
    assert visible(make_reader(Tlp.GREEN, outsider)) == {Tlp.CLEAR, Tlp.GREEN}


def test_amber_reaches_a_recipient_organisation_and_its_clients_only(
    briefing_at, make_reader, partner, partner_client, outsider
):
    briefing_at(Tlp.AMBER, recipients=[partner])
    assert Tlp.AMBER in visible(make_reader(Tlp.AMBER, partner))
    assert Tlp.AMBER in visible(make_reader(Tlp.AMBER, partner_client))
    assert Tlp.AMBER not in visible(make_reader(Tlp.AMBER, outsider))


def test_amber_needs_an_amber_clearance_even_in_a_recipient_organisation(briefing_at, make_reader, partner):
    briefing_at(Tlp.AMBER, recipients=[partner])
    assert Tlp.AMBER not in visible(make_reader(Tlp.GREEN, partner))


def test_amber_reaches_the_desks_own_organisation_and_its_clients(briefing_at, make_reader, desk):
    from ..factories import OrganisationFactory

    briefing_at(Tlp.AMBER)
    assert Tlp.AMBER in visible(make_reader(Tlp.AMBER, desk))
    assert Tlp.AMBER in visible(
        make_reader(Tlp.AMBER, OrganisationFactory(name="Desk client", client_of=desk))
    )


def test_amber_strict_reaches_the_recipient_organisation_but_not_its_clients(
    briefing_at, make_reader, partner, partner_client
):
    briefing_at(Tlp.AMBER_STRICT, recipients=[partner])
    assert Tlp.AMBER_STRICT in visible(make_reader(Tlp.AMBER_STRICT, partner))
    assert Tlp.AMBER_STRICT not in visible(make_reader(Tlp.RED, partner_client))


def test_red_reaches_only_the_readers_named_on_the_briefing(briefing_at, make_reader, partner, desk):
    named = make_reader(Tlp.RED, partner)
    briefing_at(Tlp.RED, recipients=[partner], readers=[named.user])
    assert Tlp.RED in visible(named)
    assert Tlp.RED not in visible(make_reader(Tlp.RED, partner))
    assert Tlp.RED not in visible(make_reader(Tlp.RED, desk))


def test_a_named_reader_cleared_below_red_does_not_read_red(briefing_at, make_reader, partner):
    named = make_reader(Tlp.AMBER, partner)
    briefing_at(Tlp.RED, readers=[named.user])
    assert Tlp.RED not in visible(named)


def test_staff_without_a_reader_profile_read_the_public_site_as_the_public(briefing_at):
    briefing_at(Tlp.GREEN)
    editor = UserFactory(role="editor")
    assert reader_context(editor) == ANONYMOUS


def test_an_inactive_readers_account_reads_as_the_public(briefing_at, make_reader):
    briefing_at(Tlp.GREEN)
    reader = make_reader(Tlp.GREEN)
    reader.user.is_active = False
    reader.user.save()
    assert reader_context(reader.user) == ANONYMOUS


@pytest.mark.parametrize("model", [Assessment, Event, Excerpt, Source])
def test_what_a_restricted_briefing_shows_is_hidden_from_the_public(briefing_at, model):
    briefing_at(Tlp.GREEN)
    assert not model.objects.visible_to(ANONYMOUS).exists()
    assert model.objects.published().exists()


@pytest.mark.parametrize("model", [Assessment, Event, Excerpt, Source])
def test_what_a_restricted_briefing_shows_is_read_by_its_readers(briefing_at, make_reader, model):
    briefing_at(Tlp.GREEN)
    reader = reader_context(make_reader(Tlp.GREEN).user)
    assert model.objects.visible_to(reader).exists()


def test_an_item_re_marked_above_its_briefing_is_hidden_from_that_briefings_readers(briefing_at):
    briefing = briefing_at(Tlp.CLEAR)
    event = briefing.events.get()
    Event.objects.filter(pk=event.pk).update(marking=Tlp.AMBER)
    assert not Event.objects.visible_to(ANONYMOUS).filter(pk=event.pk).exists()
    assert Briefing.objects.visible_to(ANONYMOUS).filter(pk=briefing.pk).exists()


def test_the_public_sees_a_clear_item_of_a_restricted_briefing_only_through_a_clear_briefing(briefing_at):
    restricted = briefing_at(Tlp.GREEN)
    clear_event = restricted.events.get()
    Event.objects.filter(pk=clear_event.pk).update(marking=Tlp.CLEAR)
    assert not Event.objects.visible_to(ANONYMOUS).filter(pk=clear_event.pk).exists()
    briefing_at(Tlp.CLEAR).events.add(clear_event)
    assert Event.objects.visible_to(ANONYMOUS).filter(pk=clear_event.pk).exists()
