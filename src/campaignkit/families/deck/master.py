"""The slide master: brand/deck-master.pptx, made reproducibly from brand.yaml's colours,
fonts and deck type, with the layouts decks find by name and fill by placeholder idx."""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ...brand import Brand, DeckText

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
EMU_PER_INCH = 914400
WIDTH, HEIGHT = 12192000, 6858000  # 16:9, 13.333 × 7.5 in
MARGIN = int(0.75 * EMU_PER_INCH)
CONTENT = WIDTH - 2 * MARGIN
GUTTER = int(0.5 * EMU_PER_INCH)
MADE = dt.datetime(2022, 7, 1, tzinfo=dt.UTC)  # the master's own date: fixed, never "now"
HEART_ALT = "Blue heart, symbol of the Blue Heart Campaign against human trafficking"


def inch(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Slot:
    """A placeholder of a layout: idx, type, role (text style) and box in EMU."""

    idx: int
    kind: str  # ctrTitle, subTitle, title, body, chart, pic
    role: str | None  # a key of brand.deck.text; None for pictures and charts
    x: int
    y: int
    w: int
    h: int
    anchor: str = "t"


def columns(n: int, y: int, h: int, first: int = 1, role: str = "body",
            anchor: str = "t") -> list[Slot]:  # fmt: skip
    width = (CONTENT - (n - 1) * GUTTER) // n
    return [Slot(first + i, "body", role, MARGIN + i * (width + GUTTER), y, width, h, anchor)
            for i in range(n)]  # fmt: skip


TITLE = Slot(0, "title", "title", MARGIN, inch(0.45), CONTENT, inch(1.25), "b")
BODY_Y, BODY_H = inch(2.0), inch(4.55)

HEAD_H = inch(1.2)  # a row of column headings: two lines of the heading role
QR = inch(1.9)  # the help slide's QR code: big enough to scan from the back of a room

#: name -> (sldLayout type, background colour or None, show the master's heart, slots)
LAYOUTS: dict[str, tuple[str, str | None, bool, list[Slot]]] = {
    # the heart on the right, title and subtitle left, meeting at one line: no gap between
    "Title": ("title", "sky", False, [
        Slot(2, "pic", None, MARGIN + inch(8.4), inch(2.0), inch(3.4), inch(3.1)),
        Slot(0, "ctrTitle", "cover", MARGIN, inch(0.9), inch(7.9), inch(3.7), "b"),
        Slot(1, "subTitle", "subtitle", MARGIN, inch(4.75), inch(7.9), inch(1.75)),
    ]),
    "Statement": ("obj", None, True, [TITLE, Slot(1, "body", "body", MARGIN, BODY_Y, CONTENT,
                                                  BODY_H)]),
    "Chart": ("cust", None, True, [
        TITLE,
        Slot(1, "chart", None, MARGIN, inch(1.95), CONTENT, inch(4.1)),
        Slot(2, "body", "caption", MARGIN, inch(6.1), CONTENT - inch(1.2), inch(0.75)),
    ]),
    "Two Columns": ("twoObj", None, True, [TITLE, *columns(2, BODY_Y, BODY_H)]),
    # headings (bottom-aligned, so one- and two-line ones end on one line) over the texts,
    # which all start at one height; idx 7: a text the columns share, under them all
    "Three Columns": ("cust", None, True, [
        TITLE,
        *columns(3, BODY_Y, HEAD_H, role="heading", anchor="b"),
        *columns(3, BODY_Y + HEAD_H + inch(0.15), BODY_H - HEAD_H - inch(0.15), first=4),
        Slot(7, "body", "body", MARGIN, BODY_Y + HEAD_H + inch(0.15), CONTENT,
             BODY_H - HEAD_H - inch(0.15)),
    ]),
    "Quote": ("cust", "sky", True, [
        Slot(1, "body", "quote", MARGIN + inch(0.6), inch(0.8), CONTENT - inch(1.2), inch(4.4),
             "ctr"),
        Slot(0, "title", "subtitle", MARGIN + inch(0.6), inch(5.35), CONTENT - inch(1.2),
             inch(1.2)),
    ]),
    "Picture and Text": ("cust", None, True, [
        TITLE,
        Slot(1, "body", "body", MARGIN, BODY_Y, inch(7.6), BODY_H),
        Slot(2, "pic", None, MARGIN + inch(8.3), inch(2.4), inch(3.5), inch(3.15)),
    ]),
    # where to get help: the contact point centred beside its QR code; what the centres do,
    # down on the centres, which stand in three columns (name, then city and address)
    "Contact": ("cust", None, True, [
        TITLE,
        Slot(2, "pic", None, MARGIN, inch(1.95), QR, QR),
        Slot(1, "body", "body", MARGIN + QR + GUTTER, inch(1.85), CONTENT - QR - GUTTER,
             inch(2.1), "ctr"),
        Slot(3, "body", "body", MARGIN, inch(3.95), CONTENT, inch(1.75), "b"),
        *columns(3, inch(5.85), inch(0.85), first=4),
    ]),
    "Blank": ("blank", None, True, []),
}  # fmt: skip

#: theme colour slots <- brand colours
THEME_COLOURS = {"dk1": "ink", "lt1": "paper", "dk2": "navy", "lt2": "sky", "accent1": "blue",
                 "accent2": "navy", "accent3": "muted", "accent4": "sky", "accent5": "blue",
                 "accent6": "ink", "hlink": "blue", "folHlink": "navy"}  # fmt: skip


def master_of(root: Path, brand: Brand) -> bytes:
    """The master for decks of `brand`, made once per process (every deck shares it)."""
    from ...heart import heart_svg

    return _made(str(root), brand.model_dump_json(), heart_svg(root, brand.model_dump()))


@lru_cache(maxsize=4)
def _made(root: str, brand: str, heart: str) -> bytes:
    # keyed by the brand and the heart drawing: either changed, a new master
    return make_master(Path(root), Brand.model_validate_json(brand), MADE)


def make_master(root: Path, brand: Brand, created: dt.datetime) -> bytes:
    """The master deck's bytes: 16:9, brand theme, the LAYOUTS and no slides."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from ...render.ooxml import normalised, set_properties, tidy

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    theme.blob = themed(theme.blob, brand)  # a plain Part (no XmlPart): its blob is set
    style_master(master.element, brand)
    heart = heart_png(root, brand, 600)
    add_heart(master, heart)
    layouts = list(prs.slide_layouts)
    for layout, (name, spec) in zip(layouts, LAYOUTS.items(), strict=False):
        build_layout(layout, name, spec, brand)
    for layout in layouts[len(LAYOUTS) :]:
        prs.slide_layouts.remove(layout)
    set_properties(prs, title=f"{brand.name} slide master", subject="Layouts for campaign decks",
                   author=brand.name, language="en-GB", created=created)  # fmt: skip
    tidy(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalised(buffer.getvalue(), created)


def heart_png(root: Path, brand: Brand, height: int) -> bytes:
    """The blue heart in the brand's colours, rasterised at `height` px (resvg: no system
    fonts)."""
    from ...heart import heart_svg

    return rasterised(heart_svg(root, brand.model_dump()), height)


@lru_cache(maxsize=8)
def rasterised(svg: str, height: int) -> bytes:
    """An SVG as PNG `height` px tall (the master's heart and the slides' are one: made once
    per process)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, height=height, skip_system_fonts=True))


