"""The league table page against figures worked out by SQL (tests/pages/sql_figures)."""

from datetime import date

from tests.conftest import open_page
from tests.pages import sql_figures as sql
from tracker import fmt
from tracker.db import connect
from tracker.i18n import t
from tracker.store import compare
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.users import get_user_by_username

YEAR = 1405
YEAR_START = date(2026, 3, 21)     # 1405/01/01
TODAY = date(2026, 11, 21)         # the suite's day (tests/conftest.py DEMO_TODAY), 1405/08/30
DAY_1405_06_15 = date(2026, 9, 6)  # 5 × 31 + 14 days after 1405/01/01
DAY_1405_05_15 = date(2026, 8, 6)  # a Jalali month earlier: 4 × 31 + 14 days


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
    at = open_page(app_db, "league", year=YEAR, asof="1405/06/15", lang="en")
    want, _ = expected(app_db, DAY_1405_06_15, DAY_1405_06_15)
    districts, scores, _ = shown(at, "en")
    assert districts == names([d for d, _, _ in want], "en")
    assert scores == [fmt.number(v, "en", 1) for _, v, _ in want]
    # the rank change compares with 1405/05/15, ranked the same way as of that day
    before, _ = expected(app_db, DAY_1405_05_15, DAY_1405_05_15)
    rank_before = {d: r for d, _, r in before}
    changes = list(at.dataframe[0].value["Rank change since 1405/05/15"])
    assert changes == [_change_text(rank_before[d] - r) for d, _, r in want]


def _change_text(v: int) -> str:
    """▲ n up, ▼ n down, = unchanged (English digits)."""
    return "=" if v == 0 else f"{'▲' if v > 0 else '▼'} {abs(v)}"


def test_a_status_change_moves_the_district(app_db):
    before, _, _ = shown(open_page(app_db, "league", year=YEAR, lang="en"), "en")
    last_fresh = [d for d in before][-4]  # the last fresh district (three are stale)
    number = int(last_fresh.split()[-1])
    db = connect(app_db)
    admin = get_user_by_username(db, "admin")
    records = compare.records_as_of(db, YEAR)
    mine = records[records["district"] == number]
    changes = [Change(YEAR, int(r.unit_id), int(r.clause_id), int(v), {
        "status": "done", "progress": 100, "evidence": "https://example.org/e"})
        for r, v in zip(mine.itertuples(), _versions(db, mine), strict=True)]
    apply_changes(db, admin, STATUS, changes)
    db.conn.close()
    after, _, ranks = shown(open_page(app_db, "league", year=YEAR, lang="en"), "en")
    assert after[0] == last_fresh and ranks[0] == "1"


def _versions(db, records):
    ids = ",".join(str(int(i)) for i in records["id"])
    rows = dict(db.execute(f"SELECT id, version FROM status WHERE id IN ({ids})").fetchall())
    return [rows[int(i)] for i in records["id"]]
