"""``tracker bench``: the speed benchmark at Tehran and 10× scale."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.bench import data as benchdata
from tracker.bench import load as benchload
from tracker.bench import runner as bench
from tracker.db import connect
from tracker.domain import limits
from tracker.domain.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="time every page, saves and cold start at scale")
    p.add_argument("--scale", choices=("tiny", "tehran", "10x", "both"), default="tehran")
    p.add_argument("--runs", type=limits.cli_int("runs"), default=7,
                   help="warm runs per page (median)")
    p.add_argument("--out", type=Path, default=None, help="write the results (Markdown) here")
    p.add_argument("--data-dir", type=Path, default=Path("/tmp/tracker-bench"),
                   help="where the benchmark databases are kept (built when missing)")
    p.add_argument("--rebuild", action="store_true", help="build the databases again")
    p.add_argument("--pages", default=None, help="comma-separated page paths (default: all)")
    p.add_argument("--no-browser", action="store_true", help="skip the cold-start measure")
    p.add_argument("--capacity", default="1,5,10,20,40",
                   help="sessions per capacity phase against the real server, comma-"
                        "separated ('' to skip; stops once p95 passes 5 s)")
    p.add_argument("--capacity-seconds", type=float, default=60.0,
                   help="measured seconds per capacity phase")
    p.add_argument("--workers", default="1,2",
                   help="app processes for the capacity test, comma-separated (2 or more: "
                        "behind nginx)")
    p.set_defaults(func=run)


def ensure_db(path: Path, scale: str, rebuild: bool, lang: str) -> dict | None:
    """Build the benchmark database of ``scale`` unless a finished one is there."""
    if path.exists() and not rebuild:
        db = connect(path)
        done = benchload.bench_mark(db) == benchdata.build_mark(scale, bench.today_for_bench())
        db.conn.close()
        if done:
            return None
    print(t("bench.building", lang, scale=scale, path=path), flush=True)
    built = benchdata.build(path, scale, bench.today_for_bench(),
                            log=lambda line: print(line, flush=True))
    print(t("bench.built", lang, summary=", ".join(f"{k}: {v:,}" for k, v in built.items())))
    return built


def run(args) -> int:
    scales = ("tehran", "10x") if args.scale == "both" else (args.scale,)
    only = [p.strip() for p in args.pages.split(",")] if args.pages else None
    lang = args.lang
    args.data_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for scale in scales:
        path = args.data_dir / f"bench-{scale}.db"
        built = ensure_db(path, scale, args.rebuild, lang)
        print(t("bench.pages", lang, scale=scale, runs=args.runs), flush=True)
        print(bench.pages_table([]), flush=True)
        pages = bench.bench_pages(path, scale, args.runs, only,
                                  log=lambda line: print(line, flush=True))
        save = bench.bench_save(path)
        print(t("bench.save", lang, scale=scale, median=f"{save['median_ms']:.1f}",
                max=f"{save['max_ms']:.1f}"))
        conc = bench.bench_concurrent(path)
        print(t("bench.concurrent", lang, scale=scale, sessions=conc["sessions"],
                rounds=conc["rounds"], saves=conc["saves"], lost=conc["lost"],
                max=f"{conc['max_ms']:.0f}"))
        from tracker.bench.remind import remind_city

        remind = remind_city(path)
        if "error" in remind:
            print(t("bench.remind_skipped", lang, reason=remind["error"]))
        else:
            print(t("bench.remind", lang, scale=scale, units=remind["units"],
                    posted=remind["posted"], queued=remind["queued"],
                    post=f"{remind['post_s']:.1f}", sent=remind["sent"],
                    send=f"{remind['send_s']:.1f}", again=remind["again_posted"]
                    + remind["again_sent"]))
        cold = None
        if not args.no_browser and scale != "10x":
            from tracker.bench.cold import cold_start

            cold = cold_start(path)
            if "error" in cold:
                print(t("bench.cold_skipped", lang, reason=cold["error"]))
            else:
                print(t("bench.cold", lang, scale=scale, login=f"{cold['login_ms']:.0f}",
                        status=f"{cold['status_ms']:.0f}"))
                for page_path, ms in cold.get("switch", {}).items():
                    print(t("bench.switch", lang, page=page_path,
                            times=" / ".join("—" if x != x else f"{x:.0f}" for x in ms)))
        cap = _capacity(args, path, scale) if args.capacity and scale != "10x" else None
        results.append({"scale": scale, "db": str(path), "built": built,
                        "counts": bench.db_counts(path), "pages": pages, "save": save,
                        "concurrent": conc, "remind": remind, "cold": cold, "capacity": cap})
    if args.out:
        args.out.write_text(bench.report(results, args.runs), encoding="utf-8")
        print(t("bench.written", lang, path=args.out))
    failed = any(r.get("median_ms") is None for res in results for r in res["pages"])
    lost = any(res["concurrent"]["lost"] for res in results)
    return 1 if failed or lost else 0


def _capacity(args, path: Path, scale: str) -> list[dict]:
    """The capacity phases against the real server, for each number of processes."""
    from tracker.bench import capacity, figures

    sessions = [int(n) for n in args.capacity.split(",") if n.strip()]
    editors, readers = capacity.bench_accounts(path)
    year = bench.current_year(path)
    rows = []
    for workers in (int(w) for w in args.workers.split(",") if w.strip()):
        print(t("bench.capacity", args.lang, scale=scale, workers=workers,
                seconds=f"{args.capacity_seconds:.0f}"), flush=True)
        print(figures.table([]).splitlines()[0], flush=True)
        rows += capacity.capacity(path, sessions, args.capacity_seconds, workers,
                                  args.data_dir / f"capacity-{scale}-{workers}", editors,
                                  readers, year, log=lambda line: print(line, flush=True))
    for line in filter(None, map(figures.memory_line, rows)):  # long phases: memory's growth
        print(line, flush=True)
    return rows
