"""A deck's PDF and slide previews: LibreOffice converts each deck with the brand fonts only
(embedded), the PDF is the same for the same deck, then PNGs of its pages."""

import contextlib
import io
import shutil
from pathlib import Path

import pytest
import zxingcpp
from conftest import REPO, copy_project, run_doit
from fontTools.ttLib import TTFont
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from campaignkit.families.deck.office import to_pdf
from campaignkit.locales import long_date

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (./setup.sh --test installs it)",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("office") / "project", cities=("brussels",))


#: The PostScript names of the brand's faces: the only fonts a deck's PDF may use.
FACES = {TTFont(path)["name"].getDebugName(6) for path in (REPO / "brand" / "fonts").glob("*.ttf")}


def embedded_fonts(pdf: PdfReader) -> set[str]:
    """The fonts of every page, each checked to be embedded (its font file in the PDF)."""
    names = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            name = str(descriptor["/FontName"]).split("+")[-1]
            assert {"/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"
            names.add(name)
    return names


def check_pdf(project, name: str, slides: int) -> PdfReader:
    """The deck's PDF: a page a slide, the brand fonts embedded, the cover's title first and
    its date on one line."""
    deck = Presentation(project / "build" / "decks" / f"{name}.pptx")
    pdf = PdfReader(project / "build" / "decks" / f"{name}.pdf")
    assert len(pdf.pages) == len(deck.slides) == slides, name
    fonts = embedded_fonts(pdf)
    assert fonts and fonts <= FACES, (name, fonts)
    cover = pdf.pages[0].extract_text()
    title = deck.core_properties.title.replace(" ·", "")  # the talk deck's: name, then day
    shown = " ".join(cover.replace("-\n", "-").split())  # LibreOffice breaks after hyphens
    assert shown.startswith(" ".join(title.split())), (name, cover)
    date = "2022-07-25" if name.startswith("launch") else "2022-07-30"
    locale = {"en": "en_GB", "fr": "fr_BE", "nl": "nl_BE", "de": "de_BE"}[name.split("-")[1]]
    assert any(long_date(date, locale) in line for line in cover.splitlines()), (name, cover)
    return pdf


def qr_codes(project, name: str) -> list[str]:
    """What the QR codes on the help slide's preview hold."""
    with Image.open(project / "build" / "decks" / "previews" / name / "slide-10.png") as image:
        return [found.text for found in zxingcpp.read_barcodes(image)]


def test_a_pdf_and_previews_of_every_slide(project):
    result = run_doit(project, "run", "deck-preview:launch-en")
    assert result.code == 0, result.errors
    assert result.executed == ["deck-preview:launch-en", "deck:launch-en"]
    check_pdf(project, "launch-en", 10)
    assert qr_codes(project, "launch-en") == ["https://stopmensenhandel.be"]
    folder = project / "build" / "decks" / "previews" / "launch-en"
    slides = sorted(folder.glob("*.png"))
    assert [path.name for path in slides] == [f"slide-{n:02}.png" for n in range(1, 11)]
    for path in slides:
        with Image.open(path) as image:
            assert image.size == (1280, 720)
            assert len(image.getcolors(1 << 16) or range(1 << 16)) > 2  # not a blank page
    with Image.open(slides[0]) as cover:
        data = cover.convert("RGB").tobytes()
        pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
        blue = sum(1 for r, g, b in pixels
                   if abs(r - 0x0B) < 12 and abs(g - 0x5C) < 12 and abs(b - 0xAD) < 12)  # fmt: skip
        assert blue > 5000  # the heart, in the brand's blue
    assert not list((project / "build").glob(".office*"))  # no profile left behind


def test_same_deck_same_pdf_dated_as_the_deck(project, tmp_path, monkeypatch):
    """LibreOffice stamps the time and a random identifier: the PDF carries the deck's date
    and an identifier made from the deck instead."""
    assert run_doit(project, "run", "deck-preview:talk-fr").code == 0
    first = (project / "build" / "decks" / "talk-fr.pdf").read_bytes()
    again = copy_project(tmp_path / "again", cities=("brussels",))
    assert run_doit(again, "run", "deck-preview:talk-fr").code == 0
    assert (again / "build" / "decks" / "talk-fr.pdf").read_bytes() == first
    info = PdfReader(io.BytesIO(first)).metadata
    assert (info["/CreationDate"], info["/ModDate"]) == ("D:20220730000000Z",) * 2
    assert qr_codes(project, "talk-fr") == ["https://stoptraite.be"]  # French: its own site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658102400")  # 2022-07-18
    assert run_doit(again, "run", "deck-preview:talk-fr").code == 0
    info = PdfReader(again / "build" / "decks" / "talk-fr.pdf").metadata
    assert info["/CreationDate"] == "D:20220718000000Z"


@pytest.mark.slow
def test_libreoffice_converts_every_deck_with_the_brand_fonts_embedded(project):
    assert run_doit(project, "run", "deck-preview").code == 0
    for deck in sorted((project / "build" / "decks").glob("*.pptx")):
        check_pdf(project, deck.stem, 10)
        site = "stoptraite.be" if deck.stem.endswith("-fr") else "stopmensenhandel.be"
        assert qr_codes(project, deck.stem) == [f"https://{site}"]


def test_a_conversion_that_times_out_leaves_no_process_and_no_files(project, monkeypatch):
    import subprocess
    import time

    from campaignkit.families.deck import office

    assert run_doit(project, "run", "deck:talk-en").code == 0
    deck = project / "build" / "decks" / "talk-en.pptx"
    monkeypatch.setattr(office, "TIMEOUT_S", 0.3)
    with pytest.raises(subprocess.TimeoutExpired):
        to_pdf(project, "soffice", deck)
    time.sleep(2)  # a survivor would have written its PDF by now
    work = project / "build" / ".office-talk-en"
    assert not work.exists()
    survivors = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if str(work).encode() in cmdline.read_bytes():
                survivors.append(cmdline.parent.name)
    assert survivors == []
