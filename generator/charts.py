"""A small timeline: quotes or mentions per month as bars, drawn by the template as inline SVG."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

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
