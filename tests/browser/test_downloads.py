"""Every file a page hands to the browser is served to that browser only.

Streamlit serves downloads from ``/media/<id>`` to anyone who asks; the app binds each
file a signed-in person's page makes (here: the league's CSV, made on click) to that
person's browser (tracker.ui.st_internals.install_media_guard)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import go_to, sign_in
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser


def test_a_download_is_served_to_its_own_browser_only(app_server, page, browser):
    sign_in(page, app_server, "admin")
    go_to(page, t("page.league", "fa"))
    button = page.get_by_role("button", name=t("common.download_csv", "fa")).first
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    text = open(download.path(), "rb").read().decode("utf-8-sig")
    assert text.count("\n") >= 22  # a header and the 22 districts
    url = download.url
    assert "/media/" in url

    # the same browser may fetch it again (the cookie it holds comes along)
    again = page.context.request.get(url)
    assert again.status == 200 and again.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in again.headers.get("cache-control", "")

    # nobody without that browser's cookie: a bare request ...
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(url, timeout=10)
    assert exc.value.code == 404
    # ... nor another person's signed-in browser
    other = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fa-IR")
    try:
        viewer = other.new_page()
        sign_in(viewer, app_server, "viewer")
        assert other.request.get(url).status == 404
    finally:
        other.close()
