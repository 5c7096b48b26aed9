"""Accounts in the store: user management, the system account and the first admin,
the permission matrix of stored users (sign-in: test_signin.py)."""

import pytest

from tests.store.account_fixtures import (
    NOW,
    PASSWORD,
    add_account,
    refused_sign_in,
    stored_admin,  # noqa: F401 (the fixture "admin" of this module)
    user_row,
)
from tracker.db import open_db
from tracker.demo import accounts as demo_accounts
from tracker.domain.errors import PermissionDenied, ValidationFailed
from tracker.domain.model import ROLES, Grant, User
from tracker.store import audit, signin, users

# -- hashing and storage -----------------------------------------------------

def test_password_is_stored_hashed_only(udb, admin):
    row = user_row(udb, admin.id)
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]
    assert "password_hash" not in users.list_users(udb).columns
    for details in audit.audit_log(udb)["details"]:
        assert PASSWORD not in str(details)


# -- the system account and the first admin ----------------------------------

def test_system_user_cannot_sign_in_and_is_hidden(udb):
    system = users.system_user(udb)
    assert system.username == "system" and system.display_name == "سامانه"
    assert system.has_role("admin")
    assert users.system_user(udb).id == system.id  # created once
    assert user_row(udb, system.id)["password_hash"] is None
    refused_sign_in(udb, "system", "")
    refused_sign_in(udb, "SYSTEM", "anything at all")
    assert "system" not in list(users.list_users(udb)["username"])


def test_system_user_cannot_be_changed(udb, admin):
    system = users.system_user(udb)
    with pytest.raises(PermissionDenied):
        users.reset_password(udb, admin, system.id, "a new password")
    with pytest.raises(PermissionDenied):
        users.set_active(udb, admin, system.id, False)


def test_bootstrap_admin_only_once(udb, admin):
    assert admin.has_role("admin")
    assert audit.audit_log(udb)["actor_name"].iloc[-1] == "system"
    with pytest.raises(users.BootstrapRefused):
        users.bootstrap_admin(udb, "second", "دومی", PASSWORD)


def test_bootstrap_admin_checks_password_policy(udb):
    with pytest.raises(ValidationFailed):
        users.bootstrap_admin(udb, "boss", "رئیس", "short")
    assert users.count_admins(udb) == 0


def test_demo_accounts_one_per_role_and_idempotent(udb):
    accounts = demo_accounts.create_demo_accounts(udb)
    assert {a["role"] for a in accounts} == set(ROLES)
    assert demo_accounts.create_demo_accounts(udb) == accounts
    for a in accounts:
        user = signin.authenticate(udb, a["username"], a["password"], now=NOW)
        assert user.roles == {a["role"]}
    zone = users.get_user_by_username(udb, "zone3-2")
    assert zone.grants == (Grant("zone_editor", 3, 2),)
    assert users.get_user_by_username(udb, "district3").grants == (Grant("district_editor", 3),)


def test_a_disabled_demo_account_is_left_alone_when_the_demo_is_loaded_again(udb):
    demo_accounts.create_demo_accounts(udb)
    viewer = users.get_user_by_username(udb, "viewer")
    users.set_active(udb, users.system_user(udb), viewer.id, False)
    assert users.username_taken(udb, "viewer") and users.username_taken(udb, " viewer ")
    assert not users.username_taken(udb, "nobody")
    demo_accounts.create_demo_accounts(udb)  # no "user name taken" error
    assert users.get_user_by_username(udb, "viewer") is None  # still disabled


# -- user management: refused for non-admins, logged for admins --------------

NON_ADMIN_GRANTS = [Grant("district_editor", 3), Grant("zone_editor", 3, 2),
                    Grant("inspector"), Grant("viewer")]


def _acts(udb, target):
    return {
        "create": lambda actor: users.create_user(udb, actor, "newbie", "تازه", PASSWORD,
                                                  (Grant("viewer"),)),
        "disable": lambda actor: users.set_active(udb, actor, target.id, False),
        "enable": lambda actor: users.set_active(udb, actor, target.id, True),
        "reset": lambda actor: users.reset_password(udb, actor, target.id, "a new password"),
        "grants": lambda actor: users.set_grants(udb, actor, target.id, (Grant("inspector"),)),
        "profile": lambda actor: users.set_profile(udb, actor, target.id, "نام تازه", None),
    }


@pytest.mark.parametrize("grant", NON_ADMIN_GRANTS, ids=lambda g: g.role)
def test_every_user_management_act_is_refused_for_non_admins(udb, admin, grant):
    actor = add_account(udb, admin, "actor", grant)
    target = add_account(udb, admin, "target", Grant("viewer"))
    before_log = len(audit.audit_log(udb))
    before_users = users.list_users(udb)
    for name, act in _acts(udb, target).items():
        with pytest.raises(PermissionDenied):
            act(actor)
        with pytest.raises(PermissionDenied):  # a forged user object with no grants
            act(User(actor.id, actor.username, actor.display_name))
        assert name
    assert len(audit.audit_log(udb)) == before_log
    assert users.list_users(udb).drop(columns=["grants"]).equals(
        before_users.drop(columns=["grants"]))


