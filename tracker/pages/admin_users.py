"""The users page (admins only): accounts, roles and scopes, and the audit log.

Every change goes through :mod:`tracker.store.users`, which checks that the
acting user is an administrator and logs the act; hiding this page from other
roles is a convenience, not the protection. Names and e-mails people typed are
shown only through ``st.dataframe`` and widget values, never as Markdown/HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import auth as rules
from tracker import config
from tracker.domain import accounts, calendar
from tracker.domain.audit_text import audit_sentence
from tracker.domain.errors import TrackerError, ValidationFailed
from tracker.domain.i18n import catalogue
from tracker.domain.model import ROLES, Grant, User
from tracker.domain.permissions import can_manage
from tracker.store import audit, sessions, users
from tracker.store.reference import list_units
from tracker.ui import auth
from tracker.ui.context import db, lang, t
from tracker.ui.tables import rtl_order, with_tools

PAGE = {"path": "admin", "title": "page.admin", "icon": ":material/manage_accounts:",
        "order": 90, "roles": {"admin"}}

FLASH_KEY = "admin_flash"  # (kind, text) shown once after a callback


def render() -> None:
    user = auth.current_user()
    if user is None or not can_manage(user):
        st.error(t("admin.denied"))
        return
    st.title(t("admin.title"))
    st.caption(t("admin.intro"))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        kind, text = flash
        # messages may quote what was typed: escaped, so it shows as plain text
        (st.success if kind == "ok" else st.error)(auth.md_escape(text))

    frame = users.list_users(db())
    units = list_units(db())
    st.subheader(t("admin.users"))
    users_table(frame)

    tab_change, tab_add, tab_audit = st.tabs([t("admin.manage"), t("admin.add"),
                                              t("admin.audit")])
    with tab_change:
        _change_user(user, frame, units)
    with tab_add:
        _add_user(user, units)
    with tab_audit:
        audit_table(audit.audit_log(db(), limit=500))


# -- tables ------------------------------------------------------------------

def users_table(frame: pd.DataFrame) -> None:
    """The accounts as plain text cells (names are never rendered as markup)."""
    if frame.empty:
        st.info(t("admin.no_users"))
        return
    L = lang()
    now = calendar.now_utc()
    shown = pd.DataFrame({
        t("admin.col.username"): frame["username"],
        t("admin.col.display_name"): frame["display_name"],
        t("admin.col.email"): frame["email"].fillna(""),
        t("admin.col.lang"): [_lang_name(x) for x in frame["lang"]],
        t("admin.col.active"): [t("admin.yes") if a else t("admin.no") for a in frame["active"]],
        t("admin.col.roles"): [rules.grants_label(g, L) for g in frame["grants"]],
        t("admin.col.last_login"): [calendar.format_stamp(s, L) for s in frame["last_login_at"]],
        t("admin.col.locked"): [calendar.format_stamp(s, L) if rules.is_locked(s, now) else ""
                                for s in frame["locked_until"]],
    })
    with with_tools("users"):
        st.dataframe(rtl_order(shown), hide_index=True, width="stretch")


def audit_table(log: pd.DataFrame) -> None:
    if log.empty:
        st.info(t("admin.audit_empty"))
        return
    L = lang()
    known = catalogue()
    shown = pd.DataFrame({
        t("admin.col.at"): [calendar.format_stamp(s, L) for s in log["at"]],
        t("admin.col.actor"): log["actor_name"].fillna("—"),
        t("admin.col.action"): [t(f"admin.action.{a}") if f"admin.action.{a}" in known else a
                                for a in log["action"]],
        t("admin.col.target"): log["target_username"].fillna("—"),
        t("admin.col.details"): [audit_sentence(a, d, L)
                                 for a, d in zip(log["action"], log["details"], strict=True)],
    })
    with with_tools("audit"):
        st.dataframe(rtl_order(shown), hide_index=True, width="stretch")


# -- pickers -----------------------------------------------------------------

def _lang_name(code: object) -> str:
    return t(f"audit.lang_{code}") if code in accounts.MAIL_LANGS else ""


def lang_input(key: str, container=st) -> None:
    """The language of the person's e-mails (fa/en); the value lives in session state."""
    container.selectbox(t("admin.lang"), accounts.MAIL_LANGS, key=key, format_func=_lang_name)


def _unit_name(units: pd.DataFrame, district: int, zone: int) -> str:
    row = units[(units["district"] == district) & (units["zone"] == zone)]
    if row.empty:
        return t("admin.zone_n" if zone else "admin.district_n", n=zone or district)
    return str(row.iloc[0]["name_fa" if lang() == "fa" else "name_en"])


