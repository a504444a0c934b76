"""Dates and numbers with their unit never break over two lines: non-breaking spaces."""

import pytest

from campaignkit.locales import long_date, millions


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
