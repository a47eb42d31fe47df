"""Bylines: who wrote an article, who published it and when, read from a line near its top
and from an HTML page's metadata."""

import datetime

import pytest

from briefings.extraction.byline import find_byline, parse_byline
from briefings.extraction.suggest import suggest
from briefings.extraction.text import layout, read_article

NOV_24 = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("line", "author", "publisher", "date"),
    [
        ("Ann Analyst, Foreign Policy Research Institute, 24 November 2026", "Ann Analyst",
         "Foreign Policy Research Institute", NOV_24),
        ("By Ann Analyst, Senior Fellow, Reuters, Nov. 24, 2026", "Ann Analyst", "Reuters", NOV_24),
        ("Ann Analyst | The Sahel Review | November 24, 2026", "Ann Analyst", "The Sahel Review", NOV_24),
        ("Ann Analyst — The Sahel Review — 2026-11-24", "Ann Analyst", "The Sahel Review", NOV_24),
        ("By Ann Analyst and Bo Berg · Tuesday, 24 November 2026, 10:32 GMT", "Ann Analyst and Bo Berg", "",
         NOV_24),
        ("Ann Analyst, Bo Berg, Reuters, 24 Nov 2026", "Ann Analyst and Bo Berg", "Reuters", NOV_24),
        ("Samuel Ramani, Africa Correspondent, Foreign Policy Research Institute, 23 September 2020",
         "Samuel Ramani", "Foreign Policy Research Institute", datetime.date(2020, 9, 23)),
        ("By Jean-Luc O'Neill, Le Monde, 3rd March 2021", "Jean-Luc O'Neill", "Le Monde",
         datetime.date(2021, 3, 3)),
        ("By: ANN ANALYST / AFP", "ANN ANALYST", "AFP", None),
        ("By Samuel Ramani", "Samuel Ramani", "", None),
        ("Published 24 November 2026", "", "", NOV_24),
        ("Posted on: 2026-11-24", "", "", NOV_24),
        ("*By Ann Analyst*", "Ann Analyst", "", None),
    ],
)  # fmt: skip
def test_a_byline_line_gives_author_publisher_and_date(line, author, publisher, date):
    byline = parse_byline(line)
    assert (byline.author, byline.publisher, byline.published_on) == (author, publisher, date)


@pytest.mark.parametrize(
    "line",
    [
        "Niger, Mali and the Sahel",
        "Why Russia Is A Geopolitical Winner In Mali's Coup",
        "Coup in Niger on 4 August 2020",
        "On 4 August 2020, soldiers seized power.",
        "Reuters, 24 November 2026",
        "Mali and Niger, 2020",
        "By the end of the year, Ann Analyst, Reuters, 24 November 2026, said it.",
    ],
)
def test_headlines_and_prose_are_not_bylines(line):
    assert not parse_byline(line)


def test_a_byline_is_looked_for_only_near_the_top():
    text = (
        "Headline Here\n\n" + "A sentence of the body.\n\n" * 8 + "Ann Analyst, Reuters, 24 November 2026\n"
    )
    assert not find_byline(text)


def test_a_date_on_its_own_line_completes_a_by_line():
    byline = find_byline("Officers Seize Power\n\nBy Ann Analyst\n\n24 November 2026\n\nThe body.")
    assert (byline.author, byline.published_on) == ("Ann Analyst", NOV_24)


def test_a_pasted_article_fills_author_publisher_and_date_from_its_byline():
    article = read_article(
        "Officers Seize Power In Niger\n\nAnn Analyst, The Sahel Review, 24 November 2026\n\n"
        "On August 4, soldiers seized power in Niamey."
    )
    meta = article.metadata
    assert (meta.title, meta.author, meta.publisher, meta.published_on) == (
        "Officers Seize Power In Niger",
        "Ann Analyst",
        "The Sahel Review",
        NOV_24,
    )


def test_a_text_that_opens_with_its_byline_has_no_title_from_it():
    meta = read_article("Ann Analyst, Reuters, 24 November 2026\n\nSoldiers seized power.").metadata
    assert (meta.title, meta.author) == ("", "Ann Analyst")


def test_a_markdown_article_fills_its_byline():
    meta = read_article(
        "# Officers Seize Power\n\n*Ann Analyst | Reuters | November 24, 2026*\n\nThe body.", filename="a.md"
    ).metadata
    assert (meta.title, meta.author, meta.publisher, meta.published_on) == (
        "Officers Seize Power",
        "Ann Analyst",
        "Reuters",
        NOV_24,
    )


def test_an_html_page_reads_author_date_and_site_name_from_its_metadata():
    html = (
        "<html><head><title>Coup</title><meta name='author' content='Ann Analyst'>"
        "<meta property='article:published_time' content='2026-11-24T10:32:00Z'>"
        "<meta property='og:site_name' content='The Sahel Review'></head>"
        "<body><article><p>Soldiers seized power in Niamey on Tuesday.</p></article></body></html>"
    )
    meta = read_article(html, filename="page.html").metadata
    assert (meta.author, meta.publisher, meta.published_on) == ("Ann Analyst", "The Sahel Review", NOV_24)


def test_an_html_pages_metadata_comes_before_its_visible_byline():
    html = (
        "<html><head><title>Coup</title><meta name='author' content='Ann Analyst'></head><body><article>"
        "<p>Bo Berg, Reuters, 24 November 2026</p><p>Soldiers seized power in Niamey.</p>"
        "</article></body></html>"
    )
    meta = read_article(html, filename="page.html").metadata
    assert (meta.author, meta.publisher, meta.published_on) == ("Ann Analyst", "Reuters", NOV_24)


def test_a_byline_without_by_is_left_out_of_the_body():
    text = (
        "Officers Seize Power In Niger\n\nAnn Analyst, The Sahel Review, 24 November 2026\n\n"
        "On August 4, soldiers seized power in Niamey."
    )
    assert text[layout(text).body_start :].strip().startswith("On August 4")
    events = suggest(text, NOV_24).events
    assert [e.date for e in events] == ["2026-08-04"]
