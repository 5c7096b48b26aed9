"""A table with its downloads: st.dataframe plus CSV and Excel buttons."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.domain import calendar, fmt
from tracker.ui.context import lang, t


def rtl_order(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready to show: missing cells empty (:func:`readable`) and, in Persian,
    columns reversed so the grid reads right to left."""
    frame = readable(frame, lang())
    return frame[frame.columns[::-1]] if lang() == "fa" else frame


def readable(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """``frame`` with no None, nan or NaT for a person to read: the grid draws a
    missing cell as "None", so missing cells become empty text. A number column
    with a missing cell becomes text in the language's digits (``fmt.cell``); text
    holding letters of the other script becomes a bidi isolate (``fmt.in_sentence``);
    other columns are left as they are."""
    out = None
    for pos in range(frame.shape[1]):
        column = frame.iloc[:, pos]
        missing = column.isna()
        if column.dtype == object and any(isinstance(v, str) and fmt.other_script(v, language)
                                          for v in column):
            # text of the other script (an English finding in Persian) keeps its order
            out = frame.copy() if out is None else out
            out.isetitem(pos, pd.Series(
                ["" if m else fmt.in_sentence(v, language) if isinstance(v, str) else v
                 for v, m in zip(column, missing, strict=True)], index=frame.index,
                dtype=object))
            continue
        if not missing.any():
            continue
        if out is None:
            out = frame.copy()
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            values = [fmt.cell(v, language) for v in column]
        else:
            values = column.astype(object).where(~missing, "").tolist()
        out.isetitem(pos, pd.Series(values, index=frame.index, dtype=object))
    return frame if out is None else out


TOOLS = "tools_"  # key prefix of a container whose tables keep their toolbar (theme.py)


def with_tools(key: str):
    """A container whose read-only tables keep Streamlit's own toolbar (search, full
    screen: what a phone needs for a wide table), drawn in room left above the table,
    so it covers nothing. Elsewhere (charts, editable grids) the toolbar is hidden."""
    return st.container(key=f"{TOOLS}{key}")


def show_table(frame: pd.DataFrame, name: str, *, key: str, height: int | str = "auto",
               column_config: dict | None = None) -> None:
    """Show ``frame`` (columns already labelled for people) with its toolbar (search,
    full screen) and CSV and Excel downloads.

    ``name`` is the file and sheet name; ``key`` must be unique on the page.
    """
    with with_tools(key):
        st.dataframe(rtl_order(frame), hide_index=True, width="stretch", height=height,
                     column_config=column_config)
    download_buttons(frame, name, key=key)


def download_buttons(frame: pd.DataFrame, name: str, *, key: str) -> None:
    """CSV and Excel buttons; the files are made when a button is clicked, not on
    every rerun (a snapshot of ``frame`` is kept for that)."""
    a, b, _ = st.columns([1, 1, 4])
    a.download_button(t("common.download_csv"), csv_file(frame), file_name=f"{name}.csv",
                      mime="text/csv", key=f"{key}_csv", icon=":material/download:",
                      on_click="ignore")
    b.download_button(t("common.download_xlsx"), xlsx_file(frame, name, lang() == "fa"),
                      file_name=f"{name}.xlsx", key=f"{key}_xlsx", icon=":material/download:",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      on_click="ignore")


def csv_file(frame: pd.DataFrame) -> Callable[[], bytes]:
    """A callable making the CSV of ``frame`` as it is now."""
    snapshot = frame.copy(deep=False)  # copy-on-write: later edits of frame do not show

    def make() -> bytes:
        from tracker.exchange.exports import to_csv_bytes

        return to_csv_bytes(snapshot)
    return make


def xlsx_file(frame: pd.DataFrame, name: str, rtl: bool) -> Callable[[], bytes]:
    """A callable making the Excel workbook of ``frame`` (one sheet ``name``)."""
    snapshot = frame.copy(deep=False)

    def make() -> bytes:
        from tracker.exchange.exports import to_xlsx_bytes

        return to_xlsx_bytes({name: snapshot}, rtl)
    return make


def file_date(day: object) -> str:
    """A day (ISO date or date) for a file name: Jalali with ASCII digits, ``1405-08-30``."""
    from tracker.domain import calendar

    return calendar.format_date(day, "en").replace("/", "-")


def file_stamp(stamp: str) -> str:
    """A UTC stamp for a file name: Tehran's Jalali date and time, ``1405-09-09_1219``."""
    from tracker.domain import calendar

    return calendar.format_stamp(stamp, "en").replace("/", "-").replace(" ", "_").replace(":", "")


def field_value(field: str, value: object) -> str:
    """A record field's value as a person reads it (history, conflicts): a status by its
    name, a due date in Jalali, numbers in the language's digits, "—" for none."""
    if value is None or value == "":
        return "—"
    if field == "status":
        return t(f"status.{value}")
    if field == "due_date":
        return calendar.format_date(str(value), lang())
    return fmt.digits(value, lang()) if isinstance(value, int | float) else str(value)
