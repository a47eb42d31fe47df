"""The timeline: a vertical time axis with each event marked at its date."""

import calendar
import datetime
import math

# Builds SVG, never parses input.
import xml.etree.ElementTree as ET  # nosec B405
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.safestring import SafeString, mark_safe

from ..models.choices import DatePrecision
from .svg import (
    fmt,
    kind_style,
    polygon_points,
    render_svg,
    shape_element,
    svg_element,
    text_element,
    truncate,
)


@dataclass
class TimelineItem:
    """What the timeline needs of an event, already looked up by the view."""

    number: int
    title: str
    date: datetime.date
    precision: str
    display_date: str
    kind: str
    kind_label: str
    end_date: datetime.date | None = None


def period_end(date: datetime.date, precision: str, end_date: datetime.date | None) -> datetime.date:
    """The last day a dated event may cover, from its precision or its end date."""
    if end_date:
        return end_date
    if precision == DatePrecision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    if precision == DatePrecision.YEAR:
        return date.replace(month=12, day=31)
    return date


def time_ticks(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """Ticks at round dates (years, months or days), about eight of them."""
    days = (end - start).days
    if days > 3 * 366:
        step = max(1, math.ceil((end.year - start.year + 1) / 8))
        first_year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        return [(datetime.date(y, 1, 1), str(y)) for y in range(first_year, end.year + 1, step)]
    if days > 62:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= 9)
        tick = start if start.day == 1 else start.replace(day=1) + relativedelta(months=1)
        while (tick.month - 1) % step:
            tick += relativedelta(months=1)
        ticks = []
        while tick <= end:
            label = f"{tick:%b %Y}" if tick.month == 1 or not ticks else f"{tick:%b}"
            ticks.append((tick, label))
            tick += relativedelta(months=step)
        return ticks
    step = next(s for s in (1, 2, 7, 14, 28) if days / s <= 9)
    tick, ticks = start, []
    while tick <= end:
        ticks.append((tick, f"{tick.day} {tick:%b}" if ticks else f"{tick.day} {tick:%b %Y}"))
        tick += datetime.timedelta(days=step)
    return ticks


def timeline_svg(items: list[TimelineItem], *, caption: str) -> SafeString:
    """A vertical time axis: each event marked at its date (a bar where its date is a month,
    a year or a period), with its label beside it, pushed apart when events crowd."""
    if not items:
        # Safe for bandit's B308/B703: empty.
        return mark_safe("")  # nosec B308 B703
    items = sorted(items, key=lambda item: (item.date, item.number))
    start = min(item.date for item in items)
    end = max(period_end(item.date, item.precision, item.end_date) for item in items)
    if end == start:
        start, end = start - datetime.timedelta(days=3), end + datetime.timedelta(days=3)
    width, axis_x, top, row = 900, 108, 24, 26
    label_x = axis_x + 64
    # About 7 units a character at 13px: enough to keep each label inside the picture.
    label_chars = int((width - label_x - 16) / 7)
    axis_height = max(220, row * len(items))
    total_days = (end - start).days

    def y(date: datetime.date) -> float:
        return top + axis_height * (date - start).days / total_days

    # Labels sit at their date where there is room, else just below the one before.
    label_ys, previous = [], top - row
    for item in items:
        previous = max(y(item.date), previous + row)
        label_ys.append(previous)
    height = max(top + axis_height, label_ys[-1]) + 20

    first, last = items[0].display_date, items[-1].display_date
    summary = f"{len(items)} event{'s' if len(items) != 1 else ''} from {first} to {last}"
    svg = svg_element(
        width,
        height,
        label=f"{caption}: {summary}. The table that follows lists the same events.",
        css_class="timeline-chart",
    )
    ET.SubElement(
        svg,
        "line",
        {"x1": fmt(axis_x), "x2": fmt(axis_x), "y1": fmt(top - 8), "y2": fmt(top + axis_height + 8)},
        stroke="#9aa4b2",
        **{"stroke-width": "2"},
    )
    for tick, tick_label in time_ticks(start, end):
        ty = y(tick)
        ET.SubElement(
            svg, "line", x1=fmt(axis_x - 6), x2=fmt(axis_x), y1=fmt(ty), y2=fmt(ty), stroke="#9aa4b2"
        )
        text_element(svg, axis_x - 10, ty + 4, tick_label, **{"text-anchor": "end", "class": "tick-label"})

    for item, label_y in zip(items, label_ys, strict=True):
        shape, colour = kind_style(item.kind)
        group = ET.SubElement(svg, "g", {"class": "timeline-event"})
        ET.SubElement(group, "title").text = f"{item.display_date}: {item.title} ({item.kind_label})"
        y0 = y(item.date)
        y1 = y(period_end(item.date, item.precision, item.end_date))
        if y1 - y0 >= 2:
            ET.SubElement(
                group,
                "rect",
                x=fmt(axis_x - 4),
                y=fmt(y0),
                width="8",
                height=fmt(y1 - y0),
                rx="3",
                fill=colour,
                **{"fill-opacity": "0.45"},
            )
        ET.SubElement(group, "circle", cx=fmt(axis_x), cy=fmt(y0), r="4", fill=colour)
        ET.SubElement(
            group,
            "polyline",
            points=polygon_points(
                [(axis_x + 5, y0), (axis_x + 22, y0), (label_x - 22, label_y), (label_x - 14, label_y)]
            ),
            fill="none",
            stroke="#b6bec9",
        )
        marker_attrs = {"fill": colour}
        if item.precision == DatePrecision.APPROXIMATE:
            marker_attrs |= {"stroke": "#ffffff", "stroke-width": "1.5", "stroke-dasharray": "2 2"}
        group.append(shape_element(shape, label_x - 4, label_y, 15, **marker_attrs))
        text = text_element(group, label_x + 10, label_y + 4.5, "", **{"class": "event-label"})
        number = ET.SubElement(text, "tspan", {"class": "event-number"})
        number.text = f"{item.number}. "
        when = ET.SubElement(text, "tspan", {"class": "event-date"})
        when.text = item.display_date
        room = label_chars - len(number.text) - len(item.display_date) - 1
        when.tail = " " + truncate(item.title, max(room, 12))
    return render_svg(svg)
