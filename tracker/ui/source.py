"""Where a sign-in attempt comes from: the client's address, for throttling by source.

Streamlit 1.67 gives the WebSocket peer as ``st.context.ip_address`` (``None`` for
localhost). Behind reverse proxies set ``TRACKER_TRUSTED_PROXIES`` to how many of them
append to ``X-Forwarded-For``: the address the outermost trusted proxy saw is used
(earlier entries are the client's own claims, which anyone can forge).
"""

from __future__ import annotations

import streamlit as st

from tracker import config


def client_source() -> str:
    """The client's address as this deployment can trust it; ``local`` for localhost."""
    try:
        hops = config.trusted_proxies()
        if hops:
            values = st.context.headers.get_all("X-Forwarded-For") or []
            chain = [a.strip() for v in values if isinstance(v, str)
                     for a in v.split(",") if a.strip()]
            if len(chain) >= hops:
                return chain[-hops][:100]
        ip = st.context.ip_address
        return ip[:100] if isinstance(ip, str) and ip else "local"
    except Exception:  # no client context (a script run outside a session)
        return "local"
