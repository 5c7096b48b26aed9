"""The capacity test's figures: clicks, latency percentiles, "after a save", server
CPU and memory per phase, the report's tables and the model for a bigger machine."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Click:
    kind: str  # signin, view, edit, save, reload
    page: str
    began: float  # time.monotonic()
    ms: float
    outcome: str = "ok"  # ok, saved, conflict, refused, error
    session: int = 0


@dataclass
class Phase:
    """What one run with ``sessions`` sessions measured."""

    sessions: int
    seconds: float
    clicks: list[Click] = field(default_factory=list)
    saves_at: list[float] = field(default_factory=list)  # when each save returned
    cpu_s: float = 0.0  # server CPU (user + system) over the window
    rss_mb: float = 0.0  # server memory at the end (sum over processes)
    client_cpu_s: float = 0.0
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    errors: list[str] = field(default_factory=list)
    signed_in: int = 0
    rss_series: list[tuple[float, float]] = field(default_factory=list)  # (s, MB)


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def after_save(phase: Phase) -> list[float]:
    """Latencies of the views that came first, in their session, after someone's save."""
    out = []
    last: dict[int, float] = {}
    saves = sorted(phase.saves_at)
    for c in sorted((c for c in phase.clicks if c.kind != "signin"), key=lambda c: c.began):
        prev = last.get(c.session)
        last[c.session] = c.began
        if c.kind != "view" or prev is None:
            continue
        if any(prev < t <= c.began for t in saves):
            out.append(c.ms)
    return out


def summary(phase: Phase) -> dict:
    clicks = [c for c in phase.clicks if c.kind != "signin"]
    ms = [c.ms for c in clicks]
    saves = [c for c in clicks if c.kind == "save"]
    aft = after_save(phase)
    signins = [c.ms for c in phase.clicks if c.kind == "signin" and c.page == "status"]
    return {
        "sessions": phase.sessions, "signed_in": phase.signed_in, "seconds": phase.seconds,
        "clicks": len(clicks), "clicks_per_s": len(clicks) / phase.seconds,
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
        "after_save_p50_ms": percentile(aft, 50), "after_save_p95_ms": percentile(aft, 95),
        "after_save_n": len(aft),
        "saves": sum(c.outcome == "saved" for c in saves),
        "conflicts": sum(c.outcome == "conflict" for c in saves),
        "refused": sum(c.outcome == "refused" for c in saves),
        "errors": len(phase.errors) + sum(c.outcome == "error" for c in clicks),
        "cpu_ms_per_click": phase.cpu_s * 1000 / len(clicks) if clicks else None,
        "server_cpu_share": phase.cpu_s / phase.seconds,
        "client_cpu_share": phase.client_cpu_s / phase.seconds,
        "rss_mb": phase.rss_mb, "load": phase.load,
        "signin_p50_ms": percentile(signins, 50),
        "pages": {p: (percentile(v, 50), percentile(v, 95), len(v))
                  for p, v in _by_page(clicks).items()},
        "first_errors": phase.errors[:3],
        "rss_series": phase.rss_series,
    }


