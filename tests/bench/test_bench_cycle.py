"""My work and the completion board are measured by the benchmark (tiny scale here), as
the people who use them: My work as a district editor with dues, the board as the office
on the period being collected, which holds submissions in every state."""

from datetime import date

import pytest

from tracker.bench import cycle_pages
from tracker.bench import data as benchdata
from tracker.bench import runner as bench
from tracker.db import connect

# the benchmark is built for 2026-11-21 and measured on that day (the period it collects)
pytestmark = pytest.mark.usefixtures("fixed_day")

STATES = {"not_started", "draft", "submitted", "changes_requested", "accepted"}


def _period_states(path, seq: int) -> dict[str, int]:
    db = connect(path)
    rows = db.execute(
        "SELECT COALESCE(s.state, 'not_started'), count(*) FROM units u JOIN periods p ON"
        " p.year = (SELECT max(year) FROM programs) AND p.seq = ? LEFT JOIN submissions s"
        " ON s.unit_id = u.id AND s.period_id = p.id GROUP BY 1", [seq]).fetchall()
    db.conn.close()
    return dict(rows)


def test_cycle_pages_in_the_benchmark(tmp_path):
    path = tmp_path / "bench-tiny.db"
    benchdata.build(path, "tiny", date(2026, 11, 21))
    db = connect(path)
    assert db.execute("SELECT count(*) FROM periods").fetchone()[0] >= 12
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] > 0
    db.conn.close()
    rows = bench.bench_pages(path, "tiny", runs=1, only=["my-work", "periods"])
    assert sorted(r["page"] for r in rows) == ["my-work", "periods"]
    by_page = {r["page"]: r for r in rows}
    for row in rows:
        assert row.get("error") is None, row
        assert row["median_ms"] > 0
    # My work as district 1's editor, the board as the office
    assert by_page["my-work"]["user"] == "bench-district1"
    assert by_page["periods"]["user"] == "admin"
    # 2026-11-21 is 1405/08/30: Aban (period 8) is being collected; it holds every state
    states = _period_states(path, 8)
    assert set(states) == STATES, states
    # district 1's editor owes things: its own report (not accepted) and reviews waiting
    db = connect(path)
    waiting = db.execute("SELECT count(*) FROM submissions s JOIN periods p ON p.id ="
                         " s.period_id WHERE p.year = 1405 AND p.seq = 8 AND s.unit_id / 100"
                         " = 1 AND s.unit_id % 100 > 0 AND s.state = 'submitted'").fetchone()[0]
    own = db.execute("SELECT state FROM submissions s JOIN periods p ON p.id = s.period_id"
                     " WHERE p.year = 1405 AND p.seq = 8 AND s.unit_id = 100").fetchone()
    db.conn.close()
    assert waiting >= 1 and own is None
    # the pages did real work: My work sends many more queries than an empty page would
    assert by_page["my-work"]["queries"] >= 10
    assert by_page["periods"]["queries"] >= 10


def test_prepare_is_idempotent(tmp_path):
    path = tmp_path / "bench-tiny.db"
    benchdata.build(path, "tiny", date(2026, 11, 21))
    first = cycle_pages.prepare(path)
    assert first["periods"] == {"username": "admin", "query": {"year": "1405", "period": "8"}}
    states = _period_states(path, 8)
    db = connect(path)
    events = db.execute("SELECT count(*) FROM submission_events").fetchone()[0]
    db.conn.close()
    assert cycle_pages.prepare(path) == first
    db = connect(path)
    assert db.execute("SELECT count(*) FROM submission_events").fetchone()[0] == events
    db.conn.close()
    assert _period_states(path, 8) == states
