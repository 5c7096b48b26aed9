"""Reminding a whole city at once is in the benchmark (tiny scale here)."""

from datetime import date

import pytest

from tracker.bench import data as benchdata
from tracker.bench.remind import remind_city

pytest.importorskip("aiosmtpd")
# the benchmark is built for 2026-11-21 and reminded on that day's periods
pytestmark = pytest.mark.usefixtures("fixed_day")


def test_every_late_unit_is_reminded_and_mailed_once(tmp_path):
    path = tmp_path / "bench-tiny.db"
    built = benchdata.build(path, "tiny", date(2026, 11, 21))
    units = built["districts"] + built["zones"]  # 2 districts and 19 zones
    assert units == 21
    r = remind_city(path)
    assert r["units"] == units
    # every unit has an editor with an address: one e-mail per unit, all delivered
    assert r["queued"] == r["sent"] == r["delivered"] == units and r["failed"] == 0
    assert r["posted"] >= units  # the inboxes (the demo's own editors too)
    assert r["again_posted"] == 0 and r["again_sent"] == 0  # never twice
    assert r["outbox"] == {"sent": units, "queued": 0}
    assert r["post_s"] > 0 and r["send_s"] > 0
