"""Write transactions: all or nothing, and the revision that page caches key on."""

import pytest

from tracker.store.tx import revision, write_tx


def test_a_write_bumps_the_revision_unless_told_not_to(db):
    start = revision(db)
    with write_tx(db):
        db.execute("UPDATE units SET note = 'a' WHERE id = 300")
    assert revision(db) == start + 1
    with write_tx(db, bump_revision=False):
        db.execute("UPDATE units SET note = 'b' WHERE id = 300")
    assert revision(db) == start + 1
    assert db.execute("SELECT note FROM units WHERE id = 300").fetchone()[0] == "b"


def test_an_exception_rolls_everything_back(db):
    start = revision(db)
    before = db.execute("SELECT note FROM units WHERE id = 300").fetchone()[0]
    with pytest.raises(RuntimeError), write_tx(db):
        db.execute("UPDATE units SET note = 'c' WHERE id = 300")
        raise RuntimeError("boom")
    assert revision(db) == start
    assert db.execute("SELECT note FROM units WHERE id = 300").fetchone()[0] == before != "c"
