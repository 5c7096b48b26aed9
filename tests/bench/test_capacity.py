"""The capacity test's machinery at a tiny scale against a real server: sessions sign in
through the form, click, save; the figures are reported, never judged here."""

from datetime import date

import pytest

from tracker.bench import capacity, figures
from tracker.bench import data as benchdata


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("capacity") / "bench-tiny.db"
    built = benchdata.build(path, "tiny", date(2026, 11, 21))
    assert built["plan_lines"] > 0 and built["visits"] > 0 and built["actions"] > 0
    return path


def test_sessions_sign_in_click_and_save_against_the_real_server(tiny_db, tmp_path):
    editors, readers = capacity.bench_accounts(tiny_db)
    assert [e.district for e in editors] == [1, 2]
    rows = capacity.capacity(tiny_db, [3], seconds=6, workers=1, prefix=tmp_path / "run",
                             accounts=editors, readers=readers, year=1405)
    row = rows[0]
    assert row["signed_in"] == 3 and row["errors"] == 0, row["first_errors"]
    assert row["clicks"] > 0 and row["p50_ms"] > 0
    assert row["cpu_ms_per_click"] > 0 and row["rss_mb"] > 50
    text = "\n".join(figures.report(rows))
    assert "| 1 | 3 | " in text


def test_after_a_save_counts_the_first_view_of_each_session_after_any_save():
    phase = figures.Phase(2, 10)
    phase.clicks = [figures.Click("view", "league", 1.0, 10, session=0),
                    figures.Click("view", "league", 1.5, 20, session=1),
                    figures.Click("view", "league", 3.0, 30, session=0),
                    figures.Click("view", "league", 4.0, 40, session=0),
                    figures.Click("view", "compare", 5.0, 50, session=1)]
    phase.saves_at = [2.0]
    # session 0's view at 3.0 and session 1's at 5.0 follow the save; 4.0 does not
    assert sorted(figures.after_save(phase)) == [30, 50]


def test_the_model_uses_the_phases_under_a_second():
    rows = [{"workers": 1, "sessions": 5, "p95_ms": 400, "cpu_ms_per_click": 40},
            {"workers": 1, "sessions": 10, "p95_ms": 900, "cpu_ms_per_click": 60},
            {"workers": 1, "sessions": 20, "p95_ms": 2500, "cpu_ms_per_click": 90}]
    m = figures.model(rows, units=145)
    # median 50 ms a click; 0.6 × 2000 ms / 50 ms = 24 users a core; 145 / 24 → 7 cores
    assert m["cpu_ms_per_click"] == 50 and round(m["users_per_core"]) == 24
    assert m["cores_for_units"] == 7 and m["best"] == {1: 10}


def test_sessions_run_from_a_thread_whose_event_loop_is_running():
    """Playwright's sync API leaves an event loop running in the test thread; the
    websocket sessions still run (in a thread of their own)."""
    import asyncio

    from tracker.bench.wsclient import run_sync

    async def inner():
        return "ran"

    async def outer():
        return run_sync(inner(), timeout=30)

    import threading

    result = {}
    th = threading.Thread(target=lambda: result.setdefault("v", asyncio.run(outer())))
    th.start()
    th.join(timeout=60)
    assert result == {"v": "ran"}


def test_a_long_phase_reports_how_its_memory_grew():
    series = [(0.0, 200.0), (30.0, 210.0), (61.0, 220.0), (179.0, 230.0), (300.0, 236.0),
              (598.0, 240.0)]
    row = {"workers": 1, "sessions": 10, "rss_series": series}
    line = figures.memory_line(row)
    # by hand: 240 / 220 = +9.1 %, 240 / 230 = +4.3 %; halfway (299 s) is 236
    assert "200 MB at the start, 220 after 1 minute, 230 after 3, 236 halfway, 240 at " \
        "the end: +9.1% from the first minute, +4.3% from the third" in line
    assert "10 minutes" in line
    assert figures.memory_line({**row, "rss_series": series[:4]}) is None  # 3 minutes
    assert figures.memory_line({**row, "rss_series": []}) is None
