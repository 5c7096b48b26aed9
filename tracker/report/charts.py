"""The report's charts: Altair specs rendered to SVG by vl-convert in Vazirmatn.

In Persian, bar charts run right to left (reversed x scale, y axis on the right)
and every axis number is drawn in Persian digits (a d3 number locale).
"""

from __future__ import annotations

from functools import cache

import altair as alt
import pandas as pd

from tracker import config
from tracker.domain import fmt
from tracker.domain.fmt import FA_DIGITS
from tracker.domain.i18n import t

FONT = "Vazirmatn"
_FA_LOCALE = {"decimal": "٫", "thousands": "٬", "grouping": [3], "currency": ["", ""],
              "numerals": list(FA_DIGITS), "percent": "٪"}


@cache
def _fonts() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(config.FONT_DIR))


def to_svg(chart: alt.Chart, lang: str) -> str:
    """An Altair chart as an SVG string, Vazirmatn text, the language's digits."""
    import vl_convert

    _fonts()
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    locale = _FA_LOCALE if lang == "fa" else None
    return vl_convert.vegalite_to_svg(spec, format_locale=locale)


def trend_chart(trend: pd.DataFrame, month_names: dict[int, str], lang: str) -> alt.Chart:
    """The city score at the end of each month so far."""
    data = trend.assign(label=[month_names[m] for m in trend["month"]],
                        score=trend["score"].astype(float).round(1))
    order = [month_names[m] for m in trend["month"]]
    x = alt.X("label:N", sort=order, title=None,
              scale=alt.Scale(reverse=lang == "fa"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("score:Q", title=t("io.report.score", lang), scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(orient="right" if lang == "fa" else "left"))
    base = alt.Chart(data).encode(x=x, y=y)
    line = base.mark_line(point=alt.OverlayMarkDef(size=60), color="#1f6fb2", strokeWidth=3)
    text = base.mark_text(dy=-12, fontSize=12).encode(text=alt.Text("score:Q", format=".1f"))
    # a figure over a point near 100 would stand above the plot: it goes under the point
    high = alt.datum.score >= 90
    above = text.transform_filter(~high)
    below = base.mark_text(dy=14, fontSize=12).encode(
        text=alt.Text("score:Q", format=".1f")).transform_filter(high)
    return (line + above + below).properties(width=620, height=230)


def bar_chart(frame: pd.DataFrame, label: str, value: str, lang: str, *,
              height_per_bar: int = 20, width: int = 560,
              color: str = "#2e8b57") -> alt.Chart:
    """Horizontal bars of ``value`` (0–100) by ``label``, right to left in Persian."""
    data = frame[[label, value]].assign(**{value: frame[value].astype(float).round(1),
                                           label: [fmt.label(v, lang) for v in frame[label]]})
    rtl = lang == "fa"
    y = alt.Y(f"{label}:N", sort=None, title=None,
              axis=alt.Axis(orient="right" if rtl else "left", labelLimit=260))
    x = alt.X(f"{value}:Q", title=t("io.report.score", lang),
              scale=alt.Scale(domain=[0, 100], reverse=rtl))
    bars = alt.Chart(data).mark_bar(color=color).encode(x=x, y=y)
    figure = alt.Text(f"{value}:Q", format=".0f")
    long_bar = alt.datum[value] >= 88  # its figure goes inside the bar's end, in white
    outside = alt.Chart(data).mark_text(align="right" if rtl else "left", dx=-4 if rtl else 4,
                                        fontSize=11).encode(x=x, y=y, text=figure
                                                            ).transform_filter(~long_bar)
    inside = alt.Chart(data).mark_text(align="left" if rtl else "right", dx=4 if rtl else -4,
                                       fontSize=11, color="white").encode(
        x=x, y=y, text=figure).transform_filter(long_bar)
    return (bars + outside + inside).properties(width=width,
                                                height=max(60, height_per_bar * len(data)))
