"""The language of a person's e-mails (users.lang): set on create and on profile edit,
through the store's user write path (admin only, audited), refused when not fa/en."""

import json

import pytest

from tests.store.test_users import PASSWORD
from tracker.domain.audit_text import audit_sentence
from tracker.domain.errors import PermissionDenied, ValidationFailed
from tracker.domain.model import Grant
from tracker.store import users


@pytest.fixture
def ldb(db):
    admin = users.get_user(db, users.bootstrap_admin(db, "boss", "رئیس", PASSWORD))
    return db, admin


def _lang(db, uid):
    return db.execute("SELECT lang FROM users WHERE id = ?", [uid]).fetchone()[0]


def _last_audit(db):
    row = db.execute("SELECT action, details FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0], json.loads(row[1])


def test_create_with_a_language_is_stored_and_audited(ldb):
    db, admin = ldb
    uid = users.create_user(db, admin, "eng", "English reader", None,
                            (Grant("district_editor", 3),), email="e@example.org", lang="en")
    assert _lang(db, uid) == "en"
    action, details = _last_audit(db)
    assert action == "user.create" and details["lang"] == "en"
    assert "e-mail language: English" in audit_sentence(action, details, "en")
    # the default stays Persian
    other = users.create_user(db, admin, "per", "Persian reader", None, (Grant("viewer"),))
    assert _lang(db, other) == "fa"
    listed = users.list_users(db).set_index("username")
    assert listed.loc["eng", "lang"] == "en" and listed.loc["per", "lang"] == "fa"


def test_profile_edit_changes_the_language_and_logs_old_and_new(ldb):
    db, admin = ldb
    uid = users.create_user(db, admin, "someone", "Someone", None, (Grant("viewer"),))
    users.set_profile(db, admin, uid, "Someone", "s@example.org", lang="en")
    assert _lang(db, uid) == "en"
    action, details = _last_audit(db)
    assert action == "user.profile"
    assert details["old"]["lang"] == "fa" and details["new"]["lang"] == "en"
    sentence = audit_sentence(action, details, "fa")
    assert "زبان ایمیل" in sentence and "انگلیسی" in sentence
    # lang=None leaves it as it is
    users.set_profile(db, admin, uid, "Someone else", "s@example.org")
    assert _lang(db, uid) == "en"


@pytest.mark.parametrize("bad", ["de", "", "FA ", "english"])
def test_a_language_that_is_not_fa_or_en_is_refused_and_nothing_changes(ldb, bad):
    db, admin = ldb
    uid = users.create_user(db, admin, "someone", "Someone", None, (Grant("viewer"),))
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationFailed) as e:
        users.set_profile(db, admin, uid, "Renamed", None, lang=bad)
    assert e.value.problems[0].key == "admin.lang_invalid"
    assert "Persian or English" in e.value.problems[0].message("en")
    with pytest.raises(ValidationFailed):
        users.create_user(db, admin, "other", "Other", None, (Grant("viewer"),), lang=bad)
    assert _lang(db, uid) == "fa"
    assert db.execute("SELECT display_name FROM users WHERE id = ?", [uid]).fetchone()[0] == \
        "Someone"
    assert users.username_taken(db, "other") is False
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


@pytest.mark.parametrize("email", ["not an address", "a@b", "@example.org", "x@y@z.org",
                                   "name example.org"])
def test_an_email_that_is_not_an_address_is_refused(ldb, email):
    db, admin = ldb
    uid = users.create_user(db, admin, "someone", "Someone", None, (Grant("viewer"),),
                            email="ok@example.org")
    with pytest.raises(ValidationFailed) as e:
        users.set_profile(db, admin, uid, "Someone", email, lang="en")
    assert e.value.problems[0].key == "admin.email_invalid"
    assert db.execute("SELECT email, lang FROM users WHERE id = ?", [uid]).fetchone() == \
        ("ok@example.org", "fa")


def test_only_an_admin_sets_someone_s_language(ldb):
    db, admin = ldb
    uid = users.create_user(db, admin, "editor", "Editor", PASSWORD,
                            (Grant("district_editor", 3),))
    editor = users.get_user(db, uid)
    with pytest.raises(PermissionDenied):
        users.set_profile(db, editor, uid, "Editor", None, lang="en")
    assert _lang(db, uid) == "fa"
