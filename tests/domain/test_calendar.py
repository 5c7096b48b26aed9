"""tracker.domain.calendar: Jalali dates in Asia/Tehran."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone

import jdatetime
import pytest

from tracker.domain import calendar as cal
from tracker.domain.calendar import BadDate
from tracker.domain.errors import TrackerError
from tracker.strings.calendar import STRINGS

# --- known conversions (from the official Iranian calendar: Nowruz days and the last
# days of leap and common years) ------------------------------------------------------

KNOWN = [
    ((1402, 12, 29), date(2024, 3, 19)),  # last day of common year 1402
    ((1403, 1, 1), date(2024, 3, 20)),
    ((1403, 12, 30), date(2025, 3, 20)),  # last day of leap year 1403
    ((1404, 1, 1), date(2025, 3, 21)),
    ((1404, 12, 29), date(2026, 3, 20)),
    ((1405, 1, 1), date(2026, 3, 21)),
    ((1405, 9, 1), date(2026, 11, 22)),
]


@pytest.mark.parametrize(("jalali", "gregorian"), KNOWN)
def test_to_jalali_and_parse_jalali_round_trip(jalali, gregorian):
    j = cal.to_jalali(gregorian)
    assert (j.year, j.month, j.day) == jalali
    assert cal.parse_jalali("{}/{}/{}".format(*jalali)) == gregorian


def test_to_jalali_accepts_iso_strings_and_missing_values():
    assert cal.to_jalali("2024-03-19") == jdatetime.date(1402, 12, 29)
    assert cal.to_jalali(" 2024-03-19 ") == jdatetime.date(1402, 12, 29)
    assert cal.to_jalali(None) is None
    assert cal.to_jalali("") is None
    assert cal.to_jalali(math.nan) is None


def test_to_jalali_moves_aware_datetimes_to_tehran():
    # 21:00 UTC on 20 March 2026 is already 00:30 on 21 March (1405/01/01) in Tehran.
    moment = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
    assert cal.to_jalali(moment) == jdatetime.date(1405, 1, 1)


def test_to_jalali_rejects_malformed_iso():
    with pytest.raises(ValueError):
        cal.to_jalali("2024-13-01")


# --- leap years and year bounds -------------------------------------------------------


@pytest.mark.parametrize("year", [1399, 1403, 1408])
def test_leap_years(year):
    assert cal.is_leap(year)
    assert cal.days_in_year(year) == 366


@pytest.mark.parametrize("year", [1400, 1401, 1402, 1404, 1405])
def test_common_years(year):
    assert not cal.is_leap(year)
    assert cal.days_in_year(year) == 365


def test_year_start_and_end():
    assert cal.year_start(1403) == date(2024, 3, 20)
    assert cal.year_end(1402) == date(2024, 3, 19)  # 29 Esfand, common year
    assert cal.year_end(1403) == date(2025, 3, 20)  # 30 Esfand, leap year
    assert cal.year_start(1405) == date(2026, 3, 21)


@pytest.mark.parametrize("year", range(1395, 1415))
def test_year_end_is_day_before_next_year_start_and_length_matches(year):
    assert cal.year_end(year) + timedelta(days=1) == cal.year_start(year + 1)
    assert (cal.year_end(year) - cal.year_start(year)).days + 1 == cal.days_in_year(year)


# --- Tehran time and the current year -------------------------------------------------


def test_tehran_zone_name():
    assert str(cal.TEHRAN) == "Asia/Tehran"


def test_now_utc_is_aware_utc():
    now = cal.now_utc()
    assert now.utcoffset() == timedelta(0)


def test_today_tehran_crosses_midnight_before_utc():
    assert cal.today_tehran(datetime(2026, 3, 20, 20, 29, 59, tzinfo=UTC)) == date(2026, 3, 20)
    assert cal.today_tehran(datetime(2026, 3, 20, 20, 30, tzinfo=UTC)) == date(2026, 3, 21)


def test_today_tehran_accepts_other_offsets():
    new_york = timezone(timedelta(hours=-4))
    assert cal.today_tehran(datetime(2026, 3, 20, 17, 0, tzinfo=new_york)) == date(2026, 3, 21)


def test_today_tehran_refuses_naive():
    with pytest.raises(ValueError):
        cal.today_tehran(datetime(2026, 3, 20, 21, 0))


def test_today_tehran_default_is_now():
    assert cal.today_tehran() in {
        cal.today_tehran(cal.now_utc() - timedelta(seconds=5)),
        cal.today_tehran(cal.now_utc()),
    }


def test_current_year_at_nowruz_boundary_in_tehran():
    # 2026-03-20T21:00Z is 00:30 on 1405/01/01 in Tehran (+03:30), while UTC is
    # still on 2026-03-20 (= 1404/12/29).
    moment = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
    assert cal.current_year(moment.date()) == 1404
    assert cal.current_year(cal.today_tehran(moment)) == 1405
    assert cal.current_year(cal.today_tehran(moment - timedelta(hours=1))) == 1404


def test_current_year_of_dates():
    assert cal.current_year(date(2024, 3, 19)) == 1402
    assert cal.current_year(date(2024, 3, 20)) == 1403
    assert cal.current_year(date(2025, 3, 20)) == 1403
    assert cal.current_year(date(2025, 3, 21)) == 1404


def test_current_year_default_follows_the_clock(monkeypatch):
    monkeypatch.setenv("TRACKER_TODAY", "2025-03-20")  # 30 Esfand 1403
    assert cal.current_year() == 1403
    monkeypatch.setenv("TRACKER_TODAY", "2025-03-21")  # 1 Farvardin 1404
    assert cal.current_year() == 1404


# --- days left ------------------------------------------------------------------------


def test_days_left_counts_today():
    assert cal.days_left(1402, date(2024, 3, 19)) == 1  # last day of Esfand
    assert cal.days_left(1402, date(2024, 3, 18)) == 2
    assert cal.days_left(1403, date(2025, 3, 20)) == 1  # 30 Esfand in a leap year


def test_days_left_whole_year_on_nowruz():
    assert cal.days_left(1403, date(2024, 3, 20)) == 366
    assert cal.days_left(1404, date(2025, 3, 21)) == 365


def test_days_left_after_the_year_is_zero():
    assert cal.days_left(1402, date(2024, 3, 20)) == 0
    assert cal.days_left(1402, date(2030, 1, 1)) == 0


def test_days_left_before_the_year_is_the_whole_year():
    assert cal.days_left(1405, date(2025, 6, 1)) == 365


def test_days_left_default_today():
    year = cal.current_year()
    assert 1 <= cal.days_left(year) <= cal.days_in_year(year)


# --- time stamps ----------------------------------------------------------------------


def test_utc_stamp_format():
    dt = datetime(2026, 11, 21, 16, 49, 34, 987654, tzinfo=UTC)
    assert cal.utc_stamp(dt) == "2026-11-21T16:49:34Z"


def test_utc_stamp_converts_offsets_to_utc():
    dt = datetime(2026, 11, 21, 20, 19, 34, tzinfo=cal.TEHRAN)
    assert cal.utc_stamp(dt) == "2026-11-21T16:49:34Z"


def test_utc_stamp_default_now_and_refuses_naive():
    stamp = cal.utc_stamp()
    assert len(stamp) == 20 and stamp.endswith("Z") and stamp[10] == "T"
    with pytest.raises(ValueError):
        cal.utc_stamp(datetime(2026, 1, 1))


def test_parse_stamp_round_trip():
    dt = cal.parse_stamp("2026-11-21T16:49:34Z")
    assert dt == datetime(2026, 11, 21, 16, 49, 34, tzinfo=UTC)
    assert dt.utcoffset() == timedelta(0)
    assert cal.utc_stamp(dt) == "2026-11-21T16:49:34Z"


def test_parse_stamp_offsets_and_naive():
    assert cal.parse_stamp("2026-11-21T20:19:34+03:30") == datetime(
        2026, 11, 21, 16, 49, 34, tzinfo=UTC
    )
    # SQLite's CURRENT_TIMESTAMP has no zone but is UTC.
    assert cal.parse_stamp("2026-11-21 16:49:34").tzinfo is UTC


def test_end_of_day_utc_is_tehran_midnight_minus_a_second():
    assert cal.end_of_day_utc(date(2026, 3, 21)) == "2026-03-21T20:29:59Z"
    # Before Iran dropped daylight saving time (2022), summer was +04:30.
    assert cal.end_of_day_utc(date(2021, 6, 21)) == "2021-06-21T19:29:59Z"


def test_end_of_day_utc_works_as_string_bound():
    bound = cal.end_of_day_utc(date(2026, 3, 20))
    assert "2026-03-20T20:29:59Z" <= bound
    assert "2026-03-20T20:30:00Z" > bound  # already 21 March in Tehran
    assert cal.today_tehran(cal.parse_stamp(bound)) == date(2026, 3, 20)


# --- formatting -----------------------------------------------------------------------


def test_format_date_fa_and_en():
    assert cal.format_date(date(2026, 11, 22), "fa") == "۱۴۰۵/۰۹/۰۱"
    assert cal.format_date(date(2026, 11, 22), "en") == "1405/09/01"
    assert cal.format_date("2024-03-19", "fa") == "۱۴۰۲/۱۲/۲۹"
    assert cal.format_date("2025-03-20", "en") == "1403/12/30"


@pytest.mark.parametrize("missing", [None, "", "  ", math.nan])
def test_format_functions_empty_for_missing(missing):
    assert cal.format_date(missing, "fa") == ""
    assert cal.format_long(missing, "en") == ""
    assert cal.format_stamp(missing, "fa") == ""


def test_format_handles_pandas_values():
    pd = pytest.importorskip("pandas")
    assert cal.format_date(pd.NaT, "fa") == ""
    assert cal.format_date(pd.NA, "fa") == ""
    assert cal.format_stamp(pd.NA, "en") == ""
    assert cal.format_date(pd.Timestamp("2026-11-22"), "en") == "1405/09/01"
    column = pd.Series(["2024-03-19", None, float("nan")])
    assert column.map(lambda v: cal.format_date(v, "fa")).tolist() == ["۱۴۰۲/۱۲/۲۹", "", ""]


def test_format_long_fa_and_en():
    assert cal.format_long(date(2026, 11, 22), "fa") == "۱ آذر ۱۴۰۵"
    assert cal.format_long(date(2026, 11, 22), "en") == "1 Azar 1405"
    assert cal.format_long("2025-03-20", "fa") == "۳۰ اسفند ۱۴۰۳"
    assert cal.format_long("2026-03-21", "en") == "1 Farvardin 1405"


def test_format_stamp_shifts_to_tehran():
    # 16:49 UTC is 20:19 in Tehran, still 30 Aban (1405/08/30).
    assert cal.format_stamp("2026-11-21T16:49:34Z", "fa") == "۱۴۰۵/۰۸/۳۰ ۲۰:۱۹"
    assert cal.format_stamp("2026-11-21T16:49:34Z", "en") == "1405/08/30 20:19"


def test_format_stamp_shift_crosses_the_day_and_the_year():
    # 20:45 UTC on 20 March 2026 is 00:15 on Nowruz 1405 in Tehran.
    assert cal.format_stamp("2026-03-20T20:45:00Z", "en") == "1405/01/01 00:15"
    assert cal.format_stamp("2026-03-20T20:45:00Z", "fa") == "۱۴۰۵/۰۱/۰۱ ۰۰:۱۵"


def test_year_options_digits_and_order():
    assert cal.year_options([1405, 1403, 1404], "fa") == {
        1405: "۱۴۰۵",
        1403: "۱۴۰۳",
        1404: "۱۴۰۴",
    }
    assert list(cal.year_options([1405, 1403], "en").items()) == [(1405, "1405"), (1403, "1403")]
    assert cal.year_options([], "fa") == {}


# --- parsing typed dates --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1405/9/1",
        "1405/09/01",
        "1405-09-01",
        "1405.9.1",
        "۱۴۰۵/۰۹/۰۱",
        "۱۴۰۵/۹/۱",
        "۱۴۰۵-۰۹-۰۱",
        "۱۴۰۵.۰۹.۰۱",
        "١٤٠٥-٠٩-٠١",
        "١٤٠٥/٩/١",
        "  1405/09/01  ",
        "\t۱۴۰۵/۰۹/۰۱\n",
        "1405 / 09 / 01",
        "\u200f۱۴۰۵/۰۹/۰۱\u200f",  # right-to-left marks from a copy
        "۱۴۰۵−۰۹−۰۱",  # U+2212, the minus fmt.digits writes
        "۱۴۰۵٫۰۹٫۰۱",  # Persian decimal separator
        "1405/۰۹/01",  # mixed digit systems
    ],
)
def test_parse_jalali_digit_systems_and_separators(text):
    assert cal.parse_jalali(text) == date(2026, 11, 22)


def test_parse_jalali_leap_day():
    assert cal.parse_jalali("1403/12/30") == date(2025, 3, 20)
    assert cal.parse_jalali("۱۳۹۹/۱۲/۳۰") == date(2021, 3, 20)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "فردا",
        "1405",
        "1405/09",
        "1405/09/01/02",
        "1405/13/01",  # month 13
        "1405/00/10",  # month 0
        "1405/01/00",  # day 0
        "1405/01/32",  # Farvardin has 31 days
        "1405/07/31",  # Mehr has 30 days
        "1402/12/30",  # Esfand 30 in a common year
        "1404/12/30",
        "05/09/01",  # two-digit year
        "01/09/1405",  # day first
        "2026-11-22",  # Gregorian typed by mistake
        "14050901",
        "1405/09/01 10:00",
        "1405//09/01",
        "1405/-9/1",
        "1405/9/1x",
        "१४०५/९/१",  # Devanagari digits are not Persian ones
    ],
)
def test_parse_jalali_rejects(text):
    with pytest.raises(BadDate) as caught:
        cal.parse_jalali(text)
    err = caught.value
    assert isinstance(err, TrackerError)
    assert err.key == "cal.bad_date"
    assert err.params == {"text": text.strip()}


def test_parse_jalali_rejects_non_strings():
    with pytest.raises(BadDate):
        cal.parse_jalali(None)  # type: ignore[arg-type]


def test_bad_date_message_in_both_languages():
    with pytest.raises(BadDate) as caught:
        cal.parse_jalali("1402/12/30")
    fa = caught.value.message("fa")
    en = caught.value.message("en")
    assert "1402/12/30" in fa and "۱۴۰۵/۰۹/۰۱" in fa and "معتبر" in fa
    assert "1402/12/30" in en and "1405/09/01" in en and "not a valid" in en
    assert str(caught.value) == en


def test_bad_date_message_for_empty_and_long_text():
    assert "۱۴۰۵/۰۹/۰۱" in BadDate("").message("fa")
    with pytest.raises(BadDate) as caught:
        cal.parse_jalali("x" * 500)
    assert len(caught.value.params["text"]) == 40


def test_bad_date_message_keeps_braces_in_text():
    with pytest.raises(BadDate) as caught:
        cal.parse_jalali("{year}")
    assert "{year}" in caught.value.message("en")


# --- months and quarters --------------------------------------------------------------


def test_month_names():
    assert cal.month_name(1, "fa") == "فروردین"
    assert cal.month_name(9, "fa") == "آذر"
    assert cal.month_name(12, "fa") == "اسفند"
    en = [cal.month_name(m, "en") for m in range(1, 13)]
    assert en == [
        "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
        "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
    ]  # fmt: skip


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_name_out_of_range(month):
    with pytest.raises(ValueError):
        cal.month_name(month, "fa")


def test_month_bounds_esfand_leap_and_common():
    assert cal.month_bounds(1403, 12) == (date(2025, 2, 19), date(2025, 3, 20))  # 30 days
    assert cal.month_bounds(1402, 12) == (date(2024, 2, 20), date(2024, 3, 19))  # 29 days
    assert cal.month_bounds(1404, 12) == (date(2026, 2, 20), date(2026, 3, 20))


def test_month_bounds_lengths():
    for year in (1402, 1403, 1405):
        lengths = [(b - a).days + 1 for a, b in (cal.month_bounds(year, m) for m in range(1, 13))]
        assert lengths[:6] == [31] * 6
        assert lengths[6:11] == [30] * 5
        assert lengths[11] == (30 if cal.is_leap(year) else 29)
        assert sum(lengths) == cal.days_in_year(year)


def test_month_bounds_tile_the_year():
    year = 1405
    assert cal.month_bounds(year, 1)[0] == cal.year_start(year)
    assert cal.month_bounds(year, 12)[1] == cal.year_end(year)
    for m in range(1, 12):
        assert cal.month_bounds(year, m)[1] + timedelta(days=1) == cal.month_bounds(year, m + 1)[0]


def test_month_bounds_bad_month():
    with pytest.raises(ValueError):
        cal.month_bounds(1405, 13)


def test_month_of():
    assert cal.month_of(date(2026, 11, 22)) == (1405, 9)
    assert cal.month_of(date(2024, 3, 19)) == (1402, 12)
    assert cal.month_of(date(2024, 3, 20)) == (1403, 1)


@pytest.mark.parametrize(
    ("jalali", "quarter"),
    [
        ((1405, 1, 1), 1),
        ((1405, 3, 31), 1),
        ((1405, 4, 1), 2),
        ((1405, 6, 31), 2),
        ((1405, 7, 1), 3),
        ((1405, 9, 30), 3),
        ((1405, 10, 1), 4),
        ((1403, 12, 30), 4),
    ],
)
def test_jalali_quarter(jalali, quarter):
    assert cal.jalali_quarter(jdatetime.date(*jalali).togregorian()) == quarter


# --- the catalogue --------------------------------------------------------------------


def test_catalogue_keys_are_prefixed_and_have_both_languages():
    for key, (fa, en) in STRINGS.items():
        assert key.startswith("cal.")
        assert fa.strip() and en.strip()
