"""Capacity: N signed-in sessions against the real server, clicking with think times.

The server is ``streamlit run`` (one process, or several behind nginx:
:class:`tracker.serve.Cluster`) on this machine. Each session speaks Streamlit's
websocket protocol (:mod:`tracker.bench.wsclient`): it signs in through the sign-in
form's widgets (the password is checked as for a person), then clicks a page every
1–3 s. Editors open their district's status grid now and then, edit a note and
save; two editors share each district and the same few rows, so some saves conflict
(the loser reloads, as a person would). A click's latency runs from sending the
rerun to the server's ``script_finished``: everything the server spends, its garbage
collection included. Server CPU comes from ``/proc/<pid>/stat`` over the measured
window, memory from ``VmRSS``.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracker.bench.figures import Click, Phase, summary, table
from tracker.bench.wsclient import RunResult, Session, SessionError, run_sync
from tracker.domain.i18n import catalogue

READER_PAGES = ("", "overview", "compare", "league", "year-end", "plan", "visits")
# the words of the conflict message after its count (Persian, the sessions' language)
_CONFLICT = catalogue()["err.conflict"][0].split("{count}", 1)[1].strip()[:20]


@dataclass
class Account:
    username: str
    password: str
    district: int | None  # an editor's district (None: reads only)


# -- server figures from /proc ----------------------------------------------------

def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- one session ------------------------------------------------------------------

async def _sign_in(s: Session, account: Account, clicks: list[Click], i: int) -> None:
    began = time.monotonic()
    r = await s.run("")
    clicks.append(Click("signin", "login", began, r.ms, session=i))
    submit = s.find_key(prefix="FormSubmitter:login_form")
    if submit is None:
        raise SessionError("no sign-in form")
    began = time.monotonic()
    r = await s.run(None, widgets={"login_username": account.username,
                                   "login_password": account.password}, triggers=(submit,))
    if not s.pages or r.exception or any(k == "error" for k, _ in r.alerts):
        raise SessionError(f"sign-in of {account.username} failed: {r.alerts or r.exception}")
    clicks.append(Click("signin", "status", began, r.ms, session=i))


def _outcome(r: RunResult, phase: Phase | None = None) -> str:
    if r.exception:
        if phase is not None and len(phase.errors) < 20:
            phase.errors.append(f"page exception: {r.exception}"[:300])
        return "error"
    for kind, text in r.alerts:
        if kind == "error":
            return "conflict" if _CONFLICT in text else "refused"
    return "saved" if any(k == "success" for k, _ in r.alerts) else "ok"


async def _edit_and_save(s: Session, i: int, account: Account, year: int,
                         rng: random.Random, phase: Phase, stop_at: float) -> None:
    query = f"year={year}&district={account.district}&zone=0"
    began = time.monotonic()
    r = await s.run("", query=query)
    phase.clicks.append(Click("view", "status", began, r.ms, _outcome(r, phase), i))
    editor = s.find_key(suffix="_d", prefix=f"grid_{year}_{account.district * 100}_")
    save = s.find_key(suffix="_save", prefix=f"grid_{year}_{account.district * 100}_")
    if editor is None or save is None:
        phase.errors.append(f"{account.username}: no editable grid")
        return
    await asyncio.sleep(rng.uniform(1, 3))
    if time.monotonic() >= stop_at:
        return
    row = rng.randrange(3)  # two editors per district share these rows: some conflict
    edits = {"edited_rows": {str(row): {"notes": f"bench {i} {rng.randrange(10**6)}"}},
             "added_rows": [], "deleted_rows": []}
    began = time.monotonic()
    r = await s.run(None, query=query, widgets={editor: edits})  # the cell edited
    phase.clicks.append(Click("edit", "status", began, r.ms, _outcome(r, phase), i))
    await asyncio.sleep(rng.uniform(1, 3))
    began = time.monotonic()
    r = await s.run(None, query=query, widgets={editor: edits}, triggers=(save,))
    outcome = _outcome(r, phase)
    phase.clicks.append(Click("save", "status", began, r.ms, outcome, i))
    if outcome == "saved":
        phase.saves_at.append(time.monotonic())
    elif outcome == "conflict":
        reload = s.find_key(suffix="_reload", prefix=f"grid_{year}_{account.district * 100}_")
        if reload:
            began = time.monotonic()
            r = await s.run(None, query=query, triggers=(reload,))
            phase.clicks.append(Click("reload", "status", began, r.ms, _outcome(r, phase), i))


async def _session(i: int, url: str, account: Account, year: int, phase: Phase,
                   signed: asyncio.Semaphore, go: asyncio.Event, ready: list[int],
                   stop_at: Callable[[], float], rng: random.Random,
                   save_share: float) -> None:
    try:
        async with Session(url, cookie=f"tracker_node=bench-{i}") as s:
            async with signed:  # a few sign-ins at a time, as people arrive
                await _sign_in(s, account, phase.clicks, i)
            ready.append(i)
            await go.wait()
            pages = [p for p in READER_PAGES if p in s.pages]
            await asyncio.sleep(rng.uniform(0, 3))
            while time.monotonic() < stop_at():
                if account.district is not None and rng.random() < save_share:
                    await _edit_and_save(s, i, account, year, rng, phase, stop_at())
                else:
                    page = rng.choice(pages)
                    began = time.monotonic()
                    r = await s.run(page, query=f"year={year}")
                    phase.clicks.append(Click("view", page or "status", began, r.ms,
                                              _outcome(r, phase), i))
                await asyncio.sleep(rng.uniform(1, 3))
    except (SessionError, OSError, TimeoutError) as exc:
        phase.errors.append(f"session {i} ({account.username}): {exc}"[:300])


async def _run_phase(url: str, accounts: Sequence[Account], year: int, seconds: float,
                     pids: Sequence[int], seed: int, save_share: float,
                     signin_timeout: float, rss_every: float = 10.0) -> Phase:
    phase = Phase(len(accounts), seconds)
    signed = asyncio.Semaphore(4)
    go = asyncio.Event()
    ready: list[int] = []
    window = {"stop": float("inf")}
    tasks = [asyncio.create_task(_session(i, url, a, year, phase, signed, go, ready,
                                          lambda: window["stop"],
                                          random.Random(seed * 1000 + i), save_share))
             for i, a in enumerate(accounts)]
    # start when every session has signed in (or given up), with a time limit
    deadline = time.monotonic() + signin_timeout
    while len(ready) + len(phase.errors) < len(accounts) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    phase.signed_in = len(ready)
    cpu0 = sum(cpu_seconds(p) for p in pids)
    client0 = time.process_time()
    began = time.monotonic()
    window["stop"] = began + seconds
    go.set()

    async def sample() -> None:  # the server's memory through the window
        while True:
            phase.rss_series.append((time.monotonic() - began, sum(rss_mb(p) for p in pids)))
            await asyncio.sleep(rss_every)

    sampler = asyncio.create_task(sample())
    await asyncio.wait(tasks, timeout=seconds + 120)
    sampler.cancel()
    for task in tasks:
        task.cancel()
    phase.cpu_s = sum(cpu_seconds(p) for p in pids) - cpu0
    phase.client_cpu_s = time.process_time() - client0
    phase.rss_mb = sum(rss_mb(p) for p in pids)
    phase.load = os.getloadavg()
    phase.clicks = [c for c in phase.clicks if c.kind == "signin" or began <= c.began]
    return phase


def run_phase(url: str, accounts: Sequence[Account], year: int, seconds: float,
              pids: Sequence[int], seed: int = 1405, save_share: float = 0.3,
              signin_timeout: float = 300.0, rss_every: float = 10.0) -> Phase:
    """``len(accounts)`` sessions clicking for ``seconds`` against ``url`` (the server's
    memory sampled every ``rss_every`` seconds)."""
    return run_sync(_run_phase(url, accounts, year, seconds, pids, seed, save_share,
                               signin_timeout, rss_every))


def mix(accounts: Sequence[Account], readers: Sequence[Account], n: int) -> list[Account]:
    """``n`` sessions: session 0 and every third one an editor, two per district (so
    they can conflict), the others readers."""
    out, editors = [], 0
    for i in range(n):
        if i % 3 == 0 and accounts:
            out.append(accounts[(editors // 2) % len(accounts)])
            editors += 1
        else:
            out.append(readers[i % len(readers)])
    return out


def capacity(db_path: Path, sessions: Sequence[int], seconds: float, workers: int,
             prefix: Path, accounts: Sequence[Account], readers: Sequence[Account],
             year: int, log: Callable[[str], None] | None = None,
             stop_p95_ms: float | None = 5000) -> list[dict]:
    """One server (``workers`` processes; behind nginx when more than one) over
    ``db_path``; a phase per entry of ``sessions``. Stops early once the p95 passes
    ``stop_p95_ms`` (the machine is saturated)."""
    from tracker.serve import Cluster, start_app_process, stop

    rows = []
    cluster = proc = None
    try:
        if workers > 1:
            cluster = Cluster(workers, prefix, db_path)
            cluster.start()
            url, pids = cluster.url, cluster.pids()
        else:
            prefix.mkdir(parents=True, exist_ok=True)
            proc, port = start_app_process(db_path, log=prefix / "app.log")
            url, pids = f"http://127.0.0.1:{port}", [proc.pid]
        for n in sessions:
            phase = run_phase(url, mix(accounts, readers, n), year, seconds, pids)
            row = {"workers": workers, **summary(phase)}
            rows.append(row)
            if log:
                log(table([row]).splitlines()[-1])
            if stop_p95_ms and (row["p95_ms"] or 0) > stop_p95_ms:
                break
    finally:
        if cluster is not None:
            cluster.close()
        stop(proc)
    return rows


# -- accounts and the model ----------------------------------------------------------

def bench_accounts(db_path: Path) -> tuple[list[Account], list[Account]]:
    """(editors, readers) of a benchmark database (see :mod:`tracker.bench.activity`)."""
    from tracker.bench.activity import READER, bench_password, editor_name
    from tracker.bench.load import editor_districts
    from tracker.db import connect
    from tracker.demo.accounts import demo_password

    db = connect(db_path)
    try:
        districts = editor_districts(db, editor_name(0)[:-1])
    finally:
        db.conn.close()
    editors = [Account(editor_name(d), bench_password(editor_name(d)), d) for d in districts]
    readers = [Account(READER, bench_password(READER), None),
               Account("admin", demo_password("admin"), None)]
    return editors, readers


