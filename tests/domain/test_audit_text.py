"""The audit log's details as sentences, in both languages, never JSON."""

from tracker.domain.audit_text import audit_sentence


def test_role_change_reads_as_a_sentence():
    details = {"username": "z", "old": [{"role": "viewer", "district": None, "zone": None}],
               "new": [{"role": "zone_editor", "district": 3, "zone": 2}]}
    en = audit_sentence("user.grants", details, "en")
    assert en.startswith("roles: ") and " → " in en and "{" not in en
    fa = audit_sentence("user.grants", details, "fa")
    assert fa.startswith("نقش‌ها: ") and " ← " in fa and "{" not in fa


def test_profile_change_lists_only_what_changed():
    details = {"username": "z", "old": {"display_name": "A", "email": "a@x"},
               "new": {"display_name": "A", "email": "b@x"}}
    assert audit_sentence("user.profile", details, "en") == (
        "e-mail: \u2068a@x\u2069 → \u2068b@x\u2069")


def test_plain_actions_and_unknown_details():
    assert audit_sentence("user.disable", {"username": "z"}, "fa") == ""
    assert audit_sentence("auth.locked", {"until": "2026-11-21T10:00:00Z", "failures": 5},
                          "en").startswith("locked until 1405/08/30")
    assert audit_sentence("session.revoked", {"count": 2, "why": "x"}, "en") == "count: 2; why: x"
