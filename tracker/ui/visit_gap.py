"""Claim against finding: verified vs self-reported score and the gap, for the city and
for one district; the claims that the latest field verdict contradicts. The city's
figures are joined from per-district pieces (:func:`city_claims`)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt, verification
from tracker.domain.model import unit_id
from tracker.store.reference import list_units
from tracker.store.visit_reads import claim_vs_finding, district_gap
from tracker.ui import charts
from tracker.ui.city_parts import joined
from tracker.ui.context import derive, district_ids, lang, read, t
from tracker.ui.tables import show_table

#: the store areas the claims are read from (a visit, or a status save, changes them)
CLAIM_AREAS = ("visits", "status")


def city_view(year: int, districts: set[int] | None) -> None:
    """The city: figures, the gap chart and table per district, every contradicted claim."""
    gaps = city_gaps(year)
    if districts is not None:
        gaps = gaps[gaps["district"].isin(districts)]
    if districts is None:
        _metrics(derive(verification.city_gap_of, lambda: city_claims(year),
                        ("visit-city-gap", year), depends=CLAIM_AREAS, year=year))
    if gaps.empty:
        st.info(t("vis.gap.none"))
        return
    st.caption(t("vis.gap.explain"))
    _chart(gaps)
    show_table(_gap_table(gaps), t("vis.gap.file"), key="vis_gap")
    st.markdown("#### " + t("vis.mm.heading_city"))
    found = city_claims(year)
    if districts is not None:
        found = found[found["district"].isin(districts)]
    _mismatch_table(found[found["mismatch"]], "vis_mm_city")


def city_claims(year: int) -> pd.DataFrame:
    """Every district's claims against the latest findings (:func:`claim_vs_finding` of
    the year), joined from one piece per district: each piece is cached on its
    district's revisions, so after a save only that district's is read and joined again
    (one read of the whole city grew with the city: 350-400 ms at 10x after any save)."""
    ids = district_ids()
    return derive(_joined, lambda: tuple(read(claim_vs_finding, year, d) for d in ids),
                  ("visit-claims", year, ids), depends=CLAIM_AREAS, year=year)


def city_gaps(year: int) -> pd.DataFrame:
    """:func:`verified_gap` of the year, one row per district with verdicts, joined
    from every district's own row (:func:`district_gap`, cached per district)."""
    ids = district_ids()
    return derive(_joined, lambda: tuple(read(district_gap, year, d) for d in ids),
                  ("visit-gaps", year, ids), depends=CLAIM_AREAS, year=year)


def _joined(pieces: tuple[pd.DataFrame, ...]) -> pd.DataFrame:
    """The pieces one under the other (when none has a row: the first, empty one)."""
    return joined(list(pieces), lambda: pieces[0] if pieces else
                  pd.DataFrame(columns=verification.GAP_COLUMNS))


def district_view(year: int, district: int) -> None:
    """One district: its figures, its contradicted claims, then every verified clause."""
    row = read(district_gap, year, district)
    if row.empty:
        st.info(t("vis.gap.none_district"))
        return
    _metrics(row.iloc[0].to_dict())
    found = read(claim_vs_finding, year, district)
    st.markdown("#### " + t("vis.mm.heading_district"))
    _mismatch_table(found[found["mismatch"]], f"vis_mm_{district}")
    with st.expander(t("vis.mm.all_verified"), icon=":material/fact_check:"):
        _mismatch_table(found, f"vis_all_{district}")


def _metrics(figures: dict) -> None:
    c = st.columns(4)
    c[0].metric(t("vis.gap.verified"), fmt.percent(figures.get("verified"), lang()))
    c[1].metric(t("vis.gap.reported"), fmt.percent(figures.get("reported"), lang()))
    gap = figures.get("gap")
    c[2].metric(t("vis.gap.gap"), _points(gap))
    c[3].metric(t("vis.gap.mismatches"), fmt.number(figures.get("mismatches"), lang()))


