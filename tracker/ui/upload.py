"""Bulk upload of a filled template on the status page, and template downloads."""

from __future__ import annotations

import streamlit as st

from tracker.db import thread_db
from tracker.domain.errors import TrackerError
from tracker.domain.model import User
from tracker.domain.permissions import can_edit_unit
from tracker.domain.plaintext import md_escape
from tracker.exchange import importing, sheet_limits, templates
from tracker.store import exchange
from tracker.store.reference import list_units
from tracker.ui.context import db, db_path, lang, read, t
from tracker.ui.tables import readable, rtl_order

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(path: str, year: int, district: int | None, language: str, kind: str) -> bytes:
    records = exchange.exchange_records(thread_db(path), year, district)
    if kind == "csv":
        return templates.template_csv(records, language)
    return templates.template_xlsx(records, language)


def template_file(year: int, district: int | None, kind: str):
    """A callable making a district's template (or, with ``district=None``, the
    year's records) when the download button is clicked, not on every rerun."""
    path, language = db_path(), lang()
    return lambda: _file(path, year, district, language, kind)


def template_buttons(year: int, district: int | None, key: str) -> None:
    """Excel and CSV download buttons for a district's template (or the year's records)."""
    name = templates.template_name(district, year, lang())
    a, b, _ = st.columns([1, 1, 3])
    a.download_button(t("io.page.template_xlsx") if district else t("common.download_xlsx"),
                      template_file(year, district, "xlsx"), file_name=f"{name}.xlsx",
                      mime=XLSX_MIME, key=f"{key}_xlsx", icon=":material/download:",
                      on_click="ignore")
    b.download_button(t("io.page.template_csv") if district else t("common.download_csv"),
                      template_file(year, district, "csv"), file_name=f"{name}.csv",
                      mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                      on_click="ignore")


def _may_edit_some(user: User, district: int) -> bool:
    units = read(list_units)
    zones = units.loc[units["district"] == district, "zone"]
    return any(can_edit_unit(user, district, int(z)) for z in zones)


def render_upload(user: User, year: int, district: int) -> None:
    """Template downloads, the upload widget, and the result: every problem with its
    row and column, or how many rows were saved (all in one write)."""
    flash = st.session_state.pop("upload_flash", None)
    if flash:
        st.success(flash)
    if not _may_edit_some(user, district):
        st.caption(t("io.upload.read_only"))
        return
    st.caption(t("io.upload.help"))
    st.caption(t("io.upload.limits", mb=sheet_limits.MAX_BYTES // (1024 * 1024),
                 rows=sheet_limits.MAX_ROWS, columns=sheet_limits.MAX_COLUMNS,
                 chars=sheet_limits.MAX_CELL_CHARS))
    template_buttons(year, district, key=f"upload_tpl_{year}_{district}")
    file = st.file_uploader(t("io.upload.file"), type=["xlsx", "csv"],
                            key=f"upload_file_{year}_{district}")
    if file is None:
        return
    if not st.button(t("io.upload.check"), type="primary", key=f"upload_go_{year}_{district}",
                     icon=":material/upload:"):
        return
    try:
        result = exchange.run_import(db(), user, file.getvalue(), lang())
    except TrackerError as exc:  # the whole file refused, or the write path refused
        st.error(md_escape(exc.message(lang())))
        return
    if result.problems:
        st.error(t("io.upload.problems", count=len(result.problems)))
        table = importing.problem_table(result.problems, lang())
        if len(table) <= 100:  # readable (and searchable) as a plain table; an HTML
            # table follows the page's direction, so its columns keep their order
            st.table(readable(table, lang()), hide_index=True)
        else:  # the canvas grid is always left to right: columns reversed in Persian
            st.dataframe(rtl_order(table), hide_index=True, width="stretch")
        return
    if not result.written:
        st.info(t("io.upload.unchanged", rows=result.rows))
        return
    st.session_state["upload_flash"] = t("io.upload.saved", count=result.written,
                                         rows=result.rows)
    # the status grid re-reads the records it is pinned to
    st.session_state["grid_nonce"] = st.session_state.get("grid_nonce", 0) + 1
    st.rerun()
