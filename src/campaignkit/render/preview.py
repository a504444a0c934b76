"""Preview PNGs of PDFs for the gallery (pypdfium2), reproducible to the byte."""

from __future__ import annotations

import io
from pathlib import Path

from doit.exceptions import TaskFailed

from ..atomic import write_bytes

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1


def render_preview(job: dict) -> TaskFailed | None:
    """doit action: the first page of job['needs'][0] as a PNG job['params']['width_px'] wide."""
    root = Path(job["root"])
    (png,) = page_pngs((root / job["needs"][0]).read_bytes(), job["params"]["width_px"], 1)
    write_bytes(root / job["target"], png)
    return None


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
