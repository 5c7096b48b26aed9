"""Reminders for the whole city at once: every unit of a period late.

On a copy of a benchmark database: one reporting period with no submission at all,
an editor with an e-mail address for every district and zone (half of them reading
English), and "today" the day after the districts' deadline, so every unit is late.
It times what ``tracker remind`` does on that day (:func:`tracker.notify.jobs.run`:
reminders posted to the inboxes and queued for e-mail, the reviewers' digests) and
the delivery of the queue (:func:`tracker.notify.mailer.deliver_pending`) to an SMTP
server on 127.0.0.1 (aiosmtpd, which counts the messages), then runs both again to
show that nothing is sent twice.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from tracker.db import open_db
from tracker.domain.model import Grant, unit_id

_ENV = ("TRACKER_SMTP_HOST", "TRACKER_SMTP_PORT", "TRACKER_SMTP_STARTTLS", "TRACKER_SMTP_TLS",
        "TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD", "TRACKER_SMTP_FROM")


class _Count:
    """An SMTP server's handler that counts (and drops) what it accepts."""

    def __init__(self) -> None:
        self.messages = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _smtp_server():
    """A local SMTP server and the environment that points the mailer at it."""
    from aiosmtpd.controller import Controller

    handler = _Count()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    saved = {k: os.environ.get(k) for k in _ENV}
    try:
        for k in _ENV:
            os.environ.pop(k, None)
        os.environ["TRACKER_SMTP_HOST"] = "127.0.0.1"
        os.environ["TRACKER_SMTP_PORT"] = str(controller.port)
        yield handler
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        controller.stop()


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def _untouched_period(db, actor, year: int):
    """The first period of ``year`` or the next with no submission and not locked (the
    history of a submission is append-only, so one is chosen, not emptied); the next
    year's calendar is generated if there is none."""
    from tracker.domain.errors import ValidationFailed
    from tracker.store import periods as SP

    for y in (year, year + 1):
        if not SP.year_periods(db, y):
            try:
                SP.generate_calendar(db, actor, y)
            except ValidationFailed:  # no program for that year yet
                continue
        for period in SP.year_periods(db, y):
            taken = db.execute("SELECT count(*) FROM submissions WHERE period_id = ?",
                               [period.id]).fetchone()[0]
            locked = db.execute("SELECT locked_at FROM periods WHERE id = ?",
                                [period.id]).fetchone()[0]
            if not taken and locked is None:
                return period
    raise RuntimeError(f"no reporting period without submissions in {year} or {year + 1}")


def _prepare(db, today):
    """One period with every unit late, and an editor with an address for every unit;
    returns the period and the day to run on."""
    from tracker.domain import calendar
    from tracker.store import users

    actor = users.system_user(db)
    year = calendar.current_year(today)
    period = _untouched_period(db, actor, year)
    units = db.execute("SELECT district, zone FROM units ORDER BY district, zone").fetchall()
    for i, (district, zone) in enumerate(units):
        role = "zone_editor" if zone else "district_editor"
        name = f"remind-{unit_id(district, zone)}"
        if not users.username_taken(db, name):
            users.create_user(db, actor, name, f"Remind {district}/{zone}", None,
                              (Grant(role, district, zone or None),),
                              email=f"{name}@example.org")
            if i % 2:
                db.execute("UPDATE users SET lang = 'en' WHERE username = ?", [name])
    return period, period.district_deadline + timedelta(days=1)


def remind_city(db_path: Path) -> dict:
    """Time one reminder pass and its delivery for a whole city late at once (a failure
    is reported as the measure's error, and the other measures go on)."""
    try:
        return _remind_city(db_path)
    except Exception as exc:  # noqa: BLE001 - shown in the results, not raised
        return {"error": f"{type(exc).__name__}: {exc}"}


def _remind_city(db_path: Path) -> dict:
    try:
        import aiosmtpd  # noqa: F401  (a test dependency: bash scripts/setup.sh test)
    except ImportError:
        return {"error": "aiosmtpd is not installed (bash scripts/setup.sh test)"}
    from tracker.domain import calendar
    from tracker.notify import jobs, mailer
    from tracker.store import outbox

    work = Path(tempfile.mkdtemp(prefix="tracker-remind-"))
    try:
        path = work / "remind.db"
        _copy(db_path, path)
        db = open_db(path)
        period, day = _prepare(db, calendar.today_tehran())
        units = db.execute("SELECT count(*) FROM units").fetchone()[0]
        with _smtp_server() as smtp:
            began = time.perf_counter()
            _locked, result, _reports = jobs.run(db, day, 2)
            post_s = time.perf_counter() - began
            began = time.perf_counter()
            sent = failed = 0
            while True:
                s, f, _log = mailer.deliver_pending(db)
                sent, failed = sent + s, failed + f
                if s == 0 or f:
                    break
            send_s = time.perf_counter() - began
            delivered = smtp.messages
            _locked, again, _reports = jobs.run(db, day, 2)
            s2, _f2, _log = mailer.deliver_pending(db)
        left = outbox.counts(db)
        db.conn.close()
        return {"units": int(units), "period": period.seq, "posted": result.posted,
                "queued": result.queued, "post_s": post_s, "sent": sent, "failed": failed,
                "delivered": delivered, "send_s": send_s,
                "again_posted": again.posted, "again_sent": s2, "outbox": left}
    finally:
        shutil.rmtree(work, ignore_errors=True)
