"""What every chart of the desk is drawn with: SVG built as ElementTree elements, so every
name and title an analyst typed is escaped by the serializer, never pasted into markup by
hand; presentation attributes and CSS classes only (no `style` attributes), so a
Content-Security-Policy without 'unsafe-inline' still renders it; and a colour and a shape
for each event kind, with swatches and a legend."""

import math

# Builds SVG, never parses input.
import xml.etree.ElementTree as ET  # nosec B405
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from ..models.choices import EventKind

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


def fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def polygon_points(points) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


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
        return ET.Element("circle", cx=fmt(cx), cy=fmt(cy), r=fmt(r * 0.9), **attrs)
    if shape == "square":
        s = r * 0.82
        return ET.Element("rect", x=fmt(cx - s), y=fmt(cy - s), width=fmt(2 * s), height=fmt(2 * s), **attrs)
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
    return ET.Element("polygon", points=polygon_points(points), **attrs)


def render_svg(element: ET.Element) -> SafeString:
    # ElementTree escapes every text node and attribute value it serializes.
    # Safe for bandit's B308/B703: ElementTree escapes every text and attribute it writes.
    return mark_safe(ET.tostring(element, encoding="unicode", short_empty_elements=True))  # noqa: S308  # nosec B308 B703


def text_element(parent: ET.Element, x: float, y: float, content: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, "text", x=fmt(x), y=fmt(y), **attrs)
    element.text = content
    return element


def svg_element(
    width: float, height: float, *, label: str, css_class: str, title: str = "", desc: str = ""
) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
            "width": fmt(width),
            "height": fmt(height),
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


def truncate(text: str, limit: int) -> str:
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
    return render_svg(svg)


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
