"""Sending the outbox through an SMTP server configured by environment variables.

============================  ==========================================================
``TRACKER_SMTP_HOST``         the server; unset = no e-mail (only the in-app inbox)
``TRACKER_SMTP_PORT``         default 465 with TLS, 587 with STARTTLS, else 25
``TRACKER_SMTP_STARTTLS``     ``1`` to upgrade a plain connection with STARTTLS
``TRACKER_SMTP_TLS``          ``1`` for an implicit-TLS connection (SMTPS)
``TRACKER_SMTP_USER``         sign in with this user …
``TRACKER_SMTP_PASSWORD``     … and password (only when both are set)
``TRACKER_SMTP_FROM``         the sender address (default ``tracker@localhost``)
============================  ==========================================================

Each message is multipart/alternative with a plain-text part and an HTML part (and the
monthly PDF where there is one). A message that cannot be sent stays queued with its
error and is retried on a later run; nothing is lost and no page waits for the server.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import sqlite_utils

from tracker.store import outbox


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    starttls: bool
    tls: bool
    user: str | None
    password: str | None
    sender: str

    @classmethod
    def from_env(cls) -> SmtpConfig | None:
        host = os.environ.get("TRACKER_SMTP_HOST", "").strip()
        if not host:
            return None
        tls, starttls = _flag("TRACKER_SMTP_TLS"), _flag("TRACKER_SMTP_STARTTLS")
        default = 465 if tls else 587 if starttls else 25
        port = int(os.environ.get("TRACKER_SMTP_PORT", "").strip() or default)
        return cls(host, port, starttls, tls, os.environ.get("TRACKER_SMTP_USER") or None,
                   os.environ.get("TRACKER_SMTP_PASSWORD") or None,
                   os.environ.get("TRACKER_SMTP_FROM", "").strip() or "tracker@localhost")


def _given(value):
    """``value``, or None when the column was NULL: a row of ``outbox.pending``'s frame
    holds NaN there when other rows of the batch have a value (a reminder without a PDF
    sent with a locked month's report)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def build_message(row: dict, sender: str) -> EmailMessage:
    """One queued row as an e-mail: text part, HTML alternative, optional attachment."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = row["to_addr"]
    msg["Subject"] = row["subject"]
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="tracker")
    msg.set_content(row["body_text"])
    html, name, data = (_given(row.get(k)) for k in ("body_html", "attachment_name",
                                                     "attachment"))
    if html:
        msg.add_alternative(html, subtype="html")
    if name and data is not None:
        msg.add_attachment(bytes(data), maintype="application", subtype="pdf",
                           filename=name)
    return msg


def _connect(cfg: SmtpConfig, timeout: float) -> smtplib.SMTP:
    if cfg.tls:
        conn: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=timeout,
                                              context=ssl.create_default_context())
    else:
        conn = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
        if cfg.starttls:
            conn.starttls(context=ssl.create_default_context())
    if cfg.user and cfg.password:
        conn.login(cfg.user, cfg.password)
    return conn


def deliver_pending(db: sqlite_utils.Database, cfg: SmtpConfig | None = None,
                    timeout: float = 20.0) -> tuple[int, int, list[str]]:
    """Send what is queued and due; returns ``(sent, failed, log lines)``."""
    cfg = cfg or SmtpConfig.from_env()
    if cfg is None:
        return 0, 0, []
    rows = outbox.pending(db).to_dict("records")
    if not rows:
        return 0, 0, []
    log: list[str] = []
    try:
        conn = _connect(cfg, timeout)
    except (OSError, smtplib.SMTPException) as exc:
        for row in rows:
            outbox.mark_failed(db, int(row["id"]), f"connect: {exc}")
        return 0, len(rows), [f"queued {len(rows)}: cannot reach {cfg.host}:{cfg.port} ({exc})"]
    sent = failed = 0
    try:
        for row in rows:
            try:
                conn.send_message(build_message(row, cfg.sender))
            except (OSError, smtplib.SMTPException) as exc:
                outbox.mark_failed(db, int(row["id"]), str(exc))
                failed += 1
                log.append(f"kept #{row['id']} to {row['to_addr']}: {exc}")
                if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
                    for rest in rows[rows.index(row) + 1:]:
                        outbox.mark_failed(db, int(rest["id"]), str(exc))
                        failed += 1
                    break
            else:
                outbox.mark_sent(db, int(row["id"]))
                sent += 1
                log.append(f"sent #{row['id']} to {row['to_addr']}: {row['subject']}")
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return sent, failed, log
