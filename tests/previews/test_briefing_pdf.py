"""A briefing as a print-ready PDF: the readers' page laid out by WeasyPrint with the print
styles, the marking on every page, page numbers, vector charts, and no network."""

import re

import pytest
from django.urls import reverse

from briefings import demo
from briefings.pdf import BASE_URL, FetchRefused, static_file_path, static_only_fetcher

from ..factories import UserFactory
from ..helpers import client_for


def pdf_url(briefing) -> str:
    return reverse("briefings:briefing-pdf", kwargs={"slug": briefing.slug})


def text_of(pages: list[str]) -> str:
    return "\n".join(pages)


def words(text: str) -> str:
    """Text with its line breaks and hyphenation undone, to find phrases across lines."""
    return " ".join(text.split())


def test_demo_pdf_has_a_reasonable_number_of_pages(demo_pdf):
    assert 12 <= len(demo_pdf.pages) <= 30


def test_demo_pdf_carries_the_marking_at_the_top_and_bottom_of_every_page(demo_pdf_pages):
    for page in demo_pdf_pages:
        assert page.count("TLP:CLEAR") == 2


def test_demo_pdf_numbers_its_pages(demo_pdf_pages):
    total = len(demo_pdf_pages)
    for number, page in enumerate(demo_pdf_pages, start=1):
        assert f"Page {number} of {total}" in page


def test_demo_pdf_has_the_title_bottom_line_and_key_judgments(demo_pdf_pages, demo_briefing):
    text = words(text_of(demo_pdf_pages))
    assert words(demo_briefing.title) in text
    assert "bottom line" in text.lower()
    assert "key judgments" in text.lower()
    for link in demo_briefing.judgment_links.select_related("assessment"):
        assert words(link.assessment.statement)[:60] in text


def test_demo_pdf_gives_the_footnotes_source_addresses(demo_pdf_pages, demo_briefing):
    text = re.sub(r"\s+", "", text_of(demo_pdf_pages))
    addresses = [source.address for source in demo_briefing.sources.all() if source.address]
    assert addresses
    for address in addresses:
        assert address in text


def test_demo_pdf_has_the_timeline_actor_map_and_citation(demo_pdf_pages, demo_briefing):
    text = words(text_of(demo_pdf_pages))
    for heading in ("Timeline", "Who acted on whom", "Cite this briefing"):
        assert heading.lower() in text.lower()
    assert f"/briefings/{demo_briefing.slug}/" in text


def test_demo_pdf_draws_its_charts_as_vectors_not_pictures(demo_pdf):
    assert all(len(page.images) == 0 for page in demo_pdf.pages)


def test_demo_pdf_has_no_site_navigation_or_download_list(demo_pdf_pages):
    text = words(text_of(demo_pdf_pages))
    assert "On this page" not in text
    assert "STIX 2.1 bundle" not in text


def test_demo_pdf_renders_in_reasonable_time(demo_pdf_seconds):
    # The one render the other tests read, from request to response, in this process's CPU
    # time (the suite's other workers share the CPUs). About 5 s; the ceiling catches a
    # render gone quadratic, not a slow machine.
    assert demo_pdf_seconds < 60


def test_briefing_page_links_to_its_pdf(client, published):
    assert f'href="{pdf_url(published)}"' in client.get(published.get_absolute_url()).text


def test_draft_has_no_public_pdf(client, draft):
    assert client.get(pdf_url(draft)).status_code == 404


def test_anonymous_pdf_goes_through_the_page_cache_unharmed(client, published):
    first = client.get(pdf_url(published))
    second = client.get(pdf_url(published))
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == "application/pdf"
    assert second.content == first.content
    assert second.content.startswith(b"%PDF-")


def test_signed_in_readers_pdf_is_private(published):
    response = client_for(UserFactory(role="editor")).get(pdf_url(published))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Page-Cache"] == "bypass"


def test_staff_preview_pdf_is_the_draft_never_cached(editor_client, draft):
    response = editor_client.get(reverse("admin:briefings_briefing_preview_pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["X-Robots-Tag"] == "noindex"


# --- No network: only the desk's own static files -----------------------------------


def test_fetcher_serves_the_desks_stylesheets(db):
    assert static_file_path(f"{BASE_URL}static/css/print.css").endswith("print.css")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.fpri.org/wp-content/logo.png",
        "http://127.0.0.1:8000/static/css/site.css",
        "file:///etc/passwd",
        f"{BASE_URL}static/../project/settings.py",
        f"{BASE_URL}static/css/no-such-file.css",
        f"{BASE_URL}admin/",
    ],
)
def test_fetcher_refuses_anything_else(url):
    with pytest.raises(FetchRefused):
        static_only_fetcher().fetch(url)


def test_demo_slug_is_the_curated_briefing(demo_briefing):
    assert demo_briefing.slug == demo.BRIEFING_SLUG


def test_refused_fetch_is_logged(caplog):
    with pytest.raises(FetchRefused):
        static_only_fetcher().fetch("https://www.fpri.org/logo.png")
    assert "refused to fetch https://www.fpri.org/logo.png" in caplog.text
