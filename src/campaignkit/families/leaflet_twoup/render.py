"""Two-up sheets: an office leaflet's pages placed twice on A4 landscape (pypdf), with cut
marks at the centre line; the leaflet's fonts, links and metadata come along."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed

if TYPE_CHECKING:
    from ...job import Job

PT_PER_MM = 72 / 25.4
HAIRLINE_PT = 0.3


def render_twoup(job: Job) -> None:
    """doit action: page 1 holds two fronts side by side, page 2 two backs in the same slots.

    The copies sit symmetrically about the centre line, so printed double-sided and flipped
    on the short edge (the back upright when the sheet turns over sideways) each back lands
    behind a front; the two copies being the same, either slot backs either front.
    """
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, TextStringObject

    root, sheet = Path(job.root), job.params
    reader = PdfReader(root / job.context.source)
    if len(reader.pages) != 2:
        raise Failed([f"{job.context.source} has {len(reader.pages)} pages; a two-up sheet "
                      "needs the leaflet's two"])  # fmt: skip
    width, height = sheet.width * PT_PER_MM, sheet.height * PT_PER_MM
    writer = PdfWriter()
    for leaf in reader.pages:
        leaf_w, leaf_h = float(leaf.mediabox.width), float(leaf.mediabox.height)
        if 2 * leaf_w > width + 0.01 or leaf_h > height + 0.01:
            raise Failed([f"{job.context.source} is {leaf_w / PT_PER_MM:.0f} × "
                          f"{leaf_h / PT_PER_MM:.0f} mm: two do not fit side by side on "
                          f"{sheet.width:g} × {sheet.height:g} mm"])  # fmt: skip
        page = writer.add_blank_page(width, height)
        left, bottom = (width - 2 * leaf_w) / 2, (height - leaf_h) / 2
        for slot in (0, 1):
            page.merge_transformed_page(leaf, Transformation().translate(left + slot * leaf_w,
                                                                         bottom))  # fmt: skip
        marks = DecodedStreamObject()
        marks.set_data(cut_marks(width, height, sheet.marks_from * PT_PER_MM,
                                 sheet.marks_to * PT_PER_MM))  # fmt: skip
        contents = page["/Contents"]
        streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([*streams, writer._add_object(marks)])
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items()})
    lang = reader.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = TextStringObject(str(lang))
    buffer = io.BytesIO()
    writer.write(buffer)
    write_bytes(root / job.target, buffer.getvalue())


def cut_marks(width: float, height: float, start: float, end: float) -> bytes:
    """Two black hairlines on the centre line, `start` to `end` points in from the top and
    the bottom edge of the sheet."""
    x = width / 2
    lines = [(x, start, x, end), (x, height - start, x, height - end)]
    ops = [b"q 0 G %.2f w" % HAIRLINE_PT]
    ops += [b"%.3f %.3f m %.3f %.3f l S" % line for line in lines]
    return b"\n".join([*ops, b"Q"]) + b"\n"
