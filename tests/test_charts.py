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
