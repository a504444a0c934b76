"""A deck's PDF is tagged (LibreOffice's tagged PDF/UA export, completed): the deck's
language and title, headings, every figure and chart with its alt text, all text tagged."""

import io
import shutil

import pikepdf
import pytest
from conftest import REPO, copy_project, run_doit
from pdfua import validate
from PIL import Image
from pptx import Presentation
from pptx.util import Cm
from tags import read_tags

from campaignkit.errors import Failed
from campaignkit.families.deck.office import same_bytes, to_pdf
from campaignkit.render.pptxparts import set_alt_text

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (./setup.sh --test installs it)",
)


def chart_alts(deck: Presentation) -> list[str]:
    namespace = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    return [shape._element.find(f"*/{namespace}cNvPr").get("descr")
            for slide in deck.slides for shape in slide.shapes if shape.has_chart]  # fmt: skip


def test_a_deck_pdf_is_tagged_in_the_decks_language(tmp_path):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    result = run_doit(project, "run", "deck-preview:talk-fr")
    assert result.code == 0, result.errors
    path = project / "build" / "decks" / "talk-fr.pdf"
    deck = Presentation(project / "build" / "decks" / "talk-fr.pptx")
    tags = read_tags(path)
    assert (tags.tree, tags.marked, tags.lang) == (True, True, "fr-BE")
    assert (tags.title, tags.display_title) == (deck.core_properties.title, True)
    assert tags.roles.count("H") >= 10  # each slide's title
    charts = chart_alts(deck)
    assert len(charts) == 2 and all(charts)
    assert set(charts) <= set(tags.figures)  # LibreOffice leaves them out: complete_tags
    assert None not in tags.figures and "" not in tags.figures
    assert tags.loose == [] and tags.empty == []
    report = validate(str(path))
    assert report.findings == () and report.skipped == ()
    with pikepdf.open(path) as pdf:  # the PDF/UA export's XMP, dated as the deck
        xmp = pdf.Root.Metadata.read_bytes()
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert b"<xmp:CreateDate>2022-07-30T00:00:00Z</xmp:CreateDate>" in xmp


def test_a_picture_without_alt_text_fails_the_deck_pdf(tmp_path):
    shutil.copytree(REPO / "brand", tmp_path / "brand")
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "#0B5CAD").save(picture, "PNG")
    shape = slide.shapes.add_picture(io.BytesIO(picture.getvalue()), Cm(2), Cm(2))
    set_alt_text(shape, "")  # python-pptx would give it the image's file name
    (tmp_path / "build").mkdir()
    path = tmp_path / "build" / "bare.pptx"
    deck.save(path)
    pdf = to_pdf(tmp_path, "soffice", path)
    with pytest.raises(Failed) as err:
        same_bytes(pdf, path.read_bytes(), "2022-07-30T00:00:00Z")
    assert err.value.lines == [
        "slide 1 of the PDF has 1 figures without alt text; give every picture and chart on "
        "it alt text"
    ]