def themed(blob: bytes, brand: Brand) -> bytes:
    """The theme with the brand's colours and fonts (major: display, minor: body)."""
    tree = etree.fromstring(blob)
    scheme = tree.find(".//a:clrScheme", NS)
    scheme.set("name", brand.name)
    for slot, colour in THEME_COLOURS.items():
        element = scheme.find(f"a:{slot}", NS)
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=brand.colors[colour][1:].upper())
    fonts = tree.find(".//a:fontScheme", NS)
    fonts.set("name", brand.name)
    for which, role in (("majorFont", "display"), ("minorFont", "body")):
        latin = fonts.find(f"a:{which}/a:latin", NS)
        latin.set("typeface", dict(brand.fonts.items())[role].family)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_style(brand: Brand, spec: DeckText, size: float, tag: str = "lvl1pPr",
               align: str = "l") -> etree._Element:  # fmt: skip
    """<a:lvl1pPr>: no bullet, exact line spacing and paragraph gap, face and colour."""
    ppr = etree.Element(f"{{{A}}}{tag}", marL="0", indent="0", algn=align)
    spacing(ppr, spec, size)
    etree.SubElement(ppr, f"{{{A}}}buNone")
    rpr = etree.SubElement(ppr, f"{{{A}}}defRPr", sz=str(int(size * 100)),
                           b="1" if spec.weight >= 600 else "0",
                           i="1" if spec.style == "italic" else "0")  # fmt: skip
    fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=brand.colors[spec.color][1:].upper())
    face = "+mj-lt" if spec.font == "display" else "+mn-lt"
    etree.SubElement(rpr, f"{{{A}}}latin", typeface=face)
    return ppr


