"""Importing what the first page after sign-in needs while the person signs in, and
what the sign-in page's first run needs while the browser loads the front end.

The sign-in page imports no pandas, sqlite-utils or page module, so it shows fast on a
cold server; once it is shown, a background thread imports them, so that the first
page after «ورود» does not pay for the imports either. Once per process.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_started: threading.Thread | None = None


def start(modules: Sequence[str]) -> threading.Thread:
    """Import ``modules`` in a daemon thread (the first call only); the thread."""
    global _started
    with _lock:
        if _started is None:
            _started = threading.Thread(target=_import_all, args=(tuple(modules),),
                                        name="tracker-warmup", daemon=True)
            _started.start()
        return _started


#: what the sign-in page's first run imports that the server's start does not: the
#: language switch's labels go through Streamlit's emoji check, whose module compiles
#: a regular expression of every emoji on import (about 0.2 s), and the app's shell
FIRST_RUN = ("streamlit.emojis", "tracker.ui.shell")


def preload(modules: Sequence[str] = FIRST_RUN) -> threading.Thread:
    """Import ``modules`` in a daemon thread now: called as the server starts, so that
    they are imported while the browser loads the front end (the server is idle then)
    rather than in the first run, which the person waits for."""
    thread = threading.Thread(target=_import_all, args=(tuple(modules),),
                              name="tracker-preload", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(app: object) -> AsyncIterator[None]:
    """The app's lifespan (``st.App(..., lifespan=...)``): :func:`preload` once the
    server has started, so it does not compete with the server's own start."""
    preload()
    yield None


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the page's own import shows the error to the person
            _log.exception("warm-up import of %s failed", name)
