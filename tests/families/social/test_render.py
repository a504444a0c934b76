"""Social cards read back: sizes, the heart, safe zones, alt text, overflow, bytes, rebuilds."""

import dataclasses
import json
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, copy_project, edit, run_doit
from PIL import Image, ImageChops

from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.families.social.plan import plan as plan_cards
from campaignkit.families.social.render import lay_out
from campaignkit.family import Settings

SIZES = {"square": (1080, 1080), "portrait": (1080, 1350), "story": (1080, 1920),
         "x": (1200, 675), "link": (1200, 630)}  # fmt: skip
BLUE, SKY = (0x0B, 0x5C, 0xAD), (0xE6, 0xEF, 0xF9)  # brand blue (the heart), the background
NAMES = [f"shine-the-light-en-{size}" for size in SIZES] + [
    "day-fr-story", "day-de-link", "figure-total-nl-square", "quote-de-story",
    "tournai-illumination-fr-x", "beggar-fr-portrait"]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("social") / "p", cities=("brussels", "tournai"))
    result = run_doit(root, "run", *(f"social:{name}" for name in NAMES))
    assert result.code == 0, result.errors
    assert result.executed == sorted(f"social:{name}" for name in NAMES)
    return root


@cache
def planned(root: Path) -> dict:
    return {
        out.name: out for out in plan_cards(load_campaign(root), load_brand(root), Settings(), [])
    }


def layout(root: Path, name: str):
    out = planned(root)[name]
    return lay_out(root, out.context, out.params, (root / "brand/blue-heart.svg").read_text())


def png(root: Path, name: str) -> Path:
    return root / planned(root)[name].target


def image(root: Path, name: str) -> Image.Image:
    with Image.open(png(root, name)) as opened:
        return opened.convert("RGB")


def only(picture: Image.Image, box: tuple[int, int, int, int], colour) -> bool:
    """Every pixel of `box` in `picture` is `colour`."""
    region = picture.crop(box)
    return region.getcolors(region.width * region.height) == [(region.width * region.height,
                                                                colour)]  # fmt: skip


def test_each_size_is_exact(built):
    for size, dimensions in SIZES.items():
        assert image(built, f"shine-the-light-en-{size}").size == dimensions


