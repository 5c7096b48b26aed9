"""The heat map's Vega-Lite spec, written without Altair, is valid Vega-Lite and reads
right to left in Persian."""

import io

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from tracker.ui import charts

CELLS = pd.DataFrame({
    "row": ["منطقه ۱", "منطقه ۲", "کل"], "col": ["۱", "۲", "کل"],
    "kind": ["cell", "cell", "total"], "progress": [10.0, 55.5, 30.0],
    "status": ["done", "blocked", ""], "status_label": ["انجام شد", "متوقف", ""],
    "text": ["۱۰", "۵۶", "۳۰"], "row_key": [1, 2, -1],
})


def _valid(spec: dict) -> dict:
    """``spec`` with its Arrow dataset read back, checked against the Vega-Lite schema."""
    (name, arrow), = spec["datasets"].items()
    rows = pa.ipc.open_stream(io.BytesIO(arrow)).read_all().to_pylist()
    plain = {**spec, "datasets": {name: rows}}
    alt.LayerChart.from_dict(plain)  # raises on a spec Vega-Lite would refuse
    return plain


@pytest.mark.parametrize("by_status", [False, True])
def test_the_heat_map_spec_is_valid_vega_lite(by_status):
    spec, height = charts.heatmap(
        CELLS, ["منطقه ۱", "منطقه ۲", "کل"], ["۱", "۲", "کل"], by_status=by_status,
        status_labels={"done": "انجام شد", "blocked": "متوقف"}, legend_title="پیشرفت",
        tooltip=[("row", "واحد")], lang="fa", select=True)
    plain = _valid(spec)
    assert height == spec["height"] >= 140
    (rows,) = plain["datasets"].values()
    assert [r["row"] for r in rows] == CELLS["row"].tolist()
    cells = plain["layer"][0]
    assert cells["encoding"]["x"]["sort"] == ["کل", "۲", "۱"]  # first clause at the right
    assert cells["encoding"]["y"]["axis"]["orient"] == "right"
    assert plain["params"][0]["name"] == "pick" and plain["params"][0]["views"] == [
        cells["name"]]
    field = "status_label" if by_status else "progress"
    assert cells["encoding"]["color"]["field"] == field
    assert plain["config"]["font"] == "Vazirmatn"


def test_english_reads_left_to_right_and_without_selection():
    spec, _ = charts.heatmap(CELLS, ["a"], ["1", "2"], by_status=False, status_labels={},
                             legend_title="Progress", tooltip=[], lang="en", select=False)
    _valid(spec)
    assert "params" not in spec
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["1", "2"]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["orient"] == "left"


def test_heat_map_figures_are_legible_on_every_colour():
    from tracker.ui import charts

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((charts._luminance(a), charts._luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    # dark red and dark green cells get white figures, the light middle dark ones
    assert charts.cell_ink("cell", 0, "", False) == charts.LIGHT_INK
    assert charts.cell_ink("cell", 100, "", False) == charts.LIGHT_INK
    assert charts.cell_ink("cell", 50, "", False) == charts.DARK_INK
    for p in range(0, 101, 5):
        background = charts.progress_colour(p)
        assert contrast(background, charts.cell_ink("cell", p, "", False)) >= 4.0, p
    for status, background in charts.STATUS_COLORS.items():
        assert contrast(background, charts.cell_ink("cell", None, status, True)) >= 4.0, status


def test_heat_map_figures_show_only_where_a_cell_is_wide_enough():
    """On a phone (21 columns in about 350 px) the figures ran into each other: they are
    drawn only when a cell is at least 24 px wide (the width signal is the plot's)."""
    cols = [str(i) for i in range(21)]
    spec, _ = charts.heatmap(CELLS, ["a"], cols, by_status=False, status_labels={},
                             legend_title="Progress", tooltip=[], lang="en", select=False)
    _valid(spec)
    size = spec["layer"][2]["mark"]["fontSize"]
    assert size == {"expr": "width / 21 < 24 ? 0 : 11"}
    # the expression, worked by hand: 21 cells in 350 px (16.7 px each): no figures;
    # in 1100 px (52 px each): figures at 11 px
    assert 350 / 21 < 24 <= 1100 / 21
