"""`tracker remind` against a real SMTP server (aiosmtpd on 127.0.0.1): the expected
messages in Persian and English, none twice, and queued while the server is down."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest

from tracker.cli import main

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Collect:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(handler, port):
    c = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=port)
    c.start()
    return c


@pytest.fixture
def smtp_env(monkeypatch, fixed_demo_db_copy):
    port = _port()
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
    monkeypatch.setenv("TRACKER_SMTP_FROM", "tracker@tehran.example")
    # 3 Azar 1405: the zones' deadline of Aban; the districts' is two days later
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-24")
    return port, fixed_demo_db_copy


def _remind(db_file) -> int:
    return main(["--db", str(db_file), "remind", "--days-before", "2"])


def _text(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def test_remind_delivers_once_in_each_language(smtp_env, capsys):
    port, db_file = smtp_env
    handler = Collect()
    c = _start(handler, port)
    try:
        assert _remind(db_file) == 0
        got = {m["To"]: m for m in handler.messages}
        # only the demo accounts have addresses: zone 3/2 (Persian mail) is due today,
        # district 3 (English mail) in two days
        assert sorted(got) == ["district3@demo.tracker.example", "zone3-2@demo.tracker.example"]
        fa = got["zone3-2@demo.tracker.example"]
        assert fa["Subject"] == "امروز مهلت گزارش منطقه ۳ / ناحیه ۲ (آبان ۱۴۰۵) است"
        assert "۳ آذر ۱۴۰۵" in _text(fa)
        assert fa["From"] == "tracker@tehran.example"
        assert fa.get_body(preferencelist=("html",)) is not None
        en = got["district3@demo.tracker.example"]
        assert en["Subject"] == "Reminder: District 3's report (Aban 1405) is due 5 Azar 1405"
        assert _text(en).strip() == ("2 day(s) left until District 3's report for Aban 1405 "
                                     "is due (5 Azar 1405).")
        out = capsys.readouterr().out
        assert "sent" in out
        # a second run (cron, a few minutes later) sends nothing new
        assert _remind(db_file) == 0
        assert len(handler.messages) == 2
    finally:
        c.stop()


def test_server_down_keeps_the_queue(smtp_env, capsys):
    port, db_file = smtp_env
    assert _remind(db_file) == 0  # nobody listens on the port
    assert "cannot reach" in capsys.readouterr().out
    from tracker.db import connect
    from tracker.store import outbox

    conn = connect(db_file)
    assert outbox.counts(conn) == {"sent": 0, "queued": 2}
    handler = Collect()
    c = _start(handler, port)
    try:
        assert _remind(db_file) == 0
        assert sorted(m["To"] for m in handler.messages) == [
            "district3@demo.tracker.example", "zone3-2@demo.tracker.example"]
        assert outbox.counts(conn) == {"sent": 2, "queued": 0}
        assert _remind(db_file) == 0
        assert len(handler.messages) == 2
    finally:
        c.stop()
        conn.conn.close()


def test_inbox_gets_reminders_without_smtp(monkeypatch, fixed_demo_db_copy):
    demo_db_copy = fixed_demo_db_copy  # made on 30 Aban 1405; the run is on 3 Azar
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-24")
    monkeypatch.delenv("TRACKER_SMTP_HOST", raising=False)
    assert _remind(demo_db_copy) == 0
    from tracker.db import connect
    from tracker.store import inbox, outbox
    from tracker.store.users import get_user_by_username

    conn = connect(demo_db_copy)
    zone = get_user_by_username(conn, "zone3-2")
    assert list(inbox.messages(conn, zone.id)["kind"]) == ["due_today"]
    assert outbox.counts(conn) == {"sent": 0, "queued": 0}
    assert _remind(demo_db_copy) == 0
    assert inbox.unread_count(conn, zone.id) == 1
    conn.conn.close()


def test_lock_day_locks_and_mails_the_report(monkeypatch, fixed_demo_db_copy):
    """On Aban's lock day (8 Azar 1405) the run locks Aban and mails its report (PDF) to
    the mayor's office (the viewer), once."""
    demo_db_copy = fixed_demo_db_copy  # made on 30 Aban 1405, when Mehr is locked
    port = _port()
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-29")
    handler = Collect()
    c = _start(handler, port)
    try:
        assert _remind(demo_db_copy) == 0
        assert [m["To"] for m in handler.messages] == ["viewer@demo.tracker.example"]
        msg = handler.messages[0]
        assert msg["Subject"] == "دوره آبان ۱۴۰۵ قفل شد"
        pdf = next(p for p in msg.iter_attachments())
        assert pdf.get_content_type() == "application/pdf"
        assert pdf.get_content().startswith(b"%PDF")
        assert _remind(demo_db_copy) == 0
        assert len(handler.messages) == 1
    finally:
        c.stop()
    from tracker.db import connect

    conn = connect(demo_db_copy)
    locked = conn.execute("SELECT locked_at FROM periods WHERE year = 1405 AND seq = 8"
                          ).fetchone()[0]
    assert locked is not None
    conn.conn.close()
