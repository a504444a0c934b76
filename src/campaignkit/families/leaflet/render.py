"""Leaflets: the template laid out by WeasyPrint, each page section on its own page."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ...atomic import write_bytes
from ...errors import Failed
from ...fitting import EPSILON
from ...render.pdf import lay_out, write_tagged

if TYPE_CHECKING:
    from ...job import Job


def render_leaflet(job: Job) -> None:
    """doit action: lay out the leaflet with its content and write its PDF, tagged for
    screen readers (PDF/UA-1). Fails if anything is wrong (see render.pdf) or the text does
    not fit the pages the layout has."""
    document, fetcher = lay_out_pages(job)
    write_bytes(Path(job.root) / job.target, write_tagged(job, document, fetcher))


def lay_out_pages(job: Job, options: dict | None = None):
    """The leaflet laid out with its geometry as `p` (press: in CMYK), once each page
    section fits its page: (document, fetcher)."""
    press = job.params.variant == "press"
    document, fetcher = lay_out(job, dataclasses.asdict(job.params), options, press)
    problems = check_pages(document, job.template, job.params.pages)
    problems = problems or check_lines(document, job.template, job.params.lines)
    if problems:
        raise Failed(problems)
    return document, fetcher


def check_pages(document, template: str, pages) -> list[str]:
    """Each page section must start on its own page and the document keep its page count.

    Templates mark page sections with id="page-N" (WeasyPrint's public Page.anchors); a
    section that holds too much pushes the next one (or the end) onto a later page.
    """
    starts = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("page-"):
                starts.setdefault(anchor, index)  # a long section is anchored on each page
    missing = [number for number in range(1, len(pages) + 1) if f"page-{number}" not in starts]
    if missing:
        return [f'templates/{template} has no element with id="page-{number}"; put it on the '
                f"element that holds page {number}" for number in missing]  # fmt: skip
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        start = starts[f"page-{number}"]
        end = starts.get(f"page-{number + 1}", len(document.pages))
        if end - start > 1:
            return [
                f"page {number} of {total} holds too much text and runs over; shorten {page.holds}"
            ]
    return []


def check_lines(document, template: str, lines) -> list[str]:
    """A text that never wraps (a web address) must fit its box: its inline-block
    (id="<name>-text") is wider than the box (id="<name>") when it runs over, to the right,
    or to the left in a right-to-left leaflet."""
    problems = []
    for line in lines:
        found = [(number, page.anchors.get(line.name), page.anchors.get(f"{line.name}-text"))
                 for number, page in enumerate(document.pages, start=1)]  # fmt: skip
        found = [(number, box, text) for number, box, text in found if box and text]
        if not found:
            problems.append(f'templates/{template} has no element with id="{line.name}" '
                            f'holding an inline-block with id="{line.name}-text"; add them '
                            "so the build can check that it stays on one line")  # fmt: skip
            continue
        number, box, text = found[0]
        if text[0] < box[0] - EPSILON or text[2] > box[2] + EPSILON:
            over = max(box[0] - text[0], text[2] - box[2]) * 25.4 / 72
            problems.append(f"page {number}: {line.what} ({line.text}) runs {over:.1f} mm past "
                            f"its line, and a web address never wraps; {line.fix}")  # fmt: skip
    return problems
