"""Strings of year-end and planning: the year-end page, the plan page, program acts."""

STRINGS = {
    # pages
    "page.year_end": ("پایان سال", "Year-end"),
    "page.plan": ("برنامه سال بعد", "Next year's plan"),
    # program acts and their errors
    "prog.already_closed": ("سال {year} پیش‌تر بسته شده است.", "Year {year} is already closed."),
    "prog.not_closed": ("سال {year} بسته نیست.", "Year {year} is not closed."),
    "prog.exists": ("برنامه سال {year} از پیش وجود دارد.",
                    "The program of {year} already exists."),
    "prog.no_next": ("برنامه سال {year} هنوز ساخته نشده است؛ نخست آن را از برنامه امسال بسازید.",
                     "The program of {year} does not exist yet; create it from this year's "
                     "first."),
    "prog.reason_needed": ("دلیل بازگشایی را بنویسید.", "Write the reason for reopening."),
    "prog.val.required": ("این خانه نباید خالی باشد.", "This cell must not be empty."),
    "prog.val.weight": ("وزن باید عددی بزرگ‌تر از صفر باشد.",
                        "The weight must be a number above zero."),
    "prog.val.deputy": ("این معاونت شناخته نیست.", "This deputy is not known."),
    "prog.action.close": ("بستن سال", "Year closed"),
    "prog.action.reopen": ("بازگشایی سال", "Year reopened"),
    "prog.action.copy": ("ساخت برنامه از روی سال قبل", "Program copied from the year before"),
    "prog.action.clause": ("ویرایش بند برنامه", "Program clause edited"),
    "prog.action.carry_over": ("انتقال کارهای ناتمام", "Unfinished work carried over"),
    # plan line fields
    "field.actions": ("اقدامات برنامه‌ریزی‌شده", "Planned actions"),
    "field.priority": ("اولویت", "Priority"),
    "field.spring": ("استقبال از بهار", "Spring campaign"),
    "field.owner": ("مسئول برنامه", "Owner"),
    "field.q1": ("فصل ۱", "Q1"),
    "field.q2": ("فصل ۲", "Q2"),
    "field.q3": ("فصل ۳", "Q3"),
    "field.q4": ("فصل ۴", "Q4"),
    "field.carried_from": ("منتقل‌شده از سال", "Carried from"),
    "field.reason": ("دلیل", "Reason"),
    "plan.priority.high": ("بالا", "High"),
    "plan.priority.medium": ("متوسط", "Medium"),
    "plan.priority.low": ("پایین", "Low"),
    "plan.val.priority": ("اولویت «{value}» شناخته نیست.", "Priority “{value}” is not known."),
    # command line
    "plan.cli.closed": ("سال {year} بسته شد و تصویر نهایی آن نگه داشته شد.",
                        "Year {year} closed; its final snapshot is kept."),
    "plan.cli.reopened": ("سال {year} بازگشایی شد.", "Year {year} reopened."),
    "plan.cli.new_program": ("برنامه سال {year} با {count} بند ساخته شد.",
                             "Program {year} created with {count} clause(s)."),
    "plan.cli.carried": ("{count} ردیف پیش‌نویس برای برنامه سال {year} ساخته شد.",
                         "{count} draft plan line(s) written for {year}."),
}
