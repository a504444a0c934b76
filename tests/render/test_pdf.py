"""Tagged office PDFs (PDF/UA-1), WeasyPrint-test style with tiny inline templates, then one
real leaflet and office poster, their tags read back (tests/tags.py) and checked by pdfua."""

import shutil
from dataclasses import dataclass

import pikepdf
import pytest
import yaml
from conftest import REPO, copy_project, run_doit, write
from pdfua import validate
from tags import read_tags
from weasyprint import HTML

from campaignkit.brand import load_brand
from campaignkit.errors import Failed
from campaignkit.job import Job
from campaignkit.render.pdf import TAGGED, lay_out, tag_finisher, write_tagged
from campaignkit.typography import typeset

HEAD = """<!doctype html><html lang="{lang}"><head><title>Le titre</title><style>
@font-face { font-family: "brand-body"; src: url("brand/fonts/NotoSans-Regular.ttf"); }
@page { size: A5; margin: 10mm; @bottom-center { content: element(note); } }
html { font-family: "brand-body"; font-size: 10pt; }
.note { position: running(note); }
.shape { width: 20mm; height: 5mm; background: #0B5CAD; border-bottom: 1mm solid #000; }
</style></head><body>"""
HEART = '<img src="brand/blue-heart.svg" style="width: 10mm" alt="{alt}">'
#: A heading, a list, a paragraph, the heart, a decorative copy of it, a decorative SVG, a
#: box drawn in CSS and running text in the page margin.
BODY = (
    '<p class="note">Traduction provisoire</p><h1>Titre</h1><h2>Sous-titre</h2>'
    "<ul><li>un</li><li>deux</li></ul><p>Texte <b>gras</b>.</p>"
    + HEART.format(alt="Le cœur bleu")
    + HEART.format(alt="")
    + '<svg aria-hidden="true" width="20" height="20"><rect width="20" height="20"/></svg>'
    + '<div class="shape"></div>'
    + '<svg width="20" height="20"><title>Code QR : stoptraite.be</title><rect width="9" height="9"/></svg>'
)


@dataclass(frozen=True)
class Context:
    lang: str
    locale: str


@pytest.fixture
def root(tmp_path):
    shutil.copytree(REPO / "brand", tmp_path / "brand")
    return tmp_path


def job(root, body: str, lang: str = "fr", locale: str = "fr_BE") -> Job:
    write(root / "templates/t.html.j2", HEAD.replace("{lang}", lang) + body + "</body></html>")
    return Job(
        root=str(root), label="test", template="t.html.j2", target="build/t.pdf",
        extra_targets=(), context=Context(lang, locale), params=None, needs=(),
        brand=load_brand(root).model_dump(),
        deps=("brand/fonts/NotoSans-Regular.ttf", "brand/blue-heart.svg"),
        families=("brand-body", "brand-display"),
        font_files=("brand/fonts/NotoSans-Regular.ttf",),
    )  # fmt: skip


def tagged(root, body: str, **options):
    the_job = job(root, body, **options)
    path = root / "build" / "t.pdf"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(write_tagged(the_job, *lay_out(the_job)))
    return read_tags(path), path


def test_office_pdfs_are_tagged_with_language_title_headings_lists_and_figures(root):
    tags, path = tagged(root, BODY)
    assert (tags.tree, tags.marked, tags.lang) == (True, True, "fr")
    assert (tags.title, tags.display_title) == ("Le titre", True)
    top = [role for role in tags.roles if role not in {"Span", "NonStruct"}]
    assert top[:10] == ["Document", "H1", "H2", "L", "LI", "Lbl", "LBody", "LI", "Lbl", "LBody"]
    # the heart and the QR code are figures with alt text; the decorative copy of the heart
    # and the aria-hidden SVG are not figures, their drawing an artifact like the CSS box
    assert tags.figures == ["Le cœur bleu", "Code QR : stoptraite.be"]
    assert tags.artifacts >= 4  # the box's fill and border, the two decorative images
    # every text is content the tree reaches, the margin's running text (last) included
    assert tags.loose == [] and tags.empty == []
    assert tags.roles[-2:] == ["P", "Span"]
    assert validate(str(path)).findings == ()


