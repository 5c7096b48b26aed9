"""The bar and line specs written without Altair are the specs Altair gives for the
same charts (Altair is the independent reference here), data included."""

import pandas as pd
import pytest

from tracker.ui import charts


def _without_schema(spec: dict) -> dict:
    # Altair names its own Vega-Lite release ("v6.4.1"); the front end reads both
    return {k: v for k, v in spec.items() if k != "$schema"}


BARS = pd.DataFrame({"name": ["منطقه ۱", "District 2", "منطقه ۳"],
                     "score": [10.5, 50.0, 99.9], "band": ["low", "mid", "high"],
                     "tip": ["۱۰٫۵٪", "۵۰٪", "۹۹٫۹٪"]})


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("colour", [True, False])
def test_bars_spec_is_altairs(lang, colour):
    kw = dict(label="name", value="score", value_title="امتیاز",
              order=["منطقه ۳", "District 2", "منطقه ۱"],
              color_field="band" if colour else None, color_domain=["low", "mid", "high"],
              color_range=["#b91c1c", "#f59e0b", "#15803d"], color_title="گروه",
              tooltip=[("name", "منطقه"), ("tip", "امتیاز")], lang=lang)
    spec, height = charts.bars_spec(BARS, **kw)
    chart = charts.bars(BARS, **kw)
    assert _without_schema(spec) == _without_schema(charts.spec(chart))
    assert height == int(chart.height) == 120  # three bars: the 120 px floor
    assert spec["encoding"]["x"]["scale"]["reverse"] is (lang == "fa")


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("points", [12, 90])
def test_line_spec_is_altairs(lang, points):
    labels = [f"1405/01/{i:02d}" for i in range(1, points + 1)]
    frame = pd.DataFrame({"label": labels, "score": [i * 100 / points for i in range(points)],
                          "tip": labels})
    kw = dict(x="label", y="score", order=labels, y_title="امتیاز",
              tooltip=[("tip", "روز")], lang=lang)
    spec, height = charts.line_spec(frame, **kw)
    chart = charts.line(frame, **kw)
    assert _without_schema(spec) == _without_schema(charts.spec(chart))
    assert height == int(chart.height) == 300
    assert spec["mark"]["point"] is (points <= 60)
    # about ten labels on the axis: every 1st of 12, every 9th of 90
    assert len(spec["encoding"]["x"]["axis"]["values"]) == (12 if points == 12 else 10)
