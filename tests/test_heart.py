"""The heart in the brand's colours, and a brand colour change reaching every output."""

import io
import re
import zipfile

import pytest
from conftest import REPO, copy_project, edit, run_doit
from PIL import Image
from pypdf import PdfReader

from campaignkit.brand import load_brand
from campaignkit.heart import drawn_colours, heart_svg, normal, recoloured

SVG = """<svg xmlns="http://www.w3.org/2000/svg"><style>.a { fill: #0b5cad; }</style>
<path class="a" d="M0 0"/><path fill="#0B5CAD" stroke="white" d="M1 1"/>
<path fill="none" style="stroke:#abc" d="M2 2"/><use href="#0B5CAD"/></svg>"""


def test_the_colours_a_drawing_uses_are_found_in_attributes_and_css():
    assert drawn_colours(SVG) == ["#0B5CAD", "#FFFFFF", "#AABBCC"]
    assert normal("currentColor") is None and normal("#0bf") == "#00BBFF"


def test_recolouring_changes_paint_and_nothing_else():
    new = recoloured(SVG, {"#0B5CAD": "#1166CC", "#AABBCC": "device-cmyk(1% 2% 3% 4%)"})
    assert drawn_colours(new) == ["#1166CC", "#FFFFFF"]
    assert "stroke:device-cmyk(1% 2% 3% 4%)" in new
    assert '<use href="#0B5CAD"/>' in new  # a reference, not a colour


def test_the_embedded_heart_takes_the_brand_blue_in_rgb_and_cmyk():
    brand = load_brand(REPO).model_dump()
    assert 'fill="#0B5CAD"' in heart_svg(REPO, brand)
    assert 'fill="device-cmyk(100% 58% 0% 4%)"' in heart_svg(REPO, brand, press=True)


OLD = {"blue": "#0B5CAD", "navy": "#0A2A4A", "sky": "#E6EFF9", "ink": "#1B1F24",
       "muted": "#4A5560", "paper": "#FFFFFF"}  # fmt: skip
NEW = {"blue": "#1166CC", "navy": "#223355", "sky": "#DDEEFF", "ink": "#101820",
       "muted": "#445566", "paper": "#FFFFF0"}  # fmt: skip
OLD_CMYK = {"blue": "[100, 58, 0, 4]", "navy": "[100, 72, 28, 62]", "sky": "[10, 4, 0, 0]",
            "ink": "[0, 0, 0, 92]", "muted": "[45, 28, 18, 52]", "paper": "[0, 0, 0, 0]"}  # fmt: skip
NEW_CMYK = {"blue": (90, 50, 0, 6), "navy": (95, 70, 30, 60), "sky": (12, 5, 0, 0),
            "ink": (0, 0, 0, 95), "muted": (40, 25, 15, 50), "paper": (0, 0, 3, 0)}  # fmt: skip
POSTER = "shine-the-light-fr"
TASKS = ["leaflet:brussels-fr", f"poster:{POSTER}-a3-press", f"poster:{POSTER}-a4-office",
         "social:day-fr-square", "deck:talk-fr", "deck-preview:talk-fr"]  # fmt: skip


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def colour_operators(path) -> str:
    """Every content stream of the PDF (pages and the forms they draw), decoded."""
    reader = PdfReader(path)
    streams, todo = [], [page for page in reader.pages]
    while todo:
        item = todo.pop()
        contents = item.get_contents() if hasattr(item, "get_contents") else item
        if contents is not None:
            streams.append(contents.get_data().decode("latin-1"))
        resources = item.get("/Resources") or {}
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject["/Subtype"] == "/Form":
                todo.append(xobject)
    return "\n".join(streams)


def rgb_colours(path) -> set[tuple[int, int, int]]:
    found = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", colour_operators(path))
    return {tuple(round(float(v) * 255) for v in triple) for triple in found}


def cmyk_colours(path) -> set[tuple[int, ...]]:
    found = re.findall(
        r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (?:k|K|scn|SCN)\b", colour_operators(path)
    )
    return {tuple(round(float(v) * 100) for v in quad) for quad in found}


