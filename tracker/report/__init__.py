"""The monthly report to the mayor: figures from the history, an HTML document with
SVG charts in Vazirmatn, printed to PDF by headless Chromium. No streamlit here."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from tracker import config
from tracker.domain import calendar
from tracker.report import html, pdf
from tracker.report.figures import (
    MonthFigures,
    MonthInputs,
    month_figures,
    previous_month_end,
    report_day,
)
from tracker.store import compare, frozen
from tracker.store import report as reads

__all__ = ["MonthFigures", "gather", "monthly_html", "monthly_pdf", "parse_month"]


def parse_month(text: str) -> tuple[int, int]:
    """``1405/08`` (any digits, / or -) -> ``(1405, 8)``; ValueError otherwise."""
    from tracker.domain.fmt import to_ascii_digits

    parts = to_ascii_digits(str(text)).strip().replace("-", "/").split("/")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(text)
    year, month = int(parts[0]), int(parts[1])
    if not (calendar.MIN_YEAR <= year <= calendar.MAX_YEAR and 1 <= month <= 12):
        raise ValueError(text)
    return year, month


def gather(db: sqlite_utils.Database, year: int, month: int,
           today: date | None = None) -> MonthFigures:
    """Every figure of the report for the Jalali ``month`` of ``year``."""
    today = today or calendar.today_tehran()
    day = report_day(year, month, today)
    before_day = previous_month_end(year, month)
    month_ends = {m: compare.records_as_of(db, year, report_day(year, m, today))
                  for m in range(1, month + 1)}
    official = frozen.locked_period(db, year, month) is not None
    if official:  # the locked month's official figures: its accepted snapshots
        month_ends[month] = frozen.frozen_records(db, year, month)[0]
    start = calendar.end_of_day_utc(before_day) if before_day else "0000"
    inputs = MonthInputs(
        year=year, month=month, day=day, before_day=before_day,
        year_start=calendar.year_start(year), stale_days=config.stale_days(),
        records=month_ends[month], last=compare.last_updates(db, year, day),
        before=month_ends.get(month - 1) if before_day else None,
        before_last=compare.last_updates(db, year, before_day) if before_day else None,
        month_ends=month_ends,
        changes=reads.changes_between(db, year, start, calendar.end_of_day_utc(day)),
        clauses=reads.clause_catalogue(db, year), districts=reads.district_names(db),
    )
    figures = month_figures(inputs)
    figures.official = official
    return figures


def monthly_html(db: sqlite_utils.Database, year: int, month: int, lang: str = "fa",
                 today: date | None = None) -> str:
    """The report as one self-contained HTML document."""
    figures = gather(db, year, month, today)
    generated = calendar.format_stamp(calendar.utc_stamp(), lang)
    return html.render(figures, year, month, lang, generated)


def monthly_pdf(db: sqlite_utils.Database, year: int, month: int, lang: str = "fa",
                today: date | None = None) -> bytes:
    """The report as PDF bytes (needs Chromium; raises ``pdf.PdfFailed``)."""
    return pdf.html_to_pdf(monthly_html(db, year, month, lang, today))
