"""Posters' compositions read back: each story its own, and no flat band of one colour."""

import pypdfium2
import pytest
from bands import tallest_band
from conftest import REPO, copy_project, run_doit
from PIL import Image
from pypdf import PdfReader

from campaignkit.content import load_campaign
from campaignkit.families.poster.plan import CENTRE, FAMILY, STORY_LAYOUTS, poster_texts

STORIES = ("beggar", "cleaning-lady", "sex-worker")
POSTERS = ("shine-the-light", "use-and-abuse-of-technology", "lit-up-blue", *STORIES)
LIMIT = 0.15  # of the page's height
BLUE = (0x0B, 0x5C, 0xAD)
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every poster in French: office A4 (and its preview) and press A3."""
    root = copy_project(tmp_path_factory.mktemp("layout") / "p", cities=("brussels",))
    tasks = [
        f"{step}:{poster}-fr" for poster in POSTERS for step in ("poster-fit", "poster-preview")
    ]
    tasks += [
        f"poster:{poster}-fr-{size}" for poster in POSTERS for size in ("a4-office", "a3-press")
    ]
    result = run_doit(root, "run", *tasks, families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def heart_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of the heart: the blue pixels not joined to the beam, which starts at
    the top of the poster (the pool of light lies between the two)."""
    small = image.convert("RGB").resize((200, round(200 * image.height / image.width)))
    w, h = small.size
    blue = {
        (x, y)
        for y in range(h)
        for x in range(w)
        if all(abs(a - b) <= 24 for a, b in zip(small.getpixel((x, y)), BLUE, strict=True))
    }
    parts = []
    while blue:
        seed = blue.pop()
        part, todo = {seed}, [seed]
        while todo:
            x, y = todo.pop()
            for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if near in blue:
                    blue.remove(near)
                    part.add(near)
                    todo.append(near)
        parts.append(part)
    # the heart: the largest part whose top is below the top fifth (the beam starts at the top)
    heart = max((p for p in parts if min(y for _, y in p) > h / 5), key=len)
    xs, ys = [x for x, _ in heart], [y for _, y in heart]
    return min(xs), min(ys), max(xs), max(ys)


def test_story_posters_each_have_their_own_composition_themes_and_day_keep_theirs():
    texts = poster_texts(load_campaign(REPO))
    assert sorted(texts[story]["layout"] for story in STORIES) == sorted(STORY_LAYOUTS)
    assert {texts[poster]["layout"] for poster in POSTERS[:3]} == {CENTRE}


def test_the_story_posters_hearts_sit_apart(built):
    boxes = {
        poster: heart_box(Image.open(built / f"build/posters/{poster}/{poster}-fr.png"))
        for poster in POSTERS
    }
    centres = {poster: ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for poster, b in boxes.items()}
    for i, one in enumerate(STORIES):
        for other in STORIES[i + 1 :]:
            (x1, y1), (x2, y2) = centres[one], centres[other]
            assert abs(x1 - x2) + abs(y1 - y2) >= 10, (one, other, centres)  # 5 % of the width
    # theme and day posters share one composition: their hearts sit in the same place
    assert len({boxes[poster] for poster in POSTERS[:3]}) == 1
    for story in STORIES:
        assert boxes[story] != boxes["shine-the-light"]


def sheet(path) -> tuple[Image.Image, Image.Image]:
    """The page rendered 300 px wide, and the poster on it (press: the trim; office: inside
    the white margins, where the page's paper is not the design's)."""
    document = pypdfium2.PdfDocument(path)
    page = document[0]
    scale = 300 / page.get_width()
    image = page.render(scale=scale).to_pil().convert("RGB")
    page_w, page_h = page.get_width(), page.get_height()
    document.close()
    if path.name.endswith("-press.pdf"):
        left, bottom, right, top = (float(v) for v in PdfReader(path).pages[0].trimbox)
    else:  # the A3 design scaled into 10 mm margins (poster.office_margin_mm), centred
        width, height = page_w / MM, page_h / MM
        k = min((width - 20) / 297, (height - 20) / 420)
        left, right = ((width - 297 * k) / 2 * MM, (width + 297 * k) / 2 * MM)
        bottom, top = ((height - 420 * k) / 2 * MM, (height + 420 * k) / 2 * MM)
    box = tuple(round(v * scale) for v in (left, page_h - top, right, page_h - bottom))
    return image, image.crop(box)


def assert_no_tall_band(path):
    for what, image in zip(("page", "poster"), sheet(path), strict=True):
        fraction, colour, row = tallest_band(image)
        assert fraction <= LIMIT, (
            f"{path.name}: the {what} has a band of {colour} {fraction:.0%} of its height "
            f"tall from row {row} of {image.height}"
        )


@pytest.mark.parametrize("poster", POSTERS)
@pytest.mark.parametrize("size", ["a4-office", "a3-press"])
def test_no_band_of_one_colour_taller_than_15_percent(built, poster, size):
    assert_no_tall_band(built / f"build/posters/{poster}/{poster}-fr-{size}.pdf")


@pytest.mark.slow
def test_no_poster_of_the_embedded_campaign_has_a_tall_band(whole_campaign):
    root = whole_campaign
    pdfs = sorted((root / "build/posters").rglob("*.pdf"))
    assert len(pdfs) == 6 * 6 * 5  # posters × languages × (3 press + 2 office sizes)
    for path in pdfs:
        assert_no_tall_band(path)