@pytest.fixture(scope="module")
def rebranded(tmp_path_factory):
    """A campaign with every brand colour changed, sRGB and CMYK, built before and after."""
    root = copy_project(tmp_path_factory.mktemp("colours") / "p", cities=("brussels",))
    assert run_doit(root, "run", *TASKS).code == 0
    brand = root / "brand/brand.yaml"
    for name in OLD:
        edit(brand, f'{name}: "{OLD[name]}"', f'{name}: "{NEW[name]}"')
        edit(brand, f"{name}: {OLD_CMYK[name]}", f"{name}: {list(NEW_CMYK[name])}")
    result = run_doit(root, "run", *TASKS)
    assert result.code == 0, result.errors
    return root, result


def test_a_colour_change_rebuilds_every_output_that_shows_it(rebranded):
    _, result = rebranded
    assert result.executed == sorted(["poster-fit:shine-the-light-fr", *TASKS])


def test_the_leaflet_draws_in_the_new_colours_only(rebranded):
    root, _ = rebranded
    found = rgb_colours(root / "build/leaflets/brussels-fr.pdf")
    assert {rgb(colour) for colour in NEW.values()} <= found  # the heart's blue among them
    assert not {rgb(colour) for colour in OLD.values()} & found


def test_the_office_poster_draws_in_the_new_colours_and_the_press_poster_in_the_new_cmyk(
    rebranded,
):
    root, _ = rebranded
    folder = root / "build/posters/shine-the-light"
    office = rgb_colours(folder / f"{POSTER}-a4-office.pdf")
    assert {rgb(NEW[name]) for name in ("blue", "navy", "sky", "paper")} <= office
    assert not {rgb(colour) for colour in OLD.values()} & office
    press = folder / f"{POSTER}-a3-press.pdf"
    assert rgb_colours(press) == set()  # pure CMYK
    used = cmyk_colours(press)
    assert {NEW_CMYK[name] for name in ("blue", "navy", "sky", "paper")} <= used
    assert (100, 58, 0, 4) not in used  # the old blue, in which the heart was drawn


def test_the_card_and_its_heart_take_the_new_colours(rebranded):
    root, _ = rebranded
    with Image.open(root / "build/social/day/day-fr-square.png") as card:
        pixels = card.convert("RGB")
    assert pixels.getpixel((2, 2)) == rgb(NEW["sky"])  # the background
    colours = {colour for _, colour in pixels.getcolors(1 << 20)}
    assert rgb(NEW["blue"]) in colours  # the heart and the rule
    assert rgb(OLD["blue"]) not in colours and rgb(OLD["sky"]) not in colours


def test_the_deck_master_and_its_heart_take_the_new_colours(rebranded):
    root, _ = rebranded
    with zipfile.ZipFile(root / "build/decks/talk-fr.pptx") as deck:
        theme = deck.read("ppt/theme/theme1.xml").decode()
        pictures = [deck.read(name) for name in deck.namelist() if name.endswith(".png")]
    for colour in NEW.values():
        assert f'val="{colour[1:]}"' in theme
    for colour in ("#0B5CAD", "#0A2A4A", "#E6EFF9"):
        assert f'val="{colour[1:]}"' not in theme
    hearts = 0
    for png in pictures:  # the heart, in the master and on slides
        with Image.open(io.BytesIO(png)) as heart:
            colours = {colour[:3] for _, colour in heart.convert("RGBA").getcolors(1 << 20)}
        if colours == {(0, 0, 0), (255, 255, 255)}:
            continue  # the help slide's QR code: black on white, whatever the brand
        hearts += 1
        assert rgb(NEW["blue"]) in colours and rgb(OLD["blue"]) not in colours
    assert hearts >= 1
    with Image.open(root / "build/decks/previews/talk-fr/slide-01.png") as cover:
        assert cover.convert("RGB").getpixel((4, 4)) == rgb(NEW["sky"])  # the title layout
