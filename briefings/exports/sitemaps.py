"""The sitemap: the public pages worth a search engine's visit: TLP:CLEAR material only,
whoever asks (`visible_to(ANONYMOUS)`).

`/sitemap.xml` is a sitemap index (the sitemaps protocol's `<sitemapindex>`): one entry per
page of each section, with the section's latest `lastmod`. Each section's pages
(`/sitemap-<section>.xml?p=N`) list at most `limit` addresses, read with one bounded query
(`LIMIT`/`OFFSET` in primary-key order, only the columns an address and its `lastmod`
need) plus the count that numbers the pages. Neither the index nor a page enumerates every
published row: the index reads one count and one `MAX` per section.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.db.models.functions import Greatest
from django.urls import reverse

from ..models import ANONYMOUS, Actor, Briefing, Country, Event

# Addresses per sitemap page (the protocol allows 50,000; a page of this many is about
# 0.5 MB and one bounded query).
PAGE_SIZE = 2000
# Stands for a row's slug in its address, reversed once per page.
SLUG = "sitemap-slug-placeholder"


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["briefings:home"]

    def location(self, item):
        return reverse(item)


class BoundedSitemap(Sitemap):
    """A section read a page at a time: `rows()` in primary-key order (stable across pages,
    and the index's order), only `columns`. Its count (which numbers the pages) and latest
    `lastmod` are one aggregate query; each address is the detail page's route with the
    row's slug (`url_name`), reversed once per page rather than once per row."""

    limit = PAGE_SIZE
    columns: tuple[str, ...] = ("slug",)
    url_name = ""

    def rows(self):
        raise NotImplementedError

    def items(self):
        return self.rows().order_by("pk").only(*self.columns)

    def lastmod_expression(self):
        return None

    @cached_property
    def totals(self) -> dict:
        expression = self.lastmod_expression()
        latest = {"latest": Max(expression)} if expression is not None else {}
        return {"latest": None, **self.rows().aggregate(rows=Count("pk"), **latest)}

    @property
    def paginator(self):
        paginator = Paginator(self._items(), self.limit)
        paginator.count = self.totals["rows"]
        return paginator

    def get_latest_lastmod(self):
        # Django's default calls `lastmod()` on every row of the section.
        return self.totals["latest"]

    @cached_property
    def address(self) -> str:
        return reverse(self.url_name, kwargs={"slug": SLUG})

    def location(self, item):
        return self.address.replace(SLUG, item.slug, 1)


class BriefingSitemap(BoundedSitemap):
    changefreq = "weekly"
    url_name = "briefings:briefing-detail"
    priority = 1.0
    columns = ("slug", "updated_at", "published_at")

    def rows(self):
        return Briefing.objects.visible_to(ANONYMOUS)

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def lastmod_expression(self):
        return Greatest("updated_at", "published_at")


class CountrySitemap(BoundedSitemap):
    """Countries that a published briefing covers or where a published event happened."""

    changefreq = "weekly"
    url_name = "briefings:country-detail"
    priority = 0.5

    def rows(self):
        return Country.objects.visible_to(ANONYMOUS)


class ActorSitemap(BoundedSitemap):
    changefreq = "weekly"
    url_name = "briefings:actor-detail"
    priority = 0.4
    columns = ("slug", "updated_at")

    def rows(self):
        return Actor.objects.visible_to(ANONYMOUS)

    def lastmod(self, item):
        return item.updated_at

    def lastmod_expression(self):
        return "updated_at"


class EventSitemap(BoundedSitemap):
    changefreq = "monthly"
    url_name = "briefings:event-detail"
    priority = 0.3
    columns = ("slug", "updated_at")

    def rows(self):
        return Event.objects.visible_to(ANONYMOUS)

    def lastmod(self, item):
        return item.updated_at

    def lastmod_expression(self):
        return "updated_at"


SITEMAPS = {
    "home": HomeSitemap,
    "briefings": BriefingSitemap,
    "countries": CountrySitemap,
    "actors": ActorSitemap,
    "events": EventSitemap,
}
