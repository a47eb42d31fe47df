"""Nothing runs: a corpus of hostile text (`xss_payloads.txt`), saved into every Markdown
field and every plain field the desk shows, comes out of every output as text, never as
markup that runs. Each output is parsed, not searched for strings."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from briefings.models import Actor, Assessment, Event, Excerpt, Source

from ..helpers import admin_url
from .conftest import PAYLOADS

# Schemes a link, a source or a form may never carry.
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "poster",
    "background",
)


def test_the_corpus_holds_at_least_sixty_payloads():
    assert len(PAYLOADS) >= 60


def assert_html_runs_nothing(html: str, where: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        # Only the site's own script files, never inline script.
        assert script.get("src", "").startswith("/") and not script.get_text(strip=True), (where, script)
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, tag.name, name)
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower() in URL_ATTRIBUTES:
                folded = "".join(text.split()).lower()
                assert not folded.startswith(BAD_SCHEMES), (where, tag.name, name, text)
            if name.lower() == "style":
                assert "javascript" not in text.lower() and "expression" not in text.lower(), (where, text)
        assert tag.name not in {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}, (
            where,
            tag,
        )
        if tag.name == "meta":
            assert tag.get("http-equiv", "").lower() != "refresh", (where, tag)
        if tag.name == "form" and tag.get("action"):
            assert tag["action"].startswith(("/", "?", "#")), (where, tag)
        if tag.name == "style":
            assert not tag.get_text(strip=True) or "url(" not in tag.get_text(), (where, tag)


PUBLIC_PAGES = [
    "/",
    "/briefings/hostile/",
    "/countries/",
    "/countries/mali/",
    "/search/?q=alert",
    "/search/?q=script",
    "/track-record/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_run_nothing_a_payload_holds(client, hostile_briefing, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_html_runs_nothing(response.content.decode(), url)


def test_actor_and_event_pages_run_nothing_a_payload_holds(client, hostile_briefing):
    pages = [actor.get_absolute_url() for actor in Actor.objects.published().order_by("pk")[:12]]
    pages += [event.get_absolute_url() for event in Event.objects.published().order_by("pk")[:12]]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_html_runs_nothing(response.content.decode(), url)


@pytest.mark.parametrize("model", [Event, Actor, Assessment, Source, Excerpt])
def test_admin_lists_and_change_pages_run_nothing_a_payload_holds(admin_client, hostile_briefing, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert_html_runs_nothing(response.content.decode(), f"{model.__name__} list")
    obj = model.objects.order_by("pk").first()
    change = admin_client.get(admin_url(model, "change", obj.pk))
    assert_html_runs_nothing(change.content.decode(), f"{model.__name__} change page")


def test_briefing_admin_page_runs_nothing_a_payload_holds(admin_client, hostile_briefing):
    response = admin_client.get(admin_url(type(hostile_briefing), "change", hostile_briefing.pk))

    assert_html_runs_nothing(response.content.decode(), "briefing change page")


@pytest.mark.parametrize("url", ["/feeds/briefings/", "/feeds/countries/mali/", "/feeds/trends/"])
def test_feeds_carry_payloads_as_text(client, hostile_briefing, url):
    response = client.get(url)
    ET.fromstring(response.content)  # noqa: S314 - our own feed: checked to be well-formed
    feed = feedparser.parse(response.content)

    assert not feed.bozo
    for entry in feed.entries:
        assert entry.summary_detail.type == "text/plain"


def test_the_api_carries_payloads_as_json_strings(client, hostile_briefing):
    for url in ["/api/briefings/hostile/", "/api/events/", "/api/actors/", "/api/judgments/"]:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        json.loads(response.content)


def test_stix_carries_payloads_as_json_strings_of_a_valid_bundle(client, hostile_briefing):
    from stix2validator import validate_string

    body = client.get("/briefings/hostile/stix.json").content.decode()

    assert validate_string(body).is_valid
    notes = [obj for obj in json.loads(body)["objects"] if obj["type"] == "note"]
    assert notes and all(isinstance(note["content"], str) for note in notes)


def test_csv_carries_payloads_as_cells(client, hostile_briefing):
    response = client.get("/briefings/hostile/events.csv")
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(response.streaming_content).decode()
                if response.streaming
                else response.content.decode()
            )
        )
    )

    assert len(rows) > len(PAYLOADS)
    # A spreadsheet must not read a cell as a formula.
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
