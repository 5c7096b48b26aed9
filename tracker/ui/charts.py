"""Altair charts that read right to left in Persian: Vazirmatn (the theme's font),
Persian digits on axes and legends, the first category at the right.

Altair is imported inside the functions that build charts (it takes a quarter of a
second to import): pages that only draw cached specs never import it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from tracker.domain import fmt
from tracker.domain.fmt import FA_DIGITS
from tracker.ui import st_internals

if TYPE_CHECKING:
    import altair as alt

FONT = "Vazirmatn"
STATUS_COLORS = {
    "not_started": "#bdbdbd", "in_progress": "#f6c344", "done": "#2e9e5b",
    "blocked": "#d9434f", "not_applicable": "#eceff1",
}
GRADE_COLORS = {
    "excellent": "#1b7f46", "good": "#6cbf5a", "fair": "#f2c14e", "poor": "#ee8a3c",
    "weak": "#d9434f",
}
TOTAL_COLOR = "#e8eaf6"
# Vega's "redyellowgreen" scheme (d3's RdYlGn), 0 to 1 in eleven steps
RED_YELLOW_GREEN = ("#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf",
                    "#d9ef8b", "#a6d96a", "#66bd63", "#1a9850", "#006837")
DARK_INK, LIGHT_INK = "#1a1a1a", "#ffffff"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ink(background: str) -> str:
    """The text colour (dark or white) with the higher contrast on ``background``."""
    lum = _luminance(background)
    return DARK_INK if (lum + 0.05) / (_luminance(DARK_INK) + 0.05) >= 1.05 / (lum + 0.05) \
        else LIGHT_INK


def progress_colour(progress: float) -> str:
    """The heat map's colour of a progress (0–100), near enough to how Vega draws the
    scheme (linear in RGB between its steps) to choose the text colour."""
    p = min(100.0, max(0.0, float(progress))) / 100 * (len(RED_YELLOW_GREEN) - 1)
    i = min(int(p), len(RED_YELLOW_GREEN) - 2)
    a, b, f = RED_YELLOW_GREEN[i], RED_YELLOW_GREEN[i + 1], p - i
    mix = [round(int(a[k:k + 2], 16) * (1 - f) + int(b[k:k + 2], 16) * f) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def cell_ink(kind: str, progress: object, status: str, by_status: bool) -> str:
    """The figure's colour in a heat-map cell, legible on the cell's colour."""
    if kind != "cell":
        return ink(TOTAL_COLOR)
    if by_status:
        return ink(STATUS_COLORS.get(status, "#ffffff"))
    if progress is None or pd.isna(progress):
        return DARK_INK
    return ink(progress_colour(float(progress)))


def draw(chart, *, extra: int = 130, **kwargs):
    """``st.altair_chart`` with an explicit height (the chart's plot height plus room
    for axes and legend): Streamlit otherwise squeezes layered charts."""
    return st.altair_chart(chart, height=int(chart.height) + extra, **kwargs)


def spec(chart) -> dict:
    """The Vega-Lite spec Streamlit would send for ``chart`` (data as Arrow datasets):
    made once and cached, it spares Altair's validation on every rerun."""
    return st_internals.altair_spec(chart)


def draw_spec(chart_spec: dict, height: int, *, extra: int = 130, **kwargs):
    """:func:`draw` for a spec from :func:`spec` (``height``: the chart's plot height).
    Streamlit takes the datasets out of the spec it is given: pass a fresh copy."""
    return st.vega_lite_chart(spec=chart_spec, height=int(height) + extra, **kwargs)


def digits_expr(field: str = "datum.label", lang: str = "fa") -> str:
    """A Vega expression showing ``field`` with Persian digits in Persian mode."""
    expr = f"''+{field}"
    if lang != "fa":
        return expr
    for ascii_digit, fa_digit in zip("0123456789", FA_DIGITS, strict=True):
        expr = f"replace({expr}, /{ascii_digit}/g, '{fa_digit}')"
    return expr


def _finish(chart, lang: str):
    return chart.configure(font=FONT).configure_axis(
        labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12,
    ).configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom",
                       direction="horizontal").configure_view(strokeWidth=0)


VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CONFIG = {  # what _finish gives an Altair chart, for specs written directly
    "font": FONT,
    "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom",
               "direction": "horizontal"},
    "view": {"strokeWidth": 0},
}


CELL_TEXT_MIN = 24  # px: narrower heat-map cells show their colour, not their figure


