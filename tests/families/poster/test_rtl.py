"""Posters in Dari (right to left) and Ukrainian (Cyrillic), read back from the PDFs."""

import io
import re

import pypdfium2
import pytest
import zxingcpp
from conftest import REPO, copy_project, edit, run_doit
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from campaignkit.content import load_campaign
from campaignkit.families.poster.plan import FAMILY, poster_texts
from campaignkit.fitting import shown
from families.poster.test_layout import heart_box

MM = 72 / 25.4
#: A story whose composition is not symmetric: its beam falls from the top right (in English).
STORY = next(poster for poster, texts in poster_texts(load_campaign(REPO)).items()
             if texts["layout"] == "from-right")  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The story poster in Dari, English and Ukrainian (office A4), and in Dari for press (A3)."""
    root = copy_project(tmp_path_factory.mktemp("rtl") / "p", cities=("brussels",))
    tasks = [f"poster-fit:{STORY}-{lang}" for lang in ("prs", "en", "uk")]
    tasks += [f"poster:{STORY}-{lang}-a4-office" for lang in ("prs", "en", "uk")]
    tasks += [f"poster:{STORY}-prs-a3-press"]
    result = run_doit(root, "run", *tasks, families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def path(root, lang, size="a4-office"):
    return root / f"build/posters/{STORY}/{STORY}-{lang}-{size}.pdf"


def story(root, lang) -> tuple[str, str]:
    data = load_campaign(root).stories[STORY].data
    return data.title[lang], data.text[lang]


def read(pdf) -> tuple[str, Image.Image, pypdfium2.PdfDocument]:
    """The page's text as pdfium reads it (lines joined by spaces), the page at 800 px wide."""
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    text = " ".join(page.get_textpage().get_text_range().split())
    image = page.render(scale=800 / page.get_width()).to_pil().convert("RGB")
    return text, image, document


def as_read_back(text: str) -> str:
    """A Dari text as pdfium gives it back from any PDF: without its zero-width non-joiners
    (they have no glyph), and with the two letters of the lam-alef ligature ('لا', one glyph)
    swapped, pdfium's reordering of a right-to-left line taking them as one letter."""
    return re.sub("ل([اأإآ])", r"\1ل", " ".join(text.replace("\u200c", "").split()))


