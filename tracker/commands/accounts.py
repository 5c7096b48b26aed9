"""Accounts on the command line: the first administrator, more users, the list.

A password is read from ``TRACKER_ADMIN_PASSWORD`` when it is set (for
automation), otherwise asked for twice without echo. There is no default
password; without a terminal and without the variable the command refuses.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from tracker.auth import grants_label
from tracker.db import open_db
from tracker.domain import limits
from tracker.domain.errors import ValidationFailed
from tracker.domain.i18n import t
from tracker.domain.model import ROLES, Grant
from tracker.store import users

PASSWORD_ENV = "TRACKER_ADMIN_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "create-admin",
        help=f"create the first administrator (password from ${PASSWORD_ENV} or a prompt)")
    p.add_argument("--username", required=True)
    p.add_argument("--name", required=True, help="display name")
    p.add_argument("--email", default=None, help="e-mail, for single sign-on")
    p.set_defaults(func=create_admin)

    p = sub.add_parser(
        "add-user", help=f"add a user, acting as the system (password from ${PASSWORD_ENV} "
                         "or a prompt; --sso-only for single-sign-on accounts)")
    p.add_argument("--username", required=True)
    p.add_argument("--name", required=True, help="display name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--district", type=limits.cli_int("district"), default=None)
    p.add_argument("--zone", type=limits.cli_int("zone"), default=None)
    p.add_argument("--email", default=None, help="e-mail, for single sign-on")
    p.add_argument("--sso-only", action="store_true",
                   help="no password: the account signs in only through single sign-on")
    p.set_defaults(func=add_user)

    p = sub.add_parser("list-users", help="list the accounts and their roles")
    p.set_defaults(func=list_users)


def read_password(lang: str = "en") -> str | None:
    """The password from the environment, or asked twice; ``None`` if impossible."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        print(t("admin.cli.no_tty", lang), file=sys.stderr)
        return None
    first = getpass.getpass(t("admin.cli.password", lang))
    second = getpass.getpass(t("admin.cli.password_again", lang))
    if first != second:
        print(t("admin.cli.mismatch", lang), file=sys.stderr)
        return None
    return first


def create_admin(args) -> int:
    lang = getattr(args, "lang", "en")
    db = open_db(args.db)
    if users.count_admins(db) > 0:
        raise users.BootstrapRefused("admin.bootstrap_refused")
    password = read_password(lang)
    if password is None:
        return 1
    return _created(args, lang, lambda: users.bootstrap_admin(
        db, args.username, args.name, password, email=args.email))


def add_user(args) -> int:
    lang = getattr(args, "lang", "en")
    db = open_db(args.db)
    password = None
    if not args.sso_only:
        password = read_password(lang)
        if password is None:
            return 1
    grant = Grant(args.role, args.district, args.zone)
    return _created(args, lang, lambda: users.create_user(
        db, users.system_user(db), args.username, args.name, password, (grant,),
        email=args.email))


def _created(args, lang: str, create) -> int:
    """Run ``create`` (returns the new account's id); say so, or list its problems."""
    try:
        uid = create()
    except ValidationFailed as exc:
        return _problems(exc, lang)
    print(t("admin.cli.created", lang, username=args.username, id=uid))
    return 0


def list_users(args) -> int:
    lang = getattr(args, "lang", "en")
    frame = users.list_users(open_db(args.db))
    for row in frame.itertuples():
        state = "" if row.active else " [disabled]"
        print(f"{row.id}\t{row.username}\t{row.display_name}\t"
              f"{grants_label(row.grants, lang)}{state}")
    return 0


def _problems(exc: ValidationFailed, lang: str) -> int:
    for problem in exc.problems:
        print(problem.message(lang), file=sys.stderr)
    return 2