def test_every_user_management_act_is_logged_for_admins(udb, admin):
    target = add_account(udb, admin, "target", Grant("viewer"))
    for act in _acts(udb, target).values():
        act(admin)
    log = audit.audit_log(udb)
    assert list(log["action"])[:6] == ["user.profile", "user.grants", "user.reset_password",
                                       "user.enable", "user.disable", "user.create"]
    assert set(log["actor_id"][:6]) == {admin.id}
    assert set(log["target_user_id"][1:5]) == {target.id}
    grants_entry = log[log["action"] == "user.grants"].iloc[0]["details"]
    assert grants_entry["old"] == [{"role": "viewer", "district": None, "zone": None}]
    assert grants_entry["new"] == [{"role": "inspector", "district": None, "zone": None}]


def test_disabled_user_is_gone_from_lookups(udb, admin):
    viewer = add_account(udb, admin, "viewer1", Grant("viewer"))
    users.set_active(udb, admin, viewer.id, False)
    assert users.get_user(udb, viewer.id) is None
    assert users.get_user_by_username(udb, "viewer1") is None
    users.set_active(udb, admin, viewer.id, True)
    assert users.get_user(udb, viewer.id) == viewer


def test_last_admin_cannot_be_disabled_or_demoted_and_not_self(udb, admin):
    with pytest.raises(ValidationFailed):
        users.set_active(udb, admin, admin.id, False)
    with pytest.raises(ValidationFailed) as info:
        users.set_grants(udb, admin, admin.id, (Grant("viewer"),))
    assert info.value.problems[0].key == "admin.last_admin"
    other = add_account(udb, admin, "boss2", Grant("admin"))
    users.set_grants(udb, other, admin.id, (Grant("viewer"),))
    assert users.get_user(udb, admin.id).roles == {"viewer"}


@pytest.mark.parametrize("kwargs, key", [
    ({"username": "a b"}, "admin.username_invalid"),
    ({"username": "<script>"}, "admin.username_invalid"),
    ({"username": "boss"}, "admin.username_taken"),
    ({"username": "BOSS"}, "admin.username_taken"),
    ({"username": "System"}, "admin.username_taken"),
    ({"display_name": "  "}, "admin.name_required"),
    ({"password": "short"}, "auth.password_short"),
    ({"email": "not-an-email"}, "admin.email_invalid"),
    ({"grants": ()}, "admin.role_required"),
    ({"grants": (Grant("mayor"),)}, "admin.bad_role"),
    ({"grants": (Grant("district_editor"),)}, "admin.district_required"),
    ({"grants": (Grant("zone_editor", 3),)}, "admin.zone_required"),
    ({"grants": (Grant("zone_editor", 3, 9),)}, "admin.no_such_unit"),
    ({"grants": (Grant("district_editor", 22),)}, "admin.no_such_unit"),
])
def test_create_user_validation(udb, admin, kwargs, key):
    args = {"username": "newbie", "display_name": "تازه", "password": PASSWORD,
            "grants": (Grant("viewer"),), "email": None} | kwargs
    with pytest.raises(ValidationFailed) as info:
        users.create_user(udb, admin, **args)
    assert info.value.problems[0].key == key
    assert info.value.problems[0].message("en")


def test_grants_are_normalised(udb, admin):
    uid = users.create_user(udb, admin, "multi", "چندنقشی", PASSWORD,
                            (Grant("viewer", 3, 1), Grant("district_editor", 3, 2),
                             Grant("district_editor", 3)))
    assert users.get_user(udb, uid).grants == (Grant("viewer"), Grant("district_editor", 3))


def test_email_lookup_for_single_sign_on(udb, admin):
    uid = users.create_user(udb, admin, "sso", "ورود سازمانی", None, (Grant("viewer"),),
                            email="Person@Tehran.example")
    assert users.get_user_by_email(udb, "person@tehran.example").id == uid
    assert users.get_user_by_email(udb, "") is None
    assert users.get_user_by_email(udb, "other@tehran.example") is None
    refused_sign_in(udb, "sso", "")  # no password: built-in sign-in impossible
    users.create_user(udb, admin, "sso2", "دومی", None, (Grant("viewer"),),
                      email="person@tehran.example")
    assert users.get_user_by_email(udb, "person@tehran.example") is None  # ambiguous


