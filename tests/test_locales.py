"""Dates and numbers as each locale writes them (Dari in its own digits), never broken over
two lines: non-breaking spaces."""

import pytest

from campaignkit.locales import comma, digits, direction, long_date, millions, separator, tag


@pytest.mark.parametrize(
    ("locale", "date", "whole", "part"),
    [
        ("en_GB", "30\u00a0July\u00a02022", "20.9\u00a0million", "5.5\u00a0million"),
        ("fr_BE", "30\u00a0juillet\u00a02022", "20,9\u00a0millions", "5,5\u00a0millions"),
        ("nl_BE", "30\u00a0juli\u00a02022", "20,9\u00a0miljoen", "5,5\u00a0miljoen"),
        ("de_BE", "30.\u00a0Juli\u00a02022", "20,9\u00a0Millionen", "5,5\u00a0Millionen"),
    ],
)
def test_dates_and_millions_hold_together(locale, date, whole, part):
    assert long_date("2022-07-30", locale) == date
    assert millions(20_900_000, locale) == whole
    assert millions(5_500_000, locale) == part
    for text in (date, whole, part):
        assert " " not in text  # no space a line could break at


def test_dari_dates_and_figures_in_its_own_digits_and_separators():
    """fa_AF's month names and decimal separator (Babel, arabext), its Eastern Arabic-Indic
    digits (۰–۹) mapped after: Babel writes Latin ones."""
    assert long_date("2022-07-30", "fa_AF") == "۳۰\u00a0جولای\u00a0۲۰۲۲"
    assert millions(20_900_000, "fa_AF") == "۲۰٫۹\u00a0میلیون"
    assert millions(5_500_000, "fa_AF") == "۵٫۵\u00a0میلیون"
    assert digits("14:00-18:00", "fa_AF") == "۱۴:۰۰-۱۸:۰۰"
    assert separator("fa_AF") == " – "  # its zero (۰) is a dot: no middle dot beside it
    assert direction("fa_AF") == "rtl" and tag("prs", "fa_AF") == "fa-AF"


def test_ukrainian_dates_and_figures():
    assert long_date("2022-07-30", "uk_UA") == "30\u00a0липня\u00a02022\u202fр."
    assert millions(20_900_000, "uk_UA") == "20,9\u00a0мільйона"
    assert millions(5_500_000, "uk_UA") == "5,5\u00a0мільйона"
    assert digits("14:00-18:00", "uk_UA") == "14:00-18:00"
    assert separator("uk_UA") == " · "
    assert direction("uk_UA") == "ltr" and tag("uk", "uk_UA") == "uk"


@pytest.mark.parametrize("locale", ["en_GB", "fr_BE", "nl_BE", "de_BE", "uk_UA"])
def test_latin_digits_stay_latin(locale):
    assert digits("30 2022 14:00", locale) == "30 2022 14:00"


@pytest.mark.parametrize(
    ("locale", "between"), [("fa_AF", "\u060c\u200f "), ("uk_UA", ", "), ("fr_BE", ", ")]
)
def test_lists_take_their_languages_comma(locale, between):
    assert comma(locale) == between
