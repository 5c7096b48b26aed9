"""My work and the completion board are measured by the benchmark (tiny scale here)."""

from datetime import date

from tracker.bench import data as benchdata
from tracker.bench import runner as bench
from tracker.db import connect


def test_cycle_pages_in_the_benchmark(tmp_path):
    path = tmp_path / "bench-tiny.db"
    benchdata.build(path, "tiny", date(2026, 11, 21))
    db = connect(path)
    assert db.execute("SELECT count(*) FROM periods").fetchone()[0] >= 12
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] > 0
    db.conn.close()
    rows = bench.bench_pages(path, "tiny", runs=1, only=["my-work", "periods"])
    assert sorted(r["page"] for r in rows) == ["my-work", "periods"]
    for row in rows:
        assert row.get("error") is None, row
        assert row["median_ms"] > 0
