"""Database set-up, reference data, demo data and the summary."""

from __future__ import annotations

import argparse
from datetime import date

from tracker.db import connect, migrate, open_db
from tracker.demo import records as demo
from tracker.demo.accounts import create_demo_accounts
from tracker.demo.cycle import load_demo_cycle
from tracker.demo.plans import load_demo_plans
from tracker.demo.visits import load_demo_visits
from tracker.domain import calendar, fmt, limits
from tracker.domain.i18n import t
from tracker.domain.rollup import city_summary
from tracker.exchange.reference import load_reference
from tracker.store import bulk, programs
from tracker.store import reference as store_ref
from tracker.store.status import year_records
from tracker.store.users import system_user


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init-db", help="create or upgrade the database schema")
    p.set_defaults(func=init_db)
    p = sub.add_parser("load-reference", help="load or update data/*.csv into the database")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=load_ref)
    p = sub.add_parser("demo", help="create a demo database (reference, accounts, a year of data)")
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing if the database already holds a program")
    p.add_argument("--today", default=None, help="ISO date the demo data runs up to")
    p.add_argument("--seed", type=limits.cli_int("seed"), default=1405)
    p.set_defaults(func=load_demo)
    p = sub.add_parser("summary", help="print what the database holds")
    p.set_defaults(func=summary)


def init_db(args) -> int:
    applied = migrate(connect(args.db))
    print(f"{args.db}: schema up to date ({len(applied)} migration(s) applied)")
    return 0


def load_ref(args) -> int:
    db = open_db(args.db)
    counts = store_ref.load_reference(db, load_reference(args.data_dir))
    untouched = counts.pop("closed_years_untouched", [])
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    for year in untouched:
        print(t("guard.ref_closed_untouched", args.lang, year=int(year)))
    return 0


def load_demo(args) -> int:
    db = open_db(args.db)
    if args.if_missing and not store_ref.list_programs(db).empty:
        print(f"{args.db}: already prepared; nothing done")
        return 0
    store_ref.load_reference(db, load_reference())
    actor = system_user(db)
    accounts = create_demo_accounts(db)
    today = date.fromisoformat(args.today) if args.today else calendar.today_tehran()
    units = store_ref.list_units(db)
    current = calendar.current_year(today)
    traits = demo.district_traits(sorted(int(d) for d in units["district"].unique()), args.seed)
    _ensure_programs(db, actor, current)
    total = 0
    for year in (current - 1, current):
        clauses = store_ref.list_clauses(db, year)
        if clauses.empty:
            continue
        records, history = demo.generate(units, clauses, year, today, actor.id, args.seed, traits)
        total += bulk.load_generated(db, records, history)
    load_demo_plans(db, actor, demo.data_year(today))
    load_demo_visits(db, actor, today)
    load_demo_cycle(db, actor, today)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a copied file holds everything
    print(f"{args.db}: demo data loaded ({total} history rows)")
    for a in accounts:
        print(f"  demo account {a['username']!r} ({a['role']}): password {a['password']!r}")
    return 0


def _ensure_programs(db, actor, current: int) -> None:
    """A demo shows the current year and drafts the next: when the reference data stops
    before ``current + 1`` (a demo made on a later day), copy the latest program forward
    year by year."""
    years = [int(y) for y in store_ref.list_programs(db)["year"]]
    if not years:
        return
    for year in range(max(years), current + 1):
        programs.create_next_program(db, actor, year)


def summary(args) -> int:
    db = open_db(args.db)
    programs = store_ref.list_programs(db)
    units = store_ref.list_units(db)
    lang = args.lang
    print(f"{args.db}")
    districts, zones = int((units["zone"] == 0).sum()), int((units["zone"] > 0).sum())
    print(f"  districts: {districts}, zones: {zones}")
    for year in programs["year"]:
        s = city_summary(year_records(db, int(year)))
        counts = ", ".join(f"{t('status.' + k, lang)}: {fmt.number(v, lang)}"
                           for k, v in s.counts.items())
        print(f"  {fmt.digits(int(year), lang)}: {t('common.city', lang)} "
              f"{fmt.percent(s.progress, lang, 1)} — {counts}")
    n = db.execute("SELECT count(*) FROM history").fetchone()[0]
    print(f"  history rows: {n}")
    return 0
