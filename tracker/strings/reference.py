"""Strings of the reference-data loader (``tracker.exchange.reference``)."""

STRINGS = {
    "ref.invalid": (
        "داده‌های مرجع {count} مشکل دارند؛ چیزی بارگذاری نشد:\n{details}",
        "The reference data have {count} problem(s); nothing was loaded:\n{details}",
    ),
    "ref.line": ("{file}، ردیف {row}: {problem}", "{file}, row {row}: {problem}"),
    "ref.line_file": ("{file}: {problem}", "{file}: {problem}"),
    "ref.missing_file": ("فایل پیدا نشد", "file missing"),
    "ref.unreadable": (
        "فایل خوانده نشد (باید CSV با کدگذاری UTF-8 باشد): {reason}",
        "cannot be read (must be a UTF-8 CSV file): {reason}",
    ),
    "ref.missing_columns": ("ستون‌های ناموجود: {columns}", "missing columns: {columns}"),
    "ref.extra_columns": ("ستون‌های اضافه: {columns}", "extra columns: {columns}"),
    "ref.empty": ("ستون «{column}» خالی است", "empty {column}"),
    "ref.not_integer": (
        "ستون «{column}» باید عدد صحیح (۰، ۱، ۲، …) باشد: «{value}»",
        "{column} must be a whole number (0, 1, 2, …): '{value}'",
    ),
    "ref.duplicate_deputy": ("کد معاونت تکراری «{code}»", "duplicate deputy code '{code}'"),
    "ref.duplicate_unit": (
        "منطقه/ناحیه تکراری ({district}، {zone})",
        "duplicate district/zone ({district}, {zone})",
    ),
    "ref.duplicate_year": ("سال تکراری {year}", "duplicate year {year}"),
    "ref.duplicate_clause": (
        "سال/شماره بند تکراری ({year}، {number})",
        "duplicate year/number ({year}, {number})",
    ),
    "ref.unknown_deputy": (
        "معاونت «{deputy}» در deputies.csv نیست",
        "deputy '{deputy}' is not in deputies.csv",
    ),
    "ref.unknown_year": (
        "سال {year} در programs.csv نیست",
        "year {year} is not in programs.csv",
    ),
    "ref.bad_weight": (
        "وزن باید عددی بزرگ‌تر از صفر باشد: «{value}»",
        "weight must be a number above zero: '{value}'",
    ),
    "ref.no_district_row": (
        "منطقه {district} ردیف سطح منطقه (ناحیه ۰) ندارد",
        "district {district} has no district-level row (zone 0)",
    ),
    "ref.zone_gap": (
        "نواحی منطقه {district} باید از ۱ تا n بی‌فاصله شماره بخورند؛ موجود: {zones}",
        "zones of district {district} must be numbered 1..n without gaps; found: {zones}",
    ),
}