def _points(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "—"
    return fmt.digits(f"{value:+.0f}", lang())


def _district_names(districts: pd.Series) -> list[str]:
    units = read(list_units)
    names = units.set_index("id")["name_fa" if lang() == "fa" else "name_en"]
    return [names.get(unit_id(int(d)), str(d)) for d in districts]


def _gap_table(gaps: pd.DataFrame) -> pd.DataFrame:
    shown = gaps.sort_values("gap", ascending=False)
    return pd.DataFrame({
        t("common.district"): _district_names(shown["district"]),
        t("vis.gap.verified"): [fmt.percent(v, lang()) for v in shown["verified"]],
        t("vis.gap.reported"): [fmt.percent(v, lang()) for v in shown["reported"]],
        t("vis.gap.gap"): [_points(v) for v in shown["gap"]],
        t("vis.gap.checked"): [fmt.number(v, lang()) for v in shown["checked"]],
        t("vis.gap.mismatches"): [fmt.number(v, lang()) for v in shown["mismatches"]],
    })


def _chart(gaps: pd.DataFrame) -> None:
    fa = lang() == "fa"
    data = pd.DataFrame({"name": [fmt.label(n, lang()) for n in _district_names(gaps["district"])],
                         "gap": gaps["gap"].astype(float).round(1),
                         "label": [_points(v) for v in gaps["gap"]]})
    data["sign"] = [t("vis.gap.over") if g > 0 else t("vis.gap.under") for g in data["gap"]]
    axis = alt.Axis(title=t("vis.gap.gap_axis"),
                    labelExpr=charts.digits_expr(lang="fa") if fa else alt.Undefined)
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("gap:Q", axis=axis, scale=alt.Scale(reverse=fa)),
        y=alt.Y("name:N", sort="-x", title=None,  # every bar labelled: no label dropped
                axis=alt.Axis(orient="right" if fa else "left", labelOverlap=False,
                              labelLimit=220)),
        # a claim above the finding red, below it blue, in either language (without a
        # domain the colours followed the labels' alphabetical order, which differs)
        color=alt.Color("sign:N", title=None, legend=None,
                        scale=alt.Scale(domain=[t("vis.gap.over"), t("vis.gap.under")],
                                        range=["#c0392b", "#2e86c1"])),
        tooltip=[alt.Tooltip("name:N", title=t("common.district")),
                 alt.Tooltip("label:N", title=t("vis.gap.gap")), alt.Tooltip("sign:N", title=" ")],
    ).properties(height=max(140, 30 * len(data)))
    # an explicit height: Streamlit otherwise squeezes the bars until labels are dropped
    charts.draw(chart, extra=70, width="stretch")


def _mismatch_table(found: pd.DataFrame, key: str) -> None:
    if found.empty:
        st.success(t("vis.mm.none"))
        return
    units = read(list_units)
    names = units.set_index("id")["name_fa" if lang() == "fa" else "name_en"]
    title = "title_fa" if lang() == "fa" else "title_en"

    def unit_name(uid: int) -> str:
        d, z = divmod(int(uid), 100)
        base = names.get(unit_id(d), str(d))
        return base if z == 0 else f"{base} — {names.get(uid, str(uid))}"

    table = pd.DataFrame({
        t("field.unit"): [unit_name(u) for u in found["unit_id"]],
        t("field.clause"): [fmt.digits(int(n), lang()) for n in found["number"]],
        t("field.title"): found[title].tolist(),
        t("vis.mm.claim"): [_claim(s, p) for s, p in zip(found["status"], found["progress"],
                                                          strict=True)],
        t("vis.mm.verdict"): [t(f"vis.verdict.{v}") for v in found["verdict"]],
        t("vis.mm.date"): [calendar.format_date(d, lang()) for d in found["visit_date"]],
        t("vis.mm.findings"): found["findings"].fillna("").tolist(),
    })
    show_table(table, t("vis.mm.file"), key=key)


def _claim(status: object, progress: object) -> str:
    label = t(f"status.{status}") if isinstance(status, str) else "—"
    return f"{label} ({fmt.percent(float(progress or 0), lang())})"
