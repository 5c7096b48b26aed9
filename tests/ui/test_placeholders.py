"""No English placeholder of Streamlit's ("Choose options") in a Persian page: every
multiselect of the app says its own, from the catalogue. Read from the source, so a new
multiselect without one fails here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "tracker"


def _multiselects():
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "multiselect"):
                yield f"{path.relative_to(ROOT.parent)}:{node.lineno}", node


def test_every_multiselect_has_a_placeholder_from_the_catalogue():
    found = list(_multiselects())
    assert len(found) >= 6
    missing = [where for where, node in found
               if not any(k.arg == "placeholder" for k in node.keywords)]
    assert missing == []


def test_my_work_no_change_choice_says_choose_in_persian(app_db):
    from tests.conftest import run_app
    from tracker.domain.i18n import t

    at = run_app(app_db, "district3", page="tracker/pages/my_work.py")
    assert not at.exception, at.exception
    boxes = [m for m in at.multiselect if m.label == t("cyc.ui.no_change", "fa")]
    assert boxes and all(m.placeholder == "انتخاب کنید" for m in boxes)
