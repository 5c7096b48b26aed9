"""A sign-in's hand-over code is bound to the browser that signed in.

``claim_browser`` holds the SHA-256 of the browser's own random cookie (HttpOnly, set
by the app's middleware, tracker/ui/session_routes.py) as the Streamlit session saw it
at sign-in; the code is traded for the session cookie only by a request carrying that
same cookie, so a code read from the page elsewhere is worthless.
"""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

ORDER = 26  # after sessions
migrations = Migrations("session_binding")


@migrations()
def m001_claim_browser(db):
    db.execute("ALTER TABLE sessions ADD COLUMN claim_browser TEXT")
