"""The slide master: made reproducibly from brand.yaml, layouts found by name, brand theme."""

import io

from conftest import REPO, copy_project, edit
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from campaignkit.brand import load_brand
from campaignkit.families.deck.master import HEART_ALT, LAYOUTS, MADE, NS, make_master


def test_the_master_is_made_from_brand_yaml_the_same_each_time(tmp_path):
    brand = load_brand(REPO)
    assert make_master(REPO, brand, MADE) == make_master(REPO, brand, MADE)
    project = copy_project(tmp_path / "project")
    edit(project / "brand" / "brand.yaml", 'navy: "#0A2A4A"', 'navy: "#112233"')
    theme = theme_of(Presentation(io.BytesIO(make_master(project, load_brand(project), MADE))))
    assert theme.find(".//a:clrScheme/a:dk2/a:srgbClr", NS).get("val") == "112233"


def theme_of(prs) -> etree._Element:
    return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)


def test_layouts_placeholders_and_theme():
    brand = load_brand(REPO)
    prs = Presentation(io.BytesIO(make_master(REPO, brand, MADE)))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    assert len(prs.slides) == 0
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS)
    for layout in prs.slide_layouts:
        slots = LAYOUTS[layout.name][3]
        found = {ph.placeholder_format.idx: (ph.left, ph.top, ph.width, ph.height)
                 for ph in layout.placeholders if ph.placeholder_format.idx < 10}  # fmt: skip
        assert found == {slot.idx: (slot.x, slot.y, slot.w, slot.h) for slot in slots}
        for ph in layout.placeholders:  # the build fits text itself: no autofit, no insets
            body_pr = ph.element.find(".//a:bodyPr", NS)
            if ph.placeholder_format.idx < 10 and body_pr is not None:
                assert body_pr.find("a:noAutofit", NS) is not None
                assert {body_pr.get(side) for side in ("lIns", "tIns", "rIns", "bIns")} == {"0"}
    theme = theme_of(prs)
    fonts = {tag: theme.find(f".//a:fontScheme/a:{tag}/a:latin", NS).get("typeface")
             for tag in ("majorFont", "minorFont")}  # fmt: skip
    assert fonts == {"majorFont": "Noto Sans Display", "minorFont": "Noto Sans"}
    accent = theme.find(".//a:clrScheme/a:accent1/a:srgbClr", NS).get("val")
    assert accent == brand.colors["blue"][1:].upper()
    pictures = prs.slide_master.element.findall(".//p:pic/p:nvPicPr/p:cNvPr", NS)
    assert [(pic.get("name"), pic.get("descr")) for pic in pictures] == [("Blue heart", HEART_ALT)]
    props = prs.core_properties
    assert (props.author, props.last_modified_by, props.created) == (
        "Blue Heart",
        "Blue Heart",
        MADE.replace(tzinfo=None),
    )
