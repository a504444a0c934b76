"""The download gallery page: static HTML with previews, filters and download links."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed
from ...heart import heart_svg
from ...render.html import TemplateProblem, fill_template

if TYPE_CHECKING:
    from ...job import Job


def human_size(size: int) -> str:
    """1234567 -> '1.2 MB' (decimal units, as downloads show them)."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def render_site(job: Job) -> None:
    """doit action: fill templates/site/index.html.j2 with the assets and their sizes."""
    root = Path(job.root)
    sizes = {rel: human_size((root / rel).stat().st_size) for rel in job.needs}
    # The page carries its heart inline, so build/ can be hosted on its own.
    svg = heart_svg(root, job.brand).encode()
    heart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    try:
        params = {"sizes": sizes, "heart": heart}
        html = fill_template(root, job.template, job.context, job.brand, params)
    except TemplateProblem as err:
        raise Failed([str(err)]) from None
    write_bytes(root / job.target, html.encode())