def scope_inputs(prefix: str, units: pd.DataFrame) -> None:
    """Role, and the district / zone the role needs; values live in session state."""
    role = st.selectbox(t("admin.role"), ROLES, key=f"{prefix}_role",
                        format_func=lambda r: t(f"role.{r}"))
    if role not in accounts.SCOPED_ROLES:
        return
    districts = sorted(int(d) for d in units["district"].unique())
    if not districts:
        return
    district = st.selectbox(t("admin.district"), districts, key=f"{prefix}_district",
                            format_func=lambda d: _unit_name(units, d, 0))
    if role == "zone_editor":
        zones = sorted(int(z) for z in units.loc[(units["district"] == district)
                                                 & (units["zone"] > 0), "zone"])
        st.selectbox(t("admin.zone"), zones, key=f"{prefix}_zone_{district}",
                     format_func=lambda z: _unit_name(units, district, z))


def grant_from_state(prefix: str) -> Grant:
    """The grant chosen with :func:`scope_inputs`."""
    state = st.session_state
    role = state.get(f"{prefix}_role")
    district = state.get(f"{prefix}_district") if role in accounts.SCOPED_ROLES else None
    zone = state.get(f"{prefix}_zone_{district}") if role == "zone_editor" else None
    return Grant(role, district, zone)


# -- acts (run as button callbacks, before the page is drawn again) ----------

def _run(act, ok_text: str, clear: tuple[str, ...] = ()) -> None:
    try:
        act()
    except ValidationFailed as exc:
        st.session_state[FLASH_KEY] = ("error", " ".join(p.message(lang()) for p in exc.problems))
    except TrackerError as exc:
        st.session_state[FLASH_KEY] = ("error", exc.message(lang()))
    else:
        st.session_state[FLASH_KEY] = ("ok", ok_text)
        for key in clear:
            st.session_state[key] = ""


def _acting_user() -> User | None:
    return auth.current_user()


def _on_create() -> None:
    s = st.session_state
    username = (s.get("add_username") or "").strip()
    _run(lambda: users.create_user(db(), _acting_user(), username, s.get("add_name"),
                                   s.get("add_password"), (grant_from_state("add"),),
                                   email=s.get("add_email"), lang=s.get("add_lang") or "fa"),
         t("admin.created", username=username),
         clear=("add_username", "add_name", "add_email", "add_password"))


def _on_active(target: dict, active: bool) -> None:
    key = "admin.enabled" if active else "admin.disabled"
    _run(lambda: users.set_active(db(), _acting_user(), target["id"], active),
         t(key, username=target["username"]))


def _on_reset(target: dict) -> None:
    key = f"reset_password_{target['id']}"
    _run(lambda: users.reset_password(db(), _acting_user(), target["id"],
                                      st.session_state.get(key) or ""),
         t("admin.password_reset_done", username=target["username"]), clear=(key,))


def _on_everywhere(target: dict) -> None:
    _run(lambda: sessions.sign_out_everywhere(db(), _acting_user(), target["id"]),
         t("sess.everywhere_done", username=target["username"]))


def _on_profile(target: dict) -> None:
    s = st.session_state
    _run(lambda: users.set_profile(db(), _acting_user(), target["id"],
                                   s.get(f"profile_name_{target['id']}"),
                                   s.get(f"profile_email_{target['id']}"),
                                   lang=s.get(f"profile_lang_{target['id']}")),
         t("admin.profile_saved"))


def _on_grants(target: dict, mode: str) -> None:
    current = tuple(target["grants"])
    prefix = f"grant_{target['id']}"
    if mode == "remove":
        drop = set(st.session_state.get(f"{prefix}_remove") or ())
        new = tuple(g for i, g in enumerate(current) if i not in drop)
    elif mode == "add":
        new = current + (grant_from_state(prefix),)
    else:
        new = (grant_from_state(prefix),)
    _run(lambda: users.set_grants(db(), _acting_user(), target["id"], new),
         t("admin.roles_saved", username=target["username"]))


# -- sections ----------------------------------------------------------------

def _clean(value: object) -> object:
    """pandas' missing values (NaN) as ``None``."""
    if isinstance(value, float) and value != value:
        return None
    return value


