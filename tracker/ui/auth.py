"""Signing in and out in Streamlit; the signed-in user of a session.

The session holds the signed-in :class:`~tracker.model.User` in
``st.session_state["auth_user"]`` and the moment it was last active in
``st.session_state["auth_last_seen"]``. :func:`current_user` signs a session out
when it has been idle longer than :func:`tracker.config.idle_minutes`, and
re-reads the user from the store on every call, so a disabled account or a
changed role takes effect at the next click.

When the deployment gives OIDC settings (an ``[auth]`` section in Streamlit's
secrets), sign-in goes through ``st.login`` and the identity provider's e-mail
is mapped to an active user of the store; otherwise the built-in form is used.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from tracker import auth, calendar, config, plaintext
from tracker.model import User
from tracker.store import users
from tracker.ui import context
from tracker.ui.context import t
from tracker.ui.source import client_source

USER_KEY = "auth_user"
SEEN_KEY = "auth_last_seen"
METHOD_KEY = "auth_method"
NOTICE_KEY = "auth_notice"

md_escape = plaintext.md_escape  # every ASCII punctuation mark escaped (links, $, :icons:)


def current_user() -> User | None:
    """The signed-in user of this session, or ``None``.

    Signs the session out (and returns ``None``) when it has been idle too long
    or the account has been disabled; otherwise marks the session active now.
    Read from the store once per rerun (the shell and the page both ask).
    """
    return context.per_run(_RUN_USER, _current_user)


_RUN_USER = "auth.current_user"


def _current_user() -> User | None:
    user = st.session_state.get(USER_KEY)
    if user is None:
        return None
    now = calendar.now_utc()
    minutes = config.idle_minutes()
    if auth.check_idle(st.session_state.get(SEEN_KEY), now, minutes):
        sign_out(notice=("auth.idle_signed_out", {"minutes": minutes}))
        return None
    fresh = users.get_user(context.db(), user.id)
    if fresh is None:
        sign_out(notice=("auth.account_gone", {}))
        return None
    st.session_state[USER_KEY] = fresh
    st.session_state[SEEN_KEY] = now
    return fresh


def sign_out(notice: tuple[str, dict] | None = None) -> None:
    """Forget this session's user and everything it had on screen.

    After a single sign-on, also ends the identity provider's session cookie
    (``st.logout``), or the next run would sign the person straight back in.
    """
    context.forget_per_run(_RUN_USER)
    via_sso = st.session_state.get(METHOD_KEY) == "oidc"
    language = _kept_language()
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[NOTICE_KEY] = notice or ("auth.signed_out", {})
    if via_sso and _sso_logged_in():
        st.logout()
    if st.query_params.get("lang") != language:  # the sign-in page keeps their language
        st.query_params["lang"] = language
        st.rerun()


def _kept_language() -> str:
    """The person's language: their switch's state (a page switch drops ``?lang=``)."""
    chosen = st.session_state.get("lang_switch")
    return chosen if chosen in ("fa", "en") else context.lang()


def _sign_in(user: User, method: str) -> None:
    context.forget_per_run(_RUN_USER)
    st.session_state.pop(NOTICE_KEY, None)
    st.session_state[USER_KEY] = user
    st.session_state[SEEN_KEY] = calendar.now_utc()
    st.session_state[METHOD_KEY] = method


def render_login() -> None:
    """The sign-in page: built-in form, or single sign-on when configured."""
    st.title(t("auth.title"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(t(notice[0], **notice[1]))
    providers = oidc_providers()
    if providers:
        _render_sso(providers)
    else:
        _render_form()


def _render_form() -> None:
    with st.form("login_form"):
        username = st.text_input(t("auth.username"), key="login_username",
                                 autocomplete="username", max_chars=64)
        password = st.text_input(t("auth.password"), type="password", key="login_password",
                                 autocomplete="current-password",
                                 max_chars=auth.MAX_PASSWORD_LENGTH)
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary",
                                          icon=":material/login:")
    if not submitted:
        return
    if not (username or "").strip() or not password:
        st.warning(t("auth.fill_both"))
        return
    try:
        user = users.authenticate(context.db(), username, password, source=client_source())
    except users.AuthFailed as exc:
        st.error(exc.message(context.lang()), icon=":material/lock:")
        return
    _sign_in(user, "password")
    st.rerun()


# -- single sign-on ----------------------------------------------------------

def oidc_providers() -> list[str | None] | None:
    """The OIDC providers of ``st.secrets["auth"]``, or ``None`` without settings.

    ``None`` in the list is the unnamed provider (``client_id`` directly under
    ``[auth]``); names are the ``[auth.<name>]`` sections.
    """
    try:
        if "auth" not in st.secrets:
            return None
        section = st.secrets["auth"]
        named = [k for k, v in section.items() if isinstance(v, Mapping)]
        default = [None] if "client_id" in section else []
    except Exception:  # no secrets file, or one that does not parse
        return None
    return (default + named) or None


def _sso_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:
        return False


def _render_sso(providers: list[str | None]) -> None:
    if not _sso_logged_in():
        for provider in providers:
            label = (t("auth.sso_button") if provider is None
                     else t("auth.sso_button_named", provider=provider))
            if st.button(label, key=f"sso_{provider or 'default'}", type="primary",
                         icon=":material/badge:"):
                if provider is None:
                    st.login()
                else:
                    st.login(provider)
        return
    user = sso_user(dict(st.user.to_dict()))
    if isinstance(user, User):
        users.record_sign_in(context.db(), user, "oidc")
        _sign_in(user, "oidc")
        st.rerun()
    st.error(t(user[0], **{k: md_escape(v) for k, v in user[1].items()}))
    if st.button(t("auth.sso_other_account"), key="sso_logout"):
        st.logout()


def sso_user(claims: dict) -> User | tuple[str, dict]:
    """The store's active user for an identity provider's claims, or a refusal
    ``(message key, params)``: an unverified e-mail, or no matching user."""
    email = str(claims.get("email") or "").strip()
    if claims.get("email_verified") in (False, "false", "False", 0):
        return "auth.sso_unverified", {}
    user = users.get_user_by_email(context.db(), email) if email else None
    if user is None:
        return "auth.sso_no_user", {"email": email or "—"}
    return user
