"""Press leaflets read back: page boxes, PDF/X-4 in CMYK, marks, text."""

import io

import pytest
from conftest import REPO, copy_project, run_doit
from pypdf import PdfReader

from campaignkit.families.leaflet.plan import FAMILY as LEAFLET
from campaignkit.families.leaflet_press.plan import FAMILY as PRESS

MM = 72 / 25.4
#: A city's leaflet and the national help leaflet in Dari (right to left).
TASKS = ("leaflet-press:liege-fr", "leaflet-press:help-prs")
NAMES = ("liege-fr", "help-prs")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("press") / "p", cities=("brussels", "liege"))
    result = run_doit(root, "run", *TASKS, families=(LEAFLET, PRESS))
    assert result.code == 0, result.errors
    return root


def box(page, name):
    return [round(float(v), 2) for v in getattr(page, name)]


@pytest.mark.parametrize("name", NAMES)
def test_two_a5_pages_with_bleed_and_slug(built, name):
    reader = PdfReader(built / f"build/leaflets/{name}-press.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        trim = box(page, "trimbox")
        size = [round((trim[2] - trim[0]) / MM, 1), round((trim[3] - trim[1]) / MM, 1)]
        assert size == [148, 210]
        bleed = [10, 10, 164, 226]  # trim ± 3 mm
        assert [round(v / MM, 1) for v in box(page, "bleedbox")] == bleed
        assert [round(v / MM, 1) for v in box(page, "mediabox")] == [0, 0, 174, 236]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_x4_in_cmyk_with_the_brand_profile(built, name):
    data = (built / f"build/leaflets/{name}-press.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    [intent] = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/DestOutputProfile"].get_object().get_data() == (
        REPO / "brand/icc/fogra39.icc").read_bytes()  # fmt: skip
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert b"/DeviceRGB" not in data
    for page in reader.pages:
        ops = b"".join(c.get_object().get_data() for c in page["/Contents"])
        assert b" rg" not in ops and b" RG" not in ops
        assert b"/Registration CS" in ops  # the crop marks


def test_text_is_there(built):
    reader = PdfReader(built / "build/leaflets/liege-fr-press.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Liège" in text and "stoptraite.be" in text


def test_the_dari_help_leaflet_keeps_its_text_and_font(built):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(built / "build/leaflets/help-prs-press.pdf")
    text = pdf[1].get_textpage().get_text_range()
    pdf.close()
    assert "از کجا کمک بگیرید" in text and "stopmensenhandel.be" in text  # "where to get help"
    reader = PdfReader(built / "build/leaflets/help-prs-press.pdf")
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    assert fonts == {"brand-arabic", "brand-arabic-Bold"}


def test_dated_by_the_campaigns_day_never_now(built):
    """PDF/X needs dates: with no SOURCE_DATE_EPOCH they are the campaign's day, so a rebuild
    on another day gives the same bytes."""
    path = built / "build/leaflets/liege-fr-press.pdf"
    reader = PdfReader(path)
    assert reader.metadata["/CreationDate"].startswith("D:20220730000000")
    xmp = reader.xmp_metadata.stream.get_data()
    assert b"<xmp:MetadataDate>2022-07-30T00:00:00" in xmp
    before = path.read_bytes()
    path.unlink()
    result = run_doit(built, "run", *TASKS, families=(LEAFLET, PRESS))
    assert result.code == 0, result.errors
    assert path.read_bytes() == before
