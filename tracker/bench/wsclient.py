"""A Streamlit session spoken directly over the websocket, as the front end speaks it.

The browser's front end and the server exchange protobufs on ``/_stcore/stream``: the
client sends a ``BackMsg`` whose ``rerun_script`` holds the page (by its script hash,
or its url path on the first run), the query string and the widgets' values; the
server answers with ``ForwardMsg`` deltas (the elements drawn) and, when the script
run ends, ``script_finished``. A click is one such rerun; its latency runs from
sending the ``BackMsg`` to the ``script_finished`` that ends the run it caused (a run
that ends "early for a rerun", after ``st.rerun()``, is followed by the next one).

Widgets are known by the ids the server gives them (``$$ID-<hash>-<key>``): a session
learns them from the deltas and sends values for them the way the front end does.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

_EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
_ALERT_KINDS = {1: "error", 2: "warning", 3: "info", 4: "success"}


def run_sync(coro: Any, timeout: float | None = None) -> Any:
    """Run a coroutine to its end from synchronous code, in a thread of its own: the
    calling thread may already have an event loop running (Playwright's sync API keeps
    one), and ``asyncio.run`` refuses to start inside it."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-ws") as pool:
        return pool.submit(asyncio.run, coro).result(timeout)


class SessionError(RuntimeError):
    """The server closed the session or did not finish a run in time."""


@dataclass
class RunResult:
    """What one click's script run(s) showed."""

    ms: float
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    metrics: dict[str, str] = field(default_factory=dict)  # label -> value
    exception: str | None = None


class Session:
    """One browser tab's session (``async with Session(url) as s: await s.run(...)``)."""

    def __init__(self, url: str, cookie: str | None = None, timeout: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.cookie = cookie
        self.timeout = timeout
        self.widgets: dict[str, tuple[str, str]] = {}  # user key -> (kind, widget id)
        self.buttons: dict[str, str] = {}  # label -> widget id (buttons without a key)
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue = asyncio.Queue()
        self._current: RunResult | None = None

    async def __aenter__(self) -> Session:
        import websockets

        ws_url = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else None
        self._ws = await asyncio.wait_for(websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, compression=None,
            additional_headers=headers, open_timeout=self.timeout, ping_interval=None),
            self.timeout)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._reader:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()

    async def run(self, page: str | None = None, query: str = "",
                  widgets: dict[str, Any] | None = None,
                  triggers: tuple[str, ...] = ()) -> RunResult:
        """One click: rerun on ``page`` (url path; None: the current page) with the
        query string and the widgets' values (by user key; ``triggers`` are buttons
        pressed, by key or label); waits until the run it caused has finished."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query
        if page is not None:
            if page in self.pages:
                cs.page_script_hash = self.pages[page]
            else:
                cs.page_name = page
        else:
            cs.page_script_hash = self.page_hash
        for key, value in (widgets or {}).items():
            cs.widget_states.widgets.append(self._state(key, value))
        for key in triggers:
            ws = WidgetState(id=self._widget_id(key), trigger_value=True)
            cs.widget_states.widgets.append(ws)
        while not self._finished.empty():
            self._finished.get_nowait()
        self._current = RunResult(0.0)
        began = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        try:
            while True:
                status = await asyncio.wait_for(self._finished.get(), self.timeout)
                if status != _EARLY:
                    break
        except TimeoutError as exc:
            raise SessionError(f"no script_finished within {self.timeout} s") from exc
        result = self._current
        result.ms = (time.perf_counter() - began) * 1000
        return result

    def _widget_id(self, key: str) -> str:
        if key in self.widgets:
            return self.widgets[key][1]
        if key in self.buttons:
            return self.buttons[key]
        raise SessionError(f"no widget {key!r} on the page")

    def _state(self, key: str, value: Any) -> WidgetState:
        ws = WidgetState(id=self._widget_id(key))
        if isinstance(value, bool):
            ws.bool_value = value
        elif isinstance(value, str):
            ws.string_value = value
        elif isinstance(value, dict):  # a data editor's edits: a JSON string
            ws.string_value = json.dumps(value)
        elif isinstance(value, int):
            ws.int_value = value
        else:
            ws.double_value = float(value)
        return ws

    def find_key(self, suffix: str = "", prefix: str = "") -> str | None:
        """The user key of a widget on the page whose key ends with ``suffix`` and
        starts with ``prefix`` (the last one drawn)."""
        found = [k for k in self.widgets if k.endswith(suffix) and k.startswith(prefix)]
        return found[-1] if found else None

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg)
        except Exception:  # the connection closed: a waiting run times out
            pass
        finally:
            await self._finished.put(None)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta":
            self._delta(msg.delta)
        elif kind == "new_session":
            self.widgets.clear()
            self.buttons.clear()
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "script_finished":
            self._finished.put_nowait(msg.script_finished)

    def _delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        which = el.WhichOneof("type")
        if which is None:
            return
        proto = getattr(el, which)
        result = self._current
        if which == "alert" and result is not None:
            result.alerts.append((_ALERT_KINDS.get(proto.format, str(proto.format)), proto.body))
        elif which == "metric" and result is not None:
            result.metrics[proto.label] = proto.body
        elif which == "exception" and result is not None:
            result.exception = f"{proto.type}: {proto.message}"
        wid = getattr(proto, "id", "") if "id" in proto.DESCRIPTOR.fields_by_name else ""
        if wid:
            key = wid.split("-", 2)[2] if wid.startswith("$$ID-") and wid.count("-") >= 2 else wid
            if key in ("None", ""):
                label = getattr(proto, "label", "")
                if label:
                    self.buttons[label] = wid
            else:
                self.widgets[key] = (which, wid)
