"""The calibration chart: for each ICD 203 term, its stated range as a band, the share of
its forecasts that came true as a point, and the 95% Wilson interval around that share as a
line through it (long when few forecasts back the point). The geometry is computed here, from the bins'
plain figures, so the template only draws it."""

from dataclasses import dataclass


@dataclass
class ChartColumn:
    label: str
    label_lines: list[str]
    low: int
    high: int
    x: float
    centre: float
    band_x: float
    band_width: float
    band_top: float
    band_height: float
    point_y: float | None
    interval_top: float | None
    interval_bottom: float | None
    interval_text: str
    cap_left: float
    cap_right: float
    too_few: bool
    within: bool
    count_text: str
    verdict: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    gridlines: list[tuple[float, int]]
    columns: list[ChartColumn]

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width

    @property
    def middle(self) -> float:
        return self.top + self.plot_height / 2


def calibration_chart(bins, *, width: int = 720, height: int = 340) -> Chart:
    """Geometry of the calibration chart, computed here so the template only draws it: for
    each term, its stated range as a band and the observed share as a point."""
    left, top, right_margin, bottom_margin = 52, 24, 12, 70
    plot_width, plot_height = width - left - right_margin, height - top - bottom_margin

    def y_of(percent) -> float:
        return round(top + plot_height * (1 - float(percent) / 100), 1)

    column_width = plot_width / len(bins)
    columns = []
    for index, bin_ in enumerate(bins):
        x = left + index * column_width
        share = bin_.share_percent
        interval = bin_.interval
        words = bin_.label.split()
        # Two lines keep "roughly even chance" inside its column.
        split = (len(words) + 1) // 2 if len(words) > 1 else 1
        columns.append(
            ChartColumn(
                label=bin_.label,
                label_lines=[" ".join(words[:split]), " ".join(words[split:])],
                low=bin_.low,
                high=bin_.high,
                x=round(x, 1),
                centre=round(x + column_width / 2, 1),
                band_x=round(x + column_width * 0.2, 1),
                band_width=round(column_width * 0.6, 1),
                band_top=y_of(bin_.high),
                band_height=round(y_of(bin_.low) - y_of(bin_.high), 1),
                point_y=None if share is None else y_of(share),
                interval_top=None if interval is None else y_of(bin_.interval_high_percent),
                interval_bottom=None if interval is None else y_of(bin_.interval_low_percent),
                interval_text=(
                    f"95% interval {bin_.interval_low_percent}–{bin_.interval_high_percent}%"
                    if interval
                    else ""
                ),
                cap_left=round(x + column_width / 2 - 6, 1),
                cap_right=round(x + column_width / 2 + 6, 1),
                too_few=bin_.too_few,
                within=share is not None and bin_.low <= share <= bin_.high,
                count_text=f"{bin_.happened} of {bin_.scored}" if bin_.scored else "none resolved",
                verdict=bin_.verdict,
            )
        )
    gridlines = [(y_of(p), p) for p in range(0, 101, 20)]
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_width,
        plot_height=plot_height,
        gridlines=gridlines,
        columns=columns,
    )
