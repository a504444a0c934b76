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
    import pypdfium2

    root = Path(job["root"])
    source = root / job["needs"][0]
    pdf = pypdfium2.PdfDocument(source.read_bytes())
    try:
        page = pdf[0]
        scale = job["params"]["width_px"] / page.get_width()
        image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)  # Pillow writes no time into a PNG
    write_bytes(root / job["target"], buffer.getvalue())
    return None
