"""The gallery in Dari (right to left) and Ukrainian, driven in Chromium: the whole campaign
planned, every file but the page stubbed (small images for previews and thumbnails)."""

import re

import pytest
import yaml
from conftest import copy_project, run_doit
from PIL import Image

from campaignkit import tasks
from campaignkit.families.gallery.plan import SITE
from campaignkit.job import unpack
from families.gallery.test_render import DESKTOP, PHONE, browser, visible

DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def stub_all_but_the_page(real):
    """tasks.perform writing every output but the gallery page as a few bytes, or as a small
    image where it is one (the page reads its thumbnails' sizes)."""

    def perform(action, job):
        job = unpack(job)
        if job.target == SITE:
            return real(action, job)
        for target in job.targets:
            path = tasks.Path(job.root) / target
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix in (".png", ".webp"):
                Image.new("RGB", (64, 90), (0x0A, 0x2A, 0x4A)).save(path)
            else:
                path.write_bytes(f"{job.label}\n".encode() * 40)
        return None

    return perform


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("gallery-rtl") / "p", cities=("brussels",))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "perform", stub_all_but_the_page(tasks.perform))
        result = run_doit(root, "run", "site:index")
    assert result.code == 0, result.errors
    return root


@pytest.fixture(scope="module")
def words(built):
    return yaml.safe_load((built / "content/gallery.yaml").read_text(encoding="utf-8"))


def persian(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", DIGITS))


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_picking_dari_turns_the_page_right_to_left_in_its_words(built, words):
    with browser() as open_page:
        page, errors = open_page(built / "build/site/index.html", *DESKTOP, "en-GB")
        html = page.locator("html")
        assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("ltr", "en")
        heart_ltr, filter_ltr = box(page, "header .heart"), box(page, ".filters label")
        title_ltr, tile_ltr = box(page, ".tile .title"), box(page, ".tile")
        count = len(visible(page, ".tile"))

        page.select_option("#ui-language", "prs")
        assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "fa-AF")
        assert page.locator("h1").inner_text() == words["title"]["prs"]
        kinds = visible(page, "h3")  # the kinds' headings, in Dari
        assert words["kinds"]["poster"]["prs"] in kinds
        assert set(kinds) <= {word["prs"] for word in words["kinds"].values()}
        assert page.locator("#count").inner_text() == words["shown"]["prs"].replace(
            "{count}", persian(count)
        )
        sizes = visible(page, ".size")
        assert sizes and all(re.fullmatch(f"[{DIGITS}٫٬]+ (kB|MB)", size) for size in sizes)
        assert visible(page, ".size", "e => e.tagName") == ["BDI"] * len(sizes)

        # the layout mirrors: the heart, the filters and the tiles' titles start at the right
        width = DESKTOP[0]
        heart, first_filter = box(page, "header .heart"), box(page, ".filters label")
        title, tile = box(page, ".tile .title"), box(page, ".tile")
        assert heart_ltr["x"] < width / 4 and heart["x"] > 3 * width / 4
        assert abs((heart["x"] + heart["width"]) - (width - heart_ltr["x"])) <= 2
        assert first_filter["x"] > filter_ltr["x"] + filter_ltr["width"]
        assert tile["x"] > tile_ltr["x"]  # the first tile of a row is the rightmost
        gap_ltr = title_ltr["x"] - tile_ltr["x"]
        gap = (tile["x"] + tile["width"]) - (title["x"] + title["width"])
        assert abs(gap - gap_ltr) <= 1  # the title starts at the tile's right edge
        assert errors == []


def test_ukrainian_words_and_a_dari_tile_in_an_english_page(built, words):
    with browser() as open_page:
        page, errors = open_page(built / "build/site/index.html", *PHONE, "en-GB")
        tile = page.locator(".tile[data-group='poster:shine-the-light']")
        tile.locator("select").select_option("prs")
        title = tile.locator(".title")
        assert (title.get_attribute("lang"), title.get_attribute("dir")) == ("fa-AF", "rtl")
        assert page.locator("html").get_attribute("dir") == "ltr"

        page.select_option("#ui-language", "uk")
        html = page.locator("html")
        assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("ltr", "uk")
        assert page.locator("h1").inner_text() == words["title"]["uk"]
        assert page.locator("legend").inner_text() == words["filter"]["uk"]
        count = len(visible(page, ".tile"))
        assert page.locator("#count").inner_text() == words["shown"]["uk"].replace(
            "{count}", str(count)
        )
        assert errors == []


@pytest.mark.parametrize(("locale", "code"), [("fa-AF", "prs"), ("uk-UA", "uk")])
def test_the_interface_starts_in_dari_or_ukrainian_for_their_browsers(built, words, locale, code):
    with browser() as open_page:
        page, errors = open_page(built / "build/site/index.html", *PHONE, locale)
        assert page.locator("#ui-language").input_value() == code
        assert page.locator("h1").inner_text() == words["title"][code]
        assert page.locator("html").get_attribute("dir") == ("rtl" if code == "prs" else "ltr")
        assert errors == []


def test_the_page_serves_vazirmatn_for_dari_cut_down_to_its_characters(built):
    from fontTools.ttLib import TTFont

    fonts = built / "build/site/fonts"
    assert sorted(path.name for path in fonts.iterdir()) == [
        "Vazirmatn-OFL.txt", "brand-arabic-400.ttf", "brand-arabic-700.ttf"
    ]  # fmt: skip
    page_text = (built / SITE).read_text(encoding="utf-8")
    arabic = {ch for ch in page_text if "\u0600" <= ch <= "\u06ff"}
    for name in ("brand-arabic-400.ttf", "brand-arabic-700.ttf"):
        font = TTFont(fonts / name)
        cmap = {chr(code) for code in font.getBestCmap()}
        assert arabic <= cmap and len(cmap) < 400  # the page's letters, not the whole font
        assert "Vazirmatn" in font["name"].getDebugName(1)
        assert (fonts / name).stat().st_size < 60_000
    with browser() as open_page:
        page, errors = open_page(built / SITE, *PHONE, "fa-AF")
        loaded = page.evaluate("""document.fonts.ready.then(() => [...document.fonts]
            .filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight))""")
        assert {"brand-arabic 400", "brand-arabic 700"} <= set(loaded)
        family = page.eval_on_selector("h1", "e => getComputedStyle(e).fontFamily")
        assert family.startswith("brand-arabic,")
        assert errors == []
