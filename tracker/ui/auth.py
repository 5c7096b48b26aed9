"""Signing in and out in Streamlit; the signed-in user of a session.

The session holds the signed-in :class:`~tracker.domain.model.User` in
``st.session_state["auth_user"]`` and the moment it was last active in
``st.session_state["auth_last_seen"]``. :func:`current_user` signs a session out
when it has been idle longer than :func:`tracker.config.idle_minutes`, and
re-reads the user from the store on every call, so a disabled account or a
changed role takes effect at the next click.

A sign-in also starts a stored session (:mod:`tracker.store.sessions`) whose token
the browser keeps in an HttpOnly cookie (:func:`sync_cookie`,
:mod:`tracker.ui.session_routes`): a reload or a second tab resumes it
(:func:`_resume`), every click checks it is still on (idle rule, sign-out in another
tab, a disabled account, a password reset, an admin's "sign out everywhere").

When the deployment gives OIDC settings (an ``[auth]`` section in Streamlit's
secrets), sign-in goes through ``st.login`` and the identity provider's e-mail
is mapped to an active user of the store; otherwise the built-in form is used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import streamlit as st

from tracker import auth, config
from tracker.domain import calendar, plaintext
from tracker.domain.model import User
from tracker.store import sessions, signin, users
from tracker.ui import context
from tracker.ui.context import t
from tracker.ui.source import client_source

USER_KEY = "auth_user"
SEEN_KEY = "auth_last_seen"
METHOD_KEY = "auth_method"
NOTICE_KEY = "auth_notice"
SESSION_KEY = "auth_session"  # the stored session's id (tracker.store.sessions)
CLAIM_KEY = "auth_claim"  # its hand-over code, until the browser has the cookie
CLAIM_AT_KEY = "auth_claim_at"  # when that code was made (a fresh one after a few seconds)
FORGET_KEY = "auth_forget_cookie"  # signed out: the page asks the server to drop the cookie

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
    user = st.session_state.get(USER_KEY) or _resume()
    if user is None:
        return None
    now = calendar.now_utc()
    minutes = config.idle_minutes()
    sid = st.session_state.get(SESSION_KEY)
    ended = (sessions.check(context.db(), sid, minutes, now) if sid is not None
             else "idle" if auth.check_idle(st.session_state.get(SEEN_KEY), now, minutes)
             else None)
    if ended:
        sign_out(notice=ended_notice(ended, minutes))
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
    sid = st.session_state.get(SESSION_KEY)
    if sid is not None:
        sessions.revoke(context.db(), sid, "sign_out")  # no-op if it had already ended
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[NOTICE_KEY] = notice or ("auth.signed_out", {})
    st.session_state[FORGET_KEY] = True
    if via_sso and _sso_logged_in():
        st.logout()
    if st.query_params.get("lang") != language:  # the sign-in page keeps their language
        st.query_params["lang"] = language
        st.rerun()


def _kept_language() -> str:
    """The person's language: their switch's state (a page switch drops ``?lang=``)."""
    chosen = st.session_state.get("lang_switch")
    return chosen if chosen in ("fa", "en") else context.lang()


def _sign_in(user: User, method: str, session_id: int | None = None) -> None:
    """Sign this Streamlit session in; a new sign-in (no ``session_id``) also starts a
    stored session, whose cookie :func:`sync_cookie` hands to the browser."""
    context.forget_per_run(_RUN_USER)
    st.session_state.pop(NOTICE_KEY, None)
    st.session_state.pop(FORGET_KEY, None)
    if session_id is None:
        session_id, st.session_state[CLAIM_KEY] = sessions.start(
            context.db(), user, method, browser=browser_secret())
        st.session_state[CLAIM_AT_KEY] = calendar.now_utc()
    st.session_state[SESSION_KEY] = session_id
    st.session_state[USER_KEY] = user
    st.session_state[SEEN_KEY] = calendar.now_utc()
    st.session_state[METHOD_KEY] = method


# -- the session cookie (a reload or a second tab stays signed in) ------------

_NOTICES = {"idle": "auth.idle_signed_out", "disabled": "auth.account_gone",
            "unknown": "auth.account_gone", "password": "sess.ended_password",
            "everywhere": "sess.ended_everywhere", "expired": "sess.ended_expired",
            "sign_out": "sess.ended_elsewhere"}


def ended_notice(reason: str, minutes: int) -> tuple[str, dict]:
    """The sign-in page's message for a session that ended for ``reason``."""
    key = _NOTICES.get(reason, "auth.signed_out")
    return key, ({"minutes": minutes} if reason == "idle" else {})


