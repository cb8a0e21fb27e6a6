"""A small timeline: quotes or mentions per month as bars, drawn as inline SVG.

The SVG is written here rather than by a template macro: a profile page calls it once, and a
Jinja macro call (with its context) cost a quarter of rendering an entity page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

from .urls import month_name

WIDTH, HEIGHT, GAP = 600, 80, 2


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str       # "2021-02"
    count: int


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]
    width: int
    height: int
    first: str
    last: str
    peak: int


def _month_range(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(counts: Sequence[tuple[str, int]]) -> Timeline | None:
    """Bars for every month from the first to the last (empty months included); None for one month."""
    if len(counts) < 2:
        return None
    by_month = dict(counts)
    months = _month_range(counts[0][0], counts[-1][0])
    peak = max(by_month.values())
    step = WIDTH / len(months)
    bars = tuple(
        Bar(x=round(i * step, 2), y=round(HEIGHT - h, 2), width=round(max(step - GAP, 1), 2), height=round(h, 2),
            month=month, count=by_month.get(month, 0))
        for i, month in enumerate(months)
        for h in [(by_month.get(month, 0) / peak) * (HEIGHT - 4)]
    )
    return Timeline(bars=bars, width=WIDTH, height=HEIGHT, first=months[0], last=months[-1], peak=peak)


def _month_label(month: str) -> str:
    return f"{month_name(int(month[5:]))[:3]} {month[:4]}"


def timeline_svg(counts: Sequence[tuple[str, int]], what: str) -> Markup:
    """The timeline of `counts` as a <figure> (empty for one month); `what` counted, plural ("quotes")."""
    chart = timeline(counts)
    if chart is None:
        return Markup("")
    plural, single = escape(what), escape(what[:-1] if what.endswith("s") else what)
    lines = [f'<figure class="timeline">\n  <svg viewBox="0 0 {chart.width} {chart.height}" width="100%" '
             f'height="{chart.height}" preserveAspectRatio="none" role="img" aria-labelledby="tl-caption">\n']
    lines.extend(f'    <rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}"><title>'
                 f'{_month_label(bar.month)}: {bar.count} {single if bar.count == 1 else plural}</title></rect>\n'
                 for bar in chart.bars)
    lines.append(f'  </svg>\n  <figcaption id="tl-caption">{plural.capitalize()} per month, {_month_label(chart.first)} '
                 f'– {_month_label(chart.last)} (peak {chart.peak})</figcaption>\n</figure>\n')
    return Markup("".join(lines))
