"""The speed benchmark's machinery at a tiny scale: it builds, measures and reports."""

from datetime import date

import pytest

from tracker.bench import data as benchdata
from tracker.bench import runner as bench
from tracker.bench.load import bench_mark
from tracker.db import connect


def test_tiny_benchmark_runs_and_prints_the_table(tmp_path, capsys):
    path = tmp_path / "bench-tiny.db"
    built = benchdata.build(path, "tiny", date(2026, 11, 21))
    assert built["districts"] == 2 and built["years"] == 2
    # about one change per record per week
    assert built["history"] > built["records"] * 30

    db = connect(path)
    assert bench_mark(db) == "tiny:v2:2026-11-21"  # scale, what it holds, its day
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

    from tracker.domain.errors import TrackerError

    with pytest.raises(TrackerError):
        benchdata.build(db_path, "tiny", date(2026, 11, 21))
    assert db_path.exists()


def test_a_page_process_reports_its_own_peak_memory_not_its_parents():
    """ru_maxrss is inherited across fork and exec: a page process started by the big
    process that built the database must still report its own peak."""
    import subprocess
    import sys

    from tracker.bench.page import peak_mb

    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page
    assert peak_mb() > 400
    child = subprocess.run(
        [sys.executable, "-c",
         "from tracker.bench.page import peak_mb; print(peak_mb())"],
        capture_output=True, text=True, check=True)
    del ballast
    assert float(child.stdout) < 300


def test_cold_start_without_playwright_is_reported_not_raised(monkeypatch, tmp_path):
    import builtins

    from tracker.bench import cold as benchcold

    real_import = builtins.__import__

    def no_playwright(name, *args, **kwargs):
        if name.startswith("playwright"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_playwright)
    result = benchcold.cold_start(tmp_path / "x.db")
    assert "Playwright" in result.get("error", "") or "chromium" in result.get("error", "")


def test_page_switches_are_reported_per_page_with_both_visits():
    table = bench.switch_table({"overview": [737.2, 298.4], "status": [278.0]})
    assert "| overview | 737 | 298 |" in table
    assert "| status | 278 | — |" in table


@pytest.mark.browser
def test_the_bench_command_measures_cold_start_and_page_switches_in_a_browser(tmp_path):
    """The whole command at tiny scale, with the browser measures, writing the report.
    In a process of its own: Playwright's sync API cannot start twice in one thread."""
    import os
    import subprocess
    import sys

    from tests.conftest import CHROMIUM

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") or os.environ.get("TRACKER_REQUIRE_BROWSER"):
            pytest.fail("Debian's chromium is missing: bash scripts/test.sh installs it")
        pytest.skip("Debian's chromium is not installed")
    out = tmp_path / "RESULTS.md"
    args = ["bench", "--scale", "tiny", "--runs", "1", "--pages", "reports",
            "--capacity", "2", "--capacity-seconds", "4", "--workers", "1",
            "--data-dir", str(tmp_path / "data"), "--out", str(out)]
    done = subprocess.run([sys.executable, "-c",
                           f"from tracker.cli import main; raise SystemExit(main({args!r}))"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "Cold start (real `streamlit run` + Chromium): sign-in page shown" in text
    assert "| first visit ms | second visit ms |" in text
    for path in ("status", "overview", "compare", "admin"):
        assert f"| {path} | " in text
    assert "### Capacity against the real server" in text and "| 1 | 2 | " in text
    # nothing is written into the working directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RESULTS.md", "data"]


def test_a_page_switch_that_timed_out_is_reported_not_raised():
    table = bench.switch_table({"league": [float("nan"), 310.0]})
    assert "| league | timeout (120 s) | 310 |" in table


def test_a_database_built_by_older_code_or_for_another_day_is_built_again(tmp_path, monkeypatch):
    from tracker.bench import command
    from tracker.bench import load as benchload
    from tracker.db import open_db

    path = tmp_path / "bench-tiny.db"
    db = open_db(path)
    benchload.mark(db, "tiny")  # the mark of a database from before the reporting cycle
    db.conn.close()
    builds = []
    monkeypatch.setattr(command.benchdata, "build",
                        lambda p, scale, today, log=None: builds.append((scale, today)) or {})
    monkeypatch.setattr(command.bench, "today_for_bench", lambda: date(2026, 11, 21))
    command.ensure_db(path, "tiny", rebuild=False, lang="en")
    assert builds == [("tiny", date(2026, 11, 21))]

    db = connect(path)
    benchload.mark(db, "tiny:v2:2026-11-21")  # finished today by this code: kept
    db.conn.close()
    command.ensure_db(path, "tiny", rebuild=False, lang="en")
    assert len(builds) == 1
    monkeypatch.setattr(command.bench, "today_for_bench", lambda: date(2026, 11, 22))
    command.ensure_db(path, "tiny", rebuild=False, lang="en")  # another day: built again
    assert builds[-1] == ("tiny", date(2026, 11, 22))
