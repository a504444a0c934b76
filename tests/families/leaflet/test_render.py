"""The PDF renderer, WeasyPrint-test style: tiny inline templates, output read back."""

import dataclasses
import io
import shutil

import pytest
from conftest import REPO, write
from doit.exceptions import TaskFailed
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from campaignkit.brand import load_brand
from campaignkit.families.leaflet.plan import LEAFLET, Page, Params
from campaignkit.job import Job, perform

HEAD = """<html lang="fr"><head><style>
@font-face { font-family: "brand-body"; src: url("brand/fonts/NotoSans-Regular.ttf"); }
@page { size: A5; margin: 10mm; }
html { font-family: "brand-body"; font-size: 10pt; }
</style></head><body>"""


@pytest.fixture
def root(tmp_path):
    shutil.copytree(REPO / "brand", tmp_path / "brand")
    return tmp_path


def job(root, body: str, pages: int = 1, context: dict | None = None, deps=None) -> Job:
    write(root / "templates/t.html.j2", HEAD + body + "</body></html>")
    return Job(
        root=str(root),
        label="leaflet test-fr",
        template="t.html.j2",
        target="build/t.pdf",
        extra_targets=(),
        context=context or {"lang": "fr"},
        params=Params(tuple(Page(f"the text of page {n}") for n in range(1, pages + 1))),
        needs=(),
        brand=load_brand(root).model_dump(),
        deps=tuple(deps if deps is not None else ["brand/fonts/NotoSans-Regular.ttf",
                                                   "brand/blue-heart.svg"]),
        families=("brand-body", "brand-display"),
        font_files=("brand/fonts/NotoSans-Regular.ttf",),
    )  # fmt: skip


def render_pdf(job: Job):
    """The leaflet action as doit runs it: None, or TaskFailed with one line per problem."""
    return perform(LEAFLET.action, job)


def failure(result) -> list[str]:
    assert isinstance(result, TaskFailed), result
    return str(result.message).splitlines()


def test_writes_a_pdf_with_the_brand_font_embedded(root):
    assert render_pdf(job(root, '<p id="page-1">Bonjour {{ c.lang }} Liège</p>')) is None
    reader = PdfReader(root / "build/t.pdf")
    page = reader.pages[0]
    assert [round(float(v), 2) for v in page.mediabox] == [0, 0, 419.53, 595.28]  # A5 in pt
    assert "Bonjour fr Liège" in page.extract_text()
    [font] = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert str(font["/BaseFont"]).endswith("+brand-body")
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    assert embedded["name"].getDebugName(4) == "Noto Sans Regular"  # the brand's own file


def test_same_input_same_bytes(root):
    render_pdf(job(root, '<p id="page-1">Même</p>'))
    first = (root / "build/t.pdf").read_bytes()
    render_pdf(job(root, '<p id="page-1">Même</p>'))
    assert (root / "build/t.pdf").read_bytes() == first


def test_a_missing_image_fails_instead_of_vanishing(root):
    result = render_pdf(job(root, '<p id="page-1"><img src="brand/nope.svg"></p>'))
    assert failure(result) == [
        "leaflet test-fr: refused to read file:///campaignkit/brand/nope.svg: "
        "no such file in the project"
    ]
    assert not (root / "build/t.pdf").exists()


def test_files_outside_the_project_are_refused(root):
    result = render_pdf(job(root, '<p id="page-1"><img src="file:///etc/passwd"></p>'))
    assert failure(result) == [
        "leaflet test-fr: refused to read file:///etc/passwd: only files in the project may "
        "be used, never the network or the system"
    ]


def test_weasyprint_warnings_fail_the_build(root):
    result = render_pdf(job(root, '<p id="page-1" style="colour: red">x</p>'))
    assert failure(result) == [
        "leaflet test-fr: WeasyPrint: Ignored `colour: red` at 1:1, unknown property."
    ]


def test_reading_an_undeclared_file_fails(root):
    result = render_pdf(
        job(root, '<p id="page-1"><img src="brand/blue-heart.svg" alt=""></p>', deps=[])
    )
    assert failure(result) == [
        "leaflet test-fr: read brand/blue-heart.svg, which is not among its dependencies",
        "leaflet test-fr: read brand/fonts/NotoSans-Regular.ttf, which is not among its "
        "dependencies",
    ]


def test_a_machine_font_never_stands_in(root):
    result = render_pdf(job(root, '<p id="page-1" style="font-family: monospace">x</p>'))
    [line] = failure(result)
    assert line.startswith("leaflet test-fr: text was set in '")
    assert line.endswith("', which is not a brand font; a brand font failed to load or lacks a "
                         "character (see brand/brand.yaml)")  # fmt: skip


