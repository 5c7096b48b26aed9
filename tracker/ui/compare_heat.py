"""The comparison heat map's figures, chart spec and table: a pure function of the
records and the page's choices, cached per store revision by the page
(:func:`tracker.ui.context.derive`) so that a rerun only draws."""

from __future__ import annotations

import pandas as pd

from tracker.domain import comparison, fmt, stale
from tracker.domain.i18n import t
from tracker.domain.model import STATUSES
from tracker.domain.rollup import progress_by, progress_of_sums, progress_sums, score_of_sums
from tracker.ui import charts


def heat_figures(records: pd.DataFrame, row: str, names: dict[int, str],
                 stale_keys: frozenset[int], total_label: str, titles: dict[int, str],
                 lang: str, by_status: bool, select: bool) -> dict:
    """Heat map of ``records`` by ``row`` × clause with totals: ``spec`` (Vega-Lite),
    ``height`` (plot height) and ``table`` (the same figures as a wide table)."""
    parts = (progress_sums(records, [row, "number"]), comparison.grid_cells(records, row),
             progress_by(records, row))
    return heat_from_parts(parts, row, names, stale_keys, total_label, titles, lang,
                           by_status, select)


def heat_from_parts(parts: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], row: str,
                    names: dict[int, str], stale_keys: frozenset[int], total_label: str,
                    titles: dict[int, str], lang: str, by_status: bool,
                    select: bool) -> dict:
    """:func:`heat_figures` of ``(sums, cells, row totals)``: the records'
    ``progress_sums`` by row (or district) and clause, the cells and the row totals,
    made already (by district, joined from each district's: see
    :mod:`tracker.ui.city_parts` and :mod:`tracker.ui.city_sums`); the clause totals
    and the grand total are summed from ``sums``, no record is needed."""
    lg = lang
    sums, cells, row_tot = parts
    col_tot = progress_of_sums(sums, "number")
    row_label = {k: ("⚠ " if k in stale_keys else "") + v for k, v in names.items()}
    rows = [row_label[k] for k in names if k in set(row_tot[row])] + [total_label]
    numbers = sorted(int(n) for n in col_tot["number"])
    col_label = {n: fmt.digits(n, lg) for n in numbers}
    total = t("compare.total", lg)
    cols = [col_label[n] for n in numbers] + [total]
    status_labels = {s: t(f"status.{s}", lg) for s in STATUSES}
    stale_text = {True: t("compare.stale_flag", lg), False: t("compare.fresh", lg)}
    parts = [
        pd.DataFrame({"row": cells[row].map(row_label), "col": cells["number"].map(col_label),
                      "kind": "cell", "progress": cells["progress"], "status": cells["status"],
                      "row_key": cells[row], "clause": cells["number"].map(titles),
                      "records": cells["records"], "blocked": cells["blocked"]}),
        pd.DataFrame({"row": row_tot[row].map(row_label), "col": total,
                      "kind": "total", "progress": row_tot["progress"], "status": "",
                      "row_key": row_tot[row], "clause": total,
                      "records": row_tot["records"], "blocked": row_tot["blocked"]}),
        pd.DataFrame({"row": total_label, "col": col_tot["number"].map(col_label),
                      "kind": "total", "progress": col_tot["progress"], "status": "",
                      "row_key": -1, "clause": col_tot["number"].map(titles),
                      "records": col_tot["records"], "blocked": col_tot["blocked"]}),
        pd.DataFrame({"row": [total_label], "col": [total], "kind": "total",
                      "progress": [score_of_sums(sums)], "status": "", "row_key": -1,
                      "clause": total, "records": [int(sums["records"].sum())],
                      "blocked": [int(sums["blocked"].sum())]}),
    ]
    data = pd.concat(parts, ignore_index=True)
    data["text"] = [fmt.number(v, lg) for v in data["progress"]]
    data["status_label"] = data["status"].map(status_labels).fillna("")
    data["progress_text"] = [fmt.percent(v, lg, 1) for v in data["progress"]]
    data["records_text"] = [fmt.number(v, lg) for v in data["records"]]
    data["blocked_text"] = [fmt.number(v, lg) for v in data["blocked"]]
    data["stale_text"] = [stale_text[k in stale_keys] for k in data["row_key"]]
    tooltip = [("row", t("compare.unit", lg)), ("clause", t("compare.clause_title", lg)),
               ("progress_text", t("compare.progress", lg)),
               ("status_label", t("compare.status", lg)),
               ("records_text", t("compare.records", lg)),
               ("blocked_text", t("compare.blocked_records", lg)), ("stale_text", "⚠")]
    legend = t("compare.status", lg) if by_status else t("compare.progress", lg)
    spec, height = charts.heatmap(data, rows, cols, by_status=by_status,
                                  status_labels=status_labels, legend_title=legend,
                                  tooltip=tooltip, lang=lg, select=select)
    wide = data.pivot_table(index="row", columns="col", values="progress",
                            aggfunc="first", dropna=False)
    wide = wide.reindex(index=rows, columns=cols).round(1).reset_index()
    wide = wide.rename(columns={"row": t("compare.unit", lg)})
    wide.columns.name = None
    return {"spec": spec, "height": height, "table": wide}


def staleness(last: pd.DataFrame, day, days: int, year_start) -> dict:
    """Stale keys from the units' last updates (:mod:`tracker.domain.stale`): ``districts``
    (stale districts) and ``units`` (per district, its stale unit ids)."""
    units = stale.unit_staleness(last, day, days, year_start)
    districts = stale.district_staleness(units, days)
    quiet = units[units["stale"]]
    return {"districts": frozenset(int(d) for d in districts.loc[districts["stale"],
                                                                   "district"]),
            "units": {int(d): frozenset(int(u) for u in g["unit_id"])
                      for d, g in quiet.groupby("district")}}