@pytest.mark.parametrize("name", ["shine-the-light-en-square", "day-fr-story", "day-de-link"])
def test_the_heart_is_where_the_layout_puts_it_crisp_in_brand_blue(built, name):
    picture = image(built, name)
    [heart] = layout(built, name).hearts
    assert heart.x == 64 and heart.y >= (250 if name.endswith("-story") else 64)  # inside
    pad = 6
    around = picture.crop((heart.x - pad, heart.y - pad, heart.x + heart.w + pad,
                           heart.y + heart.h + pad))  # fmt: skip
    ink = ImageChops.difference(around, Image.new("RGB", around.size, SKY)).convert("L")
    left, top, right, bottom = ink.point(lambda v: 255 if v else 0).getbbox()
    # the heart's path spans its SVG box (viewBox 200 x 180) but for the tip, at y = 176
    assert abs(left - pad) <= 1 and abs(top - pad) <= 1
    assert abs(right - pad - heart.w) <= 1 and abs(bottom - pad - heart.h * 176 / 180) <= 1
    middle = heart.y + heart.h // 2
    assert picture.getpixel((heart.x + heart.w // 2, middle)) == BLUE
    # drawn from the vector at this size: each edge blends over a pixel or two, not a blur
    row = [picture.getpixel((x, middle)) for x in range(heart.x - pad, heart.x + heart.w + pad)]
    assert sum(pixel not in (BLUE, SKY) for pixel in row) <= 4


def test_a_story_keeps_its_top_and_bottom_250_px_free(built):
    for name in NAMES:
        picture = image(built, name)
        width, height = picture.size
        zone = 250 if name.endswith("-story") else 64
        assert only(picture, (0, 0, width, zone), SKY), name
        assert only(picture, (0, height - zone, width, height), SKY), name
        # sideways, a glyph may hang out of its line by its side bearing (the J of 'Journée')
        assert only(picture, (0, 0, 64 - 8, height), SKY), name
        assert only(picture, (width - 64 + 8, 0, width, height), SKY), name


def test_every_planned_card_fits_inside_its_insets():
    """Every card of the campaign, laid out (not drawn): all text fits, inside the insets."""
    for name, out in planned(REPO).items():
        inset, width, height = out.params.insets, out.params.width, out.params.height
        found = layout(REPO, name)
        for box in [*found.hearts, *(block.box for block in found.blocks)]:
            assert inset["left"] <= box.x and box.x + box.w <= width - inset["right"], name
            assert inset["top"] <= box.y and box.y + box.h <= height - inset["bottom"], name


def test_alt_text_in_the_png_and_its_sidecar_in_its_language(built):
    name = "figure-total-nl-square"
    alt = planned(built)[name].context.alt
    assert alt.startswith("Het blauwe hart. Verontrustende cijfers. 20,9 miljoen mensen wereldwijd")
    with Image.open(png(built, name)) as opened:
        assert opened.text["Description"] == alt
        assert opened.text["Description"].lang == "nl"
        assert (f'<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="nl">{alt}'
                in opened.text["XML:com.adobe.xmp"])  # fmt: skip
    sidecar = json.loads(png(built, name).with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar == {"file": f"{name}.png", "alt": alt, "lang": "nl", "draft": True,
                       "kind": "figure", "size": "square", "width": 1080, "height": 1080}  # fmt: skip


def test_every_png_is_under_1_mb(built):
    files = sorted((built / "build/social").rglob("*.png"))
    assert len(files) == len(NAMES)
    assert all(path.stat().st_size < 1_000_000 for path in files)


def test_same_inputs_same_bytes(built, tmp_path):
    root = copy_project(tmp_path / "elsewhere", cities=("brussels", "tournai"))
    names = ["quote-de-story", "tournai-illumination-fr-x"]
    assert run_doit(root, "run", *(f"social:{name}" for name in names)).code == 0
    for name in names:
        for suffix in (".png", ".json"):
            ours = png(root, name).with_suffix(suffix).read_bytes()
            assert ours == png(built, name).with_suffix(suffix).read_bytes(), name + suffix


def test_an_overlong_translation_fails_naming_image_language_and_field(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    story = root / "content/stories/beggar.yaml"
    edit(story, "  fr: >-\n    Exploitation au grand jour",
         "  fr: >-\n" + "    Exploitation au grand jour, encore et encore.\n" * 30 +
         "    Exploitation au grand jour")  # fmt: skip
    edit(
        root / "content/stories/sex-worker.yaml",
        "  fr: Une",
        "  fr: " + "Anticonstitutionnellement" * 3 + " une",
    )
    names = ["social:beggar-fr-link", "social:sex-worker-fr-square"]
    result = run_doit(root, "run", *names)
    assert result.code != 0
    assert result.tasks == dict.fromkeys(names, "fail")
    assert result.errors["social:beggar-fr-link"].splitlines()[-1] == (
        "social beggar-fr-link: support ('Exploitation au grand jour, encore et e…') does not fit "
        "its box even at the minimum 24 px: it needs 530 px of height, the box has 218 px; "
        "shorten it by about 59 %"
    )
    assert result.errors["social:sex-worker-fr-square"].splitlines()[-1] == (
        "social sex-worker-fr-square: headline ('AnticonstitutionnellementAnticonstituti…') has "
        "a word wider than its box even at 40 px; shorten the word or split it with a hyphen"
    )
    assert not (root / "build/social").exists()  # nothing half-written


def test_right_to_left_mirrors_the_layout():
    out = planned(REPO)["shine-the-light-en-square"]
    heart = (REPO / "brand/blue-heart.svg").read_text()
    ltr = lay_out(REPO, out.context, out.params, heart)
    rtl = lay_out(REPO, dataclasses.replace(out.context, rtl=True), out.params, heart)
    assert rtl.hearts[0].x == 1080 - ltr.hearts[0].x - ltr.hearts[0].w == 1080 - 64 - 80
    kicker, *others = rtl.blocks  # right-aligned: the kicker beside the heart, the rest flush
    assert kicker.box.x + kicker.box.w == rtl.hearts[0].x - out.params.gap
    assert [block.box.x + block.box.w for block in others] == [1080 - 64] * len(others)


def only_square(root: Path) -> None:
    """Cards at one size only, to keep a build of every card small."""
    path = root / "brand/brand.yaml"
    social = re.compile(r"(\nsocial:[^\n]*\n  sizes:[^\n]*\n)(    [^\n]*\n)+")
    path.write_text(social.sub(r"\1    square: [1080, 1080]\n", path.read_text(encoding="utf-8")),
                    encoding="utf-8")  # fmt: skip
    edit(path, "    story: {top: 250, bottom: 250}\n", "")
    edit(path, "  safe:  ", "  safe: {}  ")


def test_a_changed_city_event_rebuilds_only_that_citys_cards(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    only_square(root)
    first = run_doit(root, "run", "social")
    assert first.code == 0, first.errors
    assert len(first.executed) == (11 + 4 + 1) * 4  # campaign, Brussels' and Liège's events
    assert run_doit(root, "run", "social").executed == []
    edit(root / "content/cities/liege.yaml", "organisers: [PAG-ASA, Sürya]", "organisers: [Sürya]")
    assert run_doit(root, "run", "social").executed == [
        f"social:liege-stand-{lang}-square" for lang in ("de", "en", "fr", "nl")
    ]
    sidecar = root / "build/social/liege-stand/liege-stand-fr-square.json"
    assert "Stand de sensibilisation tenu par Sürya" in json.loads(sidecar.read_text())["alt"]
    # the sidecar is a target of the same task: a damaged one is rebuilt with its PNG
    other = root / "build/social/brussels-stand/brussels-stand-nl-square.json"
    other.write_text("{}")
    assert run_doit(root, "run", "social").executed == ["social:brussels-stand-nl-square"]
    assert json.loads(other.read_text())["lang"] == "nl"


@pytest.mark.slow
def test_every_card_is_built_under_1_mb_with_its_sidecar(tmp_path):
    root = copy_project(tmp_path / "p")
    result = run_doit(root, "run", "social")
    assert result.code == 0, result.errors
    assert len(result.executed) == 22 * 4 * 5
    for name, out in planned(root).items():
        path = root / out.target
        assert path.stat().st_size < 1_000_000, name
        with Image.open(path) as opened:
            assert opened.size == SIZES[out.params.size], name
        assert json.loads(path.with_suffix(".json").read_text())["alt"] == out.context.alt