def test_characters_the_brand_fonts_lack_fail_with_the_field(root):
    context = {"lang": "fr", "city": {"events": [{"place": "Grand-Place ☃ 漢"}]}}
    result = render_pdf(
        job(root, '<p id="page-1">{{ c.city.events[0].place }}</p>', context=context)
    )
    assert failure(result) == [
        "leaflet test-fr: city.events[0].place contains '☃' (U+2603), '漢' (U+6F22), which the "
        "brand fonts cannot show; replace the character or add a font that has it to "
        "brand/brand.yaml"
    ]


def test_text_that_runs_over_its_pages_fails_naming_the_page(root):
    long = "<p>Texte. </p>" * 200
    body = f'<section id="page-1">{long}</section><section id="page-2" style="break-before: page">x</section>'
    result = render_pdf(job(root, body, pages=2))
    assert failure(result) == [
        "leaflet test-fr: page 1 of 2 holds too much text and runs over; shorten the text of page 1"
    ]
    body = '<section id="page-1">x</section><section id="page-2" style="break-before: page">' + long
    assert failure(render_pdf(job(root, body + "</section>", pages=2))) == [
        "leaflet test-fr: page 2 of 2 holds too much text and runs over; shorten the text of page 2"
    ]


def test_a_failed_render_keeps_the_last_good_output(root):
    render_pdf(job(root, '<p id="page-1">ok</p>'))
    good = (root / "build/t.pdf").read_bytes()
    assert isinstance(
        render_pdf(job(root, '<p id="page-1"><img src="brand/nope.png"></p>')), TaskFailed
    )
    assert (root / "build/t.pdf").read_bytes() == good
    assert [p.name for p in (root / "build").iterdir()] == ["t.pdf"]  # no temporary file left


def test_template_errors_name_file_and_line(root):
    assert failure(render_pdf(job(root, '<p id="page-1">\n{{ c.nope }}</p>'))) == [
        "leaflet test-fr: templates/t.html.j2:6: 'dict object' has no attribute 'nope'"
    ]


def test_the_output_does_not_depend_on_the_checkout_folder(root, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    shutil.copytree(root / "brand", other / "brand")
    body = '<p id="page-1"><img src="brand/blue-heart.svg" style="width: 2cm" alt="">x</p>'
    render_pdf(job(root, body))
    render_pdf(job(other, body))
    assert (root / "build/t.pdf").read_bytes() == (other / "build/t.pdf").read_bytes()
    assert io.BytesIO((root / "build/t.pdf").read_bytes()).read(5) == b"%PDF-"


def test_a_content_photo_is_upright_and_loses_its_metadata(root):
    from PIL import Image
    from test_images import encoded

    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: shown rotated 90° clockwise
    exif[0x010F] = "Phone maker"
    photo = encoded(Image.new("RGB", (400, 200), "#0B5CAD"), "JPEG", exif=exif.tobytes())
    (root / "content/photos").mkdir(parents=True)
    (root / "content/photos/square.jpg").write_bytes(photo)
    task = job(root, '<p id="page-1"><img src="content/photos/square.jpg" alt="x"></p>')
    task = dataclasses.replace(task, needs=("content/photos/square.jpg",))
    assert render_pdf(task) is None
    [image] = PdfReader(root / "build/t.pdf").pages[0].images
    assert image.image.size == (200, 400)
    assert b"Phone maker" not in (root / "build/t.pdf").read_bytes()


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_a_web_address_too_long_for_its_line_fails(root, direction):
    """An address never wraps: one wider than its box runs past it (to the left, right to
    left), and the build names it instead of printing it cut off at the page's edge."""
    from campaignkit.families.leaflet.plan import Line

    def address(site: str) -> str:
        return (f'<div dir="{direction}" id="page-1"><p id="address" style="width: 40mm">'
                f'<a id="address-text" dir="ltr" style="display: inline-block; '
                f'white-space: nowrap">{site}</a></p></div>')  # fmt: skip

    line = Line("address", "the contact point's address", "x.be", "give a shorter one")
    fits = job(root, address("stopmensenhandel.be"))
    fits = dataclasses.replace(fits, params=dataclasses.replace(fits.params, lines=(line,)))
    assert render_pdf(fits) is None
    long = job(root, address("www.stopmensenhandel-en-uitbuiting.be/contactpunt"))
    long = dataclasses.replace(long, params=dataclasses.replace(long.params, lines=(line,)))
    [said] = failure(render_pdf(long))
    assert said.startswith("leaflet test-fr: page 1: the contact point's address (x.be) runs ")
    assert said.endswith(" mm past its line, and a web address never wraps; give a shorter one")
    missing = job(root, '<p id="page-1">x</p>')
    missing = dataclasses.replace(
        missing, params=dataclasses.replace(missing.params, lines=(line,))
    )
    assert failure(render_pdf(missing)) == [
        'leaflet test-fr: templates/t.html.j2 has no element with id="address" holding an '
        'inline-block with id="address-text"; add them so the build can check that it stays '
        "on one line"
    ]
