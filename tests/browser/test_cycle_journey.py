"""The reporting cycle in a real browser, one session per role: a zone submits, its
district sends it back with a comment, the zone sees it in My work and its inbox and
resubmits, the district (told that zone 3/2 still blocks its own report, its other zones
already accepted) accepts and submits itself, the office accepts and locks the
month; the league of that month shows the accepted figures, and a change to the locked
month is refused."""

import csv
import json
import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_if_asked
from tests.browser.waits import wait_idle
from tests.conftest import FIXED_TODAY, full_copy, start_app
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser

COMMENT = "ارقام بند ۴ با مستندات نمی‌خواند"


def fa(key: str, **params) -> str:
    return t(key, "fa", **params)


@pytest.fixture(scope="module")
def app(tmp_path_factory, fixed_demo_db_file):
    """The app on the fixed day, 30 Aban 1405 (Aban's cycle below), whatever the suite's."""
    path = full_copy(fixed_demo_db_file, tmp_path_factory.mktemp("cycle_app") / "demo.db")
    proc, url = start_app(path, {"TRACKER_TODAY": FIXED_TODAY})
    yield url, path
    proc.terminate()
    proc.wait(timeout=10)


def session(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = ctx.new_page()
    page.set_default_timeout(45_000)
    return ctx, page


def visit(page, url: str, username: str, path: str = "my-work") -> None:
    """Open a page (a new Streamlit session: the browser's sign-in cookie keeps the person
    signed in, or the page's own address asks for sign-in first)."""
    page.goto(f"{url}/{path}")
    sign_in_if_asked(page, username, f"demo-{username}-1405")


def submit_all(page) -> None:
    wait_idle(page)  # a click during a rerun (say, the one after an accept) may be lost
    box = page.get_by_role("checkbox", name=fa("cyc.ui.all_no_change")).first
    expect(box).to_have_count(1)
    page.get_by_text(fa("cyc.ui.all_no_change")).first.click()
    expect(box).to_be_checked()
    page.get_by_role("button", name=fa("cyc.ui.submit")).first.click()
    expect(page.get_by_text(fa("cyc.ui.submitted"))).to_be_visible()


def review(page, accept: bool, comment: str = "") -> None:
    if comment:
        page.get_by_label(fa("cyc.field.comment")).first.fill(comment)
        page.get_by_label(fa("cyc.field.comment")).first.press("Control+Enter")
    name = fa("cyc.ui.accept") if accept else fa("cyc.ui.send_back")
    page.get_by_role("button", name=name, exact=True).first.click()
    done = fa("cyc.ui.accepted") if accept else fa("cyc.ui.sent_back")
    expect(page.get_by_text(done)).to_be_visible()


def _accept_other_zones(db_file) -> list[str]:
    """District 3's zones other than 3/2 submitted (by the office, on their behalf) and
    accepted by the district through the store, so that zones come first; their names."""
    from tracker.db import connect
    from tracker.store import submissions as SS
    from tracker.store.users import get_user_by_username

    db = connect(db_file)
    office, d3 = get_user_by_username(db, "admin"), get_user_by_username(db, "district3")
    pid = db.execute("SELECT id FROM periods WHERE year = 1405 AND seq = 8").fetchone()[0]
    clauses = [r[0] for r in db.execute("SELECT id FROM clauses WHERE year = 1405")]
    zones = db.execute("SELECT id, name_fa FROM units WHERE district = 3 AND zone > 0"
                       " AND id != 302").fetchall()
    for uid, _name in zones:
        SS.submit(db, office, pid, uid, no_change=clauses)
        SS.review(db, d3, pid, uid, accept=True)
    db.conn.close()
    return [name for _uid, name in zones]


def _district3_official_score(db_file) -> float:
    """District 3's Aban score from the stored accepted snapshots, by hand."""
    con = sqlite3.connect(db_file)
    weights = dict(con.execute("SELECT id, weight FROM clauses WHERE year = 1405"))
    rows = con.execute(
        "SELECT s.unit_id, s.snapshot FROM submissions s JOIN periods p ON p.id = s.period_id"
        " WHERE p.year = 1405 AND p.seq <= 8 AND s.state = 'accepted' AND s.unit_id / 100 = 3"
        " ORDER BY s.unit_id, p.seq DESC").fetchall()
    seen, num, den = set(), 0.0, 0.0
    for uid, snap in rows:
        if uid in seen:
            continue
        seen.add(uid)
        for r in json.loads(snap):
            if r["status"] != "not_applicable":
                p = 100.0 if r["status"] == "done" else float(r["progress"])
                num += weights[r["clause_id"]] * p
                den += weights[r["clause_id"]]
    con.close()
    return num / den


def test_the_cycle_from_zone_to_locked_month(app, browser, fixed_day):
    # fixed_day: the store calls made here (_accept_other_zones) run on the app's day too
    url, db_file = app
    zone_ctx, zone = session(browser)
    dist_ctx, dist = session(browser)
    office_ctx, office = session(browser)
    try:
        # the zone submits (every clause not updated this month confirmed "no change")
        visit(zone, url, "zone3-2")
        submit_all(zone)
        # the district sends it back; a comment is required
        visit(dist, url, "district3")
        dist.get_by_role("button", name=fa("cyc.ui.send_back"), exact=True).first.click()
        expect(dist.get_by_text(fa("cyc.err.comment_needed"))).to_be_visible()
        review(dist, accept=False, comment=COMMENT)
        # the zone sees it in My work (state and comment), its inbox and the navigation count
        visit(zone, url, "zone3-2")
        expect(zone.get_by_text(COMMENT).first).to_be_visible()
        expect(zone.get_by_text(fa("cyc.ui.inbox", count=1))).to_be_visible()
        expect(zone.locator('[data-testid="stTopNavLink"]').filter(
            has_text=fa("page.my_work_count", count=1))).to_have_count(1)
        submit_all(zone)
        # zones first: the district's report waits for zone 3/2, and says so
        _accept_other_zones(db_file)
        visit(dist, url, "district3", "periods?year=1405&period=8&act=300:submit")
        zone2 = sqlite3.connect(db_file).execute("SELECT name_fa FROM units WHERE id = 302"
                                                 ).fetchone()[0]
        expect(dist.get_by_text(re.compile(re.escape(fa("cyc.ui.zones_block", zones=zone2))
                                           ))).to_be_visible()
        # the district accepts, then submits its own report
        visit(dist, url, "district3")
        review(dist, accept=True)
        submit_all(dist)
        # the office accepts the district and locks the month
        visit(office, url, "admin")
        review(office, accept=True)
        visit(office, url, "admin", "periods?year=1405&period=8")
        office.get_by_role("tab", name=fa("cyc.ui.tab_calendar")).click()
        office.get_by_role("button", name=fa("cyc.ui.lock")).click()
        expect(office.get_by_text(fa("cyc.ui.locked"), exact=True)).to_be_visible()
        # a change to the locked month is refused: reopening zone 3/2's accepted report
        visit(office, url, "admin", "periods?year=1405&period=8&act=302:reopen")
        reason = office.get_by_label(fa("cyc.ui.reopen_reason")).first  # the board's form
        reason.fill("اصلاح یک رقم")
        office.get_by_role("button", name=fa("cyc.ui.reopen_report")).click()
        expect(office.get_by_text(fa("cyc.err.locked")).first).to_be_visible()
        # the league of that month shows the official (accepted) figures
        visit(office, url, "admin", "league?year=1405")
        expect(office.get_by_text(re.compile(re.escape(fa("cyc.fig.official_caption",
                                                          period="آبان ۱۴۰۵", at="X"))
                                             .split("X")[0]))).to_be_visible()
        # the CSV carries numbers people can compute with: ASCII digits, one decimal
        score = round(_district3_official_score(db_file), 1)
        grid = office.locator('[data-testid="stDataFrame"]').first
        expect(grid).to_be_visible()
        con = sqlite3.connect(db_file)
        states = dict(con.execute("SELECT unit_id, state FROM submissions s JOIN periods p ON"
                                  " p.id = s.period_id WHERE p.year = 1405 AND p.seq = 8 AND"
                                  " s.unit_id IN (300, 302)").fetchall())
        locked = con.execute("SELECT locked_at FROM periods WHERE year = 1405 AND seq = 8"
                             ).fetchone()[0]
        con.close()
        assert states == {300: "accepted", 302: "accepted"} and locked
        # the score is in the league's data (the grid is drawn on a canvas: read its CSV)
        with office.expect_download() as dl:
            office.get_by_role("button", name=fa("common.download_csv")).first.click()
        with open(dl.value.path(), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        # district 3's row (a whole score is written without its ".0")
        mine = [r for r in rows[1:] if r[1].replace("⚠", "").strip() == "منطقه ۳"]
        assert len(mine) == 1 and float(mine[0][2]) == score, (score, mine)
    finally:
        for ctx in (zone_ctx, dist_ctx, office_ctx):
            ctx.close()