def heatmap(cells: pd.DataFrame, rows: list[str], cols: list[str], *, by_status: bool,
            status_labels: dict[str, str], legend_title: str, tooltip: list[tuple[str, str]],
            lang: str, select: bool = True) -> tuple[dict, int]:
    """A grid of ``cells`` (columns: row, col, kind 'cell'|'total', progress, status,
    text, row_key) with the rows in ``rows`` order top to bottom and the columns in
    ``cols`` order, reading right to left in Persian. ``tooltip`` is
    [(field, title)]. With ``select``, a click selects a row (param ``pick`` on row_key).

    Returns the Vega-Lite spec (for :func:`draw_spec`) and the plot height. The spec is
    written directly: through Altair, the layered chart cost ~50 ms to build (deep
    copies at every chained call), paid after every save on the compare page.
    """
    x_order = cols[::-1] if lang == "fa" else cols
    width = max(420, min(1240, 52 * len(cols)))
    height = max(140, 26 * len(rows))
    encoding = {
        "x": {"field": "col", "type": "nominal", "sort": x_order, "title": None,
              "axis": {"orient": "top", "labelAngle": 0, "labelLimit": 80, "domain": False,
                       "ticks": False}},
        "y": {"field": "row", "type": "nominal", "sort": rows, "title": None,
              "axis": {"orient": "right" if lang == "fa" else "left", "labelLimit": 200,
                       "domain": False, "ticks": False, "labelPadding": 6}},
        "tooltip": [{"field": f, "type": "nominal", "title": title} for f, title in tooltip],
    }
    if by_status:
        present = [s for s in STATUS_COLORS if s in status_labels]
        color = {"field": "status_label", "type": "nominal", "title": legend_title,
                 "scale": {"domain": [status_labels[s] for s in present],
                           "range": [STATUS_COLORS[s] for s in present]}}
    else:
        color = {"field": "progress", "type": "quantitative", "title": legend_title,
                 "scale": {"domain": [0, 100], "scheme": "redyellowgreen"},
                 "legend": {"labelExpr": digits_expr(lang=lang), "gradientLength": 260}}
    rects = {"name": "heat_cells", "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
             "transform": [{"filter": "datum.kind === 'cell'"}],
             "encoding": {**encoding, "color": color}}
    totals = {"mark": {"type": "rect", "color": TOTAL_COLOR, "stroke": "white",
                       "strokeWidth": 1},
              "transform": [{"filter": "datum.kind === 'total'"}], "encoding": encoding}
    # a cell's figure only where it fits: on a phone (a cell under CELL_TEXT_MIN px)
    # two-digit figures ran into each other; the colour and the tooltip remain
    text = {"mark": {"type": "text", "font": FONT,
                     "fontSize": {"expr": f"width / {max(len(cols), 1)} < {CELL_TEXT_MIN}"
                                          " ? 0 : 11"}},
            "encoding": {**encoding, "text": {"field": "text", "type": "nominal"},
                         # dark or white, whichever reads better on the cell's colour
                         "color": {"condition": {"test": f"datum.ink === '{LIGHT_INK}'",
                                                 "value": LIGHT_INK},
                                   "value": DARK_INK}}}
    cells = cells.assign(ink=[cell_ink(k, p, s, by_status) for k, p, s in
                              zip(cells["kind"], cells["progress"], cells["status"],
                                  strict=True)])
    name, arrow = st_internals.arrow_dataset(cells)
    spec = {"$schema": VEGA_LITE_SCHEMA, "config": CONFIG, "data": {"name": name},
            "datasets": {name: arrow}, "width": width, "height": height,
            "layer": [rects, totals, text]}
    if select:
        spec["params"] = [{"name": "pick", "views": ["heat_cells"],
                           "select": {"type": "point", "fields": ["row_key"], "on": "click",
                                      "clear": "dblclick"}}]
    return spec, height


def bars(frame: pd.DataFrame, *, label: str, value: str, value_title: str, order: list[str],
         color_field: str | None, color_domain: list[str], color_range: list[str],
         color_title: str, tooltip: list[tuple[str, str]], lang: str) -> alt.Chart:
    """Horizontal bars (0–100), right to left in Persian: bars grow from the right
    and the labels stand at the right."""
    import altair as alt  # imported on first use: slow to import

    fa = lang == "fa"
    # labels as right-to-left isolates in Persian ("۱۶. …" keeps its number first)
    frame = frame.assign(**{label: [fmt.label(v, lang) for v in frame[label]]})
    order = [fmt.label(v, lang) for v in order]
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{value}:Q", title=value_title,
                scale=alt.Scale(domain=[0, 100], reverse=fa),
                axis=alt.Axis(labelExpr=digits_expr(lang=lang))),
        y=alt.Y(f"{label}:N", sort=order, title=None,
                axis=alt.Axis(orient="right" if fa else "left", labelLimit=220)),
        tooltip=[alt.Tooltip(f"{f}:N", title=title) for f, title in tooltip],
    )
    if color_field:
        chart = chart.encode(color=alt.Color(f"{color_field}:N", title=color_title,
                                             scale=alt.Scale(domain=color_domain,
                                                             range=color_range)))
    return _finish(chart.properties(height=max(120, 22 * len(order))), lang)


