"""A record's evidence files on a page: thumbnails (a click opens the full image),
downloads, attaching and removing; bytes are handed to Streamlit only after the store
checked that the signed-in person may read the record, and only for their browser."""

from __future__ import annotations

import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.model import User
from tracker.domain.permissions import is_admin
from tracker.exchange import uploads
from tracker.store import evidence as ev
from tracker.ui import st_internals
from tracker.ui.context import db, derive, lang, read, t


def render_files(user: User, kind: str, record_id: int, editable: bool) -> None:
    """The record's files, and (for its editors, in an open year) the uploader."""
    flash = st.session_state.pop("ev_flash", None)
    if flash:
        st.success(flash)
    files = read(ev.record_files, kind, record_id, is_admin(user))
    if files.empty:
        st.caption(t("ev.page.no_files"))
    token = st_internals.browser_token()
    if not files.empty and token is None:
        st.caption(t("ev.page.no_browser"))
    cols = st.columns(3)
    for i, f in enumerate(files.itertuples(index=False)):
        with cols[i % 3], st.container(border=True):
            _file(user, f, token, editable)
    if editable:
        _uploader(user, kind, record_id, len(files[files["removed_at"].isna()]))


def _file(user: User, f, token: bytes | None, editable: bool) -> None:
    size = fmt.number(f.size / 1024, lang(), decimals=1)
    st.text(f"{f.original_name} ({size} KB)")
    st.caption(t("ev.page.added", who=f.added_by_name,
                 when=calendar.format_stamp(f.added_at, lang())))
    if isinstance(f.removed_at, str) and f.removed_at:
        st.caption(t("ev.page.removed", who=f.removed_by_name or "—",
                     when=calendar.format_stamp(f.removed_at, lang())))
    if token is None:
        return
    try:
        found = ev.read_file(db(), user, int(f.id))
    except TrackerError as exc:
        st.caption(exc.message(lang()))
        return
    if found is None:
        st.caption(t("ev.page.missing"))
        return
    meta, data = found
    with st_internals.protected_media(token):
        if meta["mime"].startswith("image/"):
            # made once per file (and store revision), not on every rerun
            st.image(derive(uploads.thumbnail, data, ("evidence_thumb", int(f.id))),
                     width=200)
            if st.button(t("ev.page.full"), key=f"ev_full_{f.id}", icon=":material/zoom_in:"):
                _full_image(f.original_name, data, token)
        st.download_button(t("ev.page.download"), data, file_name=meta["original_name"],
                           mime=meta["mime"], key=f"ev_dl_{f.id}", on_click="ignore",
                           icon=":material/download:")
    if editable and not (isinstance(f.removed_at, str) and f.removed_at):
        if st.button(t("ev.page.remove"), key=f"ev_rm_{f.id}", icon=":material/delete:"):
            try:
                ev.remove_file(db(), user, int(f.id))
            except ValidationFailed as exc:
                st.error("\n\n".join(p.message(lang()) for p in exc.problems))
            except TrackerError as exc:
                st.error(exc.message(lang()))
            else:
                st.session_state["ev_flash"] = t("ev.page.removed_ok")
                st.rerun()


def _full_image(name: str, data: bytes, token: bytes) -> None:
    def show() -> None:
        st.text(name)
        with st_internals.protected_media(token):
            st.image(data, width="stretch")
    st.dialog(t("ev.page.full"), width="large")(show)()


def _uploader(user: User, kind: str, record_id: int, present: int) -> None:
    lim = uploads.limits()
    nonce = st.session_state.get("ev_nonce", 0)
    chosen = st.file_uploader(t("ev.page.choose", max=lim.max_mb, files=lim.max_files),
                              type=uploads.picker_types(lim), accept_multiple_files=True,
                              key=f"ev_up_{kind}_{record_id}_{nonce}")
    if not chosen:
        return
    if not st.button(t("ev.page.attach"), type="primary", key=f"ev_attach_{record_id}",
                     icon=":material/attach_file:"):
        return
    try:
        ids = ev.add_files(db(), user, kind, record_id,
                           [ev.NewFile(c.name, c.getvalue()) for c in chosen])
    except ValidationFailed as exc:
        st.error("\n\n".join(p.message(lang()) for p in exc.problems))
        return
    except TrackerError as exc:
        st.error(exc.message(lang()))
        return
    st.session_state["ev_flash"] = t("ev.page.attached", count=len(ids))
    st.session_state["ev_nonce"] = nonce + 1
    st.rerun()
