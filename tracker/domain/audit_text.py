"""The audit log's details as a sentence a person reads, not JSON (pure)."""

from __future__ import annotations

from tracker.auth import grants_label
from tracker.domain import calendar, fmt
from tracker.domain.i18n import catalogue, t
from tracker.domain.model import Grant


def _grants(items: object, lang: str) -> str:
    grants = [Grant(g.get("role"), g.get("district"), g.get("zone"))
              for g in (items or []) if isinstance(g, dict)]
    return grants_label(grants, lang) or "—"


def _value(value: object, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("audit.yes" if value else "audit.no", lang)
    if isinstance(value, int | float):
        return fmt.digits(value, lang)
    return fmt.in_sentence(value, lang)


def _change(label: str, old: object, new: object, lang: str) -> str:
    arrow = " ← " if lang == "fa" else " → "
    return f"{label}: {fmt.isolate(_value(old, lang))}{arrow}{fmt.isolate(_value(new, lang))}"


def _named_lang(values: dict, lang: str) -> dict:
    """``values`` with its ``lang`` (an e-mail language code) as the language's name."""
    code = values.get("lang")
    if code in ("fa", "en"):
        return {**values, "lang": t(f"audit.lang_{code}", lang)}
    return values


def audit_sentence(action: str, details: dict | None, lang: str) -> str:
    """What one audit entry's details say, in ``lang`` ("" when the action says it all)."""
    d = details or {}
    sep = "؛ " if lang == "fa" else "; "
    if action == "auth.locked":
        return t("audit.locked", lang, until=calendar.format_stamp(d.get("until"), lang),
                 failures=fmt.digits(d.get("failures", ""), lang))
    if action == "auth.sign_in":
        method = d.get("method")
        return t("audit.sso", lang) if method and method != "password" else ""
    if action in ("user.enable", "user.disable", "user.reset_password"):
        return ""
    if action == "user.grants":
        return _change(t("audit.roles", lang), _grants(d.get("old"), lang),
                       _grants(d.get("new"), lang), lang)
    if action == "user.profile":
        old, new = d.get("old") or {}, d.get("new") or {}
        old, new = _named_lang(old, lang), _named_lang(new, lang)
        return sep.join(_change(t(f"audit.{k}", lang), old.get(k), new.get(k), lang)
                        for k in ("display_name", "email", "lang") if old.get(k) != new.get(k))
    if action == "user.create":
        return sep.join([f"{t('audit.display_name', lang)}: {_value(d.get('display_name'), lang)}",
                         f"{t('audit.email', lang)}: {_value(d.get('email'), lang)}",
                         *([f"{t('audit.lang', lang)}: {_named_lang(d, lang)['lang']}"]
                           if d.get("lang") else []),
                         f"{t('audit.roles', lang)}: {_grants(d.get('grants'), lang)}"])
    known = catalogue()
    parts = []
    for key, value in d.items():
        if key == "username":
            continue  # the target column shows it
        label = t(f"audit.{key}", lang) if f"audit.{key}" in known else key
        parts.append(f"{label}: {_value(value, lang)}")
    return sep.join(parts)
