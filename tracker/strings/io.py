"""Strings of imports, exports, templates, the monthly report and backups."""

STRINGS = {
    # file-level refusals
    "io.refuse.empty": ("فایل خالی است.", "The file is empty."),
    "io.refuse.too_big": ("فایل بزرگ‌تر از {mb} مگابایت است؛ آن را در چند فایل کوچک‌تر "
                          "بارگذاری کنید.",
                          "The file is larger than {mb} MB; upload it as several smaller files."),
    "io.refuse.too_many_rows": ("فایل بیش از {max} ردیف دارد؛ آن را در چند فایل بارگذاری کنید.",
                                "The file has more than {max} rows; split it into several files."),
    "io.refuse.old_excel": ("قالب قدیمی Excel (.xls) پذیرفته نیست؛ فایل را با قالب .xlsx یا "
                            "CSV ذخیره کنید.",
                            "Old Excel files (.xls) are not accepted; save the file as .xlsx "
                            "or CSV."),
    "io.refuse.protected": ("این فایل با گذرواژه محافظت شده است؛ در Excel گذرواژه را بردارید "
                            "(File › Info › Protect Workbook) و فایل را دوباره ذخیره کنید.",
                            "This file is protected with a password; remove the password in "
                            "Excel (File › Info › Protect Workbook) and save the file again."),
    "io.refuse.too_many_parts": ("فایل {count} بخش دارد؛ یک کتاب Excel حداکثر {max} بخش "
                                 "می‌تواند داشته باشد.",
                                 "The file has {count} parts; an Excel workbook may have at "
                                 "most {max}."),
    "io.refuse.part_too_big": ("بخش «{part}» فایل پس از باز شدن {size} مگابایت است؛ حداکثر "
                               "{max} مگابایت پذیرفته می‌شود.",
                               "The file's part “{part}” unpacks to {size} MB; at most {max} MB "
                               "is accepted."),
    "io.refuse.total_too_big": ("فایل پس از باز شدن بیش از {size} مگابایت است؛ حداکثر {max} "
                                "مگابایت پذیرفته می‌شود.",
                                "The file unpacks to more than {size} MB; at most {max} MB is "
                                "accepted."),
    "io.refuse.ratio": ("بخش «{part}» فایل {ratio} برابر فشرده شده است (حداکثر {max} برابر)؛ "
                        "فایل آسیب‌دیده یا ساختگی است.",
                        "The file's part “{part}” is packed {ratio} times smaller than it "
                        "unpacks (at most {max} times is accepted); the file is damaged or "
                        "crafted."),
    "io.refuse.sheet_rows": ("برگه «{sheet}» بیش از {max} ردیف (با ردیف‌های خالی) دارد.",
                             "Sheet “{sheet}” has more than {max} rows, counting empty ones."),
    "io.refuse.sheet_cells": ("برگه «{sheet}» بیش از {max} خانه (با خانه‌های خالی قالب‌بندی‌شده) "
                              "دارد.",
                              "Sheet “{sheet}” has more than {max} cells, counting empty "
                              "formatted ones."),
    "io.refuse.too_many_columns": ("خانه {cell} در برگه «{sheet}» بیرون از {max} ستون نخست "
                                   "است؛ فایل حداکثر {max} ستون می‌تواند داشته باشد.",
                                   "Cell {cell} of sheet “{sheet}” is past column {max}; the "
                                   "file may have at most {max} columns."),
    "io.refuse.too_many_columns_csv": ("ردیف {row} در ستون {column} مقدار دارد؛ فایل حداکثر "
                                       "{max} ستون می‌تواند داشته باشد.",
                                       "Row {row} has a value in column {column}; the file may "
                                       "have at most {max} columns."),
    "io.refuse.cell_too_long": ("خانه {cell} در برگه «{sheet}» بیش از {max} نویسه دارد.",
                                "Cell {cell} of sheet “{sheet}” holds more than {max} "
                                "characters."),
    "io.refuse.cell_too_long_csv": ("ردیف {row}، ستون {column} بیش از {max} نویسه دارد.",
                                    "Row {row}, column {column} holds more than {max} "
                                    "characters."),
    "io.refuse.cell_too_long_row": ("ردیف {row} خانه‌ای با بیش از {max} نویسه دارد.",
                                    "Row {row} has a cell of more than {max} characters."),
    "io.refuse.formula_no_value": ("خانه {cell} در برگه «{sheet}» فرمول {formula} دارد ولی "
                                   "نتیجه‌اش در فایل ذخیره نشده است؛ فایل را در Excel باز و "
                                   "دوباره ذخیره کنید یا به جای فرمول، مقدار را بنویسید.",
                                   "Cell {cell} of sheet “{sheet}” holds the formula {formula} "
                                   "but the file has no saved result for it; open and save the "
                                   "file in Excel, or type the value instead of the formula."),
    "io.refuse.not_spreadsheet": ("این فایل Excel (.xlsx) یا CSV نیست.",
                                  "This file is not an Excel (.xlsx) or CSV file."),
    "io.refuse.no_rows": ("فایل سطر عنوان دارد ولی هیچ ردیف داده‌ای ندارد.",
                          "The file has a header row but no data rows."),
    "io.refuse.extra_columns": ("این ستون‌ها در قالب نیستند: {names}. از قالب دریافتی از "
                                "سامانه استفاده کنید.",
                                "These columns are not in the template: {names}. Use the "
                                "template downloaded from the app."),
    "io.refuse.missing_columns": ("این ستون‌ها در فایل نیستند: {names}.",
                                  "These columns are missing from the file: {names}."),
    "io.refuse.double_columns": ("این ستون‌ها دو بار آمده‌اند: {names}.",
                                 "These columns appear twice: {names}."),
    "io.refuse.cells_outside": ("ردیف {row} مقداری بیرون از ستون‌های عنوان‌دار دارد.",
                                "Row {row} has values outside the titled columns."),
    # row problems
    "io.val.required": ("این خانه نباید خالی باشد.", "This cell must not be empty."),
    "io.val.not_whole": ("«{value}» عدد صحیح نیست.", "“{value}” is not a whole number."),
    "io.val.unknown_district": ("منطقه {value} وجود ندارد.", "There is no district {value}."),
    "io.val.unknown_zone": ("منطقه {district} ناحیه {value} ندارد.",
                            "District {district} has no zone {value}."),
    "io.val.unknown_clause": ("برنامه سال {year} بند {value} ندارد.",
                              "The program of {year} has no clause {value}."),
    "io.val.out_of_scope": ("این منطقه یا ناحیه در حوزه دسترسی شما نیست.",
                            "This district or zone is outside your access."),
    "io.val.stale": ("این ردیف پس از دریافت قالب تغییر کرده است (نسخه فعلی {version})؛ "
                     "قالب تازه دریافت کنید.",
                     "This record changed after the template was downloaded (now version "
                     "{version}); download a fresh template."),
    "io.val.duplicate": ("این ردیف تکرار ردیف {first} است.", "This row repeats row {first}."),
    "io.col.row": ("ردیف", "Row"),
    "io.col.column": ("ستون", "Column"),
    "io.col.problem": ("ایراد", "Problem"),
    # upload on the status page
    "io.upload.title": ("بارگذاری گروهی از فایل Excel یا CSV", "Bulk upload from Excel or CSV"),
    "io.upload.help": ("قالب این منطقه را دریافت کنید، ستون‌های وضعیت و پیشرفت را پر کنید و "
                       "فایل را اینجا بارگذاری کنید. اگر حتی یک ردیف ایراد داشته باشد هیچ "
                       "چیزی ذخیره نمی‌شود.",
                       "Download this district's template, fill in the status and progress "
                       "columns and upload it here. If any row has a problem, nothing is "
                       "saved."),
    "io.upload.limits": ("حداکثر {mb} مگابایت، {rows} ردیف، {columns} ستون و {chars} نویسه در هر "
                         "خانه؛ فرمول‌ها باید نتیجهٔ ذخیره‌شده داشته باشند.",
                         "At most {mb} MB, {rows} rows, {columns} columns and {chars} "
                         "characters in a cell; formulas must have a saved result."),
    "io.upload.file": ("فایل پرشده (xlsx یا csv)", "Filled file (xlsx or csv)"),
    "io.upload.check": ("بررسی و ذخیره", "Check and save"),
    "io.upload.problems": ("{count} ایراد در فایل؛ هیچ تغییری ذخیره نشد.",
                           "{count} problem(s) in the file; nothing was saved."),
    "io.upload.saved": ("{count} ردیف از {rows} ردیف فایل ذخیره شد.",
                        "{count} of the file's {rows} row(s) saved."),
    "io.upload.unchanged": ("فایل {rows} ردیف دارد و هیچ‌کدام با اطلاعات فعلی فرقی ندارد.",
                            "The file's {rows} row(s) are all the same as the stored data."),
    "io.upload.read_only": ("شما اجازه ویرایش هیچ واحدی را ندارید.",
                            "You may not change any unit."),
    # templates and exports
    "io.template.sheet": ("قالب", "template"),
    "io.template.lists": ("فهرست‌ها", "lists"),
    "io.template.name": ("قالب-منطقه-{district}-{year}", "template-district-{district}-{year}"),
    "io.template.status_prompt": ("یکی از وضعیت‌های فهرست را برگزینید.",
                                  "Choose one of the listed statuses."),
    "io.template.progress_prompt": ("عددی بین ۰ تا ۱۰۰", "A number from 0 to 100"),
    "io.template.date_prompt": ("تاریخ شمسی، مانند ۱۴۰۵/۰۹/۰۱", "A Jalali date, e.g. 1405/09/01"),
    "io.export.name": ("وضعیت-بندها-{year}", "clause-status-{year}"),
    # the reports page
    "page.reports": ("گزارش‌ها", "Reports"),
    "io.page.templates": ("قالب ورود اطلاعات", "Data-entry template"),
    "io.page.templates_help": ("قالب هر منطقه با واحدها و بندهایش و مقادیر فعلی. پس از "
                               "پر کردن، آن را در صفحه «وضعیت بندها» بارگذاری کنید.",
                               "Each district's template lists its units and clauses with "
                               "their current values. Fill it in and upload it on the "
                               "“Clause status” page."),
    "io.page.template_xlsx": ("دریافت قالب Excel", "Download Excel template"),
    "io.page.template_csv": ("دریافت قالب CSV", "Download CSV template"),
    "io.page.exports": ("خروجی اطلاعات سال", "The year's records"),
    "io.page.scope": ("گستره", "Scope"),
    "io.page.whole_city": ("همه مناطق", "All districts"),
    "io.page.report": ("گزارش ماهانه به شهردار", "Monthly report to the mayor"),
    "io.page.month": ("ماه", "Month"),
    "io.page.no_months": ("این سال هنوز آغاز نشده است.", "This year has not begun yet."),
    "io.page.building": ("گزارش در حال ساخت است…", "Building the report…"),
    "io.page.make_report": ("ساختن گزارش PDF", "Build the PDF report"),
    "io.page.report_ready": ("گزارش آماده است.", "The report is ready."),
    "io.page.download_pdf": ("دریافت PDF", "Download PDF"),
    "io.page.no_chromium": ("ساختن PDF به مرورگر Chromium روی کارگزار نیاز دارد: {error}",
                            "Building the PDF needs Chromium on the server: {error}"),
    "io.page.backup": ("پشتیبان پایگاه داده", "Database backup"),
    "io.page.backup_help": ("یک نسخه سازگار از پایگاه داده، در حالی که سامانه کار می‌کند. "
                            "بازگردانی فقط از خط فرمان: {command}",
                            "A consistent copy of the database, taken while the app runs. "
                            "Restore from the command line: {command}"),
    "io.page.download_backup": ("دریافت فایل پشتیبان", "Download the backup"),
    # backups
    "io.backup.not_db": ("«{path}» پایگاه داده SQLite نیست.",
                         "“{path}” is not an SQLite database."),
    "io.backup.corrupt": ("پایگاه داده «{path}» آسیب دیده است: {detail}",
                          "The database “{path}” is damaged: {detail}"),
    "io.backup.not_tracker": ("«{path}» پایگاه داده این سامانه نیست (جدول‌های {tables} نیست).",
                              "“{path}” is not a tracker database (no {tables} tables)."),
    "io.backup.missing": ("فایل «{path}» پیدا نشد.", "The file “{path}” was not found."),
    "io.backup.done": ("پشتیبان در «{path}» نوشته شد ({size} کیلوبایت).",
                       "Backup written to “{path}” ({size} KB)."),
    "io.backup.restored": ("پایگاه داده «{path}» از پشتیبان بازگردانده شد.",
                           "The database “{path}” was restored from the backup."),
    # command line
    "io.cli.no_user": ("کاربر فعال «{username}» پیدا نشد.",
                       "There is no active user “{username}”."),
    "io.cli.written": ("{count} ردیف ذخیره شد (از {rows} ردیف فایل).",
                       "{count} record(s) written (of the file's {rows} row(s))."),
    "io.cli.report": ("گزارش ماه {month} در «{path}» نوشته شد.",
                      "The report for {month} was written to “{path}”."),
    "io.cli.bad_month": ("ماه «{value}» معتبر نیست (نمونه: 1405/08).",
                         "Month “{value}” is not valid (e.g. 1405/08)."),
    "io.cli.exported": ("{rows} ردیف در «{path}» نوشته شد.", "{rows} row(s) written to “{path}”."),
    # the monthly report
    "io.report.title": ("گزارش ماهانه طرح تحول بیست‌گانه خدمت در شهر",
                        "Monthly report on the twenty-clause service plan"),
    "io.report.for_month": ("گزارش {month} به شهردار تهران",
                            "Report to the Mayor of Tehran, {month}"),
    "io.report.city_score": ("پیشرفت وزنی شهر تهران", "Tehran's weighted progress"),
    "io.report.generated": ("تهیه شده در {at}", "Generated on {at}"),
    "io.report.city_heading": ("پیشرفت شهر و روند آن", "The city score and its trend"),
    "io.report.city_line": ("پیشرفت وزنی شهر در پایان ماه: {score}.",
                            "The city's weighted progress at the end of the month: {score}."),
    "io.report.since_last": ("تغییر نسبت به ماه پیش:", "Change since last month:"),
    "io.report.score_rule": ("پیشرفت وزنی = Σ وزن بند × پیشرفت ÷ Σ وزن، بدون ردیف‌های «موضوعیت "
                             "ندارد»؛ هر نقطه وضعیت پایان همان ماه است.",
                             "Weighted progress = Σ clause weight × progress ÷ Σ weight, "
                             "leaving out “not applicable”; each point is the state at the "
                             "month's end."),
    "io.report.clause_n": ("بند {n}", "Clause {n}"),
    "io.report.score": ("پیشرفت ٪", "Score %"),
    "io.report.rank": ("رتبه", "Rank"),
    "io.report.grade": ("سطح", "Grade"),
    "io.report.rank_change": ("تغییر رتبه", "Rank change"),
    "io.report.blocked_clauses": ("بندهای متوقف", "Blocked clauses"),
    "io.report.overdue_clauses": ("بندهای دیرکرد", "Overdue clauses"),
    "io.report.stale": ("بی‌خبر", "Stale"),
    "io.report.yes": ("بله", "yes"),
    "io.report.league_heading": ("جدول رده‌بندی مناطق", "District league table"),
    "io.report.league_rule": ("تغییر رتبه نسبت به پایان ماه پیش است؛ مناطقی که مدتی اطلاعات "
                              "تازه نداده‌اند («بی‌خبر») پس از بقیه رتبه می‌گیرند.",
                              "Rank change is against the end of last month; districts that "
                              "have gone quiet (“stale”) rank after all others."),
    "io.report.lagging_heading": ("بندهای عقب‌مانده در سطح شهر", "Lagging clauses, city-wide"),
    "io.report.blocked_records": ("ردیف‌های متوقف", "Blocked records"),
    "io.report.done_records": ("ردیف‌های انجام‌شده", "Done records"),
    "io.report.month_change": ("تغییر در ماه", "Change in month"),
    "io.report.district_line": ("پیشرفت وزنی منطقه {score}، سطح «{grade}»، رتبه {rank}.",
                                "District score {score}, grade “{grade}”, rank {rank}."),
    "io.report.changes_heading": ("آنچه در این ماه تغییر کرد", "What changed during the month"),
    "io.report.changes_total": ("در این ماه {updates} ثبت تغییر انجام شد؛ {completed} ردیف "
                                "«انجام شده» و {blocked} ردیف «متوقف» شد.",
                                "This month saw {updates} saved change(s); {completed} "
                                "record(s) became done and {blocked} blocked."),
    "io.report.updates": ("ثبت تغییر", "Saved changes"),
    "io.report.completed": ("انجام‌شده در ماه", "Done this month"),
    "io.report.newly_blocked": ("متوقف‌شده در ماه", "Blocked this month"),
    "io.report.score_change": ("تغییر پیشرفت (واحد درصد)", "Score change (points)"),
}
