"""Data in and out: import, export, template, the monthly report, backup and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker import report
from tracker.db import open_db
from tracker.domain import calendar, fmt, limits
from tracker.domain.i18n import t
from tracker.exchange import importing, templates
from tracker.store import backup as store_backup
from tracker.store import exchange
from tracker.store.users import get_user_by_username


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="check a filled template (xlsx/csv) and, if every row "
                                      "is good, write it with history")
    p.add_argument("file", type=Path)
    p.add_argument("--user", required=True, help="the acting user's username")
    p.set_defaults(func=import_file)
    for name, helptext in (("export", "write a year's records as xlsx or csv"),
                           ("template", "write a district's data-entry template")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--year", type=limits.cli_int("year"), default=None,
                       help="program year (default: current)")
        p.add_argument("--district", type=limits.cli_int("district"), required=name == "template")
        p.add_argument("--out", type=Path, required=True, help="file.xlsx or file.csv")
        p.set_defaults(func=export)
    p = sub.add_parser("report", help="the monthly report to the mayor as PDF (or .html)")
    p.add_argument("--month", required=True, help="Jalali year/month, e.g. 1405/08")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--today", default=None, help="ISO date to report as of (default: today)")
    p.set_defaults(func=monthly_report)
    p = sub.add_parser("backup", help="a consistent copy of the live database (FILE.tar:"
                                      " with the evidence files)")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=make_backup)
    p = sub.add_parser("restore", help="check a backup and put it in place of the database")
    p.add_argument("--from", dest="source", type=Path, required=True)
    p.set_defaults(func=restore)


def import_file(args) -> int:
    db = open_db(args.db)
    user = get_user_by_username(db, args.user)
    if user is None:
        print(t("io.cli.no_user", args.lang, username=args.user), file=sys.stderr)
        return 2
    try:
        data = args.file.read_bytes()
    except OSError:
        print(t("io.backup.missing", args.lang, path=str(args.file)), file=sys.stderr)
        return 2
    result = exchange.run_import(db, user, data, args.lang)
    if result.problems:
        print(t("io.upload.problems", args.lang, count=len(result.problems)), file=sys.stderr)
        table = importing.problem_table(result.problems, args.lang)
        for row in table.itertuples(index=False):
            print(f"  {row[0]}\t{row[1]}\t{row[2]}", file=sys.stderr)
        return 1
    print(t("io.cli.written", args.lang, count=result.written, rows=result.rows))
    return 0


def export(args) -> int:
    db = open_db(args.db)
    year = args.year or calendar.current_year()
    records = exchange.exchange_records(db, year, args.district)
    if args.out.suffix.lower() == ".csv":
        data = templates.template_csv(records, args.lang)
    else:
        data = templates.template_xlsx(records, args.lang)
    args.out.write_bytes(data)
    print(t("io.cli.exported", args.lang, rows=len(records), path=str(args.out)))
    return 0


def monthly_report(args) -> int:
    try:
        year, month = report.parse_month(args.month)
    except ValueError:
        print(t("io.cli.bad_month", args.lang, value=args.month), file=sys.stderr)
        return 2
    from datetime import date

    today = date.fromisoformat(args.today) if args.today else None
    db = open_db(args.db)
    if args.out.suffix.lower() in (".html", ".htm"):
        args.out.write_text(report.monthly_html(db, year, month, args.lang, today), "utf-8")
    else:
        args.out.write_bytes(report.monthly_pdf(db, year, month, args.lang, today))
    label = f"{calendar.month_name(month, args.lang)} {fmt.digits(year, args.lang)}"
    print(t("io.cli.report", args.lang, month=label, path=str(args.out)))
    return 0


def make_backup(args) -> int:
    from tracker.store import backup_archive

    if args.out.suffix.lower() == ".tar":  # the database and the evidence files
        out = backup_archive.backup_archive(args.db, args.out)
    else:
        out = store_backup.backup(args.db, args.out)
        print(t("ev.backup.db_only", args.lang), file=sys.stderr)
    print(t("io.backup.done", args.lang, path=str(out), size=out.stat().st_size // 1024))
    return 0


def restore(args) -> int:
    from tracker.store import backup_archive

    if backup_archive.is_archive(args.source):
        _, files = backup_archive.restore_archive(args.source, args.db)
        print(t("ev.backup.files_restored", args.lang, count=files))
    else:
        store_backup.restore(args.source, args.db)
    print(t("io.backup.restored", args.lang, path=str(args.db)))
    return 0
