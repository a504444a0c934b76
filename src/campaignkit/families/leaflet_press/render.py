"""Press leaflets: the leaflet's layout on a press page, finished as the press posters are."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed
from ...render import press
from ...render.pdf import write_checked
from ..leaflet.render import lay_out_pages

if TYPE_CHECKING:
    from ...job import Job


def render_press_leaflet(job: Job) -> None:
    """doit action: the leaflet as PDF/X-4 in CMYK, TrimBox the leaflet's page, BleedBox
    3 mm more, crop marks in registration colour (render/press.py), fixed identifiers."""
    root = Path(job.root)
    geometry = dataclasses.asdict(job.params)
    document, fetcher = lay_out_pages(job, {"pdf_variant": "pdf/x-4"})
    report: dict = {}
    pdf = write_checked(job, document, fetcher, **press.write_options(geometry, job.target, report))
    if report.get("rgb"):
        raise Failed([press.RGB_PROBLEM])
    problems = press.low_resolution_images(pdf, geometry["min_dpi"], root, fetcher.fetched)
    if problems:
        raise Failed(problems)
    write_bytes(root / job.target, pdf)
