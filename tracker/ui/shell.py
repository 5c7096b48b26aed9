"""The app around every page: page config, language and right-to-left layout, sign-in,
the header and navigation. ``streamlit_app.py`` calls :func:`main` on every rerun.

It lives in a module, not in the entry script, because Streamlit compiles the entry
script (and rewrites its syntax tree for "magic") whenever a fresh script runner starts,
which ``AppTest`` does on every run; a module is compiled once per process.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from tracker.domain import fmt
from tracker.domain.plaintext import md_escape
from tracker.ui import auth, context, st_internals, theme, warmup
from tracker.ui.errors import friendly_errors
from tracker.ui.registry import page_modules, pages_for
from tracker.ui.st_internals import tune_gc


def main() -> None:
    st.set_page_config(page_title="پایش طرح تحول بیست‌گانه", page_icon=":material/apartment:",
                       layout="wide", initial_sidebar_state="collapsed")
    context.start_run()
    tune_gc()  # no full garbage collection after every run (see tracker.ui.st_internals)
    lang = context.lang()
    theme.apply(lang)
    user = auth.current_user()
    if user is None:
        nav = st.navigation(
            [st.Page(auth.render_login, title=context.t("page.login"), url_path="login",
                     icon=":material/login:", default=True)]
            + [_login_at(m.PAGE["path"]) for m in page_modules()],
            position="hidden",
        )
    else:
        mods = pages_for(user)
        # The landing page ("/") draws the person's first page under a hidden entry of its
        # own: Streamlit serves its default page at "/" only, so a link to that page's own
        # address (/status?year=…, a bookmark, a reload) would say "page not found".
        home = st.Page(mods[0].render, title=_title(mods[0], user), url_path="home",
                       icon=mods[0].PAGE.get("icon"), default=True, visibility="hidden")
        nav = st.navigation([home] + [
            st.Page(m.render, title=_title(m, user), url_path=m.PAGE["path"],
                    icon=m.PAGE.get("icon"),
                    visibility="hidden" if m.PAGE.get("hidden") else "visible")
            for m in mods
        ], position="top")
    _header(user, lang)
    context.set_page(nav.url_path)
    # every file a signed-in person's pages hand to the browser (exports, templates,
    # backups, reports, evidence) is served from /media to that browser only
    token = st_internals.browser_token() if user is not None else None
    media = st_internals.protected_media(token) if token else contextlib.nullcontext()
    with friendly_errors(lang), media:  # never a stack trace on screen (issue 13)
        nav.run()
    auth.sync_cookie(user)  # last: its coming and going moves no element of the page
    if user is None:  # the sign-in page is on screen: import the next page's needs meanwhile
        warmup.start(["pandas", "sqlite_utils", "streamlit.emojis", page_modules()[0].__name__])


def _title(m, user) -> str:
    """A page's title in the navigation; a page whose PAGE has a ``badge`` shows its
    count when there is one (e.g. "My work (3)": unread messages)."""
    if m.PAGE.get("badge"):
        from tracker.ui.badges import count

        n = count(m.PAGE["badge"], user)
        if n:
            return context.t(m.PAGE["title"] + "_count", count=n)
    return context.t(m.PAGE["title"])


def _login_at(path: str) -> st.Page:
    """The sign-in form under a page's own address, so a shared link to a page
    asks for sign-in and then opens that page (no "page not found")."""
    def show() -> None:
        auth.render_login()
    show.__name__ = f"login_{path.replace('-', '_')}"
    return st.Page(show, title=context.t("page.login"), url_path=path)


def _header(user, lang: str) -> None:
    """App name, the signed-in person, the language switch and sign-out, on one row."""
    name, who, switch, out = st.columns([5, 3, 2, 1.4], vertical_alignment="center")
    name.markdown(f"**{context.t('app.title')}**")
    if user is not None:
        who.caption(context.t("app.signed_in_as",
                              name=fmt.in_sentence(md_escape(user.display_name), lang)))
    choice = switch.segmented_control(
        context.t("app.language"), ["en", "fa"] if lang == "fa" else ["fa", "en"],
        default=lang, key="lang_switch",
        format_func=lambda code: "فارسی" if code == "fa" else "English",
        label_visibility="collapsed",
    )
    if choice and choice != lang:
        st.query_params["lang"] = choice
        st.rerun()
    if user is not None and out.button(context.t("auth.sign_out"), key="sign_out",
                                       icon=":material/logout:"):
        auth.sign_out()
        st.rerun()