def line(frame: pd.DataFrame, *, x: str, y: str, order: list[str], y_title: str,
         tooltip: list[tuple[str, str]], lang: str, ticks: int = 10) -> alt.Chart:
    """A line over ordered, pre-formatted labels (e.g. Jalali dates), the latest at the
    left in Persian, with about ``ticks`` labels on the axis."""
    import altair as alt  # imported on first use: slow to import

    fa = lang == "fa"
    step = max(1, len(order) // ticks)
    shown = order[::step]
    chart = alt.Chart(frame).mark_line(point=len(order) <= 60).encode(
        x=alt.X(f"{x}:O", sort=order[::-1] if fa else order, title=None,
                axis=alt.Axis(values=shown, labelAngle=0, labelOverlap=True)),
        y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(orient="right" if fa else "left",
                              labelExpr=digits_expr(lang=lang))),
        tooltip=[alt.Tooltip(f"{f}:N", title=title) for f, title in tooltip],
    )
    return _finish(chart.properties(height=300), lang)


# -- the same charts, their specs written directly -------------------------------------
# Altair builds a spec with deep copies at every chained call and validates it: 5-7 ms
# a chart, paid by the league, overview and summary pages after every save (their
# charts show the whole city). These write the spec Altair would give (the tests
# compare them with it) straight away.


def _spec(frame: pd.DataFrame, mark: dict, encoding: dict, height: int) -> tuple[dict, int]:
    name, arrow = st_internals.arrow_dataset(frame)
    return {"$schema": VEGA_LITE_SCHEMA, "config": CONFIG, "data": {"name": name},
            "datasets": {name: arrow}, "mark": mark, "encoding": encoding,
            "height": height}, height


def _tooltip(tooltip: list[tuple[str, str]]) -> list[dict]:
    return [{"field": f, "type": "nominal", "title": title} for f, title in tooltip]


def bars_spec(frame: pd.DataFrame, *, label: str, value: str, value_title: str,
              order: list[str], color_field: str | None, color_domain: list[str],
              color_range: list[str], color_title: str, tooltip: list[tuple[str, str]],
              lang: str) -> tuple[dict, int]:
    """:func:`bars`' spec and plot height (for :func:`draw_spec`), without Altair."""
    fa = lang == "fa"
    frame = frame.assign(**{label: [fmt.label(v, lang) for v in frame[label]]})
    order = [fmt.label(v, lang) for v in order]
    encoding: dict = {
        "x": {"field": value, "type": "quantitative", "title": value_title,
              "scale": {"domain": [0, 100], "reverse": fa},
              "axis": {"labelExpr": digits_expr(lang=lang)}},
        "y": {"field": label, "type": "nominal", "sort": order, "title": None,
              "axis": {"orient": "right" if fa else "left", "labelLimit": 220}},
        "tooltip": _tooltip(tooltip),
    }
    if color_field:
        encoding["color"] = {"field": color_field, "type": "nominal", "title": color_title,
                             "scale": {"domain": color_domain, "range": color_range}}
    return _spec(frame, {"type": "bar"}, encoding, max(120, 22 * len(order)))


def line_spec(frame: pd.DataFrame, *, x: str, y: str, order: list[str], y_title: str,
              tooltip: list[tuple[str, str]], lang: str, ticks: int = 10
              ) -> tuple[dict, int]:
    """:func:`line`'s spec and plot height (for :func:`draw_spec`), without Altair."""
    fa = lang == "fa"
    step = max(1, len(order) // ticks)
    mark = {"type": "line", "point": len(order) <= 60}
    encoding = {
        "x": {"field": x, "type": "ordinal", "sort": order[::-1] if fa else order,
              "title": None,
              "axis": {"values": order[::step], "labelAngle": 0, "labelOverlap": True}},
        "y": {"field": y, "type": "quantitative", "title": y_title,
              "scale": {"domain": [0, 100]},
              "axis": {"orient": "right" if fa else "left",
                       "labelExpr": digits_expr(lang=lang)}},
        "tooltip": _tooltip(tooltip),
    }
    return _spec(frame, mark, encoding, 300)
