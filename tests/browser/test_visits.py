"""An inspector records a visit with a photo in a real browser; the district's status page
then shows the finding and the corrective action, and the city view shows the gap."""

import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.conftest import FIXED_TODAY, full_copy, start_app, stop_app
from tracker.db import connect
from tracker.domain import fmt
from tracker.domain.i18n import t
from tracker.store import visit_reads as reads

pytestmark = pytest.mark.browser

# the fixed day, 30 Aban 1405: the visit on 28 Aban, its action due 15 Esfand (by hand)
YEAR = 1405
FINDING = "کف‌پوش پیاده‌رو لق است و رمپ ندارد"
ACTION = "ترمیم کف‌پوش و ساخت رمپ"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x20\x80\x20" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def app(tmp_path_factory, fixed_demo_db_file):
    folder = tmp_path_factory.mktemp("visits_app")
    path = folder / "demo.db"
    full_copy(fixed_demo_db_file, path)
    proc, url = start_app(path, {"TRACKER_UPLOADS": str(folder / "uploads"),
                                 "TRACKER_TODAY": FIXED_TODAY})
    yield url, path, folder / "uploads"
    stop_app(proc)


def sign_in(page, url, username):
    page.goto(url)
    page.get_by_label(t("auth.username", "fa")).fill(username)
    page.get_by_label(t("auth.password", "fa")).fill(f"demo-{username}-1405")
    page.get_by_role("button", name=t("auth.sign_in", "fa")).click()


def test_visit_with_photo_reaches_the_status_page_and_the_city_gap(app, browser):
    url, db_file, uploads = app
    before = len(reads.list_visits(connect(db_file), YEAR))
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = ctx.new_page()
    page.set_default_timeout(30000)
    sign_in(page, f"{url}/visits?year={YEAR}&district=3&zone=2&view=record", "inspector")

    page.locator('[data-testid="stMultiSelect"]').click()
    page.get_by_role("option").filter(has_text=fmt.digits(3, "fa") + ".").first.click()
    page.keyboard.press("Escape")
    page.get_by_text(t("vis.verdict.non_compliant", "fa"), exact=True).click()
    page.get_by_role("textbox", name=t("vis.form.date", "fa"), exact=True).fill("1405/08/28")
    page.get_by_role("textbox", name=t("vis.form.findings", "fa"), exact=True).fill(FINDING)
    page.get_by_role("textbox", name=t("vis.form.action", "fa"), exact=True).fill(ACTION)
    page.get_by_role("textbox", name=t("vis.form.due", "fa"), exact=True).fill("1405/12/15")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "photo.png", "mimeType": "image/png", "buffer": png()}])
    expect(page.get_by_text("photo.png")).to_be_visible()
    page.get_by_role("button", name=t("vis.form.submit", "fa")).click()
    expect(page.get_by_text("بازدید ثبت شد", exact=False)).to_be_visible()

    db = connect(db_file)
    visits = reads.list_visits(db, YEAR)
    assert len(visits) == before + 1
    vid = int(visits.iloc[0]["id"])
    files = reads.visit_files(db, vid)
    assert list(files["original_name"]) == ["photo.png"]
    # kept once by content in the shared upload store, decoded and re-encoded
    sha = db.execute("SELECT sha256 FROM visit_files WHERE visit_id = ?", [vid]).fetchone()[0]
    assert (uploads / "files" / f"{sha}.png").read_bytes().startswith(b"\x89PNG")
    ctx.close()

    # the district's editor sees the finding and the action on the status page
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = ctx.new_page()
    page.set_default_timeout(30000)
    sign_in(page, f"{url}/status?year={YEAR}&district=3&zone=2", "district3")
    expect(page.get_by_text(FINDING)).to_be_visible()
    expect(page.get_by_text(ACTION)).to_be_visible()
    expect(page.get_by_role("button", name=t("vis.ca.resolve", "fa"))).to_be_visible()
    ctx.close()

    # the city view shows the gap, as the store computes it
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    page = ctx.new_page()
    page.set_default_timeout(30000)
    sign_in(page, f"{url}/visits?year={YEAR}", "viewer")
    gap = reads.city_gap(connect(db_file), YEAR)["gap"]
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=t("vis.gap.gap", "fa"))
    expect(metric).to_contain_text(fmt.digits(f"{gap:+.0f}", "fa"))
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_be_visible()
    ctx.close()
