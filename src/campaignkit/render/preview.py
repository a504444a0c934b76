"""Preview PNGs of PDFs for the gallery (pypdfium2), reproducible to the byte."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes

if TYPE_CHECKING:
    from ..job import Job

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1
#: The action of every PDF preview step.
ACTION = f"{__name__}:render_preview"


@dataclass(frozen=True)
class Source:
    """What a preview shows: the first page of another output's PDF."""

    source: str  # project-relative


@dataclass(frozen=True)
class Width:
    width_px: int


def render_preview(job: Job) -> None:
    """doit action: the first page of the source PDF as a PNG `width_px` wide."""
    root = Path(job.root)
    (png,) = page_pngs((root / job.context.source).read_bytes(), job.params.width_px, 1)
    write_bytes(root / job.target, png)


def page_pngs(pdf_bytes: bytes, width_px: int, pages: int | None = None) -> list[bytes]:
    """The first `pages` pages (all by default) as PNGs `width_px` wide."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_bytes)
    pngs = []
    try:
        for index in range(len(pdf) if pages is None else min(pages, len(pdf))):
            page = pdf[index]
            scale = width_px / page.get_width()
            image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)  # Pillow writes no time into a PNG
            pngs.append(buffer.getvalue())
    finally:
        pdf.close()
    return pngs
