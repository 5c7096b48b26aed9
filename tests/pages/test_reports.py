"""The reports page and the status page's upload section, through AppTest."""

from __future__ import annotations

from tests.conftest import DATA_DAY, DATA_YEAR, run_app
from tracker.db import connect
from tracker.domain import calendar, fmt
from tracker.domain.i18n import t
from tracker.domain.rollup import city_summary
from tracker.store import compare

PAGE = "tracker/pages/reports.py"
YEAR = DATA_YEAR
# the month of the demo's last day of work: still open (not locked) on every day the suite
# runs on, so its report shows the live figures (a locked month's are its accepted
# snapshots, tests/report/test_frozen_report.py); Aban on the default day
MONTH = calendar.month_of(DATA_DAY)[1]


def _run(db_file, username="admin", **query):
    at = run_app(db_file, username, page=PAGE, year=YEAR, **query)
    assert not at.exception, at.exception
    return at


def _downloads(at):
    return [e.proto.label for e in at.get("download_button")]


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def test_admin_sees_templates_exports_report_and_backup(app_db):
    at = _run(app_db)
    heads = [s.value for s in at.subheader]
    for key in ("io.page.templates", "io.page.exports", "io.page.report", "io.page.backup"):
        assert t(key, "fa") in heads
    labels = _downloads(at)
    assert t("io.page.template_xlsx", "fa") in labels and t("common.download_csv", "fa") in labels
    month = next(s for s in at.selectbox if s.label == t("io.page.month", "fa"))
    _, now_month = calendar.month_of(DATA_DAY)
    assert month.value == now_month
    assert month.format_func(8) == "آبان"


def test_viewer_gets_no_backup(app_db):
    at = _run(app_db, "viewer", lang="en")
    heads = [s.value for s in at.subheader]
    assert "Monthly report to the mayor" in heads and "Database backup" not in heads


def test_backup_download_is_offered_to_admins(app_db):
    at = _run(app_db)
    assert t("io.page.download_backup", "fa") in _downloads(at)
    assert t("io.page.download_backup", "fa") not in _downloads(_run(app_db, "district3"))


def test_monthly_report_button_builds_the_pdf(app_db, monkeypatch):
    from tracker.report import charts, pdf

    printed = {}

    def fake_pdf(html, timeout=120):
        printed["html"] = html
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(pdf, "html_to_pdf", fake_pdf)
    monkeypatch.setattr(charts, "to_svg", lambda chart, lang: "<svg></svg>")
    at = _run(app_db, month=MONTH)
    _button(at, "make_report").click().run()
    assert not at.exception, at.exception
    assert t("io.page.download_pdf", "fa") in _downloads(at)
    end = calendar.month_bounds(YEAR, MONTH)[1]
    score = city_summary(compare.records_as_of(connect(app_db), YEAR, end)).progress
    assert fmt.percent(score, "fa", 1) in printed["html"]


def test_status_page_offers_the_upload_to_editors_only(app_db):
    at = run_app(app_db, "district3", year=YEAR, district=3, zone=0)
    assert not at.exception
    assert t("io.upload.title", "fa") in [e.label for e in at.expander]
    assert t("io.page.template_xlsx", "fa") in _downloads(at)
    assert at.get("file_uploader")
    at = run_app(app_db, "viewer", page="tracker/pages/status.py", year=YEAR, district=3,
                 zone=0)  # the viewer's home is the summary
    assert t("io.upload.read_only", "fa") in [c.value for c in at.caption]
    assert not at.get("file_uploader")


def test_backup_commands_keep_their_order_in_a_persian_sentence(app_db):
    """"tracker restore --from FILE" read "-- tracker restore from FILE" in Persian: the
    command is a left-to-right isolate (LRI … PDI) inside the sentence."""
    captions = [c.value for c in _run(app_db).caption]
    lri, pdi = "\u2066", "\u2069"
    restore = next(c for c in captions if "restore" in c)
    assert f"{lri}tracker restore \\-\\-from FILE{pdi}" in restore
    assert restore.startswith("یک نسخه سازگار")
    note = next(c for c in captions if "tracker backup" in c)
    # markdown-escaped (every ASCII punctuation mark), as captions are markdown
    assert f"{lri}tracker backup \\-\\-out backup\\.tar{pdi}" in note
    assert f"{lri}uploads{pdi}" in note
    english = [c.value for c in _run(app_db, lang="en").caption]
    assert any(f"{lri}tracker restore \\-\\-from FILE{pdi}" in c for c in english)
