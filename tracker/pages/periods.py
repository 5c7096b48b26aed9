"""Reporting periods: the completion board of a period (every district and zone with its
state, dates and days late; on-time rates; reminders; submit and review where the person
may act), the calendar (the office edits a period's dates before it opens; lock, reopen)
and the period's history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.domain import periods as P
from tracker.domain.model import unit_parts
from tracker.domain.permissions import editable_districts
from tracker.store import cycle_reads, reminders
from tracker.store import periods as SP
from tracker.store import submissions as SS
from tracker.store.comments import open_questions
from tracker.ui import auth
from tracker.ui.cadence_form import weekly_section
from tracker.ui.context import db, derive, lang, qp_choice, read, t
from tracker.ui.cycle_actions import (
    act,
    period_title,
    review_panel,
    show_flash,
    submission_panel,
    unit_titles,
)
from tracker.ui.pickers import year_picker
from tracker.ui.tables import show_table

PAGE = {"path": "periods", "title": "page.periods", "icon": ":material/event_available:",
        "order": 85, "roles": None}


def render() -> None:
    user = auth.current_user()
    st.subheader(t("page.periods"))
    show_flash()
    top = st.columns([1, 3])
    year = year_picker(top[0])
    if year is None:
        return
    periods = read(SP.year_periods, year)
    if not periods:
        st.info(t("cyc.ui.no_calendar"))
        if P.is_office(user) and st.button(t("cyc.ui.generate"), icon=":material/event:"):
            act(lambda: SP.generate_calendar(db(), user, year), t("cyc.ui.generated"))
        return
    today = calendar.today_tehran()
    current = P.current_period(periods, today) or periods[0]
    by_seq = {p.seq: p for p in periods}
    with top[1]:
        seq = qp_choice(t("cyc.field.period"), list(by_seq), "period", default=current.seq,
                        format_func=lambda s: period_title(by_seq[s]))
    period = by_seq[seq]
    locked = SP.get_period(db(), period.id)["locked_at"]
    _dates_line(period, locked)
    tabs = st.tabs([t("cyc.ui.tab_board"), t("cyc.ui.tab_calendar"), t("cyc.ui.tab_history")])
    with tabs[0]:
        _board(user, year, period, today)
    with tabs[1]:
        _calendar(user, periods, period, today, locked)
    with tabs[2]:
        _history(period)


def _dates_line(period: P.Period, locked) -> None:
    lg = lang()
    parts = [f"{t('cyc.field.' + k)}: {calendar.format_date(getattr(period, k), lg)}"
             for k in P.DATE_FIELDS]
    st.caption(" · ".join(parts))
    if locked:
        st.info(t("cyc.ui.locked_since", at=calendar.format_stamp(locked, lg)))


def _scope(user) -> int | None:
    """None: every district; else the one district an editor works in."""
    own = editable_districts(user)
    return None if own is None or not own else min(own)


def board_table(board: pd.DataFrame, lg: str, open_questions: dict | None = None
                ) -> pd.DataFrame:
    def when(s) -> str:
        return calendar.format_stamp(s, lg) if isinstance(s, str) and s else "—"

    names = [(r.name_fa if lg == "fa" else r.name_en) if r.zone == 0 else
             ("   " + (r.name_fa if lg == "fa" else r.name_en))
             for r in board.itertuples(index=False)]
    return pd.DataFrame({
        t("cyc.field.unit"): names,
        t("cyc.field.state"): [t(f"cyc.state.{s}") for s in board["state"]],
        t("cyc.field.deadline"): [calendar.format_date(d, lg) for d in board["deadline"]],
        t("cyc.field.submitted"): [when(s) for s in board["first_submitted_at"]],
        t("cyc.ui.last_submitted"): [when(s) for s in board["submitted_at"]],
        t("cyc.field.reviewed"): [when(s) for s in board["reviewed_at"]],
        t("cyc.field.days_late"): [("⚠ " + fmt.number(d, lg)) if d else "—"
                                   for d in board["days_late"]],
        # records whose latest question from the office the unit has not answered
        t("cyc.field.open_questions"): [
            fmt.number((open_questions or {}).get(int(u), 0), lg) for u in board["unit_id"]],
    })


def _board_view(data: tuple, lg: str) -> pd.DataFrame:
    board, questions = data
    return board_table(board, lg, questions)


def _board(user, year: int, period: P.Period, today) -> None:
    district = _scope(user)
    board = read(cycle_reads.board, period.id, today, district)
    counts = board["state"].value_counts()
    cols = st.columns(4)
    cols[0].metric(t("cyc.state.accepted"), fmt.number(int(counts.get("accepted", 0)), lang()))
    cols[1].metric(t("cyc.state.submitted"), fmt.number(int(counts.get("submitted", 0)),
                                                        lang()))
    cols[2].metric(t("cyc.ui.waiting"), fmt.number(
        int(board["state"].isin(reminders.WAITING).sum()), lang()))
    cols[3].metric(t("cyc.late"), fmt.number(int(board["late"].sum()), lang()))
    asked = read(open_questions, year, district)
    questions = dict(zip(asked["unit_id"].astype(int), asked["open"].astype(int), strict=True))
    shown = derive(_board_view, lambda: (board, questions),
                   ("cyc_board", period.id, today, district), lang())
    show_table(shown, f"board-{year}-{period.seq}",
               key="cyc_board",
               height=min(600, 38 + 35 * len(board)))
    _reminders(user, period, board, today)
    _acts(user, period, board)
    st.markdown(f"#### {t('cyc.ui.on_time_heading')}")
    rates = read(cycle_reads.on_time_rates, year, today)
    if district is not None:
        rates = rates[rates["district"] == district]
    titles = unit_titles()
    names = {int(r.district): titles.get(int(r.district) * 100, str(r.district))
             for r in rates.itertuples(index=False)}
    st.dataframe(pd.DataFrame({
        t("common.district"): [names[int(d)] for d in rates["district"]],
        t("cyc.field.on_time"): [fmt.percent(r, lang(), 0) if r == r and r is not None
                                 else "—" for r in rates["rate"]],
        t("cyc.ui.due_count"): [fmt.number(int(n), lang()) for n in rates["due"]],
    }), hide_index=True, width="stretch")


def _reminders(user, period: P.Period, board: pd.DataFrame, today) -> None:
    office = P.is_office(user)
    waiting = board[board["state"].isin(reminders.WAITING)]
    allowed = [int(u) for u in waiting["unit_id"]
               if office or (unit_parts(int(u))[1] and P.is_reviewer(user, int(u)))]
    if not allowed:
        return
    with st.expander(t("cyc.ui.remind_heading")):
        titles = unit_titles()
        uid = st.selectbox(t("cyc.field.unit"), allowed, format_func=lambda u: titles[u],
                           key="cyc_remind_unit")
        a, b = st.columns(2)
        if a.button(t("cyc.ui.remind_one"), key="cyc_remind_one", icon=":material/mail:"):
            act(lambda: reminders.remind_units(db(), user, period.id, [uid], today),
                t("cyc.ui.reminded"))
        if office and b.button(t("cyc.ui.remind_late"), key="cyc_remind_late",
                               icon=":material/campaign:"):
            act(lambda: reminders.remind_units(db(), user, period.id, None, today),
                t("cyc.ui.reminded"))


def _acts(user, period: P.Period, board: pd.DataFrame) -> None:
    """Submit or review, for the units the person may act on in this period."""
    mine = [(int(r.unit_id), "review") for r in board.itertuples(index=False)
            if r.state == "submitted" and P.is_reviewer(user, int(r.unit_id))]
    if not P.is_office(user):
        mine += [(int(r.unit_id), "submit") for r in board.itertuples(index=False)
                 if r.state in reminders.WAITING and P.is_unit_editor(user, int(r.unit_id))]
    else:  # the office may reopen an accepted report (the store refuses once locked)
        mine += [(int(r.unit_id), "reopen") for r in board.itertuples(index=False)
                 if r.state == "accepted"]
    if not mine:
        return
    st.markdown(f"#### {t('cyc.ui.your_acts')}")
    titles = unit_titles()
    labels = {f"{u}:{w}": f"{titles.get(u, u)} — {t('cyc.kind.' + w)}" for u, w in mine}
    choice = qp_choice(t("cyc.field.unit"), list(labels), "act",
                       format_func=lambda k: labels[k])  # in the link: act=302:review
    uid, what = int(choice.split(":")[0]), choice.split(":")[1]
    key = f"pp_{what}_{period.id}_{uid}"
    if what == "review":
        review_panel(period.id, uid, key)
    elif what == "reopen":
        _reopen_panel(user, period, uid, key)
    else:
        submission_panel(period.id, uid, key)


def _reopen_panel(user, period: P.Period, uid: int, key: str) -> None:
    with st.form(key):
        reason = st.text_input(t("cyc.ui.reopen_reason"))
        if st.form_submit_button(t("cyc.ui.reopen_report"), icon=":material/undo:"):
            act(lambda: SS.reopen_submission(db(), user, period.id, uid, reason),
                t("cyc.ui.report_reopened"))


def _calendar(user, periods: list[P.Period], period: P.Period, today, locked) -> None:
    lg = lang()
    st.dataframe(pd.DataFrame({
        t("cyc.field.period"): [f"{fmt.digits(p.seq, lg)}. {period_title(p)}" for p in periods],
        **{t(f"cyc.field.{k}"): [calendar.format_date(getattr(p, k), lg) for p in periods]
           for k in P.DATE_FIELDS},
    }), hide_index=True, width="stretch")
    if not P.is_office(user):
        return
    st.markdown(f"#### {t('cyc.ui.edit_heading', period=period_title(period))}")
    if today >= period.opens:
        st.caption(t("cyc.err.already_open"))
    else:
        with st.form(f"cyc_edit_{period.id}"):
            typed = {k: st.text_input(t(f"cyc.field.{k}"),
                                      calendar.format_date(getattr(period, k), lg))
                     for k in P.DATE_FIELDS}
            if st.form_submit_button(t("cyc.ui.save_dates"), icon=":material/save:"):
                _save_dates(user, period, typed)
    if locked:
        with st.form(f"cyc_reopen_{period.id}"):
            reason = st.text_input(t("cyc.ui.reopen_reason"))
            if st.form_submit_button(t("cyc.ui.reopen_period"), icon=":material/lock_open:"):
                act(lambda: SP.reopen_period(db(), user, period.id, reason),
                    t("cyc.ui.reopened"))
    elif st.button(t("cyc.ui.lock"), key=f"cyc_lock_{period.id}", icon=":material/lock:"):
        act(lambda: SP.lock_period(db(), user, period.id), t("cyc.ui.locked"))
    weekly_section(user, period.year, periods, today)


def _save_dates(user, period: P.Period, typed: dict[str, str]) -> None:
    from tracker.domain.calendar import BadDate
    from tracker.ui.plan_common import show_write_error

    try:
        dates = {k: calendar.parse_jalali(v) for k, v in typed.items()}
    except BadDate as exc:
        show_write_error(exc)
        return
    act(lambda: SP.edit_period(db(), user, period.id, dates), t("cyc.ui.dates_saved"))


def _history(period: P.Period) -> None:
    shown = derive(_history_view, lambda: (read(SS.events, period.id), unit_titles()),
                   ("cyc_history", period.id), lang())
    if shown is None:
        st.caption(t("cyc.ui.no_history"))
        return
    st.dataframe(shown, hide_index=True, width="stretch")


def _history_view(data: tuple, lg: str) -> pd.DataFrame | None:
    """The period's history, newest first (None when empty)."""
    ev, titles = data
    if ev.empty:
        return None
    return pd.DataFrame({
        t("cyc.field.when"): [calendar.format_stamp(s, lg) for s in ev["at"]],
        t("cyc.field.unit"): [titles.get(int(u), str(u)) if u == u and u is not None else "—"
                              for u in ev["unit_id"]],
        t("cyc.field.act"): [t(f"cyc.act.{a}") for a in ev["act"]],
        t("cyc.field.who"): list(ev["by_name"].fillna("")),
        t("cyc.field.comment"): list(ev["comment"].fillna("")),
    }).iloc[::-1]
