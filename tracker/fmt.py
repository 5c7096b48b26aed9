"""Digits and numbers as a person reads them: Persian digits in Persian mode."""

from __future__ import annotations

import math

FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_FA = str.maketrans("0123456789.,-%", FA_DIGITS + "٫٬−٪")
_TO_ASCII = str.maketrans(FA_DIGITS + AR_DIGITS + "٫٬", "0123456789" * 2 + ".,")


def digits(text: object, lang: str) -> str:
    """``text`` with ASCII digits turned into Persian ones when ``lang == 'fa'``."""
    s = str(text)
    return s.translate(_TO_FA) if lang == "fa" else s


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and separators) turned into ASCII."""
    return text.translate(_TO_ASCII)


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """A number with thousands separators, in the language's digits; '—' if missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    return digits(text, lang)


def percent(value: float | None, lang: str, decimals: int = 0) -> str:
    """``42`` → ``۴۲٪`` (fa) or ``42%`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return digits(f"{value:.{decimals}f}%", lang)
