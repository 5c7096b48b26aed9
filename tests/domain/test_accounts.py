"""An account's field rules (pure): user name, display name, e-mail, e-mail language,
the scope each role needs, and grants as the audit log stores them."""

import pytest

from tracker.domain import accounts
from tracker.domain.errors import ValidationFailed
from tracker.domain.model import Grant


def _refused(check, value):
    with pytest.raises(ValidationFailed) as info:
        check(value)
    (problem,) = info.value.problems
    assert problem.message("fa") and problem.message("en")
    return problem.field, problem.key, problem.params


@pytest.mark.parametrize("name", ["ab", " boss ", "zone3-2", "a.b_c@d", "x" * 64])
def test_usernames_that_pass_are_stripped(name):
    assert accounts.check_username(name) == name.strip()


@pytest.mark.parametrize("name", ["", None, "a", "a b", "<script>", "-lead", "x" * 65, "علی"])
def test_usernames_outside_the_pattern_are_refused(name):
    assert _refused(accounts.check_username, name)[:2] == ("username", "admin.username_invalid")


@pytest.mark.parametrize("name", ["system", "SYSTEM", " System "])
def test_the_system_name_is_taken(name):
    assert _refused(accounts.check_username, name) == (
        "username", "admin.username_taken", {"username": name.strip()})


def test_display_name_is_stripped_required_plain_and_short():
    assert accounts.check_display_name("  رئیس  ") == "رئیس"
    assert accounts.check_display_name("<b>x</b>") == "<b>x</b>"  # stored verbatim
    assert accounts.check_display_name("x" * 100) == "x" * 100
    assert _refused(accounts.check_display_name, "   ")[:2] == ("display_name",
                                                             "admin.name_required")
    assert _refused(accounts.check_display_name, None)[1] == "admin.name_required"
    assert _refused(accounts.check_display_name, "x" * 101) == (
        "display_name", "admin.name_long", {"max": 100})
    assert _refused(accounts.check_display_name, "a\u202eb")[0] == "display_name"
    assert _refused(accounts.check_display_name, "a\x00b")[0] == "display_name"


def test_email_is_optional_stripped_and_checked():
    assert accounts.check_email(None) is None
    assert accounts.check_email("  ") is None
    assert accounts.check_email(" Person@Tehran.example ") == "Person@Tehran.example"
    for bad in ["not-an-email", "a@b", "a b@c.d", "a@@b.c", "a@b.c\u202e",
                "x" * 250 + "@b.cd"]:
        assert _refused(accounts.check_email, bad)[:2] == ("email", "admin.email_invalid"), bad


def test_mail_language_is_fa_or_en():
    assert accounts.check_lang("fa") == "fa" and accounts.check_lang(" en ") == "en"
    for bad in [None, "", "de", "FA"]:
        assert _refused(accounts.check_lang, bad)[:2] == ("lang", "admin.lang_invalid")


def test_scoped_grant_keeps_exactly_the_scope_the_role_needs():
    assert accounts.scoped_grant(Grant("viewer", 3, 1)) == Grant("viewer")
    assert accounts.scoped_grant(Grant("admin", 3)) == Grant("admin")
    assert accounts.scoped_grant(Grant("district_editor", 3, 2)) == Grant("district_editor", 3)
    assert accounts.scoped_grant(Grant("district_editor", "3")) == Grant("district_editor", 3)
    assert accounts.scoped_grant(Grant("zone_editor", 3.0, 2)) == Grant("zone_editor", 3, 2)


@pytest.mark.parametrize("grant, field, key", [
    (Grant("mayor"), "role", "admin.bad_role"),
    (Grant("district_editor"), "district", "admin.district_required"),
    (Grant("zone_editor", 3), "zone", "admin.zone_required"),
    (Grant("zone_editor", 3, 0), "zone", "admin.zone_required"),
    (Grant("district_editor", "three"), "district", "val.not_a_number"),
    (Grant("district_editor", 10**30), "district", None),
    (Grant("zone_editor", 3, 2.5), "zone", None),
])
def test_scoped_grant_refusals(grant, field, key):
    got_field, got_key, _ = _refused(accounts.scoped_grant, grant)
    assert got_field == field
    if key:
        assert got_key == key


def test_grants_json_is_what_the_audit_log_stores():
    assert accounts.grants_json([Grant("viewer"), Grant("zone_editor", 3, 2)]) == [
        {"role": "viewer", "district": None, "zone": None},
        {"role": "zone_editor", "district": 3, "zone": 2}]
    assert accounts.grants_json(()) == []
