"""PDF documents: HTML templates laid out by WeasyPrint, checked before they are written."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Failed
from ..fitting import EPSILON, Measure
from ..glyphs import drawn_with, uncovered
from ..heart import heart_svg
from ..locales import tag
from .html import TemplateProblem, fill_template

if TYPE_CHECKING:
    from ..job import Job

#: Office PDFs are tagged for screen readers as PDF/UA-1 (structure tree, language, title in
#: the title bar); press PDFs stay PDF/X-4 alone: one PDF standard per file.
TAGGED = "pdf/ua-1"
#: What WeasyPrint logs for an image it tags as a figure without alt text.
_NO_ALT = 'WeasyPrint: Image "{src}" has no required alt description'
_SVG = "{http://www.w3.org/2000/svg}svg"


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


def lay_out(job: Job, params: dict | None = None, options: dict | None = None,
            press: bool = False):  # fmt: skip
    """Fill the job's template (with `params` as `p`) and lay it out: (document, fetcher).

    `options` go to WeasyPrint's HTML.render() (image options only work there). The heart
    is in the brand's colours: CMYK for `press`, else sRGB.

    Raises Failed if the content has characters the brand fonts lack, the template is
    broken, a file outside the project was asked for, or WeasyPrint warned.
    """
    # Imported here so that listing tasks and no-op runs never pay WeasyPrint's import.
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import VIRTUAL_ROOT, ProjectFetcher

    root = Path(job.root)
    fonts = drawn_with(job.brand, getattr(job.context, "locale", None))  # its language's
    problems = uncovered(job.context, [root / rel for rel in fonts])
    if problems:
        raise Failed(problems)
    try:
        html = fill_template(root, job.template, job.context, job.brand, params)
    except TemplateProblem as err:
        raise Failed([str(err)]) from None
    heart = f"brand/{job.brand['heart']['file']}"
    fetcher = ProjectFetcher(root, {heart: heart_svg(root, job.brand, press).encode()})
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


def write_tagged(job: Job, document, fetcher) -> bytes:
    """The PDF bytes of an office document, tagged as PDF/UA-1 (see `tag_finisher`)."""
    return write_checked(job, document, fetcher, pdf_variant=TAGGED)


def write_checked(job: Job, document, fetcher, **options) -> bytes:
    """The PDF bytes of a laid-out document, once nothing in it is wrong.

    Raises Failed if WeasyPrint warned (in a tagged PDF: an image without alt text that is
    not marked as decoration), a file outside the declared dependencies was read, or a font
    other than the brand's was used.
    """
    from weasyprint.urls import FatalURLFetchingError

    excused: list[str] = []
    untitled: list[str] = []
    if options.get("pdf_variant") == TAGGED:
        finisher = tag_finisher(_language(job.context), excused, untitled)
        options = {**options, "finisher": finisher}
    with _weasyprint_warnings() as warnings:
        try:
            pdf = document.write_pdf(**options)
        except FatalURLFetchingError:  # attachments are fetched while writing
            pdf = None
    for message in excused:  # decoration, written as an artifact rather than a figure
        if message in warnings:
            warnings.remove(message)
    undeclared = sorted(set(fetcher.fetched) - set(job.deps) - set(job.needs))
    # SVG images fetch their own resources while drawing, and WeasyPrint swallows the refusal
    problems = [f"refused to read {refusal}" for refusal in fetcher.refused] + warnings
    problems += untitled
    problems += [f"read {rel}, which is not among its dependencies" for rel in undeclared]
    if pdf is not None:
        problems += _check_fonts(job.families, document)
    if problems or pdf is None:
        raise Failed(problems)
    return pdf


def _language(context) -> str | None:
    """The BCP 47 tag of a document's language ('prs' -> 'fa-AF'), from its content."""
    code, locale = getattr(context, "lang", None), getattr(context, "locale", None)
    return tag(code, locale) if code and locale else None


def tag_finisher(lang: str | None, excused: list[str], untitled: list[str]):
    """A WeasyPrint `finisher(document, pdf)` completing its PDF/UA tags: the document's
    language as `lang` says, and what a reader should skip as artifacts.

    WeasyPrint 70 tags every <img> and inline <svg> as a Figure and wants alt text for each:
    an image HTML calls decorative (alt="", or aria-hidden="true" on an <svg>) is taken out
    of the structure tree here, and WeasyPrint's complaint about it goes into `excused`.
    Figures are matched to elements by page and box, the box WeasyPrint itself writes into
    the Figure (its /BBox); its content, no longer reached from the tree, is marked as an
    artifact. An <svg> that is neither decoration nor has a <title> (which WeasyPrint takes
    as its alt text, saying nothing when there is none) goes into `untitled`, one line each.
    The page margins' running text joins the tree (`_adopt_margins`).
    """

    def finish(document, pdf) -> None:
        import pydyf

        if lang:
            pdf.catalog["Lang"] = pydyf.String(lang)
        pages = [int(reference.split()[0]) for reference in pdf.page_references]
        images = _image_elements(document)
        elements = [item for item in pdf.objects if isinstance(item, pydyf.Dictionary)
                    and item.get("Type") == "/StructElem"]  # fmt: skip
        for element in elements:
            if element["S"] != "/Figure" or "Alt" in element:
                continue
            page = pages.index(int(element["Pg"].split()[0]))
            image = images.get((page, tuple(element["A"]["BBox"])))
            if image is not None and _is_decoration(image):
                excused.append(_NO_ALT.format(src=image.get("src", "unknown")))
                _object(pdf, element["P"])["K"].remove(element.reference)
            elif image is not None and image.tag == _SVG:
                untitled.append(f"page {page + 1}: an <svg> has no <title>, which tagged PDFs "
                                "take as its alt text; give it one, or aria-hidden=\"true\" "
                                "if it is decoration")  # fmt: skip
        root = _object(pdf, pdf.catalog["StructTreeRoot"])
        _adopt_margins(pdf, root, elements, pages)
        reached = _reached(pdf, root)
        parents = _object(pdf, root["ParentTree"])["Nums"]  # [page, [element by MCID], …]
        hidden: dict[int, set[int]] = {}
        for element in elements:
            if element.number in reached:
                continue
            page = pages.index(int(element["Pg"].split()[0]))
            for mcid in (kid for kid in element["K"] if isinstance(kid, int)):
                hidden.setdefault(page, set()).add(mcid)
                parents[parents.index(page) + 1][mcid] = b"null"
        for page, mcids in hidden.items():
            _as_artifacts(_object(pdf, _object(pdf, pdf.page_references[page])["Contents"]),
                          mcids)  # fmt: skip

    return finish


