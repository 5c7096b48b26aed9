"""The operators' command line: ``tracker <command>``.

Each module of ``tracker.commands`` adds its subcommands through
``register(subparsers)``; a handler takes the parsed args and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from tracker import config
from tracker.domain.errors import TrackerError

# command modules that live with their own package rather than in tracker.commands
OTHER_COMMANDS = ("tracker.bench.command",)


def build_parser() -> argparse.ArgumentParser:
    import tracker.commands as pkg

    parser = argparse.ArgumentParser(prog="tracker", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None,
                        help="database file (default: $TRACKER_DB or data/tracker.db)")
    parser.add_argument("--lang", choices=("fa", "en"), default="en",
                        help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True)
    for m in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        importlib.import_module(f"{pkg.__name__}.{m.name}").register(sub)
    for name in OTHER_COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db = args.db or config.db_path()
    try:
        return int(args.func(args) or 0)
    except TrackerError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
