"""Proof sheets (Pillow, pypdfium2): each asset small in its cell, its file name under it."""

from __future__ import annotations

import io
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ...atomic import FULL, write_bytes
from ...errors import Failed

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

    from ...job import Job
    from .plan import Cell, Context, Grid, Params

MM_PER_PT = 25.4 / 72
SMALLEST_LABEL_PX = 18  # a label shrinks to this before it is shortened


@dataclass(frozen=True)
class Drawn:
    """A cell's picture and the line saying what the file is."""

    image: Image.Image | None  # None: the placeholder
    detail: str


def render_sheet(job: Job) -> None:
    """doit action: the sheet PNG and its index JSON (each cell's file and where it is)."""
    from PIL import Image, ImageDraw

    root = Path(job.root)
    context: Context = job.context
    params: Params = job.params
    grid = params.grid
    colors = params.colors
    drawn, problems = [], []
    for cell in context.cells:
        try:
            drawn.append(picture(root, cell, *picture_size(grid)))
        except Failed as err:
            problems += err.lines
    if problems:
        raise Failed(problems)
    sheet = Image.new("RGB", (grid.width, grid.height), colors["paper"])
    draw = ImageDraw.Draw(sheet)
    heading(draw, root, context, params)
    cells = []
    for number, (cell, shown) in enumerate(zip(context.cells, drawn, strict=True), 1):
        box = cell_box(grid, number - 1)
        pic = place(sheet, draw, root, params, box, cell, shown)
        label = write_label(draw, root, params, box, cell.label, shown.detail)
        cells.append({"cell": number, "path": cell.path, "label": cell.label,
                      "shown": cell.picture, "note": cell.note, "box": box,
                      "picture": pic, "label_box": label})  # fmt: skip
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", dpi=(grid.dpi, grid.dpi))  # Pillow writes no time
    index = {"sheet": job.target, "kind": context.kind, "number": context.number,
             "of": context.count, "size": [grid.width, grid.height], "cells": cells}  # fmt: skip
    write_bytes(root / context.index, (json.dumps(index, indent=1) + "\n").encode())
    write_bytes(root / job.target, buffer.getvalue())


def render_book(job: Job) -> None:
    """doit action: the kind's sheets as one PDF, a page each, dated as the plan says."""
    from PIL import Image

    root = Path(job.root)
    book = job.context
    pages = []
    for sheet in book.sheets:
        with Image.open(root / sheet) as opened:
            pages.append(opened.convert("RGB"))
    stamp = time.strptime(book.created, "%Y-%m-%dT%H:%M:%SZ")
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:],
                  resolution=job.params.dpi, quality=job.params.quality, title=book.title,
                  author=book.author, creator="campaignkit", producer="campaignkit",
                  creationDate=stamp, modDate=stamp)  # fmt: skip
    write_bytes(root / job.target, buffer.getvalue())


def picture_size(grid: Grid) -> tuple[int, int]:
    """The box a cell's picture fits in."""
    width, height = cell_size(grid)
    return width - 2 * grid.pad, height - 2 * grid.pad - label_height(grid)


