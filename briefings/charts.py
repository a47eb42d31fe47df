"""Server-rendered SVG for the public pages: the likelihood scale, the timeline and the
actor map. Built as ElementTree elements, so every name and title an analyst typed is
escaped by the serializer, never pasted into markup by hand. Each picture carries a
text equivalent; the pages also show the same facts as HTML tables and lists.

The SVG uses presentation attributes and CSS classes only (no `style` attributes), so a
Content-Security-Policy without 'unsafe-inline' still renders it.
"""

import calendar
import datetime
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from .models import LIKELIHOOD_RANGES, ActorRole, DatePrecision, EventKind

# --- Event kinds: a colour and a shape each ----------------------------------------------
# The shape follows CAMEO's quad classes (verbal or material, cooperation or conflict),
# with a shape of their own for ACLED's violence types, coups and the rest; the colour
# tells kinds of the same class apart. Together with the legend's words, colour is never
# the only carrier. Every colour keeps at least 4.5:1 against white.

SLATE, PURPLE, TEAL, BLUE, GREEN = "#475569", "#6a3d9a", "#0f766e", "#1d5fa8", "#3b7a1e"
BROWN, MAGENTA, ORANGE, RED, DARK_RED, INK = "#8a5a14", "#a3336b", "#b45309", "#b3261e", "#7f1d1d", "#1f2937"

KIND_STYLES: dict[str, tuple[str, str]] = {
    EventKind.COUP: ("star", RED),
    EventKind.PUBLIC_STATEMENT: ("circle", SLATE),
    EventKind.APPEAL: ("circle", PURPLE),
    EventKind.INTENT_TO_COOPERATE: ("circle", TEAL),
    EventKind.CONSULT: ("circle", BLUE),
    EventKind.DIPLOMATIC_COOPERATION: ("square", BLUE),
    EventKind.MATERIAL_COOPERATION: ("square", TEAL),
    EventKind.AID: ("square", GREEN),
    EventKind.YIELD: ("square", SLATE),
    EventKind.INVESTIGATE: ("diamond", SLATE),
    EventKind.DEMAND: ("diamond", BROWN),
    EventKind.DISAPPROVE: ("diamond", MAGENTA),
    EventKind.REJECT: ("diamond", PURPLE),
    EventKind.THREATEN: ("diamond", ORANGE),
    EventKind.PROTEST: ("triangle", ORANGE),
    EventKind.FORCE_POSTURE: ("triangle", BROWN),
    EventKind.REDUCE_RELATIONS: ("triangle", MAGENTA),
    EventKind.COERCE: ("triangle", PURPLE),
    EventKind.ASSAULT: ("triangle", RED),
    EventKind.FIGHT: ("triangle", DARK_RED),
    EventKind.MASS_VIOLENCE: ("triangle", INK),
    EventKind.BATTLE: ("triangle-down", DARK_RED),
    EventKind.REMOTE_VIOLENCE: ("triangle-down", BROWN),
    EventKind.VIOLENCE_AGAINST_CIVILIANS: ("triangle-down", RED),
    EventKind.RIOT: ("triangle-down", ORANGE),
    EventKind.STRATEGIC_DEVELOPMENT: ("hexagon", BLUE),
    EventKind.OTHER: ("hexagon", SLATE),
}

SHAPE_WORDS = {
    "circle": "circle",
    "square": "square",
    "diamond": "diamond",
    "triangle": "triangle",
    "triangle-down": "downward triangle",
    "star": "star",
    "hexagon": "hexagon",
}


def kind_style(kind: str) -> tuple[str, str]:
    return KIND_STYLES.get(kind, ("hexagon", SLATE))


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _polygon(points) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)


def _regular(cx: float, cy: float, r: float, n: int, start_deg: float) -> list[tuple[float, float]]:
    return [
        (
            cx + r * math.cos(math.radians(start_deg + i * 360 / n)),
            cy + r * math.sin(math.radians(start_deg + i * 360 / n)),
        )
        for i in range(n)
    ]


