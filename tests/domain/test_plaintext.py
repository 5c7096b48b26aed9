"""User text is text: complete Markdown escaping, and refusing NUL and bidi controls in
every text field (issue 13, item 7)."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from tracker.domain import plaintext
from tracker.domain.errors import ValidationFailed
from tracker.domain.i18n import t
from tracker.domain.model import Grant
from tracker.domain.planning import validate_plan
from tracker.domain.validation import validate_status
from tracker.exchange.checklists import ChecklistError, check_checklists
from tracker.store import programs, users, visits
from tracker.store.plans import PLAN
from tracker.store.records import STATUS, Change, apply_changes

MARKDOWN = [
    "**bold** _it_ ~~gone~~", "[link](https://evil.example)", "<https://evil.example>",
    "https://evil.example www.evil.example a@evil.example", "$x^2$ and $$\\int$$",
    ":red[coloured] :blue-background[x]", ":material/home: :streamlit: :smile:",
    "# heading", "> quote", "1. list", "- item", "| a | b |", "`code`", "![img](x.png)",
    "&#x202E; &amp;", "<b>html</b>", "line\\break",
]
BAD = ["\x00", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
       "\u2069", "\x07", "\x1b"]
GOOD = ["می‌شود", "a\u200db", "x\u200ey", "x\u200fy", "\u061c", "tab\there", "two\nlines"]


@pytest.mark.parametrize("text", MARKDOWN)
def test_md_escape_leaves_no_active_markdown_character(text):
    out = plaintext.md_escape(text)
    bare = re.sub(r"\\.", "", out)  # drop every escaped pair
    assert not set(bare) & set(string.punctuation), out
    assert re.sub(r"\\(.)", r"\1", out) == text  # and it reads back as the same text


def test_the_ui_uses_the_complete_escape():
    from tracker.ui import auth

    assert auth.md_escape("a:material/x: $y$ [z](w)") == plaintext.md_escape(
        "a:material/x: $y$ [z](w)")


@pytest.mark.parametrize("ch", BAD)
def test_refused_characters(ch):
    assert plaintext.refused_char(f"ok{ch}ok") == f"U+{ord(ch):04X}"
    key, params = plaintext.control_problem(f"a{ch}")
    assert t(key, "fa", **params) and t(key, "en", **params)


@pytest.mark.parametrize("text", GOOD)
def test_persian_marks_and_whitespace_are_kept(text):
    assert plaintext.refused_char(text) is None


@pytest.mark.parametrize("field", ["responsible", "contractor", "notes", "blocker"])
@pytest.mark.parametrize("ch", ["\x00", "\u202e", "\u2066"])
def test_status_text_fields(field, ch):
    rec = {"status": "in_progress", "progress": 1.0, field: f"کار{ch}ها"}
    assert (field, "guard.control_char", {"char": f"U+{ord(ch):04X}"}) in validate_status(rec)


def test_evidence_link_with_nul_is_refused():
    rec = {"status": "done", "progress": 100.0, "evidence": "https://x.example/a\x00b"}
    assert "guard.control_char" in {k for _, k, _ in validate_status(rec)}


@pytest.mark.parametrize("field", ["actions", "contractor", "owner", "notes", "blocker"])
def test_plan_text_fields(field):
    assert [p[:2] for p in validate_plan({field: "a\u202eb"})] == [(field, "guard.control_char")]


def _first(db):
    return db.execute("SELECT clause_id, version FROM status WHERE year = 1405 AND "
                      "unit_id = 300 ORDER BY clause_id LIMIT 1").fetchone()


def test_the_store_writes_nothing_with_a_bidi_override(db, admin):
    clause, version = _first(db)
    with pytest.raises(ValidationFailed) as exc:
        apply_changes(db, admin, STATUS, [Change(1405, 300, clause, version,
                                                 {"notes": "abc\u202edef"}, row=1)])
    assert [(p.field, p.key) for p in exc.value.problems] == [("notes", "guard.control_char")]
    with pytest.raises(ValidationFailed):
        apply_changes(db, admin, PLAN, [Change(1405, 300, clause, 0, {"owner": "x\x00"})])
    assert db.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0


@pytest.mark.parametrize("name", ["title_fa", "title_en", "measure_fa", "measure_en"])
def test_clause_texts(db, admin, name):
    clause, _ = _first(db)
    with pytest.raises(ValidationFailed) as exc:
        programs.update_clause(db, admin, clause, {name: "x\u202ey"})
    assert exc.value.problems[0].key == "guard.control_char"


def test_reopen_reason(db, admin):
    programs.close_year(db, admin, 1404)
    with pytest.raises(ValidationFailed):
        programs.reopen_year(db, admin, 1404, "because\u202e")
    assert db.execute("SELECT closed FROM programs WHERE year = 1404").fetchone()[0] == 1


def test_user_display_name_and_email(db, admin):
    for kwargs in ({"display_name": "Ali\u202e"}, {"display_name": "A\x00li"},
                   {"email": "a\u2066@b.example"}):
        args = {"display_name": "Ali", "email": None} | kwargs
        with pytest.raises(ValidationFailed):
            users.create_user(db, admin, "ali", args["display_name"], "a good password",
                              (Grant("viewer"),), email=args["email"])
    assert not users.username_taken(db, "ali")


def test_visit_texts(db, admin):
    clause, _ = _first(db)
    inspector = admin
    base = {"items": [visits.VisitItem(clause, "compliant")]}
    cases = [
        dict(base, summary="s\u202e"),
        dict(items=[visits.VisitItem(clause, "non_compliant", findings="f\x00")]),
        dict(base, actions=[visits.NewAction("fix\u2067", date(2026, 12, 1), clause)]),
    ]
    for case in cases:
        with pytest.raises(ValidationFailed) as exc:
            visits.record_visit(db, inspector, 1405, 300, date(2026, 11, 10), case.pop("items"),
                                today=date(2026, 11, 21), **case)
        assert "guard.control_char" in {p.key for p in exc.value.problems}
    assert db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0


def test_visit_correction_and_action_notes(db, admin):
    clause, _ = _first(db)
    vid = visits.record_visit(db, admin, 1405, 300, date(2026, 11, 10),
                              [visits.VisitItem(clause, "partly", findings="half")],
                              actions=[visits.NewAction("do it", date(2026, 12, 1), clause)],
                              today=date(2026, 11, 21))
    with pytest.raises(ValidationFailed):
        visits.add_correction(db, admin, vid, clause, "findings", "new\u202e", "why")
    with pytest.raises(ValidationFailed):
        visits.add_correction(db, admin, vid, clause, "findings", "new", "why\x00")
    action = db.execute("SELECT id FROM corrective_actions").fetchone()[0]
    with pytest.raises(ValidationFailed):
        visits.resolve_action(db, admin, action, "done\u202d")
    assert db.execute("SELECT COUNT(*) FROM visit_corrections").fetchone()[0] == 0
    assert db.execute("SELECT status FROM corrective_actions").fetchone()[0] == "open"


def test_checklist_items():
    import pandas as pd

    frame = pd.DataFrame([{"clause_number": 1, "item": 1, "text_fa": "بند\u202e",
                           "text_en": "x", "source": "", "confidence": ""}])
    with pytest.raises(ChecklistError) as exc:
        check_checklists(frame)
    assert "guard.control_char" in str([p for p in exc.value.problems])


def test_an_import_with_a_bidi_override_names_the_cell_and_writes_nothing(db, admin):
    from tracker.exchange import templates
    from tracker.store import exchange

    frame = templates.headed(
        templates.records_frame(exchange.exchange_records(db, 1405, 3), "en"), "en")
    frame.loc[0, t("field.notes", "en")] = "see \u202etxt.exe"
    frame.loc[1, t("field.contractor", "en")] = "A\u2066B"  # (a NUL: file refused)
    result = exchange.run_import(db, admin, frame.to_csv(index=False).encode("utf-8"), "en")
    assert result.written == 0
    assert {(p.row, p.field, p.key) for p in result.problems} == {
        (2, "notes", "guard.control_char"), (3, "contractor", "guard.control_char")}
    assert db.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0
