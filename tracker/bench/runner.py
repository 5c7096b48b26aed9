"""The speed benchmark: every page at Tehran and 10× scale, saves, concurrency, cold start.

Each page is measured in a process of its own (``python -m tracker.bench page ...``,
see :mod:`tracker.bench.page`) so its peak memory is its own. Saves go through
:func:`tracker.store.records.apply_changes`, the one write path, as a user would.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from tracker import config
from tracker.db import connect
from tracker.domain import calendar
from tracker.domain.model import Grant, User, unit_id
from tracker.store import records as store_records
from tracker.store import users
from tracker.store.reference import list_clauses, list_programs
from tracker.store.status import record_by_key

COLUMNS = ("page", "scale", "median ms", "× bare", "× raw SQL", "after a save ms", "peak MB",
           "queries")


def page_files(only: list[str] | None = None) -> list[tuple[str, str]]:
    """(path, file relative to the app) of every page module, or those named in ``only``."""
    from tracker.ui.registry import page_modules

    out = []
    for m in page_modules():
        if only and m.PAGE["path"] not in only and m.__name__.rsplit(".", 1)[-1] not in only:
            continue
        out.append((m.PAGE["path"], str(Path(m.__file__).relative_to(config.ROOT))))
    return out


def bench_pages(db_path: Path, scale: str, runs: int,
                only: list[str] | None = None, log=None) -> list[dict]:
    """One row per page: median warm rerun, ratios to its floors, peak memory."""
    from urllib.parse import urlencode

    from tracker.bench.cycle_pages import prepare

    files = page_files(only)
    # pages measured as the people who use them (default: the office, "admin")
    as_whom = prepare(db_path) if {"my-work", "periods"} & {p for p, _f in files} else {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, file in files:
            spec = Path(tmp) / f"{path}.pkl"
            who = as_whom.get(path, {"username": "admin", "query": {}})
            proc = subprocess.run(
                [sys.executable, "-m", "tracker.bench", "page", str(db_path), file, str(runs),
                 str(spec), who["username"], urlencode(who["query"])],
                capture_output=True, text=True, timeout=1800, cwd=config.ROOT)
            lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
            if proc.returncode or not lines:
                result = {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1][:300]}
            else:
                result = json.loads(lines[-1])
            row = {"page": path, "scale": scale, "user": who["username"], **result}
            rows.append(row)
            if log:
                log(format_row(row))
    return rows


def format_row(row: dict) -> str:
    if row.get("median_ms") is None:
        return f"| {row['page']} | {row['scale']} | failed: {row.get('error')} | | | | | |"
    bare = row["median_ms"] / row["bare_ms"] if row.get("bare_ms") else float("nan")
    raw = row["median_ms"] / row["raw_ms"] if row.get("raw_ms") else float("nan")
    note = f" ⚠ {row['error']}" if row.get("error") else ""
    saved = row.get("after_save_ms")
    saved_text = f"{saved:.0f}" if saved is not None else "—"
    return (f"| {row['page']} | {row['scale']} | {row['median_ms']:.0f}{note} | {bare:.1f} | "
            f"{raw:.0f} | {saved_text} | {row['peak_mb']:.0f} | {row['queries']} "
            f"({row['raw_ms']:.1f} ms) |")


def pages_table(rows: list[dict]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |"
    return "\n".join([head, "|" + "---|" * len(COLUMNS)] + [format_row(r) for r in rows])


# -- saving ------------------------------------------------------------------------

def _current_year(db) -> int:
    programs = list_programs(db)
    open_years = programs.loc[programs["closed"] == 0, "year"]
    return int((open_years if not open_years.empty else programs["year"]).max())


def bench_editor(db, district: int) -> User:
    """A stored, active district editor for the benchmark's saves (the store refuses an
    acting account it does not hold); made once, single-sign-on only (no password)."""
    name = f"bench-district{district}"
    user = users.get_user_by_username(db, name)
    if user is None:
        users.create_user(db, users.system_user(db), name, f"District {district}", None,
                          (Grant("district_editor", district),))
        user = users.get_user_by_username(db, name)
    return user


def current_year(db_path: Path) -> int:
    """The benchmark database's current (latest open) program year."""
    db = connect(db_path)
    try:
        return _current_year(db)
    finally:
        db.conn.close()