def shape_element(shape: str, cx: float, cy: float, size: float, **attrs) -> ET.Element:
    """A marker of `shape` centred on (cx, cy), about `size` across."""
    r = size / 2
    if shape == "circle":
        return ET.Element("circle", cx=_fmt(cx), cy=_fmt(cy), r=_fmt(r * 0.9), **attrs)
    if shape == "square":
        s = r * 0.82
        return ET.Element(
            "rect", x=_fmt(cx - s), y=_fmt(cy - s), width=_fmt(2 * s), height=_fmt(2 * s), **attrs
        )
    if shape == "diamond":
        points = _regular(cx, cy, r * 1.05, 4, -90)
    elif shape == "triangle":
        points = _regular(cx, cy + r * 0.15, r * 1.1, 3, -90)
    elif shape == "triangle-down":
        points = _regular(cx, cy - r * 0.15, r * 1.1, 3, 90)
    elif shape == "star":
        outer, inner = r * 1.15, r * 0.5
        points = [
            (
                cx + (outer if i % 2 == 0 else inner) * math.cos(math.radians(-90 + i * 36)),
                cy + (outer if i % 2 == 0 else inner) * math.sin(math.radians(-90 + i * 36)),
            )
            for i in range(10)
        ]
    else:  # hexagon
        points = _regular(cx, cy, r, 6, 0)
    return ET.Element("polygon", points=_polygon(points), **attrs)


def _render(element: ET.Element) -> SafeString:
    # ElementTree escapes every text node and attribute value it serializes.
    return mark_safe(ET.tostring(element, encoding="unicode", short_empty_elements=True))  # noqa: S308


def _text(parent: ET.Element, x: float, y: float, content: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, "text", x=_fmt(x), y=_fmt(y), **attrs)
    element.text = content
    return element


def _svg(
    width: float, height: float, *, label: str, css_class: str, title: str = "", desc: str = ""
) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "viewBox": f"0 0 {_fmt(width)} {_fmt(height)}",
            "width": _fmt(width),
            "height": _fmt(height),
            "class": css_class,
            "role": "img",
            "aria-label": label,
            "focusable": "false",
        },
    )
    if title:
        ET.SubElement(svg, "title").text = title
    if desc:
        ET.SubElement(svg, "desc").text = desc
    return svg


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')}…"


# --- Legend swatches ---------------------------------------------------------------------


def kind_swatch(kind: str, size: int = 16) -> SafeString:
    """A small shape in the kind's colour for an HTML legend or table; decorative."""
    shape, colour = kind_style(kind)
    svg = ET.Element(
        "svg",
        {
            "viewBox": f"0 0 {size} {size}",
            "width": str(size),
            "height": str(size),
            "class": "swatch",
            "aria-hidden": "true",
            "focusable": "false",
        },
    )
    svg.append(shape_element(shape, size / 2, size / 2, size - 4, fill=colour))
    return _render(svg)


@dataclass
class LegendItem:
    kind: str
    label: str
    shape: str
    swatch: SafeString


def legend(kinds) -> list[LegendItem]:
    """One legend entry per kind present, in the taxonomy's order."""
    present = set(kinds)
    items = []
    for kind in EventKind:
        if kind.value in present:
            shape, _ = kind_style(kind.value)
            items.append(LegendItem(kind.value, kind.label, SHAPE_WORDS[shape], kind_swatch(kind.value)))
    return items


# --- Likelihood scale --------------------------------------------------------------------


def likelihood_scale(likelihood: str, label: str, probability: int | None = None) -> SafeString:
    """A 0-100% scale with ICD 203's bands, the judgment's band marked (and its explicit
    probability, where one was given)."""
    low, high = LIKELIHOOD_RANGES[likelihood]
    width, left, right, track_y = 220, 10, 210, 12
    span = right - left

    def x(pct: float) -> float:
        return left + span * pct / 100

    words = f"Likelihood on a scale from 0 to 100%: {label}, {low} to {high}%"
    if probability is not None:
        words += f", stated as {probability}%"
    svg = _svg(width, 34, label=words, css_class="likelihood-scale")
    ET.SubElement(
        svg, "rect", x=_fmt(left), y=_fmt(track_y - 4), width=_fmt(span), height="8", rx="4", fill="#e5e7eb"
    )
    for band_low, _band_high in LIKELIHOOD_RANGES.values():
        if band_low > 1:
            ET.SubElement(
                svg,
                "line",
                x1=_fmt(x(band_low)),
                x2=_fmt(x(band_low)),
                y1=_fmt(track_y - 4),
                y2=_fmt(track_y + 4),
                stroke="#ffffff",
                **{"stroke-width": "1.5"},
            )
    ET.SubElement(
        svg,
        "rect",
        {
            "x": _fmt(x(low)),
            "y": _fmt(track_y - 7),
            "width": _fmt(max(x(high) - x(low), 3)),
            "height": "14",
            "rx": "3",
            "fill": "#1d4f91",
            "class": "range",
        },
    )
    if probability is not None:
        px = x(probability)
        ET.SubElement(
            svg,
            "polygon",
            points=_polygon([(px - 4, track_y - 12), (px + 4, track_y - 12), (px, track_y - 6)]),
            fill="#1f2937",
        )
    for pct, anchor in ((0, "start"), (50, "middle"), (100, "end")):
        _text(svg, x(pct), 31, f"{pct}%", **{"text-anchor": anchor, "class": "tick-label"})
    return _render(svg)


