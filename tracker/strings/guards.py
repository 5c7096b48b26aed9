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
    "guard.not_whole": ("«{value}» عدد صحیح نیست.", "“{value}” is not a whole number."),
    "guard.out_of_range": ("«{value}» خارج از بازه مجاز ({low} تا {high}) است.",
                           "“{value}” is outside the allowed range ({low} to {high})."),
    "guard.too_large": ("«{value}» بیش از حد بزرگ است (حداکثر {high}).",
                        "“{value}” is too large (at most {high})."),
    "guard.error_page": (
        "متأسفیم، در نمایش این صفحه خطایی پیش آمد. صفحه را دوباره بارگذاری کنید؛ اگر تکرار شد، "
        "به پشتیبانی خبر دهید (جزئیات برای آن‌ها ثبت شده است).",
        "Sorry, something went wrong while showing this page. Reload the page; if it happens "
        "again, tell support (the details have been logged for them).",
    ),
    "guard.control_char": (
        "این متن نویسه نامرئی کنترلی ({char}) دارد که نوشتار اطراف را جابه‌جا یا پنهان می‌کند؛ "
        "آن را حذف کنید و دوباره بفرستید.",
        "This text holds an invisible control character ({char}) that reorders or hides "
        "the text around it; remove it and try again.",
    ),
}
