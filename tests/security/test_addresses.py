"""Every address the desk stores or shows passes one allowlist (`briefings.addresses`),
whatever path it arrives by: the admin's form, an imported page's metadata, a service
call, a fixture loaded around the models, and Markdown links."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command

from briefings.addresses import address_is_safe, safe_address
from briefings.markdown import render_markdown
from briefings.models import Source
from briefings.services.sources import source_import

from ..factories import BriefingFactory, ExcerptFactory, SourceFactory
from ..helpers import admin_url

pytestmark = pytest.mark.django_db

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//attacker.example/x",
    "https:",
    "mailto:someone@example.org",
]


@pytest.mark.parametrize("address", HOSTILE)
def test_the_allowlist_refuses_anything_but_a_web_address(address):
    assert not address_is_safe(address)
    assert safe_address(address) == ""


@pytest.mark.parametrize(
    "address", ["https://fpri.org/article/2020/09/", "http://example.org", "HTTPS://EXAMPLE.ORG/a"]
)
def test_the_allowlist_keeps_web_addresses(address):
    assert safe_address(address) == address


def test_markdown_links_may_also_be_mail_addresses():
    html = render_markdown("[write](mailto:desk@example.org) [run](javascript:alert(1))")

    hrefs = [a.get("href") for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert hrefs == ["mailto:desk@example.org", None]


def test_the_admin_form_refuses_a_script_address(admin_client):
    response = admin_client.post(
        admin_url(Source, "add"),
        {"title": "A source", "url": "javascript:alert(1)", "reliability": "B", "excerpts-TOTAL_FORMS": 0,
         "excerpts-INITIAL_FORMS": 0},
    )  # fmt: skip

    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Source.objects.exists()


def test_the_model_refuses_a_script_address_when_validated():
    source = SourceFactory.build(url="javascript:alert(1)")

    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "url" in refused.value.message_dict


def test_an_imported_pages_metadata_never_stores_a_script_address(admin_client):
    page = (
        "<html><head><title>Mali</title><link rel=canonical href='javascript:alert(1)'>"
        "<meta property='og:url' content='javascript:alert(2)'></head>"
        "<body><article><p>"
        + "Soldiers seized power in Mali on 18 August 2020. " * 10
        + "</p></article></body></html>"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin_client.post(
        "/admin/curation/import/",
        {
            "file": SimpleUploadedFile("page.html", page.encode(), "text/html"),
            "reliability": "B",
            "excerpt_credibility": "2",
            "save": "1",
        },
    )

    assert Source.objects.get().url == ""


def test_the_import_service_leaves_out_a_script_address():
    source = source_import(
        text="Some text.", title="A page", url="javascript:alert(1)", reliability="F", excerpt_credibility=6
    )

    assert source.url == ""


def test_a_script_address_loaded_around_the_models_is_never_linked(client, tmp_path):
    briefing = BriefingFactory(published=True, slug="loaded")
    source = SourceFactory(url="https://example.org/a")
    briefing.sources.add(source)
    ExcerptFactory(source=source)
    # A backup edited by hand: loaddata writes rows without the model's validation.
    dump = json.loads(
        json.dumps([{"model": "briefings.source", "pk": source.pk, "fields": {
            "version": source.version + 1, "title": source.title, "author": "", "publisher": "",
            "url": "javascript:alert(1)", "published_on": None, "full_text": source.full_text,
            "reliability": "B", "created_at": source.created_at.isoformat(), "updated_at": source.updated_at.isoformat(),
        }}])
    )  # fmt: skip
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(dump))
    call_command("loaddata", str(path), verbosity=0)

    html = client.get("/briefings/loaded/").content.decode()
    hrefs = [
        tag.get("href") or tag.get("cite") or ""
        for tag in BeautifulSoup(html, "html.parser").find_all(["a", "blockquote"])
    ]
    assert not any("javascript" in href.lower() for href in hrefs)
    api = client.get("/api/briefings/loaded/").json()
    assert all(source["url"] == "" for source in api["sources"])
