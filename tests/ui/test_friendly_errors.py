"""No stack trace on any page: hostile query strings are handled by the pages, and an
unexpected exception becomes a friendly message (issue 13, item 4)."""

from __future__ import annotations

import pytest

from tests.conftest import run_app
from tracker.domain.i18n import t

HOSTILE = {
    "year": "999999999999", "district": "99999999999999999999", "zone": "1e30",
    "asof": "99999999999999999999/01/01", "stale": "9" * 5000,  # int() refuses 4300+ digits
    "districts": "²,3,999999999999999," + "9" * 5000,
    "clauses": "²,1e30,99999999999999999999", "deputy": "<b>x</b>", "status": "inf",
    "view": "nan", "unit": "2**63",
}
PAGES = ("status", "overview", "compare", "league", "year_end", "plan", "visits", "reports",
         "programs", "admin_users")


def _texts(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "error", "warning", "info", "text", "exception"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_query_strings_are_handled_by_the_page(app_db, page):
    at = run_app(app_db, "admin", page=f"tracker/pages/{page}.py", lang="en", **HOSTILE)
    assert not at.exception, at.exception
    shown = _texts(at)
    assert t("guard.error_page", "en") not in shown  # the page coped without the safety net
    assert "Traceback" not in shown and "OverflowError" not in shown


def test_an_unexpected_exception_shows_a_friendly_message(app_db, monkeypatch, caplog):
    import tracker.pages.league as league

    def boom() -> None:
        raise RuntimeError("boom in /srv/secret/path.py")

    monkeypatch.setattr(league, "render", boom)
    for lang in ("en", "fa"):
        at = run_app(app_db, "admin", page="tracker/pages/league.py", lang=lang)
        assert not at.exception
        assert [e.value for e in at.error] == [t("guard.error_page", lang)]
        shown = _texts(at)
        assert "boom" not in shown and "Traceback" not in shown and "/srv/" not in shown
    assert "boom in /srv/secret/path.py" in caplog.text  # the server log keeps it
