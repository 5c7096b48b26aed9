"""Messages built from a batch of queued rows that differ in what they hold (issue 12:
a locked month's report, HTML-less with a PDF, queued with reminders, HTML without a PDF,
stopped the whole run when the suite ran on 1 Farvardin)."""

from __future__ import annotations

from tracker.notify.mailer import build_message
from tracker.store import outbox


def test_a_batch_of_reminders_and_a_report_builds_each_message(db):
    assert outbox.enqueue(db, None, "zone@example.org", "Reminder", "Due today.",
                          "<p>Due today.</p>", "k1")
    assert outbox.enqueue(db, None, "office@example.org", "Locked", "Aban is locked.", None,
                          "k2", attachment=("report.pdf", b"%PDF-1.4 test"))
    assert outbox.enqueue(db, None, "plain@example.org", "Plain", "Text only.", None, "k3")
    rows = outbox.pending(db).to_dict("records")
    msgs = {r["to_addr"]: build_message(r, "tracker@example.org") for r in rows}
    reminder = msgs["zone@example.org"]
    assert reminder.get_body(("html",)).get_content().strip() == "<p>Due today.</p>"
    assert list(reminder.iter_attachments()) == []
    report = msgs["office@example.org"]
    assert report.get_body(("html",)) is None
    [pdf] = list(report.iter_attachments())
    assert pdf.get_filename() == "report.pdf" and pdf.get_content() == b"%PDF-1.4 test"
    assert report.get_body(("plain",)).get_content().strip() == "Aban is locked."
    plain = msgs["plain@example.org"]
    assert not plain.is_multipart() and plain.get_content().strip() == "Text only."
