"""Strings of the status page."""

STRINGS = {
    "st.heading": ("وضعیت بندهای طرح — {unit}", "Clause status — {unit}"),
    "st.unit_progress": ("پیشرفت وزنی این واحد", "This unit's weighted progress"),
    "st.district_progress": ("پیشرفت وزنی کل منطقه", "Whole district's weighted progress"),
    "st.count_done": ("انجام شده", "Done"),
    "st.count_in_progress": ("در حال اجرا", "In progress"),
    "st.count_blocked": ("متوقف", "Blocked"),
    "st.tab_progress": ("وضعیت و پیشرفت", "Status and progress"),
    "st.tab_details": ("اجرا و اعتبار", "Delivery and budget"),
    "st.save": ("ذخیره تغییرات", "Save changes"),
    "st.reload": ("بارگذاری دوباره", "Reload"),
    "st.saved": ("{count} ردیف ذخیره شد.", "{count} row(s) saved."),
    "st.nothing": ("تغییری برای ذخیره نیست.", "There is nothing to save."),
    "st.unchanged": ("چیزی تغییر نکرد: مقدارهای واردشده همان مقدارهای ذخیره‌شده بودند.",
                     "Nothing changed: the values entered were the ones already saved."),
    "st.read_only": ("شما فقط می‌توانید این واحد را ببینید؛ ویرایش آن با شما نیست.",
                     "You can view this unit but not change it."),
    "st.newer": ("پس از باز شدن این جدول، دیگران {count} ردیف را تغییر داده‌اند. "
                 "پیش از ویرایش «بارگذاری دوباره» را بزنید.",
                 "Since you opened this grid, others changed {count} row(s). "
                 "Press “Reload” before editing."),
    "st.history": ("سابقه تغییرات یک بند", "A clause's change history"),
    "st.history_clause": ("بند", "Clause"),
    "st.history_empty": ("این بند هنوز تغییری نداشته است.", "This clause has not changed yet."),
    "st.history_when": ("زمان", "When"),
    "st.history_who": ("کاربر", "Who"),
    "st.history_what": ("تغییرات", "Changes"),
    "st.grid_help": ("جدول را ویرایش کنید و «ذخیره تغییرات» را بزنید. تاریخ‌ها شمسی "
                     "(۱۴۰۵/۰۹/۰۱)؛ «انجام شده» پیوند مستندات یا توضیح، و «متوقف» دلیل "
                     "می‌خواهد.",
                     "Edit the grid and press “Save changes”. Dates are Jalali (1405/09/01); "
                     "“Done” needs an evidence link or a note, “Blocked” needs a reason."),
    "st.year_closed": ("سال {year} بسته شده است؛ اطلاعات آن فقط خواندنی است.",
                       "Year {year} is closed; its records are read-only."),
    "st.form_switch": ("یک بند در هر بار", "One clause at a time"),
    "st.form_switch_help": ("فرمی کوچک برای به‌روزرسانی یک بند (روی گوشی خودکار نشان داده "
                            "می‌شود).", "A small form to update one clause (shown by itself "
                            "on a phone)."),
    "st.form_title": ("به‌روزرسانی یک بند", "Update one clause"),
    "st.form_save": ("ذخیره این بند", "Save this clause"),
}