def bench_save(db_path: Path, runs: int = 30) -> dict:
    """Median time of one record's edit (record + history) through ``apply_changes``."""
    db = connect(db_path)
    year = _current_year(db)
    clause = int(list_clauses(db, year)["id"].iloc[0])
    uid = unit_id(1, 1)
    user = bench_editor(db, 1)
    times = []
    for i in range(runs):
        rec = record_by_key(db, year, uid, clause)
        change = store_records.Change(year, uid, clause, int(rec["version"]),
                                      {"progress": 10.0 + i % 50, "status": "in_progress"})
        began = time.perf_counter()
        written = store_records.apply_changes(db, user, store_records.STATUS, [change])
        times.append((time.perf_counter() - began) * 1000)
        if written != 1:
            raise RuntimeError("the benchmark's edit changed nothing")
    db.conn.close()
    return {"median_ms": statistics.median(times), "max_ms": max(times), "runs": runs}


def bench_concurrent(db_path: Path, sessions: int = 22, rounds: int = 5) -> dict:
    """``sessions`` district editors, each on its own connection, saving at the same
    moment, ``rounds`` times; checks that every update is in the records and history."""
    probe = connect(db_path)
    year = _current_year(probe)
    clause = int(list_clauses(probe, year)["id"].iloc[1])
    districts = sorted({int(d) for (d,) in probe.execute(
        "SELECT district FROM units WHERE zone = 0").fetchall()})[:sessions]
    before = {d: int(record_by_key(probe, year, unit_id(d), clause)["version"]) for d in districts}
    editors = {d: bench_editor(probe, d) for d in districts}
    barrier = threading.Barrier(len(districts), timeout=120)
    errors: list[str] = []
    latencies: list[float] = []

    def session(d: int) -> None:
        db = connect(db_path)
        user = editors[d]
        for r in range(rounds):
            rec = record_by_key(db, year, unit_id(d), clause)
            change = store_records.Change(year, unit_id(d), clause, int(rec["version"]),
                                          {"status": "in_progress",
                                           "progress": float(r * 10 + d % 10)})
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                errors.append(f"{d}: the others did not reach the barrier")
                break
            began = time.perf_counter()
            try:
                store_records.apply_changes(db, user, store_records.STATUS, [change])
            except Exception as exc:  # counted: the check below fails
                errors.append(f"{d}: {exc!r}")
            latencies.append((time.perf_counter() - began) * 1000)
        db.conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=session, args=(d,)) for d in districts]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = (time.perf_counter() - began) * 1000
    lost = 0
    for d in districts:
        rec = record_by_key(probe, year, unit_id(d), clause)
        expected = float((rounds - 1) * 10 + d % 10)
        if int(rec["version"]) != before[d] + rounds or float(rec["progress"]) != expected:
            lost += 1
    probe.conn.close()
    return {"sessions": len(districts), "rounds": rounds, "saves": len(latencies),
            "lost": lost, "errors": errors[:5], "max_ms": max(latencies, default=0.0),
            "median_ms": statistics.median(latencies) if latencies else 0.0, "wall_ms": wall}


def db_counts(db_path: Path) -> dict[str, int]:
    from tracker.bench.load import counts

    db = connect(db_path)
    try:
        return counts(db)
    finally:
        db.conn.close()


def switch_table(switch: dict[str, list[float]]) -> str:
    """Page switches in the browser: first and second visit per page."""
    lines = ["- In the same browser session, from a click on a page in the navigation bar to "
             "the page drawn (script run finished, nothing greyed out, two frames painted):",
             "", "| page | first visit ms | second visit ms |", "|---|---|---|"]
    def shown(v: float) -> str:
        return "timeout (120 s)" if v != v else f"{v:.0f}"

    for path, ms in switch.items():
        second = shown(ms[1]) if len(ms) > 1 else "—"
        lines.append(f"| {path} | {shown(ms[0])} | {second} |")
    return "\n".join(lines)


