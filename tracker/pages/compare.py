"""Compare districts: the district × clause heat map, one district's zones, districts
side by side, and the clauses that lag with the districts that pull them down."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.domain import comparison, fmt
from tracker.domain.plaintext import md_escape
from tracker.store.reference import list_clauses
from tracker.ui import charts, city_parts, city_sums
from tracker.ui.compare_controls import (
    clause_picker,
    clause_titles,
    day_label,
    deputy_picker,
    district_names,
    stale_days_picker,
    status_picker,
    year_and_day,
    zone_names,
)
from tracker.ui.compare_heat import heat_figures, heat_from_parts
from tracker.ui.context import derive, lang, qp_choice, read, set_param, t
from tracker.ui.tables import show_table

PAGE = {"path": "compare", "title": "page.compare", "icon": ":material/grid_on:",
        "order": 30, "roles": None}
VIEWS = ("grid", "district", "side", "lagging")


def render() -> None:
    st.subheader(t("page.compare"))
    top = st.columns([1, 2, 2, 3, 2, 2])
    chosen = year_and_day(top[0], top[1])
    if chosen is None:
        return
    year, as_of = chosen
    deputy = deputy_picker(top[2])
    clauses = clause_picker(year, top[3])
    status = status_picker(top[4])
    days = stale_days_picker(top[5])
    _apply_pick()
    labels = {v: t(f"compare.view_{v}") for v in VIEWS}
    view = qp_choice(t("compare.view"), list(VIEWS), "view", widget="radio", horizontal=True,
                     format_func=labels.get, label_visibility="collapsed")
    st.caption(t("compare.as_of_caption", date=day_label(as_of.day)) + " — "
               + t("compare.grid_help", days=days))
    # what the choices select, and who is stale: cached per store revision, so a warm
    # rerun of the heat maps reads no records at all
    choice = (year, as_of.query, deputy, tuple(clauses), status)
    # joined from each district's sums (summed again only where a save was)
    counts = city_sums.city_counts(*choice)
    stale_keys = city_parts.stale_keys(year, as_of.query, as_of.day, days)
    titles = clause_titles(read(list_clauses, year))
    if not counts["all"]:
        st.info(t("compare.no_data"))
        return
    if view == "grid":
        _grid_view(stale_keys, titles, choice)
    elif view == "district":
        _district_view(counts, stale_keys, titles, choice)
    elif view == "side":
        _side_view(lambda districts: _records_of(choice, districts), titles)
    else:
        _lagging_view(city_sums.city_lagging(*choice), titles)


def _records_of(choice: tuple, districts: list[int]) -> pd.DataFrame:
    """The chosen records of ``districts``, each district's cached on its revision."""
    year, query, deputy, clauses, status = choice
    return pd.concat([comparison.filter_records(city_parts.district_records(year, query, d),
                                                deputy, list(clauses), status)
                      for d in districts], ignore_index=True)


def _apply_pick() -> None:
    """A click on a district row of the heat map opens that district's zones."""
    event = st.session_state.get("cmp_heat")
    picked = (event or {}).get("selection", {}).get("pick") or []
    last = st.session_state.get("cmp_heat_last")
    if picked and picked != last:
        district = int(picked[0]["row_key"])
        if district > 0:
            st.query_params["district"] = str(district)
            st.query_params["view"] = "district"
    st.session_state["cmp_heat_last"] = picked


def _color_by() -> bool:
    options = {"progress": t("compare.color_progress"), "status": t("compare.color_status")}
    return qp_choice(t("compare.color_by"), list(options), "color", widget="radio",
                     horizontal=True, format_func=options.get) == "status"


def _heat(records: Callable[[], pd.DataFrame], row: str, names: dict[int, str],
          stale_keys: frozenset[int], total_label: str, titles: dict[int, str],
          key: str | None, name: str, choice: tuple,
          figures: Callable[..., dict] = heat_figures) -> None:
    """Heat map of ``records()`` by ``row`` × clause with totals, and its table view.
    ``choice`` holds every choice that decided the records (the cache key); ``figures``
    makes them (:func:`heat_from_parts` when ``records()`` gives the parts)."""
    by_status = _color_by()
    fig = derive(figures, records, (choice, row), row, names, frozenset(stale_keys),
                 total_label, titles, lang(), by_status, key is not None,
                 depends=("status",), year=choice[0])
    if by_status:
        st.caption(t("compare.status_rule"))
    if key:
        charts.draw_spec(fig["spec"], fig["height"], key=key, on_select="rerun",
                         selection_mode="pick")
    else:
        charts.draw_spec(fig["spec"], fig["height"])
    with st.expander(t("compare.table_view"), icon=":material/table:"):
        show_table(fig["table"], name, key=f"{name}_table")


