"""Slide previews: LibreOffice converts each deck, with the brand fonts only, then PNGs."""

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from conftest import copy_project, run_doit
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from campaignkit.families.deck.office import to_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (./setup.sh --test installs it)",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("office") / "project", cities=("brussels",))


def test_previews_of_every_slide(project):
    result = run_doit(project, "run", "deck-preview:launch-en")
    assert result.code == 0, result.errors
    assert result.executed == ["deck-preview:launch-en", "deck:launch-en"]
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


@pytest.mark.slow
def test_libreoffice_converts_every_deck_with_the_brand_fonts_only(project):
    assert run_doit(project, "run", "deck").code == 0
    for deck in sorted((project / "build" / "decks").glob("*.pptx")):
        pdf = PdfReader(io.BytesIO(to_pdf(project, "soffice", deck)))
        assert len(pdf.pages) == 10, deck.name
        fonts = set()
        for page in pdf.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        assert fonts and all(name.startswith("NotoSans") for name in fonts), (deck.name, fonts)
        shown = " ".join(pdf.pages[0].extract_text().split())
        assert Presentation(deck).core_properties.author in shown


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
