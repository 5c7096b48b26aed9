"""The shipped reference data, and the checks of tracker.exchange.reference."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.config import DATA_DIR
from tracker.domain.errors import TrackerError
from tracker.exchange.reference import ReferenceDataError, load_reference

FILES = ("deputies.csv", "units.csv", "programs.csv", "clauses.csv")
Rows = list[list[str]]  # rows[0] is the header = spreadsheet row 1


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def copy_data(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def edit_file(data_dir: Path, file: str, edit: Callable[[Rows], None]) -> None:
    """Apply ``edit`` to the rows of ``file`` in ``data_dir``."""
    path = data_dir / file
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def load_error(data_dir: Path) -> ReferenceDataError:
    with pytest.raises(ReferenceDataError) as info:
        load_reference(data_dir)
    return info.value


def broken(tmp_path: Path, file: str, edit: Callable[[Rows], None]) -> ReferenceDataError:
    """Copy the real files, apply ``edit`` to ``file``, return the load error."""
    edit_file(copy_data(tmp_path), file, edit)
    return load_error(tmp_path)


def set_cell(row: int, column: str, value: str) -> Callable[[Rows], None]:
    """An edit putting ``value`` in ``column`` of spreadsheet row ``row``."""

    def edit(rows: Rows) -> None:
        rows[row - 1][rows[0].index(column)] = value

    return edit


def unit_row(rows: Rows, district: int, zone: int) -> int:
    """The spreadsheet row of a unit in units.csv rows."""
    return 1 + rows.index(next(r for r in rows[1:] if r[:2] == [str(district), str(zone)]))


def assert_says(err: ReferenceDataError, en: str, fa: str) -> None:
    assert en in err.message("en"), err.message("en")
    assert fa in err.message("fa"), err.message("fa")


# --- the shipped files -------------------------------------------------------------


def test_shipped_files_load(ref):
    assert len(ref.units) and len(ref.clauses) and len(ref.programs)


def test_22_districts_and_123_zones(ref):
    assert sorted(ref.units.query("zone == 0").district) == list(range(1, 23))
    assert (ref.units.zone > 0).sum() == 123


@pytest.mark.parametrize("district,zones", [(2, 9), (8, 3), (16, 6), (20, 7), (1, 10), (9, 2)])
def test_zone_counts(ref, district, zones):
    assert ref.units.query(f"district == {district} and zone > 0").zone.tolist() == list(
        range(1, zones + 1)
    )


def test_unit_id_is_district_times_100_plus_zone(ref):
    assert (ref.units.id == ref.units.district * 100 + ref.units.zone).all()
    assert ref.units.set_index("id").loc[203, "name_en"] == "Zone 3"


def test_unit_names(ref):
    row = ref.units.set_index("id").loc[300]
    assert (row.name_fa, row.name_en) == ("منطقه ۳", "District 3")
    assert ref.units.set_index("id").loc[1002, "name_fa"] == "ناحیه ۲"


def test_estimated_districts_and_notes(ref):
    districts = ref.units.query("zone == 0").set_index("district")
    assert set(districts.query("confidence == 'estimate'").index) == {4, 11, 12}
    assert "شهرری" in districts.loc[20, "note"]
    assert "outer belt" in districts.loc[15, "note"]


def test_eight_deputies(ref):
    assert len(ref.deputies) == 8
    assert {"technical", "transport", "urban_services", "social"} <= set(ref.deputies.code)


def test_program_years(ref):
    assert ref.programs.year.tolist() == [1402, 1403, 1404, 1405]


def test_each_year_has_clauses_1_to_20(ref):
    for year in ref.programs.year:
        numbers = ref.clauses.query(f"year == {year}").number.tolist()
        assert sorted(numbers) == list(range(1, 21)), year


def test_clause_deputies_known_and_weights_positive(ref):
    assert set(ref.clauses.deputy) <= set(ref.deputies.code)
    assert (ref.clauses.weight > 0).all()


def test_clauses_marked_as_working_list(ref):
    assert set(ref.clauses.confidence) == {"working list"}


@pytest.mark.parametrize("name", ["deputies", "units", "clauses"])
def test_every_row_has_source(ref, name):
    frame = getattr(ref, name)
    assert (frame.source != "").all()
    if "confidence" in frame:
        assert (frame.confidence != "").all()


# --- cleaning ------------------------------------------------------------------------


def test_arabic_letters_normalised_and_whitespace_stripped(tmp_path):
    copy_data(tmp_path)
    path = tmp_path / "clauses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "  كوچه يك  "
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_reference(tmp_path).clauses.title_fa[0] == "کوچه یک"


def test_bom_accepted(tmp_path):
    copy_data(tmp_path)
    path = tmp_path / "deputies.csv"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert load_reference(tmp_path).deputies.columns[0] == "code"


def test_columns_in_any_order_and_persian_decimal_weight(tmp_path):
    def reorder(rows: Rows) -> None:
        for row in rows:
            row.reverse()

    edit_file(copy_data(tmp_path), "clauses.csv", reorder)
    edit_file(tmp_path, "clauses.csv", set_cell(2, "weight", "۲٫۵"))
    clauses = load_reference(tmp_path).clauses
    assert clauses.columns[0] == "year" and clauses.weight[0] == 2.5


def test_persian_digits_accepted_in_integer_columns(tmp_path):
    copy_data(tmp_path)
    path = tmp_path / "programs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1402,", "۱۴۰۲,"), encoding="utf-8")
    assert load_reference(tmp_path).programs.year[0] == 1402


# --- one test per check --------------------------------------------------------------


def test_error_is_a_tracker_error_with_problems(tmp_path):
    err = broken(tmp_path, "deputies.csv", set_cell(3, "code", "coordination"))
    assert isinstance(err, TrackerError)
    assert err.key == "ref.invalid"
    assert err.problems == [("deputies.csv", 3, ("ref.duplicate_deputy", {"code": "coordination"}))]


def test_file_missing(tmp_path):
    copy_data(tmp_path)
    (tmp_path / "programs.csv").unlink()
    with pytest.raises(ReferenceDataError) as info:
        load_reference(tmp_path)
    assert_says(info.value, "programs.csv: file missing", "programs.csv: فایل پیدا نشد")


def test_not_utf8(tmp_path):
    copy_data(tmp_path)
    path = tmp_path / "deputies.csv"
    path.write_bytes(b"code,name_fa,name_en,source\nsocial,\xe3\xe1\xff,Social,x\n")
    assert_says(
        load_error(tmp_path),
        "deputies.csv: cannot be read (must be a UTF-8 CSV file)",
        "deputies.csv: فایل خوانده نشد",
    )


def test_row_with_too_many_cells(tmp_path):
    err = broken(tmp_path, "programs.csv", lambda rows: rows[2].extend(["x", "y"]))
    assert_says(err, "programs.csv: cannot be read", "programs.csv: فایل خوانده نشد")


def test_missing_column(tmp_path):
    def drop_confidence(rows: Rows) -> None:
        for row in rows:
            del row[4]

    err = broken(tmp_path, "units.csv", drop_confidence)
    assert_says(
        err,
        "units.csv, row 1: missing columns: confidence",
        "units.csv، ردیف ۱: ستون‌های ناموجود: confidence",
    )


def test_extra_column(tmp_path):
    def add_colour(rows: Rows) -> None:
        for row in rows:
            row.append("colour" if row is rows[0] else "red")

    err = broken(tmp_path, "deputies.csv", add_colour)
    assert_says(
        err, "deputies.csv, row 1: extra columns: colour", "deputies.csv، ردیف ۱: ستون‌های اضافه"
    )


def test_empty_required_value(tmp_path):
    err = broken(tmp_path, "clauses.csv", set_cell(5, "title_en", "  "))
    assert_says(
        err, "clauses.csv, row 5: empty title_en", "clauses.csv، ردیف ۵: ستون «title_en» خالی است"
    )


def test_empty_note_is_allowed(tmp_path):
    copy_data(tmp_path)
    assert load_reference(tmp_path).units.note.eq("").any()


@pytest.mark.parametrize(
    "file,column", [("units.csv", "district"), ("units.csv", "zone"),
                    ("programs.csv", "year"), ("clauses.csv", "year"), ("clauses.csv", "number")]
)
def test_not_an_integer(tmp_path, file, column):
    err = broken(tmp_path, file, set_cell(3, column, "3a"))
    assert_says(
        err,
        f"{file}, row 3: {column} must be a whole number (0, 1, 2, …): '3a'",
        f"{file}، ردیف ۳: ستون «{column}» باید عدد صحیح",
    )


def test_duplicate_deputy_code(tmp_path):
    err = broken(tmp_path, "deputies.csv", set_cell(3, "code", "coordination"))
    assert_says(
        err,
        "deputies.csv, row 3: duplicate deputy code 'coordination'",
        "deputies.csv، ردیف ۳: کد معاونت تکراری «coordination»",
    )


def test_duplicate_unit(tmp_path):
    def duplicate(rows: Rows) -> None:
        rows.insert(unit_row(rows, 3, 2), ["3", "2", "ناحیه ۲", "Zone 2", "high", "x", ""])

    err = broken(tmp_path, "units.csv", duplicate)
    # header, district 1 (11 rows), district 2 (10), 3/0..3/2 = row 25; the copy is row 26
    assert_says(
        err,
        "units.csv, row 26: duplicate district/zone (3, 2)",
        "units.csv، ردیف ۲۶: منطقه/ناحیه تکراری (۳، ۲)",
    )


def test_duplicate_program_year(tmp_path):
    err = broken(tmp_path, "programs.csv", set_cell(5, "year", "1404"))
    assert_says(
        err, "programs.csv, row 5: duplicate year 1404", "programs.csv، ردیف ۵: سال تکراری ۱۴۰۴"
    )


def test_duplicate_clause_number(tmp_path):
    err = broken(tmp_path, "clauses.csv", set_cell(3, "number", "1"))
    assert_says(
        err,
        "clauses.csv, row 3: duplicate year/number (1402, 1)",
        "clauses.csv، ردیف ۳: سال/شماره بند تکراری (۱۴۰۲، ۱)",
    )


def test_unknown_deputy(tmp_path):
    err = broken(tmp_path, "clauses.csv", set_cell(2, "deputy", "mayor"))
    assert_says(
        err,
        "clauses.csv, row 2: deputy 'mayor' is not in deputies.csv",
        "clauses.csv، ردیف ۲: معاونت «mayor» در deputies.csv نیست",
    )


def test_unknown_year(tmp_path):
    err = broken(tmp_path, "clauses.csv", set_cell(2, "year", "1399"))
    assert_says(
        err,
        "clauses.csv, row 2: year 1399 is not in programs.csv",
        "clauses.csv، ردیف ۲: سال ۱۳۹۹ در programs.csv نیست",
    )


@pytest.mark.parametrize("weight", ["heavy", "0", "-1.5", "nan"])
def test_bad_weight(tmp_path, weight):
    err = broken(tmp_path, "clauses.csv", set_cell(4, "weight", weight))
    assert_says(
        err,
        f"clauses.csv, row 4: weight must be a number above zero: '{weight}'",
        f"clauses.csv، ردیف ۴: وزن باید عددی بزرگ‌تر از صفر باشد: «{weight}»",
    )


def test_zone_gap(tmp_path):
    err = broken(tmp_path, "units.csv", lambda rows: rows.pop(unit_row(rows, 8, 2) - 1))
    assert_says(
        err,
        "zones of district 8 must be numbered 1..n without gaps; found: 1, 3",
        "نواحی منطقه ۸ باید از ۱ تا n بی‌فاصله شماره بخورند؛ موجود: ۱، ۳",
    )
    with (DATA_DIR / "units.csv").open(encoding="utf-8") as f:
        row = unit_row(list(csv.reader(f)), 8, 0)
    assert ("units.csv", row) in [p[:2] for p in err.problems]
    assert f"units.csv, row {row}: zones of district 8" in err.message("en")


def test_district_row_missing(tmp_path):
    err = broken(tmp_path, "units.csv", lambda rows: rows.pop(unit_row(rows, 9, 0) - 1))
    assert_says(
        err,
        "district 9 has no district-level row (zone 0)",
        "منطقه ۹ ردیف سطح منطقه (ناحیه ۰) ندارد",
    )


def test_all_problems_of_all_files_reported_at_once(tmp_path):
    copy_data(tmp_path)
    edit_file(tmp_path, "deputies.csv", set_cell(9, "code", ""))
    edit_file(tmp_path, "clauses.csv", set_cell(2, "weight", "0"))
    err = load_error(tmp_path)
    lines = err.message("en").splitlines()
    count = len(err.problems)
    assert lines[0] == f"The reference data have {count} problem(s); nothing was loaded:"
    assert lines[1] == "deputies.csv, row 9: empty code"
    assert "clauses.csv, row 2: weight must be a number above zero: '0'" in lines
    assert "clauses.csv, row 2: deputy 'social' is not in deputies.csv" not in lines
    assert any("deputy 'social' is not in deputies.csv" in line for line in lines)
