"""The reporting cycle: the period calendar, reminders and the long-running worker."""

from __future__ import annotations

import argparse
import os
import time

from tracker.db import open_db
from tracker.domain import calendar, fmt
from tracker.domain import periods as P
from tracker.domain.i18n import t
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
    p = sub.add_parser("remind", help="post and e-mail the reminders due now (safe from cron: "
                                      "never sends the same one twice)")
    p.add_argument("--days-before", type=int, default=None,
                   help="remind this many days before a deadline (default: "
                        "$TRACKER_REMIND_DAYS or 2)")
    p.set_defaults(func=remind_cmd)
    p = sub.add_parser("worker", help="run the reminder schedule in a loop (without cron)")
    p.add_argument("--interval", type=float, default=300.0, help="seconds between runs")
    p.add_argument("--days-before", type=int, default=None)
    p.add_argument("--runs", type=int, default=0, help="stop after this many runs (0: never)")
    p.set_defaults(func=worker_cmd)


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


def _days_before(args) -> int:
    if args.days_before is not None:
        return args.days_before
    return int(os.environ.get("TRACKER_REMIND_DAYS", "").strip() or 2)


def remind_once(db, days_before: int, lang: str) -> int:
    """One run of the schedule: post what is due, send the outbox; prints what it did."""
    from tracker.notify import jobs as cycle_jobs
    from tracker.notify import mailer

    today = calendar.today_tehran()
    locked, result, reports = cycle_jobs.run(db, today, days_before)
    for pid in locked:
        print(t("cyc.cli.locked", lang, period=P.period_label(SP.get_period(db, pid)["period"],
                                                              lang)))
    if reports:
        print(t("cyc.cli.reports", lang, count=reports))
    sent, failed, log = mailer.deliver_pending(db)
    for line in log:
        print(line)
    kinds = ", ".join(f"{k}: {n}" for k, n in sorted(result.kinds.items())) or "-"
    print(t("cyc.cli.reminded", lang, day=calendar.format_date(today, lang),
            posted=result.posted, kinds=kinds, sent=sent, failed=failed))
    return 0


def remind_cmd(args) -> int:
    return remind_once(open_db(args.db), _days_before(args), args.lang)


def worker_cmd(args) -> int:
    db = open_db(args.db)
    runs = 0
    try:
        while True:
            try:
                remind_once(db, _days_before(args), args.lang)
            except Exception as exc:  # noqa: BLE001 - a worker keeps running; cron would too
                print(f"run failed: {exc!r}")
            runs += 1
            if args.runs and runs >= args.runs:
                return 0
            time.sleep(args.interval)
    except KeyboardInterrupt:
        return 0
