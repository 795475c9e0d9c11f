"""Figures over time as SVG bar charts, drawn in Python at build time (no browser, no network),
with dates and numbers in the chart's language. Every text is escaped: it is data."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from briefs.render.i18n import Localizer

# Presentation attributes, not CSS: WeasyPrint styles SVG by attributes only. Colours as brief.css.
INK, MUTED, RULE, ACCENT = "#1b1f24", "#5a6470", "#c9cfd6", "#1f4e79"
FONT = 'font-family="Noto Sans, sans-serif"'

# Narrow enough that its 13-14 px labels stay about 10 px on a 375 px phone (at 520 wide and
# 10-11 px they shrank to 5-6 px).
WIDTH, HEIGHT = 440, 240
LEFT, RIGHT, TOP, BOTTOM = 104, 40, 30, 36
LABEL, VALUE = 13, 14
MIN_POINTS = 3
"""A series with fewer values is a line of text, not a chart (see templates/series.html.j2)."""
BAR = 34


@dataclass(frozen=True)
class SeriesValue:
    """One value of a series: the year it refers to, the figure's value, and where it comes from."""

    year: int
    value: Decimal
    meeting_id: str


def nice_step(top: float, ticks: int = 4) -> float:
    """A round axis step (1, 2 or 5 × 10^k) so that about `ticks` steps reach top."""
    raw = top / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def bar_chart(points: list[SeriesValue], unit: str, title: str, localizer: Localizer) -> Markup:
    """An accessible SVG bar chart of a series, years placed to scale on the x axis."""
    points = sorted(points, key=lambda p: p.year)
    top = float(max(p.value for p in points)) or 1.0
    step = nice_step(top)
    axis_top = step * math.ceil(top / step)
    first, last = points[0].year, points[-1].year
    span = max(last - first, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT - BAR, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + BAR / 2 + (plot_w * (year - first) / span if last != first else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / axis_top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    tick = 0.0
    while tick <= axis_top + step / 2:
        label = localizer.amount(Decimal(str(tick)), unit)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{RULE}" stroke-width="0.5"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" {FONT} font-size="{LABEL}" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
        tick += step
    for point in points:
        value = float(point.value)
        height = max(plot_h * value / axis_top, 1.0)
        cx = x(point.year)
        parts.append(
            f'<rect class="bar" x="{cx - BAR / 2:.1f}" y="{TOP + plot_h - height:.1f}" width="{BAR}" '
            f'height="{height:.1f}" fill="{ACCENT}" data-year="{point.year}" data-value="{point.value}" '
            f'data-meeting="{escape(point.meeting_id)}"/>'
            f'<text class="value" x="{cx:.1f}" y="{TOP + plot_h - height - 6:.1f}" text-anchor="middle" {FONT} '
            f'font-size="{VALUE}" font-weight="bold" fill="{ACCENT}">{escape(localizer.amount(point.value, unit))}</text>'
            f'<text class="year" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" {FONT} font-size="{LABEL}" '
            f'fill="{INK}">{point.year}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/></svg>'
    )
    return Markup("".join(parts))
