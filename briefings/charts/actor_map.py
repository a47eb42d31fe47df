"""The actor map: who acted on whom, initiators on the left and their targets on the right."""

# Builds SVG, never parses input.
import xml.etree.ElementTree as ET  # nosec B405
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from .svg import fmt, render_svg, svg_element, text_element, truncate


@dataclass(frozen=True)
class MapActor:
    key: int
    name: str


@dataclass
class ActorLink:
    """Every event in which one actor acted on another (initiator on target)."""

    initiator: MapActor
    target: MapActor
    events: list[str] = field(default_factory=list)  # each "18 August 2020, Coup in Mali"


def actor_links(acts: Iterable[tuple[MapActor, MapActor, str]]) -> list[ActorLink]:
    """Initiator-to-target links from (initiator, target, event) triples, in order of first
    appearance; an actor acting on itself is left out."""
    links: dict[tuple[int, int], ActorLink] = {}
    for initiator, target, event in acts:
        if initiator.key == target.key:
            continue
        links.setdefault((initiator.key, target.key), ActorLink(initiator, target)).events.append(event)
    return list(links.values())


def actor_map_svg(edges: list[ActorLink]) -> SafeString:
    """Initiators on the left, their targets on the right, an arrow for each pair; the
    thicker the arrow, the more events. Nodes are ordered to keep crossings few."""
    if not edges:
        # Safe for bandit's B308/B703: empty.
        return mark_safe("")  # nosec B308 B703
    left, right = [], []
    for edge in edges:
        if edge.initiator not in left:
            left.append(edge.initiator)
    # Place each target at the mean height of those acting on it (barycentre ordering).
    position = {actor.key: i for i, actor in enumerate(left)}
    weights: dict[int, list[int]] = {}
    for edge in edges:
        weights.setdefault(edge.target.key, []).append(position[edge.initiator.key])
        if edge.target not in right:
            right.append(edge.target)
    right.sort(key=lambda actor: sum(weights[actor.key]) / len(weights[actor.key]))

    width, row, top = 900, 34, 44
    left_x, right_x = 330, 570
    rows = max(len(left), len(right))
    height = top + rows * row + 6

    def node_y(index: int, count: int) -> float:
        # Centre the shorter column against the longer one.
        return top + (rows - count) * row / 2 + index * row + row / 2

    left_y = {actor.key: node_y(i, len(left)) for i, actor in enumerate(left)}
    right_y = {actor.key: node_y(i, len(right)) for i, actor in enumerate(right)}
    svg = svg_element(
        width,
        height,
        label=(
            f"Actor map: {len(edges)} initiator-to-target link{'s' if len(edges) != 1 else ''} "
            f"among {len({a.key for a in left + right})} actors. The list that follows gives the same links."
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
    text_element(svg, left_x, 20, "Initiator", **{"text-anchor": "end", "class": "column-label"})
    text_element(svg, right_x, 20, "Target", **{"text-anchor": "start", "class": "column-label"})

    for edge in edges:
        y0, y1 = left_y[edge.initiator.key], right_y[edge.target.key]
        group = ET.SubElement(svg, "g", {"class": "actor-edge"})
        count = len(edge.events)
        ET.SubElement(group, "title").text = f"{edge.initiator.name} → {edge.target.name}: " + "; ".join(
            edge.events
        )
        mid = (left_x + right_x) / 2
        ET.SubElement(
            group,
            "path",
            {
                "d": f"M {fmt(left_x + 8)} {fmt(y0)} C {fmt(mid)} {fmt(y0)}, {fmt(mid)} {fmt(y1)}, "
                f"{fmt(right_x - 9)} {fmt(y1)}",
                "fill": "none",
                "stroke": "#64748b",
                "stroke-width": fmt(min(1.4 + count * 0.8, 5)),
                "stroke-opacity": "0.85",
                "marker-end": "url(#actor-map-arrow)",
            },
        )
        if count > 1:
            text_element(
                group, mid, (y0 + y1) / 2 - 5, f"×{count}", **{"text-anchor": "middle", "class": "edge-count"}
            )

    for actors, xs, ys, anchor, dx in (
        (left, left_x, left_y, "end", -12),
        (right, right_x, right_y, "start", 12),
    ):
        for actor in actors:
            cy = ys[actor.key]
            group = ET.SubElement(svg, "g", {"class": "actor-node"})
            ET.SubElement(group, "title").text = actor.name
            ET.SubElement(group, "circle", cx=fmt(xs), cy=fmt(cy), r="6", fill="#1d4f91")
            text_element(
                group,
                xs + dx,
                cy + 4.5,
                truncate(actor.name, 44),
                **{"text-anchor": anchor, "class": "actor-label"},
            )
    return render_svg(svg)
