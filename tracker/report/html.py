"""The monthly report as one HTML document (print-ready, A4, right to left in Persian).

Every value is escaped; the font is Vazirmatn embedded from ``tracker/fonts``.
"""

from __future__ import annotations

import base64
from functools import cache
from html import escape

import pandas as pd

from tracker import calendar, config, fmt
from tracker.i18n import t
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


def render(fig: MonthFigures, year: int, month: int, lang: str, generated: str) -> str:
    """The whole report."""
    month_label = f"{calendar.month_name(month, lang)} {fmt.digits(year, lang)}"
    body = [
        _cover(fig, month_label, lang, generated),
        _city(fig, year, lang),
        _league(fig, lang),
        _lagging(fig, lang),
        *(_district(fig, int(row.district), lang) for row in fig.league.itertuples()),
        _changes(fig, lang),
    ]
    direction = "rtl" if lang == "fa" else "ltr"
    title = escape(t("io.report.title", lang) + " — " + month_label)
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_font_faces()}{_CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def _name(row, lang: str) -> str:
    return str(row["name_fa"] if lang == "fa" else row["name_en"])


def _pct(value, lang: str, decimals: int = 1) -> str:
    return fmt.percent(None if pd.isna(value) else float(value), lang, decimals)


def _delta(value, lang: str, points: bool = True) -> str:
    if value is None or pd.isna(value):
        return '<span class="muted">—</span>'
    value = float(value)
    cls = "up" if value > 0.05 else "down" if value < -0.05 else "muted"
    arrow = "▲" if value > 0.05 else "▼" if value < -0.05 else "="
    text = fmt.number(abs(value), lang, 1) if points else fmt.number(abs(value), lang)
    return f'<span class="{cls}">{arrow} {escape(text)}</span>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                         for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cover(fig: MonthFigures, month_label: str, lang: str, generated: str) -> str:
    kpis = "".join(
        f'<div class="kpi">{escape(t(f"status.{s}", lang))}'
        f"<b>{escape(fmt.number(fig.counts.get(s, 0), lang))}</b></div>"
        for s in ("done", "in_progress", "not_started", "blocked"))
    return (
        f'<section class="cover"><h1>{escape(t("io.report.title", lang))}</h1>'
        f'<div class="sub">{escape(t("io.report.for_month", lang, month=month_label))}</div>'
        f'<div class="big">{escape(_pct(fig.city_score, lang))}</div>'
        f'<div>{escape(t("io.report.city_score", lang))}</div>'
        f'<div class="kpis">{kpis}</div>'
        f'<p class="note">{escape(_basis(fig, month_label, lang))}</p>'
        f'<p class="note">{escape(t("io.report.generated", lang, at=generated))}</p></section>'
    )


def _basis(fig: MonthFigures, month_label: str, lang: str) -> str:
    """Official (locked month) or live figures, said on the cover."""
    if fig.official:
        return t("cyc.report.official", lang, period=month_label)
    return t("cyc.report.live", lang)


def _city(fig: MonthFigures, year: int, lang: str) -> str:
    names = {m: calendar.month_name(m, lang) for m in fig.trend["month"]}
    chart = charts.to_svg(charts.trend_chart(fig.trend, names, lang), lang)
    change = (fig.city_score or 0) - (fig.city_before or 0) if fig.city_before is not None \
        else None
    return (
        f'<section><h2>{escape(t("io.report.city_heading", lang))}</h2>'
        f'<p>{escape(t("io.report.city_line", lang, score=_pct(fig.city_score, lang)))} '
        f'{escape(t("io.report.since_last", lang))} {_delta(change, lang)}</p>'
        f'<div class="chart">{chart}</div>'
        f'<p class="note">{escape(t("io.report.score_rule", lang))}</p></section>'
    )


def _league(fig: MonthFigures, lang: str) -> str:
    headers = [t(k, lang) for k in ("io.report.rank", "common.district", "io.report.score",
                                    "io.report.grade", "io.report.rank_change",
                                    "io.report.blocked_clauses", "io.report.overdue_clauses",
                                    "io.report.stale")]
    rows = []
    for r in fig.league.to_dict("records"):
        rows.append([
            escape(fmt.number(r["rank"], lang)) if not pd.isna(r["rank"]) else "—",
            escape(_name(r, lang)), escape(_pct(r["score"], lang)),
            escape(t(f"grade.{r['grade']}", lang)) if r["grade"] else "—",
            _delta(r["rank_change"], lang, points=False),
            escape(fmt.number(r["blocked"], lang)), escape(fmt.number(r["overdue"], lang)),
            escape(t("io.report.yes", lang)) if r["stale"] else "",
        ])
    return (f'<section><h2>{escape(t("io.report.league_heading", lang))}</h2>'
            f"{_table(headers, rows, {0, 2, 3, 4, 5, 6, 7})}"
            f'<p class="note">{escape(t("io.report.league_rule", lang))}</p></section>')


def _lagging(fig: MonthFigures, lang: str) -> str:
    title = "title_fa" if lang == "fa" else "title_en"
    headers = [t(k, lang) for k in ("field.number", "field.title", "io.report.score",
                                    "io.report.blocked_records", "io.report.done_records")]
    rows = [[escape(fmt.number(r["number"], lang)), escape(str(r[title])),
             escape(_pct(r["score"], lang)), escape(fmt.number(r["blocked"], lang)),
             escape(fmt.number(r["done"], lang))] for r in fig.lagging.to_dict("records")]
    data = fig.lagging.assign(label=[t("io.report.clause_n", lang, n=int(n))
                                     for n in fig.lagging["number"]])
    chart = charts.to_svg(charts.bar_chart(data, "label", "score", lang, height_per_bar=34,
                                           color="#c0392b"), lang)
    return (f'<section><h2>{escape(t("io.report.lagging_heading", lang))}</h2>'
            f"{_table(headers, rows, {0, 2, 3, 4})}<div class=\"chart\">{chart}</div></section>")


def _district(fig: MonthFigures, district: int, lang: str) -> str:
    row = fig.league.loc[fig.league["district"] == district].iloc[0]
    clauses = fig.district_clauses[district]
    title = "title_fa" if lang == "fa" else "title_en"
    headers = [t(k, lang) for k in ("field.number", "field.title", "io.report.score",
                                    "io.report.month_change", "status.done",
                                    "status.in_progress", "status.blocked")]
    rows = [[escape(fmt.number(r["number"], lang)), escape(str(r[title])),
             escape(_pct(r["score"], lang)), _delta(r["delta"], lang),
             escape(fmt.number(r.get("done", 0) or 0, lang)),
             escape(fmt.number(r.get("in_progress", 0) or 0, lang)),
             escape(fmt.number(r.get("blocked", 0) or 0, lang))]
            for r in clauses.to_dict("records")]
    data = clauses.assign(label=[fmt.digits(int(n), lang) for n in clauses["number"]],
                          score=clauses["score"].fillna(0))
    chart = charts.to_svg(charts.bar_chart(data, "label", "score", lang, height_per_bar=11,
                                           width=620), lang)
    grade = t(f"grade.{row['grade']}", lang) if row["grade"] else "—"
    rank = fmt.number(row["rank"], lang) if not pd.isna(row["rank"]) else "—"
    line = t("io.report.district_line", lang, score=_pct(row["score"], lang), grade=grade,
             rank=rank)
    return (f"<section><h2>{escape(_name(row, lang))}</h2><p>{escape(line)} "
            f'{escape(t("io.report.since_last", lang))} '
            f'{_delta(row["score"] - row["score_before"], lang)}</p>'
            f'<div class="compact">{_table(headers, rows, {0, 2, 3, 4, 5, 6})}</div>'
            f'<div class="chart">{chart}</div></section>')


def _changes(fig: MonthFigures, lang: str) -> str:
    c = fig.changes
    headers = [t(k, lang) for k in ("common.district", "io.report.updates",
                                    "io.report.completed", "io.report.newly_blocked",
                                    "io.report.score_change")]
    rows = [[escape(_name(r, lang)), escape(fmt.number(r["updates"], lang)),
             escape(fmt.number(r["completed"], lang)), escape(fmt.number(r["blocked"], lang)),
             _delta(r["score_delta"], lang)] for r in c.to_dict("records")]
    total = t("io.report.changes_total", lang, updates=fmt.number(int(c["updates"].sum()), lang),
              completed=fmt.number(int(c["completed"].sum()), lang),
              blocked=fmt.number(int(c["blocked"].sum()), lang))
    return (f'<section><h2>{escape(t("io.report.changes_heading", lang))}</h2>'
            f"<p>{escape(total)}</p>{_table(headers, rows, {1, 2, 3, 4})}</section>")