def spacing(ppr: etree._Element, spec: DeckText, size: float) -> None:
    """Exact line spacing and the gap after a paragraph, at `size` pt (children of pPr, in
    schema order: lnSpc, spcBef, spcAft)."""
    for tag in ("lnSpc", "spcBef", "spcAft"):
        for old in ppr.findall(f"a:{tag}", NS):
            ppr.remove(old)
    values = {"lnSpc": spec.line_height * size, "spcBef": 0, "spcAft": spec.gap * size}
    for position, (tag, points) in enumerate(values.items()):
        element = etree.Element(f"{{{A}}}{tag}")
        etree.SubElement(element, f"{{{A}}}spcPts", val=str(round(points * 100)))
        ppr.insert(position, element)


def style_master(master: etree._Element, brand: Brand) -> None:
    """Master background, title and body styles, and its placeholders moved to 16:9."""
    deck = brand.deck
    bg = master.find("p:cSld/p:bg", NS)
    for child in list(bg):
        bg.remove(child)
    bg.append(background(brand.colors["paper"]))
    styles = master.find("p:txStyles", NS)
    title = styles.find("p:titleStyle", NS)
    title.replace(title.find("a:lvl1pPr", NS), text_style(brand, deck.text.title,
                                                          deck.text.title.max))  # fmt: skip
    body = styles.find("p:bodyStyle", NS)
    old = body.find("a:lvl1pPr", NS)
    body.replace(old, text_style(brand, deck.text.body, deck.text.body.max))
    boxes = {"title": TITLE, "body": Slot(1, "body", "body", MARGIN, BODY_Y, CONTENT, BODY_H)}
    footer_y, footer_h = HEIGHT - inch(0.55), inch(0.35)
    for sp in master.iterfind(".//p:sp", NS):
        ph = sp.find(".//p:nvPr/p:ph", NS)
        kind = ph.get("type")
        if kind == "dt":
            sp.getparent().remove(sp)  # a date on slides goes stale; decks carry theirs
            continue
        box = boxes.get(kind)
        if box is None:  # footer and slide number: small, muted, along the bottom
            x = WIDTH - MARGIN - inch(1.0) if kind == "sldNum" else MARGIN + inch(0.5)
            w = inch(1.0) if kind == "sldNum" else inch(8.0)
            box = Slot(0, kind, None, x, footer_y, w, footer_h, "ctr")
            algn = "r" if kind == "sldNum" else "l"
            lst = sp.find("p:txBody/a:lstStyle", NS)
            for child in list(lst):
                lst.remove(child)
            lst.append(text_style(brand, deck.text.caption, 12, align=algn))
        place(sp, box)
        body_pr = sp.find("p:txBody/a:bodyPr", NS)
        if body_pr is not None:
            fit_box(body_pr, box.anchor)


def background(colour: str) -> etree._Element:
    bg_pr = etree.Element(f"{{{P}}}bgPr")
    fill = etree.SubElement(bg_pr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val=colour[1:].upper())
    etree.SubElement(bg_pr, f"{{{A}}}effectLst")
    return bg_pr


def place(sp: etree._Element, box: Slot) -> None:
    xfrm = sp.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        sp_pr = sp.find("p:spPr", NS)
        xfrm = etree.Element(f"{{{A}}}xfrm")
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, f"{{{A}}}off", x=str(box.x), y=str(box.y))
    etree.SubElement(xfrm, f"{{{A}}}ext", cx=str(box.w), cy=str(box.h))


