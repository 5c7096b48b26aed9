import pytest

from tracker.domain.validation import is_http_url, normalize_status, validate_status


def rec(**kw):
    base = {"status": "in_progress", "progress": 10.0, "target": None, "achieved": None,
            "due_date": None, "notes": None, "evidence": None, "blocker": None}
    return base | kw


def keys(problems):
    return [(f, k) for f, k, _ in problems]


def test_a_plain_record_is_valid():
    assert validate_status(rec()) == []


@pytest.mark.parametrize("progress", [-1, 100.5, 140])
def test_progress_outside_0_100_is_refused(progress):
    assert keys(validate_status(rec(progress=progress)))[0][0] == "progress"


def test_achieved_must_not_be_negative():
    assert keys(validate_status(rec(achieved=-3))) == [("achieved", "val.negative")]


def test_unknown_status_is_refused():
    assert keys(validate_status(rec(status="finished"))) == [("status", "val.status_unknown")]


def test_done_needs_evidence_or_note():
    assert keys(validate_status(rec(status="done"))) == [("evidence", "val.done_needs_evidence")]
    assert validate_status(rec(status="done", notes="بازدید شد")) == []
    assert validate_status(rec(status="done", evidence="https://x.ir/a")) == []


def test_blocked_needs_a_reason():
    assert keys(validate_status(rec(status="blocked"))) == [("blocker", "val.blocked_needs_reason")]
    assert validate_status(rec(status="blocked", blocker="اعتبار")) == []


def test_evidence_must_be_http():
    assert keys(validate_status(rec(evidence="javascript:alert(1)"))) == [
        ("evidence", "val.evidence_url")]
    assert not is_http_url("ftp://x.ir")
    assert is_http_url("http://x.ir/p?q=1")


def test_text_in_a_number_field():
    assert keys(validate_status(rec(budget="ten"))) == [("budget", "val.not_a_number")]


def test_bad_iso_due_date():
    assert keys(validate_status(rec(due_date="2026-13-01"))) == [("due_date", "val.bad_date")]


def test_done_means_full_progress():
    assert normalize_status(rec(status="done", progress=40), {"status"})["progress"] == 100.0


def test_progress_follows_quantities_when_not_typed():
    out = normalize_status(rec(target=200, achieved=50), {"achieved"})
    assert out["progress"] == 25.0
    typed = normalize_status(rec(target=200, achieved=50, progress=30), {"achieved", "progress"})
    assert typed["progress"] == 30


def test_blank_text_becomes_none():
    assert normalize_status(rec(notes="   "), {"notes"})["notes"] is None


def test_blank():
    from tracker.domain.validation import blank

    assert blank(None) and blank(float("nan")) and blank("") and blank("  \n")
    assert not blank(0) and not blank(0.0) and not blank("x")


def test_as_number():
    from tracker.domain.validation import as_number

    assert as_number("12.5") == 12.5 and as_number(3) == 3.0
    assert as_number(float("nan")) is None
    assert as_number("nan") is None
    assert as_number("ten") is None and as_number(None) is None and as_number(" ") is None


def test_blank_progress_becomes_zero():
    assert normalize_status(rec(progress=None), {"status"})["progress"] == 0.0
    assert normalize_status(rec(progress=" "), {"progress"})["progress"] == 0.0


def test_editing_only_the_notes_keeps_a_typed_progress():
    # quantities say 25 %, but the typed 30 % stands when only the notes change
    out = normalize_status(rec(target=200, achieved=50, progress=30, notes="x"), {"notes"})
    assert out["progress"] == 30


def test_changing_only_the_target_recomputes_progress():
    out = normalize_status(rec(target=400, achieved=50, progress=30), {"target"})
    assert out["progress"] == 12.5


def test_a_target_of_zero_leaves_progress_alone():
    out = normalize_status(rec(target=0, achieved=5, progress=30), {"achieved"})
    assert out["progress"] == 30
    # a target of 1 is an ordinary target
    assert normalize_status(rec(target=1, achieved=1, progress=30), {"achieved"})[
        "progress"] == 100.0


