"""Posters read back: page boxes, PDF/X, marks, fonts, copy fitting, previews."""

import io
import json

import pypdfium2
import pytest
from conftest import REPO, copy_project, edit, run_doit
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from campaignkit.families.poster.plan import FAMILY
from campaignkit.render.press import low_resolution_images

MM = 72 / 25.4
SIZES = {"a3": (297, 420), "a2": (420, 594), "a1": (594, 841)}
OFFICE = {"a4": (210, 297), "a3": (297, 420)}
NAME = "beggar-fr"
TASKS = ["poster-fit:beggar-fr", "poster-preview:beggar-fr"] + [
    f"poster:{NAME}-{size}-{variant}"
    for variant, sizes in (("press", SIZES), ("office", OFFICE))
    for size in sizes
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("posters") / "p", cities=("brussels",))
    result = run_doit(root, "run", *TASKS, families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def pdf(root, size, variant):
    return root / f"build/posters/beggar/{NAME}-{size}-{variant}.pdf"


def box(page, name):
    return [round(float(v), 2) for v in getattr(page, name)]


@pytest.mark.parametrize("size", sorted(SIZES))
def test_press_page_boxes_bleed_and_slug(built, size):
    page = PdfReader(pdf(built, size, "press")).pages[0]
    w, h = (v * MM for v in SIZES[size])
    trim = box(page, "trimbox")
    assert [round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)] == [round(w, 2), round(h, 2)]
    x, y = trim[0], trim[1]
    assert box(page, "bleedbox") == [
        round(v, 2) for v in (x - 3 * MM, y - 3 * MM, x + w + 3 * MM, y + h + 3 * MM)
    ]
    assert box(page, "mediabox") == [round(v, 2) for v in (0, 0, w + 26 * MM, h + 26 * MM)]


@pytest.mark.parametrize("size", sorted(SIZES))
def test_press_is_pdf_x4_in_cmyk_with_the_brand_profile(built, size):
    data = pdf(built, size, "press").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    [intent] = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert (
        intent["/DestOutputProfile"].get_object().get_data()
        == (REPO / "brand/icc/fogra39.icc").read_bytes()
    )
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert b"/DeviceRGB" not in data  # every colour is CMYK
    assert data.startswith(b"%PDF-1.6")


def test_marks_only_on_press(built):
    def operations(path):
        page = PdfReader(path).pages[0]
        return b"".join(c.get_object().get_data() for c in page["/Contents"]) if isinstance(
            page["/Contents"], list) else page["/Contents"].get_object().get_data()  # fmt: skip

    press = operations(pdf(built, "a3", "press"))
    assert b"/Registration CS" in press and press.count(b" l\n") + press.count(b" l ") >= 8
    office = PdfReader(pdf(built, "a4", "office"))
    assert b"/Registration" not in pdf(built, "a4", "office").read_bytes()
    page = office.pages[0]
    assert box(page, "mediabox") == box(page, "trimbox") == box(page, "bleedbox")
    assert "/OutputIntents" not in office.trailer["/Root"]


@pytest.mark.parametrize(("size", "variant"), [("a3", "press"), ("a1", "press"), ("a4", "office")])
def test_fonts_are_the_brand_fonts_embedded(built, size, variant):
    page = PdfReader(pdf(built, size, variant)).pages[0]
    names = set()
    for font in page["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        names.add(
            TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))[
                "name"
            ].getDebugName(4)
        )
    assert names <= {"Noto Sans Regular", "Noto Sans Bold", "Noto Sans Display Bold"}
    assert "Noto Sans Display Bold" in names


@pytest.mark.parametrize("size", ["a3", "a1"])
def test_headline_in_its_language_and_all_text_inside_the_trim(built, size):
    document = pypdfium2.PdfDocument(pdf(built, size, "press"))
    page = document[0]
    text = page.get_textpage()
    content = text.get_text_range().replace("\r\n", " ").replace("\n", " ")
    content = content.replace("\xa0", " ")  # dates hold no-break spaces
    assert "Une personne qui mendie" in content
    assert "Sous les projecteurs du cœur bleu".upper() in content
    assert "30 juillet 2022" in content
    k = SIZES[size][0] / 297
    edge = 13 * MM
    left, right = edge + 20 * k * MM, edge + 277 * k * MM  # the text column of the design
    for i in range(text.count_chars()):
        x0, _, x1, _ = text.get_charbox(i)
        if x1 > x0:  # skip spaces and line ends
            # slack for glyph side bearings (a 'J' reaches left); a word out of its box is far more
            slack = 2 * k
            assert left - slack <= x0 and x1 <= right + slack, f"character {i} outside the column"
    document.close()


def test_same_inputs_same_bytes(built, tmp_path):
    other = copy_project(tmp_path / "again", cities=("brussels",))
    names = [f"poster:{NAME}-a3-press", f"poster:{NAME}-a4-office"]
    assert run_doit(other, "run", *names, families=(FAMILY,)).code == 0
    for variant, size in (("press", "a3"), ("office", "a4")):
        assert pdf(other, size, variant).read_bytes() == pdf(built, size, variant).read_bytes()


