"""Strings of the programs page (the clause catalogue of each year)."""

STRINGS = {
    "page.programs": ("بندها", "Clauses"),
    "progpage.heading": ("برنامه سال {year}: {title}", "Program of {year}: {title}"),
    "progpage.closed": ("این سال بسته شده است؛ بندهای آن را نمی‌توان تغییر داد.",
                        "This year is closed; its clauses cannot change."),
    "progpage.help": (
        "عنوان، معاونت مسئول، واحد و وزن هر بند را در جدول ویرایش کنید و «ذخیره» را بزنید. "
        "شماره بند و سوابق وضعیت آن ثابت می‌ماند. هر تغییر ثبت می‌شود.",
        "Edit each clause's titles, responsible deputy, unit of measure and weight in the "
        "grid and press “Save”. Clause numbers and their status records stay. Every change "
        "is logged.",
    ),
    "progpage.save": ("ذخیره بندها", "Save clauses"),
    "progpage.saved": ("{count} بند ذخیره شد.", "{count} clause(s) saved."),
    "progpage.nothing": ("تغییری برای ذخیره نیست.", "There is nothing to save."),
    "progpage.add": ("افزودن بند تازه", "Add a clause"),
    "progpage.add_button": ("افزودن بند", "Add the clause"),
    "progpage.added": ("بند {number} افزوده شد.", "Clause {number} was added."),
    "progpage.next": ("ساخت برنامه سال {year} از روی این سال",
                      "Create the program of {year} from this one"),
    "progpage.next_done": ("برنامه سال {year} با {count} بند ساخته شد.",
                           "The program of {year} was created with {count} clauses."),
    "progpage.events": ("سابقه تغییرات برنامه", "The program's log"),
    "progpage.source": ("منبع", "Source"),
    "progpage.confidence": ("اعتبار", "Confidence"),
    "progpage.row": ("بند {row} — {field}: {message}", "Clause {row} — {field}: {message}"),
    "progpage.when": ("زمان", "When"),
    "progpage.who": ("کاربر", "Who"),
    "progpage.what": ("اقدام", "Action"),
    "prog.action.clause_added": ("افزودن بند به برنامه", "Clause added to the program"),
}
