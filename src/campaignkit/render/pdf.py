"""PDF documents: HTML templates laid out by WeasyPrint, checked before they are written."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from doit.exceptions import TaskFailed

from ..atomic import write_bytes
from ..glyphs import uncovered
from .html import TemplateProblem, fill_template

#: Bump when a change here alters output in a way file dependencies do not show.
REVISION = 1


class Failed(Exception):
    """The output cannot be made right; each problem is one line for the user."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings: it logs missing images and fonts instead of failing."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(f"WeasyPrint: {record.getMessage()}")


@contextmanager
def _weasyprint_warnings():
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        yield collect.messages
    finally:
        logger.removeHandler(collect)


def lay_out(job: dict, params: dict | None = None, options: dict | None = None):
    """Fill the job's template (with `params` as `p`) and lay it out: (document, fetcher).

    `options` go to WeasyPrint's HTML.render() (image options only work there).

    Raises Failed if the content has characters the brand fonts lack, the template is
    broken, a file outside the project was asked for, or WeasyPrint warned.
    """
    # Imported here so that listing tasks and no-op runs never pay WeasyPrint's import.
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import VIRTUAL_ROOT, ProjectFetcher

    root = Path(job["root"])
    problems = uncovered(job["context"], [root / rel for rel in job["font_files"]])
    if problems:
        raise Failed(problems)
    try:
        html = fill_template(root, job["template"], job["context"], job["brand"], params)
    except TemplateProblem as err:
        raise Failed([str(err)]) from None
    fetcher = ProjectFetcher(root)
    with _weasyprint_warnings() as warnings:
        try:
            html = HTML(string=html, base_url=VIRTUAL_ROOT, url_fetcher=fetcher)
            document = html.render(**(options or {}))
        except FatalURLFetchingError:
            document = None  # the refusal is in fetcher.refused
    problems = [f"refused to read {refusal}" for refusal in fetcher.refused] + warnings
    if problems:
        raise Failed(problems)
    return document, fetcher


def write_checked(job: dict, document, fetcher, **options) -> bytes:
    """The PDF bytes of a laid-out document, once nothing in it is wrong.

    Raises Failed if WeasyPrint warned, a file outside the declared dependencies was read,
    or a font other than the brand's was used.
    """
    from weasyprint.urls import FatalURLFetchingError

    with _weasyprint_warnings() as warnings:
        try:
            pdf = document.write_pdf(**options)
        except FatalURLFetchingError:  # attachments are fetched while writing
            pdf = None
    undeclared = sorted(set(fetcher.fetched) - set(job["deps"]) - set(job.get("needs", [])))
    # SVG images fetch their own resources while drawing, and WeasyPrint swallows the refusal
    problems = [f"refused to read {refusal}" for refusal in fetcher.refused] + warnings
    problems += [f"read {rel}, which is not among its dependencies" for rel in undeclared]
    if pdf is not None:
        problems += _check_fonts(job["families"], document)
    if problems or pdf is None:
        raise Failed(problems)
    return pdf


def render_pdf(job: dict) -> TaskFailed | None:
    """doit action: lay out `job['template']` with its content and write `job['target']`.

    Fails if anything is wrong (see lay_out and write_checked) or the text does not fit
    the page count the layout has.
    """
    target = Path(job["root"]) / job["target"]
    try:
        document, fetcher = lay_out(job)
        problems = _check_pages(document, job["pages"])
        if problems:
            raise Failed(problems)
        pdf = write_checked(job, document, fetcher)
    except Failed as err:
        return fail(target, job["label"], err.problems)
    write_bytes(target, pdf)
    return None


def fail(target: Path, label: str, problems: list[str]) -> TaskFailed:
    """Fail the task. The last good file stays where it is (writes are atomic, so it is
    whole); doit has not recorded this build, so the next run tries again."""
    return TaskFailed("\n".join(f"{label}: {problem}" for problem in problems))


def _check_fonts(families: list[str], document) -> list[str]:
    """Every glyph must come from a brand font, never from one installed on the machine.

    Brand faces are registered under role names ("brand-body") no system font has, so a
    font of any other family means a brand font failed to load or lacks a character.
    """
    return sorted(
        {
            f"text was set in '{font.family}', which is not a brand font; a brand font "
            "failed to load or lacks a character (see brand/brand.yaml)"
            for font in document.fonts.values()
            if font.family not in families
        }
    )


def _check_pages(document, pages: list[dict]) -> list[str]:
    """Each page section must start on its own page and the document keep its page count.

    Templates mark page sections with id="page-N"; a section that holds too much pushes
    the next one (or the end) onto a later page.
    """
    starts = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("page-"):
                starts.setdefault(anchor, index)  # a long section is anchored on each page
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        start = starts.get(f"page-{number}")
        end = starts.get(f"page-{number + 1}", len(document.pages))
        if start is None:
            return [f'the template has no element with id="page-{number}"']
        if end - start > 1:
            return [
                f"page {number} of {total} holds too much text and runs over; "
                f"shorten {page['holds']}"
            ]
    return []
