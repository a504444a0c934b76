"""Two-up sheets read back: A4 landscape, fronts then backs, cut marks, same bytes."""

import pypdfium2
import pytest
from conftest import copy_project, run_doit
from PIL import ImageChops
from pypdf import PdfReader

from campaignkit.families.leaflet.plan import FAMILY as LEAFLET
from campaignkit.families.leaflet_twoup.plan import FAMILY as TWOUP

MM = 72 / 25.4
#: A city's leaflet and the national help leaflet.
TASKS = ("leaflet-twoup:liege-fr", "leaflet-twoup:help-en")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("twoup") / "p", cities=("brussels", "liege"))
    result = run_doit(root, "run", *TASKS, families=(LEAFLET, TWOUP))
    assert result.code == 0, result.errors
    return root


@pytest.mark.parametrize("name", ["liege-fr", "help-en"])
def test_a4_landscape_two_pages_each_leaflet_page_twice(built, name):
    sheet = PdfReader(built / f"build/leaflets/{name}-twoup.pdf")
    leaflet = PdfReader(built / f"build/leaflets/{name}.pdf")
    assert len(sheet.pages) == 2
    for page, leaf in zip(sheet.pages, leaflet.pages, strict=True):
        assert [round(float(v) / MM) for v in page.mediabox] == [0, 0, 297, 210]
        first_line = leaf.extract_text().splitlines()[0]
        assert page.extract_text().count(first_line) == 2


def test_copies_sit_in_mirrored_slots_and_marks_on_the_centre_line(built):
    pdf = pypdfium2.PdfDocument(built / "build/leaflets/liege-fr-twoup.pdf")
    for index in range(2):
        image = pdf[index].render(scale=2).to_pil().convert("RGB")
        # an A5 slot each side of the centre line, the same room left at both edges: flipped
        # on the short edge, slot x backs slot W - x, and both slots hold the same leaflet
        leaf, gap = round(148 * MM * 2), round((297 - 2 * 148) / 2 * MM * 2)
        left = image.crop((gap, 0, gap + leaf, image.height))
        right = image.crop((gap + leaf, 0, gap + 2 * leaf, image.height))
        differ = ImageChops.difference(left, right).convert("L").point(lambda v: v > 96)
        assert differ.histogram()[1] < 0.002 * leaf * image.height
    pdf.close()
    page = PdfReader(built / "build/leaflets/liege-fr-twoup.pdf").pages[0]
    ops = b"".join(c.get_object().get_data() for c in page["/Contents"])
    x = 297 * MM / 2
    assert b"%.3f %.3f m" % (x, 3 * MM) in ops and b"%.3f %.3f m" % (x, 207 * MM) in ops


def test_same_bytes_on_rebuild(built):
    path = built / "build/leaflets/liege-fr-twoup.pdf"
    before = path.read_bytes()
    path.unlink()
    assert run_doit(built, "run", *TASKS, families=(LEAFLET, TWOUP)).code == 0
    assert path.read_bytes() == before