# --- Timeline ----------------------------------------------------------------------------


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


def _add_months(date: datetime.date, months: int) -> datetime.date:
    total = date.year * 12 + date.month - 1 + months
    return datetime.date(total // 12, total % 12 + 1, 1)


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
        tick = start if start.day == 1 else _add_months(start.replace(day=1), 1)
        while (tick.month - 1) % step:
            tick = _add_months(tick, 1)
        ticks = []
        while tick <= end:
            label = f"{tick:%b %Y}" if tick.month == 1 or not ticks else f"{tick:%b}"
            ticks.append((tick, label))
            tick = _add_months(tick, step)
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
        return mark_safe("")
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
    svg = _svg(
        width,
        height,
        label=f"{caption}: {summary}. The table that follows lists the same events.",
        css_class="timeline-chart",
    )
    ET.SubElement(
        svg,
        "line",
        {"x1": _fmt(axis_x), "x2": _fmt(axis_x), "y1": _fmt(top - 8), "y2": _fmt(top + axis_height + 8)},
        stroke="#9aa4b2",
        **{"stroke-width": "2"},
    )
    for tick, tick_label in time_ticks(start, end):
        ty = y(tick)
        ET.SubElement(
            svg, "line", x1=_fmt(axis_x - 6), x2=_fmt(axis_x), y1=_fmt(ty), y2=_fmt(ty), stroke="#9aa4b2"
        )
        _text(svg, axis_x - 10, ty + 4, tick_label, **{"text-anchor": "end", "class": "tick-label"})

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
                x=_fmt(axis_x - 4),
                y=_fmt(y0),
                width="8",
                height=_fmt(y1 - y0),
                rx="3",
                fill=colour,
                **{"fill-opacity": "0.45"},
            )
        ET.SubElement(group, "circle", cx=_fmt(axis_x), cy=_fmt(y0), r="4", fill=colour)
        ET.SubElement(
            group,
            "polyline",
            points=_polygon(
                [(axis_x + 5, y0), (axis_x + 22, y0), (label_x - 22, label_y), (label_x - 14, label_y)]
            ),
            fill="none",
            stroke="#b6bec9",
        )
        marker_attrs = {"fill": colour}
        if item.precision == DatePrecision.APPROXIMATE:
            marker_attrs |= {"stroke": "#ffffff", "stroke-width": "1.5", "stroke-dasharray": "2 2"}
        group.append(shape_element(shape, label_x - 4, label_y, 15, **marker_attrs))
        text = _text(group, label_x + 10, label_y + 4.5, "", **{"class": "event-label"})
        number = ET.SubElement(text, "tspan", {"class": "event-number"})
        number.text = f"{item.number}. "
        when = ET.SubElement(text, "tspan", {"class": "event-date"})
        when.text = item.display_date
        room = label_chars - len(number.text) - len(item.display_date) - 1
        when.tail = " " + _truncate(item.title, max(room, 12))
    return _render(svg)


# --- Actor map ---------------------------------------------------------------------------


@dataclass
class ActorEdge:
    """Every event in which one actor acted on another (initiator on target)."""

    initiator: object
    target: object
    events: list = field(default_factory=list)


def actor_edges(timeline_events) -> list[ActorEdge]:
    """Initiator-to-target pairs from the events, in order of first appearance.
    Each event in `timeline_events` carries its prefetched `roles`."""
    edges: dict[tuple[int, int], ActorEdge] = {}
    for event in timeline_events:
        roles = list(event.roles.all())
        initiators = [r.actor for r in roles if r.role == ActorRole.INITIATOR]
        targets = [r.actor for r in roles if r.role == ActorRole.TARGET]
        for initiator in initiators:
            for target in targets:
                if initiator.pk == target.pk:
                    continue
                key = (initiator.pk, target.pk)
                edge = edges.setdefault(key, ActorEdge(initiator, target))
                edge.events.append(event)
    return list(edges.values())