def _adopt_margins(pdf, root, elements: list, pages: list[int]) -> None:
    """Put the page margins' running text (the draft notice) into the tree, after the rest
    of its page: WeasyPrint builds its elements under the Document but, in PDF 1.7, leaves
    them out of the Document's kids, where a reader would never reach them."""
    document = _object(pdf, root["K"][0])
    kids = document["K"]
    for element in elements:
        if element["P"] != document.reference or element.reference in kids:
            continue
        page = pages.index(int(element["Pg"].split()[0]))
        after = [index for index, kid in enumerate(kids)
                 if pages.index(int(_object(pdf, kid)["Pg"].split()[0])) <= page]  # fmt: skip
        kids.insert(after[-1] + 1 if after else 0, element.reference)


def _reached(pdf, root) -> set[int]:
    """The object numbers of the structure elements the tree's root leads to."""
    import pydyf

    reached: set[int] = set()
    todo = list(root["K"])
    while todo:
        kid = todo.pop()
        if not isinstance(kid, bytes):
            continue  # an MCID
        element = _object(pdf, kid)
        if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem":
            reached.add(element.number)
            todo.extend(element["K"])
    return reached


def _image_elements(document) -> dict[tuple[int, tuple], object]:
    """(page, content box) -> the HTML element of each image (<img>, <svg>) on the pages.

    Walks WeasyPrint's laid-out boxes (Page._page_box: no public API gives the boxes of
    images), as WeasyPrint's own tagging does, placeholders of absolute boxes included.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    found = {}
    for number, page in enumerate(document.pages):
        todo = [page._page_box]
        while todo:
            box = todo.pop()
            if isinstance(box, AbsolutePlaceholder):
                box = box._box
            if isinstance(box, boxes.ReplacedBox) and box.element is not None:
                x, y = box.content_box_x(), box.content_box_y()
                found[(number, (x, y, x + box.width, y + box.height))] = box.element
            todo.extend(getattr(box, "children", ()))
    return found


def _is_decoration(element) -> bool:
    """alt="" on an <img>, aria-hidden="true" on an <svg>: HTML's ways to say so."""
    if element.tag == _SVG:
        return element.get("aria-hidden") == "true"
    return element.get("alt") == ""


def _as_artifacts(stream, mcids: set[int]) -> None:
    """Rewrite `/Tag <</MCID n>> BDC` as `/Artifact BMC` for each of `mcids` in a (not yet
    compressed) pydyf stream, a list of operands and operators."""
    import pydyf

    kept: list = []
    for item in stream.stream:
        marked = item == b"BDC" and len(kept) > 1 and isinstance(kept[-1], pydyf.Dictionary)
        if marked and kept[-1].get("MCID") in mcids:
            kept[-2:] = ["/Artifact", b"BMC"]
        else:
            kept.append(item)
    stream.stream = kept


def _object(pdf, reference):
    """pydyf references look like b'12 0 R'; objects are indexed by number."""
    return pdf.objects[int(reference.split()[0])]


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


def fitted_boxes(document, names: list[str], template: str) -> dict[str, Measure]:
    """How the text of each fitted box sits in it, read from WeasyPrint's public Page.anchors
    (element ids -> border boxes): the box has id="<name>" and holds its text in an
    inline-block with id="<name>-text", which is as tall as the text's lines and, where a
    word is wider than the box, wider than the box (to the right, or to the left in a
    right-to-left box)."""
    found: dict[str, Measure] = {}
    for page in document.pages:
        for name in names:
            box, text = page.anchors.get(name), page.anchors.get(f"{name}-text")
            if name in found or box is None or text is None:
                continue
            left, top, right, bottom = box
            wide = text[0] < left - EPSILON or text[2] > right + EPSILON
            found[name] = Measure(text[3] - top, bottom - top, wide)
    problems = []
    for name in names:
        if name in found:
            continue
        anchors = {anchor for page in document.pages for anchor in page.anchors}
        missing = name if name not in anchors else f"{name}-text"
        problems.append(
            f'templates/{template} has no element with id="{missing}": the {name} box needs '
            f'id="{name}", and its text an inline-block inside it with id="{name}-text" '
            f'(<span class="fit" id="{name}-text">), so the fitter can measure it'
        )
    if problems:
        raise Failed(problems)
    return found
