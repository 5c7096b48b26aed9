"""The one clock: TRACKER_TODAY moves "today" and nothing else reads the wall clock."""

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.domain import calendar, clock

ROOT = Path(__file__).resolve().parents[2]


def test_unset_the_clock_is_the_wall_clock(monkeypatch):
    monkeypatch.delenv(clock.ENV, raising=False)
    before = datetime.now(UTC)
    now = clock.now_utc()
    after = datetime.now(UTC)
    assert before <= now <= after
    assert clock.fixed_today() is None


@pytest.mark.parametrize("day", ["2026-03-21", "2025-03-20", "2027-03-20", "2027-11-30"])
def test_tracker_today_sets_the_tehran_day_and_time_runs_on(monkeypatch, day):
    monkeypatch.setenv(clock.ENV, day)
    first = clock.now_utc()
    assert clock.today_tehran() == date.fromisoformat(day)
    assert calendar.today_tehran() == date.fromisoformat(day)
    # Tehran is UTC+3:30: the instant, seen in Tehran, falls on that day
    assert (first + timedelta(hours=3, minutes=30)).date() == date.fromisoformat(day)
    second = clock.now_utc()
    assert second >= first  # the time of day runs on (idle time-outs still pass)
    assert first.tzinfo is not None and first.utcoffset() == timedelta(0)


def test_the_current_jalali_year_follows_the_clock(monkeypatch):
    # worked out by hand: 1 Farvardin 1405 = 2026-03-21; 29 Esfand 1404 = 2026-03-20
    monkeypatch.setenv(clock.ENV, "2026-03-21")
    assert calendar.current_year() == 1405
    monkeypatch.setenv(clock.ENV, "2026-03-20")
    assert calendar.current_year() == 1404


def test_a_bad_day_is_named(monkeypatch):
    monkeypatch.setenv(clock.ENV, "1405/08/30")
    with pytest.raises(clock.BadToday, match="TRACKER_TODAY"):
        clock.now_utc()


def test_stamps_written_now_fall_on_the_set_day(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-03-20")
    stamp = calendar.utc_stamp()
    assert calendar.parse_stamp(stamp).astimezone(clock.TEHRAN).date() == date(2027, 3, 20)


def _wall_clock_reads(path: Path) -> list[str]:
    """Calls of datetime.now/utcnow/today and date.today in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"now", "utcnow", "today"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"datetime", "date"}):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_nothing_but_the_clock_reads_the_wall_clock_for_a_date():
    files = [*sorted((ROOT / "tracker").rglob("*.py")), ROOT / "streamlit_app.py"]
    reads = [r for f in files if f.name != "clock.py" for r in _wall_clock_reads(f)]
    assert reads == []
