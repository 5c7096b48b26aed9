"""The reporting cycle's pure rules: calendars, date checks, states, late and on time."""

from datetime import date

import pytest

from tracker.domain import periods as P
from tracker.domain.model import Grant, User


def user(*grants):
    return User(1, "u", "U", tuple(Grant(*g) for g in grants))


OFFICE = user(("admin",))
D3 = user(("district_editor", 3))
Z32 = user(("zone_editor", 3, 2))
D4 = user(("district_editor", 4))
VIEW = user(("viewer",))


def test_month_calendar_1405():
    cal = P.month_periods(1405)
    assert len(cal) == 12
    # 1 Farvardin 1405 = 2026-03-21; Mehr 1405 starts 2026-09-23 and has 30 days
    assert cal[0].starts == date(2026, 3, 21)
    mehr = cal[6]
    assert (mehr.starts, mehr.ends) == (date(2026, 9, 23), date(2026, 10, 22))
    # deadlines: 3, 5, 7, 8 Aban 1405 = 2026-10-25, 27, 29, 30
    assert mehr.zone_deadline == date(2026, 10, 25)
    assert mehr.district_deadline == date(2026, 10, 27)
    assert mehr.accept_by == date(2026, 10, 29)
    assert mehr.locks == date(2026, 10, 30)
    assert mehr.opens == mehr.starts
    # months tile the year without gaps
    for a, b in zip(cal, cal[1:], strict=False):
        assert (b.starts - a.ends).days == 1


def test_leap_esfand_has_30_days():
    # 1403 is a leap year (Esfand 30 = 2025-03-20); 1404 is not (Esfand 29 = 2026-03-20)
    esf_1403 = P.month_periods(1403)[11]
    assert esf_1403.starts == date(2025, 2, 19)
    assert esf_1403.ends == date(2025, 3, 20)
    assert (esf_1403.ends - esf_1403.starts).days + 1 == 30
    esf_1404 = P.month_periods(1404)[11]
    assert (esf_1404.ends - esf_1404.starts).days + 1 == 29
    # Esfand's deadlines fall in Farvardin of the next year: 3 Farvardin 1404 = 2025-03-23
    assert esf_1403.zone_deadline == date(2025, 3, 23)


def test_weekly_esfand():
    cal = P.calendar_with_weekly_month(1403, 12)
    weeks = [p for p in cal if p.cadence == "week"]
    assert len(weeks) == 5  # 30 days = 4 weeks + 2 days
    assert weeks[0].starts == date(2025, 2, 19) and weeks[0].ends == date(2025, 2, 25)
    assert weeks[-1].ends == date(2025, 3, 20)
    assert weeks[0].zone_deadline == date(2025, 2, 26)
    assert [p.seq for p in cal] == list(range(1, 17))
    for p in cal:
        assert P.check_period(p, [o for o in cal if o is not p]) == []


def test_check_period_order_and_overlap():
    cal = P.month_periods(1405)
    bad = P.Period(**{**cal[7].__dict__, "zone_deadline": cal[7].district_deadline,
                      "district_deadline": cal[7].zone_deadline})
    keys = [k for k, _ in P.check_period(bad, cal)]
    assert "cyc.val.out_of_order" in keys
    overlapping = P.Period(1405, 13, "week", date(2026, 10, 20), date(2026, 10, 26),
                           date(2026, 10, 20), date(2026, 10, 27), date(2026, 10, 28),
                           date(2026, 10, 29), date(2026, 10, 30))
    problems = P.check_period(overlapping, cal)
    assert ("cyc.val.overlap", {"seq": 7}) in problems
    assert ("cyc.val.overlap", {"seq": 8}) in problems
    backwards = P.Period(1405, 13, "week", date(2027, 1, 2), date(2027, 1, 1),
                         date(2027, 1, 2), date(2027, 1, 3), date(2027, 1, 4),
                         date(2027, 1, 5), date(2027, 1, 6))
    assert ("cyc.val.ends_before_start", {}) in P.check_period(backwards, [])


