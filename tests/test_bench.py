"""The speed benchmark's machinery at a tiny scale: it builds, measures and reports."""

from datetime import date

from tracker import bench, benchdata
from tracker.db import connect
from tracker.store.benchload import bench_mark


def test_tiny_benchmark_runs_and_prints_the_table(tmp_path, capsys):
    path = tmp_path / "bench-tiny.db"
    built = benchdata.build(path, "tiny", date(2026, 11, 21))
    assert built["districts"] == 2 and built["years"] == 2
    # about one change per record per week
    assert built["history"] > built["records"] * 30

    db = connect(path)
    assert bench_mark(db) == "tiny"
    db.conn.close()

    pages = bench.bench_pages(path, "tiny", runs=1, only=["status"])
    assert [p["page"] for p in pages] == ["status"]
    row = pages[0]
    assert row.get("error") is None, row
    assert row["median_ms"] > 0 and row["bare_ms"] > 0 and row["queries"] > 0
    assert row["after_save_ms"] > 0  # one rerun after a save, every cached read stale

    save = bench.bench_save(path, runs=3)
    assert save["median_ms"] > 0
    conc = bench.bench_concurrent(path, sessions=22, rounds=2)
    assert conc["sessions"] == 2 and conc["saves"] == 4 and conc["lost"] == 0, conc

    table = bench.pages_table(pages)
    print(table)
    assert "| status | tiny |" in capsys.readouterr().out
    text = bench.report([{"scale": "tiny", "db": str(path), "built": built,
                          "counts": bench.db_counts(path), "pages": pages, "save": save,
                          "concurrent": conc, "cold": None}], runs=1)
    assert "## tiny scale" in text and "0 lost updates" in text


def test_an_ordinary_database_is_never_replaced(db_path):
    import pytest

    from tracker.errors import TrackerError

    with pytest.raises(TrackerError):
        benchdata.build(db_path, "tiny", date(2026, 11, 21))
    assert db_path.exists()
