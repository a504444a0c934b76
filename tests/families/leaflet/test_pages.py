"""The leaflets read back: where to get help with its QR code, and pages without empty bands."""

import pypdfium2
import pytest
import zxingcpp
from bands import tallest_band
from conftest import copy_project, edit, run_doit
from pypdf import PdfReader

from campaignkit.families.leaflet.plan import FAMILY

NAMES = ["brussels-fr", "brussels-nl", "brussels-de", "liege-fr", "liege-de"]
URLS = {"fr": "https://stoptraite.be"}  # every other language: the Dutch address
TOLERATED = 0.15  # of the page height: no taller band of one colour


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("leaflets") / "p", cities=("brussels", "liege"))
    edit(root / "content/cities/brussels.yaml", "languages: [fr, nl]", "languages: [fr, nl, de]")
    edit(root / "content/cities/liege.yaml", "languages: [fr]", "languages: [fr, de]")
    # the city leaflets only: the national one has its own tests (test_help.py)
    result = run_doit(root, "run", *(f"leaflet:{name}" for name in NAMES), families=(FAMILY,))
    assert result.code == 0, result.errors
    return root


def pages(path, scale=2.0):
    pdf = pypdfium2.PdfDocument(path)
    try:
        return [pdf[index].render(scale=scale).to_pil().convert("RGB") for index in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize("name", NAMES)
def test_the_qr_code_reads_back_as_the_contact_point(built, name):
    lang = name.rsplit("-", 1)[1]
    back = pages(built / f"build/leaflets/{name}.pdf")[1]
    assert [code.text for code in zxingcpp.read_barcodes(back)] == [
        URLS.get(lang, "https://stopmensenhandel.be")
    ]


@pytest.mark.parametrize("name", NAMES)
def test_where_to_get_help_is_printed(built, name):
    lang = name.rsplit("-", 1)[1]
    text = PdfReader(built / f"build/leaflets/{name}.pdf").pages[1].extract_text()
    site = URLS.get(lang, "https://stopmensenhandel.be").removeprefix("https://")
    assert site in text.splitlines() or any(line.strip() == site for line in text.splitlines())
    for centre in ("PAG-ASA", "Payoke", "Sürya", "pag-asa.be", "payoke.be", "asblsurya.org"):
        assert centre in text
    assert "Esperanto" in text  # the minors line
    assert ("Website auf Englisch, Französisch und Niederländisch." in text) == (lang == "de")


@pytest.mark.parametrize("name", NAMES)
def test_no_page_leaves_a_large_empty_band(built, name):
    for number, page in enumerate(pages(built / f"build/leaflets/{name}.pdf", 1.0), start=1):
        fraction, colour, row = tallest_band(page)
        assert fraction <= TOLERATED, f"{name} page {number}: {fraction:.3f} of {colour} at {row}"


def test_the_cover_shows_the_beam_on_the_heart(built):
    from PIL import ImageColor

    front = pages(built / "build/leaflets/liege-fr.pdf", 1.0)[0]
    colours = {colour for _, colour in front.getcolors(1 << 20)}
    assert {ImageColor.getrgb("#0A2A4A"), ImageColor.getrgb("#0B5CAD")} <= colours


@pytest.mark.slow
def test_every_leaflet_page_of_the_campaign_is_filled(whole_campaign):
    root = whole_campaign
    for path in sorted((root / "build/leaflets").glob("*.pdf")):
        for number, page in enumerate(pages(path, 1.0), start=1):
            fraction, _, row = tallest_band(page)
            assert fraction <= TOLERATED, f"{path.name} page {number}: {fraction:.3f} at {row}"
