"""The Atom feed of country trends: published entries only, newest month first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import CountryTrend
from .views_tracking import TREND_ARROWS


class CountryTrendFeed(Feed):
    feed_type = Atom1Feed

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
        # The feed generator escapes it: the reason is plain text.
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
