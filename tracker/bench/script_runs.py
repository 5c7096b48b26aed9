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

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# drawn: not running, nothing greyed out
_SETTLED = """() => { const el = document.querySelector('[data-test-script-state]');
  return el !== null && el.getAttribute('data-test-script-state') === 'notRunning'
         && !document.querySelector('[data-stale="true"]'); }"""


class FinishedRuns:
    """Counts the runs the server reports finished on a Playwright page's websocket,
    and knows whether one is still owed: a rerun the browser asked for
    (``rerun_script``) or a run the server began (``new_session``) with no
    ``script_finished`` after it. Create it before the page opens the app (the
    websocket is watched from its start)."""

    def __init__(self, page) -> None:
        self.count = 0  # runs finished successfully
        self._seq = 0  # every message seen, in order
        self._asked = self._began = self._ended = 0  # the seq of the last of each

        def watch(ws) -> None:
            ws.on("framereceived", self._received)
            ws.on("framesent", self._sent)

        page.on("websocket", watch)

    def _received(self, payload) -> None:
        msg = _parse(ForwardMsg, payload)
        kind = msg.WhichOneof("type") if msg is not None else None
        if kind == "new_session":
            self._seq += 1
            self._began = self._seq
        elif kind == "script_finished":
            self._seq += 1
            self._ended = self._seq
            if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                self.count += 1

    def _sent(self, payload) -> None:
        msg = _parse(BackMsg, payload)
        if msg is not None and msg.WhichOneof("type") == "rerun_script":
            self._seq += 1
            self._asked = self._seq

    @property
    def owed(self) -> bool:
        """A run asked for or begun has not finished yet."""
        return self._ended < max(self._asked, self._began)

    def _wait(self, page, done, deadline: float) -> bool:
        while not done():  # Playwright delivers the frames while it waits
            if time.monotonic() > deadline:
                return False
            page.wait_for_timeout(10)
        try:
            page.wait_for_function(_SETTLED, timeout=max(1.0, deadline - time.monotonic()) * 1000,
                                   polling="raf")
        except Exception:  # noqa: BLE001  (a timeout is reported, not raised: a measure)
            return False
        return True

    def wait_after(self, page, seen: int, timeout_s: float) -> bool:
        """Wait until a run finished after the ``seen``-th one and the page shows its
        result (no element left greyed out, not running); False on timeout."""
        deadline = time.monotonic() + timeout_s
        return self._wait(page, lambda: self.count > seen and not self.owed, deadline)

    def wait_idle(self, page, timeout_s: float) -> bool:
        """Wait until no run is owed and the page shows the last one's result, still so
        after two more frames (a rerun asked for in between is waited for too)."""
        deadline = time.monotonic() + timeout_s
        while True:
            if not self._wait(page, lambda: not self.owed, deadline):
                return False
            mark = self._seq
            page.evaluate("() => new Promise(r => requestAnimationFrame("
                          "() => requestAnimationFrame(() => r(true))))")
            if self._seq == mark and not self.owed:
                return True


def _parse(kind, payload):
    """A protobuf message of ``kind`` from a binary websocket frame, or None."""
    if not isinstance(payload, (bytes, bytearray)):
        return None
    msg = kind()
    try:
        msg.ParseFromString(bytes(payload))
    except Exception:  # noqa: BLE001  (not a message of this kind)
        return None
    return msg
