"""Table downloads are made on click from a snapshot of the table as shown."""

import io

import openpyxl
import pandas as pd

from tracker.exchange.exports import to_csv_bytes
from tracker.ui.tables import csv_file, xlsx_file


def test_download_files_are_made_from_the_table_as_shown():
    frame = pd.DataFrame({"منطقه": ["یک", "دو"], "امتیاز": [12.5, 80.0]})
    make_csv, make_xlsx = csv_file(frame), xlsx_file(frame, "جدول", True)
    expected = to_csv_bytes(frame)
    frame["امتیاز"] = [0.0, 0.0]  # a later change of the page's frame is not in the file
    frame["extra"] = 1
    assert make_csv() == expected
    book = openpyxl.load_workbook(io.BytesIO(make_xlsx()))
    sheet = book["جدول"]
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == ["منطقه", "امتیاز"]
    assert [c.value for c in sheet[3]] == ["دو", 80]


def test_readable_leaves_no_missing_cells():
    from tracker.ui.tables import readable

    frame = pd.DataFrame({"n": [1.5, None], "t": ["a", None],
                          "d": pd.to_datetime(["2026-01-01", None]), "k": [1, 2]})
    shown = readable(frame, "fa")
    assert shown["n"].tolist() == ["۱٫۵", ""]
    assert shown["t"].tolist() == ["a", ""]
    assert shown["d"].tolist()[1] == ""
    assert shown["k"].tolist() == [1, 2]  # no missing cell: left as it is
    assert frame["n"].isna().sum() == 1  # the frame given is not changed
