"""axe-core (npm, installed by scripts/test.sh into tests/node) on every page, in
Persian and English: no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, start_app
from tracker.ui.registry import page_modules

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [m.PAGE["path"] for m in page_modules()]


@pytest.fixture(scope="module")
def app_server(app_db_file):
    """The app over a private demo copy; this module opens many sessions, so a busy
    machine may take more than a few seconds to stop it: wait, then kill."""
    import subprocess

    proc, url = start_app(app_db_file)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: bash scripts/test.sh installs it "
                    "(npm ci --prefix tests/node)")
    return AXE.read_text(encoding="utf-8")


def open_signed_in(page: Page, url: str, username: str = "admin") -> None:
    """Open ``url``, signing in if the sign-in form is shown; wait for the page to settle."""
    page.goto(url)
    form = page.locator('input[autocomplete="username"]')
    main = page.get_by_test_id("stMain")
    expect(form.or_(main.get_by_test_id("stHeading")).first).to_be_visible()
    if form.is_visible():
        form.fill(username)
        page.locator('input[type="password"]').fill(f"demo-{username}-1405")
        page.locator('input[type="password"]').press("Enter")
        expect(form).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def serious_violations(page: Page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_sign_in_page(app_server, page, axe_source, lang):
    page.goto(f"{app_server}/?lang={lang}")
    expect(page.locator('input[autocomplete="username"]')).to_be_visible()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang, "rtl" if lang == "fa" else "ltr"]
    assert serious_violations(page, axe_source) == []


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_page(app_server, page, axe_source, lang):
    found = {}
    for path in PAGES:
        open_signed_in(page, f"{app_server}/{path}?lang={lang}")
        problems = serious_violations(page, axe_source)
        if problems:
            found[path] = problems
    assert found == {}
