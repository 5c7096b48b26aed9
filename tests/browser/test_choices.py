"""Choices that hold: year, district and zone chosen once stay across page switches in
one browser session and in the address; every page opens on the current Jalali year
(DEMO_YEAR: 1405 on the default day, 2026-11-21 = 1405/08/30) except next year's plan."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import choice, choose, go_to, sign_in
from tests.conftest import DEMO_YEAR
from tracker.domain.i18n import t

pytestmark = pytest.mark.browser

# the suite's day's Jalali year, the next and the one before (all in the demo's programs)
CURRENT, NEXT, EARLIER = str(DEMO_YEAR), str(DEMO_YEAR + 1), str(DEMO_YEAR - 1)


def title(key: str) -> str:
    return t(key, "en")


def test_the_year_holds_through_the_navigation(app_server, page):
    """The issue's reproduction: Status → Overview → Compare → League → Overview."""
    sign_in(page, f"{app_server}/?lang=en", "admin", "en")
    seen = []
    for key in ["page.status", "page.overview", "page.compare", "page.league",
                "page.overview", "page.status"]:
        go_to(page, title(key))
        seen.append((key, choice(page, "Year"), re.search(r"year=(\d+)", page.url)[1]))
        assert "lang=en" in page.url
    assert seen == [(key, CURRENT, CURRENT) for key, _, _ in seen]


def test_chosen_year_district_and_zone_hold_and_the_plan_keeps_its_own_year(app_server, page):
    sign_in(page, f"{app_server}/?lang=en", "admin", "en")
    choose(page, "Year", EARLIER)
    choose(page, "District", "District 3")
    choose(page, "Zone", "Zone 2")
    assert re.search(rf"year={EARLIER}&district=3&zone=2", page.url)

    go_to(page, title("page.overview"))
    assert choice(page, "Year") == EARLIER and f"year={EARLIER}" in page.url
    go_to(page, title("page.plan"))
    assert choice(page, "Year") == NEXT  # the plan opens on next year
    assert (choice(page, "District"), choice(page, "Zone")) == ("District 3", "Zone 2")
    go_to(page, title("page.year_end"))
    assert choice(page, "Year") == EARLIER
    go_to(page, title("page.status"))
    assert (choice(page, "Year"), choice(page, "District"), choice(page, "Zone")) == \
        (EARLIER, "District 3", "Zone 2")
    assert re.search(rf"year={EARLIER}&district=3&zone=2", page.url)
    go_to(page, title("page.plan"))
    assert choice(page, "Year") == NEXT


@pytest.mark.parametrize(("username", "district", "zone"), [
    ("zone3-2", "District 3", "Zone 2"), ("district3", "District 3", "District level")])
def test_editors_land_on_their_own_unit_and_can_edit_it(app_server, page, username,
                                                        district, zone):
    sign_in(page, f"{app_server}/?lang=en", username, "en")
    assert (choice(page, "Year"), choice(page, "District"), choice(page, "Zone")) == \
        (CURRENT, district, zone)
    assert page.get_by_text(t("st.read_only", "en")).count() == 0
    assert page.get_by_role("button", name=t("st.save", "en")).is_enabled()
