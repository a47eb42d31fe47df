"""The likelihood scale: ICD 203's seven terms as bands, with the judgment's own marked."""

# Builds SVG, never parses input.
import xml.etree.ElementTree as ET  # nosec B405

from django.utils.safestring import SafeString

from ..models.choices import LIKELIHOOD_RANGES
from .svg import fmt, polygon_points, render_svg, svg_element, text_element


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
    svg = svg_element(width, 34, label=words, css_class="likelihood-scale")
    ET.SubElement(
        svg, "rect", x=fmt(left), y=fmt(track_y - 4), width=fmt(span), height="8", rx="4", fill="#e5e7eb"
    )
    for band_low, _band_high in LIKELIHOOD_RANGES.values():
        if band_low > 1:
            ET.SubElement(
                svg,
                "line",
                x1=fmt(x(band_low)),
                x2=fmt(x(band_low)),
                y1=fmt(track_y - 4),
                y2=fmt(track_y + 4),
                stroke="#ffffff",
                **{"stroke-width": "1.5"},
            )
    ET.SubElement(
        svg,
        "rect",
        {
            "x": fmt(x(low)),
            "y": fmt(track_y - 7),
            "width": fmt(max(x(high) - x(low), 3)),
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
            points=polygon_points([(px - 4, track_y - 12), (px + 4, track_y - 12), (px, track_y - 6)]),
            fill="#1f2937",
        )
    for pct, anchor in ((0, "start"), (50, "middle"), (100, "end")):
        text_element(svg, x(pct), 31, f"{pct}%", **{"text-anchor": anchor, "class": "tick-label"})
    return render_svg(svg)
