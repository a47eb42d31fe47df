"""Server-rendered charts for the public pages: the likelihood scale, the timeline, the actor
map and the calibration chart. Each draws plain data (numbers, dates, names and the
domain's choices, never a model) and carries a text equivalent; the pages also show the
same facts as HTML tables and lists."""

from .actor_map import ActorLink, MapActor, actor_links, actor_map_svg
from .calibration import Chart, ChartColumn, calibration_chart
from .likelihood import likelihood_scale
from .svg import KIND_STYLES, LegendItem, kind_style, kind_swatch, legend, shape_element
from .timeline import TimelineItem, period_end, time_ticks, timeline_svg

__all__ = [
    "KIND_STYLES",
    "ActorLink",
    "Chart",
    "ChartColumn",
    "LegendItem",
    "MapActor",
    "TimelineItem",
    "actor_links",
    "actor_map_svg",
    "calibration_chart",
    "kind_style",
    "kind_swatch",
    "legend",
    "likelihood_scale",
    "period_end",
    "shape_element",
    "time_ticks",
    "timeline_svg",
]
