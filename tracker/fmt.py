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


def cell(value: object, lang: str, decimals: int = 2) -> str:
    """A number as a grid cell shows it: empty when missing (never "None"/"nan"),
    thousands separators, at most ``decimals`` decimals with trailing zeros dropped,
    in the language's digits and separators (``2900.5`` → ``۲٬۹۰۰٫۵``)."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return ""
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return digits(text, lang)
