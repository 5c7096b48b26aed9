"""Digits and numbers as a person reads them: Persian digits in Persian mode."""

from __future__ import annotations

import math

FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_FA = str.maketrans("0123456789.,-%", FA_DIGITS + "٫٬−٪")
# back again, so that a figure copied from the app (or exported and read in) is read as
# shown: "−۱۲٫۵٪" is -12.5% (the minus sign U+2212 and ٪ included)
_TO_ASCII = str.maketrans(FA_DIGITS + AR_DIGITS + "٫٬−٪", "0123456789" * 2 + ".,-%")


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


LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def isolate(text: object, direction: str = "auto") -> str:
    """``text`` as a bidi isolate, so a link, number, name or code inside a sentence
    of the other direction keeps its own order and leaves the sentence's alone
    (``"ltr"``: LRI…PDI, ``"rtl"``: RLI…PDI, ``"auto"``: FSI…PDI, by its first letter)."""
    opening = {"ltr": LRI, "rtl": RLI}.get(direction, FSI)
    return f"{opening}{text}{PDI}"


def label(text: object, lang: str) -> str:
    """A chart label: in Persian an right-to-left isolate, so "۱۶. احداث یادمان شهدا"
    is not drawn as "احداث یادمان شهدا ۱۶." on a left-to-right canvas."""
    return isolate(text, "rtl") if lang == "fa" else str(text)


def other_script(text: str, lang: str) -> bool:
    """Does ``text`` hold a letter of the script other than the language's (Latin in
    Persian, Persian/Arabic in English)? Such text is drawn as an isolate."""
    if lang == "fa":
        return any("a" <= ch.lower() <= "z" for ch in text)
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def in_sentence(text: object, lang: str) -> str:
    """User text or a name put into a sentence: an isolate when it holds letters of the
    other script ("Signed in as ⁨مدیر نمونه (اداره کل هماهنگی)⁩")."""
    s = str(text)
    return isolate(s) if other_script(s, lang) else s
