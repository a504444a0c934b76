"""Decks read back with python-pptx: layouts, charts, notes, alt texts, languages, properties,
text fitted from the brand fonts' metrics, and the same bytes for the same inputs."""

import datetime as dt
import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from conftest import REPO, copy_project, run_doit
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from campaignkit.brand import load_brand
from campaignkit.families.deck.master import NS, spacing
from campaignkit.families.deck.render import advance, fitted, set_text, text_measure
from campaignkit.families.deck.slides import Paragraph
from campaignkit.fitting import Measure
from families.deck.test_plan import LAYOUTS

FONT = str(REPO / "brand" / "fonts" / "NotoSans-Regular.ttf")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("decks") / "project", cities=("brussels",))
    result = run_doit(project, "run", "deck")
    assert result.code == 0, result.errors
    assert len(result.executed) == 8
    return project


def open_deck(project, name):
    return Presentation(project / "build" / "decks" / f"{name}.pptx")


def test_slides_layouts_charts_and_pictures(built):
    prs = open_deck(built, "launch-fr")
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [slide.slide_layout.name for slide in prs.slides] == LAYOUTS
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert [chart.chart_type for chart in charts] == [XL_CHART_TYPE.COLUMN_CLUSTERED,
                                                      XL_CHART_TYPE.PIE]  # fmt: skip
    assert [list(chart.plots[0].categories) for chart in charts] == [
        ["Femmes et filles", "Hommes et garçons"],
        ["Enfants", "Adultes"],
    ]
    assert [chart.plots[0].series[0].values for chart in charts] == [(11.4, 9.5), (5.5, 15.4)]
    labels = [point.data_label.text_frame.text for point in charts[0].plots[0].series[0].points]
    assert labels == ["11,4\u00a0millions", "9,5\u00a0millions"]  # never broken in two
    described = {}
    for number, slide in enumerate(prs.slides, start=1):
        for element in slide.element.iter(f"{{{NS['p']}}}pic",
                                                 f"{{{NS['p']}}}graphicFrame"):  # fmt: skip
            tag = etree.QName(element).localname
            described.setdefault(number, []).append((tag, element.find(".//p:cNvPr", NS)
                                                     .get("descr")))  # fmt: skip
    derived = ("Adultes\u202f: 20,9 millions – 5,5 millions, calculé à partir des chiffres "
               "de l’OIT.")  # fmt: skip
    described = {n: [(tag, alt.replace("\u00a0", " ")) for tag, alt in found]
                 for n, found in described.items()}  # fmt: skip
    assert described == {
        1: [("pic", "Le cœur bleu")],
        3: [("graphicFrame", "Femmes et filles, 11,4 millions. Hommes et garçons, 9,5 millions.")],
        4: [("graphicFrame", f"Enfants, 5,5 millions. Adultes, 15,4 millions. {derived}")],
        9: [("pic", "Le cœur bleu")],
        10: [("pic", "Code QR\u202f: stoptraite.be")],  # the help slide's, to the contact point
    }
    for slide in prs.slides:  # an empty placeholder would show "Click to add text"
        for ph in slide.placeholders:
            assert ph.has_chart if hasattr(ph, "has_chart") and ph.has_chart else True
            if ph.has_text_frame:
                assert ph.text_frame.text.strip()


def test_notes_on_every_slide_and_every_run_in_the_deck_language(built):
    for name, language, first in (("talk-de", "de-BE", "Übersetzungsentwurf"),
                                  ("talk-en", "en-GB", "The United Nations Office")):  # fmt: skip
        prs = open_deck(built, name)
        notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
        assert len(notes) == 10 and all(text.strip() for text in notes)
        assert notes[0].startswith(first)
        for slide in prs.slides:
            for part in (slide, slide.notes_slide):
                langs = {r.get("lang") for r in part.element.iterfind(".//a:r/a:rPr", NS)}
                assert langs == {language}


def test_core_properties_come_from_content(built):
    props = open_deck(built, "talk-nl").core_properties
    assert (props.title, props.subject, props.author, props.last_modified_by, props.language) == (
        "Blauwe Hart-campagne · Werelddag tegen mensenhandel", "Werelddag tegen mensenhandel",
        "Blauwe Hart-campagne", "Blauwe Hart-campagne", "nl-BE")  # fmt: skip
    assert props.created == props.modified == dt.datetime(2022, 7, 30)
    assert props.revision == 1


def test_text_sizes_are_set_within_each_role_and_never_autofit(built):
    brand = load_brand(REPO)
    floor = brand.deck.minimum * 100
    for name in ("launch-en", "talk-fr"):
        for slide in open_deck(built, name).slides:
            sizes = [int(r.get("sz")) for r in slide.element.iterfind(".//p:sp//a:r/a:rPr", NS)]
            assert sizes and min(sizes) >= floor
            assert not slide.element.findall(".//a:normAutofit", NS)


def test_same_inputs_same_bytes_and_source_date_epoch(built, tmp_path, monkeypatch):
    first = (built / "build" / "decks" / "talk-fr.pptx").read_bytes()
    again = copy_project(tmp_path / "again", cities=("brussels",))
    assert run_doit(again, "run", "deck:talk-fr").code == 0
    assert (again / "build" / "decks" / "talk-fr.pptx").read_bytes() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658102400")  # 2022-07-18
    assert run_doit(again, "run", "deck:talk-fr").code == 0
    data = (again / "build" / "decks" / "talk-fr.pptx").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in archive.infolist()} == {(2022, 7, 18, 0, 0, 0)}
    workbooks = [name for name in archive.namelist() if name.endswith(".xlsx")]
    assert len(workbooks) == 2  # the charts' data, editable in PowerPoint
    for name in ["", *workbooks]:
        inner = archive if not name else zipfile.ZipFile(io.BytesIO(archive.read(name)))
        core = inner.read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:\w+[^>]*>([^<]*)<", core) == ["2022-07-18T00:00:00Z"] * 2


