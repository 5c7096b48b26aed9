"""The app's own HTTP route beside Streamlit's: the session cookie.

Streamlit answers every request of the app over its WebSocket, which cannot set a
cookie, and a cookie set by JavaScript cannot be HttpOnly. So ``streamlit_app.py``
serves the app as ``st.App(..., routes=routes())`` (Streamlit's public ASGI mode, which
``streamlit run`` picks up by itself) with one more route, :data:`PATH`:

* ``POST`` with a one-time hand-over code as the body (sent by the page right after a
  sign-in, see :func:`tracker.ui.auth.sync_cookie`): the store trades it for the
  session's token (:func:`tracker.store.sessions.claim`), which goes back only as an
  HttpOnly, SameSite=Strict cookie for the whole site (never in the address, never
  readable by scripts). The code passes through the page, so it is worth little: good
  once, for seconds, and only with the cookie of the browser that signed in.

:class:`BrowserCookie` (middleware) gives every browser that secret the first time it
asks for anything: a random value in an HttpOnly cookie (:data:`sessions.BROWSER_COOKIE`)
that the Streamlit session reads at sign-in (``st.context.cookies``) and the store binds
the hand-over code to.
* ``DELETE`` (after a sign-out, which has ended the session in the store): removes the
  cookie, unless it belongs to a session that lasts (another tab signed in again).

A new Streamlit session (a reload, a second tab) reads the cookie from
``st.context.cookies`` and resumes the stored session.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tracker import config
from tracker.store import sessions

PATH = "/_tracker/session"
MAX_BODY = 512


def _db():
    from tracker.ui.context import db  # the schema brought up to date once per process

    return db()


def _claim(code: str, browser: str | None) -> str | None:
    return sessions.claim(_db(), code, browser=browser)


def _live(token: str | None) -> bool:
    return sessions.token_live(_db(), token, config.idle_minutes())


def _same_origin(request: Request) -> bool:
    """A browser's request from another site names that site in ``Origin``: refused."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _https(request: Request) -> bool:
    return (request.url.scheme == "https"
            or request.headers.get("x-forwarded-proto", "").lower() == "https")


def _answer(status: int) -> Response:
    return Response(status_code=status, headers={"Cache-Control": "no-store"})


async def session_cookie(request: Request) -> Response:
    if not _same_origin(request):
        return _answer(403)
    if request.method == "DELETE":
        response = _answer(204)
        if not await run_in_threadpool(_live, request.cookies.get(sessions.COOKIE)):
            response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict",
                                   secure=_https(request))
        return response
    body = (await request.body())[:MAX_BODY].decode("ascii", "ignore").strip()
    token = await run_in_threadpool(_claim, body,
                                    request.cookies.get(sessions.BROWSER_COOKIE))
    if token is None:
        return _answer(403)
    response = _answer(204)
    response.set_cookie(sessions.COOKIE, token, max_age=config.session_days() * 86400,
                        path="/", httponly=True, samesite="strict", secure=_https(request))
    return response


def _has_browser_cookie(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed header: give a new secret
                return False
            if sessions.BROWSER_COOKIE in jar and jar[sessions.BROWSER_COOKIE].value:
                return True
    return False


class BrowserCookie:
    """ASGI middleware: an HTTP answer to a browser without :data:`sessions.BROWSER_COOKIE`
    sets it (random, HttpOnly, SameSite=Lax so that following a link keeps it, for the
    browser's session). WebSocket and lifespan traffic pass untouched."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or _has_browser_cookie(scope.get("headers", [])):
            await self.app(scope, receive, send)
            return
        value = secrets.token_urlsafe(32)
        secure = "; Secure" if _scheme(scope) == "https" else ""

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", f"{sessions.BROWSER_COOKIE}={value}; Path=/; "
                                             f"HttpOnly; SameSite=Lax{secure}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _scheme(scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-proto":
            return value.decode("latin-1").strip().lower()
    return str(scope.get("scheme", "http"))


def routes() -> list[Route]:
    """The routes ``st.App`` serves beside Streamlit's."""
    return [Route(PATH, session_cookie, methods=["POST", "DELETE"])]


def middleware() -> list:
    """The middleware ``st.App`` runs before Streamlit's."""
    from starlette.middleware import Middleware

    return [Middleware(BrowserCookie)]
