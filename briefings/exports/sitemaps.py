"""sitemap.xml: the public pages worth a search engine's visit: TLP:CLEAR material only,
whoever asks (`visible_to(ANONYMOUS)`)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import ANONYMOUS, Actor, Briefing, Country, Event


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["briefings:home"]

    def location(self, item):
        return reverse(item)


class BriefingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 1.0

    def items(self):
        return Briefing.objects.visible_to(ANONYMOUS).order_by("-published_at", "pk")

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


class CountrySitemap(Sitemap):
    """Countries that a published briefing covers or where a published event happened."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Country.objects.visible_to(ANONYMOUS).order_by("name")


class ActorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Actor.objects.visible_to(ANONYMOUS).order_by("name")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Event.objects.visible_to(ANONYMOUS).order_by("date", "pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "home": HomeSitemap,
    "briefings": BriefingSitemap,
    "countries": CountrySitemap,
    "actors": ActorSitemap,
    "events": EventSitemap,
}
