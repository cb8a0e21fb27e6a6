"""generator/charts.py: the timeline on speaker and entity pages."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.charts import timeline_svg


def test_one_month_draws_no_timeline():
    assert timeline_svg([("2021-01", 4)], "quotes") == ""


def test_every_month_between_the_first_and_the_last_has_a_bar():
    figure = ET.fromstring(str(timeline_svg([("2020-11", 1), ("2021-02", 2)], "mentions")))
    titles = [rect.find("title").text for rect in figure.iter("rect")]
    assert titles == ["Nov 2020: 1 mention", "Dec 2020: 0 mentions", "Jan 2021: 0 mentions", "Feb 2021: 2 mentions"]
    heights = [float(rect.get("height")) for rect in figure.iter("rect")]
    assert heights[3] == 76.0 and heights[0] == 38.0 and heights[1] == 0.0      # scaled to the peak
    assert figure.find("figcaption").text == "Mentions per month, Nov 2020 – Feb 2021 (peak 2)"


def test_three_years_are_drawn_by_month():
    figure = ET.fromstring(str(timeline_svg([("2019-01", 3), ("2021-12", 1)], "quotes")))
    assert len(list(figure.iter("rect"))) == 36
    assert figure.find("figcaption").text == "Quotes per month, Jan 2019 – Dec 2021 (peak 3)"


def test_a_long_timeline_is_drawn_by_year_with_its_empty_years_flat():
    """Reuters (1987) and the BBC (2004-2005) in one archive: a bar for each of the 19 years, the
    empty ones flat at the baseline, each with its title; x from 0 in equal steps."""
    figure = ET.fromstring(str(timeline_svg([("1987-03", 3), ("1987-05", 2), ("2004-11", 1), ("2005-12", 6)],
                                            "quotes")))
    rects = list(figure.iter("rect"))
    assert len(rects) == 19
    titles = [rect.find("title").text for rect in rects]
    assert titles[:2] == ["1987: 5 quotes", "1988: 0 quotes"]
    assert titles[17] == "2004: 1 quote" and titles[-1] == "2005: 6 quotes"
    empty = [rect for rect, title in zip(rects, titles) if ": 0 " in title]
    assert len(empty) == 16 and {(r.get("y"), r.get("height")) for r in empty} == {("80.0", "0.0")}
    assert [float(rects[i].get("height")) for i in (0, 17, 18)] == [round(76 * 5 / 6, 2), round(76 / 6, 2), 76.0]
    xs = [float(rect.get("x")) for rect in rects]
    assert xs[0] == 0.0 and all(abs((b - a) - 600 / 19) < 0.02 for a, b in zip(xs, xs[1:]))
    assert figure.find("figcaption").text == "Quotes per year, 1987 – 2005 (peak 6)"
