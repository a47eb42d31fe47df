"""Fixtures of the preview, share link and PDF tests: a draft whose events and actors no
published briefing shows yet, the people who look at it, and a share link to it."""

import io
import time

import pytest
from django.urls import reverse

from briefings import services
from briefings.models import ShareLinkLifetime

from ..factories import UserFactory
from ..helpers import build_briefing, client_for


@pytest.fixture
def draft(db):
    """A draft on Mali: two events with their actors and excerpts, two key judgments resting
    on them; readers see none of it yet."""
    return build_briefing(published=False, title="Mali after the coup", summary="The junta holds Bamako.")


@pytest.fixture
def published(db):
    """Another briefing, published, with material of its own."""
    return build_briefing(title="Niger and its neighbours", summary="Niamey turns east.")


@pytest.fixture
def editor(db):
    return UserFactory(role="editor")


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def link(draft, editor):
    """A share link to the draft, open for a week."""
    return services.share_link_create(briefing=draft, created_by=editor, lifetime=ShareLinkLifetime.WEEK)


@pytest.fixture
def link_url(link):
    return services.share_link_url(link)


_demo_pdf: dict = {}


def _demo_pdf_rendered(demo_briefing) -> dict:
    """The demo briefing's PDF as readers download it, rendered once for every test that only
    reads it (it takes seconds): its bytes, how long the request took, its pages' text."""
    if "pdf" not in _demo_pdf:
        from django.test import Client

        started = time.process_time()
        response = Client().get(reverse("briefings:briefing-pdf", kwargs={"slug": demo_briefing.slug}))
        _demo_pdf["seconds"] = time.process_time() - started
        assert response.status_code == 200
        _demo_pdf["pdf"] = response.content
    return _demo_pdf


@pytest.fixture
def demo_pdf(demo_briefing):
    """The demo briefing's PDF as readers download it, read with pypdf. Rendered once for the
    tests that only read it (it takes seconds)."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(_demo_pdf_rendered(demo_briefing)["pdf"]))


@pytest.fixture
def demo_pdf_seconds(demo_briefing):
    """The CPU time of this process for the anonymous request of the demo's PDF, when it was
    first rendered: its own work, whatever else the machine is doing."""
    return _demo_pdf_rendered(demo_briefing)["seconds"]


@pytest.fixture
def demo_pdf_pages(demo_pdf):
    """The text pypdf extracts from each page of the demo's PDF, extracted once (pypdf takes
    seconds over the whole PDF)."""
    if "pages" not in _demo_pdf:
        _demo_pdf["pages"] = [page.extract_text() for page in demo_pdf.pages]
    return _demo_pdf["pages"]
