"""Reference data in the database: deputies, units, programs, clauses."""

from __future__ import annotations

import pandas as pd
import sqlite_utils

from tracker.store.tx import frame, write_tx

_CLAUSE_COLS = ("year", "number", "title_fa", "title_en", "deputy", "measure_fa",
                "measure_en", "weight", "source", "confidence")


def load_reference(db: sqlite_utils.Database, ref) -> dict[str, object]:
    """Insert or update reference data (a ``tracker.exchange.reference.Reference``).

    Keys stay stable (clauses by year and number), so reloading a corrected
    catalogue keeps every status record attached to its clause. Missing status
    records are created for every unit × clause of every open program year.

    A closed year is left untouched: its program row, its clauses (titles,
    weights…) and its records are neither changed nor added to, whatever the
    files say. Its year is returned under ``closed_years_untouched`` (the rest
    is still loaded); the counts are of what was loaded.
    """
    with write_tx(db):
        closed = {int(y) for (y,) in db.execute("SELECT year FROM programs WHERE closed = 1")}
        programs = ref.programs[~ref.programs["year"].astype(int).isin(closed)]
        clauses = ref.clauses[~ref.clauses["year"].astype(int).isin(closed)]
        _upsert(db, "deputies", ref.deputies, ("code",), ("name_fa", "name_en", "source"))
        _upsert(db, "units", ref.units, ("id",),
                ("district", "zone", "name_fa", "name_en", "confidence", "source", "note"))
        _upsert(db, "programs", programs, ("year",), ("code", "title_fa", "title_en", "note"))
        _upsert(db, "clauses", clauses, ("year", "number"), _CLAUSE_COLS[2:])
        created = sum(_ensure_records(db, int(y)) for y in programs["year"])
    skipped = sorted(closed & {int(y) for y in ref.programs["year"]}
                     | closed & {int(y) for y in ref.clauses["year"]})
    return {"deputies": len(ref.deputies), "units": len(ref.units),
            "programs": len(programs), "clauses": len(clauses),
            "records_created": created, "closed_years_untouched": skipped}


def _upsert(db: sqlite_utils.Database, table: str, frame: pd.DataFrame,
            keys: tuple[str, ...], cols: tuple[str, ...]) -> None:
    all_cols = list(keys) + [c for c in cols if c not in keys]
    names = ", ".join(all_cols)
    marks = ", ".join("?" for _ in all_cols)
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    sql = (f"INSERT INTO {table} ({names}) VALUES ({marks}) "
           f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")
    rows = frame.reindex(columns=all_cols).astype(object).where(frame.notna(), None)
    db.conn.executemany(sql, [tuple(_py(v) for v in r) for r in rows.itertuples(index=False)])


def _py(value: object) -> object:
    if value is None:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _ensure_records(db: sqlite_utils.Database, year: int) -> int:
    cur = db.execute(
        "INSERT OR IGNORE INTO status (year, unit_id, clause_id) "
        "SELECT c.year, u.id, c.id FROM clauses c CROSS JOIN units u WHERE c.year = ? "
        "AND NOT EXISTS (SELECT 1 FROM programs p WHERE p.year = c.year AND p.closed = 1)",
        [year],
    )
    return cur.rowcount


def list_units(db: sqlite_utils.Database) -> pd.DataFrame:
    """All units: id, district, zone, name_fa, name_en, confidence."""
    return frame(db, "SELECT id, district, zone, name_fa, name_en, confidence, source, note "
                      "FROM units ORDER BY district, zone")


def list_programs(db: sqlite_utils.Database) -> pd.DataFrame:
    return frame(db, "SELECT year, code, title_fa, title_en, note, closed, closed_at, closed_by "
                      "FROM programs ORDER BY year")


def list_deputies(db: sqlite_utils.Database) -> pd.DataFrame:
    return frame(db, "SELECT code, name_fa, name_en FROM deputies ORDER BY rowid")


def list_clauses(db: sqlite_utils.Database, year: int) -> pd.DataFrame:
    """The clause catalogue of a program year, by number."""
    return frame(db, "SELECT id, year, number, title_fa, title_en, deputy, measure_fa, "
                      "measure_en, weight, source, confidence FROM clauses WHERE year = ? "
                      "ORDER BY number", [year])