def _by_page(clicks: Sequence[Click]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for c in clicks:
        if c.kind == "view":
            out.setdefault(c.page, []).append(c.ms)
    return dict(sorted(out.items()))


def _ms(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f}"


def table(rows: Sequence[dict]) -> str:
    head = ("| processes | sessions | clicks | clicks/s | p50 ms | p95 ms | after a save "
            "p50 / p95 ms (n) | saves / conflicts / refused | server CPU ms per click | "
            "server CPU (cores) | client CPU (cores) | RSS MB | load avg (1 min) | errors |")
    lines = [head, "|" + "---|" * 14]
    for r in rows:
        lines.append(
            f"| {r.get('workers', 1)} | {r['sessions']} | {r['clicks']} | "
            f"{r['clicks_per_s']:.1f} | {_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | "
            f"{_ms(r['after_save_p50_ms'])} / {_ms(r['after_save_p95_ms'])} "
            f"({r['after_save_n']}) | {r['saves']} / {r['conflicts']} / {r['refused']} | "
            f"{_ms(r['cpu_ms_per_click'])} | {r['server_cpu_share']:.2f} | "
            f"{r['client_cpu_share']:.2f} | {r['rss_mb']:.0f} | {r['load'][0]:.1f} | "
            f"{r['errors']} |")
    return "\n".join(lines)


def pages_table(row: dict) -> str:
    lines = ["| page | p50 ms | p95 ms | clicks |", "|---|---|---|---|"]
    for page, (p50, p95, n) in row["pages"].items():
        lines.append(f"| {page} | {_ms(p50)} | {_ms(p95)} | {n} |")
    return "\n".join(lines)


#: a phase at least this long also reports how its memory grew (and when)
MEMORY_PHASE_S = 300.0


def memory_line(row: dict) -> str | None:
    """How the server's memory grew over a long phase: at 1 and 3 minutes, halfway
    and at the end, and the growth from each of the first two (the caches fill in
    the first minutes: growth after that is what a leak would show)."""
    series = row.get("rss_series") or []
    if not series or series[-1][0] < MEMORY_PHASE_S:
        return None

    def at(seconds: float) -> float:
        return min(series, key=lambda s: abs(s[0] - seconds))[1]

    end_s, end = series[-1]
    one, three, half = at(60), at(180), at(end_s / 2)
    return (f"- Memory, {row.get('workers', 1)} process(es), {row['sessions']} sessions, "
            f"{end_s / 60:.0f} minutes: {series[0][1]:.0f} MB at the start, {one:.0f} after "
            f"1 minute, {three:.0f} after 3, {half:.0f} halfway, {end:.0f} at the end: "
            f"{(end / one - 1):+.1%} from the first minute, {(end / three - 1):+.1%} from "
            f"the third.")


THINK_S = 2.0  # mean think time between clicks (uniform 1-3 s)
UTILISATION = 0.6  # a core busier than this makes queues that push p95 past 1 s


def model(rows: Sequence[dict], units: int = 145) -> dict | None:
    """Active users one core serves at p95 < 1 s, from the CPU a click costs (the median
    over the phases that met p95 < 1 s), and the cores for ``units`` people at once."""
    good = [r for r in rows if r.get("cpu_ms_per_click") and (r["p95_ms"] or 1e9) < 1000]
    if not good:
        return None
    cpu_ms = statistics.median(r["cpu_ms_per_click"] for r in good)
    per_core = UTILISATION * THINK_S * 1000 / cpu_ms
    return {"cpu_ms_per_click": cpu_ms, "users_per_core": per_core,
            "cores_for_units": math.ceil(units / per_core), "units": units,
            "best": {w: max((r["sessions"] for r in good if r.get("workers", 1) == w),
                            default=0)
                     for w in sorted({r.get("workers", 1) for r in rows})}}


def report(rows: Sequence[dict]) -> list[str]:
    """The Markdown lines of the capacity section."""
    out = ["### Capacity against the real server", "",
           "N signed-in sessions speaking Streamlit's websocket protocol to `streamlit run` "
           "(one process, or several behind nginx), each clicking a page every 1–3 s; about "
           "one in three sessions is a district editor who now and then edits a note in the "
           "status grid and saves (two editors per district on the same rows, so some saves "
           "conflict and the loser reloads). Latency: from sending the rerun to "
           "`script_finished` (everything the server spends, garbage collection included). "
           "Server CPU from /proc over the measured window; RSS at its end. The client runs "
           "on the same machine (its CPU is shown: it competes with the server).", "",
           table(rows), ""]
    for r in rows:
        if r["first_errors"]:
            out.append(f"- Errors with {r.get('workers', 1)} process(es), {r['sessions']} "
                       f"sessions: " + "; ".join(f"`{e}`" for e in r["first_errors"]))
    out.append("")
    out += [line for r in rows if (line := memory_line(r))]
    for w in sorted({r.get("workers", 1) for r in rows}):
        mine = [r for r in rows if r.get("workers", 1) == w]
        if mine:
            top = mine[-1]
            out += [f"Per page with {w} process(es) at {top['sessions']} sessions:", "",
                    pages_table(top), ""]
    m = model(rows)
    if m:
        out += [f"- Model: a click costs {m['cpu_ms_per_click']:.0f} ms of server CPU "
                f"(median over the phases with p95 < 1 s); with a think time of "
                f"{THINK_S:.0f} s and cores kept below {UTILISATION:.0%} busy, one core "
                f"(one process) serves about {m['users_per_core']:.0f} active users at "
                f"p95 < 1 s, so {m['units']} units at once need about "
                f"{m['cores_for_units']} cores (one process per core behind nginx).",
                "- Most sessions measured at p95 < 1 s: " + ", ".join(
                    f"{w} process(es): {n}" for w, n in m["best"].items()) + ".", ""]
    return out
