"""Draft a briefing from a source: one link opens a new briefing with the source's accepted
countries, actors and events, the source, and its draft assessments as key judgments in the
article's order; saving it keeps them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from briefings.models import Assessment, Briefing, Event, KeyJudgment

from ..factories import SourceFactory
from ..helpers import admin_url, change_url, form_fields, post_data

ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. The junta will probably stay in power for years. On August 9, French "
    "Ambassador to Niger Claire Martin met with representatives of the Council for National "
    "Renewal (CNR). The CNR is unlikely to hold elections soon."
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_source(admin_client):
    """A source whose suggestions were accepted on its page, both judgments ticked."""
    source = SourceFactory(title="Coup in Niger", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1))
    url = reverse("curation:source-suggestions", args=[source.pk])
    data = post_data(form_fields(admin_client.get(url).content.decode(), "curation-accept-form"))
    data.update({"judgments-0-keep": "on", "judgments-1-keep": "on"})
    admin_client.post(url, data)
    assert Assessment.objects.count() == 2
    return source


def draft_url(source) -> str:
    return admin_url(Briefing, "add") + f"?from_source={source.pk}"


def in_article_order():
    return sorted(Assessment.objects.all(), key=lambda a: ARTICLE.index(a.statement))


def test_the_source_page_offers_to_draft_a_briefing(admin_client, accepted_source):
    soup = BeautifulSoup(admin_client.get(change_url(accepted_source)).content, "html.parser")
    assert soup.find("a", string="Draft a briefing from this source")["href"] == draft_url(accepted_source)


def test_the_suggestions_page_after_accepting_offers_to_draft_a_briefing(admin_client, accepted_source):
    page = admin_client.get(reverse("curation:source-suggestions", args=[accepted_source.pk]))
    link = BeautifulSoup(page.content, "html.parser").select_one(".curation-accepted a.button")
    assert link["href"] == draft_url(accepted_source)


def test_a_drafted_briefing_opens_with_what_was_accepted_from_the_source(admin_client, accepted_source):
    response = admin_client.get(draft_url(accepted_source))
    form = response.context["adminform"].form
    assert set(form["events"].value()) == set(Event.objects.values_list("pk", flat=True))
    assert form["sources"].value() == [accepted_source.pk]
    assert {a.name for a in form.fields["actors"].queryset.filter(pk__in=form["actors"].value())} >= {
        "Claire Martin",
        "Council for National Renewal",
    }
    assert "NE" in set(
        form.fields["countries"]
        .queryset.filter(pk__in=form["countries"].value())
        .values_list("iso2", flat=True)
    )
    rows = response.context["inline_admin_formsets"][0].formset.forms
    offered = [(row["order"].value(), row["assessment"].value()) for row in rows]
    assert offered == [(1, in_article_order()[0].pk), (2, in_article_order()[1].pk), (3, None)]


def test_saving_a_drafted_briefing_keeps_its_key_judgments_in_order(admin_client, accepted_source):
    html = admin_client.get(draft_url(accepted_source)).content.decode()
    data = post_data(
        form_fields(html, "briefing_form"),
        title="Niger after the coup",
        slug="niger-after-the-coup",
        summary="The junta is settling in.",
    )
    response = admin_client.post(draft_url(accepted_source), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    briefing = Briefing.objects.get()
    assert [(link.order, link.assessment) for link in briefing.judgment_links.order_by("order")] == [
        (1, in_article_order()[0]),
        (2, in_article_order()[1]),
    ]
    assert list(briefing.sources.all()) == [accepted_source]
    assert briefing.events.count() == Event.objects.count()


def test_a_drafted_judgment_the_analyst_cleared_is_not_saved(admin_client, accepted_source):
    html = admin_client.get(draft_url(accepted_source)).content.decode()
    data = post_data(
        form_fields(html, "briefing_form"),
        title="Niger after the coup",
        slug="niger-after-the-coup",
        summary="The junta is settling in.",
    )
    data["judgment_links-0-assessment"] = ""
    admin_client.post(draft_url(accepted_source), data)
    assert list(KeyJudgment.objects.values_list("assessment", flat=True)) == [in_article_order()[1].pk]


def test_an_unknown_source_opens_an_empty_briefing(admin_client):
    response = admin_client.get(admin_url(Briefing, "add") + "?from_source=999999")
    assert response.status_code == 200
    assert not response.context["adminform"].form["events"].value()


def test_a_new_key_judgment_row_is_numbered_after_the_last(admin_client):
    from ..factories import BriefingFactory, KeyJudgmentFactory

    briefing = BriefingFactory()
    KeyJudgmentFactory(briefing=briefing, order=4)
    response = admin_client.get(change_url(briefing))
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.empty_form["order"].value() == 5
    assert "admin-extra/key-judgment-order.js" in response.content.decode()
