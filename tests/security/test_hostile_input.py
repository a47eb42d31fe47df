"""Bad input gets a clear answer, never a server error or a hang: Markdown past its bounds,
hostile HTML to import, selections and suggestions crafted by hand, dates at the edges of
the calendar."""

import contextlib
import datetime
import json
import time

import pytest
from django.core.exceptions import ValidationError

from briefings.extraction.suggest import suggest
from briefings.extraction.text import read_article
from briefings.markdown import markdown_problem, render_markdown, validate_markdown
from briefings.models import Assessment, Briefing
from briefings.services.suggestions import ActorChoice, EventChoice, suggestions_accept

from ..factories import BriefingFactory, SourceFactory
from ..helpers import admin_url

pytestmark = pytest.mark.django_db

DEEP_LISTS = "\n".join("    " * depth + "- x" for depth in range(300))
HOSTILE_MARKDOWN = [
    "[" * 8000,
    "[a](" * 16000,
    DEEP_LISTS,
    "- " * 5000 + "x",
    ">" * 5000 + " x",
    "a" * 200_001,
]


@pytest.mark.parametrize(
    "text", HOSTILE_MARKDOWN, ids=["brackets", "links", "indents", "markers", "quotes", "size"]
)
def test_markdown_past_its_bounds_is_refused_and_still_renders_at_once(text):
    with pytest.raises(ValidationError):
        validate_markdown(text)
    started = time.process_time()  # CPU time: the suite's other workers share the CPUs
    html = render_markdown(text)
    assert time.process_time() - started < 2 and html.startswith("<p>")


def test_ordinary_markdown_is_within_the_bounds():
    assert (
        markdown_problem("## Bottom line\n\n- one\n  - two\n\n> quoted\n\n[link](https://example.org)") == ""
    )


def test_a_briefing_body_past_the_bounds_is_refused_beside_its_field(admin_client):
    briefing = BriefingFactory()
    from ..helpers import post_change

    response = post_change(admin_client, briefing, body=DEEP_LISTS)

    assert response.status_code == 200
    assert "body" in response.context["adminform"].form.errors


def test_the_preview_of_markdown_past_its_bounds_says_why(admin_client):
    response = admin_client.post(admin_url(Briefing, "markdown_preview"), {"text": "[" * 8000})

    assert response.status_code == 200
    assert "square brackets" in response.content.decode()


HOSTILE_HTML = {
    "unclosed": b"<div><p><span><b>" * 80_000,
    "stray": b"</div></p>" * 200_000,
    "mixed": b"<article><div>word</p></span>more<li>x<table><td>y" * 40_000,
}


@pytest.mark.parametrize("name", HOSTILE_HTML)
def test_a_hostile_two_megabyte_page_is_read_or_refused_in_seconds(name):
    started = time.process_time()  # CPU time: the suite's other workers share the CPUs
    with contextlib.suppress(ValueError):  # refused with a message: as good as read
        read_article(HOSTILE_HTML[name], filename="page.html")
    assert time.process_time() - started < 5


def test_suggestions_read_a_long_article_only_so_far():
    text = "The Army of Mali met the UN in Bamako on 12 August. Russia is likely to gain.\n" * 6000

    suggestions = suggest(text, datetime.date(2020, 9, 1))

    assert suggestions.read_up_to is not None and suggestions.read_up_to <= 200_000


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_the_suggestions_page_of_a_source_dated_at_the_edge_of_the_calendar_opens(admin_client, day):
    source = SourceFactory(
        published_on=day,
        full_text="On August 18 soldiers seized power. Two days later Russia spoke. Next year, a vote.",
    )

    response = admin_client.get(f"/admin/curation/sources/{source.pk}/suggestions/")

    assert response.status_code == 200


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"5", b"null", b'{"text": ["a"], "start": "x"}'])
def test_a_selection_that_is_not_an_object_is_a_bad_request(admin_client, body):
    source = SourceFactory()

    response = admin_client.post(
        f"/admin/curation/sources/{source.pk}/excerpt/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize("start", [-5, 10**20, 10**6])
def test_a_selection_at_an_impossible_position_is_found_by_its_words(admin_client, start):
    source = SourceFactory(
        full_text="On August 18 the president was overthrown. The ambassador met the committee."
    )

    response = admin_client.post(
        f"/admin/curation/sources/{source.pk}/excerpt/",
        json.dumps({"text": "The ambassador met the committee.", "start": start}),
        content_type="application/json",
    )

    assert response.status_code in (200, 201)
    assert response.json()["start"] == source.full_text.index("The ambassador")


def test_a_crafted_actor_role_is_refused_with_the_reason():
    source = SourceFactory(full_text="On August 18 the junta seized power in Bamako.")
    end = len(source.full_text)

    with pytest.raises(ValidationError, match="not a role"):
        suggestions_accept(
            source=source,
            countries=[],
            actors=[ActorChoice(ref="a", name="The junta", kind="armed_force", match=None, start=0, end=end)],
            events=[
                EventChoice(
                    title="Coup", date=datetime.date(2020, 8, 18), precision="day", kind="coup",
                    start=0, end=end, actors=[("a", "mastermind")],
                )
            ],
            judgments=[],
        )  # fmt: skip
    assert not Assessment.objects.exists()
