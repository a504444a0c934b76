"""Dates, numbers and lists as each locale writes them (Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal

#: A space a line must never break at: inside a date, between a number and its unit.
NBSP = "\u00a0"


def long_date(iso: str, locale: str) -> str:
    """'2022-07-30' -> '30 juillet 2022' in fr_BE, its spaces non-breaking: a date is never
    split over two lines."""
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale).replace(" ", NBSP)


def millions(value: int, locale: str) -> str:
    """20900000 -> '20,9 millions' in fr_BE, the number and its unit joined by a non-breaking
    space."""
    found = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=1)
    return found.replace(" ", NBSP)


def join_list(items: list[str], locale: str, inline: bool = False) -> str:
    """['PAG-ASA', 'Sürya'] -> 'PAG-ASA et Sürya' in fr_BE.

    inline=True lowercases the first letter of each item, for titles listed inside a
    sentence ('In the spotlight: a sex worker, a cleaning lady and a beggar').
    """
    items = list(items)
    if inline:
        items = [item[:1].lower() + item[1:] for item in items]
    return format_list(items, locale=locale)