def _resume() -> User | None:
    """Sign in from the browser's session cookie (a reload, a second tab), if its
    stored session lasts; says why on the sign-in page when it has just ended."""
    token = st.context.cookies.get(sessions.COOKIE)
    if not isinstance(token, str) or not token or st.session_state.get(FORGET_KEY):
        return None
    minutes = config.idle_minutes()
    found = sessions.resume(context.db(), token, minutes)
    if isinstance(found, str):
        if found in ("idle", "expired", "password", "everywhere", "disabled"):
            st.session_state.setdefault(NOTICE_KEY, ended_notice(found, minutes))
        st.session_state[FORGET_KEY] = True  # do not look again in this tab
        return None
    session_id, user_id, method = found
    user = users.get_user(context.db(), user_id)
    if user is None:
        return None
    _sign_in(user, method, session_id)
    return user


_SCRIPT = """<script>
fetch("{path}", {{method: "{method}", body: {body}, credentials: "same-origin",
                 headers: {{"Content-Type": "text/plain"}}}});
</script>"""


def browser_secret() -> str | None:
    """This browser's own secret cookie (set by the app's middleware), to which a
    sign-in's hand-over code is bound; ``None`` without one."""
    value = st.context.cookies.get(sessions.BROWSER_COOKIE)
    return value if isinstance(value, str) and value else None


def _fresh_code() -> str | None:
    """The hand-over code to send now: the one made at sign-in while it is young, else a
    new one (the browser may have missed it, or someone else used it up)."""
    made = st.session_state.get(CLAIM_AT_KEY)
    now = calendar.now_utc()
    if made is not None and (now - made).total_seconds() < sessions.CLAIM_SECONDS / 4:
        return st.session_state[CLAIM_KEY]
    code = sessions.new_code(context.db(), st.session_state[SESSION_KEY], now)
    if code is not None:
        st.session_state[CLAIM_KEY], st.session_state[CLAIM_AT_KEY] = code, now
    return code


def sync_cookie(user: User | None) -> None:
    """Hand the browser its session cookie after a sign-in (the one-time code goes to
    the server's session route, which answers with an HttpOnly cookie), or have it
    dropped after a sign-out. Draws nothing a person sees."""
    from tracker.ui.session_routes import PATH

    if user is not None and CLAIM_KEY in st.session_state:
        code = None
        if not sessions.is_claimed(context.db(), st.session_state[SESSION_KEY]):
            code = _fresh_code()
        if code is None:
            st.session_state.pop(CLAIM_KEY, None)
            st.session_state.pop(CLAIM_AT_KEY, None)
            return
        script = _SCRIPT.format(path=PATH, method="POST", body=json.dumps(code))
    elif user is None and st.session_state.get(FORGET_KEY) is True:
        st.session_state[FORGET_KEY] = "sent"
        script = _SCRIPT.format(path=PATH, method="DELETE", body="null")
    else:
        return
    with st.container(key="session_cookie"):
        st.html("<style>.st-key-session_cookie {display: none}</style>" + script,
                unsafe_allow_javascript=True)


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
        user = signin.authenticate(context.db(), username, password, source=client_source())
    except signin.AuthFailed as exc:
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
        signin.record_sign_in(context.db(), user, "oidc")
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
