"""The one copy-fitting engine: search, word wrap and message, on made-up measures (and on
Dari, measured by raqm)."""

import itertools

from campaignkit.fitting import Measure, fit, overflow, shown, too_wide, wrap


def test_each_box_takes_the_largest_size_at_which_it_fits():
    capacity = {"headline": 60, "support": 25}  # the largest size each box holds
    calls = []

    def measure(sizes):
        calls.append(dict(sizes))
        return {key: Measure(size, capacity[key]) for key, size in sizes.items()}

    scales = {"headline": [96, 72, 60, 48, 36], "support": [36, 30, 24, 18]}
    fitted = fit(measure, scales)
    assert fitted.sizes == {"headline": 60, "support": 24}
    assert fitted.failures == {}
    assert fitted.renders == len(calls) == 3  # both boxes searched together, in halves


def test_a_box_that_fits_at_no_size_takes_its_smallest_and_says_how():
    fitted = fit(lambda sizes: {"box": Measure(sizes["box"] * 2, 10)}, {"box": [12, 9, 6]})
    assert fitted.sizes == {"box": 6}
    assert fitted.failures == {"box": Measure(12, 10)}


def test_a_word_wider_than_the_box_makes_the_text_smaller():
    fitted = fit(lambda sizes: {"box": Measure(1, 10, too_wide=sizes["box"] > 20)},
                 {"box": [40, 30, 20, 10]})  # fmt: skip
    assert fitted.sizes == {"box": 20}


def test_wrap_breaks_greedily_at_spaces_and_keeps_no_break_spaces():
    assert wrap("one two three four", 9, len) == ["one two", "three", "four"]
    assert wrap("20,9\u00a0millions de personnes", 14, len) == [
        "20,9\u00a0millions",
        "de personnes",
    ]
    assert wrap("  spaced\tout\nwords ", 100, len) == ["spaced out words"]
    lines = wrap("a Anticonstitutionnellement b", 10, len)
    assert lines == ["a", "Anticonstitutionnellement", "b"]
    assert too_wide(lines, 10, len) and not too_wide(["a b"], 10, len)


def test_one_message_for_every_family():
    assert overflow("headline", "Une personne qui mendie devant la gare centrale", 36, "pt",
                    Measure(650, 446), "mm", 25.4 / 96) == (
        "headline ('Une personne qui mendie devant la gare…') does not fit its box even at the "
        "minimum 36 pt: it needs 172 mm of height, the box has 118 mm; shorten it by about 32 %"
    )  # fmt: skip
    assert overflow("support", "Short", 24, "px", Measure(530, 218)) == (
        "support ('Short') does not fit its box even at the minimum 24 px: it needs 530 px of "
        "height, the box has 218 px; shorten it by about 59 %"
    )
    assert overflow("quote", "Word", 20, "pt", Measure(0, 0, too_wide=True)) == (
        "quote ('Word') has a word wider than its box even at 20 pt; shorten the word or split "
        "it with a hyphen"
    )


def test_a_text_is_named_by_its_start():
    assert shown("short") == "short"
    assert shown("x" * 50) == "x" * 39 + "…"
    assert shown("two\n  lines") == "two lines"


def test_right_to_left_text_wraps_in_reading_order_measured_as_drawn():
    """A Dari sentence opening with a Latin name, measured by raqm right to left in
    Vazirmatn: every line within the width, the words in reading order, none lost."""
    from conftest import REPO
    from PIL import ImageFont, features

    assert features.check("raqm")
    font = ImageFont.truetype(str(REPO / "brand/fonts/Vazirmatn-Regular.ttf"), 40,
                              layout_engine=ImageFont.Layout.RAQM)  # fmt: skip

    def length(line: str) -> float:
        return font.getlength(line, direction="rtl", language="fa")

    text = "UNODC از شما می‌خواهد چشمان‌تان را باز نگه دارید و به قربانیان احتمالی توجه کنید"
    lines = wrap(text, 400, length)
    assert len(lines) >= 3 and lines[0].startswith("UNODC ")
    assert " ".join(lines) == text
    assert all(length(line) <= 400 for line in lines)
    assert all(length(f"{line} {after.split()[0]}") > 400
               for line, after in itertools.pairwise(lines))  # fmt: skip
    assert not too_wide(lines, 400, length)
