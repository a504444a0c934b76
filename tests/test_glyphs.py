"""Which fonts a language's texts are drawn in, and the characters of a text they lack."""

from dataclasses import dataclass

from conftest import REPO

from campaignkit.brand import load_brand
from campaignkit.glyphs import drawing, drawn_with, uncovered

NOTO = ["brand/fonts/NotoSans-Regular.ttf", "brand/fonts/NotoSans-Bold.ttf",
        "brand/fonts/NotoSans-Italic.ttf", "brand/fonts/NotoSansDisplay-Bold.ttf"]  # fmt: skip
VAZIRMATN = ["brand/fonts/Vazirmatn-Regular.ttf", "brand/fonts/Vazirmatn-Bold.ttf"]


def test_a_font_listing_a_language_draws_its_body_and_display():
    listed = {"body": [], "display": [], "arabic": ["fa"]}
    assert drawing(listed, "fa_AF") == {"body": "arabic", "display": "arabic"}
    assert drawing(listed, "fa_IR") == {"body": "arabic", "display": "arabic"}  # Persian too
    assert drawing(listed, "uk_UA") == drawing(listed, None) == {"body": "body",
                                                                 "display": "display"}  # fmt: skip


def test_renderers_check_a_text_against_the_fonts_of_its_language():
    brand = load_brand(REPO).model_dump()
    assert drawn_with(brand, "fa_AF") == VAZIRMATN
    assert drawn_with(brand, "uk_UA") == drawn_with(brand, "fr_BE") == NOTO
    assert drawn_with(brand, None) == NOTO + VAZIRMATN

    @dataclass
    class Context:
        locale: str
        title: str
        items: list

    dari = Context("fa_AF", "قلب آبی PAG-ASA Sürya ۳۰ جولای ۲۰۲۲", ["Жива"])
    assert uncovered(dari, [REPO / rel for rel in drawn_with(brand, dari.locale)]) == [
        "items[0] contains 'Ж' (U+0416), 'а' (U+0430), 'в' (U+0432), 'и' (U+0438), which the "
        "brand fonts cannot show; replace the character or add a font that has it to "
        "brand/brand.yaml"
    ]
    ukrainian = Context("uk_UA", "Синє серце", ["Жива", "قلب"])
    assert uncovered(ukrainian, [REPO / rel for rel in drawn_with(brand, "uk_UA")]) == [
        "items[1] contains 'ب' (U+0628), 'ق' (U+0642), 'ل' (U+0644), which the brand fonts "
        "cannot show; replace the character or add a font that has it to brand/brand.yaml"
    ]
