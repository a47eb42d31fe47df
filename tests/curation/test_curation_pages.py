"""The admin curation pages: import, suggestions and accept, make excerpt."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from briefings.models import Actor, Event, Excerpt, Source

from ..factories import SourceFactory, UserFactory

ARTICLE = (
    "On August 4, Niger's President Amadou Sanda was overthrown in a coup led by officers of the "
    "Nigerien Armed Forces. On August 9, French Ambassador to Niger Claire Martin met with "
    "representatives of the Council for National Renewal (CNR). The CNR is unlikely to hold "
    "elections soon."
)

pytestmark = pytest.mark.django_db
IMPORT = "curation:source-import"


def suggestions_url(source):
    return reverse("curation:source-suggestions", args=[source.pk])


@pytest.fixture
def source():
    return SourceFactory(title="Coup in Niger", full_text=ARTICLE, published_on=datetime.date(2020, 9, 1))


# --- Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [IMPORT, "curation:source-suggestions"])
def test_anonymous_users_are_sent_to_the_login(client, source, name):
    url = reverse(name) if name == IMPORT else suggestions_url(source)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client, source):
    client.force_login(UserFactory(username="intern", is_staff=True))
    assert client.get(reverse(IMPORT)).status_code == 403


def test_posting_without_a_csrf_token_is_refused(staff_user, source):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.post(suggestions_url(source), {}).status_code == 403


# --- Import ------------------------------------------------------------------------------------


def test_the_import_page_looks_like_the_admin(admin_client):
    response = admin_client.get(reverse(IMPORT))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="site-name"' in page
    assert "curation/curation.css" in page
    assert 'name="file"' in page and 'name="text"' in page


def test_pasted_text_becomes_a_source_and_leads_to_its_suggestions(admin_client):
    response = admin_client.post(
        reverse(IMPORT),
        {"text": ARTICLE, "title": "Pasted", "reliability": "B", "excerpt_credibility": "2", "save": "1"},
    )
    source = Source.objects.get(title="Pasted")
    assert response["Location"] == suggestions_url(source)
    assert (source.full_text, source.reliability) == (ARTICLE, "B")


def test_an_html_upload_is_reduced_to_text_and_fills_the_details(admin_client):
    html = (
        "<html><head><title>Coup in Niger</title><meta name='author' content='Ann Analyst'>"
        "<meta property='article:published_time' content='2020-09-01'>"
        "<script>alert('x')</script></head><body><article><p>" + ARTICLE + "</p></article></body></html>"
    )
    upload = SimpleUploadedFile("page.html", html.encode(), content_type="text/html")
    admin_client.post(
        reverse(IMPORT), {"file": upload, "reliability": "F", "excerpt_credibility": "6", "save": "1"}
    )
    source = Source.objects.get()
    assert (source.title, source.author, source.published_on) == (
        "Coup in Niger",
        "Ann Analyst",
        datetime.date(2020, 9, 1),
    )
    assert "alert" not in source.full_text
    assert source.full_text == ARTICLE


def test_reading_the_file_first_saves_nothing_and_fills_the_form(admin_client):
    upload = SimpleUploadedFile("a.md", b"# A title\n\nSome text about Mali.", content_type="text/markdown")
    response = admin_client.post(reverse(IMPORT), {"file": upload, "reliability": "F", "read": "1"})
    assert Source.objects.count() == 0
    form = response.context["form"]
    assert (form.initial["title"], form.initial["text"]) == ("A title", "A title\n\nSome text about Mali.")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("blob.txt", b"\x00\x01\x02" * 100), "binary"),
        (SimpleUploadedFile("huge.txt", b"a" * (2 * 1024 * 1024 + 1)), "the limit is 2 MB"),
        (SimpleUploadedFile("empty.txt", b""), "empty"),
        (SimpleUploadedFile("doc.pdf", b"%PDF-1.4"), ".txt, .md or .html"),
    ],
)
def test_bad_uploads_get_a_message_and_save_nothing(admin_client, upload, message):
    response = admin_client.post(
        reverse(IMPORT),
        {"file": upload, "title": "T", "reliability": "F", "excerpt_credibility": "6", "save": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Source.objects.count() == 0


def test_nothing_to_import_gets_a_message(admin_client):
    response = admin_client.post(
        reverse(IMPORT),
        {"text": "  ", "title": "T", "reliability": "F", "excerpt_credibility": "6", "save": "1"},
    )
    assert "Upload a file or paste the article" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_text_without_a_title_asks_for_one(admin_client):
    response = admin_client.post(
        reverse(IMPORT),
        {
            "text": "One line only, as a sentence.",
            "reliability": "F",
            "excerpt_credibility": "6",
            "save": "1",
        },
    )
    assert "Give the source a title" in response.content.decode()


# --- Suggestions and accept ------------------------------------------------------------------


def test_the_suggestions_page_marks_each_suggestion_in_the_article(admin_client, source):
    page = admin_client.get(suggestions_url(source)).content.decode()
    assert '<mark class="curation-hl curation-hl--country" data-ref="country-NE"' in page
    assert 'data-ref="actor-0" title="Amadou Sanda">Amadou Sanda</mark>' in page
    assert "curation-hl--date" in page and "curation-hl--judgment" in page


def test_the_article_is_escaped_on_the_suggestions_page(admin_client):
    source = SourceFactory(full_text="<script>alert(1)</script> On August 4, Mali voted.")
    page = admin_client.get(suggestions_url(source)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_offers_kind_match_precision_and_likelihood(admin_client, source):
    page = admin_client.get(suggestions_url(source)).content.decode()
    for name in (
        "actors-0-kind",
        "actors-0-match",
        "events-0-precision",
        "events-0-date",
        "judgments-0-likelihood",
    ):
        assert f'name="{name}"' in page


def form_data(response) -> dict:
    """The suggestions form as the browser would post it, every default kept."""
    data = {}
    for formset in response.context["formsets"].values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if name == "keep":
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                if isinstance(value, list):  # an event's actors: a ref and a role each
                    for slot, (ref, role) in enumerate(value):
                        data[form.add_prefix(f"{name}-{slot}-ref")] = ref
                        data[form.add_prefix(f"{name}-{slot}-role")] = role
                    continue
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def test_accepting_creates_the_records_and_lists_nothing_more(admin_client, source):
    data = form_data(admin_client.get(suggestions_url(source)))
    response = admin_client.post(suggestions_url(source), data, follow=True)
    assert Event.objects.count() == 2
    assert Event.objects.get(date=datetime.date(2020, 8, 4)).roles.count() == 2
    assert Actor.objects.filter(name="Claire Martin").exists()
    assert "Accepted:" in response.content.decode()
    assert response.context["rows"]["events"] == []


def test_unticked_rows_are_not_accepted(admin_client, source):
    data = form_data(admin_client.get(suggestions_url(source)))
    del data["events-1-keep"]
    admin_client.post(suggestions_url(source), data)
    assert list(Event.objects.values_list("date", flat=True)) == [datetime.date(2020, 8, 4)]


def test_a_corrected_precision_is_stored(admin_client, source):
    data = form_data(admin_client.get(suggestions_url(source)))
    data["events-0-precision"] = "approximate"
    admin_client.post(suggestions_url(source), data)
    assert Event.objects.get(date=datetime.date(2020, 8, 4)).date_precision == "approximate"


def test_a_bad_row_saves_nothing_and_says_so(admin_client, source):
    data = form_data(admin_client.get(suggestions_url(source)))
    data["events-1-date"] = "not a date"
    response = admin_client.post(suggestions_url(source), data)
    assert Event.objects.count() == 0 and Actor.objects.count() == 0
    assert "Some rows need correcting" in response.content.decode()


def test_a_source_without_text_sends_the_analyst_back(admin_client):
    source = SourceFactory(full_text="")
    response = admin_client.get(suggestions_url(source))
    assert response["Location"] == reverse("admin:briefings_source_change", args=[source.pk])


# --- Admin pages link to the flow --------------------------------------------------------------


def test_the_source_list_offers_to_import_an_article(admin_client):
    page = admin_client.get(reverse("admin:briefings_source_changelist")).content.decode()
    assert reverse(IMPORT) in page and "Import an article" in page


def test_the_source_page_offers_suggestions_and_make_excerpt(admin_client, source):
    page = admin_client.get(reverse("admin:briefings_source_change", args=[source.pk])).content.decode()
    assert suggestions_url(source) in page
    assert 'id="curation-make-excerpt"' in page
    assert "curation/excerpt.js" in page
    assert "<script>" not in page.split("curation-excerpt-maker")[1].split("</fieldset>")[0]


# --- Make excerpt -----------------------------------------------------------------------------


def excerpt_url(source):
    return reverse("curation:excerpt-create", args=[source.pk])


def post_json(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_a_selection_becomes_an_excerpt_at_its_position(admin_client, source):
    text = "The CNR is unlikely to hold elections soon."
    start = ARTICLE.index(text)
    response = post_json(admin_client, excerpt_url(source), {"start": start, "text": text})
    assert response.status_code == 201
    excerpt = Excerpt.objects.get()
    assert (excerpt.start, excerpt.end, excerpt.text) == (start, start + len(text), text)


def test_a_selection_at_a_shifted_position_is_found_nearby(admin_client, source):
    text = "Claire Martin"
    response = post_json(admin_client, excerpt_url(source), {"start": 3, "text": text})
    assert response.json()["start"] == ARTICLE.index(text)


def test_a_selection_across_windows_line_breaks_is_found():
    source = SourceFactory(full_text="First line.\r\nSecond line.\r\nThird.")
    client = Client()
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    response = post_json(client, excerpt_url(source), {"start": 6, "text": "line.\nSecond"})
    excerpt = Excerpt.objects.get(pk=response.json()["id"])
    assert source.full_text[excerpt.start : excerpt.end] == excerpt.text == "line.\r\nSecond"


def test_text_not_in_the_source_is_refused(admin_client, source):
    response = post_json(admin_client, excerpt_url(source), {"start": 0, "text": "Not in the article"})
    assert response.status_code == 400
    assert Excerpt.objects.count() == 0


def test_the_same_selection_twice_is_one_excerpt(admin_client, source):
    payload = {"start": 0, "text": "On August 4"}
    post_json(admin_client, excerpt_url(source), payload)
    response = post_json(admin_client, excerpt_url(source), payload)
    assert (response.status_code, Excerpt.objects.count()) == (200, 1)


def test_make_excerpt_accepts_only_post(admin_client, source):
    assert admin_client.get(excerpt_url(source)).status_code == 405


def test_a_pasted_text_over_the_request_limit_gets_a_message(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = admin_client.post(reverse(IMPORT), {"text": "a" * 5000, "title": "T", "reliability": "F"})
    assert response.status_code == 200
    assert "too large to import" in response.content.decode()
    assert Source.objects.count() == 0


def test_the_import_form_states_its_limit_for_its_script(admin_client):
    page = admin_client.get(reverse(IMPORT)).content.decode()
    assert f'data-max-bytes="{2 * 1024 * 1024}"' in page
    assert "curation/import.js" in page


# --- Why each suggestion is made ----------------------------------------------------------------


def test_each_suggestion_shows_its_rule_and_confidence_and_low_ones_are_unticked(admin_client):
    from briefings.extraction.suggest import KEEP_THRESHOLD

    text = (
        "On August 4, the Council for National Renewal (CNR) took power. "
        "The CNR could hold elections. Observers say the ZXQ was involved."
    )
    source = SourceFactory(title="A coup", full_text=text, published_on=datetime.date(2020, 9, 1))
    response = admin_client.get(suggestions_url(source))
    page = response.content.decode()
    assert "acronym defined in parentheses · confidence 0.90" in page
    assert "(modal of possibility) · confidence 0.35" in page
    actors = {actor.name: form.initial["keep"] for form, actor, _ in response.context["rows"]["actors"]}
    assert actors == {"Council for National Renewal": True, "ZXQ": False}
    assert [form.initial["keep"] for form, _, _ in response.context["rows"]["judgments"]] == [False]
    assert 0.35 < KEEP_THRESHOLD < 0.9


def test_a_pasted_articles_byline_fills_author_publisher_and_date(admin_client):
    text = "Officers Seize Power In Niger\n\nAnn Analyst, The Sahel Review, 24 November 2026\n\n" + ARTICLE
    admin_client.post(
        reverse(IMPORT), {"text": text, "reliability": "B", "excerpt_credibility": "2", "save": "1"}
    )
    source = Source.objects.get()
    assert (source.title, source.author, source.publisher, source.published_on) == (
        "Officers Seize Power In Niger",
        "Ann Analyst",
        "The Sahel Review",
        datetime.date(2026, 11, 24),
    )
