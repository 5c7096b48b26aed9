"""The session route and the browser's own cookie, called as the ASGI app they are: a
hand-over code (which passes through the page) is worth nothing to anyone but the
browser that signed in, and only once, for seconds; the cookie it buys is HttpOnly and
SameSite=Strict."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from starlette.applications import Starlette

from tracker.domain import calendar
from tracker.store import sessions, users
from tracker.ui.session_routes import PATH, middleware, routes

PASSWORD = "a good password"
BROWSER = "this-browsers-own-secret"


@pytest.fixture
def app(db, db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    return Starlette(routes=routes(), middleware=middleware())


@pytest.fixture
def boss(db):
    return users.get_user(db, users.bootstrap_admin(db, "boss", "رئیس", PASSWORD))


def call(app, method: str, path: str, body: bytes = b"", cookies: dict | None = None,
         origin: str | None = None) -> tuple[int, list[str]]:
    """One HTTP request through the ASGI app: its status and Set-Cookie headers."""
    headers = [(b"host", b"tracker.test")]
    if cookies:
        headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
    if origin:
        headers.append((b"origin", origin.encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": headers, "server": ("tracker.test", 80),
             "client": ("127.0.0.1", 5000), "root_path": ""}
    sent: list[dict] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    set_cookies = [v.decode() for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], set_cookies


def cookie(set_cookies: list[str], name: str):
    for header in set_cookies:
        jar = SimpleCookie()
        jar.load(header)
        if name in jar:
            return jar[name], header
    return None, None


def claim(app, code: str, browser: str | None = BROWSER):
    return call(app, "POST", PATH, code.encode(),
                cookies={sessions.BROWSER_COOKIE: browser} if browser else None)


def test_a_browser_without_its_secret_gets_one_http_only(app):
    status, set_cookies = call(app, "DELETE", PATH)
    assert status == 204
    morsel, header = cookie(set_cookies, sessions.BROWSER_COOKIE)
    assert morsel is not None and len(morsel.value) >= 40
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    # a browser that has one keeps it
    _, again = call(app, "DELETE", PATH, cookies={sessions.BROWSER_COOKIE: morsel.value})
    assert cookie(again, sessions.BROWSER_COOKIE)[0] is None


def test_the_code_buys_an_http_only_strict_cookie_once(app, db, boss):
    _, code = sessions.start(db, boss, "password", browser=BROWSER)
    status, set_cookies = claim(app, code)
    assert status == 204
    morsel, header = cookie(set_cookies, sessions.COOKIE)
    assert morsel is not None and morsel.value != code
    assert "HttpOnly" in header and "SameSite=strict" in header.replace("Strict", "strict")
    assert sessions.resume(db, morsel.value, 30)[1] == boss.id
    # reuse refused
    status, set_cookies = claim(app, code)
    assert status == 403 and cookie(set_cookies, sessions.COOKIE)[0] is None


def test_an_expired_code_is_refused(app, db, boss):
    made = calendar.now_utc() - timedelta(seconds=sessions.CLAIM_SECONDS + 1)
    _, code = sessions.start(db, boss, "password", made, browser=BROWSER)
    status, set_cookies = claim(app, code)
    assert status == 403 and cookie(set_cookies, sessions.COOKIE)[0] is None


def test_a_code_from_another_browser_is_refused_and_used_up(app, db, boss):
    sid, code = sessions.start(db, boss, "password", browser=BROWSER)
    status, set_cookies = claim(app, code, browser="someone-elses-secret")
    assert status == 403 and cookie(set_cookies, sessions.COOKIE)[0] is None
    status, _ = claim(app, code, browser=None)  # no secret at all
    assert status == 403
    status, _ = claim(app, code)  # the right browser too: the leaked code is spent
    assert status == 403 and not sessions.is_claimed(db, sid)


def test_a_request_from_another_site_is_refused(app, db, boss):
    _, code = sessions.start(db, boss, "password", browser=BROWSER)
    status, _ = call(app, "POST", PATH, code.encode(), cookies={sessions.BROWSER_COOKIE: BROWSER},
                     origin="https://evil.example")
    assert status == 403
    assert claim(app, code)[0] == 204  # untouched by the refused request
