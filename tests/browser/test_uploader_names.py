"""The file uploader as a screen reader meets it: its button and file input are named
in the page's language after the uploader's label (not Streamlit's "Upload" and "file
upload"), no English of Streamlit's is left in its accessibility tree in Persian, and
axe-core finds no serious or critical violation with it open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in, wait_idle
from tests.browser.test_accessibility import AXE, serious_violations
from tests.conftest import DEMO_YEAR
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_import_uploader_is_named_in_the_page_language(app_server, page, lang):
    sign_in(page, f"{app_server}/status?year={DEMO_YEAR}&district=3&zone=0&lang={lang}",
            "district3", lang)
    page.get_by_text(t("io.upload.title", lang), exact=True).click()
    uploader = page.get_by_test_id("stFileUploader").first
    expect(uploader).to_be_visible()
    wait_idle(page)
    label = t("io.upload.file", lang)
    button = uploader.get_by_role("button", name=t("widgets.upload_name", lang, label=label),
                                  exact=True)
    expect(button).to_be_visible()
    expect(uploader.locator("input[type=file]")).to_have_attribute("aria-label", label)
    tree = uploader.aria_snapshot()
    assert "file upload" not in tree and "Upload" not in tree
    assert t("widgets.upload_button", lang) in tree
    if lang == "fa":
        assert "Browse" not in tree and "MB per file" not in tree
    assert AXE.exists(), "axe-core is missing: bash scripts/test.sh installs it"
    assert serious_violations(page, AXE.read_text(encoding="utf-8")) == []
