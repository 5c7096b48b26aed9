"""Speed: indexes and a running hourly sum of score changes, so that pages read
in time that grows with what they show, not with the whole history.

``trend_hourly`` holds, per program year, district (0 = the whole city) and UTC hour,
the change of the applicable weight and of Σ weight × progress made by the status
changes of that hour: exactly what ``compare.trend_deltas`` used to compute with a
window over every history row of the year. A trigger on ``history`` keeps it up to
date in the same transaction as the change (history is append-only and each change
is stamped when it is saved, so a change's predecessor is the record's latest row).
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 90
migrations = Migrations("perf")

_AW = "CASE WHEN {s} = 'not_applicable' THEN 0.0 ELSE c.weight END"
_AWP = "CASE WHEN {s} = 'not_applicable' THEN 0.0 ELSE c.weight * COALESCE({p}, 0) END"
_PREV = ("(SELECT {expr} FROM history p WHERE p.kind = 'status' AND p.record_id = NEW.record_id"
         " AND p.id <> NEW.id AND (p.changed_at < NEW.changed_at OR (p.changed_at ="
         " NEW.changed_at AND p.version < NEW.version))"
         " ORDER BY p.changed_at DESC, p.version DESC LIMIT 1)")

TREND_TRIGGER = f"""
CREATE TRIGGER IF NOT EXISTS history_trend AFTER INSERT ON history WHEN NEW.kind = 'status'
BEGIN
  INSERT INTO trend_hourly (year, district, hour, d_weight, d_weighted)
  SELECT NEW.year, d.district, substr(NEW.changed_at, 1, 13), x.dw, x.dwp
  FROM (SELECT ({_AW.format(s="NEW.status")})
                 - COALESCE({_PREV.format(expr=_AW.format(s="p.status"))}, c.weight) AS dw,
               ({_AWP.format(s="NEW.status", p="NEW.progress")})
                 - COALESCE({_PREV.format(expr=_AWP.format(s="p.status", p="p.progress"))}, 0.0)
                 AS dwp
        FROM clauses c WHERE c.id = NEW.clause_id) x,
       (SELECT NEW.unit_id / 100 AS district UNION ALL SELECT 0) d
  WHERE 1
  ON CONFLICT (year, district, hour) DO UPDATE SET
    d_weight = d_weight + excluded.d_weight, d_weighted = d_weighted + excluded.d_weighted;
END
"""

_BACKFILL = f"""
WITH v AS (
  SELECT h.year, h.unit_id / 100 AS district, substr(h.changed_at, 1, 13) AS hour,
    c.weight AS w, {_AW.format(s="h.status")} AS aw,
    {_AWP.format(s="h.status", p="h.progress")} AS awp,
    LAG({_AW.format(s="h.status")}) OVER win AS prev_aw,
    LAG({_AWP.format(s="h.status", p="h.progress")}) OVER win AS prev_awp
  FROM history h JOIN clauses c ON c.id = h.clause_id WHERE h.kind = 'status'
  WINDOW win AS (PARTITION BY h.record_id ORDER BY h.changed_at, h.version)),
by_district AS (
  SELECT year, district, hour, SUM(aw - COALESCE(prev_aw, w)) AS dw,
         SUM(awp - COALESCE(prev_awp, 0.0)) AS dwp
  FROM v GROUP BY year, district, hour)
INSERT INTO trend_hourly (year, district, hour, d_weight, d_weighted)
SELECT year, district, hour, dw, dwp FROM by_district
UNION ALL
SELECT year, 0, hour, SUM(dw), SUM(dwp) FROM by_district GROUP BY year, hour
"""


def drop_trend_trigger(db) -> None:
    """For bulk loads: the sums are rebuilt at the end by :func:`rebuild_trend`."""
    db.execute("DROP TRIGGER IF EXISTS history_trend")


def rebuild_trend(db) -> None:
    """Recompute ``trend_hourly`` from the history and (re)create its trigger."""
    db.execute("DELETE FROM trend_hourly")
    db.execute(_BACKFILL)
    db.execute(TREND_TRIGGER)


@migrations()
def m001_trend_hourly(db):
    db.execute(
        "CREATE TABLE IF NOT EXISTS trend_hourly ("
        " year INTEGER NOT NULL, district INTEGER NOT NULL, hour TEXT NOT NULL,"
        " d_weight REAL NOT NULL, d_weighted REAL NOT NULL,"
        " PRIMARY KEY (year, district, hour)) WITHOUT ROWID")
    rebuild_trend(db)


@migrations()
def m002_history_asof(db):
    """The latest history row of a record up to a moment, ordered by (changed_at,
    version), is one seek in this index (the "as of" reads of every page)."""
    db.execute("CREATE INDEX IF NOT EXISTS history_asof "
               "ON history (kind, record_id, changed_at, version)")
