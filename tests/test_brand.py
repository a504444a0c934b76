"""The brand kit: checked like content, fonts opened, sizes on the type scale."""

import shutil

import pytest
from conftest import REPO, edit

from campaignkit.brand import load_brand
from campaignkit.errors import ContentError
from campaignkit.glyphs import absent, coverage


@pytest.fixture
def root(tmp_path):
    shutil.copytree(REPO / "brand", tmp_path / "brand")
    return tmp_path


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as err:
        load_brand(root)
    return [str(problem) for problem in err.value.problems]


def test_the_brand_loads():
    brand = load_brand(REPO)
    assert brand.colors["blue"] == "#0B5CAD"
    assert brand.cmyk["blue"] == (100, 58, 0, 4)
    assert brand.font_files() == ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf",
                                  "fonts/NotoSans-Italic.ttf", "fonts/NotoSansDisplay-Bold.ttf",
                                  "fonts/Vazirmatn-Regular.ttf", "fonts/Vazirmatn-Bold.ttf"]  # fmt: skip
    assert brand.licences() == ["fonts/OFL.txt", "fonts/Vazirmatn-OFL.txt"]
    assert brand.scale_between(brand.poster.headline) == [96, 72, 60, 48, 36]
    assert "icc/fogra39.icc" in brand.files()


def test_a_file_that_is_not_a_font(root):
    (root / "brand/fonts/NotoSans-Bold.ttf").write_bytes(b"not a font at all")
    [line] = problems(root)
    assert line.startswith(
        "brand/brand.yaml:31: fonts.body.faces[1].file: 'fonts/NotoSans-Bold.ttf' is not a font "
        "file campaignkit can use ("
    )


def test_missing_files_sizes_off_the_scale_and_bad_values(root):
    edit(root / "brand/brand.yaml", "  file: blue-heart.svg", "  file: heart.svg")
    edit(root / "brand/brand.yaml", "  body: 9\n", "  body: 9.5\n")
    edit(root / "brand/brand.yaml", 'blue: "#0B5CAD"', 'blue: "blue"')
    edit(
        root / "brand/brand.yaml",
        "NotoSans-Bold.ttf, weight: 700",
        "NotoSans-Bold.ttf, weight: 750",
    )
    assert problems(root) == [  # the form of every field first, then files and sizes
        "brand/brand.yaml:11: colors.blue: 'blue' is not a colour written like #0B5CAD",
        "brand/brand.yaml:31: fonts.body.faces[1].weight: '750' must be a multiple of 100",
    ]
    edit(root / "brand/brand.yaml", 'blue: "blue"', 'blue: "#0B5CAD"')
    edit(root / "brand/brand.yaml", "weight: 750", "weight: 700")
    assert problems(root) == [
        "brand/brand.yaml:6: heart.file: 'heart.svg' is not a file in brand/; add it or fix the path",
        "brand/brand.yaml:55: leaflet.body: 9.5 pt is not on the type scale; use one of 7, 8, 9, "
        "10, 12, 14, 18, 24, 30, 36, 48, 60, 72, 96",
    ]


def test_each_language_is_drawn_in_the_fonts_its_script_needs():
    brand = load_brand(REPO)
    noto = ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf", "fonts/NotoSans-Italic.ttf",
            "fonts/NotoSansDisplay-Bold.ttf"]  # fmt: skip
    vazirmatn = ["fonts/Vazirmatn-Regular.ttf", "fonts/Vazirmatn-Bold.ttf"]
    assert brand.font_files("uk_UA") == brand.font_files("fr_BE") == noto
    assert brand.font_files("fa_AF") == vazirmatn  # Dari: body and display alike
    headline, quote = brand.social.text.headline, brand.social.text.quote
    assert brand.face(headline, "fa_AF") == "fonts/Vazirmatn-Bold.ttf"
    assert brand.face(quote, "fa_AF") == "fonts/Vazirmatn-Regular.ttf"  # it has no italic
    assert brand.face(headline, "uk_UA") == "fonts/NotoSansDisplay-Bold.ttf"


def test_the_fonts_cover_the_scripts_of_their_languages():
    """Cyrillic in every Noto face (Ukrainian), Arabic and Latin in Vazirmatn (Dari with its
    Latin names), so no text of either language falls back to a font of the machine."""
    ukrainian = "АаБбВвГгҐґДдЕеЄєЖжЗзИиІіЇїЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЬьЮюЯя’«»—"
    dari = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأؤئءة‌،؛؟٫٬۰۱۲۳۴۵۶۷۸۹"
    latin = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzüéèàç0123456789.,:;–·()-/"
    for rel in load_brand(REPO).font_files("uk_UA"):
        assert absent(ukrainian + latin, coverage(str(REPO / "brand" / rel))) == "", rel
    for rel in load_brand(REPO).font_files("fa_AF"):
        assert absent(dari + latin, coverage(str(REPO / "brand" / rel))) == "", rel


def test_a_font_for_other_languages_names_them_once_and_brings_its_licence(root):
    path = root / "brand/brand.yaml"
    edit(path, "    languages: [fa]            #", "    languages: []              #")
    assert problems(root) == [
        "brand/brand.yaml:26: fonts: arabic: list the languages it draws (languages: [fa]), or "
        "remove it"
    ]
    edit(path, "    languages: []              #", "    languages: [fa, uk]        #")
    edit(path, "    family: Noto Sans\n", "    family: Noto Sans\n    languages: [uk]\n")
    assert problems(root) == [
        "brand/brand.yaml:26: fonts: body: is used for every language; remove its languages; "
        "arabic: 'uk' is drawn by body already; list it under one font only"
    ]
    edit(path, "    family: Noto Sans\n    languages: [uk]\n", "    family: Noto Sans\n")
    edit(path, "    languages: [fa, uk]        #", "    languages: [fa]            #")
    (root / "brand/fonts/Vazirmatn-OFL.txt").unlink()
    assert problems(root) == [
        "brand/brand.yaml:45: fonts.arabic.licence: 'fonts/Vazirmatn-OFL.txt' is not a file in "
        "brand/; add it or fix the path"
    ]
