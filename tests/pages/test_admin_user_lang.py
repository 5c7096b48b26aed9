"""The users page sets the language of a person's e-mails (create and edit), and refuses
an e-mail address that is not an address with a clear message, changing nothing."""

from tests.pages.test_admin_users import _button, _page, _texts, app_db, boss, shown  # noqa: F401
from tracker.domain.model import Grant
from tracker.store import audit, users

PASSWORD = "a good password"


def _lang(db, username):
    return db.execute("SELECT lang FROM users WHERE username = ?", [username]).fetchone()[0]


def test_create_a_user_who_reads_english_mail(app_db, boss):  # noqa: F811
    at = _page(boss)
    at.text_input(key="add_username").input("reader")
    at.text_input(key="add_name").input("Reader")
    at.text_input(key="add_email").input("reader@example.org")
    at.text_input(key="add_password").input(PASSWORD)
    assert at.selectbox(key="add_lang").value == "fa"
    at.selectbox(key="add_lang").set_value("en").run()
    _button(at, "add_submit").click().run()
    assert shown("admin.created", username="reader") in _texts(at)
    assert _lang(app_db, "reader") == "en"
    assert audit.audit_log(app_db)["details"].iloc[0]["lang"] == "en"


def test_edit_a_user_s_mail_language(app_db, boss):  # noqa: F811
    uid = users.create_user(app_db, boss, "reader", "Reader", None, (Grant("viewer"),),
                            email="reader@example.org")
    at = _page(boss)
    at.selectbox(key="admin_pick").set_value(uid).run()
    box = at.selectbox(key=f"profile_lang_{uid}")
    assert box.value == "fa"
    box.set_value("en").run()
    _button(at, f"profile_{uid}").click().run()
    assert shown("admin.profile_saved") in _texts(at)
    assert _lang(app_db, "reader") == "en"
    log = audit.audit_log(app_db)
    assert log["action"].iloc[0] == "user.profile"
    assert log["details"].iloc[0]["new"]["lang"] == "en"


def test_an_email_that_is_not_an_address_is_refused_on_the_page(app_db, boss):  # noqa: F811
    uid = users.create_user(app_db, boss, "reader", "Reader", None, (Grant("viewer"),),
                            email="reader@example.org")
    at = _page(boss)
    at.selectbox(key="admin_pick").set_value(uid).run()
    at.text_input(key=f"profile_email_{uid}").input("reader at example").run()
    at.selectbox(key=f"profile_lang_{uid}").set_value("en").run()
    _button(at, f"profile_{uid}").click().run()
    assert [e.value for e in at.error] == [shown("admin.email_invalid")]
    assert app_db.execute("SELECT email, lang FROM users WHERE id = ?", [uid]).fetchone() == \
        ("reader@example.org", "fa")
    # and on create: nothing is added
    at.text_input(key="add_username").input("other")
    at.text_input(key="add_name").input("Other")
    at.text_input(key="add_email").input("other@")
    _button(at, "add_submit").click().run()
    assert shown("admin.email_invalid") in [e.value for e in at.error]
    assert not users.username_taken(app_db, "other")