def test_the_pdf_says_the_language_as_a_bcp47_tag(tmp_path):
    """Dari content is 'prs', which screen readers do not know: the PDF says 'fa-AF'."""
    excused, untitled = [], []
    html = "<html lang='prs'><title>t</title><p>x</p></html>"
    path = tmp_path / "t.pdf"
    finisher = tag_finisher("fa-AF", excused, untitled)
    HTML(string=html).write_pdf(path, pdf_variant=TAGGED, finisher=finisher)
    assert (read_tags(path).lang, excused, untitled) == ("fa-AF", [], [])


def test_an_image_without_alt_text_fails_by_name(root):
    with pytest.raises(Failed) as err:
        tagged(root, '<p>x</p><img src="brand/blue-heart.svg">')
    assert err.value.lines == [
        'WeasyPrint: Image "brand/blue-heart.svg" has no required alt description'
    ]


def test_an_svg_without_a_title_fails(root):
    with pytest.raises(Failed) as err:
        tagged(root, '<p>x</p><svg width="9" height="9"><rect width="9" height="9"/></svg>')
    assert err.value.lines == [
        "page 1: an <svg> has no <title>, which tagged PDFs take as its alt text; give it one, "
        'or aria-hidden="true" if it is decoration'
    ]


def test_a_part_in_another_language_keeps_its_lang_attribute_only_in_html(root):
    """WeasyPrint 70 writes no /Lang on structure elements (the README says so): this fails,
    and the README's sentence goes, once it does."""
    tags, path = tagged(root, '<p>Le site <span lang="en">in English</span>.</p>')
    assert tags.lang == "fr"
    with pikepdf.open(path) as pdf:
        langs = [str(item.Lang) for item in pdf.objects
                 if isinstance(item, pikepdf.Dictionary) and "/Lang" in item
                 and item.get("/Type") == "/StructElem"]  # fmt: skip
    assert langs == []


LABELS = yaml.safe_load((REPO / "content" / "labels.yaml").read_text(encoding="utf-8"))
#: The French heart's and QR code's alt texts, as content/labels.yaml words them.
FIGURES_FR = [typeset(LABELS["blue_heart_title"]["fr"], "fr"),
              typeset(LABELS["qr"]["fr"], "fr").format(site="stoptraite.be")]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real leaflet (office and press) and one real office poster."""
    folder = tmp_path_factory.mktemp("tagged") / "project"
    project = copy_project(folder, cities=("brussels", "liege"))  # the launch city too
    result = run_doit(project, "run", "leaflet:liege-fr", "leaflet-press:liege-fr",
                      "poster:beggar-fr-a4-office")  # fmt: skip
    assert result.code == 0, result.errors
    return project


def check_real(path, lang: str, title: str, figures: list[str]) -> None:
    tags = read_tags(path)
    assert (tags.tree, tags.marked, tags.lang, tags.display_title) == (True, True, lang, True)
    assert tags.title.startswith(title)
    assert tags.figures == figures
    assert tags.loose == [] and tags.empty == []
    report = validate(str(path))
    assert report.findings == ()
    # pdfua 0.1.3's empty-heading rule trips over MCIDs in /K: tags.empty checks that instead
    assert {outcome.rule_id for outcome in report.skipped} <= {"UA-14-001"}


def test_a_real_leaflet_is_tagged(built):
    path = built / "build" / "leaflets" / "liege-fr.pdf"
    check_real(path, "fr", "Campagne Cœur bleu · Liège", FIGURES_FR)
    tags = read_tags(path)
    assert tags.roles.count("H1") == 1 and tags.roles.count("H2") >= 4
    assert tags.roles.count("L") >= 2  # the figures and the centres, at least


def test_a_real_office_poster_is_tagged(built):
    path = built / "build" / "posters" / "beggar" / "beggar-fr-a4-office.pdf"
    check_real(path, "fr", "", FIGURES_FR)
    assert read_tags(path).roles.count("H1") == 1


def test_press_pdfs_stay_pdf_x_alone(built):
    """One PDF standard per file: the press leaflet is PDF/X-4 and carries no tags, which
    the checker sees."""
    path = built / "build" / "leaflets" / "liege-fr-press.pdf"
    tags = read_tags(path)
    assert (tags.tree, tags.marked) == (False, False)
    assert b"GTS_PDFX" in path.read_bytes()
    assert tags.loose  # its text is no tagged content
    found = {finding.rule_id for finding in validate(str(path)).findings}
    assert found >= {"UA-01-005", "UA-01-002", "UA-28-004"}  # no tree, not marked, not PDF/UA
