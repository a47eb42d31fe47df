"""What real checkers measure on the public pages: the Nu HTML Checker (vnu.jar) finds no
error, axe-core in Chromium finds no serious or critical violation, and the keyboard
reaches the skip link first and then the search box.

The checkers come from npm (`npm ci` installs vnu-jar and axe-core into node_modules)
and vnu.jar needs Java. Where they are missing these tests skip with the reason, unless
BRIEFINGS_REQUIRE_BROWSER is set (CI sets it), when a missing checker is a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from briefings.models import Actor

ROOT = Path(settings.BASE_DIR)
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


def require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("BRIEFINGS_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def public_pages(briefing) -> dict[str, str]:
    """The pages readers land on, by name: address."""
    actor = Actor.objects.published().filter(briefings=briefing).order_by("name").first()
    mali = briefing.countries.get(iso2="ML")
    return {
        "home": "/",
        "briefing": briefing.get_absolute_url(),
        "country": mali.get_absolute_url(),
        "actor": actor.get_absolute_url(),
        "search": "/search/?q=coup+Mali",
        "search, filters left out": "/search/?q=coup&country=atlantis&date_from=someday",
        "search, nothing found": "/search/?q=zeppelin",
        "follow": "/follow/",
        "follow, filtered": "/follow/?name=mali",
        "404": "/no-such-page/",
    }


# --- The Nu HTML Checker ---


def run_vnu(documents: dict[str, bytes], tmp_path: Path) -> dict[str, list[str]]:
    """Errors per page, from one run of vnu.jar over all of them."""
    files = {}
    for n, (name, html) in enumerate(documents.items()):
        path = tmp_path / f"page{n}.html"
        path.write_bytes(html)
        files[path.name] = name
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *[str(p) for p in tmp_path.glob("*.html")],
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr; it exits 1 when it found errors.
    report = json.loads(completed.stderr or completed.stdout)
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in report["messages"]:
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '').strip()[:80]}]"
        )
    return errors


def test_public_pages_have_no_html_errors(client, demo_briefing, tmp_path):
    require(VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci` at the repository root")
    require(
        shutil.which("java") is not None,
        "java is missing: install a Java runtime (Debian's default-jre-headless)",
    )
    documents = {}
    for name, url in public_pages(demo_briefing).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        documents[name] = response.content
    errors = run_vnu(documents, tmp_path)
    print("vnu errors per page:", {name: len(found) for name, found in errors.items()})
    assert {name: found for name, found in errors.items() if found} == {}


# --- axe-core and the keyboard, in Chromium ---

browser_db = pytest.mark.django_db(transaction=True)


@pytest.fixture
def checked_page(browser):
    """A page whose Content-Security-Policy lets the test inject axe-core (the app's own
    scripts are never inline; axe's is, only here)."""
    require(AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci` at the repository root")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


@pytest.mark.browser
@browser_db
def test_public_pages_have_no_serious_accessibility_violations(
    live_server, transactional_db, fresh_demo_briefing, checked_page
):
    blocking, counts = {}, {}
    for name, url in public_pages(fresh_demo_briefing).items():
        checked_page.goto(f"{live_server.url}{url}")
        violations = axe_violations(checked_page)
        counts[name] = {
            impact: sum(v["impact"] == impact for v in violations)
            for impact in ("critical", "serious", "moderate", "minor")
        }
        found = [
            f"{v['impact']} {v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in violations
            if v["impact"] in BLOCKING_IMPACTS
        ]
        if found:
            blocking[name] = found
    print("axe violations per page:", counts)
    assert blocking == {}


@pytest.mark.browser
@browser_db
def test_tab_reaches_the_skip_link_first_and_then_the_search_box(
    live_server, transactional_db, fresh_demo_briefing, checked_page
):
    checked_page.goto(f"{live_server.url}/")
    checked_page.keyboard.press("Tab")
    first = checked_page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert first == ["skip-link", "#main"]
    for _ in range(15):
        checked_page.keyboard.press("Tab")
        if checked_page.evaluate("() => document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("fifteen presses of Tab never reached the search box")


@pytest.mark.browser
@browser_db
def test_skip_link_moves_focus_to_the_main_content(
    live_server, transactional_db, fresh_demo_briefing, checked_page
):
    checked_page.goto(f"{live_server.url}{fresh_demo_briefing.get_absolute_url()}")
    checked_page.keyboard.press("Tab")
    checked_page.keyboard.press("Enter")
    assert checked_page.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.browser
@browser_db
def test_search_from_the_header_finds_the_demo_briefing(
    live_server, transactional_db, fresh_demo_briefing, checked_page
):
    checked_page.goto(f"{live_server.url}/")
    checked_page.get_by_role("searchbox", name="Search the published briefings").fill("Mali coup")
    checked_page.keyboard.press("Enter")
    checked_page.get_by_role("link", name=fresh_demo_briefing.title).first.click()
    assert checked_page.url.endswith(fresh_demo_briefing.get_absolute_url())
