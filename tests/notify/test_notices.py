"""Messages drawn in the reader's language with Jalali dates."""

from tracker.notify.notices import render

P = {"unit_fa": "منطقه ۳ / ناحیه ۲", "unit_en": "District 3 / Zone 2", "period_fa": "آبان ۱۴۰۵",
     "period_en": "Aban 1405", "deadline": "2026-11-24", "by": "Ali", "days": 2}


def test_due_soon_in_both_languages():
    s, b = render("due_soon", P, "en")
    assert s == "Reminder: District 3 / Zone 2's report (Aban 1405) is due 3 Azar 1405"
    assert b.startswith("2 day(s) left")
    s, b = render("due_soon", P, "fa")
    assert "۳ آذر ۱۴۰۵" in s and b.startswith("۲ روز")


def test_sent_back_carries_the_comment():
    _s, b = render("sent_back", {**P, "comment": "clause 4?"}, "en")
    assert b.endswith("Comment: clause 4?")
