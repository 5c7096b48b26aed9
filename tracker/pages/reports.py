"""Reports and files: templates, the year's records, the monthly PDF, backups."""

from __future__ import annotations

import streamlit as st

from tracker import report
from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError
from tracker.domain.permissions import is_admin
from tracker.domain.plaintext import md_escape
from tracker.store import backup
from tracker.ui import auth
from tracker.ui.context import db, db_path, lang, qp_choice, t
from tracker.ui.pickers import district_picker, year_picker
from tracker.ui.tables import file_stamp
from tracker.ui.upload import template_buttons

PAGE = {"path": "reports", "title": "page.reports", "icon": ":material/description:",
        "order": 80, "roles": None}


def render() -> None:
    user = auth.current_user()
    top = st.columns([1, 2, 3])
    year = year_picker(top[0])
    if year is None:
        return
    with st.container(border=True):
        st.subheader(t("io.page.templates"))
        st.caption(t("io.page.templates_help"))
        district = district_picker(user, st.columns([2, 3])[0])
        template_buttons(year, district, key="rep_tpl")
    with st.container(border=True):
        st.subheader(t("io.page.exports"))
        template_buttons(year, None, key="rep_all")
    with st.container(border=True):
        _monthly(year)
    if is_admin(user):
        with st.container(border=True):
            _backup()


def _months(year: int) -> list[int]:
    today = calendar.today_tehran()
    now_year, now_month = calendar.month_of(today)
    if year < now_year:
        return list(range(1, 13))
    if year > now_year:
        return []
    return list(range(1, now_month + 1))


def _monthly(year: int) -> None:
    st.subheader(t("io.page.report"))
    months = _months(year)
    if not months:
        st.caption(t("io.page.no_months"))
        return
    col, _ = st.columns([2, 3])
    with col:
        month = qp_choice(t("io.page.month"), months[::-1], "month", default=months[-1],
                          format_func=lambda m: calendar.month_name(m, lang()))
    key = f"report_pdf_{year}_{month}_{lang()}"
    if st.button(t("io.page.make_report"), key="make_report", icon=":material/picture_as_pdf:"):
        with st.spinner(t("io.page.building")):
            try:
                st.session_state[key] = report.monthly_pdf(db(), year, month, lang(),
                                                           today=calendar.today_tehran())
            except TrackerError as exc:
                st.error(md_escape(exc.message(lang())))
    data = st.session_state.get(key)
    if data:
        st.success(t("io.page.report_ready"))
        name = f"report-{year}-{month:02d}.pdf"
        st.download_button(t("io.page.download_pdf"), data, file_name=name,
                           mime="application/pdf", key="report_download",
                           icon=":material/download:", on_click="ignore")


def _backup() -> None:
    st.subheader(t("io.page.backup"))
    # commands and folder names are written left to right, also in a Persian sentence
    # ("-- tracker restore from FILE" it read)
    st.caption(t("io.page.backup_help", command=_command("tracker restore --from FILE")))
    st.caption(t("ev.backup.page_note", folder=_command("uploads"),  # the command backs
                 command=_command("tracker backup --out backup.tar")))  # up evidence files
    path = db_path()
    stamp = file_stamp(calendar.utc_stamp())  # Jalali, Tehran time
    # made when clicked (a consistent online copy), never held in the session
    st.download_button(t("io.page.download_backup"), lambda: backup.backup_bytes(path),
                       file_name=f"tracker-backup-{stamp}.db", mime="application/vnd.sqlite3",
                       key="backup_download", icon=":material/backup:", on_click="ignore")


def _command(text: str) -> str:
    """A command line (or a folder name) inside a sentence: a left-to-right isolate,
    markdown-escaped (captions are markdown)."""
    return fmt.isolate(md_escape(text), "ltr")