def _add_user(actor: User, units: pd.DataFrame) -> None:
    cols = st.columns(2)
    cols[0].text_input(t("auth.username"), key="add_username", max_chars=64)
    cols[1].text_input(t("admin.display_name"), key="add_name",
                       max_chars=accounts.MAX_DISPLAY_NAME)
    cols[0].text_input(t("admin.email"), key="add_email", max_chars=254)
    cols[1].text_input(t("admin.initial_password"), key="add_password", type="password",
                       autocomplete="new-password", max_chars=rules.MAX_PASSWORD_LENGTH)
    lang_input("add_lang", cols[0])
    scope_inputs("add", units)
    st.button(t("admin.create"), key="add_submit", type="primary", on_click=_on_create,
              icon=":material/person_add:")


def _change_user(actor: User, frame: pd.DataFrame, units: pd.DataFrame) -> None:
    if frame.empty:
        st.info(t("admin.no_users"))
        return
    by_id = {int(r["id"]): r for r in frame.to_dict("records")}
    uid = st.selectbox(t("admin.pick_user"), list(by_id), key="admin_pick",
                       format_func=lambda i: f"{by_id[i]['username']} — "
                                             f"{by_id[i]['display_name']}")
    target = {k: _clean(v) for k, v in by_id[uid].items()}
    L = lang()

    if not target["active"]:
        st.warning(t("admin.status_disabled"))
    elif rules.is_locked(target["locked_until"], calendar.now_utc()):
        st.warning(t("admin.status_locked",
                     until=calendar.format_stamp(target["locked_until"], L)))
    else:
        st.caption(t("admin.status_active"))
    if target["active"]:
        st.button(t("admin.disable"), key=f"disable_{uid}", on_click=_on_active,
                  args=(target, False), icon=":material/person_off:",
                  disabled=uid == actor.id)
    else:
        st.button(t("admin.enable"), key=f"enable_{uid}", on_click=_on_active,
                  args=(target, True), icon=":material/person_check:")

    with st.container(border=True):
        st.markdown(f"**{t('admin.roles')}**")
        st.text(t("admin.current_roles", roles=rules.grants_label(target["grants"], L)))
        labels = [rules.grant_label(g, L) for g in target["grants"]]
        prefix = f"grant_{uid}"
        if len(labels) > 1:
            st.multiselect(t("admin.remove_roles"), list(range(len(labels))),
                           key=f"{prefix}_remove", format_func=lambda i: labels[i],
                           placeholder=t("widgets.choose"))
            st.button(t("admin.remove"), key=f"{prefix}_remove_btn", on_click=_on_grants,
                      args=(target, "remove"))
        scope_inputs(prefix, units)
        cols = st.columns(2)
        cols[0].button(t("admin.add_role"), key=f"{prefix}_add", on_click=_on_grants,
                       args=(target, "add"), icon=":material/add:")
        cols[1].button(t("admin.replace_roles"), key=f"{prefix}_replace", on_click=_on_grants,
                       args=(target, "replace"), icon=":material/swap_horiz:")

    with st.container(border=True):
        st.markdown(f"**{t('admin.reset_password')}**")
        st.text_input(t("admin.new_password"), key=f"reset_password_{uid}", type="password",
                      autocomplete="new-password", max_chars=rules.MAX_PASSWORD_LENGTH)
        st.button(t("admin.reset_password"), key=f"reset_{uid}", on_click=_on_reset,
                  args=(target,), icon=":material/key:")

    with st.container(border=True):
        st.markdown(f"**{t('sess.title')}**")
        st.caption(t("sess.live", count=sessions.live_sessions(db(), uid, config.idle_minutes())))
        st.button(t("sess.everywhere"), key=f"everywhere_{uid}", on_click=_on_everywhere,
                  args=(target,), icon=":material/devices_off:")

    with st.container(border=True):
        st.markdown(f"**{t('admin.profile')}**")
        name_key, email_key = f"profile_name_{uid}", f"profile_email_{uid}"
        lang_key = f"profile_lang_{uid}"
        if name_key not in st.session_state:
            st.session_state[name_key] = target["display_name"]
            st.session_state[email_key] = target["email"] or ""
        if lang_key not in st.session_state:
            st.session_state[lang_key] = target["lang"] if target.get("lang") in \
                accounts.MAIL_LANGS else "fa"
        st.text_input(t("admin.display_name"), key=name_key, max_chars=accounts.MAX_DISPLAY_NAME)
        st.text_input(t("admin.email"), key=email_key, max_chars=254)
        lang_input(lang_key)
        st.button(t("admin.save_profile"), key=f"profile_{uid}", on_click=_on_profile,
                  args=(target,), icon=":material/save:")
