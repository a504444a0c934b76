"""Social cards read back: sizes, the heart, the light, safe zones, QR codes, alt text,
overflow, bytes, rebuilds."""

import dataclasses
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import zxingcpp
from conftest import REPO, copy_project, edit, run_doit
from PIL import Image, ImageChops, ImageColor

from campaignkit.aid import where_to_get_help
from campaignkit.brand import load_brand
from campaignkit.content import load_campaign
from campaignkit.errors import Failed
from campaignkit.families.social.plan import plan as plan_cards
from campaignkit.families.social.render import backdrop, draw, lay_out, qr_matrix, render_card
from campaignkit.family import Settings
from campaignkit.job import Job

SIZES = {"square": (1080, 1080), "portrait": (1080, 1350), "story": (1080, 1920),
         "x": (1200, 675), "link": (1200, 630)}  # fmt: skip
BLUE, SKY = (0x0B, 0x5C, 0xAD), (0xE6, 0xEF, 0xF9)  # brand blue (the heart), the background
NAMES = [f"shine-the-light-en-{size}" for size in SIZES] + [
    "day-fr-story", "day-de-link", "figure-total-nl-square", "quote-de-story",
    "tournai-illumination-fr-x", "beggar-fr-portrait", "quote-fr-link", "quote-fr-square",
    "quote-en-link", "beggar-en-square", "cleaning-lady-en-square", "sex-worker-en-square",
    *(f"help-{lang}-{size}" for lang in ("fr", "nl") for size in SIZES)]  # fmt: skip


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


