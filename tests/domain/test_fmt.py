"""tracker.domain.fmt: digits and numbers as a person reads them."""

from __future__ import annotations

import math

import pytest

from tracker.domain import fmt


def test_digits_fa():
    assert fmt.digits("0123456789", "fa") == "۰۱۲۳۴۵۶۷۸۹"
    assert fmt.digits(1405, "fa") == "۱۴۰۵"
    assert fmt.digits("1405/09/01", "fa") == "۱۴۰۵/۰۹/۰۱"


def test_digits_fa_separators():
    assert fmt.digits("1,234.5", "fa") == "۱٬۲۳۴٫۵"
    assert fmt.digits("-3", "fa") == "−۳"
    assert fmt.digits("42%", "fa") == "۴۲٪"


def test_digits_en_unchanged():
    assert fmt.digits("1,234.5%", "en") == "1,234.5%"
    assert fmt.digits(7, "en") == "7"
    assert fmt.digits("۱۲", "en") == "۱۲"  # en does not convert back


def test_digits_leaves_letters_alone():
    assert fmt.digits("zone 3", "fa") == "zone ۳"
    assert fmt.digits("منطقه 3", "fa") == "منطقه ۳"


def test_to_ascii_digits():
    assert fmt.to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert fmt.to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fmt.to_ascii_digits("۱٬۲۳۴٫۵") == "1,234.5"
    assert fmt.to_ascii_digits("abc 12") == "abc 12"
    assert fmt.to_ascii_digits("") == ""


@pytest.mark.parametrize("value", [0, 7, 1234, 1234567, 99.5])
def test_digits_round_trip(value):
    text = fmt.number(value, "en", 1)
    assert fmt.to_ascii_digits(fmt.number(value, "fa", 1)) == text


def test_number():
    assert fmt.number(1234567, "en") == "1,234,567"
    assert fmt.number(1234567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert fmt.number(0, "fa") == "۰"
    assert fmt.number(3.14159, "en", 2) == "3.14"
    assert fmt.number(3.14159, "fa", 2) == "۳٫۱۴"
    assert fmt.number(2.5, "en") == "2"  # round half to even, no decimals
    assert fmt.number(-1500, "fa") == "−۱٬۵۰۰"


def test_percent():
    assert fmt.percent(42, "fa") == "۴۲٪"
    assert fmt.percent(42, "en") == "42%"
    assert fmt.percent(42.456, "en", 1) == "42.5%"
    assert fmt.percent(42.456, "fa", 1) == "۴۲٫۵٪"
    assert fmt.percent(0, "en") == "0%"
    assert fmt.percent(100.0, "fa") == "۱۰۰٪"


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_missing_values_are_a_dash(missing, lang):
    assert fmt.number(missing, lang) == "—"
    assert fmt.percent(missing, lang) == "—"


def test_numpy_nan_is_a_dash():
    np = pytest.importorskip("numpy")
    assert fmt.number(np.nan, "fa") == "—"
    assert fmt.percent(np.float64("nan"), "en") == "—"


def test_cell_empty_when_missing():
    assert fmt.cell(None, "fa") == ""
    assert fmt.cell(float("nan"), "en") == ""
    assert fmt.cell("", "en") == ""


def test_cell_persian_separators_and_trimmed_decimals():
    assert fmt.cell(2900, "fa") == "۲٬۹۰۰"
    assert fmt.cell(1234.5, "fa") == "۱٬۲۳۴٫۵"
    assert fmt.cell(1234.50, "en") == "1,234.5"
    assert fmt.cell(40.0, "en") == "40"
    assert fmt.cell(0.333, "en", decimals=1) == "0.3"


def test_isolates_keep_links_names_and_labels_in_order():
    assert fmt.isolate("http://x", "ltr") == "\u2066http://x\u2069"
    assert fmt.in_sentence("مدیر نمونه (اداره کل هماهنگی)", "en") == (
        "\u2068مدیر نمونه (اداره کل هماهنگی)\u2069")
    assert fmt.in_sentence("مدیر نمونه", "fa") == "مدیر نمونه"  # same script: as it is
    assert fmt.in_sentence("Poor workmanship.", "fa") == "\u2068Poor workmanship.\u2069"
    assert fmt.label("۱۶. احداث یادمان شهدا", "fa") == "\u2067۱۶. احداث یادمان شهدا\u2069"
    assert fmt.label("16. Memorials", "en") == "16. Memorials"


def test_a_figure_as_the_app_shows_it_reads_back_as_the_same_number():
    # the minus sign (U+2212), the Persian decimal and thousands separators and ٪
    assert fmt.to_ascii_digits("−۱۲٫۵٪") == "-12.5%"
    assert fmt.to_ascii_digits("۲٬۹۰۰") == "2,900"
    assert float(fmt.to_ascii_digits("−۲٬۹۰۰٫۵").replace(",", "")) == -2900.5
