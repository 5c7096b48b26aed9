"""The reporting cycle: the period calendar, reminders and the long-running worker."""

from __future__ import annotations

import argparse

from tracker import calendar, fmt
from tracker import periods as P
from tracker.db import open_db
from tracker.i18n import t
from tracker.store import periods as SP
from tracker.store.users import system_user


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("periods", help="list (or generate) a program year's reporting periods")
    p.add_argument("--year", type=int, default=None, help="Jalali year (default: this year)")
    p.add_argument("--generate", action="store_true",
                   help="generate the default calendar if the year has none")
    p.add_argument("--weekly-month", type=int, default=None,
                   help="with --generate: split this Jalali month (1-12) into weeks")
    p.set_defaults(func=periods_cmd)


def periods_cmd(args) -> int:
    db = open_db(args.db)
    year = args.year or calendar.current_year()
    lang = args.lang
    if args.generate:
        n = SP.generate_calendar(db, system_user(db), year, args.weekly_month)
        print(t("cyc.cli.generated", lang, year=year, count=n))
    rows = SP.year_periods(db, year)
    if not rows:
        print(t("cyc.cli.none", lang, year=year))
        return 0
    listed = SP.list_periods(db, year)
    locked = {int(i): isinstance(v, str) for i, v in zip(listed["id"], listed["locked_at"],
                                                        strict=True)}
    heads = ["cyc.field.period", "cyc.field.opens", "cyc.field.zone_deadline",
             "cyc.field.district_deadline", "cyc.field.accept_by", "cyc.field.locks"]
    print(" | ".join(t(h, lang) for h in heads))
    for p in rows:
        cells = [f"{fmt.digits(p.seq, lang)}. {P.period_label(p, lang)}"]
        cells += [calendar.format_date(getattr(p, k), lang) for k in P.DATE_FIELDS]
        if locked.get(p.id):
            cells.append(t("cyc.field.locked", lang))
        print(" | ".join(cells))
    return 0
