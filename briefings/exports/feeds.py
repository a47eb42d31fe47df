"""Atom feeds of what the desk has published: briefings (all, per country, per actor) and
country trends.

The plain addresses are the public's: TLP:CLEAR only, whoever fetches them (a feed reader
carries no session). A signed-in reader gets personal addresses, `/feeds/r/<token>/…`,
whose secret stands for them (`ReaderProfile.feed_token`, revocable); those feeds hold what
that reader may read and are never stored in, or served from, the shared page cache.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..models import (
    ANONYMOUS,
    TREND_ARROWS,
    Actor,
    Briefing,
    Country,
    CountryTrend,
    ReaderContext,
    display_name,
)
from ..services.readers import reader_for_feed_token

FEED_LENGTH = 30


class TextAtomFeed(Atom1Feed):
    """Atom whose entry summaries say they are plain text (type="text"), as the desk's
    summaries and reasons are; Django's writes every summary as HTML."""

    def add_item_elements(self, handler, item):
        summary = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


@dataclass(frozen=True)
class FeedSubject:
    """Whose feed it is and what it is about (a country, an actor, or nothing)."""

    reader: ReaderContext = ANONYMOUS
    target: object = None
    token: str = ""


def feed_reader(token: str | None) -> ReaderContext:
    """The reader a feed address stands for: the public without a token, a 404 for a
    revoked or unknown one."""
    if token is None:
        return ANONYMOUS
    reader = reader_for_feed_token(token)
    if reader is None:
        raise Http404("No such feed.")
    return reader


def _feed_url(name: str, subject: FeedSubject, **kwargs) -> str:
    if subject.token:
        return reverse(f"briefings:{name}-personal", kwargs={**kwargs, "token": subject.token})
    return reverse(f"briefings:{name}", kwargs=kwargs)


class BriefingFeed(Feed):
    """The latest briefings the feed's reader may read (the public: TLP:CLEAR), newest first."""

    feed_type = TextAtomFeed

    def get_object(self, request, token=None):
        return FeedSubject(reader=feed_reader(token), token=token or "")

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: briefings"

    def subtitle(self, obj=None):
        return "Published briefings: the bottom line, key judgments and the evidence behind them."

    def link(self, obj=None):
        return reverse("briefings:home")

    def feed_url(self, obj=None):
        return _feed_url("feed-briefings", obj)

    def author_name(self, obj=None):
        return settings.BRIEFINGS_SITE_NAME

    def briefings(self, obj=None):
        return Briefing.objects.visible_to(obj.reader)

    def items(self, obj=None):
        return self.briefings(obj).prefetch_related("authors", "countries")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        names = [display_name(user) for user in item.authors.all()]
        return ", ".join(names) or settings.BRIEFINGS_SITE_NAME

    def item_categories(self, item):
        return [country.name for country in item.countries.all()]

    def item_guid(self, item):
        # A stable tag URI, so a feed reader keeps one entry per briefing across revisions.
        return f"tag:briefing-desk,2020:briefing:{item.pk}"

    item_guid_is_permalink = False


class CountryBriefingFeed(BriefingFeed):
    """Published briefings about one country."""

    def get_object(self, request, slug, token=None):
        return FeedSubject(feed_reader(token), get_object_or_404(Country, slug=slug), token or "")

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: briefings on {obj.target.name}"

    def subtitle(self, obj=None):
        return f"Published briefings about {obj.target.name}."

    def link(self, obj=None):
        return obj.target.get_absolute_url()

    def feed_url(self, obj=None):
        return _feed_url("feed-country", obj, slug=obj.target.slug)

    def briefings(self, obj=None):
        return Briefing.objects.visible_to(obj.reader).filter(countries=obj.target)


class ActorBriefingFeed(BriefingFeed):
    """Published briefings that cover an actor or cite its events."""

    def get_object(self, request, slug, token=None):
        reader = feed_reader(token)
        return FeedSubject(
            reader, get_object_or_404(Actor.objects.visible_to(reader), slug=slug), token or ""
        )

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: briefings on {obj.target.name}"

    def subtitle(self, obj=None):
        return f"Published briefings that cover {obj.target.name} or cite events it took part in."

    def link(self, obj=None):
        return obj.target.get_absolute_url()

    def feed_url(self, obj=None):
        return _feed_url("feed-actor", obj, slug=obj.target.slug)

    def briefings(self, obj=None):
        return Briefing.objects.visible_to(obj.reader).about_actor(obj.target)


class CountryTrendFeed(Feed):
    """Published country trends, newest month first."""

    feed_type = TextAtomFeed

    def title(self):
        return f"{settings.BRIEFINGS_SITE_NAME}: country trends"

    def subtitle(self):
        return "Month by month, whether each country deteriorated, improved or stayed the same, and why."

    def link(self):
        return reverse("briefings:home")

    def feed_url(self):
        return reverse("briefings:trend-feed")

    def items(self):
        return (
            CountryTrend.objects.published()
            .select_related("country")
            .order_by("-month", "country__name")[:100]
        )

    def item_title(self, item):
        title = f"{item.country.name}, {item.month:%B %Y}: {TREND_ARROWS.get(item.trend, '')} {item.get_trend_display()}"
        if item.alert:
            title += f" (alert: {item.get_alert_display()})"
        return title

    def item_description(self, item):
        return item.reason

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.country.name, item.get_trend_display()] + (
            [item.get_alert_display()] if item.alert else []
        )