def report(results: list[dict], runs: int) -> str:
    """The Markdown of ``benchmarks/RESULTS.md``."""
    today = calendar.today_tehran()
    out = ["# Speed benchmark results", "",
           f"Run on {today.isoformat()} ({calendar.format_date(today, 'en')}) with "
           f"`tracker bench --scale {'both' if len(results) > 1 else results[0]['scale']} "
           f"--runs {runs}`.", "",
           f"Machine: {machine()}; load average when the run ended: "
           f"{', '.join(f'{x:.1f}' for x in __import__('os').getloadavg())} "
           "(other work on the machine inflates every number).", "",
           "Each page: one full script run of `streamlit_app.py` on that page with AppTest, "
           "signed in as `admin` (my-work as a district editor with dues, `bench-district1`; "
           "periods as the office on the period being collected, with reports in every "
           "state), warm (after a first run), median of "
           f"{runs} runs; peak MB is the peak resident memory of the process that ran it. "
           "× bare: the same page replayed with the same Streamlit calls and ready-made "
           "values (no database, no pandas). × raw SQL: the page's distinct queries "
           "(recorded with their parameters on a cold run) run alone on a fresh connection. "
           "After a save: one rerun right after another session saved an edit, when every "
           "cached read is stale (the cost of the next click after any save).",
           ""]
    for res in results:
        c = res["counts"]
        out += [f"## {res['scale']} scale", "",
                f"{c['districts']:,} districts, {c['zones']:,} zones, {c['years']} program "
                f"years, {c['records']:,} records, {c['history']:,} history rows, "
                f"{c.get('plans', 0):,} plan lines, {c.get('visits', 0):,} visits, "
                f"{c.get('actions', 0):,} corrective actions.", ""]
        if res.get("built"):
            out += [f"Built in {res['built']['seconds']} s.", ""]
        out += [pages_table(res["pages"]), ""]
        s, k = res["save"], res["concurrent"]
        out += [f"- Saving one record's edit (record + history, `apply_changes`): median "
                f"{s['median_ms']:.1f} ms, max {s['max_ms']:.1f} ms over {s['runs']} saves.",
                f"- {k['sessions']} district sessions (threads, own connections) saving at "
                f"the same moment, {k['rounds']} rounds: {k['saves']} saves, **{k['lost']} "
                f"lost updates**, median {k['median_ms']:.0f} ms, slowest "
                f"{k['max_ms']:.0f} ms (waiting for the write lock included).", ""]
        r = res.get("remind")
        if r and "error" not in r:
            out += [f"- Reminding the whole city, every one of its {r['units']} units late "
                    f"(`tracker remind`'s pass on the day after the districts' deadline, an "
                    f"editor with an address for every unit): {r['posted']} inbox messages "
                    f"and {r['queued']} e-mails queued in {r['post_s']:.1f} s; the queue "
                    f"delivered to an SMTP server on 127.0.0.1 ({r['sent']} sent, "
                    f"{r['failed']} failed) in {r['send_s']:.1f} s. Run again the same day: "
                    f"{r['again_posted']} posted, {r['again_sent']} sent.", ""]
        elif r:
            out += [f"- Reminding the whole city not measured: {r['error']}", ""]
        cold = res.get("cold")
        if cold and "error" not in cold:
            out += [f"- Cold start (real `streamlit run` + Chromium): sign-in page shown "
                    f"{cold['login_ms']:.0f} ms after the server process started; the status "
                    f"page shown {cold['status_ms']:.0f} ms after pressing «ورود» "
                    "(every cache cold).", ""]
            if cold.get("switch"):
                out += [switch_table(cold["switch"]), ""]
        elif cold:
            out += [f"- Cold start not measured: {cold['error']}", ""]
        if res.get("capacity"):
            from tracker.bench.figures import report as capacity_report

            out += capacity_report(res["capacity"])
    return "\n".join(out) + "\n"


def machine() -> str:
    import os

    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal"))
                 .split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{os.cpu_count()} cores{mem}, {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}")


def today_for_bench() -> date:
    return calendar.today_tehran()

