"""Scheduled jobs of the reporting cycle that ``tracker remind`` and ``tracker worker``
run: lock the periods whose lock day has come, post the reminders, and send each newly
locked month's report (PDF) to the mayor's office. Never run inside a page."""

from __future__ import annotations

import os
from datetime import date, timedelta

import sqlite_utils

from tracker.domain import calendar
from tracker.domain import periods as P
from tracker.notify.notices import render
from tracker.store import inbox, outbox, reminders
from tracker.store import periods as SP
from tracker.store.users import system_user

REPORT_DAYS = 3  # a month locked within this many days still has its report sent …
RECENT_MONTH_DAYS = 45  # … if it ended at most this many days ago (no reports of old years)


def extra_report_addresses() -> list[str]:
    """``TRACKER_REPORT_TO``: more addresses (comma-separated) that get the report."""
    raw = os.environ.get("TRACKER_REPORT_TO", "")
    return [a.strip() for a in raw.split(",") if a.strip()]


def send_locked_reports(db: sqlite_utils.Database, today: date) -> int:
    """Post (and e-mail, with the PDF) each recently locked month to the mayor's office,
    once per person; returns how many messages were queued or posted."""
    since = calendar.utc_stamp(calendar.now_utc() - timedelta(days=REPORT_DAYS))
    count = 0
    for period in SP.recently_locked(db, since):
        if (today - period.ends).days > RECENT_MONTH_DAYS:
            continue
        params = {"period_fa": P.period_label(period, "fa"),
                  "period_en": P.period_label(period, "en"), "period_id": period.id}
        people = [(r, *outbox.address_of(db, r)) for r in inbox.report_readers(db)]
        people += [(None, addr, "fa") for addr in extra_report_addresses()]
        for rid, _addr, _lang in people:
            if rid is not None and inbox.post(db, rid, "locked", params,
                                              f"locked:{period.id}:{rid}"):
                count += 1
        if not outbox.mail_enabled():
            continue
        pdfs: dict[str, bytes] = {}
        for rid, addr, lang in people:
            key = f"mail:locked:{period.id}:{rid or addr}"
            if not addr or outbox.queued(db, key):
                continue
            if lang not in pdfs:
                pdfs[lang] = _pdf(db, period, lang, today)
            if pdfs[lang] is None:
                continue  # the PDF could not be made: tried again on the next run
            subject, body = render("locked", params, lang)
            month = calendar.month_of(period.starts)[1]
            name = f"report-{period.year}-{month:02d}-{lang}.pdf"
            if outbox.enqueue(db, rid, addr, subject, body, None, key,
                              attachment=(name, pdfs[lang])):
                count += 1
    return count


def _pdf(db, period: P.Period, lang: str, today: date) -> bytes | None:
    from tracker.report import monthly_pdf
    from tracker.report.pdf import PdfFailed

    try:
        return monthly_pdf(db, period.year, calendar.month_of(period.starts)[1], lang, today)
    except PdfFailed:
        return None


def run(db: sqlite_utils.Database, today: date, days_before: int):
    """One pass: lock what is due, post reminders, send locked months' reports."""
    locked = SP.lock_due(db, system_user(db), today)
    result = reminders.run_schedule(db, today, days_before)
    reports = send_locked_reports(db, today)
    return locked, result, reports
