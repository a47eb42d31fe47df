"""Importing an article: the analyst states the source's reliability and its information's
credibility (nothing is assumed), each excerpt starts with that credibility, errors print
once beside their fields, and an article imported before is flagged with a link."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from briefings.models import Excerpt, Source
from briefings.services.sources import source_import

from ..factories import SourceFactory
from ..helpers import admin_url, change_url, form_fields, post_data

ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. On August 9, French Ambassador to Niger Claire Martin met with "
    "representatives of the Council for National Renewal (CNR). The CNR is unlikely to hold "
    "elections soon."
)
IMPORT = "curation:source-import"

pytestmark = pytest.mark.django_db


def import_article(client, **fields):
    data = {"text": ARTICLE, "title": "Coup in Niger", "reliability": "B", "excerpt_credibility": "2"}
    data.update(fields)
    return client.post(reverse(IMPORT), {k: v for k, v in data.items() if v is not None} | {"save": "1"})


def error_beside(response, field: str) -> str:
    """The error text shown beside `field` on the import page."""
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find(id=f"id_{field}_error")
    return box.get_text(" ", strip=True) if box else ""


# --- Grades are stated, never assumed ----------------------------------------------------------


def test_the_import_form_preselects_no_grade(admin_client):
    soup = BeautifulSoup(admin_client.get(reverse(IMPORT)).content, "html.parser")
    for name in ("reliability", "excerpt_credibility"):
        select = soup.find("select", attrs={"name": name})
        assert [o["value"] for o in select.find_all("option", selected=True)] == [""], name


def test_importing_without_a_reliability_asks_for_one_beside_the_field(admin_client):
    response = import_article(admin_client, reliability=None)
    assert "Choose how reliable the source is" in error_beside(response, "reliability")
    assert not Source.objects.exists()


def test_importing_without_a_credibility_asks_for_one_beside_the_field(admin_client):
    response = import_article(admin_client, excerpt_credibility=None)
    assert "Choose how credible its information is" in error_beside(response, "excerpt_credibility")
    assert not Source.objects.exists()


def test_the_chosen_grades_are_stored(admin_client):
    import_article(admin_client, reliability="C", excerpt_credibility="3")
    source = Source.objects.get()
    assert (source.reliability, source.excerpt_credibility) == ("C", 3)


def test_reading_the_file_first_asks_for_no_grade_and_keeps_the_chosen_one(admin_client):
    upload = SimpleUploadedFile("a.md", b"# A title\n\nSome text about Mali.", content_type="text/markdown")
    response = admin_client.post(reverse(IMPORT), {"file": upload, "excerpt_credibility": "3", "read": "1"})
    form = response.context["form"]
    assert not form.errors
    assert (form.initial["reliability"], form.initial["excerpt_credibility"]) == ("", 3)


def test_the_import_service_refuses_an_unknown_grade():
    with pytest.raises(ValidationError):
        source_import(text=ARTICLE, title="T", reliability="", excerpt_credibility=2)
    with pytest.raises(ValidationError):
        source_import(text=ARTICLE, title="T", reliability="B", excerpt_credibility=9)


# --- One error, beside its field -------------------------------------------------------------


def test_an_empty_import_form_prints_its_error_once_beside_the_text(admin_client):
    response = admin_client.post(reverse(IMPORT), {"text": "", "save": "1"})
    page = response.content.decode()
    assert page.count("Upload a file or paste the article") == 1
    assert "Upload a file or paste the article" in error_beside(response, "text")


def test_an_unreadable_upload_is_reported_beside_the_file(admin_client):
    upload = SimpleUploadedFile("blob.txt", b"\x00\x01\x02" * 100)
    response = import_article(admin_client, text="", file=upload)
    assert "binary" in error_beside(response, "file")


def test_the_import_form_sends_one_csrf_token(admin_client):
    soup = BeautifulSoup(admin_client.get(reverse(IMPORT)).content, "html.parser")
    form = soup.find("form", class_="curation-form")
    assert len(form.find_all("input", attrs={"name": "csrfmiddlewaretoken"})) == 1


# --- Excerpts start with the source's credibility ---------------------------------------------


@pytest.fixture
def graded_source():
    return SourceFactory(
        title="Coup in Niger",
        full_text=ARTICLE,
        published_on=datetime.date(2020, 9, 1),
        reliability="B",
        excerpt_credibility=2,
    )


def test_excerpts_made_by_accepting_suggestions_take_the_sources_credibility(admin_client, graded_source):
    url = reverse("curation:source-suggestions", args=[graded_source.pk])
    data = post_data(form_fields(admin_client.get(url).content.decode(), "curation-accept-form"))
    admin_client.post(url, data)
    assert set(Excerpt.objects.values_list("credibility", flat=True)) == {2}


def test_an_excerpt_made_from_a_selection_takes_the_sources_credibility(admin_client, graded_source):
    text = "The CNR is unlikely to hold elections soon."
    admin_client.post(
        reverse("curation:excerpt-create", args=[graded_source.pk]),
        json.dumps({"text": text, "start": ARTICLE.index(text)}),
        content_type="application/json",
    )
    assert Excerpt.objects.get().grade == "B2"


def test_a_new_excerpt_row_on_the_source_page_starts_with_its_credibility(admin_client, graded_source):
    response = admin_client.get(change_url(graded_source))
    empty = response.context["inline_admin_formsets"][0].formset.empty_form
    assert empty["credibility"].value() == 2


def test_the_excerpt_add_page_for_a_source_starts_with_its_credibility(admin_client, graded_source):
    response = admin_client.get(admin_url(Excerpt, "add") + f"?source={graded_source.pk}")
    assert response.context["adminform"].form["credibility"].value() == 2


# --- The same article twice ------------------------------------------------------------------


def test_the_same_address_imported_twice_is_flagged_with_a_link(admin_client):
    first = SourceFactory(title="Already here", url="https://example.org/niger-coup", full_text="Other text.")
    response = import_article(admin_client, url="http://example.org/niger-coup/")
    beside = BeautifulSoup(response.content, "html.parser").find(id="id_url_error")
    assert "This address was imported before" in beside.get_text()
    assert beside.find("a", string="Already here")["href"] == change_url(first)
    assert Source.objects.count() == 1


def test_the_same_text_imported_twice_is_flagged_with_a_link(admin_client):
    first = SourceFactory(title="Already here", full_text=ARTICLE)
    response = import_article(admin_client)
    beside = BeautifulSoup(response.content, "html.parser").find(id="id_text_error")
    assert "The same text was imported before" in beside.get_text()
    links = {a["href"] for a in beside.find_all("a")}
    assert links == {change_url(first), reverse("curation:source-suggestions", args=[first.pk])}
    assert Source.objects.count() == 1


def test_a_flagged_import_can_be_made_anyway(admin_client):
    SourceFactory(title="Already here", full_text=ARTICLE)
    response = import_article(admin_client)
    assert 'name="import_again"' in response.content.decode()
    import_article(admin_client, import_again="on")
    assert Source.objects.count() == 2


def test_a_new_article_shows_no_import_again_box(admin_client):
    response = admin_client.post(reverse(IMPORT), {"text": "", "save": "1"})
    assert 'name="import_again"' not in response.content.decode()


def test_a_flagged_upload_offers_its_text_so_that_it_need_not_be_sent_again(admin_client):
    SourceFactory(title="Already here", full_text=ARTICLE)
    upload = SimpleUploadedFile("article.txt", ARTICLE.encode(), content_type="text/plain")
    response = import_article(admin_client, text="", file=upload)
    assert "The same text was imported before" in error_beside(response, "file")
    offered = form_fields(response.content.decode(), "curation-import-form")
    assert offered["text"] == [ARTICLE]
    admin_client.post(reverse(IMPORT), post_data(offered, import_again="on", save="1"))
    assert Source.objects.count() == 2


def test_the_suggestions_page_states_the_grade_its_excerpts_get(admin_client, graded_source):
    page = admin_client.get(reverse("curation:source-suggestions", args=[graded_source.pk])).content.decode()
    assert "Excerpts made here are graded B2" in page


def test_the_source_add_page_preselects_no_grade_and_asks_for_both(admin_client):
    page = admin_client.get(admin_url(Source, "add")).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    for name in ("reliability", "excerpt_credibility"):
        select = soup.find("select", attrs={"name": name})
        assert [o["value"] for o in select.find_all("option", selected=True)] == [""], name
    response = admin_client.post(
        admin_url(Source, "add"),
        {**form_fields(page, "source_form"), "title": "A report"},
    )
    errors = response.context["adminform"].form.errors
    assert "Choose how reliable" in errors["reliability"][0]
    assert "Choose how credible" in errors["excerpt_credibility"][0]
    assert not Source.objects.exists()
