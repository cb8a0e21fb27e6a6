"""A small timeline: quotes or mentions per month as bars, drawn as inline SVG; per year when the
span is longer than three years (an archive of two decades would otherwise draw 220 mostly empty
monthly bars).

The SVG is written here rather than by a template macro: a profile page calls it once, and a
Jinja macro call (with its context) cost a quarter of rendering an entity page. It is written
straight from the counts, without an object per bar: at 10,000 articles (1987 to 2005) the
timelines have 317,000 bars, most of them empty months.
"""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

from .urls import month_name

WIDTH, HEIGHT, GAP = 600, 80, 2
MONTHS = tuple(month_name(month)[:3] for month in range(1, 13))      # "Jan", as the bars' titles show
MONTHLY_SPAN = 36       # months: a longer timeline has a bar per year


def month_range(first: str, last: str) -> list[tuple[int, int]]:
    """(year, month) of every month from `first` to `last` ("2021-02"), both included."""
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_svg(counts: Sequence[tuple[str, int]], what: str) -> Markup:
    """The timeline of `counts` ((month, count) in month order, "2021-02") as a <figure> with a bar
    for every month from the first to the last, empty months included (for every year when they
    span more than MONTHLY_SPAN months); empty for one month. `what` is counted, plural ("quotes")."""
    if len(counts) < 2:
        return Markup("")
    months = month_range(counts[0][0], counts[-1][0])
    if len(months) > MONTHLY_SPAN:
        by_year: dict[tuple[int, int], int] = {}
        for month, count in counts:
            by_year[(int(month[:4]), 0)] = by_year.get((int(month[:4]), 0), 0) + count
        years = [(year, 0) for year in range(months[0][0], months[-1][0] + 1)]
        return _bars(years, by_year, what, "year")
    return _bars(months, {(int(month[:4]), int(month[5:])): count for month, count in counts}, what, "month")


def _label(key: tuple[int, int]) -> str:
    """"Mar 1987" for a month, "1987" for a year (month 0)."""
    return f"{MONTHS[key[1] - 1]} {key[0]:04d}" if key[1] else f"{key[0]:04d}"


def _bars(periods: Sequence[tuple[int, int]], counts: dict[tuple[int, int], int], what: str, per: str) -> Markup:
    peak = max(counts.values())
    step = WIDTH / len(periods)
    width = round(max(step - GAP, 1), 2)
    plural, single = escape(what), escape(what[:-1] if what.endswith("s") else what)
    lines = [f'<figure class="timeline">\n  <svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'height="{HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="tl-caption">\n']
    empty = f'" y="{float(HEIGHT)}" width="{width}" height="0.0"><title>'    # a period without any
    for i, key in enumerate(periods):
        count = counts.get(key)
        if count is None:
            lines.append(f'    <rect x="{round(i * step, 2)}{empty}{_label(key)}: 0 {plural}</title></rect>\n')
            continue
        h = (count / peak) * (HEIGHT - 4)
        lines.append(f'    <rect x="{round(i * step, 2)}" y="{round(HEIGHT - h, 2)}" width="{width}" '
                     f'height="{round(h, 2)}"><title>{_label(key)}: {count} '
                     f'{single if count == 1 else plural}</title></rect>\n')
    lines.append(f'  </svg>\n  <figcaption id="tl-caption">{plural.capitalize()} per {per}, '
                 f'{_label(periods[0])} – {_label(periods[-1])} (peak {peak})</figcaption>\n</figure>\n')
    return Markup("".join(lines))
