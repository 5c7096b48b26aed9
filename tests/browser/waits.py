"""Waiting for the app in a real browser on conditions, never for fixed times.

- :func:`watch_runs` / :func:`wait_for_rerun`: an edit in a grid makes Streamlit rerun
  the script; watch before the edit, then wait until a run has started *and* ended
  (a wait for "not running" alone passes before the rerun has even begun). On a page
  made by the ``page`` fixture the runs are counted from the server's own
  ``script_finished`` messages (:mod:`tracker.bench.script_runs`: exact, even when a
  quick run never changes the front end's run-state attribute); elsewhere from that
  attribute.
- :func:`next_frame`: after a scroll, wait for the browser to draw, not for a time.
"""

from __future__ import annotations

import weakref

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tracker.bench.script_runs import FinishedRuns

#: pages whose websocket is watched (attach_run_counter), with the count at watch_runs
_COUNTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SEEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

_WATCH = """() => {
  window.__trackerRuns = 0;
  if (window.__trackerRunObserver) return;
  const count = (value) => { if (value === 'running') window.__trackerRuns += 1; };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') {
        count(m.oldValue);
        count(m.target.getAttribute('data-test-script-state'));
      } else {
        const el = document.querySelector('[data-test-script-state]');
        if (el) count(el.getAttribute('data-test-script-state'));
      }
    }
  });
  observer.observe(document.body, {attributes: true, attributeOldValue: true, subtree: true,
                                   childList: true,
                                   attributeFilter: ['data-test-script-state']});
  window.__trackerRunObserver = observer;
}"""
_RAN = """() => {
  const el = document.querySelector('[data-test-script-state]');
  return window.__trackerRuns > 0 && el !== null
    && el.getAttribute('data-test-script-state') === 'notRunning';
}"""


def attach_run_counter(page: Page) -> Page:
    """Count the runs the server finishes for ``page`` (before it opens the app)."""
    if page not in _COUNTERS:
        _COUNTERS[page] = FinishedRuns(page)
    return page


def watch_every_page(browser) -> None:
    """Attach a run counter to every page ``browser`` makes from now on (new_page and
    the pages of new_context), before they open anything."""
    make_context, make_page = browser.new_context, browser.new_page

    def new_context(*args, **kwargs):
        context = make_context(*args, **kwargs)
        context_page = context.new_page
        context.new_page = lambda *a, **k: attach_run_counter(context_page(*a, **k))
        return context

    browser.new_context = new_context
    browser.new_page = lambda *a, **k: attach_run_counter(make_page(*a, **k))


def watch_runs(page: Page) -> None:
    """Start counting script runs (call before the action that causes a rerun)."""
    if page in _COUNTERS:
        _SEEN[page] = _COUNTERS[page].count
    else:
        page.evaluate(_WATCH)


def wait_for_rerun(page: Page, timeout: float = 60_000) -> None:
    """Wait until a run counted by :func:`watch_runs` has finished."""
    if page in _COUNTERS:
        if not _COUNTERS[page].wait_after(page, _SEEN.get(page, 0), timeout / 1000):
            raise PlaywrightTimeout(f"no script run finished within {timeout:.0f} ms")
    else:
        page.wait_for_function(_RAN, timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Wait until no script run is going on (on a watched page: none asked for or begun
    is left unfinished, also two frames later)."""
    if page in _COUNTERS:
        if not _COUNTERS[page].wait_idle(page, timeout / 1000):
            raise PlaywrightTimeout(f"the app was still running after {timeout:.0f} ms")
        return
    expect(page.locator("[data-test-script-state]").first).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def next_frame(page: Page) -> None:
    """Wait until the browser has drawn two more frames (after a scroll or a resize)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                  "requestAnimationFrame(() => r(true))))")


def settle_after_edit(page: Page, timeout: float = 20_000) -> None:
    """After a grid edit that was retried: wait for the rerun it causes, or, when a retry
    restarted the count after that rerun had already run (the cell already showed the
    value, so the repeat changed nothing), for the app to be idle."""
    try:
        wait_for_rerun(page, timeout=timeout)
    except (PlaywrightTimeout, AssertionError):
        wait_idle(page)
