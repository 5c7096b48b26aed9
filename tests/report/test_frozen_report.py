"""The monthly report of a locked month uses the accepted snapshots; an open month is
labelled live."""

import json
import sqlite3
from datetime import date

import pytest

from tracker.db import connect
from tracker.report import gather, monthly_html

TODAY = date(2026, 11, 21)


def _hand_city_score(path) -> float:
    """Σ weight × progress / Σ weight over Mehr 1405's official records, computed from the
    stored snapshots (each unit's latest accepted one up to Mehr)."""
    con = sqlite3.connect(path)
    weights = dict(con.execute("SELECT id, weight FROM clauses WHERE year = 1405"))
    rows = con.execute(
        "SELECT s.unit_id, s.snapshot FROM submissions s JOIN periods p ON p.id = s.period_id"
        " WHERE p.year = 1405 AND p.seq <= 7 AND s.state = 'accepted'"
        " ORDER BY s.unit_id, p.seq DESC").fetchall()
    seen, num, den = set(), 0.0, 0.0
    for uid, snap in rows:
        if uid in seen:
            continue
        seen.add(uid)
        for r in json.loads(snap):
            if r["status"] == "not_applicable":
                continue
            p = 100.0 if r["status"] == "done" else float(r["progress"])
            num += weights[r["clause_id"]] * p
            den += weights[r["clause_id"]]
    units = con.execute("SELECT count(*) FROM units").fetchone()[0]
    con.close()
    assert len(seen) == units  # every demo unit has some accepted report by Mehr
    return num / den


def test_locked_month_report_uses_snapshots(fixed_demo_db_file, fixed_day):
    demo_db_file = fixed_demo_db_file  # made on TODAY, the fixed day: Mehr 1405 is locked
    db = connect(demo_db_file)
    fig = gather(db, 1405, 7, TODAY)
    assert fig.official
    assert fig.city_score == pytest.approx(_hand_city_score(demo_db_file), abs=1e-6)
    html = monthly_html(db, 1405, 7, "en", TODAY)
    assert "Official figures: the accepted reports of Mehr 1405 (locked)" in html
    html = monthly_html(db, 1405, 8, "en", TODAY)
    assert "Live figures (this month is not locked yet)" in html
    db.conn.close()
