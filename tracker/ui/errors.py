"""The friendly error page: an unexpected exception while a page draws is logged to
the server log with its trace, and the person sees a short message in their language,
never a stack trace or a server path (``client.showErrorDetails = "none"`` in
``.streamlit/config.toml`` covers anything that escapes this)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from tracker.domain.errors import TrackerError
from tracker.domain.i18n import t
from tracker.domain.plaintext import md_escape

LOG = logging.getLogger("tracker.ui")


@contextmanager
def friendly_errors(lang: str) -> Iterator[None]:
    """Run a page; turn any exception (but Streamlit's own rerun/stop) into a message."""
    try:
        yield
    except TrackerError as exc:  # a refusal no page caught: its own message is clear
        LOG.warning("uncaught %s on a page: %s", type(exc).__name__, exc.key)
        st.error(md_escape(exc.message(lang)), icon=":material/error:")
    except Exception:  # noqa: BLE001 — the person sees a message, the log keeps the trace
        LOG.exception("unexpected error while drawing a page")
        st.error(t("guard.error_page", lang), icon=":material/error:")
