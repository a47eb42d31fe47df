"""What the country and home pages show of country trends: a country's strip of months,
and this month's changes across the desk."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from ..models import ANONYMOUS, TREND_ARROWS, Country, CountryTrend, Event, ReaderContext, Trend
from .outcomes import EventRef


@dataclass
class TrendCell:
    month: datetime.date
    trend: str
    trend_label: str
    alert: str
    alert_label: str
    reason: str
    country_name: str = ""
    url: str = ""
    events: list[EventRef] = field(default_factory=list)

    @property
    def arrow(self) -> str:
        return TREND_ARROWS.get(self.trend, "")

    @property
    def anchor(self) -> str:
        return f"trend-{self.month:%Y-%m}"

    @property
    def is_change(self) -> bool:
        return self.trend != Trend.UNCHANGED or bool(self.alert)


def trend_cell(trend: CountryTrend) -> TrendCell:
    return TrendCell(
        month=trend.month,
        trend=trend.trend,
        trend_label=trend.get_trend_display(),
        alert=trend.alert,
        alert_label=trend.get_alert_display() if trend.alert else "",
        reason=trend.reason,
        country_name=trend.country.name,
        url=trend.get_absolute_url(),
    )


def trend_strip(country: Country, *, months: int = 24, reader: ReaderContext = ANONYMOUS) -> list[TrendCell]:
    """The country's published trends, oldest first, at most the last `months`, with those
    of their events a reader may open. Three queries."""
    trends = list(
        CountryTrend.objects.published()
        .filter(country=country)
        .select_related("country")
        .prefetch_related("events")
        .order_by("-month")[:months]
    )
    event_ids = {event.pk for trend in trends for event in trend.events.all()}
    visible = (
        set(Event.objects.visible_to(reader).filter(pk__in=event_ids).values_list("pk", flat=True))
        if event_ids
        else set()
    )
    cells = []
    for trend in reversed(trends):
        cell = trend_cell(trend)
        # Only events a reader may see: a trend's link must not publish a draft's event.
        cell.events = [
            EventRef(title=event.title, date_label=event.display_date, url=event.get_absolute_url())
            for event in trend.events.all()
            if event.pk in visible
        ]
        cells.append(cell)
    return cells


@dataclass
class TrendChanges:
    month: datetime.date | None
    changes: list[TrendCell]
    unchanged: int

    @property
    def is_current_month(self) -> bool:
        return self.month is not None and self.month == timezone.localdate().replace(day=1)


def trend_changes(today=None) -> TrendChanges:
    """This month's changes for the home page: countries that deteriorated or improved, or
    carry an alert, in the latest month with published trends (not after `today`'s).
    Two queries."""
    today = today or timezone.localdate()
    published = CountryTrend.objects.published().filter(month__lte=today.replace(day=1))
    month = published.aggregate(latest=Max("month"))["latest"]
    if month is None:
        return TrendChanges(month=None, changes=[], unchanged=0)
    cells = [
        trend_cell(trend)
        for trend in published.filter(month=month).select_related("country").order_by("country__name")
    ]
    changes = [cell for cell in cells if cell.is_change]
    return TrendChanges(month=month, changes=changes, unchanged=len(cells) - len(changes))
