"""Field verification commands: load the visit checklists from data/checklists.csv."""

from __future__ import annotations

import argparse

from tracker.db import open_db
from tracker.domain.i18n import t
from tracker.store.checklists import load_checklists_file
from tracker.store.users import system_user


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load-checklists",
                       help="replace the visit checklists with data/checklists.csv (checked)")
    p.add_argument("--data-dir", default=None)
    p.set_defaults(func=load_checklists)


def load_checklists(args) -> int:
    db = open_db(args.db)
    count = load_checklists_file(db, system_user(db), args.data_dir)
    print(t("vis.cli.loaded", args.lang, count=count))
    return 0
