"""The monthly report as one HTML document (print-ready, A4, right to left in Persian).

Rendered through the Jinja2 template ``templates/monthly.html`` with autoescape: every
value is text and is escaped by the template; only our constant CSS, the embedded font
(Vazirmatn from ``tracker/fonts``) and the SVG charts are passed as markup.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from tracker import config
from tracker.domain import calendar, fmt
from tracker.domain.i18n import t
from tracker.report import charts
from tracker.report.figures import MonthFigures

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: Vazirmatn, sans-serif; font-size: 10.5pt; color: #1d2733; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 6mm; } h2 { font-size: 15pt; margin: 0 0 4mm;
  border-bottom: 2px solid #1f6fb2; padding-bottom: 2mm; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; }
section { break-before: page; } section.cover { break-before: auto; }
.cover { text-align: center; padding-top: 45mm; }
.cover .sub { font-size: 14pt; color: #4a5a6a; }
.big { font-size: 40pt; font-weight: 700; color: #1f6fb2; margin: 10mm 0 2mm; }
.kpis { display: flex; gap: 4mm; justify-content: center; flex-wrap: wrap; margin-top: 8mm; }
.kpi { border: 1px solid #c9d6e3; border-radius: 3mm; padding: 3mm 5mm; min-width: 28mm; }
.kpi b { display: block; font-size: 15pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #c9d6e3; padding: 1.2mm 2mm; text-align: start; }
th { background: #e6eef7; } tr:nth-child(even) td { background: #f6f9fc; }
td.num { text-align: center; white-space: nowrap; }
.up { color: #1a7f37; } .down { color: #b42318; } .muted { color: #6b7785; }
.chart svg { max-width: 100%; height: auto; }
.chart { text-align: center; direction: ltr; }  /* SVG text is placed for ltr */
.note { color: #4a5a6a; font-size: 9pt; }
.compact table { font-size: 8.5pt; } .compact th, .compact td { padding: 0.6mm 1.5mm; }
"""


@cache
def _font_faces() -> str:
    faces = []
    for weight, name in ((400, "Vazirmatn-Regular.ttf"), (700, "Vazirmatn-Bold.ttf")):
        data = base64.b64encode((config.FONT_DIR / name).read_bytes()).decode()
        faces.append(f"@font-face {{ font-family: Vazirmatn; font-weight: {weight}; "
                     f"src: url(data:font/ttf;base64,{data}) format('truetype'); }}")
    return "\n".join(faces)


@cache
def _template():
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=True, auto_reload=False)
    return env.get_template("monthly.html")


def render(fig: MonthFigures, year: int, month: int, lang: str, generated: str) -> str:
    """The whole report."""
    month_label = f"{calendar.month_name(month, lang)} {fmt.digits(year, lang)}"
    return _template().render(
        lang=lang, direction="rtl" if lang == "fa" else "ltr",
        title=t("io.report.title", lang) + " — " + month_label,
        font_faces=Markup(_font_faces()), css=Markup(_CSS),
        cover=_cover(fig, month_label, lang, generated),
        city=_city(fig, year, lang),
        league=_league(fig, lang),
        lagging=_lagging(fig, lang),
        districts=[_district(fig, int(row.district), lang) for row in fig.league.itertuples()],
        changes=_changes(fig, lang),
    )


def _name(row, lang: str) -> str:
    return str(row["name_fa"] if lang == "fa" else row["name_en"])


def _pct(value, lang: str, decimals: int = 1) -> str:
    return fmt.percent(None if pd.isna(value) else float(value), lang, decimals)


def _delta(value, lang: str, points: bool = True) -> dict:
    """A change as the template's ``delta`` shows it: ``cls`` (up, down, muted) and
    ``text`` (an arrow and the size of the change, or a dash)."""
    if value is None or pd.isna(value):
        return {"cls": "muted", "text": "—"}
    value = float(value)
    cls = "up" if value > 0.05 else "down" if value < -0.05 else "muted"
    arrow = "▲" if value > 0.05 else "▼" if value < -0.05 else "="
    text = fmt.number(abs(value), lang, 1) if points else fmt.number(abs(value), lang)
    return {"cls": cls, "text": f"{arrow} {text}"}


def _table(headers: list[str], rows: list[list], numeric: set[int]) -> dict:
    """A table for the template: cells are text, or a :func:`_delta`."""
    return {"headers": headers, "rows": rows, "numeric": numeric}


def _chart(svg: str) -> Markup:
    """An SVG chart made by :mod:`tracker.report.charts` (vl-convert writes its text as
    escaped XML), passed to the template as markup."""
    return Markup(svg)


def _cover(fig: MonthFigures, month_label: str, lang: str, generated: str) -> dict:
    return {
        "heading": t("io.report.title", lang),
        "for_month": t("io.report.for_month", lang, month=month_label),
        "score": _pct(fig.city_score, lang),
        "score_label": t("io.report.city_score", lang),
        "kpis": [(t(f"status.{s}", lang), fmt.number(fig.counts.get(s, 0), lang))
                 for s in ("done", "in_progress", "not_started", "blocked")],
        "basis": _basis(fig, month_label, lang),
        "generated": t("io.report.generated", lang, at=generated),
    }


