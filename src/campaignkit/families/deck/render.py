"""Slide decks (PPTX): slides on the brand master's layouts, text fitted to each placeholder
with the brand fonts' metrics, native charts, speaker notes, alt texts, same bytes."""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...brand import Brand, DeckText
from ...confine import Refused
from ...errors import Failed
from ...fitting import Measure, fit, overflow, too_wide, wrap
from ...render.ooxml import normalised, set_properties, tidy
from ...render.pptxparts import remove_shape, set_alt_text, set_end_language, set_language, set_rtl
from .master import heart_png, master_of
from .slides import Chart, Paragraph, Picture, Slide

if TYPE_CHECKING:
    from ...job import Job
    from .plan import Context

EMU_PER_PT = 12700
#: Room kept for the small differences between PowerPoint's, LibreOffice's and our line breaks.
SLACK = 0.97


def render_deck(job: Job) -> None:
    """doit action: build/decks/<deck>-<lang>.pptx on the master made from brand.yaml."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    root = Path(job.root)
    context = job.context
    brand = Brand.model_validate(job.brand)
    try:
        master = master_of(root, brand)
        heart = heart_png(root, brand, job.params.heart_px)
    except Refused as err:
        raise Failed([str(err)]) from None
    prs = Presentation(io.BytesIO(master))
    for shape in prs.slide_master.shapes:  # the master's heart, in the deck's language
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            set_alt_text(shape, context.heart_alt)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    problems = []
    for number, spec in enumerate(context.slides, start=1):
        where = f"slide {number} ({spec.id}), {context.lang}"
        layout = layouts.get(spec.layout)
        if layout is None:
            names = ", ".join(sorted(layouts))
            problems.append(f"{where}: the master has no layout named '{spec.layout}' "
                            f"(it has {names}); add it to LAYOUTS in "
                            "src/campaignkit/families/deck/master.py")  # fmt: skip
            continue
        problems += fill_slide(root, brand, prs.slides.add_slide(layout), spec, context, heart,
                               where)  # fmt: skip
    if problems:
        raise Failed(problems)
    created = dt.datetime.fromisoformat(context.created.replace("Z", "+00:00"))
    set_properties(prs, title=context.title, subject=context.subject,
                   author=context.author, language=context.language, created=created,
                   keywords=context.keywords)  # fmt: skip
    tidy(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    write_bytes(root / job.target, normalised(buffer.getvalue(), created))


def fill_slide(root: Path, brand: Brand, slide, spec: Slide, context: Context, heart: bytes,
               where: str) -> list[str]:  # fmt: skip
    """Fill the slide's placeholders by idx; remove the ones left empty; write its notes.
    Texts of one role on a slide share one size: the largest that fits all of them."""
    placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    problems = []
    texts = []
    for fill in spec.fills:
        ph = placeholders.pop(fill.idx, None)
        item = fill.shows
        if ph is None:
            problems.append(f"{where}: layout '{spec.layout}' has no placeholder idx "
                            f"{fill.idx}; add it to LAYOUTS in "
                            "src/campaignkit/families/deck/master.py")  # fmt: skip
        elif isinstance(item, Chart):
            add_chart(brand, ph, item, context.language)
        elif isinstance(item, Picture):
            add_picture(ph, qr_png(item.url) if item.picture == "qr" else heart, item.alt)
        else:
            role = getattr(brand.deck.text, item.role)
            size = fitted(root, brand, role, item.paragraphs, ph.width / EMU_PER_PT,
                          ph.height / EMU_PER_PT)  # fmt: skip
            if isinstance(size, Measure):
                smallest = brand.deck.steps(role)[-1]
                text = " ".join(para.text for para in item.paragraphs)
                problems.append(f"{where}: {overflow(item.role, text, smallest, 'pt', size)}")
            else:
                texts.append((ph, item, size))
    shared: dict[str, float] = {}
    for _, item, size in texts:
        shared[item.role] = min(size, shared.get(item.role, size))
    for ph, item, _ in texts:
        set_text(ph, getattr(brand.deck.text, item.role), item.paragraphs,
                 shared[item.role], context)  # fmt: skip
    for ph in placeholders.values():  # an empty placeholder shows "Click to add text"
        remove_shape(ph)
    notes = slide.notes_slide.notes_text_frame
    notes.text = spec.notes
    for para in notes.paragraphs:
        for run in para.runs:
            set_language(run.font, context.language)
    return problems


def set_text(ph, spec: DeckText, paragraphs: tuple[Paragraph, ...], size: float,
             context: Context) -> None:  # fmt: skip
    """The paragraphs at `size` pt, with the line spacing and gaps of that size (the same
    <a:lnSpc>, <a:spcBef>, <a:spcAft> as master.spacing writes in the master's styles)."""
    from pptx.util import Centipoints, Pt

    def points(value: float) -> Centipoints:  # rounded to the centipoint, as master.spacing
        return Centipoints(round(value * 100))

    frame = ph.text_frame
    for index, para in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = points(spec.line_height * size)
        paragraph.space_before = points(0)
        paragraph.space_after = points(spec.gap * size)
        if context.rtl:
            set_rtl(paragraph)
        run = paragraph.add_run()
        run.text = para.text
        run.font.size = Pt(size)
        if para.bold:
            run.font.bold = True
        set_language(run.font, context.language)


def fitted(root: Path, brand: Brand, spec: DeckText, paragraphs: tuple[Paragraph, ...],
           width: float, height: float) -> float | Measure:  # fmt: skip
    """The largest step of the role that fits the placeholder, or how the text sits in it at
    the smallest step when none does."""
    steps = brand.deck.steps(spec)

    def measure(sizes: dict[str, float]) -> dict[str, Measure]:
        return {"text": text_measure(root, brand, spec, paragraphs, sizes["text"], width, height)}

    result = fit(measure, {"text": steps})
    return result.failures["text"] if result.failures else result.sizes["text"]


def text_measure(root: Path, brand: Brand, spec: DeckText, paragraphs: tuple[Paragraph, ...],
                 size: float, width: float, height: float) -> Measure:  # fmt: skip
    """How the paragraphs sit at `size` pt in a placeholder `width` × `height` pt: their lines
    broken as PowerPoint and LibreOffice break them, in a little less than the width (SLACK)."""
    total, wide = 0.0, False
    for index, para in enumerate(paragraphs):
        face = brand.face(spec.model_copy(update={"weight": 700}) if para.bold else spec)
        font = str(root / "brand" / face)

        def length(line: str, font: str = font) -> float:
            return advance(font, line) * size

        lines = wrap(para.text, width * SLACK, length)
        wide = wide or too_wide(lines, width * SLACK, length)
        total += len(lines) * spec.line_height * size
        if index < len(paragraphs) - 1:
            total += spec.gap * size
    return Measure(total, height, wide)


@lru_cache(maxsize=4096)
def advance(font: str, text: str) -> float:
    """Width of `text` in em of the font, measured at 1000 px from its advance widths (no
    kerning: a kerned line is never wider)."""
    return typeface(font).getlength(text) / 1000


@lru_cache(maxsize=16)
def typeface(font: str):
    from PIL import ImageFont

    return ImageFont.truetype(font, 1000, layout_engine=ImageFont.Layout.BASIC)


def add_chart(brand: Brand, ph, data: Chart, language: str) -> None:
    """A native chart partners can edit: values in millions, labels written in the locale."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.util import Pt

    chart_data = CategoryChartData(number_format="0.0")
    chart_data.categories = data.categories
    chart_data.add_series("millions", data.values)
    bar = data.kind == "bar"
    # a part of a whole is a pie: its labels can sit outside the slices, where they fit
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if bar else XL_CHART_TYPE.PIE
    frame = ph.insert_chart(kind, chart_data)
    set_alt_text(frame, data.alt)
    chart = frame.chart
    chart.font.size = Pt(18)
    set_language(chart.font, language)  # axis and legend text
    chart.font.color.rgb = RGBColor.from_string(brand.colors["ink"][1:])
    chart.has_title = False
    plot = chart.plots[0]
    palette = ("blue", "navy") if bar else ("blue", "sky")
    points = list(plot.series[0].points)
    for index, (point, label) in enumerate(zip(points, data.labels, strict=True)):
        colour = palette[index % len(palette)]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(brand.colors[colour][1:])
        frame_ = point.data_label.text_frame
        frame_.text = label
        frame_.word_wrap = False  # '11.4 million' on one line
        run = frame_.paragraphs[0].runs[0]
        run.font.size = Pt(24)
        run.font.bold = True
        run.font.color.rgb = RGBColor.from_string(brand.colors["ink"][1:])
        if not bar:
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
            point.format.line.color.rgb = RGBColor.from_string(brand.colors["blue"][1:])
            point.format.line.width = Pt(1.5)  # the light slice's edge on a white slide
        set_language(run.font, language)
        set_end_language(frame_.paragraphs[0], language)
    if bar:
        plot.gap_width = 60
        chart.has_legend = False
        chart.value_axis.visible = False
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.minimum_scale = 0
        chart.category_axis.tick_labels.font.size = Pt(20)
    else:
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(20)


def qr_png(url: str) -> bytes:
    """A QR code of `url`: black on white, with its quiet zone of 4 modules (scanners need
    it), 10 px a module so that no renderer blurs its edges."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def add_picture(ph, png: bytes, alt: str) -> None:
    """The picture whole inside its placeholder (python-pptx crops it to fill), with alt text."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.width / image.height
    left, top, width, height = ph.left, ph.top, ph.width, ph.height
    picture = ph.insert_picture(io.BytesIO(png))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    w, h = (width, int(width / ratio)) if width / height < ratio else (int(height * ratio), height)
    picture.left, picture.top = left + (width - w) // 2, top + (height - h) // 2
    picture.width, picture.height = w, h
    set_alt_text(picture, alt)