@pytest.mark.parametrize("who,unit,ok", [
    (Z32, 302, True), (D3, 302, False), (OFFICE, 302, True), (D3, 300, True),
    (Z32, 300, False), (D4, 300, False), (VIEW, 302, False), (user(("zone_editor", 3, 1)), 302,
                                                              False)])
def test_who_submits(who, unit, ok):
    if ok:
        assert P.next_state("draft", "submit", who, unit, locked=False) == "submitted"
    else:
        with pytest.raises(P.CycleError) as e:
            P.next_state("draft", "submit", who, unit, locked=False)
        assert e.value.key == "cyc.err.not_allowed_submit"


@pytest.mark.parametrize("who,unit,ok", [
    (D3, 302, True), (D4, 302, False), (Z32, 302, False), (OFFICE, 302, False),
    (OFFICE, 300, True), (D3, 300, False)])
def test_who_reviews(who, unit, ok):
    for act, to in (("accept", "accepted"), ("send_back", "changes_requested")):
        if ok:
            assert P.next_state("submitted", act, who, unit, locked=False,
                                comment="fix") == to
        else:
            with pytest.raises(P.CycleError):
                P.next_state("submitted", act, who, unit, locked=False, comment="fix")


def test_state_machine_paths():
    s = P.next_state("not_started", "save", Z32, 302, locked=False)
    assert s == "draft"
    s = P.next_state(s, "submit", Z32, 302, locked=False)
    s = P.next_state(s, "send_back", D3, 302, locked=False, comment="numbers?")
    assert s == "changes_requested"
    s = P.next_state(s, "submit", Z32, 302, locked=False)
    s = P.next_state(s, "accept", D3, 302, locked=False)
    assert s == "accepted"
    with pytest.raises(P.CycleError) as e:
        P.next_state(s, "submit", Z32, 302, locked=False)
    assert e.value.key == "cyc.err.bad_state"
    assert P.next_state(s, "reopen", OFFICE, 302, locked=False, comment="typo") == \
        "changes_requested"
    with pytest.raises(P.CycleError):
        P.next_state(s, "reopen", D3, 302, locked=False, comment="x")
    with pytest.raises(P.CycleError) as e:
        P.next_state("submitted", "accept", D3, 302, locked=True)
    assert e.value.key == "cyc.err.locked"


def test_send_back_needs_comment():
    with pytest.raises(P.CycleError) as e:
        P.next_state("submitted", "send_back", D3, 302, locked=False, comment="  ")
    assert e.value.key == "cyc.err.comment_needed"


def test_late_and_on_time():
    dl = date(2026, 10, 25)
    assert P.days_late(dl, date(2026, 10, 25), date(2026, 11, 21)) == 0
    assert P.days_late(dl, date(2026, 10, 27), date(2026, 11, 21)) == 2
    assert P.days_late(dl, None, date(2026, 11, 21)) == 27
    assert P.days_late(dl, None, date(2026, 10, 20)) == 0
    assert P.is_late(dl, None, date(2026, 10, 26))
    rows = [(dl, date(2026, 10, 24)), (dl, date(2026, 10, 26)), (dl, None),
            (date(2026, 12, 1), None)]  # the last is not due yet
    assert P.on_time_rate(rows, date(2026, 11, 21)) == pytest.approx(100 / 3)
    assert P.on_time_rate([(date(2026, 12, 1), None)], date(2026, 11, 21)) is None


def test_current_period():
    cal = P.month_periods(1405)
    # 1405/08/30: Mehr locked on 8 Aban; Aban is being collected
    assert P.current_period(cal, date(2026, 11, 21)).seq == 8
    # 2 Azar: Aban (deadline 3 Azar) before Azar
    assert P.current_period(cal, date(2026, 11, 23)).seq == 8
    assert P.current_period(cal, date(2026, 3, 1)) is None