def _basis(fig: MonthFigures, month_label: str, lang: str) -> str:
    """Official (locked month) or live figures, said on the cover."""
    if fig.official:
        return t("cyc.report.official", lang, period=month_label)
    return t("cyc.report.live", lang)


def _city(fig: MonthFigures, year: int, lang: str) -> dict:
    names = {m: calendar.month_name(m, lang) for m in fig.trend["month"]}
    chart = charts.to_svg(charts.trend_chart(fig.trend, names, lang), lang)
    change = (fig.city_score or 0) - (fig.city_before or 0) if fig.city_before is not None \
        else None
    return {
        "heading": t("io.report.city_heading", lang),
        "line": t("io.report.city_line", lang, score=_pct(fig.city_score, lang)),
        "since_last": t("io.report.since_last", lang),
        "change": _delta(change, lang),
        "chart": _chart(chart),
        "rule": t("io.report.score_rule", lang),
    }


def _league(fig: MonthFigures, lang: str) -> dict:
    headers = [t(k, lang) for k in ("io.report.rank", "common.district", "io.report.score",
                                    "io.report.grade", "io.report.rank_change",
                                    "io.report.blocked_clauses", "io.report.overdue_clauses",
                                    "io.report.stale")]
    rows = []
    for r in fig.league.to_dict("records"):
        rows.append([
            fmt.number(r["rank"], lang) if not pd.isna(r["rank"]) else "—",
            _name(r, lang), _pct(r["score"], lang),
            t(f"grade.{r['grade']}", lang) if r["grade"] else "—",
            _delta(r["rank_change"], lang, points=False),
            fmt.number(r["blocked"], lang), fmt.number(r["overdue"], lang),
            t("io.report.yes", lang) if r["stale"] else "",
        ])
    return {"heading": t("io.report.league_heading", lang),
            "table": _table(headers, rows, {0, 2, 3, 4, 5, 6, 7}),
            "rule": t("io.report.league_rule", lang)}


def _lagging(fig: MonthFigures, lang: str) -> dict:
    title = "title_fa" if lang == "fa" else "title_en"
    headers = [t(k, lang) for k in ("field.number", "field.title", "io.report.score",
                                    "io.report.blocked_records", "io.report.done_records")]
    rows = [[fmt.number(r["number"], lang), str(r[title]), _pct(r["score"], lang),
             fmt.number(r["blocked"], lang), fmt.number(r["done"], lang)]
            for r in fig.lagging.to_dict("records")]
    data = fig.lagging.assign(label=[t("io.report.clause_n", lang, n=int(n))
                                     for n in fig.lagging["number"]])
    chart = charts.to_svg(charts.bar_chart(data, "label", "score", lang, height_per_bar=34,
                                           color="#c0392b"), lang)
    return {"heading": t("io.report.lagging_heading", lang),
            "table": _table(headers, rows, {0, 2, 3, 4}), "chart": _chart(chart)}


def _district(fig: MonthFigures, district: int, lang: str) -> dict:
    row = fig.league.loc[fig.league["district"] == district].iloc[0]
    clauses = fig.district_clauses[district]
    title = "title_fa" if lang == "fa" else "title_en"
    headers = [t(k, lang) for k in ("field.number", "field.title", "io.report.score",
                                    "io.report.month_change", "status.done",
                                    "status.in_progress", "status.blocked")]
    rows = [[fmt.number(r["number"], lang), str(r[title]), _pct(r["score"], lang),
             _delta(r["delta"], lang), fmt.number(r.get("done", 0) or 0, lang),
             fmt.number(r.get("in_progress", 0) or 0, lang),
             fmt.number(r.get("blocked", 0) or 0, lang)]
            for r in clauses.to_dict("records")]
    data = clauses.assign(label=[fmt.digits(int(n), lang) for n in clauses["number"]],
                          score=clauses["score"].fillna(0))
    chart = charts.to_svg(charts.bar_chart(data, "label", "score", lang, height_per_bar=11,
                                           width=620), lang)
    grade = t(f"grade.{row['grade']}", lang) if row["grade"] else "—"
    rank = fmt.number(row["rank"], lang) if not pd.isna(row["rank"]) else "—"
    return {
        "name": _name(row, lang),
        "line": t("io.report.district_line", lang, score=_pct(row["score"], lang),
                  grade=grade, rank=rank),
        "since_last": t("io.report.since_last", lang),
        "change": _delta(row["score"] - row["score_before"], lang),
        "table": _table(headers, rows, {0, 2, 3, 4, 5, 6}),
        "chart": _chart(chart),
    }


def _changes(fig: MonthFigures, lang: str) -> dict:
    c = fig.changes
    headers = [t(k, lang) for k in ("common.district", "io.report.updates",
                                    "io.report.completed", "io.report.newly_blocked",
                                    "io.report.score_change")]
    rows = [[_name(r, lang), fmt.number(r["updates"], lang), fmt.number(r["completed"], lang),
             fmt.number(r["blocked"], lang), _delta(r["score_delta"], lang)]
            for r in c.to_dict("records")]
    total = t("io.report.changes_total", lang, updates=fmt.number(int(c["updates"].sum()), lang),
              completed=fmt.number(int(c["completed"].sum()), lang),
              blocked=fmt.number(int(c["blocked"].sum()), lang))
    return {"heading": t("io.report.changes_heading", lang), "total": total,
            "table": _table(headers, rows, {1, 2, 3, 4})}
