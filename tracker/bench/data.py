"""Benchmark data sets: the city at Tehran scale and at 10× scale (pure: builds frames).

The reference data is the project's own (deputies, the clause list of the latest
program, Tehran's districts and zone counts), repeated: at 10× scale there are 220
districts whose zone counts repeat Tehran's, so 1,230 zones. Five Jalali years of
programs end with the year of ``today``; every record is changed about once a week
(each change moves its progress, and the first and last also its status), so the
history holds about 750,000 rows at Tehran scale and about 7.5 million at 10×.

Generation is vectorised with numpy, one program year at a time, so that 7.5 million
history rows build in minutes; :mod:`tracker.bench.load` writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from tracker.domain import calendar, fmt
from tracker.exchange.reference import Reference, load_reference

# scale: (repeats of Tehran's districts, districts taken per repeat, program years)
SCALES = {"tiny": (1, 2, 2), "tehran": (1, 22, 5), "10x": (10, 22, 5)}
BLOCKER = "در انتظار تخصیص اعتبار"
NA_NOTE = "این بند در این محدوده موضوعیت ندارد"


@dataclass(frozen=True)
class YearData:
    """One program year's generated records and history (columns of the tables)."""

    year: int
    records: pd.DataFrame  # unit_id, clause_id and the status columns
    history: pd.DataFrame  # unit_id, clause_id and the history columns (no record_id)


def bench_reference(scale: str, today: date) -> Reference:
    """Reference data for ``scale`` ('tiny', 'tehran' or '10x'), programs up to ``today``'s year."""
    repeats, per_repeat, n_years = SCALES[scale]
    base = load_reference()
    units = _units(base.units, repeats, per_repeat)
    last = calendar.current_year(today)
    years = list(range(last - n_years + 1, last + 1))
    template = base.programs.iloc[-1]
    programs = pd.DataFrame({
        "year": years, "code": [f"tahavol_{y}" for y in years],
        "title_fa": template["title_fa"], "title_en": template["title_en"],
        "note": "benchmark data",
    })
    latest = base.clauses[base.clauses["year"] == base.clauses["year"].max()]
    clauses = pd.concat([latest.assign(year=y) for y in years], ignore_index=True)
    return Reference(deputies=base.deputies, units=units, programs=programs, clauses=clauses)


def _units(tehran: pd.DataFrame, repeats: int, per_repeat: int) -> pd.DataFrame:
    zones = tehran[tehran["zone"] > 0].groupby("district")["zone"].max()
    counts = [int(zones.get(d, 0)) for d in range(1, per_repeat + 1)]
    rows = []
    for r in range(repeats):
        for i, n in enumerate(counts):
            d = r * per_repeat + i + 1
            rows.append((d, 0, f"منطقه {fmt.digits(d, 'fa')}", f"District {d}"))
            rows += [(d, z, f"ناحیه {fmt.digits(z, 'fa')}", f"Zone {z}") for z in range(1, n + 1)]
    units = pd.DataFrame(rows, columns=["district", "zone", "name_fa", "name_en"])
    units["id"] = units["district"] * 100 + units["zone"]
    return units.assign(confidence="benchmark", source="generated", note=None)


def generate_years(units: pd.DataFrame, clauses: pd.DataFrame, today: date,
                   actor_id: int | None, seed: int = 1405) -> Iterator[YearData]:
    """Each program year's records and history, oldest year first."""
    rng = np.random.default_rng(seed)
    districts = np.sort(units["district"].unique())
    diligence = pd.Series(rng.uniform(0.35, 0.97, len(districts)), index=districts)
    for year in sorted(int(y) for y in clauses["year"].unique()):
        yc = clauses[clauses["year"] == year]
        yield _year(rng, units, yc, year, today, diligence, actor_id)