def test_text_that_cannot_fit_fails_naming_deck_slide_and_language(tmp_path):
    project = copy_project(tmp_path / "project", cities=("brussels",))
    campaign = project / "content" / "campaign.yaml"
    text = campaign.read_text(encoding="utf-8")
    long = "      and secure internet for all." + " Again, and again, for all." * 40
    campaign.write_text(text.replace("      and secure internet for all.", long, 1),
                        encoding="utf-8")  # fmt: skip
    result = run_doit(project, "run", "deck:talk-en")
    assert result.code == 1
    assert result.errors["deck:talk-en"].splitlines()[0] == (
        "deck talk-en: slide 7 (quote), en: quote ('We need governments, regulators, "
        "busine…') does not fit its box even at the minimum 20 pt: it needs 400 pt of height, "
        "the box has 317 pt; shorten it by about 21 %"
    )
    assert not (project / "build" / "decks" / "talk-en.pptx").exists()


def test_a_master_without_a_layout_fails_clearly(tmp_path, monkeypatch):
    from campaignkit.families.deck import master

    project = copy_project(tmp_path / "project", cities=("brussels",))
    layouts = {("Citation" if name == "Quote" else name): spec
               for name, spec in master.LAYOUTS.items()}  # fmt: skip
    monkeypatch.setattr(master, "LAYOUTS", layouts)  # a master edited without the decks
    result = run_doit(project, "run", "deck:talk-en")
    assert result.code == 1
    assert result.errors["deck:talk-en"].splitlines()[0] == (
        "deck talk-en: slide 7 (quote), en: the master has no layout named 'Quote' (it has "
        "Blank, Chart, Citation, Contact, Picture and Text, Statement, Three Columns, Title, "
        "Two Columns); add it to LAYOUTS in src/campaignkit/families/deck/master.py"
    )


def test_lines_break_where_the_font_metrics_say():
    brand = load_brand(REPO)
    body = brand.deck.text.body  # line height 1.25
    words = (Paragraph("Human trafficking is a crime"),)
    width = advance(FONT, words[0].text) * 20 / 0.97  # pt at 20 pt, with the slack
    assert text_measure(REPO, brand, body, words, 20, width, 100) == Measure(25, 100, False)
    assert text_measure(REPO, brand, body, words, 20, width - 1, 100) == Measure(50, 100, False)
    narrow = advance(FONT, "trafficking") * 20 / 0.97 - 1
    assert text_measure(REPO, brand, body, words, 20, narrow, 100).too_wide


def test_fitting_takes_the_largest_size_that_fits():
    brand = load_brand(REPO)
    body = brand.deck.text.body  # 16 to 28 pt, line height 1.25
    short = (Paragraph("Wear the blue heart."),)
    assert fitted(REPO, brand, body, short, 500, 40) == 28
    assert fitted(REPO, brand, body, short, 500, 34) == 24  # one line of 28 pt needs 35 pt
    assert fitted(REPO, brand, body, short, 500, 19) == Measure(20, 19)  # 16 pt × 1.25


def tree_of(element) -> tuple:
    """An element as (name, attributes, children), whatever its namespace prefixes."""
    return (etree.QName(element).localname, dict(element.attrib),
            [tree_of(child) for child in element])  # fmt: skip


@pytest.mark.parametrize("rtl", [False, True])
def test_paragraphs_are_spaced_as_the_master_styles_are_and_marked_rtl(rtl):
    """set_text (python-pptx's line_spacing, space_before, space_after) writes the same
    <a:lnSpc>, <a:spcBef>, <a:spcAft> as master.spacing, at every size of every role and at
    line heights and gaps that do not fall on a centipoint."""
    brand = load_brand(REPO)
    prs = Presentation()
    context = SimpleNamespace(rtl=rtl, language="fr-BE")
    paragraphs = (Paragraph("Un"), Paragraph("Deux", bold=True))
    specs = [(getattr(brand.deck.text, role), brand.deck.steps(getattr(brand.deck.text, role)))
             for role in type(brand.deck.text).model_fields]  # fmt: skip
    body = brand.deck.text.body
    specs += [(body.model_copy(update={"line_height": height, "gap": gap}),
               [size / 2 for size in range(16, 97)])
              for height in (1.1, 1.15, 1.17, 1.25) for gap in (0.3, 0.35, 0.45)]  # fmt: skip
    for spec, sizes in specs:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        for size in sizes:
            box = slide.shapes.add_textbox(0, 0, 100, 100)
            set_text(box, spec, paragraphs, size, context)
            expected = etree.Element(f"{{{NS['a']}}}pPr", {"rtl": "1"} if rtl else {})
            spacing(expected, spec, size)
            written = box.element.findall("p:txBody/a:p", NS)
            assert [tree_of(p.find("a:pPr", NS)) for p in written] == [tree_of(expected)] * 2
            runs = [p.find("a:r/a:rPr", NS).attrib for p in written]
            assert [dict(r) for r in runs] == [
                {"lang": "fr-BE", "sz": str(round(size * 100))},
                {"lang": "fr-BE", "sz": str(round(size * 100)), "b": "1"},
            ]
