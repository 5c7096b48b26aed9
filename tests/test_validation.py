import pytest

from tracker.validation import is_http_url, normalize_status, validate_status


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
