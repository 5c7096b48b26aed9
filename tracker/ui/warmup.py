"""Importing what the first page after sign-in needs while the person signs in.

The sign-in page imports no pandas, sqlite-utils or page module, so it shows fast on a
cold server; once it is shown, a background thread imports them, so that the first
page after «ورود» does not pay for the imports either. Once per process.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence

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


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the page's own import shows the error to the person
            _log.exception("warm-up import of %s failed", name)
