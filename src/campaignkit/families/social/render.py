"""Social media cards (PNG): text shaped by Pillow's raqm engine and fitted to its box, the
blue heart rasterised from the brand's SVG at its exact size, alt text in the file and beside it.

A card is one column inside its insets (the margin, or a story's safe zones):

    ♥ KICKER                 header: the small heart and the kicker beside it
                             main: figure, headline or quote, support and note, fitted
    Big text …               together and centred between header and footer
    ───────────              the rule
    footer                   the day and its date

The day card has the big heart instead of the small one: above its texts, or beside them on
a landscape card. Right-to-left languages mirror the layout.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ...atomic import write_bytes
from ...errors import Failed
from ...fitting import Measure, fit, overflow, too_wide, wrap
from ...glyphs import uncovered
from ...heart import heart_svg

if TYPE_CHECKING:
    from ...job import Job
    from .plan import Context, Params, Style

#: Texts of the main column, top to bottom, fitted together.
MAIN = ("figure", "headline", "quote", "support", "note")
#: Share of the main column's height the big heart may take: above the texts, or beside them.
HERO_SHARE = {"above": 0.4, "beside": 0.6}


class Overflow(Exception):
    """A text does not fit its box even at its smallest size: one line for the user."""


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Block:
    """A text set in lines at one size, in its box (top left at x, y)."""

    role: str
    lines: tuple[str, ...]
    font: str  # project-relative font file
    size: int
    line_height: int  # baseline to baseline, px
    ascent: int
    descent: int
    box: Box
    color: str
    too_wide: bool  # a word is wider than the box

    @property
    def baselines(self) -> list[int]:
        return [self.box.y + self.ascent + i * self.line_height for i in range(len(self.lines))]


@dataclass(frozen=True)
class Layout:
    hearts: tuple[Box, ...]
    blocks: tuple[Block, ...]
    rule: Box | None


def render_card(job: Job) -> None:
    """doit action: lay out and draw one card; write the PNG (alt text in its metadata) and
    the sidecar JSON. Fails naming the text if one does not fit even at its minimum size."""
    root, context, params = Path(job.root), job.context, job.params
    heart = heart_svg(root, job.brand)
    problems = uncovered(context.texts, [root / rel for rel in job.font_files])
    if problems:
        raise Failed(problems)
    try:
        layout = lay_out(root, context, params, heart)
    except Overflow as err:
        raise Failed([str(err)]) from None
    png = encode(draw(root, context, params, layout, heart), context.alt, context.lang)
    sidecar = {"file": Path(job.target).name, "alt": context.alt, "lang": context.lang,
               "draft": context.draft, "kind": params.kind, "size": params.size,
               "width": params.width, "height": params.height}  # fmt: skip
    text = json.dumps(sidecar, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_bytes(root / job.extra_targets[0], text.encode())
    write_bytes(root / job.target, png)


def lay_out(root: Path, context: Context, params: Params, heart: str) -> Layout:
    """Where the hearts, every text and the rule go. Raises Overflow naming the text that
    does not fit."""
    texts, styles, gap, inset = context.texts, params.text, params.gap, params.insets
    left, top = inset["left"], inset["top"]
    width = params.width - left - inset["right"]
    bottom = params.height - inset["bottom"]

    def fixed(role: str, x: int, w: int) -> Block:
        block = set_text(root, role, texts[role], styles[role], styles[role].sizes[0],
                         context.lang, Box(x, 0, w, 0))  # fmt: skip
        if block.too_wide:
            raise Overflow(message(texts[role], block, Measure(0, 0, True)))
        return block

    hearts, blocks = [], []
    # header: the small heart (unless the card has the big one), the kicker beside it
    small = 0 if params.hero else params.heart
    small_w = heart_width(heart, small) if small else 0
    header = small
    if "kicker" in texts:
        x = left + small_w + (gap if small else 0)
        kicker = fixed("kicker", x, left + width - x)
        header = max(header, kicker.box.h)
        blocks.append(moved(kicker, x, top + (header - kicker.box.h) // 2))
    if small:
        hearts.append(Box(left, top + (header - small) // 2, small_w, small))
    # footer, and the rule above it
    end, rule = bottom, None
    if "footer" in texts:
        footer = fixed("footer", left, width)
        blocks.append(moved(footer, left, bottom - footer.box.h))
        rule = Box(left, bottom - footer.box.h - gap // 2 - params.rule, width, params.rule)
        end = rule.y - gap
    start = top + (header + gap if header else 0)
    room = end - start
    # the big heart, beside the main texts on a landscape card, else above them; then the
    # texts, centred between header and footer
    column, column_w, hero = left, width, None
    beside = params.width > params.height
    if params.hero:
        h = min(params.hero, int(room * HERO_SHARE["beside" if beside else "above"]))
        hero = Box(left, start + (room - h) // 2, heart_width(heart, h), h)
        if beside:
            hearts.append(hero)
            column, column_w = left + hero.w + gap, width - hero.w - gap
        else:
            room -= h + gap
    stack = fit_stack(root, context, params, column_w, room)
    used = sum(block.box.h for block in stack) + gap * (len(stack) - 1)
    y = start + (room - used) // 2
    if hero and not beside:  # centred together with the texts below it
        hearts.append(replace(hero, y=y))
        y += hero.h + gap
    for block in stack:
        blocks.append(moved(block, column, y))
        y += block.box.h + gap
    return mirror(Layout(tuple(hearts), tuple(blocks), rule), params.width, context.rtl)


def fit_stack(root: Path, context: Context, params: Params, width: int,
              room: int) -> list[Block]:  # fmt: skip
    """The main texts at the largest sizes that fit `room`.

    Each text first drops the sizes at which a word of it is wider than the column; then
    levels step every text down what is left of its range in proportion, so all reach their
    minimum together at the last level, and the fitter takes the first level whose texts fit.
    Raises Overflow naming the text to shorten if even the smallest sizes do not fit."""
    texts, styles, gap = context.texts, params.text, params.gap

    def at(role: str, size: int) -> Block:
        return set_text(root, role, texts[role], styles[role], size, context.lang,
                        Box(0, 0, width, 0))  # fmt: skip

    ranges = {}
    for role in (role for role in MAIN if role in texts):
        sizes = styles[role].sizes
        narrow = next((i for i, size in enumerate(sizes) if not at(role, size).too_wide), None)
        if narrow is None:
            raise Overflow(message(texts[role], at(role, sizes[-1]), Measure(0, 0, True)))
        ranges[role] = sizes[narrow:]
    if not ranges:
        return []
    levels = max(len(sizes) for sizes in ranges.values())

    def level(k: int) -> list[Block]:
        return [at(role, sizes[round(k * (len(sizes) - 1) / max(1, levels - 1))])
                for role, sizes in ranges.items()]  # fmt: skip

    def used(blocks: list[Block]) -> int:
        return sum(block.box.h for block in blocks) + gap * (len(blocks) - 1)

    fitted = fit(lambda k: {"main": Measure(used(level(k["main"])), room)},
                 {"main": range(levels)})  # fmt: skip
    blocks = level(fitted.sizes["main"])
    if fitted.failures:
        # the tallest text is the one to shorten: the room the others leave is its box
        worst = max(blocks, key=lambda block: block.box.h)
        others = used(blocks) - worst.box.h
        raise Overflow(message(texts[worst.role], worst, Measure(worst.box.h, room - others)))
    return blocks


def message(text: str, block: Block, measure: Measure) -> str:
    """One line: which text, at what size, by how much it is too long (as posters and
    slides say it)."""
    return overflow(block.role, text, block.size, "px", measure)


def set_text(root: Path, role: str, text: str, style: Style, size: int, lang: str, box: Box):
    """`text` wrapped by words into `box.w` at `size`: a Block as tall as its lines."""
    font = font_at(str(root / style.font), size)
    if style.upper:
        text = text.upper()

    def length(line: str) -> float:
        return font.getlength(line, language=lang)

    lines = wrap(text, box.w, length) if style.wrap else [text]
    ascent, descent = font.getmetrics()
    line_height = round(size * style.line_height)
    height = ascent + (len(lines) - 1) * line_height + descent
    return Block(role, tuple(lines), style.font, size, line_height, ascent, descent,
                 replace(box, h=height), style.color, too_wide(lines, box.w, length))  # fmt: skip


def moved(block: Block, x: int, y: int) -> Block:
    return replace(block, box=replace(block.box, x=x, y=y))


def mirror(layout: Layout, width: int, rtl: bool) -> Layout:
    """Right-to-left: every box flipped to the other side (text is then set right-aligned)."""
    if not rtl:
        return layout

    def flip(box: Box) -> Box:
        return replace(box, x=width - box.x - box.w)

    return Layout(
        tuple(flip(box) for box in layout.hearts),
        tuple(replace(block, box=flip(block.box)) for block in layout.blocks),
        flip(layout.rule) if layout.rule else None,
    )


@lru_cache(maxsize=64)
def font_at(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=32)
def heart_image(svg: str, height: int):
    """The heart rasterised from its SVG at exactly `height` px (width in proportion)."""
    import resvg_py
    from PIL import Image

    png = resvg_py.svg_to_bytes(svg_string=svg, height=height, skip_system_fonts=True)
    image = Image.open(io.BytesIO(bytes(png)))
    image.load()
    return image.convert("RGBA")


def heart_width(svg: str, height: int) -> int:
    return heart_image(svg, height).width


def draw(root: Path, context: Context, params: Params, layout: Layout, heart: str):
    """The card as an image. Each ink (a text colour, the rule's, a one-colour heart's) is
    drawn as a coverage mask, then laid on the background: as a palette image of the
    background and each ink blended into it in even steps (exact brand colours, a third of
    the bytes of RGB), or in RGB where there are too many inks or the heart has several."""
    from PIL import Image, ImageColor, ImageDraw

    size = (params.width, params.height)
    masks: dict[str, Image.Image] = {}

    def mask(ink: str):
        return masks.setdefault(ink, Image.new("L", size, 0))

    [heart_ink, *others] = sorted(heart_colours(heart))
    for box in layout.hearts:
        if not others:
            mask(heart_ink).paste(heart_image(heart, box.h).getchannel("A"), (box.x, box.y))
    if layout.rule and layout.rule.h:
        rule = layout.rule
        ImageDraw.Draw(mask(params.rule_color)).rectangle(
            (rule.x, rule.y, rule.x + rule.w - 1, rule.y + rule.h - 1), fill=255
        )
    rtl, lang = context.rtl, context.lang
    for block in layout.blocks:
        font, pen = font_at(str(root / block.font), block.size), ImageDraw.Draw(mask(block.color))
        x, anchor = (block.box.x + block.box.w, "rs") if rtl else (block.box.x, "ls")
        for line, baseline in zip(block.lines, block.baselines, strict=True):
            pen.text((x, baseline), line, fill=255, font=font, anchor=anchor, language=lang)
    background = ImageColor.getrgb(params.background)
    if len(masks) > 16 or (others and layout.hearts):
        image = Image.new("RGB", size, background)
        for box in layout.hearts:
            picture = heart_image(heart, box.h)
            image.paste(picture, (box.x, box.y), picture)
        for ink, cover in sorted(masks.items()):
            image.paste(ImageColor.getrgb(ink), (0, 0, *size), cover)
        return image
    steps = 255 // max(1, len(masks))
    palette = list(background)
    image = Image.new("L", size, 0)  # palette indices; 0 is the background
    for number, (ink, cover) in enumerate(sorted(masks.items())):
        colour = ImageColor.getrgb(ink)
        for step in range(1, steps + 1):
            palette += [round(b + (c - b) * step / steps) for b, c in zip(background, colour,
                                                                          strict=True)]  # fmt: skip
        # coverage 1..255 -> this ink's steps; no coverage leaves the background
        first = 1 + number * steps
        indices = [0] + [first + max(0, round(v * steps / 255) - 1) for v in range(1, 256)]
        area = cover.getbbox()
        if area:
            cover = cover.crop(area)
            image.paste(cover.point(indices), area[:2], cover.point([0] + [255] * 255))
    image.putpalette(palette)
    return image


@lru_cache(maxsize=4)
def heart_colours(svg: str) -> frozenset[str]:
    """The heart's solid colours (its edges are blends of them into the background)."""
    image = heart_image(svg, 64)
    solid = {rgba[:3] for _, rgba in image.getcolors(64 * 64 * 4) if rgba[3] == 255}
    return frozenset("#{:02X}{:02X}{:02X}".format(*rgb) for rgb in solid)


def encode(image, alt: str, lang: str) -> bytes:
    """PNG with the alt text as its Description and as IPTC alt text in XMP; no time."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", alt, lang=lang)
    info.add_itxt("XML:com.adobe.xmp", xmp(alt, lang))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, compress_level=6)
    return buffer.getvalue()


def xmp(alt: str, lang: str) -> str:
    """An XMP packet with the alt text as dc:description and Iptc4xmpCore:AltTextAccessibility."""
    value = f'<rdf:Alt><rdf:li xml:lang="{escape(lang)}">{escape(alt)}</rdf:li></rdf:Alt>'
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">'
        f"<dc:description>{value}</dc:description>"
        f"<Iptc4xmpCore:AltTextAccessibility>{value}</Iptc4xmpCore:AltTextAccessibility>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    )
