"""The frozen month: accepted snapshots after the lock; carried and history flags."""

import pytest

from tests.store.cycle_fixtures import cycle_users
from tracker.store import frozen
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405
# the periods below open and lock by the clock: "today" is the fixed day, 30 Aban 1405
pytestmark = pytest.mark.usefixtures("fixed_day")


def _set(db, user, unit, clause, progress):
    v = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = ? AND clause_id = ?",
                   [YEAR, unit, clause]).fetchone()[0]
    apply_changes(db, user, STATUS, [Change(YEAR, unit, clause, v,
                                            {"status": "in_progress", "progress": progress})])


def test_frozen_month(db):
    u = cycle_users(db)
    SP.generate_calendar(db, u["office"], YEAR)
    ids = dict(db.execute("SELECT seq, id FROM periods WHERE year = ?", [YEAR]).fetchall())
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ? ORDER BY number",
                                        [YEAR])]
    mehr, aban = ids[7], ids[8]
    # Mehr: zone 3/1 accepted at 30 %; unlock-free (Mehr is open in the store)
    _set(db, u["z31"], 301, clauses[0], 30)
    SS.submit(db, u["z31"], mehr, 301, no_change=clauses)
    SS.review(db, u["d3"], mehr, 301, True)
    # Aban: zone 3/2 accepted at 55 %, then changes live to 90 % after acceptance
    _set(db, u["z32"], 302, clauses[0], 55)
    SS.submit(db, u["z32"], aban, 302, no_change=clauses)
    SS.review(db, u["d3"], aban, 302, True)
    _set(db, u["z32"], 302, clauses[0], 90)
    with pytest.raises(ValueError):
        frozen.frozen_records(db, YEAR, 8)
    SP.lock_period(db, u["office"], aban)
    recs, src = frozen.frozen_records(db, YEAR, 8)
    src = src.set_index("unit_id")
    assert src.loc[302, "source"] == "accepted"
    assert src.loc[301, "source"] == "carried" and src.loc[301, "period_seq"] == 7
    assert src.loc[303, "source"] == "history"
    one = recs[(recs["unit_id"] == 302) & (recs["clause_id"] == clauses[0])].iloc[0]
    assert one["progress"] == 55.0  # the accepted figure, not the live 90
    assert one["weight"] > 0 and isinstance(one["deputy"], str)
    carried = recs[(recs["unit_id"] == 301) & (recs["clause_id"] == clauses[0])].iloc[0]
    assert carried["progress"] == 30.0
    n_units = db.execute("SELECT count(*) FROM units").fetchone()[0]
    assert len(recs) == n_units * len(clauses)
    assert list(recs.columns) == frozen.COLS
