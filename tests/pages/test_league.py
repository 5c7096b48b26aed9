"""The league table page against figures worked out by SQL (tests/pages/sql_figures)."""

from datetime import date, timedelta

from tests.conftest import DATA_DAY, DATA_YEAR, DEMO_YEAR, open_page
from tests.pages import sql_figures as sql
from tracker.db import connect
from tracker.domain import calendar, fmt
from tracker.domain.i18n import t
from tracker.store import compare
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.users import get_user_by_username

YEAR = DATA_YEAR                   # the year whose demo data shows work (tests/conftest.py)
YEAR_START = calendar.year_start(YEAR)  # 1 Farvardin (2026-03-21 for 1405)
TODAY = DATA_DAY                   # the suite's day, or the data year's last day
DAY_06_15 = YEAR_START + timedelta(days=5 * 31 + 14)  # 15 Shahrivar
DAY_05_15 = YEAR_START + timedelta(days=4 * 31 + 14)  # a Jalali month earlier


def expected(db_file, day: date, as_of: date | None):
    """``[(district, score, rank)]`` best first, from SQL."""
    scores = sql.district_scores(db_file, YEAR, as_of)
    stale = sql.stale_districts(db_file, YEAR, day, YEAR_START)
    return [(d, scores[d], r) for d, r in sql.competition_ranks(scores, stale)], stale


def shown(at, lang="fa"):
    frame = at.dataframe[0].value
    districts = [name.replace("⚠ ", "") for name in frame[t("common.district", lang)]]
    return districts, list(frame[t("compare.score", lang)]), list(frame[t("compare.rank", lang)])


def names(districts, lang="fa"):
    word = "منطقه" if lang == "fa" else "District"
    return [f"{word} {fmt.digits(int(d), lang)}" for d in districts]


def test_league_agrees_with_the_records_in_persian(app_db):
    import os

    at = open_page(app_db, "league", year=YEAR)
    today = date.fromisoformat(os.environ["TRACKER_TODAY"])
    want, stale = expected(app_db, today, None)
    districts, scores, ranks = shown(at)
    assert districts == names([d for d, _, _ in want])
    assert scores == [fmt.number(v, "fa", 1) for _, v, _ in want]
    assert ranks == [fmt.digits(r, "fa") for _, _, r in want]
    # right to left: the rank is the last column of the grid
    assert list(at.dataframe[0].value.columns)[-1] == t("compare.rank", "fa")
    # stale districts are flagged and ranked last
    if today == TODAY:
        assert len(stale) == 3
    ranks_of = {d: r for d, _, r in want}
    assert stale and min(ranks_of[d] for d in stale) > max(
        r for d, r in ranks_of.items() if d not in stale)


def test_as_of_a_past_day_reproduces_that_ranking(app_db):
    at = open_page(app_db, "league", year=YEAR, asof=f"{YEAR}/06/15", lang="en")
    want, _ = expected(app_db, DAY_06_15, DAY_06_15)
    districts, scores, _ = shown(at, "en")
    assert districts == names([d for d, _, _ in want], "en")
    assert scores == [fmt.number(v, "en", 1) for _, v, _ in want]
    # the rank change compares with the 15th of Mordad, ranked the same way as of that day
    before, _ = expected(app_db, DAY_05_15, DAY_05_15)
    rank_before = {d: r for d, _, r in before}
    changes = list(at.dataframe[0].value[f"Rank change since {YEAR}/05/15"])
    assert changes == [_change_text(rank_before[d] - r) for d, _, r in want]


def _change_text(v: int) -> str:
    """▲ n up, ▼ n down, = unchanged (English digits)."""
    return "=" if v == 0 else f"{'▲' if v > 0 else '▼'} {abs(v)}"


def test_a_status_change_moves_the_district(app_db):
    # a change is stamped today, so it moves the current year's table
    year = DEMO_YEAR
    raw = open_page(app_db, "league", year=year, lang="en").dataframe[0].value["District"]
    last_fresh = [d for d in raw if not d.startswith("⚠")][-1]  # stale ones rank last
    number = int(last_fresh.split()[-1])
    db = connect(app_db)
    admin = get_user_by_username(db, "admin")
    records = compare.records_as_of(db, year)
    mine = records[records["district"] == number]
    changes = [Change(year, int(r.unit_id), int(r.clause_id), int(v), {
        "status": "done", "progress": 100, "evidence": "https://example.org/e"})
        for r, v in zip(mine.itertuples(), _versions(db, mine), strict=True)]
    apply_changes(db, admin, STATUS, changes)
    db.conn.close()
    after, _, ranks = shown(open_page(app_db, "league", year=year, lang="en"), "en")
    assert after[0] == last_fresh and ranks[0] == "1"


def _versions(db, records):
    ids = ",".join(str(int(i)) for i in records["id"])
    rows = dict(db.execute(f"SELECT id, version FROM status WHERE id IN ({ids})").fetchall())
    return [rows[int(i)] for i in records["id"]]
