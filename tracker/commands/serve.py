"""``tracker serve``: the app in one process, or in N processes behind nginx."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tracker.db import connect, migrate
from tracker.domain.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the app (N processes behind nginx with --workers)")
    p.add_argument("--workers", type=int, default=1,
                   help="app processes; 2 or more run behind nginx, sticky per browser")
    p.add_argument("--port", type=int, default=8501,
                   help="the port people open; with --workers N the processes take the "
                        "next N ports")
    p.add_argument("--address", default="0.0.0.0", help="address to listen on")
    p.add_argument("--run-dir", type=Path, default=None,
                   help="nginx's configuration, logs and the processes' logs "
                        "(default: run/ beside the database)")
    p.set_defaults(func=serve)


def serve(args) -> int:
    from tracker import serve as srv

    db = connect(args.db)
    migrate(db)  # once, before several processes open the database
    db.conn.close()
    if args.workers <= 1:
        os.environ["TRACKER_DB"] = str(args.db)
        proc = srv.start_streamlit(args.port, args.db, address=args.address)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            srv.stop(proc)
            return 0
    run_dir = args.run_dir or Path(args.db).resolve().parent / "run"
    with srv.Cluster(args.workers, run_dir, args.db, port=args.port,
                     address=args.address) as cluster:
        print(t("serve.started", args.lang, workers=args.workers, port=cluster.port,
                first=cluster.port + 1, last=cluster.port + args.workers, run_dir=run_dir),
              flush=True)
        code = cluster.wait()
    print(t("serve.stopped", args.lang), file=sys.stderr)
    return code
