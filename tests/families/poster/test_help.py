"""Where to get help on posters: the contact point's QR code and address, the centres."""

import shutil

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
import yaml
import zxingcpp
from conftest import REPO, copy_project, edit, make_content, run_doit
from pypdf import PdfReader

from campaignkit.families.poster.plan import FAMILY

MM = 72 / 25.4
#: (language, size, variant) built of the beggar poster: press and office, with and without
#: a site in the poster's language (de gets nl's address and the note on the site's languages)
BUILT = [("fr", "a3", "press"), ("fr", "a4", "office"), ("nl", "a3", "press"),
         ("nl", "a4", "office"), ("de", "a4", "office")]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("help") / "p", cities=("brussels",))
    langs = sorted({lang for lang, _, _ in BUILT})
    tasks = [f"poster-fit:beggar-{lang}" for lang in langs]
    tasks += [f"poster:beggar-{lang}-{size}-{variant}" for lang, size, variant in BUILT]
    result = run_doit(root, "run", *tasks, families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def help_content(root):
    return yaml.safe_load((root / "content/campaign.yaml").read_text(encoding="utf-8"))["help"]


def trim_height(size, variant):
    """The poster's height in mm: the trim (press) or the design scaled into the margins."""
    width, height = {"a3": (297, 420), "a4": (210, 297)}[size]
    return height if variant == "press" else 420 * min((width - 20) / 297, (height - 20) / 420)


def render(path, scale=4):
    document = pypdfium2.PdfDocument(path)
    page = document[0]
    image = page.render(scale=scale).to_pil().convert("RGB")
    text = page.get_textpage()
    content = text.get_text_range().replace("\r\n", " ").replace("\n", " ")
    return document, page, text, content, image


@pytest.mark.parametrize(("lang", "size", "variant"), BUILT)
def test_qr_code_reads_back_as_the_contact_point_in_the_posters_language(
    built, lang, size, variant
):
    point = help_content(built)["point"]
    url = point["sites"].get(lang) or point["sites"][point["fallback"]]
    assert url == {"fr": "https://stoptraite.be"}.get(lang, "https://stopmensenhandel.be")
    document, page, _, _, image = render(
        built / f"build/posters/beggar/beggar-{lang}-{size}-{variant}.pdf"
    )
    width = page.get_width()
    document.close()
    [code] = zxingcpp.read_barcodes(image)
    assert code.format == zxingcpp.BarcodeFormat.QRCode and code.text == url
    # in the help band at the foot of the poster, at least 25 mm wide on an A4 page
    top, left = code.position.top_left, code.position.top_right
    assert top.y > 0.75 * image.height and top.x < 0.3 * image.width
    assert (left.x - top.x) / image.width * width / MM >= 25


@pytest.mark.parametrize(("lang", "size", "variant"), BUILT)
def test_the_address_is_printed_large_on_one_line_with_the_point_and_centres(
    built, lang, size, variant
):
    found = help_content(built)
    point = found["point"]
    site = (point["sites"].get(lang) or point["sites"][point["fallback"]]).split("://")[1]
    document, _, text, content, _ = render(
        built / f"build/posters/beggar/beggar-{lang}-{size}-{variant}.pdf", scale=1
    )
    search = text.search(site)
    start, count = search.get_next()
    chars = range(start, start + count)
    lines = {round(text.get_charbox(i, loose=True)[1]) for i in chars}
    sizes = {round(pdfium.FPDFText_GetFontSize(text.raw, i), 1) for i in chars}
    document.close()
    assert len(lines) == 1  # one line: never wrapped
    # at least the fitter's smallest size, 30 pt at A3 (10 mm tall letters), scaled to the poster
    [points] = sizes
    assert points >= 30 * trim_height(size, variant) / 420 - 0.1
    assert point["name"][lang] in content
    assert all(centre["name"] in content for centre in found["centres"])
    assert all(centre["city"][lang] in content for centre in found["centres"])
    note = point["note"][lang]
    assert (note in content) == (lang not in point["languages"])  # only de has no site of its own
    assert "Tel" not in content and "+32" not in content  # no phone numbers


def test_press_qr_code_is_in_the_ink_colours_cmyk(built):
    # the build succeeding means the finisher found no RGB; the stream draws the code in CMYK
    data = (built / "build/posters/beggar/beggar-fr-a3-press.pdf").read_bytes()
    assert b"/DeviceRGB" not in data
    page = PdfReader(built / "build/posters/beggar/beggar-fr-a3-press.pdf").pages[0]
    content = b"".join(stream.get_object().get_data() for stream in page["/Contents"])
    assert b"/DeviceCMYK CS\n0 0 0 0.92 SCN" in content  # ink, cmyk [0, 0, 0, 92]: the strokes
    assert b" rg\n" not in content and b" RG\n" not in content


def test_office_qr_code_is_drawn_in_ink(built):
    document, _, _, _, image = render(built / "build/posters/beggar/beggar-fr-a4-office.pdf")
    document.close()
    [code] = zxingcpp.read_barcodes(image)
    corner = code.position.top_left  # the finder pattern's dark outer ring
    pixel = image.getpixel((corner.x + 3, corner.y + 3))
    assert all(abs(a - b) <= 8 for a, b in zip(pixel, (0x1B, 0x1F, 0x24), strict=True))


def test_without_a_contact_point_the_qr_code_is_the_campaign_website(tmp_path):
    root = make_content(tmp_path / "p")  # its help names one centre and no contact point
    for folder in ("brand", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    url = "https://example.org/blue-heart"
    edit(
        root / "content/campaign.yaml",
        "campaign:\n  name:",
        f"campaign:\n  website: {url}\n  name:",
    )
    result = run_doit(root, "run", "poster-fit:shine-en", "poster:shine-en-a4-office",
                      families=(FAMILY,))  # fmt: skip
    assert result.code == 0, result.errors
    document, _, _, content, image = render(root / "build/posters/shine/shine-en-a4-office.pdf")
    document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]
    assert "help_centres Sürya" in content  # the centres still say where


def test_an_address_too_long_for_one_line_fails_in_one_line(tmp_path):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    long = "https://www.point-de-contact-central-pour-les-victimes-de-la-traite.be"
    edit(root / "content/campaign.yaml", "      fr: https://stoptraite.be", f"      fr: {long}")
    result = run_doit(root, "run", "poster-fit:beggar-fr", families=(FAMILY,))
    assert result.tasks == {"poster-fit:beggar-fr": "fail"}
    assert result.errors["poster-fit:beggar-fr"] == (
        "poster-fit beggar-fr: address ('point-de-contact-central-pour-les-victi…') does not "
        "fit on one line even at 30 pt; a web address is never wrapped: give a shorter one "
        "(help.point.sites in content/campaign.yaml)\n"
    )
