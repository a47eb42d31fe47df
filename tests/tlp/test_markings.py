"""TLP 2.0 markings: the five labels in order, the desk's default for new items, and the
admin's lists, filters and forms."""

import pytest
from bs4 import BeautifulSoup

from briefings.models import Assessment, Briefing, Event, Excerpt, Source, Tlp
from briefings.models.choices import tlp_at_or_below

from ..factories import (
    AssessmentFactory,
    BriefingFactory,
    EventFactory,
    ExcerptFactory,
    SourceFactory,
    UserFactory,
)
from ..helpers import admin_url

MARKED = [Briefing, Assessment, Event, Source, Excerpt]
FACTORIES = {
    Briefing: BriefingFactory,
    Assessment: AssessmentFactory,
    Event: EventFactory,
    Source: SourceFactory,
    Excerpt: ExcerptFactory,
}


def test_the_labels_are_first_s_tlp_2_0_from_widest_to_narrowest():
    assert Tlp.labels == ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
    assert tlp_at_or_below(Tlp.AMBER) == [Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER]


@pytest.mark.django_db
@pytest.mark.parametrize("model", MARKED)
def test_a_new_item_takes_the_desks_default_marking(model, settings):
    settings.BRIEFINGS_DEFAULT_TLP = "amber"
    assert FACTORIES[model]().marking == Tlp.AMBER


@pytest.mark.django_db
@pytest.mark.parametrize("model", MARKED)
def test_a_marking_outside_tlp_2_0_cannot_be_stored(model):
    from django.db import IntegrityError, transaction

    row = FACTORIES[model]()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(marking="white")


@pytest.mark.django_db
@pytest.mark.parametrize("model", MARKED)
def test_the_admin_lists_filters_and_edits_the_marking(model, client):
    FACTORIES[model](marking=Tlp.GREEN)
    client.force_login(UserFactory(role="editor"))
    listing = BeautifulSoup(client.get(admin_url(model, "changelist")).content, "html.parser")
    assert listing.select_one(".column-marking")
    assert "TLP:GREEN" in listing.select_one("#result_list").get_text()
    assert "By TLP marking" in listing.get_text()
    filtered = client.get(admin_url(model, "changelist") + "?marking__exact=red")
    assert filtered.context["cl"].result_count == 0
    form = client.get(admin_url(model, "add")).context["adminform"].form
    assert "marking" in form.fields


@pytest.mark.django_db
def test_the_briefing_form_names_recipient_organisations_and_readers(client):
    client.force_login(UserFactory(role="editor"))
    form = client.get(admin_url(Briefing, "add")).context["adminform"].form
    assert {"recipient_organisations", "recipient_readers"} <= set(form.fields)
