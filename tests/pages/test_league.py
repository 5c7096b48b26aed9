"""The league table page against a direct computation from the records."""

from datetime import date

from tests.conftest import DATA_DAY, DATA_YEAR, DEMO_YEAR, open_page
from tracker import calendar, fmt, league
from tracker.db import connect
from tracker.i18n import t
from tracker.store import compare
from tracker.store.records import STATUS, Change, apply_changes
from tracker.store.users import get_user_by_username

YEAR = DATA_YEAR


def expected(db_file, day: date, query):
    db = connect(db_file)
    before = league.month_before(day)
    table = league.league_table(
        compare.records_as_of(db, YEAR, query), compare.last_updates(db, YEAR, query), day, 30,
        calendar.year_start(YEAR), compare.records_as_of(db, YEAR, before),
        compare.last_updates(db, YEAR, before), before)
    db.conn.close()
    return table


def shown(at, lang="fa"):
    frame = at.dataframe[0].value
    districts = [name.replace("⚠ ", "") for name in frame[t("common.district", lang)]]
    return districts, list(frame[t("compare.score", lang)]), list(frame[t("compare.rank", lang)])


def names(districts, lang="fa"):
    word = "منطقه" if lang == "fa" else "District"
    return [f"{word} {fmt.digits(int(d), lang)}" for d in districts]


def test_league_agrees_with_the_records_in_persian(app_db):
    at = open_page(app_db, "league", year=YEAR)
    want = expected(app_db, DATA_DAY, None)
    districts, scores, ranks = shown(at)
    assert districts == names(want["district"])
    assert scores == [fmt.number(v, "fa", 1) for v in want["score"]]
    assert ranks == [fmt.digits(int(r), "fa") for r in want["rank"]]
    # right to left: the rank is the last column of the grid
    assert list(at.dataframe[0].value.columns)[-1] == t("compare.rank", "fa")
    # stale districts are flagged and ranked last
    stale = want[want["stale"]]
    assert not stale.empty and (stale["rank"] > want.loc[~want["stale"], "rank"].max()).all()


def test_as_of_a_past_day_reproduces_that_ranking(app_db):
    day = calendar.parse_jalali(f"{YEAR}/06/15")
    at = open_page(app_db, "league", year=YEAR, asof=f"{YEAR}/06/15", lang="en")
    want = expected(app_db, day, day)
    districts, scores, _ = shown(at, "en")
    assert districts == names(want["district"], "en")
    assert scores == [fmt.number(v, "en", 1) for v in want["score"]]
    assert want["rank_change"].notna().all()


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