def test_script_like_display_name_is_stored_verbatim(udb, admin):
    name = "<script>alert(1)</script>"
    uid = users.create_user(udb, admin, "xss", name, PASSWORD, (Grant("viewer"),))
    assert users.get_user(udb, uid).display_name == name
    assert name in list(users.list_users(udb)["display_name"])


# -- command line ------------------------------------------------------------

def _cli(*argv):
    from tracker.cli import main

    return main([str(a) for a in argv])


def test_cli_create_admin_from_environment_only_once(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cli.db"
    monkeypatch.delenv("TRACKER_ADMIN_PASSWORD", raising=False)
    # no terminal, no variable: refuses, there is no default password
    assert _cli("--db", path, "create-admin", "--username", "boss", "--name", "رئیس") == 1
    assert users.count_admins(open_db(path)) == 0
    monkeypatch.setenv("TRACKER_ADMIN_PASSWORD", "short")
    assert _cli("--db", path, "create-admin", "--username", "boss", "--name", "رئیس") == 2
    monkeypatch.setenv("TRACKER_ADMIN_PASSWORD", PASSWORD)
    assert _cli("--db", path, "create-admin", "--username", "boss", "--name", "رئیس") == 0
    assert _cli("--db", path, "create-admin", "--username", "boss2", "--name", "دومی") == 2
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    db = open_db(path)
    assert signin.authenticate(db, "boss", PASSWORD, now=NOW).has_role("admin")


def test_cli_create_admin_prompts_twice(tmp_path, monkeypatch):
    from tracker.commands import accounts

    monkeypatch.delenv("TRACKER_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(accounts.sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda prompt="": next(answers))
    path = tmp_path / "cli.db"
    assert _cli("--db", path, "create-admin", "--username", "boss", "--name", "رئیس") == 0
    answers = iter(["one password", "another one"])
    assert _cli("--db", path, "add-user", "--username", "v", "--name", "بیننده",
                "--role", "viewer") == 1


def test_cli_add_user_and_list(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cli.db"
    monkeypatch.setenv("TRACKER_ADMIN_PASSWORD", PASSWORD)
    assert _cli("--db", path, "add-user", "--username", "zone32", "--name", "ناحیه",
                "--role", "zone_editor", "--district", 3, "--zone", 2) == 0
    assert _cli("--db", path, "add-user", "--username", "sso", "--name", "سازمانی",
                "--role", "viewer", "--email", "a@b.example", "--sso-only") == 0
    capsys.readouterr()
    assert _cli("--db", path, "--lang", "en", "list-users") == 0
    out = capsys.readouterr().out
    assert "zone32" in out and "Zone editor — district 3, zone 2" in out
    assert "system" not in out
    db = open_db(path)
    assert db["users"].count == 3  # and the system account that acted
    assert audit.audit_log(db)["actor_name"].eq("system").all()


# -- the permission matrix, through the one write path, with stored users ----

MATRIX_UNITS = [(3, 0), (3, 2), (3, 5), (4, 0), (4, 2), (22, 1)]
EXPECTED = {  # demo account -> units (district, zone) it may change
    "admin": set(MATRIX_UNITS),
    "district3": {(3, 0), (3, 2), (3, 5)},
    "zone3-2": {(3, 2)},
    "inspector": set(),
    "viewer": set(),
}


@pytest.mark.parametrize("username", list(EXPECTED))
def test_permission_matrix_for_signed_in_demo_accounts(db, username):
    from tracker.domain.model import unit_id
    from tracker.store.records import STATUS, Change, apply_changes

    demo_accounts.create_demo_accounts(db)
    user = signin.authenticate(db, username, demo_accounts.demo_password(username), now=NOW)
    clause = db.execute("SELECT id FROM clauses WHERE year = 1405 ORDER BY number").fetchone()[0]
    for district, zone in MATRIX_UNITS:
        c = Change(1405, unit_id(district, zone), clause, 0,
                   {"status": "in_progress", "progress": 10}, row=1)
        if (district, zone) in EXPECTED[username]:
            assert apply_changes(db, user, STATUS, [c]) == 1, (district, zone)
        else:
            with pytest.raises(PermissionDenied):
                apply_changes(db, user, STATUS, [c])
    written = db.execute("SELECT count(*) FROM history WHERE changed_by = ?",
                         [user.id]).fetchone()[0]
    assert written == len(EXPECTED[username])


def test_role_change_takes_effect_on_the_next_read(db):
    from tracker.domain.permissions import can_edit_unit

    demo_accounts.create_demo_accounts(db)
    boss = users.get_user_by_username(db, "admin")
    zone = users.get_user_by_username(db, "zone3-2")
    assert not can_edit_unit(zone, 4, 1)
    users.set_grants(db, boss, zone.id, (Grant("zone_editor", 4, 1),))
    fresh = users.get_user(db, zone.id)
    assert can_edit_unit(fresh, 4, 1) and not can_edit_unit(fresh, 3, 2)
