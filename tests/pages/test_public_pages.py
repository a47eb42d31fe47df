"""The public pages: what a reader sees, and what a reader must never see."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from briefings import charts
from briefings.models import ActorRole, Likelihood, PublicationStatus

from ..factories import (
    ActorAliasFactory,
    ActorFactory,
    AssessmentFactory,
    BriefingFactory,
    EventActorFactory,
    EventFactory,
    ExcerptFactory,
    KeyJudgmentFactory,
    country,
)
from ..helpers import build_briefing


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


# --- Home ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_lists_published_briefing_with_summary_countries_and_date(client):
    briefing = build_briefing(title="Coup in Mali", summary="Russia gains.")
    page = soup(client.get(reverse("briefings:home")))
    card = page.select_one(".briefing-card")
    assert card.select_one("a")["href"] == briefing.get_absolute_url()
    assert "Russia gains." in card.get_text()
    assert card.select_one("a.tag")["href"] == country("ML").get_absolute_url()
    assert card.select_one("time")["datetime"].startswith(f"{briefing.published_at:%Y-%m-%d}")


@pytest.mark.django_db
def test_home_paginates_briefings(client):
    for i in range(12):
        BriefingFactory(published=True, title=f"Briefing number {i:02d}")
    first = text_of(client.get(reverse("briefings:home")))
    second = text_of(client.get(reverse("briefings:home") + "?page=2"))
    assert "Page 1 of 2" in first
    assert second.count("Briefing number") == 2


@pytest.mark.django_db
def test_home_page_has_a_real_title_language_and_landmarks(client):
    page = soup(client.get(reverse("briefings:home")))
    assert page.html["lang"] == "en"
    assert page.title.get_text().strip() == "Briefing desk"
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.select_one("main#main") is not None
    assert page.select_one('link[rel="stylesheet"][media="print"]') is not None


# --- The briefing page -------------------------------------------------------------------


@pytest.mark.django_db
def test_briefing_page_title_names_the_briefing(client):
    briefing = build_briefing(title="Coup in Mali")
    page = soup(client.get(briefing.get_absolute_url()))
    assert page.title.get_text().startswith("Coup in Mali ·")
    assert page.h1.get_text() == "Coup in Mali"


@pytest.mark.django_db
def test_briefing_page_shows_each_judgment_with_likelihood_range_and_confidence(client):
    briefing = BriefingFactory(published=True)
    assessment = AssessmentFactory(likelihood=Likelihood.UNLIKELY, confidence="low")
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)
    judgment = soup(client.get(briefing.get_absolute_url())).select_one(f"#judgment-{assessment.pk}")
    words = " ".join(judgment.get_text(" ").split())
    assert assessment.statement in words
    assert "unlikely (20–45%)" in words
    assert "low confidence" in words


@pytest.mark.django_db
def test_briefing_page_lists_key_judgments_in_their_order(client):
    briefing = BriefingFactory(published=True)
    second = KeyJudgmentFactory(briefing=briefing, order=2, assessment__statement="Second judgment.")
    first = KeyJudgmentFactory(briefing=briefing, order=1, assessment__statement="First judgment.")
    statements = [h.get_text() for h in soup(client.get(briefing.get_absolute_url())).select(".judgment h3")]
    assert statements == [first.assessment.statement, second.assessment.statement]


@pytest.mark.django_db
def test_likelihood_scale_marks_the_range_with_a_text_equivalent(client):
    briefing = BriefingFactory(published=True)
    KeyJudgmentFactory(briefing=briefing, assessment__likelihood=Likelihood.VERY_LIKELY)
    scale = soup(client.get(briefing.get_absolute_url())).select_one("svg.likelihood-scale")
    assert scale["role"] == "img"
    assert "very likely, 80 to 95%" in scale["aria-label"]


@pytest.mark.django_db
def test_briefing_page_renders_body_markdown_as_html(client):
    briefing = build_briefing(body="## Background\n\nSome **bold** analysis.\n\n- one\n- two")
    analysis = soup(client.get(briefing.get_absolute_url())).select_one("#analysis .prose")
    assert analysis.h2.get_text() == "Background"
    assert analysis.strong.get_text() == "bold"
    assert len(analysis.select("ul li")) == 2


@pytest.mark.django_db
def test_briefing_page_shows_authors_and_dates(client):
    briefing = build_briefing()
    page = soup(client.get(briefing.get_absolute_url()))
    assert page.select_one(".byline .author").get_text() == "Ada Analyst"
    datetimes = [t["datetime"] for t in page.select(".briefing-header .meta time")]
    assert datetimes == [
        briefing.published_at.replace(microsecond=0).isoformat(),
        briefing.updated_at.replace(microsecond=0).isoformat(),
    ]


@pytest.mark.django_db
def test_footnotes_are_numbered_in_order_of_first_citation_judgments_first(client):
    briefing = build_briefing(events=1, judgments=1)
    page = soup(client.get(briefing.get_absolute_url()))
    judgment_ref = page.select_one(".judgment .fn-ref a")
    event_ref = page.select_one(".event-table .fn-ref a")
    assert judgment_ref.get_text() == "[1]"
    assert event_ref.get_text() == "[2]"
    assert "Moscow denied any part in it." in page.select_one("#fn-1").get_text()
    assert "The ambassador met the committee." in page.select_one("#fn-2").get_text()


@pytest.mark.django_db
def test_judgment_footnote_reference_links_to_the_footnote_and_back(client):
    briefing = build_briefing(events=1, judgments=1)
    page = soup(client.get(briefing.get_absolute_url()))
    ref = page.select_one(".judgment .fn-ref a")
    note = page.select_one(ref["href"])
    backlink = note.select_one(".footnote__backlinks a")
    assert backlink["href"] == f"#{ref['id']}"


@pytest.mark.django_db
def test_footnote_cited_in_two_places_links_back_to_both(client):
    briefing = BriefingFactory(published=True)
    excerpt = ExcerptFactory()
    for order in (1, 2):
        assessment = AssessmentFactory()
        assessment.evidence_excerpts.add(excerpt)
        KeyJudgmentFactory(briefing=briefing, assessment=assessment, order=order)
    page = soup(client.get(briefing.get_absolute_url()))
    refs = page.select(".judgment .fn-ref a")
    backlinks = page.select("#fn-1 .footnote__backlinks a")
    assert [ref.get_text() for ref in refs] == ["[1]", "[1]"]
    assert [a["href"] for a in backlinks] == [f"#{ref['id']}" for ref in refs]


@pytest.mark.django_db
def test_footnote_gives_source_and_admiralty_grade_in_words(client):
    briefing = build_briefing(events=1, judgments=1)
    note = " ".join(soup(client.get(briefing.get_absolute_url())).select_one("#fn-1").get_text(" ").split())
    assert "Grade B2 : source usually reliable; information probably true." in note
    assert "A. Writer" in note


@pytest.mark.django_db
def test_judgment_evidence_events_link_to_their_timeline_rows(client):
    briefing = build_briefing(events=1, judgments=1)
    event = briefing.events.get()
    page = soup(client.get(briefing.get_absolute_url()))
    link = page.select_one(".judgment .evidence__events a")
    assert link["href"] == f"#event-{event.slug}"
    assert page.select_one(f"tr#event-{event.slug}") is not None


@pytest.mark.django_db
def test_timeline_is_a_picture_and_a_table_of_the_same_events(client):
    briefing = build_briefing(events=3, judgments=1)
    page = soup(client.get(briefing.get_absolute_url()))
    picture = page.select_one("#timeline svg.timeline-chart")
    rows = page.select("#timeline table.event-table tbody tr")
    assert picture["role"] == "img"
    assert "3 events" in picture["aria-label"]
    assert len(picture.select("g.timeline-event")) == 3
    assert [row.select_one("td[data-label='What happened'] a").get_text() for row in rows] == list(
        briefing.events.order_by("date").values_list("title", flat=True)
    )


@pytest.mark.django_db
def test_timeline_legend_names_each_kind_present(client):
    briefing = build_briefing(events=1, judgments=1)
    legend = text_of(client.get(briefing.get_absolute_url()))
    assert "coup (star)" in legend


@pytest.mark.django_db
def test_timeline_row_shows_date_to_its_precision_and_actors_with_roles(client):
    briefing = build_briefing(events=1, judgments=1)
    event = briefing.events.get()
    event.date, event.date_precision = datetime.date(2019, 6, 1), "month"
    event.save()
    row = soup(client.get(briefing.get_absolute_url())).select_one(f"tr#event-{event.slug}")
    assert row.select_one("time")["datetime"] == "2019-06"
    assert row.select_one("time").get_text() == "June 2019"
    assert [r.get_text() for r in row.select(".role")] == ["initiator", "target"]


@pytest.mark.django_db
def test_actor_map_draws_initiator_to_target_with_a_text_list(client):
    briefing = build_briefing(events=1, judgments=1)
    roles = {r.role: r.actor for r in briefing.events.get().roles.all()}
    page = soup(client.get(briefing.get_absolute_url()))
    assert page.select_one("#actor-map svg.actor-map")["role"] == "img"
    item = " ".join(page.select_one("#actor-map .actor-links li").get_text(" ").split())
    assert f"{roles['initiator'].name} → acted on {roles['target'].name}" in item


@pytest.mark.django_db
def test_briefing_page_links_its_countries_and_actors(client):
    briefing = build_briefing()
    actor = ActorFactory(name="Igor Gromyko")
    briefing.actors.add(actor)
    page = soup(client.get(briefing.get_absolute_url()))
    hrefs = {a["href"] for a in page.select("#coverage a")}
    assert {country("ML").get_absolute_url(), actor.get_absolute_url()} <= hrefs


@pytest.mark.django_db
def test_judgments_and_events_have_visible_permalinks(client):
    briefing = build_briefing(events=1, judgments=1)
    page = soup(client.get(briefing.get_absolute_url()))
    for target in page.select(".judgment, .event-table tbody tr"):
        assert target.select_one("a.permalink")["href"] == f"#{target['id']}"


@pytest.mark.django_db
def test_briefing_page_carries_citation_and_open_graph_metadata(client):
    briefing = build_briefing(title="Coup in Mali")
    page = soup(client.get(briefing.get_absolute_url()))

    def meta(**attrs):
        return [tag["content"] for tag in page.find_all("meta", attrs=attrs)]

    assert meta(name="citation_title") == ["Coup in Mali"]
    assert meta(name="citation_author") == ["Ada Analyst"]
    assert meta(name="citation_publication_date") == [f"{briefing.published_at:%Y/%m/%d}"]
    assert meta(name="citation_online_date") == [f"{briefing.published_at:%Y/%m/%d}"]
    assert meta(property="og:title") == ["Coup in Mali"]
    assert meta(property="og:url") == [f"http://testserver{briefing.get_absolute_url()}"]


@pytest.mark.django_db
def test_cite_this_briefing_block_names_authors_title_site_date_and_address(client):
    briefing = build_briefing(title="Coup in Mali")
    block = " ".join(soup(client.get(briefing.get_absolute_url())).select_one("#cite").get_text(" ").split())
    assert "Ada Analyst" in block
    assert "“Coup in Mali.”" in block
    assert "Briefing desk" in block
    assert f"{briefing.published_at.day} {briefing.published_at:%B %Y}" in block
    assert f"http://testserver{briefing.get_absolute_url()}" in block


@pytest.mark.django_db
def test_briefing_page_has_no_inline_script_or_style_attribute(client):
    briefing = build_briefing()
    page = soup(client.get(briefing.get_absolute_url()))
    assert all(script.get("src") for script in page.find_all("script"))
    assert page.find(attrs={"style": True}) is None
    assert page.find(lambda tag: any(name.startswith("on") for name in tag.attrs)) is None


@pytest.mark.django_db
def test_timeline_picture_escapes_what_analysts_typed(client):
    briefing = build_briefing(events=1, judgments=1)
    briefing.events.update(title='<script>alert("x")</script> & more')
    page = soup(client.get(briefing.get_absolute_url()))
    picture = page.select_one("svg.timeline-chart")
    assert picture.find("script") is None
    assert '<script>alert("x")</script> & more' in picture.get_text()


# --- What readers never see -----------------------------------------------------------------


UNPUBLISHED = {
    "draft": {"status": PublicationStatus.DRAFT},
    "in review": {"status": PublicationStatus.IN_REVIEW},
    "withdrawn": {"status": PublicationStatus.WITHDRAWN, "published_at": timezone.now()},
    "scheduled": {
        "status": PublicationStatus.PUBLISHED,
        "published_at": timezone.now() + datetime.timedelta(days=2),
    },
}


def build_unpublished(state: str):
    """A briefing in `state` about Niger, with an event, an actor and a judgment of its own."""
    briefing = BriefingFactory(title="Secret briefing", **UNPUBLISHED[state])
    niger = country("NE")
    briefing.countries.add(niger)
    event = EventFactory(title="Secret event", country=niger)
    actor = EventActorFactory(event=event, actor__name="Secret actor").actor
    actor.countries.add(niger)
    briefing.events.add(event)
    briefing.actors.add(actor)
    assessment = AssessmentFactory(statement="Secret judgment.")
    assessment.countries.add(niger)
    assessment.actors.add(actor)
    KeyJudgmentFactory(briefing=briefing, assessment=assessment)
    return briefing, event, actor


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_briefing_is_not_found(client, state):
    briefing, _, _ = build_unpublished(state)
    assert client.get(briefing.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_briefings_event_and_actor_pages_are_not_found(client, state):
    _, event, actor = build_unpublished(state)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(actor.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_material_appears_on_no_public_page(client, state):
    build_unpublished(state)
    build_briefing()
    urls = [
        reverse("briefings:home"),
        reverse("briefings:country-list"),
        country("NE").get_absolute_url(),
        country("ML").get_absolute_url(),
    ]
    for url in urls:
        words = text_of(client.get(url))
        assert "Secret" not in words, url


@pytest.mark.django_db
def test_country_list_leaves_out_countries_with_only_unpublished_material(client):
    build_unpublished("draft")
    build_briefing()
    names = [
        a.get_text() for a in soup(client.get(reverse("briefings:country-list"))).select(".country-list a")
    ]
    assert names == ["Mali"]


@pytest.mark.django_db
def test_country_list_counts_published_briefings_and_events_each_once(client):
    build_unpublished("draft")  # a draft on Mali, with its own event: counted in neither
    build_briefing(events=3)
    build_briefing(events=2)
    entry = soup(client.get(reverse("briefings:country-list"))).select_one(".country-list li")
    # Two briefings and five events: neither count multiplied by the other.
    assert "2 briefings, 5 events" in entry.get_text(" ", strip=True)


@pytest.mark.django_db
def test_published_judgment_hides_evidence_event_only_a_draft_cites(client):
    briefing = build_briefing(events=1, judgments=1)
    draft, secret_event, _ = build_unpublished("draft")
    briefing.judgment_links.get().assessment.evidence_events.add(secret_event)
    assert "Secret event" not in text_of(client.get(briefing.get_absolute_url()))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["briefing-detail", "country-detail", "actor-detail", "event-detail"])
def test_unknown_slug_is_not_found(client, name):
    assert client.get(reverse(f"briefings:{name}", kwargs={"slug": "no-such-thing"})).status_code == 404


@pytest.mark.django_db
def test_not_found_page_has_the_sites_look_and_a_way_home(client, settings):
    settings.DEBUG = False
    response = client.get("/briefings/no-such-thing/")
    page = soup(response)
    assert response.status_code == 404
    assert page.title.get_text().startswith("Page not found")
    assert page.select_one(".site-header .site-name") is not None
    assert page.select_one("main a")["href"] == reverse("briefings:home")


def test_server_error_page_renders_without_a_request():
    # Django renders 500.html with no context at all: it must not need one.
    page = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert page.title.get_text().startswith("Server error")
    assert page.select_one("main a")["href"] == "/"


# --- Country, actor and event pages --------------------------------------------------------


@pytest.mark.django_db
def test_country_page_shows_briefings_events_judgments_and_actors(client):
    briefing = build_briefing(title="Coup in Mali", events=1, judgments=1)
    event = briefing.events.get()
    assessment = briefing.judgment_links.get().assessment
    assessment.countries.add(country("ML"))
    actor = event.roles.first().actor
    actor.countries.add(country("ML"))
    page = soup(client.get(country("ML").get_absolute_url()))
    assert page.select_one("#briefings a")["href"] == briefing.get_absolute_url()
    assert page.select_one("#events svg.timeline-chart") is not None
    assert page.select_one("#events td[data-label='What happened'] a")["href"] == event.get_absolute_url()
    assert assessment.statement in page.select_one("#judgments").get_text()
    assert page.select_one("#actors a")["href"] == actor.get_absolute_url()


@pytest.mark.django_db
def test_country_page_paginates_events_keeping_other_lists_pages(client):
    briefing = build_briefing(events=30, judgments=1)
    url = country("ML").get_absolute_url()
    page = soup(client.get(url + "?page=1&events_page=2"))
    rows = page.select("#events tbody tr")
    next_link = page.select_one("#events .pagination a")
    assert len(rows) == 5
    assert next_link["href"] == f"{url}?page=1#events"
    assert briefing.events.order_by("date").first().title in page.select_one("#events tbody").get_text()


@pytest.mark.django_db
def test_country_page_of_a_country_without_material_says_so(client):
    words = text_of(client.get(country("NE").get_absolute_url()))
    assert "No published briefing covers Niger yet." in words


@pytest.mark.django_db
def test_actor_page_shows_role_aliases_events_by_role_and_judgments(client):
    briefing = build_briefing(events=1, judgments=1)
    role = briefing.events.get().roles.get(role=ActorRole.INITIATOR)
    actor = role.actor
    actor.role_title = "Russian Ambassador to Mali and Niger"
    actor.save()
    ActorAliasFactory(actor=actor, name="The ambassador")
    assessment = briefing.judgment_links.get().assessment
    assessment.actors.add(actor)
    page = soup(client.get(actor.get_absolute_url()))
    words = " ".join(page.get_text(" ").split())
    assert page.title.get_text().startswith(f"{actor.name} ·")
    assert "Russian Ambassador to Mali and Niger" in words
    assert "The ambassador" in words
    assert page.select_one("#events .role").get_text() == "initiator"
    assert assessment.statement in page.select_one("#judgments").get_text()


@pytest.mark.django_db
def test_actor_page_hides_a_parent_only_a_draft_covers(client):
    briefing = build_briefing(events=1, judgments=1)
    actor = briefing.events.get().roles.first().actor
    _, _, secret_actor = build_unpublished("draft")
    actor.parent = secret_actor
    actor.save()
    assert "Secret actor" not in text_of(client.get(actor.get_absolute_url()))


@pytest.mark.django_db
def test_event_page_shows_actors_excerpts_and_citing_briefings(client):
    briefing = build_briefing(title="Coup in Mali", events=1, judgments=1)
    event = briefing.events.get()
    page = soup(client.get(event.get_absolute_url()))
    words = " ".join(page.get_text(" ").split())
    assert page.h1.get_text() == event.title
    assert [a.get_text() for a in page.select(".roles a")] == [
        r.actor.name for r in event.roles.order_by("role")
    ]
    assert "The ambassador met the committee." in words
    assert "Grade B2" in words
    assert page.select_one(".briefing-card a")["href"] == briefing.get_absolute_url()


# --- Charts -------------------------------------------------------------------------------


def test_time_ticks_use_months_for_a_span_of_months():
    ticks = charts.time_ticks(datetime.date(2019, 6, 1), datetime.date(2020, 9, 9))
    # Sixteen months: a tick every second month, each year named where it starts.
    assert ticks[0] == (datetime.date(2019, 7, 1), "Jul 2019")
    assert ticks[1] == (datetime.date(2019, 9, 1), "Sep")
    assert (datetime.date(2020, 1, 1), "Jan 2020") in ticks


def test_time_ticks_use_days_for_a_span_of_days():
    ticks = charts.time_ticks(datetime.date(2020, 8, 18), datetime.date(2020, 8, 22))
    assert [label for _, label in ticks] == ["18 Aug 2020", "19 Aug", "20 Aug", "21 Aug", "22 Aug"]


def test_every_event_kind_has_its_own_colour_and_shape():
    styles = list(charts.KIND_STYLES.values())
    assert len(set(styles)) == len(styles)


# --- The demo briefing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_briefing_page_shows_its_judgments_likelihoods_and_ranges(client, demo_briefing):
    page = soup(client.get(demo_briefing.get_absolute_url()))
    judgments = page.select(".judgment")
    links = list(demo_briefing.judgment_links.select_related("assessment").order_by("order"))
    assert len(judgments) == len(links) >= 5
    for element, link in zip(judgments, links, strict=True):
        words = " ".join(element.get_text(" ").split())
        assessment = link.assessment
        assert f"{assessment.get_likelihood_display()} ({assessment.likelihood_range_display})" in words
        assert f"{assessment.get_confidence_display()} confidence" in words


@pytest.mark.django_db
def test_demo_briefing_page_quotes_an_excerpt_in_its_notes(client, demo_briefing):
    excerpt = demo_briefing.judgment_links.order_by("order").first().assessment.evidence_excerpts.first()
    note = soup(client.get(demo_briefing.get_absolute_url())).select_one("#fn-1 blockquote")
    assert " ".join(note.get_text().split()) == " ".join(excerpt.text.split())


@pytest.mark.django_db
def test_demo_briefing_page_shows_the_coup_in_its_timeline(client, demo_briefing):
    coup = demo_briefing.events.get(kind="coup")
    row = soup(client.get(demo_briefing.get_absolute_url())).select_one(f"tr#event-{coup.slug}")
    assert row.select_one("time").get_text() == "18 August 2020"
    assert coup.title in row.get_text()


@pytest.mark.django_db
def test_demo_briefing_page_links_mali(client, demo_briefing):
    page = soup(client.get(demo_briefing.get_absolute_url()))
    assert country("ML").get_absolute_url() in {a["href"] for a in page.select("a")}


@pytest.mark.django_db
def test_demo_country_and_actor_pages_render_its_material(client, demo_briefing):
    mali = text_of(client.get(country("ML").get_absolute_url()))
    gromyko = demo_briefing.actors.get(name__icontains="Gromyko")
    actor = text_of(client.get(gromyko.get_absolute_url()))
    assert demo_briefing.title in mali
    assert "Russian Ambassador" in actor


def test_a_database_error_is_answered_with_the_503_page_and_a_retry_after(rf, caplog):
    from django.db import OperationalError

    from briefings.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), OperationalError("connection refused"))

    page = BeautifulSoup(response.content, "html.parser")
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (
        503,
        "30",
        "no-store",
    )
    assert "briefly unavailable" in page.h1.get_text()
    assert "Database unavailable: connection refused" in caplog.text
    assert middleware.process_exception(rf.get("/"), ValueError("not ours")) is None
