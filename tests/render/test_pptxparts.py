"""python-pptx's private attributes: only in render/pptxparts.py, each helper read back from
the saved package's XML; and what render/ooxml.py's tidy makes of python-pptx's template."""

import io
import re
import tokenize
import zipfile
from pathlib import Path

import pptx
import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

import campaignkit
from campaignkit.render.ooxml import tidy
from campaignkit.render.pptxparts import (
    package_relationships,
    remove_shape,
    set_alt_text,
    set_end_language,
    set_language,
    set_rtl,
)

PACKAGE = Path(campaignkit.__file__).parent
HOME = "render/pptxparts.py"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
#: the ones the issue names, whatever python-pptx's source says
NAMED = {"_element", "_blob", "_rels", "_r", "_p", "_txBody", "_rPr", "_sld", "_spTree",
         "_pPr", "_bodyPr", "_chartSpace", "_parent", "_part"}  # fmt: skip
#: receivers whose private names are not python-pptx's: a class's own state, and lxml's
#: element type (etree._Element, lxml's only name for it, in annotations)
NOT_PPTX = {"self", "cls", "etree"}
SKIPPED = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def pptx_private_names() -> set[str]:
    """Every `._name` python-pptx's own source uses: its objects' private attributes."""
    names = set(NAMED)
    for path in Path(pptx.__file__).parent.rglob("*.py"):
        names |= set(re.findall(r"\.(_[A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    return names


def private_uses(source: str, names: set[str]) -> list[str]:
    """'line: receiver._name' for each python-pptx private name the code reads or writes, as
    an attribute (comments and strings aside) or through getattr and its kin."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in SKIPPED]  # fmt: skip
    found = []
    for before, dot, name in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if (dot.string == "." and name.type == tokenize.NAME and name.string in names
                and before.string not in NOT_PPTX):  # fmt: skip
            found.append(f"{name.start[0]}: {before.string}.{name.string}")
    for match in re.finditer(r"\b(?:get|set|has|del)attr\([^,()]*,\s*[\"'](_\w+)[\"']", source):
        if match.group(1) in names:
            found.append(f"{source.count(chr(10), 0, match.start()) + 1}: {match.group(0)}")
    return found


def test_python_pptx_private_attributes_only_in_pptxparts():
    names = pptx_private_names()
    assert {"_element", "_rels", "_txBody", "_rPr", "_sld", "_Element"} <= names
    uses = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        found = private_uses(path.read_text(encoding="utf-8"), names)
        if found:
            uses[path.relative_to(PACKAGE).as_posix()] = found
    assert HOME in uses  # the scan finds them where they are
    others = {module: found for module, found in uses.items() if module != HOME}
    assert not others, (
        f"python-pptx private attributes outside {HOME}: {others}; add a helper there (or "
        "use the public API) and call it"
    )


def test_the_scan_tells_python_pptx_privates_from_the_rest():
    names = pptx_private_names()
    source = (
        "x = shape._element  # run._r in a comment\n"
        "def f(e: etree._Element) -> None:\n"
        "    self._rels = '._p in a string'\n"
        "    frame.text_frame\\\n"
        "        ._txBody.bodyPr\n"
        "    getattr(font, '_rPr')\n"
        "    job._undefined_thing\n"
    )
    assert private_uses(source, names) == ["1: shape._element", "5: text_frame._txBody",
                                           "6: getattr(font, '_rPr'"]  # fmt: skip


def deck():
    """A python-pptx default deck with one blank slide."""
    prs = Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def saved(prs) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    prs.save(buffer)
    return zipfile.ZipFile(buffer)


def xml(archive: zipfile.ZipFile, name: str):
    return etree.fromstring(archive.read(name))


def children(element) -> list[tuple[str, dict[str, str]]]:
    return [(etree.QName(child).localname, dict(child.attrib)) for child in element]


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), "blue").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def chart_data() -> CategoryChartData:
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    return data


def test_alt_text_on_pictures_charts_and_shapes():
    prs, slide = deck()
    picture = slide.shapes.add_picture(png(), 0, 0)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Inches(4), Inches(3), chart_data())
    box = slide.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    for shape, text in ((picture, "A blue square"), (frame, "a, 1. b, 2."), (box, "A box")):
        set_alt_text(shape, text)
    shapes = xml(saved(prs), "ppt/slides/slide1.xml").find("p:cSld/p:spTree", NS)[2:]
    described = [(etree.QName(shape).localname, cnvpr.get("name"), cnvpr.get("descr"))
                 for shape in shapes for cnvpr in shape.iterfind("*/p:cNvPr", NS)]  # fmt: skip
    assert described == [("pic", "Picture 1", "A blue square"),
                         ("graphicFrame", "Chart 2", "a, 1. b, 2."),
                         ("sp", "TextBox 3", "A box")]  # fmt: skip


def test_remove_shape_takes_an_empty_placeholder_off_the_slide():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # title and subtitle
    title, subtitle = slide.placeholders
    title.text_frame.text = "Title"
    remove_shape(subtitle)
    assert [ph.placeholder_format.idx for ph in slide.placeholders] == [0]
    tree = xml(saved(prs), "ppt/slides/slide1.xml")
    assert [ph.get("type") for ph in tree.iterfind(".//p:sp/p:nvSpPr/p:nvPr/p:ph", NS)] == [
        "ctrTitle"
    ]


def test_rtl_and_language_of_a_paragraph_and_its_runs():
    prs, slide = deck()
    frame = slide.shapes.add_textbox(0, 0, Inches(4), Inches(1)).text_frame
    paragraph = frame.paragraphs[0]
    paragraph.space_after = 0
    set_rtl(paragraph)
    run = paragraph.add_run()
    run.text = "مرحبا"
    run.font.size = 2400 * 127
    set_language(run.font, "ar-MA")
    para = xml(saved(prs), "ppt/slides/slide1.xml").find(".//p:txBody/a:p", NS)
    assert children(para) == [("pPr", {"rtl": "1"}), ("r", {})]
    assert children(para.find("a:pPr", NS)) == [("spcAft", {})]  # the spacing kept
    assert dict(para.find("a:r/a:rPr", NS).attrib) == {"sz": "2400", "lang": "ar-MA"}


def test_any_language_tag_where_python_pptx_knows_only_its_enumeration():
    with pytest.raises(ValueError, match="no XML mapping for 'de-BE'"):
        MSO_LANGUAGE_ID.from_xml("de-BE")  # Font.language_id cannot say German (Belgium)
    prs, slide = deck()
    frame = slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Inches(4), Inches(3), chart_data())
    set_language(frame.chart.font, "de-BE")
    label = frame.chart.plots[0].series[0].points[0].data_label.text_frame
    label.text = "1 Million"
    set_language(label.paragraphs[0].runs[0].font, "de-BE")
    tree = xml(saved(prs), "ppt/charts/chart1.xml")
    assert tree.find("c:txPr/a:p/a:pPr/a:defRPr", NS).get("lang") == "de-BE"
    assert tree.find(".//c:dLbl//a:r/a:rPr", NS).get("lang") == "de-BE"


def test_end_of_paragraph_language_only_where_there_is_one():
    prs, slide = deck()
    with_end, without = (slide.shapes.add_textbox(0, 0, Inches(4), Inches(1)) for _ in "ab")
    etree.SubElement(with_end.element.find(".//a:p", NS), f"{{{NS['a']}}}endParaRPr")
    set_end_language(with_end.text_frame.paragraphs[0], "nl-BE")
    set_end_language(without.text_frame.paragraphs[0], "nl-BE")
    paragraphs = xml(saved(prs), "ppt/slides/slide1.xml").findall(".//p:txBody/a:p", NS)
    assert [children(p) for p in paragraphs] == [[("endParaRPr", {"lang": "nl-BE"})], []]


def test_package_relationships_and_the_thumbnail_dropped():
    prs = Presentation()
    package = prs.part.package
    relationships = package_relationships(package)
    types = {rel.reltype for rel in relationships.values()}
    assert {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES, RT.THUMBNAIL} == types
    (rid,) = (rid for rid, rel in relationships.items() if rel.reltype == RT.THUMBNAIL)
    package.drop_rel(rid)
    archive = saved(prs)
    assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert RT.THUMBNAIL.encode() not in archive.read("_rels/.rels")


def test_tidy_leaves_none_of_the_default_templates_4_3_traces():
    prs, slide = deck()
    slide.notes_slide.notes_text_frame.text = "Notes"  # python-pptx makes a notes master
    tidy(prs)
    archive = saved(prs)
    assert "docProps/thumbnail.jpeg" not in archive.namelist()
    app = xml(archive, "docProps/app.xml")
    assert [(etree.QName(e).localname, e.text) for e in app] == [
        ("Application", "campaignkit"),
        ("PresentationFormat", "On-screen Show (16:9)"),
        ("Slides", "1"),
    ]
    presentation = xml(archive, "ppt/presentation.xml")
    assert presentation.find("p:sldSz", NS).get("type") is None
    listed = presentation.find("p:sldMasterIdLst", NS).getnext()
    assert etree.QName(listed).localname == "notesMasterIdLst"
    rid = listed.find("p:notesMasterId", NS).get(f"{{{NS['r']}}}id")
    rels = xml(archive, "ppt/_rels/presentation.xml.rels")
    (target,) = (rel.get("Target") for rel in rels if rel.get("Id") == rid)
    assert target == "notesMasters/notesMaster1.xml"