def embedded_fonts(pdf) -> set[str]:
    names = set()
    for font in PdfReader(pdf).pages[0]["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        data = descriptor["/FontFile2"].get_object().get_data()
        names.add(TTFont(io.BytesIO(data))["name"].getDebugName(4))
    return names


def test_dari_reads_back_in_logical_order_in_the_arabic_font(built):
    headline, support = story(built, "prs")
    text, _, document = read(path(built, "prs"))
    document.close()
    assert as_read_back(headline) in text
    assert as_read_back(support) in text  # over three lines, each read right to left
    # every text of a Dari poster is in Vazirmatn, its Latin names and addresses included
    assert embedded_fonts(path(built, "prs")) == {"Vazirmatn Regular", "Vazirmatn Bold"}
    assert PdfReader(path(built, "prs")).trailer["/Root"]["/Lang"] == "fa-AF"


def test_dari_headline_starts_at_the_right_edge_of_its_column(built):
    headline, _ = story(built, "prs")
    document = pypdfium2.PdfDocument(path(built, "prs"))
    page = document[0]
    text = page.get_textpage()
    start, count = text.search(as_read_back(headline)).get_next()
    boxes = [text.get_charbox(i) for i in range(start, start + count)]
    boxes = [box for box in boxes if box[2] > box[0]]  # letters, not spaces
    document.close()
    k = (210 - 20) / 297  # the A3 design scaled into the A4 page's 10 mm margins
    column_right = (10 + (20 + 257) * k) * MM
    assert boxes[0][2] > boxes[-1][2]  # its first letter is the rightmost
    assert column_right - 2 * MM < boxes[0][2] <= column_right + 0.5 * MM


def test_dari_mirrors_the_heart_and_the_beam_of_the_english(built):
    _, dari, one = read(path(built, "prs"))
    _, english, other = read(path(built, "en"))
    one.close(), other.close()
    (x0, y0, x1, y1), (u0, v0, u1, v1) = heart_box(dari), heart_box(english)
    width = 200  # heart_box's pixels
    assert abs((x0 + x1) / 2 - (width - (u0 + u1) / 2)) <= 2 and abs(y0 - v0) <= 1
    assert abs((x1 - x0) - (u1 - u0)) <= 1 and abs((y1 - y0) - (v1 - v0)) <= 1  # not resized
    assert (u0 + u1) / 2 < width / 2 < (x0 + x1) / 2  # English: left; Dari: right
    # the lamp of the beam, on the top edge: top right in English, top left in Dari
    k = (210 - 20) / 297
    row = round(((297 - 420 * k) / 2 + 2 * k) * 800 / 210)
    for image, side in ((english, "right"), (dari, "left")):
        blue = [x for x in range(800)
                if all(abs(a - b) <= 24 for a, b in zip(image.getpixel((x, row)),
                                                        (0x0B, 0x5C, 0xAD), strict=True))]  # fmt: skip
        assert blue and (min(blue) > 600 if side == "right" else max(blue) < 200), side


def test_dari_qr_code_stands_at_the_right_unmirrored(built):
    _, image, document = read(path(built, "prs"))
    document.close()
    [code] = zxingcpp.read_barcodes(image)  # a mirrored code would not read
    assert code.text == "https://stopmensenhandel.be"
    assert code.position.top_left.x > 0.7 * image.width


def test_dari_web_addresses_are_each_on_one_line(built):
    document = pypdfium2.PdfDocument(path(built, "prs"))
    text = document[0].get_textpage()
    for site in ("stopmensenhandel.be", "pag-asa.be", "payoke.be", "asblsurya.org"):
        start, count = text.search(site).get_next()
        assert count == len(site), site
        lines = {round(text.get_charbox(i, loose=True)[1]) for i in range(start, start + count)}
        xs = [text.get_charbox(i)[0] for i in range(start, start + count)]
        assert len(lines) == 1 and xs == sorted(xs), site  # one line, left to right
    document.close()


def test_dari_press_poster_is_cmyk_pdf_x4_and_mirrored(built):
    data = path(built, "prs", "a3-press").read_bytes()
    assert b"/DeviceRGB" not in data
    reader = PdfReader(io.BytesIO(data))
    [intent] = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    headline, _ = story(built, "prs")
    text, image, document = read(path(built, "prs", "a3-press"))
    document.close()
    assert as_read_back(headline) in text
    left, _, right, _ = heart_box(image)
    assert (left + right) / 2 > 200 / 2  # heart_box's pixels: the right half of the sheet


def test_ukrainian_reads_back_in_cyrillic(built):
    headline, support = story(built, "uk")
    text, _, document = read(path(built, "uk"))
    document.close()
    assert re.fullmatch(r"[\u0400-\u04ff ]+", headline)
    assert headline in text and " ".join(support.split()) in text
    assert "Де отримати допомогу".upper() in text  # the help band's title, in its language
    assert embedded_fonts(path(built, "uk")) <= {"Noto Sans Regular", "Noto Sans Bold",
                                                 "Noto Sans Display Bold"}  # fmt: skip


def test_an_overlong_dari_headline_fails_naming_it(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    headline, _ = story(root, "prs")
    edit(
        root / f"content/stories/{STORY}.yaml",
        f"prs: {headline}",
        "prs: " + " ".join([headline] * 40),
    )
    result = run_doit(root, "run", f"poster-fit:{STORY}-prs", families=(FAMILY,))
    assert result.tasks == {f"poster-fit:{STORY}-prs": "fail"}
    # (the fitter measures Dari lines at their own line height, set in poster.css.j2)
    assert result.errors[f"poster-fit:{STORY}-prs"] == (
        f"poster-fit {STORY}-prs: headline ('{shown(' '.join([headline] * 40))}') does not fit "
        "its box even at the minimum 36 pt: it needs 229 mm of height, the box has 118 mm; "
        "shorten it by about 49 %\n"
    )


def test_a_dari_address_too_long_for_one_line_fails_in_one_line(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    long = "https://www.central-contact-point-for-victims-of-trafficking.be"
    edit(root / "content/campaign.yaml", "      nl: https://stopmensenhandel.be",
         f"      nl: https://stopmensenhandel.be\n      prs: {long}")  # fmt: skip
    result = run_doit(root, "run", f"poster-fit:{STORY}-prs", families=(FAMILY,))
    assert result.errors[f"poster-fit:{STORY}-prs"] == (
        f"poster-fit {STORY}-prs: address ('central-contact-point-for-victims-of-tr…') does "
        "not fit on one line even at 30 pt; a web address is never wrapped: give a shorter one "
        "(help.point.sites in content/campaign.yaml)\n"
    )
