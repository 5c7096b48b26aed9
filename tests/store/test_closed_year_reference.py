"""A closed year is left untouched by reference loading (issue 13, item 3)."""

from __future__ import annotations

import csv
import shutil

from tracker.cli import main
from tracker.db import open_db

from ..conftest import ROOT


def _rows(db, sql, params=()):
    return sorted(tuple(r) for r in db.execute(sql, list(params)).fetchall())


def _city_score(db, year: int) -> float:
    """Σ weight × progress / Σ weight over applicable records ("done" counts 100), by SQL."""
    num, den = db.execute(
        "SELECT SUM(c.weight * CASE WHEN s.status = 'done' THEN 100 ELSE COALESCE(s.progress, 0)"
        " END), SUM(c.weight) FROM status s JOIN clauses c ON c.id = s.clause_id"
        " WHERE s.year = ? AND s.status != 'not_applicable'", [year]).fetchone()
    return num / den


def _edited_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "clauses.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    for r in rows:
        if r["year"] in ("1405", "1404") and r["number"] == "1":
            r["title_fa"] = "عنوان دستکاری شده"
            r["title_en"] = "Tampered title"
            r["weight"] = "9.5"
    new = dict(next(r for r in rows if r["year"] == "1405" and r["number"] == "20"))
    new.update(number="21", title_fa="بند تازه", title_en="A new clause", weight="4")
    rows.append(new)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return data


def test_load_reference_leaves_a_closed_year_untouched(demo_db_copy, tmp_path, capsys):
    assert main(["--db", str(demo_db_copy), "close-year", "1405"]) == 0
    db = open_db(demo_db_copy)
    snapshot = db.execute("SELECT city_progress FROM year_snapshots WHERE year = 1405"
                          ).fetchone()[0]
    queries = {
        "programs": ("SELECT * FROM programs WHERE year = 1405", ()),
        "clauses": ("SELECT * FROM clauses WHERE year = 1405", ()),
        "status": ("SELECT * FROM status WHERE year = 1405", ()),
        "history": ("SELECT * FROM history WHERE year = 1405", ()),
    }
    before = {k: _rows(db, *q) for k, q in queries.items()}
    assert abs(_city_score(db, 1405) - snapshot) < 1e-9
    db.conn.close()
    capsys.readouterr()

    data = _edited_data(tmp_path)
    assert main(["--db", str(demo_db_copy), "load-reference", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Year 1405 is closed" in out and "untouched" in out

    db = open_db(demo_db_copy)
    after = {k: _rows(db, *q) for k, q in queries.items()}
    for k in queries:
        assert after[k] == before[k], k
    assert abs(_city_score(db, 1405) - snapshot) < 1e-9
    assert db.execute("SELECT COUNT(*) FROM clauses WHERE year = 1405 AND number = 21"
                      ).fetchone()[0] == 0
    # the open year 1404 was still loaded
    assert db.execute("SELECT title_en, weight FROM clauses WHERE year = 1404 AND number = 1"
                      ).fetchone() == ("Tampered title", 9.5)


def test_load_reference_returns_the_closed_years(db, reference, admin):
    from tracker.store import reference as store_ref

    db.execute("UPDATE programs SET closed = 1 WHERE year = 1403")
    db.conn.commit()
    result = store_ref.load_reference(db, reference)
    assert result["closed_years_untouched"] == [1403]


def test_bulk_loader_refuses_a_closed_year(db):
    import pytest

    from tracker.domain.errors import YearClosed
    from tracker.store import bulk

    db.execute("UPDATE programs SET closed = 1 WHERE year = 1403")
    db.conn.commit()
    rec = db.execute("SELECT year, unit_id, clause_id FROM status WHERE year = 1403 LIMIT 1"
                     ).fetchone()
    record = {"year": rec[0], "unit_id": rec[1], "clause_id": rec[2], "status": "done",
              "target": None, "achieved": None, "progress": 100.0, "due_date": None,
              "responsible": None, "contractor": None, "budget": None, "notes": "x",
              "evidence": None, "blocker": None, "updated_by": None, "updated_by_name": None,
              "updated_at": None, "version": 1}
    with pytest.raises(YearClosed):
        bulk.load_generated(db, [record], [])
    assert db.execute("SELECT status FROM status WHERE year = ? AND unit_id = ? AND "
                      "clause_id = ?", list(rec)).fetchone()[0] == "not_started"
