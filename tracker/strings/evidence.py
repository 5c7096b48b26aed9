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
}
