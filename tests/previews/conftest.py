"""Fixtures of the preview, share link and PDF tests: a draft whose events and actors no
published briefing shows yet, the people who look at it, and a share link to it."""

import io

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


_demo_pdf: dict[str, bytes] = {}


@pytest.fixture
def demo_pdf(demo_briefing):
    """The demo briefing's PDF as readers download it, read with pypdf. Rendered once for the
    tests that only read it (it takes seconds)."""
    from django.test import Client
    from pypdf import PdfReader

    if "pdf" not in _demo_pdf:
        response = Client().get(reverse("briefings:briefing-pdf", kwargs={"slug": demo_briefing.slug}))
        assert response.status_code == 200
        _demo_pdf["pdf"] = response.content
    return PdfReader(io.BytesIO(_demo_pdf["pdf"]))
