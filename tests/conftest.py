"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when
DATABASE_URL is set; tests marked `postgres` are skipped (with a reason) on SQLite."""

import pytest
from django.db import connection

from .factories import BriefingFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    import os

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL to run it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def published_briefing(db):
    return BriefingFactory(published=True)


@pytest.fixture
def demo_briefing(db):
    """The curated demo briefing, loaded as the README's first command loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    from briefings.models import Briefing

    return Briefing.objects.get(slug="russia-mali-coup-2020")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Real Chromium through Playwright. Skipped where Chromium is missing, unless
    BRIEFINGS_REQUIRE_BROWSER is set (CI sets it), when a missing browser fails."""
    import os
    import shutil

    executable = os.environ.get("CHROMIUM_PATH", CHROMIUM)
    if not (os.path.exists(executable) or shutil.which(executable)):
        message = f"Chromium not found at {executable}: install Debian's `chromium` package"
        if os.environ.get("BRIEFINGS_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server and the
    # ORM calls in browser tests are ordinary synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
