"""After a save the grid says what was written: "{n} row(s) saved." as a success, or,
when the values entered were the ones already saved, that nothing changed (it used
to say "0 row(s) saved.")."""

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from tracker.ui.grid import GridState, saved, show_flash

    state = GridState("g", "g_nonce", "g_flash", "st.newer", "st.help")
    if st.button("none"):
        saved(state, 0)
        st.rerun()
    if st.button("two"):
        saved(state, 2)
        st.rerun()
    show_flash(state)


def _run(lang: str, button: int) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.session_state["g_nonce"] = 7  # the grid's nonce: reset moves it on
    at.button[button].click().run()
    assert not at.exception, at.exception
    return at


def test_rows_written_are_a_success_with_their_count():
    at = _run("en", 1)
    assert [s.value for s in at.success] == ["2 row(s) saved."]
    assert not at.info
    assert at.session_state["g_nonce"] == 8
    at.run()  # shown once
    assert not at.success


def test_nothing_written_says_nothing_changed_and_is_no_success():
    at = _run("en", 0)
    assert not at.success
    assert [i.value for i in at.info] == [
        "Nothing changed: the values entered were the ones already saved."]


def test_in_persian_with_persian_digits():
    at = _run("fa", 1)
    assert [s.value for s in at.success] == ["۲ ردیف ذخیره شد."]
    at = _run("fa", 0)
    assert [i.value for i in at.info] == [
        "چیزی تغییر نکرد: مقدارهای واردشده همان مقدارهای ذخیره‌شده بودند."]
