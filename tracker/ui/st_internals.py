"""Every use of Streamlit's (and its Starlette server's) private internals, in one place.

Each function says which internal it relies on (checked against Streamlit 1.67), so an
upgrade has one file to review. Nothing else in the app imports private Streamlit names.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_XSRF_COOKIE = "_streamlit_xsrf"
_LOCK = threading.Lock()
_GUARD_INSTALLED = False
_PROTECTED: dict[str, set[bytes]] = {}  # media file id -> browser tokens that may fetch it
_MAX_PROTECTED = 20_000
_local = threading.local()


def browser_token() -> bytes | None:
    """The browser's XSRF token of this session (the token bytes inside Streamlit's
    ``_streamlit_xsrf`` cookie, which the browser sends with every request to the app),
    or ``None`` when there is none (XSRF protection off, or no browser: AppTest).

    Internals: the cookie's name and ``decode_xsrf_token_string`` from
    ``streamlit.web.server.starlette.starlette_app_utils`` (the cookie is masked anew
    on every page load; the token inside stays the same for the browser).
    """
    import streamlit as st

    try:
        raw = st.context.cookies.get(_XSRF_COOKIE)
    except Exception:  # noqa: BLE001 - no session context (bare mode)
        return None
    return _decode(raw) if raw else None


def _decode(raw: str | None) -> bytes | None:
    """Token bytes of an XSRF cookie value (internal: Streamlit's decoder)."""
    if not raw:
        return None
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    token, _ = decode_xsrf_token_string(raw)
    return token or None


def install_media_guard() -> None:
    """Guard Streamlit's ``/media/<file id>`` route, once per process.

    Streamlit serves what ``st.image`` and ``st.download_button`` hand it from
    ``/media/<file id>`` to any client that asks, with no session. After this, a media
    file created inside :func:`protected_media` is served only to a request carrying
    the XSRF cookie of the browser it was made for (anyone else gets 404), and every
    media response carries ``X-Content-Type-Options: nosniff``.

    Internals:
    - ``starlette.routing.Route.handle`` is wrapped at class level (looked up per
      request, so this works on the running server); the media route is recognised by
      its path ``.../media/{file_id:path}`` (``starlette_routes._ROUTE_MEDIA``);
    - the runtime's media storage (``Runtime.instance().media_file_mgr._storage``, a
      ``MemoryMediaFileStorage``) has its ``load_and_get_id`` wrapped on the instance,
      so file ids made while :func:`protected_media` is active are recorded.
    """
    global _GUARD_INSTALLED
    if _GUARD_INSTALLED:
        return
    with _LOCK:
        if _GUARD_INSTALLED:
            return
        from starlette.routing import Route
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return
        storage = Runtime.instance().media_file_mgr._storage
        original_load = storage.load_and_get_id

        def load_and_get_id(*args, **kwargs):
            file_id = original_load(*args, **kwargs)
            tokens = getattr(_local, "tokens", None)
            if tokens:
                _protect(file_id, tokens)
            return file_id

        storage.load_and_get_id = load_and_get_id
        original_handle = Route.handle

        async def handle(self, scope, receive, send):
            if scope.get("type") != "http" or not self.path.endswith("/media/{file_id:path}"):
                return await original_handle(self, scope, receive, send)
            file_id = scope.get("path", "").rsplit("/", 1)[-1].split(".", 1)[0]
            allowed = _PROTECTED.get(file_id)
            if allowed is not None and _request_token(scope) not in allowed:
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse("Not found", status_code=404,
                                             headers={"X-Content-Type-Options": "nosniff"})
                return await response(scope, receive, send)

            async def send_nosniff(message):
                if message.get("type") == "http.response.start":
                    headers = list(message.get("headers") or [])
                    headers.append((b"x-content-type-options", b"nosniff"))
                    if allowed is not None:
                        headers.append((b"cache-control", b"private, no-store"))
                    message = {**message, "headers": headers}
                await send(message)

            return await original_handle(self, scope, receive, send_nosniff)

        Route.handle = handle
        _GUARD_INSTALLED = True


def _protect(file_id: str, tokens: set[bytes]) -> None:
    with _LOCK:
        if len(_PROTECTED) > _MAX_PROTECTED:  # ids of long-gone files: start afresh
            _PROTECTED.clear()
        _PROTECTED.setdefault(file_id, set()).update(tokens)


def _request_token(scope: dict) -> bytes | None:
    """The XSRF token in a raw ASGI request's cookies (internal: the cookie's name)."""
    from http.cookies import SimpleCookie

    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header: no token
                return None
            morsel = jar.get(_XSRF_COOKIE)
            return _decode(morsel.value) if morsel else None
    return None


@contextmanager
def protected_media(token: bytes) -> Iterator[None]:
    """Media files that ``st.image`` / ``st.download_button`` create inside this block
    (in this thread) are served only to the browser holding ``token``
    (:func:`browser_token`). See :func:`install_media_guard` for the internals."""
    install_media_guard()
    previous = getattr(_local, "tokens", None)
    _local.tokens = {token}
    try:
        yield
    finally:
        _local.tokens = previous


def is_protected(file_id: str) -> bool:
    """Is this media file id bound to a browser (for tests)?"""
    return file_id in _PROTECTED
