"""The download gallery page: static HTML with previews, filters and download links."""

from __future__ import annotations

import base64
from pathlib import Path

from doit.exceptions import TaskFailed

from ..atomic import write_bytes
from ..confine import read_project_file
from .html import TemplateProblem, fill_template

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1


def human_size(size: int) -> str:
    """1234567 -> '1.2 MB' (decimal units, as downloads show them)."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def render_site(job: dict) -> TaskFailed | None:
    """doit action: fill templates/site/index.html.j2 with the assets and their sizes."""
    root = Path(job["root"])
    sizes = {rel: human_size((root / rel).stat().st_size) for rel in job["needs"]}
    # The page carries its heart inline, so build/ can be hosted on its own.
    svg = read_project_file(root, f"brand/{job['brand']['heart']}")
    heart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    try:
        params = {"sizes": sizes, "heart": heart}
        html = fill_template(root, job["template"], job["context"], job["brand"], params)
    except TemplateProblem as err:
        return TaskFailed(f"{job['label']}: {err}")
    write_bytes(root / job["target"], html.encode())
    return None
