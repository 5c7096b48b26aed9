"""The visits page's city figures are joined from per-district pieces: they equal the
store's one read of the whole city, and after a save only the district saved in is
read again (issue 16: a page showing totals does not redo the whole city per save)."""

import pandas as pd
import pytest

from tests.conftest import demo_user
from tracker.db import connect
from tracker.store import visit_reads
from tracker.store.records import STATUS, Change, apply_changes

YEAR = 1405  # the fixed day's year (2026-11-21 is 30 Aban 1405)


@pytest.fixture
def ctx(fixed_app_db):
    from tracker.ui import context

    context.clear_caches()
    yield context
    context.clear_caches()


def _same(pieces: pd.DataFrame, whole: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(pieces.reset_index(drop=True), whole.reset_index(drop=True),
                                  check_dtype=False)


def _check_against_the_store(fixed_app_db) -> None:
    from tracker.ui import visit_gap

    db = connect(fixed_app_db)
    try:
        whole = visit_reads.claim_vs_finding(db, YEAR)
        assert whole["district"].nunique() >= 2  # the demo visits several districts
        _same(visit_gap.city_claims(YEAR), whole)
        _same(visit_gap.city_gaps(YEAR), visit_reads.verified_gap(db, YEAR))
    finally:
        db.conn.close()


def test_the_pieces_equal_the_whole_citys_read(ctx, fixed_app_db):
    _check_against_the_store(fixed_app_db)


def test_a_save_reads_only_its_districts_pieces_again(ctx, fixed_app_db):
    from tracker.ui import visit_gap

    visit_gap.city_claims(YEAR)
    visit_gap.city_gaps(YEAR)
    db = connect(fixed_app_db)
    try:
        claims = visit_reads.claim_vs_finding(db, YEAR)
        row = claims.iloc[0]  # a verified clause: the save changes the claim against it
        version = db.execute("SELECT version FROM status WHERE year = ? AND unit_id = ? AND "
                             "clause_id = ?", [YEAR, int(row["unit_id"]), int(row["clause_id"])]
                             ).fetchone()[0]
        new = 100.0 if float(row["progress"] or 0) < 80 else 10.0
        editor = demo_user(fixed_app_db, "admin")
        apply_changes(db, editor, STATUS, [Change(YEAR, int(row["unit_id"]),
                                                  int(row["clause_id"]), version,
                                                  {"progress": new})])
    finally:
        db.conn.close()
    misses = ctx._READS.misses
    after = visit_gap.city_claims(YEAR)
    visit_gap.city_gaps(YEAR)
    assert ctx._READS.misses == misses + 2  # that district's claims and its gap row only
    mine = after[(after["unit_id"] == int(row["unit_id"]))
                 & (after["clause_id"] == int(row["clause_id"]))]
    assert mine["progress"].tolist() == [new]  # the save is seen at once
    _check_against_the_store(fixed_app_db)


def test_no_visit_at_all_gives_empty_figures(ctx, fixed_app_db):
    from tracker.ui import visit_gap

    assert visit_gap.city_claims(1399).empty
    gaps = visit_gap.city_gaps(1399)
    assert gaps.empty and "gap" in gaps.columns
