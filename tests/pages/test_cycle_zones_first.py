"""Zones first on My work and the periods page: the district editor sees which zones still
block the district's report before trying, and the submit button waits for them."""

from tests.conftest import open_page
from tracker.db import connect
from tracker.store import submissions as SS
from tracker.store.users import get_user_by_username

# Aban 1405 on the demo made on the day it was worked out for (tests/conftest.py
# FIXED_TODAY), whatever day the suite runs on
YEAR = 1405


def _aban_and_zones(path):
    db = connect(path)
    pid = db.execute("SELECT id FROM periods WHERE year = ? AND seq = 8", [YEAR]
                     ).fetchone()[0]
    zones = db.execute("SELECT id, name_en FROM units WHERE district = 3 AND zone > 0"
                       " ORDER BY zone").fetchall()
    return db, pid, zones


def _accept_all_but(db, pid, zones, keep: int) -> None:
    office, d3 = get_user_by_username(db, "admin"), get_user_by_username(db, "district3")
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ?", [YEAR])]
    for uid, _name in zones:
        if uid == keep:
            continue
        SS.submit(db, office, pid, uid, no_change=clauses)
        SS.review(db, d3, pid, uid, accept=True)


def _plain(text: str) -> str:
    """A message drawn as escaped Markdown, without its escapes."""
    return text.replace("\\", "")


def _submit_button(at):
    return next(b for b in at.button if b.label == "Submit")


def test_my_work_shows_the_blocking_zones(fixed_app_db):
    db, pid, zones = _aban_and_zones(fixed_app_db)
    at = open_page(fixed_app_db, "my_work", "district3", lang="en")
    warning = next(_plain(w.value) for w in at.warning if "these zones" in _plain(w.value))
    for _uid, name in zones:  # none of district 3's zones has reported in the demo
        assert name in warning
    assert _submit_button(at).disabled
    # the work list says it too, before any expander is opened
    what = " ".join(at.dataframe[0].value["What"])
    assert "waiting for its zones to be accepted: " + ", ".join(n for _u, n in zones) in what
    # all but zone 2 accepted: only zone 2 is named
    _accept_all_but(db, pid, zones, keep=302)
    at = open_page(fixed_app_db, "my_work", "district3", lang="fa")
    name_fa = db.execute("SELECT name_fa FROM units WHERE id = 302").fetchone()[0]
    warning = next(_plain(w.value) for w in at.warning if "این نواحی" in w.value)
    assert name_fa in warning and "ناحیه ۱" not in warning
    db.conn.close()


def test_periods_page_submit_waits_for_the_zones(fixed_app_db):
    db, pid, zones = _aban_and_zones(fixed_app_db)
    _accept_all_but(db, pid, zones, keep=302)
    at = open_page(fixed_app_db, "periods", "district3", lang="en", year=YEAR, period=8,
                   act="300:submit")
    assert any("Zone 2" in w.value for w in at.warning)
    assert _submit_button(at).disabled
    # the zone is accepted: the warning goes and the district submits
    z = get_user_by_username(db, "zone3-2")
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = ?", [YEAR])]
    SS.submit(db, z, pid, 302, no_change=clauses)
    SS.review(db, get_user_by_username(db, "district3"), pid, 302, accept=True)
    at = open_page(fixed_app_db, "periods", "district3", lang="en", year=YEAR, period=8,
                   act="300:submit")
    assert not any("these zones" in _plain(w.value) for w in at.warning)
    assert not _submit_button(at).disabled
    assert SS.submit(db, get_user_by_username(db, "district3"), pid, 300,
                     no_change=clauses) == "submitted"
    db.conn.close()
