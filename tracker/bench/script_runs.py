"""Script runs seen from the browser's side, counted exactly.

The server reports the end of every script run on the page's websocket
(``script_finished`` in Streamlit's protocol, read with its own protobuf classes, as
:mod:`tracker.bench.wsclient` does). The front end's ``data-test-script-state``
attribute is no count: when a run is quick, "running" and "not running" can reach the
page in one render and the attribute never changes, so a watch on it waited for ever on
about one page switch in five under load. Used by the cold-start measure and by the
browser tests' waits.
"""

from __future__ import annotations

import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# drawn: not running, nothing greyed out
_SETTLED = """() => { const el = document.querySelector('[data-test-script-state]');
  return el !== null && el.getAttribute('data-test-script-state') === 'notRunning'
         && !document.querySelector('[data-stale="true"]'); }"""


class FinishedRuns:
    """Counts the runs the server reports finished on a Playwright page's websocket.
    Create it before the page opens the app (the websocket is watched from its start)."""

    def __init__(self, page) -> None:
        self.count = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:  # noqa: BLE001  (not a message of ours to count)
            return
        if (msg.WhichOneof("type") == "script_finished"
                and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY):
            self.count += 1

    def wait_after(self, page, seen: int, timeout_s: float) -> bool:
        """Wait until a run finished after the ``seen``-th one and the page shows its
        result (no element left greyed out, not running); False on timeout."""
        deadline = time.monotonic() + timeout_s
        while self.count <= seen:  # Playwright delivers the frames while it waits
            if time.monotonic() > deadline:
                return False
            page.wait_for_timeout(10)
        try:
            page.wait_for_function(_SETTLED, timeout=max(1.0, deadline - time.monotonic()) * 1000,
                                   polling="raf")
        except Exception:  # noqa: BLE001  (a timeout is reported, not raised: a measure)
            return False
        return True

