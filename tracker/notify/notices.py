"""Messages of the reporting cycle as a person reads them (inbox and e-mail): pure.

A notification is stored as a ``kind`` and ``params`` (both languages' unit and period
names, the deadline as an ISO day); :func:`render` draws it in the reader's language,
with Jalali dates and the language's digits.
"""

from __future__ import annotations

from tracker.domain import calendar, fmt
from tracker.domain.i18n import t

KINDS = ("review_waiting", "accepted", "sent_back", "due_soon", "due_today", "late",
         "digest", "locked", "comment_mention", "comment_reply")


def _fill(params: dict, lang: str) -> dict:
    out = {"unit": params.get(f"unit_{lang}", ""), "period": params.get(f"period_{lang}", ""),
           "by": params.get("by", ""), "comment": params.get("comment", ""),
           "days": int(params.get("days", 0) or 0), "count": int(params.get("count", 0) or 0),
           "clause": fmt.digits(params.get("clause", ""), lang)}
    out["deadline"] = calendar.format_long(params.get("deadline"), lang)
    units = params.get(f"units_{lang}") or []
    out["units"] = ("، " if lang == "fa" else ", ").join(units)
    return out


def render(kind: str, params: dict, lang: str) -> tuple[str, str]:
    """``(subject, body)`` of a message in ``lang``."""
    if kind not in KINDS:
        return t("cyc.msg.unknown.subject", lang), ""
    filled = _fill(params, lang)
    subject = t(f"cyc.msg.{kind}.subject", lang, **filled)
    body = t(f"cyc.msg.{kind}.body", lang, **filled)
    if filled["comment"] and kind in ("sent_back", "accepted", "comment_mention",
                                      "comment_reply"):
        body += "\n" + t("cyc.msg.comment", lang, comment=filled["comment"])
    return subject, body
