"""Strings of the calendar: Jalali month names and date errors."""

STRINGS = {
    "cal.bad_date": (
        "«{text}» تاریخ شمسی معتبری نیست؛ تاریخ را به شکل ۱۴۰۵/۰۹/۰۱ بنویسید.",
        "“{text}” is not a valid Jalali (Solar Hijri) date; write it as 1405/09/01.",
    ),
    "cal.month.1": ("فروردین", "Farvardin"),
    "cal.month.2": ("اردیبهشت", "Ordibehesht"),
    "cal.month.3": ("خرداد", "Khordad"),
    "cal.month.4": ("تیر", "Tir"),
    "cal.month.5": ("مرداد", "Mordad"),
    "cal.month.6": ("شهریور", "Shahrivar"),
    "cal.month.7": ("مهر", "Mehr"),
    "cal.month.8": ("آبان", "Aban"),
    "cal.month.9": ("آذر", "Azar"),
    "cal.month.10": ("دی", "Dey"),
    "cal.month.11": ("بهمن", "Bahman"),
    "cal.month.12": ("اسفند", "Esfand"),
}