@pytest.mark.parametrize(("achieved", "target", "progress"), [
    (150, 100, 100.0),      # more than the target is clamped to 100 %
    (100.5, 100, 100.0),
    (0, 100, 0.0),          # nothing achieved is 0 %, not 1 %
    (1, 3, 33.3),           # rounded to one decimal
    (2, 3, 66.7),
    (1, 8, 12.5),
])
def test_progress_from_quantities_is_clamped_and_rounded(achieved, target, progress):
    out = normalize_status(rec(target=target, achieved=achieved, progress=50), {"achieved"})
    assert out["progress"] == progress


def test_text_is_trimmed():
    out = normalize_status(rec(notes="  دیوار شمالی  ", blocker=""), {"notes"})
    assert out["notes"] == "دیوار شمالی" and out["blocker"] is None


def test_problems_carry_their_parameters():
    assert validate_status(rec(status="finished")) == [
        ("status", "val.status_unknown", {"value": "finished"})]
    assert validate_status(rec(progress=140)) == [
        ("progress", "val.progress_range", {"value": 140})]
    # a whole number is shown without ".0"
    assert type(validate_status(rec(progress=140.0))[0][2]["value"]) is int
    assert validate_status(rec(progress=100.5)) == [
        ("progress", "val.progress_range", {"value": "100.5"})]  # as the person typed it
    assert validate_status(rec(budget="ten")) == [
        ("budget", "val.not_a_number", {"value": "ten"})]
    assert validate_status(rec(due_date="2026-13-01")) == [
        ("due_date", "val.bad_date", {"value": "2026-13-01"})]


def test_a_good_due_date_is_fine():
    assert validate_status(rec(due_date="2026-12-20")) == []


def test_max_text_boundary():
    from tracker.domain.validation import MAX_TEXT

    assert MAX_TEXT == 2000
    assert validate_status(rec(notes="ا" * MAX_TEXT)) == []
    assert validate_status(rec(notes="ا" * (MAX_TEXT + 1))) == [
        ("notes", "val.too_long", {"max": MAX_TEXT})]


def test_done_rules_file_and_file_or_link():
    link, note = "https://x.ir/a", "بازدید شد"
    # rule "file": only an attached file will do (one is enough)
    assert keys(validate_status(rec(status="done", done_rule="file", evidence=link,
                                    notes=note))) == [("evidence", "val.done_needs_file")]
    assert validate_status(rec(status="done", done_rule="file", evidence_files=1)) == []
    # rule "file_or_link": a note is not enough
    assert keys(validate_status(rec(status="done", done_rule="file_or_link", notes=note))) \
        == [("evidence", "val.done_needs_file_or_link")]
    assert validate_status(rec(status="done", done_rule="file_or_link", evidence=link)) == []
    assert validate_status(rec(status="done", done_rule="file_or_link",
                               evidence_files=2)) == []
    # without a rule: any of the three; a file alone is enough
    assert validate_status(rec(status="done", evidence_files=1)) == []


def test_done_problem_directly():
    from tracker.domain.validation import done_problem

    assert done_problem("file", 0, "https://x.ir/a", "n") == "val.done_needs_file"
    assert done_problem("file", 1, None, None) is None
    assert done_problem("file_or_link", 0, None, "n") == "val.done_needs_file_or_link"
    assert done_problem("file_or_link", 0, "https://x.ir/a", None) is None
    assert done_problem("file_or_link", 1, None, None) is None
    assert done_problem("any", 0, None, "n") is None
    assert done_problem("any", 0, None, None) == "val.done_needs_evidence"


def test_a_boolean_is_not_a_number():
    from tracker.domain.validation import as_number

    assert as_number(True) is None and as_number(False) is None


def test_every_bad_number_field_is_reported():
    problems = keys(validate_status(rec(target="ten", achieved="five")))
    assert problems == [("target", "val.not_a_number"), ("achieved", "val.not_a_number")]
