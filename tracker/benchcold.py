"""Cold start of the app, and page switches, measured as a person meets them: a real
server and a browser.

Time from starting ``streamlit run`` to the sign-in page shown in Chromium (the first
page), then from pressing «ورود» to the status page's figures shown (the first page
with data, every cache cold); then, in the same session, from a click on each page in
the navigation bar to that page drawn (its script run finished, nothing left greyed
out, two frames painted), on a first visit and on a second one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tracker import config
from tracker.store.demo_accounts import demo_password

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, deadline: float) -> None:
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError("streamlit did not start")


# the front end marks its script-run state on an element for its own end-to-end tests
_WATCH_RUNS = """() => { window.__runs = [];
  const el = document.querySelector('[data-test-script-state]');
  new MutationObserver(() => window.__runs.push(
      [performance.now(), el.getAttribute('data-test-script-state')]))
    .observe(el, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
_RUN_DONE = """(t0) => { const r = window.__runs;
  const i = r.findIndex(e => e[0] >= t0 && e[1] === 'running');
  if (i < 0) return false;
  return r.some((e, k) => k > i && e[1] === 'notRunning')
         && !document.querySelector('[data-stale="true"]'); }"""
_PAINTED = """() => new Promise(r => requestAnimationFrame(
  () => requestAnimationFrame(() => r(performance.now()))))"""


def cold_start(db_path: Path, username: str = "admin") -> dict:
    """{"login_ms": start → sign-in page shown, "status_ms": sign-in → status page shown,
    "switch": {page path: [first visit ms, second visit ms]}}."""
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} is not installed"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "Playwright is not installed (bash scripts/setup.sh test)"}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="fa-IR")
        page.set_default_timeout(60_000)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "TRACKER_DB": str(db_path)}
        began = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "streamlit_app.py"),
             "--server.port", str(port), "--server.headless", "true",
             "--server.address", "127.0.0.1"],
            cwd=config.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_healthy(url, began + 60)
            page.goto(url + "/status")
            page.get_by_label("نام کاربری").wait_for()
            login_ms = (time.perf_counter() - began) * 1000
            page.get_by_label("نام کاربری").fill(username)
            page.get_by_label("گذرواژه").fill(demo_password(username))
            clicked = time.perf_counter()
            page.get_by_role("button", name="ورود").click()
            page.locator('[data-testid="stMetric"]').first.wait_for()
            status_ms = (time.perf_counter() - clicked) * 1000
            switch = page_switches(page)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            browser.close()
    return {"login_ms": login_ms, "status_ms": status_ms, "switch": switch}


def page_switches(page, rounds: int = 2) -> dict[str, list[float]]:
    """Click every page of the navigation bar in turn, ``rounds`` times; per page path,
    the ms from the click to the page drawn, per round."""
    from tracker.i18n import t
    from tracker.ui.registry import page_modules

    page.wait_for_timeout(1500)  # let the warm-up imports finish, as a person would
    page.evaluate(_WATCH_RUNS)
    nav = page.locator('[data-testid="stTopNav"]')
    order = [m.PAGE for m in page_modules()[1:]] + [page_modules()[0].PAGE]
    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for spec in order:
            title = page.get_by_text(t(spec["title"], "fa"), exact=True)
            # the top bar keeps the links it folds into its "more" menu, inert
            link = nav.get_by_test_id("stTopNavLink").filter(has=title).and_(
                page.locator(":not([inert] *)"))
            if not link.count():
                nav.get_by_test_id("stTopNavSection").first.click()
                link = page.get_by_test_id("stTopNavDropdownLink").filter(has=title)
            page.evaluate(_WATCH_RUNS)  # afresh: a page may redraw the element it watches
            began = page.evaluate("performance.now()")
            link.first.click()
            page.wait_for_function(_RUN_DONE, arg=began, timeout=60_000, polling="raf")
            times.setdefault(spec["path"], []).append(page.evaluate(_PAINTED) - began)
    return times