def test_preview_png_of_the_office_poster(built):
    image = Image.open(built / f"build/posters/beggar/{NAME}.png")
    assert image.format == "PNG" and image.width == 800
    assert image.height == round(800 * 297 / 210) or abs(image.height - 800 * 297 / 210) <= 1
    px = 800 / 210  # pixels per mm on the A4 page
    k = (210 - 20) / 297
    sheet_top = (297 - 420 * k) / 2
    navy = image.getpixel((round((10 + 5 * k) * px), round((sheet_top + 5 * k) * px)))
    # the heart of the beggar's composition, "spot" (templates/poster/layouts.j2)
    heart = image.getpixel((round((10 + 148.5 * k) * px), round((sheet_top + 220 * k) * px)))
    assert navy == (0x0A, 0x2A, 0x4A)
    assert all(abs(a - b) <= 2 for a, b in zip(heart, (0x0B, 0x5C, 0xAD), strict=True))


def test_longer_languages_get_smaller_headlines(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    names = [f"poster-fit:shine-the-light-{lang}" for lang in ("en", "fr", "nl", "de")]
    assert run_doit(root, "run", *names, families=(FAMILY,)).code == 0
    sizes = {lang: json.loads((root / f"build/.fit/poster-shine-the-light-{lang}.json").read_text())
             ["sizes"]["headline"] for lang in ("en", "fr", "nl", "de")}  # fmt: skip
    assert sizes["en"] == 96
    assert sizes["de"] < sizes["en"]  # "Menschenhandel" is too wide for one line at 96 pt


def test_an_overlong_translation_fails_naming_output_language_field_and_excess(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    long = "Une personne qui mendie devant la gare centrale " * 10
    edit(root / "content/stories/beggar.yaml", "fr: Une personne qui mendie", f"fr: {long}")
    result = run_doit(root, "run", "poster-fit:beggar-fr", families=(FAMILY,))
    assert result.tasks == {"poster-fit:beggar-fr": "fail"}
    [line] = result.errors["poster-fit:beggar-fr"].splitlines()
    assert line == (
        "poster-fit beggar-fr: headline ('Une personne qui mendie devant la gare…') does not "
        "fit its box even at the minimum 36 pt: it needs 172 mm of height, the box has 118 mm; "
        "shorten it by about 32 %"
    )
    assert not (root / "build/.fit/poster-beggar-fr.json").exists()


def test_low_resolution_images_are_named(tmp_path):
    from weasyprint import HTML

    png = tmp_path / "small.png"
    Image.new("RGB", (100, 100), "navy").save(png)
    pdf = HTML(string=f'<img src="{png.as_uri()}" style="width: 50mm">').write_pdf()
    assert low_resolution_images(pdf, 300, tmp_path, ["small.png"]) == [
        "image small.png prints at 51 dpi at this size; press PDFs need at least 300 dpi: "
        "use a larger image"
    ]
    sharp = HTML(string=f'<img src="{png.as_uri()}" style="width: 8mm">').write_pdf()
    assert low_resolution_images(sharp, 300, tmp_path, ["small.png"]) == []


def test_press_dates_are_pinned_to_the_day(built):
    metadata = PdfReader(pdf(built, "a3", "press")).metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20220730000000Z"


def test_backgrounds_run_into_the_bleed_and_the_slug_stays_clear(built):
    document = pypdfium2.PdfDocument(pdf(built, "a3", "press"))
    scale = 4  # px per pt
    image = document[0].render(scale=scale).to_pil().convert("RGB")
    document.close()
    px = MM * scale
    edge = 13 * px  # bleed + slug

    def at(x_mm, y_mm):  # sheet coordinates in mm, from the trim's top left
        return image.getpixel((round(edge + x_mm * px), round(edge + y_mm * px)))

    navy = at(280, 100)  # right of the beam (stories' beams fall from either side)
    assert navy != (255, 255, 255)
    assert at(280, -1.5) == navy and at(-1.5, 100) == navy  # 1.5 mm into the 3 mm bleed
    assert at(100, -6) == (255, 255, 255) and at(-6, 100) == (255, 255, 255)  # the slug


def test_the_contact_point_prints_as_a_qr_code_that_reads_back_module_by_module(built):
    import segno

    url = "https://stoptraite.be"  # help.point.sites.fr in content/campaign.yaml
    document = pypdfium2.PdfDocument(pdf(built, "a4", "office"))
    scale = 8
    image = document[0].render(scale=scale).to_pil().convert("L")
    document.close()
    k = (210 - 20) / 297
    # the QR box inside its 5 mm white border, in the help band at 320 mm (in mm on the page)
    left, top = 10 + (20 + 5) * k, (297 - 420 * k) / 2 + (320 + 12 + 5) * k
    matrix = [list(row) for row in segno.make(url, error="m", micro=False).matrix]
    module = 44 * k / len(matrix)
    for row, bits in enumerate(matrix):
        for col, dark in enumerate(bits):
            x = (left + (col + 0.5) * module) * MM * scale
            y = (top + (row + 0.5) * module) * MM * scale
            assert (image.getpixel((round(x), round(y))) < 128) == bool(dark), (row, col)


def test_rgb_in_a_press_pdf_fails_the_build(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    edit(root / "templates/poster/poster.css.j2", ".places { font-weight: 700; color: {{ col.blue }}; }",
         ".places { font-weight: 700; color: {{ col.blue }}; }\n.support p { color: #ff0000; }")  # fmt: skip
    result = run_doit(root, "run", "poster-fit:beggar-en", "poster:beggar-en-a3-press",
                      "poster:beggar-en-a4-office", families=(FAMILY,))  # fmt: skip
    assert result.tasks["poster:beggar-en-a4-office"] == "success"  # office PDFs may be RGB
    assert result.errors["poster:beggar-en-a3-press"] == (
        "poster beggar-en-a3-press: has RGB colour, which a press PDF must not: give every "
        "colour in the template as p.colors (CMYK from brand/brand.yaml) and use CMYK images\n"
    )
