"""Running the whole app with AppTest over a demo database, for the comparison pages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tracker.db import connect
from tracker.store.users import get_user_by_username

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def open_page(db_file: Path, page: str, username: str = "admin", **query) -> AppTest:
    """The app signed in as a stored demo account, on ``tracker/pages/<page>.py``."""
    conn = connect(db_file)
    try:
        user = get_user_by_username(conn, username)
    finally:
        conn.conn.close()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["auth_user"] = user
    for key, value in query.items():
        at.query_params[key] = str(value)
    at.switch_page(f"tracker/pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)