def actor_map_svg(edges: list[ActorEdge]) -> SafeString:
    """Initiators on the left, their targets on the right, an arrow for each pair; the
    thicker the arrow, the more events. Nodes are ordered to keep crossings few."""
    if not edges:
        return mark_safe("")
    left, right = [], []
    for edge in edges:
        if edge.initiator not in left:
            left.append(edge.initiator)
    # Place each target at the mean height of those acting on it (barycentre ordering).
    position = {actor.pk: i for i, actor in enumerate(left)}
    weights: dict[int, list[int]] = {}
    for edge in edges:
        weights.setdefault(edge.target.pk, []).append(position[edge.initiator.pk])
        if edge.target not in right:
            right.append(edge.target)
    right.sort(key=lambda actor: sum(weights[actor.pk]) / len(weights[actor.pk]))

    width, row, top = 900, 34, 44
    left_x, right_x = 330, 570
    rows = max(len(left), len(right))
    height = top + rows * row + 6

    def node_y(index: int, count: int) -> float:
        # Centre the shorter column against the longer one.
        return top + (rows - count) * row / 2 + index * row + row / 2

    left_y = {actor.pk: node_y(i, len(left)) for i, actor in enumerate(left)}
    right_y = {actor.pk: node_y(i, len(right)) for i, actor in enumerate(right)}
    svg = _svg(
        width,
        height,
        label=(
            f"Actor map: {len(edges)} initiator-to-target link{'s' if len(edges) != 1 else ''} "
            f"among {len({a.pk for a in left + right})} actors. The list that follows gives the same links."
        ),
        css_class="actor-map",
    )
    defs = ET.SubElement(svg, "defs")
    arrow = ET.SubElement(
        defs,
        "marker",
        id="actor-map-arrow",
        viewBox="0 0 10 10",
        refX="9",
        refY="5",
        markerWidth="9",
        markerHeight="9",
        markerUnits="userSpaceOnUse",
        orient="auto-start-reverse",
    )
    ET.SubElement(arrow, "path", d="M 0 0 L 10 5 L 0 10 z", fill="#475569")
    _text(svg, left_x, 20, "Initiator", **{"text-anchor": "end", "class": "column-label"})
    _text(svg, right_x, 20, "Target", **{"text-anchor": "start", "class": "column-label"})

    for edge in edges:
        y0, y1 = left_y[edge.initiator.pk], right_y[edge.target.pk]
        group = ET.SubElement(svg, "g", {"class": "actor-edge"})
        count = len(edge.events)
        ET.SubElement(group, "title").text = f"{edge.initiator.name} → {edge.target.name}: " + "; ".join(
            f"{event.display_date}, {event.title}" for event in edge.events
        )
        mid = (left_x + right_x) / 2
        ET.SubElement(
            group,
            "path",
            {
                "d": f"M {_fmt(left_x + 8)} {_fmt(y0)} C {_fmt(mid)} {_fmt(y0)}, {_fmt(mid)} {_fmt(y1)}, "
                f"{_fmt(right_x - 9)} {_fmt(y1)}",
                "fill": "none",
                "stroke": "#64748b",
                "stroke-width": _fmt(min(1.4 + count * 0.8, 5)),
                "stroke-opacity": "0.85",
                "marker-end": "url(#actor-map-arrow)",
            },
        )
        if count > 1:
            _text(
                group, mid, (y0 + y1) / 2 - 5, f"×{count}", **{"text-anchor": "middle", "class": "edge-count"}
            )

    for actors, xs, ys, anchor, dx in (
        (left, left_x, left_y, "end", -12),
        (right, right_x, right_y, "start", 12),
    ):
        for actor in actors:
            cy = ys[actor.pk]
            group = ET.SubElement(svg, "g", {"class": "actor-node"})
            ET.SubElement(group, "title").text = actor.name
            ET.SubElement(group, "circle", cx=_fmt(xs), cy=_fmt(cy), r="6", fill="#1d4f91")
            _text(
                group,
                xs + dx,
                cy + 4.5,
                _truncate(actor.name, 44),
                **{"text-anchor": anchor, "class": "actor-label"},
            )
    return _render(svg)
