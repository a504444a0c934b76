"""Dates, numbers and lists as each locale writes them (Babel)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal

#: A space a line must never break at: inside a date, between a number and its unit.
NBSP = "\u00a0"
#: The digits of numbering systems other than Latin that CLDR gives locales by default:
#: Babel writes Latin digits whatever the system (with the system's separators), so they
#: are mapped after it. Dari (fa_AF) writes Eastern Arabic-Indic, 'arabext'.
DIGITS = {"arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩"}


def direction(locale: str) -> str:
    """'rtl' for a locale written right to left (fa_AF), else 'ltr': HTML's `dir` values."""
    return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"


def tag(code: str, locale: str) -> str:
    """The BCP 47 tag documents declare (HTML lang, PDF /Lang): the content's code where it is
    a language every reader knows ('fr'), else its locale ('prs' -> 'fa-AF': screen readers
    and hyphenation know Persian, not Dari's ISO 639-3 code)."""
    return code if Locale.parse(locale).language == code else locale.replace("_", "-")


def digits(text: str, locale: str) -> str:
    """'14:00-18:00' -> '۱۴:۰۰-۱۸:۰۰' in fa_AF: the Latin digits of `text` in those of the
    locale's own numbering system (CLDR's default for it); unchanged where that is Latin."""
    own = DIGITS.get(Locale.parse(locale).default_numbering_system)
    return text.translate(str.maketrans("0123456789", own)) if own else text


def separator(locale: str) -> str:
    """' · ' between the parts of a line ('World Day · 30 July 2022'); ' – ' where the
    locale's digits are not Latin: the Eastern Arabic-Indic zero (۰) is a dot, so a middle
    dot beside a figure reads as one."""
    return " · " if digits("0", locale) == "0" else " – "


def long_date(iso: str, locale: str) -> str:
    """'2022-07-30' -> '30 juillet 2022' in fr_BE ('۳۰ جولای ۲۰۲۲' in fa_AF), its spaces
    non-breaking: a date is never split over two lines."""
    found = format_date(dt.date.fromisoformat(iso), "long", locale=locale)
    return digits(found, locale).replace(" ", NBSP)


def millions(value: int, locale: str) -> str:
    """20900000 -> '20,9 millions' in fr_BE ('۲۰٫۹ میلیون' in fa_AF, with the Afghan decimal
    separator), the number and its unit joined by a non-breaking space."""
    found = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=1,
                                   numbering_system="default")  # fmt: skip
    return digits(found, locale).replace(" ", NBSP)


def comma(locale: str) -> str:
    """What goes between the items of a list: ', ' in fr_BE, '، ' in fa_AF (CLDR's list
    pattern, with the right-to-left mark it carries)."""
    return Locale.parse(locale).list_patterns["standard"]["middle"].format("", "")


def join_list(items: list[str], locale: str, inline: bool = False) -> str:
    """['PAG-ASA', 'Sürya'] -> 'PAG-ASA et Sürya' in fr_BE.

    inline=True lowercases the first letter of each item, for titles listed inside a
    sentence ('In the spotlight: a sex worker, a cleaning lady and a beggar').
    """
    items = list(items)
    if inline:
        items = [item[:1].lower() + item[1:] for item in items]
    return format_list(items, locale=locale)
