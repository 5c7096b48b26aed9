"""Evidence files, comments, notifications and the record page."""

STRINGS = {
    # upload checks (tracker.uploads), shared by visit evidence and record evidence
    "up.val.name_empty": ("پرونده‌ای بی‌نام پذیرفته نیست.", "A file without a name is refused."),
    "up.val.name_path": ("نام پرونده «{name}» مسیر دارد (/ یا \\)؛ پذیرفته نیست.",
                         "The file name “{name}” holds path parts (/ or \\); refused."),
    "up.val.name_control": ("نام پرونده «{name}» نویسه‌های کنترلی دارد؛ پذیرفته نیست.",
                            "The file name “{name}” holds control characters; refused."),
    "up.val.name_long": ("نام پرونده «{name}» بیش از اندازه بلند است.",
                         "The file name “{name}” is too long."),
    "up.val.empty": ("پرونده «{name}» خالی است.", "File “{name}” is empty."),
    "up.val.too_big": ("پرونده «{name}» بزرگ‌تر از {max} مگابایت است.",
                       "File “{name}” is larger than {max} MB."),
    "up.val.type": ("نوع پرونده «{name}» پذیرفته نیست (پذیرفته: {types}).",
                    "File “{name}” is not an accepted type (accepted: {types})."),
    "up.val.broken": ("محتوای پرونده «{name}» با نوعش نمی‌خواند یا خراب است.",
                      "The content of “{name}” does not match its type or is damaged."),
    "up.val.pixels": ("تصویر «{name}» بیش از اندازه بزرگ است.",
                      "The image “{name}” has too many pixels."),
    "up.val.heic": ("عکس HEIC «{name}» را نمی‌توان خواند؛ آن را JPEG بفرستید.",
                    "The HEIC photo “{name}” cannot be read here; send it as JPEG."),
    "up.val.pdf_active": ("PDF «{name}» محتوای فعال دارد ({what})؛ پذیرفته نیست.",
                          "The PDF “{name}” holds active content ({what}); refused."),
    "up.val.macros": ("سند «{name}» ماکرو یا کنترل ActiveX دارد؛ پذیرفته نیست.",
                      "The document “{name}” holds macros or ActiveX controls; refused."),

    # done rule (validation, per program)
    "val.done_needs_file": ("برای «انجام شده» در این برنامه پرونده مستند لازم است.",
                            "In this program, “Done” needs an evidence file."),
    "val.done_needs_file_or_link": ("برای «انجام شده» در این برنامه پرونده مستند یا پیوند"
                                    " مستندات لازم است.",
                                    "In this program, “Done” needs an evidence file or link."),
    # evidence store
    "ev.err.account": ("حساب شما فعال نیست یا تغییر کرده است؛ دوباره وارد شوید.",
                       "Your account is disabled or has changed; sign in again."),
    "ev.err.attach_forbidden": ("شما نمی‌توانید برای این واحد پرونده بگذارید یا بردارید.",
                                "You may not add or remove files of this unit."),
    "ev.err.read_forbidden": ("شما به پرونده‌ها و گفتگوی این رکورد دسترسی ندارید.",
                              "You may not see this record’s files or thread."),
    "ev.err.office_only": ("این کار فقط با دفتر هماهنگی است.",
                           "Only the coordination office may do this."),
    "ev.val.no_record": ("این رکورد پیدا نشد (نخست آن را ذخیره کنید).",
                         "No such record (save it first)."),
    "ev.val.no_file": ("این پرونده پیدا نشد یا پیش‌تر برداشته شده است.",
                       "No such file, or it was removed already."),
    "ev.val.no_files": ("پرونده‌ای انتخاب نشده است.", "No file chosen."),
    "ev.val.too_many": ("برای هر رکورد حداکثر {max} پرونده (اکنون {present}).",
                        "At most {max} files per record ({present} now)."),
    "ev.val.remove_breaks_done": ("این رکورد «انجام شده» است و بدون این پرونده مستند کافی"
                                  " ندارد.",
                                  "This record is “Done” and would lack the evidence it needs"
                                  " without this file."),
    "ev.val.rule": ("قاعده «{value}» شناخته نیست.", "Unknown rule “{value}”."),
    # comments
    "cm.val.empty": ("متن نظر خالی است.", "The comment is empty."),
    "cm.val.too_long": ("نظر بیش از {max} نویسه است ({length}).",
                        "The comment is longer than {max} characters ({length})."),
    "cm.val.control": ("نظر نویسه‌های کنترلی (مانند تغییر جهت متن) دارد؛ پذیرفته نیست.",
                       "The comment holds control characters (such as direction overrides);"
                       " refused."),
    "cm.val.no_comment": ("این نظر پیدا نشد.", "No such comment."),
    "cm.val.unchanged": ("متن اصلاح‌شده با متن کنونی یکی است.",
                         "The corrected text is the same as the current one."),
    "cm.err.forbidden": ("شما نمی‌توانید در گفتگوی این رکورد نظر بدهید.",
                         "You may not comment on this record."),
    "cm.err.not_author": ("فقط نویسنده یک نظر می‌تواند آن را اصلاح کند.",
                          "Only a comment’s author may correct it."),
}
