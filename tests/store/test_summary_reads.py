"""The summary page's week counts per district (store.summary.change_counts_rows): each
district's, read through its units' index entries, add up to the city's, by SQL."""

from __future__ import annotations

import sqlite3

from tracker.db import connect
from tracker.store.summary import CHANGE_COUNT_COLUMNS, change_counts_rows

# the week before FIXED_TODAY (2026-11-21 = 1405/08/30), on a demo made that day
YEAR = 1405
SINCE, UNTIL = "2026-11-14T20:29:59Z", "2026-11-21T20:29:59Z"


def test_each_districts_week_counts_add_up_to_the_citys(fixed_demo_db_copy):
    demo_db_file = fixed_demo_db_copy
    con = sqlite3.connect(demo_db_file)
    try:
        expected = {d: (n, u) for d, n, u in con.execute(
            "SELECT unit_id / 100, COUNT(*), COUNT(DISTINCT unit_id) FROM history "
            "WHERE kind = 'status' AND year = ? AND changed_at > ? AND changed_at <= ? "
            "GROUP BY unit_id / 100", [YEAR, SINCE, UNTIL]).fetchall()}
    finally:
        con.close()
    assert expected and sum(n for n, _ in expected.values()) > 0
    db = connect(demo_db_file)
    try:
        got = {}
        for d in range(1, 23):
            columns, rows = change_counts_rows(db, YEAR, SINCE, UNTIL, district=d)
            assert columns == CHANGE_COUNT_COLUMNS
            assert [r[0] for r in rows] in ([], [d])
            got.update({r[0]: (r[1], r[2]) for r in rows})
        assert got == expected
        assert change_counts_rows(db, YEAR, SINCE, UNTIL)[1] == sorted(
            (d, n, u) for d, (n, u) in expected.items())
    finally:
        db.conn.close()
