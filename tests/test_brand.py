"""The brand kit: checked like content, fonts opened, sizes on the type scale."""

import shutil

import pytest
from conftest import REPO, edit

from campaignkit.brand import load_brand
from campaignkit.errors import ContentError


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
                                  "fonts/NotoSans-Italic.ttf", "fonts/NotoSansDisplay-Bold.ttf"]  # fmt: skip
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
        "brand/brand.yaml:46: leaflet.body: 9.5 pt is not on the type scale; use one of 7, 8, 9, "
        "10, 12, 14, 18, 24, 30, 36, 48, 60, 72, 96",
    ]
