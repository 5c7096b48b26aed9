"""Table downloads are made on click from a snapshot of the table as shown."""

import io

import openpyxl
import pandas as pd

from tracker.exports import to_csv_bytes
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
