"""Evidence and a conversation in a real browser: a district editor attaches a photo and
a PDF to a clause and marks it done; the office asks a question mentioning the editor;
the editor sees the unread question and answers; the office sees the answer and the
files download for it; the media address answers nobody without the session; a zone
editor of another district calling the store directly is refused."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests import upload_samples as s
from tests.conftest import FIXED_TODAY, demo_user, full_copy, start_app
from tracker.db import connect
from tracker.domain import fmt
from tracker.domain.errors import PermissionDenied
from tracker.domain.i18n import t
from tracker.domain.model import Grant
from tracker.store import comments as cm
from tracker.store import evidence as ev
from tracker.store.record_refs import record_id_for
from tracker.store.users import create_user

pytestmark = pytest.mark.browser

# the record below was picked on the fixed day, 30 Aban 1405, in a demo made on it: the
# app (and the store calls made here) run on that day, whatever the suite's day
YEAR = 1405
NUMBER = 1  # clause 1 of district 3 zone 2: in progress, no link or note in the demo
PHOTO = s.jpeg(gps=True, size=(320, 240))
PDF = s.pdf()
QUESTION = "@district3 عکس فقط نیمی از خیابان را نشان می‌دهد؛ بقیه کجاست؟"
ANSWER = "بخش دوم هفته آینده تمام می‌شود؛ صورت‌جلسه پیوست است."


@pytest.fixture(scope="module")
def app(tmp_path_factory, fixed_demo_db_file):
    folder = tmp_path_factory.mktemp("evidence_app")
    path = full_copy(fixed_demo_db_file, folder / "demo.db")
    db = connect(path)
    admin = demo_user(path, "admin")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_TODAY", FIXED_TODAY)
        create_user(db, admin, "zone5-1", "ویرایشگر ناحیه ۵-۱", None,
                    [Grant("zone_editor", 5, 1)])
        ev.set_done_rule(db, admin, YEAR, "file")  # the office asks for a file on "done"
    db.conn.close()
    proc, url = start_app(path, {"TRACKER_UPLOADS": str(folder / "uploads"),
                                 "TRACKER_TODAY": FIXED_TODAY})
    yield url, path, folder / "uploads"
    proc.terminate()
    proc.wait(timeout=10)


def browser_page(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR",
                              accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(45_000)
    return ctx, page


def sign_in(page, url, username):
    page.goto(url)
    page.get_by_label(t("auth.username", "fa")).fill(username)
    page.get_by_label(t("auth.password", "fa")).fill(f"demo-{username}-1405")
    page.get_by_role("button", name=t("auth.sign_in", "fa")).click()


def idle(page):
    """Wait until the app's run has finished (the running indicator is gone)."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


def record_url(url):
    return f"{url}/record?year={YEAR}&unit=302&clause={NUMBER}"