def _grid_view(stale_keys, titles, choice) -> None:
    st.markdown(f"#### {t('compare.grid_title')}")
    year, query, deputy, clauses, status = choice

    def parts() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        # the sums, cells and district totals joined from each district's (cached on
        # its revision): after a save only that district's are computed again
        return (city_sums.city_sums(year, query, deputy, clauses, status),
                *city_parts.district_heat(year, query, deputy, clauses, status))

    _heat(parts, "district", district_names(), stale_keys["districts"],
          t("compare.city_row"), titles, key="cmp_heat", name="district-clause", choice=choice,
          figures=heat_from_parts)


def _district_view(counts, stale_keys, titles, choice) -> None:
    names = district_names()
    district = qp_choice(t("common.district"), list(names), "district",
                         format_func=names.get)
    st.markdown(f"#### {t('compare.zone_grid_title', district=md_escape(names[district]))}")
    if not counts["by_district"].get(district):
        st.info(t("compare.no_data"))
        return

    year, query, deputy, clauses, status = choice

    def mine() -> pd.DataFrame:  # the district's own records (cached on its revision)
        return comparison.filter_records(city_parts.district_records(year, query, district),
                                         deputy, list(clauses), status)

    _heat(mine, "unit_id", zone_names(district), stale_keys["units"].get(district, frozenset()),
          t("compare.district_row"), titles,
          key=None, name=f"district-{district}-zones", choice=(*choice, district))


def _side_view(records_of: Callable[[list[int]], pd.DataFrame], titles) -> None:
    names = district_names()
    key = "cmp_side"
    if key not in st.session_state:
        wanted = [int(x) for x in st.query_params.get("districts", "").split(",")
                  if x.isdecimal() and len(x) < 6 and int(x) in names]
        st.session_state[key] = wanted or list(names)[:2]
    chosen = st.multiselect(t("compare.pick_districts"), list(names), key=key,
                            format_func=names.get, placeholder=t("widgets.choose"))
    set_param("districts", ",".join(str(d) for d in chosen))
    if len(chosen) < 2:
        st.info(t("compare.pick_two"))
        return
    st.markdown(f"#### {t('compare.side_title')}")
    wide = comparison.side_by_side(records_of(chosen), chosen)
    lg = lang()
    table = pd.DataFrame({t("compare.clause"): wide["number"].map(titles)})
    for d in chosen:
        table[names[d]] = wide[d].round(1)
    table[t("compare.spread")] = wide["spread"].round(1)
    long = wide.melt(id_vars=["number"], value_vars=chosen, var_name="district",
                     value_name="progress")
    cells = pd.DataFrame({
        "row": long["district"].map(names),
        "col": long["number"].map(lambda n: fmt.digits(n, lg)),
        "kind": "cell", "progress": long["progress"], "status": "",
        "row_key": long["district"], "clause": long["number"].map(titles),
    })
    spread = pd.DataFrame({"row": t("compare.spread"),
                           "col": wide["number"].map(lambda n: fmt.digits(n, lg)),
                           "kind": "total", "progress": wide["spread"], "status": "",
                           "row_key": -1, "clause": wide["number"].map(titles)})
    data = pd.concat([cells, spread], ignore_index=True)
    data["text"] = [fmt.number(v, lg) for v in data["progress"]]
    data["progress_text"] = [fmt.percent(v, lg, 1) for v in data["progress"]]
    rows = [names[d] for d in chosen] + [t("compare.spread")]
    cols = [fmt.digits(int(n), lg) for n in wide["number"]]
    spec, height = charts.heatmap(
        data, rows, cols, by_status=False, status_labels={}, legend_title=t("compare.progress"),
        tooltip=[("row", t("compare.unit")), ("clause", t("compare.clause_title")),
                 ("progress_text", t("compare.progress"))], lang=lg, select=False)
    charts.draw_spec(spec, height)
    show_table(table, "side-by-side", key="side_table")


def _lagging_view(lag: pd.DataFrame, titles) -> None:
    st.markdown(f"#### {t('compare.lagging_title')}")
    st.caption(t("compare.lagging_help"))
    names = district_names()
    lg = lang()
    table = pd.DataFrame({
        t("compare.clause"): lag["number"].map(titles),
        t("compare.city_progress"): lag["city"].round(1),
        t("common.district"): lag["district"].map(lambda d: names.get(int(d), "—")
                                                  if pd.notna(d) else "—"),
        t("compare.district_progress"): lag["district_progress"].round(1),
        t("compare.pull"): lag["pull"].round(2),
    })
    worst = lag.drop_duplicates("number")
    data = pd.DataFrame({"label": worst["number"].map(titles), "score": worst["city"],
                         "score_text": [fmt.percent(v, lg, 1) for v in worst["city"]]})
    charts.draw(charts.bars(
        data, label="label", value="score", value_title=t("compare.city_progress"),
        order=list(data["label"]), color_field=None, color_domain=[], color_range=[],
        color_title="", tooltip=[("label", t("compare.clause")),
                                 ("score_text", t("compare.city_progress"))], lang=lg),
        extra=70, width="stretch")
    show_table(table, "lagging-clauses", key="lagging_table")
