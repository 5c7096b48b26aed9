"""User text reaches Markdown only escaped: the "Signed in as" header and the visit
form's clause titles and checklist items (issue 13, item 7)."""

from __future__ import annotations

import re

from tests.conftest import run_app
from tracker.db import open_db
from tracker.domain.model import Grant
from tracker.store import programs, users
from tracker.store.users import get_user_by_username

HOSTILE = "**Bold** [link](https://evil.example) $x^2$ :red[red] :material/home:"


def _unescaped(markdown: str) -> set[str]:
    return set(re.sub(r"\\.", "", markdown)) & set("*[]()$:")


def test_display_name_and_visit_form_texts_are_escaped(app_db, monkeypatch):
    db = open_db(app_db)
    system = users.system_user(db)
    uid = users.create_user(db, system, "markdowner", HOSTILE, "a good password 1",
                            (Grant("inspector"),))
    clause = db.execute("SELECT id FROM clauses WHERE year = 1405 AND number = 1").fetchone()[0]
    programs.update_clause(db, system, clause, {"title_fa": HOSTILE})
    db.conn.commit()
    db.execute("UPDATE checklist_items SET text_fa = ? WHERE clause_number = 1", [HOSTILE])
    db.conn.commit()
    assert get_user_by_username(db, "markdowner").id == uid
    db.conn.close()

    at = run_app(app_db, "markdowner", page="tracker/pages/visits.py", year=1405, view="record",
                district=3)
    assert not at.exception, at.exception
    header = [c.value for c in at.caption if "Bold" in c.value]
    assert header and all(not _unescaped(v) - set(":") for v in header), header
    # the visit form: pick clause 1 and look at its title and checklist items
    at.multiselect(key="vf_clauses_0").set_value([clause]).run()
    assert not at.exception, at.exception
    titles = [m.value for m in at.markdown if "Bold" in m.value]
    radios = [r.label for r in at.radio if "Bold" in r.label]
    assert titles and radios, (titles, radios)
    for text in titles + radios:
        assert not _unescaped(text.strip("*")), text
        assert re.sub(r"\\(.)", r"\1", text.strip("*")).endswith(HOSTILE)
