import re

import pytest

from tracker.domain.i18n import catalogue, t


def test_every_string_has_both_languages():
    for key, (fa, en) in catalogue().items():
        assert fa.strip() and en.strip(), key


def test_placeholders_match_between_languages():
    for key, (fa, en) in catalogue().items():
        assert set(re.findall(r"{(\w+)", fa)) == set(re.findall(r"{(\w+)", en)), key


def test_numbers_in_parameters_use_persian_digits():
    assert "۱۴۰۵" in t("err.year_closed", "fa", year=1405)
    assert "1405" in t("err.year_closed", "en", year=1405)


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key")
