"""The hourly score-change sums kept by the perf trigger equal a full recomputation."""

from tracker.domain.model import unit_id
from tracker.migrations import perf
from tracker.store import records
from tracker.store.reference import list_clauses
from tracker.store.status import record_by_key


def _sums(db):
    return db.execute("SELECT year, district, hour, round(d_weight, 6), round(d_weighted, 6) "
                      "FROM trend_hourly ORDER BY 1, 2, 3").fetchall()


def test_trigger_matches_recomputation(db, admin):
    clauses = list_clauses(db, 1405)["id"].tolist()
    steps = [({"status": "in_progress", "progress": 30.0}, "2026-05-01T08:10:00Z"),
             ({"progress": 55.0}, "2026-05-01T08:40:00Z"),
             ({"status": "not_applicable", "notes": "n/a"}, "2026-06-02T09:00:00Z"),
             ({"status": "in_progress", "progress": 70.0}, "2026-07-03T10:00:00Z")]
    for uid in (unit_id(3), unit_id(3, 2), unit_id(7, 1)):
        for clause in clauses[:3]:
            for values, stamp in steps:
                rec = record_by_key(db, 1405, uid, clause)
                change = records.Change(1405, uid, clause, int(rec["version"]), values)
                records.apply_changes(db, admin, records.STATUS, [change], now=stamp)
    kept = _sums(db)
    assert kept, "the trigger wrote nothing"
    perf.rebuild_trend(db)
    assert _sums(db) == kept
    city = {h: (w, p) for y, d, h, w, p in kept if d == 0}
    districts = {}
    for _, _d, h, w, p in (r for r in kept if r[1] != 0):
        cw, cp = districts.get(h, (0.0, 0.0))
        districts[h] = (cw + w, cp + p)
    assert {h: (round(w, 6), round(p, 6)) for h, (w, p) in districts.items()} == city