def test_files_comments_and_answers_between_a_district_and_the_office(app, browser,
                                                                     fixed_day):
    url, db_file, uploads = app
    db = connect(db_file)
    cid = db.execute("SELECT id FROM clauses WHERE year = ? AND number = ?",
                     [YEAR, NUMBER]).fetchone()[0]
    rid = record_id_for(db, "status", YEAR, 302, cid)

    # the district editor attaches a photo and a PDF, then marks the clause done
    ctx, page = browser_page(browser)
    sign_in(page, record_url(url), "district3")
    expect(page.get_by_text(t("ev.page.files", "fa"))).to_be_visible()
    page.get_by_role("button", name=t("ev.page.mark_done", "fa")).click()
    expect(page.get_by_text(t("val.done_needs_file", "fa"))).to_be_visible()  # no file yet
    idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files=[
        {"name": "پیاده‌رو.jpg", "mimeType": "image/jpeg", "buffer": PHOTO},
        {"name": "صورت‌جلسه.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    expect(page.get_by_text("صورت‌جلسه.pdf").first).to_be_visible()
    attach = page.get_by_role("button", name=t("ev.page.attach", "fa"))
    expect(attach).to_be_visible()
    idle(page)
    attach.click()
    expect(page.get_by_text(t("ev.page.attached", "fa", count=2))).to_be_visible()
    expect(page.locator('[data-testid="stImage"] img').first).to_be_visible()
    idle(page)
    page.get_by_role("button", name=t("ev.page.mark_done", "fa")).click()
    expect(page.get_by_text(t("ev.page.marked_done", "fa"))).to_be_visible()
    status = db.execute("SELECT status FROM status WHERE id = ?", [rid]).fetchone()[0]
    assert status == "done"
    files = ev.record_files(db, "status", rid)
    assert list(files["original_name"]) == ["پیاده‌رو.jpg", "صورت‌جلسه.pdf"]
    ctx.close()

    # the office asks a question that mentions the editor
    ctx, office = browser_page(browser)
    sign_in(office, record_url(url), "admin")
    expect(office.get_by_text("پیاده‌رو.jpg", exact=False).first).to_be_visible()
    office.get_by_role("textbox", name=t("cm.page.new", "fa")).fill(QUESTION)
    office.get_by_role("button", name=t("cm.page.send", "fa")).click()
    expect(office.get_by_text(t("cm.page.sent", "fa"))).to_be_visible()
    expect(office.locator('[data-testid="stText"]').filter(has_text=QUESTION)).to_be_visible()

    # the editor sees the unread question on the status page, opens it and answers
    ctx2, page = browser_page(browser)
    sign_in(page, f"{url}/status?year={YEAR}&district=3&zone=2", "district3")
    unread = page.locator('[data-testid="stMetric"]').filter(
        has_text=t("cm.status.unread", "fa"))
    expect(unread).to_contain_text(fmt.digits(1, "fa"))
    opened = page.locator('[data-testid="stMetric"]').filter(has_text=t("cm.status.open", "fa"))
    expect(opened).to_contain_text(fmt.digits(1, "fa"))
    page.get_by_role("link", name=fmt.digits(NUMBER, "fa"), exact=True).click()
    expect(page.get_by_text(QUESTION)).to_be_visible()
    page.get_by_role("textbox", name=t("cm.page.new", "fa")).fill(ANSWER)
    page.get_by_role("button", name=t("cm.page.send", "fa")).click()
    expect(page.get_by_text(t("cm.page.sent", "fa"))).to_be_visible()
    expect(page.locator('[data-testid="stText"]').filter(has_text=ANSWER)).to_be_visible()
    assert cm.open_questions(db, YEAR, 3).query("unit_id == 302").empty
    ctx2.close()

    # the office sees the answer, and the files download for it
    ctx.close()
    ctx, office = browser_page(browser)  # a reload is a new session: sign in again
    sign_in(office, record_url(url), "admin")
    expect(office.get_by_text(ANSWER)).to_be_visible()
    with office.expect_download() as info:
        office.get_by_role("button", name=t("ev.page.download", "fa")).nth(1).click()
    download = info.value
    # chromium writes the zero-width non-joiner of a Persian name as "_"
    assert download.suggested_filename.replace("_", "\u200c") == "صورت‌جلسه.pdf"
    assert open(download.path(), "rb").read() == PDF
    with office.expect_download() as info:
        office.get_by_role("button", name=t("ev.page.download", "fa")).nth(0).click()
    photo = open(info.value.path(), "rb").read()
    assert photo.startswith(b"\xff\xd8\xff") and b"PhoneMaker" not in photo  # no GPS/EXIF

    # the image's media address serves the office's browser, nobody without its session
    src = office.locator('[data-testid="stImage"] img').first.get_attribute("src")
    full = src if src.startswith("http") else url + src
    answer = ctx.request.get(full)
    assert answer.status == 200 and answer.headers["x-content-type-options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(full, timeout=10)
    assert exc.value.code == 404
    ctx.close()

    # a zone editor of another district, calling the store directly, is refused
    other = demo_user(db_file, "zone5-1")
    for fid in files["id"]:
        with pytest.raises(PermissionDenied):
            ev.read_file(db, other, int(fid))
    with pytest.raises(PermissionDenied):
        cm.add_comment(db, other, "status", rid, "سلام")
    with pytest.raises(PermissionDenied):
        ev.add_files(db, other, "status", rid, [ev.NewFile("x.pdf", PDF)])