def lit(picture: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Every pixel of `box` is the background or the light on it (sky to paper): no ink."""
    region = picture.crop(box)
    return all(all(v >= s for v, s in zip(rgb, SKY, strict=True))
               for _, rgb in region.getcolors(region.width * region.height))  # fmt: skip


def brighter(rgb) -> bool:
    """Lit: lighter than the sky."""
    return rgb != SKY and all(v >= s for v, s in zip(rgb, SKY, strict=True))


def luminance(rgb) -> float:
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


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
    # ink is darker than the sky in some channel; the light behind the heart is lighter
    ink = ImageChops.subtract(Image.new("RGB", around.size, SKY), around).convert("L")
    left, top, right, bottom = ink.point(lambda v: 255 if v else 0).getbbox()
    # the heart's path spans its SVG box (viewBox 200 x 180) but for the tip, at y = 176
    assert abs(left - pad) <= 1 and abs(top - pad) <= 1
    assert abs(right - pad - heart.w) <= 1 and abs(bottom - pad - heart.h * 176 / 180) <= 1
    middle = heart.y + heart.h // 2
    assert picture.getpixel((heart.x + heart.w // 2, middle)) == BLUE
    # drawn from the vector at this size: each edge blends over a pixel or two, not a blur
    row = [picture.getpixel((x, middle)) for x in range(heart.x - pad, heart.x + heart.w + pad)]
    light = [all(v >= s for v, s in zip(pixel, SKY, strict=True)) for pixel in row]
    assert sum(pixel != BLUE and not bright for pixel, bright in zip(row, light,
                                                                     strict=True)) <= 4  # fmt: skip


def test_a_story_keeps_its_top_and_bottom_250_px_free(built):
    """Only the light (the beam enters at the top edge) is drawn in the margins and zones."""
    for name in NAMES:
        picture = image(built, name)
        width, height = picture.size
        zone = 250 if name.endswith("-story") else 64
        assert lit(picture, (0, 0, width, zone)), name
        assert lit(picture, (0, height - zone, width, height)), name
        # sideways, a glyph may hang out of its line by its side bearing (the J of 'Journée')
        assert lit(picture, (0, 0, 64 - 8, height)), name
        assert lit(picture, (width - 64 + 8, 0, width, height)), name


def test_every_planned_card_fits_inside_its_insets():
    """Every card of the campaign, laid out (not drawn): all text fits, inside the insets."""
    for name, out in planned(REPO).items():
        inset, width, height = out.params.insets, out.params.width, out.params.height
        found = layout(REPO, name)
        for box in [*found.hearts, *(block.box for block in found.blocks),
                    *([found.qr] if found.qr else [])]:  # fmt: skip
            assert inset["left"] <= box.x and box.x + box.w <= width - inset["right"], name
            assert inset["top"] <= box.y and box.y + box.h <= height - inset["bottom"], name


def test_alt_text_in_the_png_and_its_sidecar_in_its_language(built):
    name = "figure-total-nl-square"
    alt = planned(built)[name].context.alt
    assert alt.startswith(
        "Afbeelding: Het blauwe hart. Verontrustende cijfers. 20,9\u00a0miljoen mensen wereldwijd"
    )
    with Image.open(png(built, name)) as opened:
        assert opened.text["Description"] == alt
        assert opened.text["Description"].lang == "nl"
        assert (f'<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="nl">{alt}'
                in opened.text["XML:com.adobe.xmp"])  # fmt: skip
    sidecar = json.loads(png(built, name).with_suffix(".json").read_text(encoding="utf-8"))
    sizes = {block.role: block.size for block in layout(built, name).blocks}
    assert sizes["figure"] >= 72 and sizes["support"] >= 24
    assert sidecar == {"file": f"{name}.png", "alt": alt, "lang": "nl", "draft": True,
                       "kind": "figure", "size": "square", "width": 1080, "height": 1080,
                       "sizes": sizes}  # fmt: skip


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
    edit(story, "  fr: >-\n    Les passants",
         "  fr: >-\n" + "    Exploitation au grand jour, encore et encore.\n" * 30 +
         "    Les passants")  # fmt: skip
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
        "its box even at the minimum 24 px: it needs 530 px of height, the box has 223 px; "
        "shorten it by about 58 %"
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
    assert [x for x, _ in rtl.beam] == [1080 - x for x, _ in ltr.beam]  # the light too
    # right-aligned: the footer and the rule beside the heart, the rest flush
    [footer] = [block for block in rtl.blocks if block.role == "footer"]
    assert footer.box.x + footer.box.w == rtl.rule.x + rtl.rule.w == rtl.hearts[0].x - 32
    others = [block for block in rtl.blocks if block.role != "footer"]
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
    # the campaign's cards in its six languages, Brussels' and Liège's events in four
    assert len(first.executed) == 12 * 6 + (4 + 1) * 4
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
def test_every_card_is_built_under_1_mb_with_its_sidecar(whole_campaign):
    root = whole_campaign
    cards = planned(root)
    assert len(cards) == (12 * 6 + 11 * 4) * 5
    for name, out in cards.items():
        path = root / out.target
        assert path.stat().st_size < 1_000_000, name
        with Image.open(path) as opened:
            assert opened.size == SIZES[out.params.size], name
        assert json.loads(path.with_suffix(".json").read_text())["alt"] == out.context.alt


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_help_cards_qr_code_reads_back_as_the_contact_points_address(built, lang, size):
    name = f"help-{lang}-{size}"
    point = where_to_get_help(load_campaign(built), lang).point
    [code] = zxingcpp.read_barcodes(image(built, name))
    assert code.text == point.url == planned(built)[name].context.qr
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    box, inset = layout(built, name).qr, planned(built)[name].params.insets
    assert box.w % len(qr_matrix(point.url)) == 0  # whole px a module, quiet zone included
    assert inset["left"] <= box.x and box.x + box.w <= SIZES[size][0] - inset["right"]
    assert inset["top"] <= box.y and box.y + box.h <= SIZES[size][1] - inset["bottom"]
    sidecar = json.loads(png(built, name).with_suffix(".json").read_text(encoding="utf-8"))
    assert point.site in sidecar["alt"] and point.qr_alt in sidecar["alt"]
    with Image.open(png(built, name)) as opened:
        assert opened.text["Description"] == sidecar["alt"]


def test_the_help_cards_address_is_on_one_line(built):
    for size in SIZES:
        [address] = [b for b in layout(built, f"help-fr-{size}").blocks if b.role == "address"]
        assert address.lines == ("stoptraite.be",) and address.size >= 40


def test_the_quote_on_a_link_card_is_its_excerpt_at_a_readable_size(built):
    quote = load_campaign(built).main.quote
    link, square = (json.loads(png(built, f"quote-fr-{size}").with_suffix(".json").read_text())
                    for size in ("link", "square"))  # fmt: skip
    assert quote.short["fr"] in link["alt"] and quote.text["fr"] not in link["alt"]
    assert quote.text["fr"] in square["alt"]
    minimum = load_brand(built).social.text.quote.min
    assert link["sizes"]["quote"] >= minimum == 32
    english = json.loads(png(built, "quote-en-link").with_suffix(".json").read_text())
    assert english["sizes"]["quote"] >= minimum  # the whole quote fits in English


def test_the_light_falls_on_the_heart_behind_the_text_at_aa_contrast(built):
    for name in ("shine-the-light-en-square", "beggar-fr-portrait", "quote-fr-link",
                 "help-nl-story", "day-fr-story"):  # fmt: skip
        out, found = planned(built)[name], layout(built, name)
        ground = backdrop(out.context, out.params, found, (built / "brand/blue-heart.svg")
                          .read_text())  # fmt: skip
        picture = image(built, name)
        # the beam is lighter than the sky where it falls on the heart, and under some text
        heart, pad = found.hearts[0], 24
        assert any(brighter(rgb) for _, rgb in picture.crop(
            (heart.x - pad, heart.y - pad, heart.x + heart.w + pad, heart.y + heart.h + pad)
        ).getcolors(1 << 20)), name  # fmt: skip
        assert any(
            brighter(rgb)
            for b in found.blocks
            for _, rgb in ground.crop(
                (b.box.x, b.box.y, b.box.x + b.box.w, b.box.y + b.box.h)
            ).getcolors(1 << 20)
        ), name
        for block in found.blocks:  # every pixel a text stands on is AA for its colour
            region = ground.crop((block.box.x, block.box.y, block.box.x + block.box.w,
                                  block.box.y + block.box.h))  # fmt: skip
            colour = ImageColor.getrgb(block.color)
            worst = min(contrast(colour, rgb) for _, rgb in region.getcolors(1 << 20))
            assert worst >= 4.5, (name, block.role, worst)


def test_each_story_card_has_a_composition_of_its_own(built):
    stories = ("beggar", "cleaning-lady", "sex-worker")
    grounds = {}
    for story in stories:
        name = f"{story}-en-square"
        out, found = planned(built)[name], layout(built, name)
        grounds[story] = backdrop(out.context, out.params, found,
                                  (built / "brand/blue-heart.svg").read_text())  # fmt: skip
        # the heart where its composition puts it, in the card as built
        [heart] = found.hearts
        assert image(built, name).getpixel((heart.x + heart.w // 2, heart.y + heart.h // 2)) == BLUE
        assert (heart.x > 540) == (out.params.light.heart == "right"), story
    for a, b in ((0, 1), (0, 2), (1, 2)):
        diff = ImageChops.difference(grounds[stories[a]], grounds[stories[b]]).convert("L")
        changed = sum(count for count, v in diff.getcolors(256) if v > 2)
        assert changed > 0.1 * 1080 * 1080, (stories[a], stories[b], changed)


def drawn(context, params):
    """A card drawn in-process: its layout, the image, and what its texts stand on."""
    heart = (REPO / "brand/blue-heart.svg").read_text()
    found = lay_out(REPO, context, params, heart)
    return found, draw(REPO, context, params, found, heart), backdrop(context, params, found, heart)


def ink(picture: Image.Image, ground: Image.Image, box: tuple[int, int, int, int]):
    """The bounding box (in the card) of the text drawn over `ground` inside `box`."""
    found = ImageChops.difference(picture.crop(box), ground.crop(box)).convert("L")
    left, top, right, bottom = found.point(lambda v: 255 if v > 40 else 0).getbbox()
    return left + box[0], top + box[1], right + box[0], bottom + box[1]


def test_a_right_to_left_line_starts_at_the_right_edge_even_when_its_first_word_is_latin():
    """Every line of a Dari card runs right to left: 'UNODC' opening it stands at the right
    edge of its box (the safe zone's), the Dari words after it to its left."""
    out = planned(REPO)["shine-the-light-prs-square"]
    assert (out.context.rtl, out.context.language) == (True, "fa")
    cards = {text: drawn(dataclasses.replace(out.context, texts={"headline": text}), out.params)
             for text in ("UNODC و شرکا", "UNODC")}  # fmt: skip
    (mixed, both, ground), (alone, word, _) = cards["UNODC و شرکا"], cards["UNODC"]
    [block], [single] = mixed.blocks, alone.blocks
    assert block.lines == ("UNODC و شرکا",) and block.size == single.size == 104
    assert block.box.x + block.box.w == 1080 - 64  # right-aligned inside the margin
    band = (0, block.box.y, 1080, block.box.y + block.box.h)
    left, _, right, _ = ink(both, ground, band)
    assert 1080 - 64 - 8 <= right <= 1080 - 64  # its ink ends at the box's right edge
    w_left, top, w_right, bottom = ink(word, ground, band)
    assert left < w_left - 100  # the Dari words are left of the Latin one
    # the first word, alone or opening the line, is drawn at the same place, at the right
    assert ImageChops.difference(both.crop((w_left, top, w_right, bottom)),
                                 word.crop((w_left, top, w_right, bottom))).getbbox() is None  # fmt: skip


def heart_at(picture: Image.Image, below: int) -> tuple[int, int, int, int]:
    """Where the heart's blue is, in the pixels under `below` (under the blue rule; the
    footer is navy)."""
    region = picture.crop((0, below, picture.width, picture.height))
    r, g, b = ImageChops.difference(region, Image.new("RGB", region.size, BLUE)).split()
    off = ImageChops.lighter(ImageChops.lighter(r, g), b)  # 0 only where exactly blue
    left, top, right, bottom = off.point(lambda v: 255 if v == 0 else 0).getbbox()
    return left, top + below, right, bottom + below


def test_the_heart_the_light_and_the_footer_mirror_in_dari():
    cards = {}
    for lang in ("en", "prs"):
        out = planned(REPO)[f"shine-the-light-{lang}-square"]
        cards[lang] = drawn(out.context, out.params)
    (en, en_picture, en_ground), (prs, prs_picture, prs_ground) = cards["en"], cards["prs"]
    below = max(found.rule.y + found.rule.h for found in (en, prs)) + 2
    left, top, right, bottom = heart_at(en_picture, below)
    assert left <= 66 and bottom == 1080 - 64 - 3  # bottom left in English (its tip at 176/180)
    assert heart_at(prs_picture, below) == (1080 - right, top, 1080 - left, bottom)
    right = en.hearts[0].x + en.hearts[0].w
    # the footer's text starts beside the heart: after it in English, before it in Dari
    [en_footer] = [b for b in en.blocks if b.role == "footer"]
    [prs_footer] = [b for b in prs.blocks if b.role == "footer"]
    en_box, prs_box = ((0, b.box.y, 1080, 1080 - 64) for b in (en_footer, prs_footer))
    assert abs(ink(en_picture, en_ground, en_box)[0] - (right + 32)) <= 8
    assert abs(ink(prs_picture, prs_ground, prs_box)[2] - (1080 - right - 32)) <= 8

    # the beam enters the top edge at the mirrored place (right of the middle, then left)
    def entry(ground: Image.Image) -> int:
        row = [sum(ground.getpixel((x, 2))) for x in range(1080)]
        brightest = [x for x, v in enumerate(row) if v == max(row)]
        return (brightest[0] + brightest[-1]) / 2

    assert entry(en_ground) > 700
    assert abs(entry(prs_ground) - (1080 - entry(en_ground))) <= 2


def test_the_dari_help_card_mirrors_its_qr_code_and_keeps_it_readable():
    out = planned(REPO)["help-prs-square"]
    found, picture, _ = drawn(out.context, out.params)
    english = layout(REPO, "help-en-square")
    assert found.qr.x == 1080 - english.qr.x - english.qr.w
    [code] = zxingcpp.read_barcodes(picture)
    assert code.text == "https://stopmensenhandel.be"


def test_every_dari_character_is_drawn_as_a_glyph_not_a_box():
    """Each character the Dari cards show, drawn alone in the font its text is set in, is
    not the font's .notdef box (what a missing glyph becomes)."""
    from PIL import ImageFont

    cards = [out for out in planned(REPO).values() if out.lang == "prs"]
    fonts = {out.params.text[role].font for out in cards for role in out.context.texts}
    assert fonts == {"brand/fonts/Vazirmatn-Regular.ttf", "brand/fonts/Vazirmatn-Bold.ttf"}
    for rel in sorted(fonts):
        font = ImageFont.truetype(str(REPO / rel), 48, layout_engine=ImageFont.Layout.RAQM)

        def bitmap(ch: str, font=font):
            mask = font.getmask(ch, direction="rtl", language="fa")
            return mask.size, bytes(mask)

        box = bitmap("\U000e0fff")  # a code point no font maps: the .notdef glyph
        chars = {ch for out in cards for role, text in out.context.texts.items()
                 if out.params.text[role].font == rel for ch in text if ch.strip()
                 and unicodedata.category(ch) not in ("Cf", "Zs")}  # fmt: skip
        assert len(chars) > 30  # Arabic letters, Persian digits, Latin names
        assert [ch for ch in sorted(chars) if bitmap(ch) == box] == [], rel


def test_a_dari_text_with_a_character_its_font_lacks_fails_naming_it(tmp_path):
    """Checked against Vazirmatn, the one font a Dari card is drawn in (Pillow has no
    fallback): a Cyrillic letter Noto Sans has is still missing there."""
    out = planned(REPO)["shine-the-light-prs-square"]
    job = Job(root=str(REPO), label="social test", target=str(tmp_path / "t.png"),
              extra_targets=(str(tmp_path / "t.json"),), template="",
              context=dataclasses.replace(out.context, texts={"headline": "قلب Ж 布"}),
              params=out.params, needs=(), deps=(), brand=load_brand(REPO).model_dump(),
              families=(), font_files=())  # fmt: skip
    with pytest.raises(Failed) as err:
        render_card(job)
    assert err.value.lines == [
        "headline contains 'Ж' (U+0416), '布' (U+5E03), which the brand fonts cannot show; "
        "replace the character or add a font that has it to brand/brand.yaml"
    ]
    assert not (tmp_path / "t.png").exists()


@pytest.mark.parametrize("size", [(1080, 1080), (1080, 1350), (1080, 1920), (1200, 628),
                                  (1600, 900)])  # fmt: skip
def test_the_light_is_blurred_within_four_percent_of_a_full_size_gaussian(size):
    """The glow is blurred at a quarter of its size and scaled back (3 x faster): on a beam
    and a pool like a card's, at every card size, no pixel is more than 4 % off the
    full-size blur."""
    from PIL import ImageDraw, ImageFilter

    from campaignkit.families.social.render import blurred

    (w, h) = size
    glow = Image.new("L", size, 0)
    pen = ImageDraw.Draw(glow)
    pen.polygon([(w * 0.55, 0), (w * 0.83, 0), (w * 0.48, h * 0.8), (w * 0.17, h * 0.8)],
                fill=191)  # fmt: skip
    pen.ellipse((w * 0.14, h * 0.77, w * 0.52, h * 0.89), fill=255)
    exact = glow.filter(ImageFilter.GaussianBlur(10))
    fast = blurred(glow.copy(), 10)
    assert fast.size == glow.size and fast.mode == "L"
    assert ImageChops.difference(exact, fast).getextrema()[1] <= 255 * 0.04
