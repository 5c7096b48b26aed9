"""Program years and plans: close-year, reopen-year, new-program, carry-over."""

from __future__ import annotations

import argparse

from tracker.db import open_db
from tracker.domain import limits
from tracker.domain.i18n import t
from tracker.store import programs
from tracker.store.users import system_user


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("close-year", help="close a program year (read-only, final snapshot)")
    p.add_argument("year", type=limits.cli_int("year"))
    p.set_defaults(func=close_year)
    p = sub.add_parser("reopen-year", help="reopen a closed program year (logged with a reason)")
    p.add_argument("year", type=limits.cli_int("year"))
    p.add_argument("--reason", required=True)
    p.set_defaults(func=reopen_year)
    p = sub.add_parser("new-program", help="create the program of YEAR+1 by copying YEAR's")
    p.add_argument("year", type=limits.cli_int("year"))
    p.set_defaults(func=new_program)
    p = sub.add_parser("carry-over", help="draft plan lines of YEAR+1 from YEAR's unfinished work")
    p.add_argument("year", type=limits.cli_int("year"))
    p.add_argument("--district", type=limits.cli_int("district"), default=None)
    p.set_defaults(func=carry_over)


def close_year(args) -> int:
    db = open_db(args.db)
    programs.close_year(db, system_user(db), args.year)
    print(t("plan.cli.closed", args.lang, year=args.year))
    return 0


def reopen_year(args) -> int:
    db = open_db(args.db)
    programs.reopen_year(db, system_user(db), args.year, args.reason)
    print(t("plan.cli.reopened", args.lang, year=args.year))
    return 0


def new_program(args) -> int:
    db = open_db(args.db)
    n = programs.create_next_program(db, system_user(db), args.year)
    print(t("plan.cli.new_program", args.lang, year=args.year + 1, count=n))
    return 0


def carry_over(args) -> int:
    db = open_db(args.db)
    n = programs.carry_over(db, system_user(db), args.year, args.district)
    print(t("plan.cli.carried", args.lang, year=args.year + 1, count=n))
    return 0