def fit_box(body_pr: etree._Element, anchor: str) -> None:
    """No insets and no autofit: the build measures text against the placeholder itself
    (PowerPoint's autofit flag would only shrink it later, on someone else's machine)."""
    for attr in list(body_pr.attrib):
        del body_pr.attrib[attr]
    for side in ("lIns", "tIns", "rIns", "bIns"):
        body_pr.set(side, "0")
    body_pr.set("wrap", "square")
    body_pr.set("anchor", anchor)
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, f"{{{A}}}noAutofit")


def add_heart(master, png: bytes) -> None:
    """The small heart in the master's corner, with its alt text (the master's shapes have
    no add_picture: relate the image and place a <p:pic> by hand)."""
    from PIL import Image
    from pptx.oxml.shapes.picture import CT_Picture

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    _, rid = master.part.get_or_add_image_part(io.BytesIO(png))
    height = inch(0.32)
    tree = master.element.find("p:cSld/p:spTree", NS)
    ids = [int(e.get("id")) for e in tree.iterfind(".//p:cNvPr", NS)]
    pic = CT_Picture.new_pic(max(ids) + 1, "Blue heart", HEART_ALT, rid, MARGIN,
                             HEIGHT - inch(0.53), int(height * ratio), height)  # fmt: skip
    tree.append(pic)


def build_layout(layout, name: str, spec: tuple, brand: Brand) -> None:
    """Rewrite one of the default template's layouts as `name`: its placeholders, styles
    and background; footer and slide number stay inherited from the master."""
    kind, colour, show_master, slots = spec
    element = layout.element
    element.set("type", kind)
    element.set("preserve", "1")
    if show_master:
        element.attrib.pop("showMasterSp", None)
    else:
        element.set("showMasterSp", "0")
    csld = element.find("p:cSld", NS)
    csld.set("name", name)
    old_bg = csld.find("p:bg", NS)
    if old_bg is not None:
        csld.remove(old_bg)
    if colour:
        bg = etree.Element(f"{{{P}}}bg")
        bg.append(background(brand.colors[colour]))
        csld.insert(0, bg)
    tree = csld.find("p:spTree", NS)
    keep = []
    for sp in tree.findall("p:sp", NS):
        ph = sp.find(".//p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in ("ftr", "sldNum"):
            keep.append(copy.deepcopy(sp))
        tree.remove(sp)
    for shape_id, slot in enumerate(slots, start=2):
        tree.append(placeholder(brand, slot, shape_id))
    for shape_id, sp in enumerate(keep, start=len(slots) + 2):
        sp.find(".//p:cNvPr", NS).set("id", str(shape_id))
        tree.append(sp)


NAMES = {"ctrTitle": "Title", "subTitle": "Subtitle", "title": "Title", "body": "Text",
         "chart": "Chart", "pic": "Picture"}  # fmt: skip


def placeholder(brand: Brand, slot: Slot, shape_id: int) -> etree._Element:
    """<p:sp> of a layout placeholder: type, idx, box, text style of its role."""
    sp = etree.Element(f"{{{P}}}sp")
    nv = etree.SubElement(sp, f"{{{P}}}nvSpPr")
    etree.SubElement(nv, f"{{{P}}}cNvPr", id=str(shape_id),
                     name=f"{NAMES[slot.kind]} {slot.idx}")  # fmt: skip
    locks = etree.SubElement(etree.SubElement(nv, f"{{{P}}}cNvSpPr"), f"{{{A}}}spLocks")
    locks.set("noGrp", "1")
    nvpr = etree.SubElement(nv, f"{{{P}}}nvPr")
    ph = etree.SubElement(nvpr, f"{{{P}}}ph", type=slot.kind)
    if slot.idx:
        ph.set("idx", str(slot.idx))
    sp_pr = etree.SubElement(sp, f"{{{P}}}spPr")
    etree.SubElement(sp_pr, f"{{{A}}}xfrm")
    place(sp, slot)
    body = etree.SubElement(sp, f"{{{P}}}txBody")
    fit_box(etree.SubElement(body, f"{{{A}}}bodyPr"), slot.anchor)
    lst = etree.SubElement(body, f"{{{A}}}lstStyle")
    if slot.role:
        spec = getattr(brand.deck.text, slot.role)
        lst.append(text_style(brand, spec, spec.max))
    para = etree.SubElement(body, f"{{{A}}}p")
    etree.SubElement(para, f"{{{A}}}endParaRPr", lang="en-GB")
    return sp
