"""A canary crawl per clearance: every item carries a string unique to its marking (and to
who it is for); a client at each clearance requests every address the public site exposes
(every URL pattern of the public urlconf, filled with every slug, key and its own feed
token; every link followed from the home page; a search for each canary; the feeds, the
sitemap, the API, the exports and a missing page) and finds no canary above what it may
read, while finding each one it may read, on its briefing's page and in search.

Besides one briefing per level, three are for others: AMBER and AMBER+STRICT for an
organisation none of the crawling readers belongs to, RED for a reader who is not crawling.
Their canaries must stay hidden from every client, whatever its clearance."""

import contextlib
import xml.etree.ElementTree as ET
from collections import deque
from urllib.parse import urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from briefings.models import Actor, Assessment, Briefing, Country, Event, Tlp
from briefings.models.choices import tlp_at_or_below

from .conftest import TAGS, marked_briefing, secret, term

pytestmark = pytest.mark.django_db

# Briefings for someone else: hidden from every crawling client.
OTHERS = {"Otheramber": Tlp.AMBER, "Otheramberstrict": Tlp.AMBER_STRICT, "Otherred": Tlp.RED}
# Addresses outside the public site, and patterns that take a format suffix (the same views).
SKIPPED_PREFIXES = ("/admin/",)
# A bound on the crawl, far above what the site exposes: the crawl must finish below it.
MAX_PAGES = 3000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def named_patterns(resolver=None, namespace=""):
    """(name to reverse, the names of its arguments) for every named pattern of the urlconf."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                continue
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", sorted(entry.pattern.regex.groupindex)


def candidates(token: str) -> dict[str, list[str]]:
    """Every value each kind of URL argument can take on this site, restricted rows included."""
    slugs = [
        *Briefing.objects.values_list("slug", flat=True),
        *Event.objects.values_list("slug", flat=True),
        *Actor.objects.values_list("slug", flat=True),
        *Country.objects.filter(iso2="ML").values_list("slug", flat=True),
    ]
    return {
        "slug": slugs,
        "pk": [str(pk) for pk in Assessment.objects.values_list("pk", flat=True)],
        "token": [token] if token else ["no-such-token"],
    }


def pattern_addresses(token: str) -> list[str]:
    values = candidates(token)
    addresses = []
    for name, arguments in named_patterns():
        if "format" in arguments:
            continue
        if not arguments:
            with contextlib.suppress(NoReverseMatch):
                addresses.append(reverse(name))
            continue
        combos = [{}]
        for argument in arguments:
            combos = [{**c, argument: v} for c in combos for v in values.get(argument, [])]
        for kwargs in combos:
            try:
                addresses.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    return addresses


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def links_in(body: str) -> list[str]:
    soup = BeautifulSoup(body, "html.parser")
    found = []
    for tag in soup.select("a[href], link[href]"):
        href = tag["href"]
        parts = urlsplit(href)
        if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
            continue
        if not parts.path.startswith("/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def sitemap_links(body: str) -> list[str]:
    """The addresses a sitemap index or sitemap page lists (its `<loc>`s), as paths."""
    root = ET.fromstring(body)  # noqa: S314 - our own response
    found = []
    for loc in root.iter(f"{{{SITEMAP_NS}}}loc"):
        parts = urlsplit(loc.text.strip())
        if parts.netloc == "testserver":
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, token: str) -> dict[str, str]:
    """Every address the site exposes to `client`, with the body it got back."""
    start = [
        "/",
        "/no-such-page/",
        *(f"/search/?{urlencode({'q': term(level)})}" for level in Tlp.values),
        *(f"/search/?{urlencode({'q': f'zqx{tag.lower()}'})}" for tag in OTHERS),
        "/sitemap.xml",
        "/robots.txt",
        "/api/",
        *pattern_addresses(token),
    ]
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < MAX_PAGES:
        address = queue.popleft()
        if address in seen or address.startswith(SKIPPED_PREFIXES):
            continue
        response = client.get(address)
        body = body_of(response)
        seen[address] = body
        assert response.status_code < 500, address
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            queue.extend(link for link in links_in(body) if link not in seen)
        elif address.startswith("/sitemap") and response.status_code == 200:
            queue.extend(link for link in sitemap_links(body) if link not in seen)
    assert not queue, f"the crawl stopped at {MAX_PAGES} addresses with {len(queue)} still to visit"
    return seen


@pytest.fixture
def site(desk, partner, partner_client, outsider, make_reader):
    """The briefings at every level and for others, and a client's reader at each clearance."""
    cache.clear()
    readers = {
        Tlp.GREEN: make_reader(Tlp.GREEN, partner),
        Tlp.AMBER: make_reader(Tlp.AMBER, partner_client),
        Tlp.AMBER_STRICT: make_reader(Tlp.AMBER_STRICT, partner),
        Tlp.RED: make_reader(Tlp.RED, partner),
    }
    stranger = make_reader(Tlp.RED, outsider)
    for level in Tlp.values:
        marked_briefing(level, recipients=[partner], readers=[readers[Tlp.RED].user])
    for tag, level in OTHERS.items():
        marked_briefing(level, tag=tag, recipients=[outsider], readers=[stranger.user])
    yield readers
    cache.clear()


@pytest.mark.parametrize("clearance", Tlp.values)
def test_a_client_at_each_clearance_finds_nothing_above_it_and_everything_it_may_read(
    client, site, clearance
):
    token = ""
    if clearance != Tlp.CLEAR:
        reader = site[clearance]
        client.force_login(reader.user)
        token = reader.feed_token
    pages = crawl(client, token)
    assert len(pages) > 40, "the crawl should reach every kind of page"

    forbidden = [secret(level) for level in Tlp.values if level not in tlp_at_or_below(clearance)]
    forbidden += [f"Canary{tag}Secret" for tag in OTHERS]
    leaks = {canary: address for address, body in pages.items() for canary in forbidden if canary in body}
    assert leaks == {}, f"seen above clearance {clearance}: {leaks}"

    for level in tlp_at_or_below(clearance):
        briefing_page = pages[
            reverse("briefings:briefing-detail", kwargs={"slug": f"briefing-{TAGS[level].lower()}"})
        ]
        assert secret(level) in briefing_page, f"{level} briefing not readable at {clearance}"
        results = pages[f"/search/?{urlencode({'q': term(level)})}"]
        assert secret(level) in results, f"{level} not found by search at {clearance}"
