"""Entry point: page config, language and right-to-left layout, sign-in, navigation."""

from __future__ import annotations

import streamlit as st

from tracker.ui import auth, context, theme
from tracker.ui.registry import pages_for

st.set_page_config(page_title="پایش طرح تحول بیست‌گانه", page_icon=":material/apartment:",
                   layout="wide", initial_sidebar_state="expanded")

lang = context.lang()
theme.apply(lang)

with st.sidebar:
    choice = st.segmented_control(
        context.t("app.language"), ["fa", "en"], default=lang, key="lang_switch",
        format_func=lambda code: "فارسی" if code == "fa" else "English",
    )
    if choice and choice != lang:
        st.query_params["lang"] = choice
        st.rerun()

user = auth.current_user()
if user is None:
    nav = st.navigation([st.Page(auth.render_login, title=context.t("page.login"),
                                 url_path="login", icon=":material/login:")])
else:
    with st.sidebar:
        st.caption(context.t("app.signed_in_as", name=user.display_name))
        if st.button(context.t("auth.sign_out"), key="sign_out", icon=":material/logout:"):
            auth.sign_out()
            st.rerun()
    nav = st.navigation([
        st.Page(m.render, title=context.t(m.PAGE["title"]), url_path=m.PAGE["path"],
                icon=m.PAGE.get("icon"), default=(i == 0))
        for i, m in enumerate(pages_for(user))
    ])
nav.run()
