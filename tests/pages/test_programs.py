"""The programs page (admin): the clause catalogue of a year."""


from tests.conftest import run_app
from tracker.db import connect
from tracker.pages.programs import clause_changes
from tracker.store.reference import list_clauses

PAGE = "tracker/pages/programs.py"


def fill(at, **values):
    """Type into the add-clause form's inputs, found by their labels."""
    for name, text in values.items():
        label = field_label_fa(name)
        next(i for i in at.text_input if i.label == label).input(text)


def field_label_fa(name):
    base, _, suffix = name.partition("_")
    word = {"title": "عنوان بند", "measure": "واحد"}[base]
    return f"{word} ({'فارسی' if suffix == 'fa' else 'English'})"


def test_admin_sees_the_catalogue_of_a_year(app_db):
    at = run_app(app_db, "admin", PAGE, year=1405)
    assert not at.exception
    assert "۱۴۰۵" in at.subheader[0].value
    assert len(at.dataframe[0].value) == 20


def test_the_page_is_in_english_too(app_db):
    at = run_app(app_db, "admin", PAGE, year=1405, lang="en")
    assert "Program of 1405" in at.subheader[0].value
    assert any(b.label == "Save clauses" for b in at.button)


def test_adding_a_clause_through_the_form(app_db):
    at = run_app(app_db, "admin", PAGE, year=1405)
    fill(at, title_fa="بند آزمایشی", title_en="Trial clause", measure_fa="عدد",
         measure_en="count")
    next(b for b in at.button if b.label == "افزودن بند").click().run()
    assert not at.exception
    clauses = list_clauses(connect(app_db), 1405)
    assert clauses.iloc[-1]["title_en"] == "Trial clause"
    assert any("بند ۲۱ افزوده شد" in s.value for s in at.success)


def test_a_blank_title_is_refused_and_nothing_is_added(app_db):
    at = run_app(app_db, "admin", PAGE, year=1405)
    fill(at, title_en="Only English", measure_fa="عدد", measure_en="count")
    next(b for b in at.button if b.label == "افزودن بند").click().run()
    assert at.error and "نباید خالی باشد" in at.error[0].value
    assert len(list_clauses(connect(app_db), 1405)) == 20


def test_only_admins_get_the_page(app_db):
    from tests.conftest import demo_user
    from tracker.ui.registry import pages_for

    def paths(username):
        return {m.PAGE["path"] for m in pages_for(demo_user(app_db, username))}

    assert "programs" in paths("admin")
    assert "programs" not in paths("district3") | paths("viewer") | paths("inspector")


def test_grid_edits_become_clause_changes():
    import pandas as pd

    clauses = pd.DataFrame({"id": [7, 8], "number": [1, 2]})
    changes = clause_changes(clauses, {1: {"deputy": "Technical", "weight": 3, "source": "x",
                                           "title_en": "  Kerbs "}},
                             {"technical": "Technical", "transport": "Transport"})
    assert changes == {8: {"deputy": "technical", "weight": 3.0, "title_en": "Kerbs"}}