def cell_size(grid: Grid) -> tuple[int, int]:
    return ((grid.width - 2 * grid.margin) // grid.columns,
            (grid.height - 2 * grid.margin - grid.heading) // grid.rows)  # fmt: skip


def label_height(grid: Grid) -> int:
    return grid.label_lines * line_px(grid.label_px) + line_px(grid.detail_px) + grid.pad


def line_px(size: int) -> int:
    return round(size * 1.3)


def cell_box(grid: Grid, index: int) -> list[int]:
    width, height = cell_size(grid)
    column, row = index % grid.columns, index // grid.columns
    return [grid.margin + column * width, grid.margin + grid.heading + row * height,
            width, height]  # fmt: skip


def picture(root: Path, cell: Cell, width: int, height: int) -> Drawn:
    """What the cell shows, fitted in width × height; a user-facing line when the file is
    missing or cannot be read."""
    if cell.picture is None:
        return Drawn(None, cell.detail)
    path = root / cell.picture
    if not path.is_file():
        raise Failed(f"{cell.picture} is missing; run doit to build it")
    if cell.picture.lower().endswith(".pdf"):
        return pdf_page(path, cell.picture, width, height)
    image = read_image(path, cell.picture)
    size = f"{image.width} × {image.height} px"
    if cell.detail:
        return Drawn(fit(image, width, height), cell.detail)
    suffix = PurePosixPath(cell.path).suffix.lstrip(".").upper()
    return Drawn(fit(image, width, height), f"{suffix} · {size}")


def pdf_page(path: Path, name: str, width: int, height: int) -> Drawn:
    """Page 1 of a PDF, rendered at the scale that fits it in the box (pypdfium2)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        raise Failed(f"{name} cannot be read as a PDF; run doit to build it again") from None
    try:
        if len(pdf) == 0:
            raise Failed(f"{name} has no pages; run doit to build it again")
        page = pdf[0]
        page_w, page_h = page.get_size()
        scale = min(width / page_w, height / page_h)
        image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
        left, bottom, right, top = page.get_trimbox()  # the finished size: press PDFs bleed
        pages = len(pdf)
    finally:
        pdf.close()
    size = f"{(right - left) * MM_PER_PT:.0f} × {(top - bottom) * MM_PER_PT:.0f} mm"
    return Drawn(fit(image, width, height), f"PDF · {pages} page{'s' * (pages != 1)} · {size}")


def read_image(path: Path, name: str) -> Image.Image:
    from PIL import Image

    try:
        with Image.open(path) as opened:
            opened.load()
            if opened.mode not in ("RGBA", "LA", "PA") and "transparency" not in opened.info:
                return opened.convert("RGB")
            image = opened.convert("RGBA")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        if getattr(err, "errno", None) in FULL:
            raise
        raise Failed(f"{name} cannot be read as an image; run doit to build it again") from None
    flat = Image.new("RGBA", image.size, "white")  # transparency shown on white paper
    return Image.alpha_composite(flat, image).convert("RGB")


def fit(image: Image.Image, width: int, height: int) -> Image.Image:
    from PIL import Image

    # reduced by whole factors first, then Lanczos: as sharp at a small size, several times faster
    image.thumbnail((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return image


def place(sheet: Image.Image, draw: ImageDraw.ImageDraw, root: Path, params: Params,
          box: list[int], cell: Cell, shown: Drawn) -> list[int]:  # fmt: skip
    """The picture (or the placeholder) centred in its box, bottom-aligned above the label,
    framed so a white page shows its edge. Returns where it is: [x, y, w, h]."""
    grid, colors = params.grid, params.colors
    width, height = picture_size(grid)
    # a missing picture gets a slide's shape: what lacks a preview is most often a deck
    size = (width, width * 9 // 16) if shown.image is None else shown.image.size
    x = box[0] + grid.pad + (width - size[0]) // 2
    y = box[1] + grid.pad + height - size[1]
    draw.rectangle((x - 2, y - 2, x + size[0] + 1, y + size[1] + 1), outline=colors["muted"],
                   width=2)  # fmt: skip
    if shown.image is not None:
        sheet.paste(shown.image, (x, y))
    else:
        draw.rectangle((x, y, x + size[0] - 1, y + size[1] - 1), fill=colors["sky"])
        font = font_at(str(root / params.font), grid.label_px)
        draw.text((x + size[0] // 2, y + size[1] // 2), cell.note, font=font,
                  fill=colors["navy"], anchor="mm")  # fmt: skip
    return [x, y, size[0], size[1]]


def write_label(draw: ImageDraw.ImageDraw, root: Path, params: Params, box: list[int],
                label: str, detail: str) -> list[int]:  # fmt: skip
    """The file's path under build/, wrapped at / and - to the cell's width, and under it
    what the file is, centred below the picture. Returns the box they take."""
    grid, colors = params.grid, params.colors
    width = box[2] - 2 * grid.pad
    size, lines = wrapped(str(root / params.font), label, width, grid.label_px, grid.label_lines)
    font = font_at(str(root / params.font), size)
    centre = box[0] + box[2] // 2
    top = y = box[1] + box[3] - label_height(grid) + grid.pad // 2
    for line in lines:
        draw.text((centre, y), line, font=font, fill=colors["ink"], anchor="ma")
        y += line_px(size)
    small = font_at(str(root / params.font), grid.detail_px)
    draw.text((centre, y), detail, font=small, fill=colors["muted"], anchor="ma")
    y += line_px(grid.detail_px)
    return [box[0] + grid.pad, top, width, y - top]


def wrapped(font_file: str, text: str, width: int, size: int, most: int) -> tuple[int, list[str]]:
    """`text` in at most `most` lines of `width`, broken after / and -: at `size`, or smaller
    down to SMALLEST_LABEL_PX, then cut short with an ellipsis."""
    parts = re.findall(r"[^/-]+[/-]?|[/-]", text)
    while True:
        font = font_at(font_file, size)
        lines: list[str] = []
        for part in parts:
            if lines and font.getlength(lines[-1] + part) <= width:
                lines[-1] += part
            else:
                lines.append(part)
        fits = all(font.getlength(line) <= width for line in lines)
        if (fits and len(lines) <= most) or size <= SMALLEST_LABEL_PX:
            break
        size -= 2
    lines = lines[:most]
    for index, line in enumerate(lines):
        while font.getlength(line) > width and len(line) > 1:
            line = line[:-2] + "…"
        lines[index] = line
    return size, lines


def heading(draw: ImageDraw.ImageDraw, root: Path, context: Context, params: Params) -> None:
    """The kind and the sheet's number; under it the campaign and the pieces shown."""
    grid, colors = params.grid, params.colors
    width = grid.width - 2 * grid.margin
    bold = font_at(str(root / params.bold), 56)
    title = f"{context.kind} — proof sheet {context.number} of {context.count}"
    draw.text((grid.margin, grid.margin), title, font=bold, fill=colors["navy"])
    regular = font_at(str(root / params.font), 30)
    line = f"{context.heading} — {', '.join(context.groups)}"
    while regular.getlength(line) > width:
        line = line[:-2] + "…"
    draw.text((grid.margin, grid.margin + 90), line, font=regular, fill=colors["muted"])


@lru_cache(maxsize=16)
def font_at(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A brand font at `size` px (never a system font: `path` is under brand/)."""
    from PIL import ImageFont

    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