def _year(rng: np.random.Generator, units: pd.DataFrame, clauses: pd.DataFrame, year: int,
          today: date, diligence: pd.Series, actor_id: int | None) -> YearData:
    start, end = calendar.year_start(year), calendar.year_end(year)
    until = min(today, end)
    span_days = (until - start).days + 1
    elapsed = span_days / calendar.days_in_year(year)
    weeks = max(1, span_days // 7)
    n_u, n_c = len(units), len(clauses)
    unit_ids = np.repeat(units["id"].to_numpy(), n_c)
    district = np.repeat(units["district"].to_numpy(), n_c)
    clause_ids = np.tile(clauses["id"].to_numpy(), n_u)
    n = n_u * n_c
    dil = diligence.reindex(district).to_numpy()
    goal = 100.0 * np.minimum(1.0, np.clip(dil * rng.uniform(0.6, 1.4, n), 0, 1)
                              * (0.3 + elapsed) * 1.15)
    goal = np.where(goal >= 97, 100.0, np.maximum(np.round(goal, 1), 2.0))
    na = rng.random(n) < 0.03
    blocked = ~na & (goal < 100) & (rng.random(n) < 0.12 * (1.2 - dil))
    final = np.where(na, "not_applicable",
                     np.where(goal >= 100, "done", np.where(blocked, "blocked", "in_progress")))
    goal = np.where(na, 0.0, goal)
    target = rng.integers(10, 5000, n).astype(float)
    steps = np.where(na, 1, weeks)

    # history: one row per change, record r repeated steps[r] times
    rec = np.repeat(np.arange(n), steps)
    first = np.repeat(np.cumsum(steps) - steps, steps)
    i = np.arange(len(rec)) - first
    last = i == steps[rec] - 1
    prog = np.round(goal[rec] * (i + 1) / steps[rec], 1)
    prev_prog = np.round(goal[rec] * i / steps[rec], 1)
    ach = np.round(target[rec] * prog / 100, 0)
    prev_ach = np.round(target[rec] * prev_prog / 100, 0)
    status = np.where(last, final[rec], "in_progress")
    prev_status = np.where(i == 0, "not_started", "in_progress")
    day = np.minimum(i * 7 + rng.integers(0, 7, len(rec)), span_days - 1)
    secs = rng.integers(4 * 3600 + 1800, 12 * 3600 + 1800, len(rec))  # 08:00-16:00 Tehran
    at = (np.datetime64(start.isoformat(), "s") + day.astype("timedelta64[D]")
          + secs.astype("timedelta64[s]"))
    stamps = pd.Series(np.datetime_as_string(at, unit="s")) + "Z"
    changes = _changes_json(status, prev_status, prog, prev_prog, ach, prev_ach, i == 0,
                            na[rec])
    who = pd.Series(units["name_fa"].to_numpy()[np.repeat(np.arange(n_u), n_c)])
    names = ("دبیر طرح " + who).to_numpy()

    last_idx = np.cumsum(steps) - 1
    records = pd.DataFrame({
        "year": year, "unit_id": unit_ids, "clause_id": clause_ids, "status": final,
        "target": target, "achieved": np.where(na, np.nan, np.round(target * goal / 100, 0)),
        "progress": goal,
        "due_date": calendar.month_bounds(year, 12)[1].isoformat(),
        "responsible": "مهندس رضایی", "contractor": "شرکت عمران پایدار",
        "budget": rng.integers(2, 400, n) * 10_000_000,
        "notes": np.where(na, NA_NOTE, None),
        "evidence": np.where(final == "done",
                             pd.Series(unit_ids).astype(str).radd(
                                 f"https://evidence.example.ir/{year}/").to_numpy(), None),
        "blocker": np.where(final == "blocked", BLOCKER, None),
        "updated_by": actor_id, "updated_by_name": names,
        "updated_at": stamps.to_numpy()[last_idx], "version": steps,
    })
    history = pd.DataFrame({
        "kind": "status", "year": year, "unit_id": unit_ids[rec], "clause_id": clause_ids[rec],
        "version": i + 1, "changed_at": stamps.to_numpy(), "changed_by": actor_id,
        "changed_by_name": names[rec], "status": status,
        "progress": np.where(na[rec], 0.0, prog),
        "achieved": np.where(na[rec], np.nan, ach), "changes": changes,
    })
    return YearData(year, records, history)


def _changes_json(status, prev_status, prog, prev_prog, ach, prev_ach, is_first, is_na):
    """The ``{field: [old, new]}`` JSON of each change, built column-wise."""
    prev_ach_txt = pd.Series(prev_ach).map("{:.1f}".format).where(~is_first, "null")
    status_part = pd.Series(np.where(
        status != prev_status,
        '"status": ["' + pd.Series(prev_status) + '", "' + pd.Series(status) + '"], ', ""))
    body = ('"progress": [' + pd.Series(prev_prog).map("{:.1f}".format) + ", "
            + pd.Series(prog).map("{:.1f}".format) + '], "achieved": [' + prev_ach_txt + ", "
            + pd.Series(ach).map("{:.1f}".format) + "]")
    na_body = '"notes": [null, "' + NA_NOTE + '"]'
    return ("{" + status_part + pd.Series(np.where(is_na, na_body, body)) + "}").to_numpy()


#: What a benchmark database holds; raise it when build() adds to it, so that a database
#: built by older code is built again (one built before the reporting cycle existed had
#: no periods, and My work and the completion board were measured empty).
DATA_VERSION = 2


def build_mark(scale: str, today: date) -> str:
    """The mark of a finished database: its scale, what it holds and the day it was built
    for (the year that shows work and the periods' states follow "today")."""
    return f"{scale}:v{DATA_VERSION}:{today.isoformat()}"


def build(path, scale: str, today: date, seed: int = 1405, log=None) -> dict[str, int]:
    """Create the benchmark database ``path`` at ``scale``; returns what it holds.

    An existing file is replaced only if it is itself a benchmark database.
    """
    import time
    from pathlib import Path

    from tracker.bench import load as benchload
    from tracker.bench.activity import add_activity
    from tracker.db import connect, open_db
    from tracker.demo import accounts as demo_accounts
    from tracker.domain.errors import TrackerError, ValidationFailed
    from tracker.domain.model import Grant
    from tracker.store import reference as store_ref
    from tracker.store import users

    path = Path(path)
    if path.exists():
        old = connect(path)
        ours = benchload.bench_mark(old) is not None
        old.conn.close()
        if not ours:
            raise TrackerError("bench.not_bench_db", path=str(path))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    ref = bench_reference(scale, today)
    db = open_db(path)
    benchload.fast_load_pragmas(db)
    benchload.mark(db, f"{scale}:building")
    store_ref.load_reference(db, ref)
    actor = users.system_user(db)
    try:
        demo_accounts.create_demo_accounts(db)
    except ValidationFailed:  # a tiny city lacks the demo editors' districts
        if users.get_user_by_username(db, "admin") is None:
                users.create_user(db, actor, "admin", "Admin", demo_accounts.demo_password("admin"),
                              (Grant("admin"),))
    units, clauses = store_ref.list_units(db), pd.concat(
        [store_ref.list_clauses(db, int(y)) for y in ref.programs["year"]], ignore_index=True)
    indexes = benchload.drop_history_indexes(db)
    rows = 0
    for data in generate_years(units, clauses, today, actor.id, seed):
        rows += benchload.load_year(db, data.records, data.history)
        if log:
            log(f"  {data.year}: {len(data.records):,} records, {rows:,} history rows "
                f"({time.perf_counter() - began:.0f} s)")
    benchload.create_indexes(db, indexes)
    years = [int(y) for y in ref.programs["year"]]
    from tracker.demo.cycle import load_demo_cycle

    load_demo_cycle(db, actor, today, seed, snapshots=False)  # periods, submissions
    benchload.close_years(db, years[:-1], calendar.utc_stamp(), actor.display_name)
    activity = add_activity(db, actor, years[-1], today, seed)
    if log:
        log(f"  {years[-1]}: " + ", ".join(f"{k}: {v:,}" for k, v in activity.items())
            + f" ({time.perf_counter() - began:.0f} s)")
    benchload.mark(db, build_mark(scale, today))
    db.execute("PRAGMA synchronous = NORMAL")
    db.conn.close()
    return {"districts": int((units["zone"] == 0).sum()), "zones": int((units["zone"] > 0).sum()),
            "clauses": len(clauses) // len(years), "years": len(years),
            "records": len(units) * len(clauses), "history": rows, **activity,
            "seconds": round(time.perf_counter() - began)}
