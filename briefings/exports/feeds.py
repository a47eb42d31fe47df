"""Atom feeds of what the desk has published: briefings (all, per country, per actor) and
country trends.

The plain addresses are the public's: TLP:CLEAR only, whoever fetches them (a feed reader
carries no session). A signed-in reader gets personal addresses, `/feeds/r/<token>/…`,
whose secret stands for them (`ReaderProfile.feed_token`, revocable); those feeds hold what
that reader may read and are never stored in, or served from, the shared page cache.

Every feed names an XSL stylesheet (`static/feeds/atom.xsl`) in an `<?xml-stylesheet?>`
processing instruction before its root element, and links the Follow page
(`<link rel="related">`) and the page's CSS (`<link rel="stylesheet">`, since the site's
Content-Security-Policy allows no inline style): a browser that opens a feed shows a page
saying what a feed is and where to find the others, while a feed reader ignores all three
and reads plain Atom. Browsers show `application/atom+xml` as plain text without applying
any stylesheet, so a request that asks for HTML (a browser's navigation) gets the same Atom
as `application/xml`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.xmlutils import SimplerXMLGenerator

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


class ExplainedFeed(Feed):
    """A feed a browser shows as a page that explains it (see the module's docstring)."""

    def stylesheets(self):
        return [Stylesheet(static("feeds/atom.xsl"), mimetype="text/xsl")]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["follow_url"] = request.build_absolute_uri(reverse("briefings:follow"))
        feed.feed["css_url"] = request.build_absolute_uri(static("feeds/feed.css"))
        return feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        if asks_for_html(request):
            response["Content-Type"] = "application/xml; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response


def asks_for_html(request) -> bool:
    """Whether the request names HTML among the types it accepts, as a browser's navigation
    does; a feed reader names feed types (or anything, */*), and gets Atom's own type."""
    return any(media.main_type == "text" and media.sub_type == "html" for media in request.accepted_types)


class TextAtomFeed(Atom1Feed):
    """Atom whose entry summaries say they are plain text (type="text"), as the desk's
    summaries and reasons are (Django's writes every summary as HTML), with the stylesheet
    a browser shows it through (Django writes stylesheets into RSS only)."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        # A processing instruction must come before the root element.
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("follow_url"):
            handler.addQuickElement(
                "link", "", {"rel": "related", "href": self.feed["follow_url"], "title": "Follow the desk"}
            )
        if self.feed.get("css_url"):
            handler.addQuickElement(
                "link", "", {"rel": "stylesheet", "type": "text/css", "href": self.feed["css_url"]}
            )

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


class BriefingFeed(ExplainedFeed):
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


class CountryTrendFeed(ExplainedFeed):
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
