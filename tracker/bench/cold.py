"""Cold start of the app, and page switches, measured as a person meets them: a real
server and a browser.

Time from starting ``streamlit run`` to the sign-in page shown in Chromium (the first
page), then from pressing «ورود» to the status page's figures shown (the first page
with data, every cache cold); then, in the same session, from a click on each page in
the navigation bar to that page drawn (its script run finished, nothing left greyed
out, two frames painted), on a first visit and on a second one.
"""

from __future__ import annotations

import time
from pathlib import Path

from tracker.bench.script_runs import FinishedRuns
from tracker.demo.accounts import demo_password
from tracker.serve import start_app_process, stop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


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
        # wide enough that every page's link is in the top bar (at 1366 px the last two
        # fold into Streamlit's "more" menu, where they cannot be clicked directly)
        page = browser.new_page(viewport={"width": 1920, "height": 900}, locale="fa-IR")
        page.set_default_timeout(60_000)
        runs = FinishedRuns(page)  # before the page opens its websocket
        began = time.perf_counter()
        proc = None
        try:
            # a free port, tried again if someone takes it first; ready once it answers
            # from its own socket
            proc, port = start_app_process(db_path)
            url = f"http://127.0.0.1:{port}"
            page.goto(url + "/status")
            page.get_by_label("نام کاربری").wait_for()
            login_ms = (time.perf_counter() - began) * 1000
            page.get_by_label("نام کاربری").fill(username)
            page.get_by_label("گذرواژه").fill(demo_password(username))
            clicked = time.perf_counter()
            page.get_by_role("button", name="ورود").click()
            page.locator('[data-testid="stMetric"]').first.wait_for()
            status_ms = (time.perf_counter() - clicked) * 1000
            switch = page_switches(page, runs)
        finally:
            stop(proc)
            browser.close()
    return {"login_ms": login_ms, "status_ms": status_ms, "switch": switch}


def page_switches(page, runs: FinishedRuns, rounds: int = 2) -> dict[str, list[float]]:
    """Click every page of the navigation bar in turn, ``rounds`` times; per page path,
    the ms from the click to the page drawn, per round."""
    from tracker.domain.i18n import t
    from tracker.ui.registry import page_modules

    nav = page.locator('[data-testid="stTopNav"]')
    order = ([m.PAGE for m in page_modules()[1:] if not m.PAGE.get("hidden")]
             + [page_modules()[0].PAGE])  # hidden pages have no link in the bar
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
            seen = runs.count
            began = page.evaluate("performance.now()")
            link.first.click()
            if not runs.wait_after(page, seen, 120.0):  # reported as a timeout: a measure
                times.setdefault(spec["path"], []).append(float("nan"))
                continue
            times.setdefault(spec["path"], []).append(page.evaluate(_PAINTED) - began)
    return times
