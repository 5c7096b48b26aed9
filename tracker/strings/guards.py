"""Strings of the guards: closed years in reference loading, number ranges, text
checks, sign-in throttling and the friendly error page."""

STRINGS = {
    "guard.ref_closed_untouched": (
        "سال {year} بسته است: برنامه، بندها و رکوردهای آن دست نخورد (بقیه بارگذاری شد).",
        "Year {year} is closed: its program, clauses and records were left untouched "
        "(everything else was loaded).",
    ),
    "guard.account_inactive": (
        "حساب کاربری شما غیرفعال شده است؛ چیزی ذخیره نشد.",
        "Your account has been disabled; nothing was saved.",
    ),
}
