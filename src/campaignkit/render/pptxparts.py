"""Edits python-pptx has no public API for: the one module using its private attributes."""

from __future__ import annotations

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def set_alt_text(shape, text: str) -> None:
    """The alt text of a picture, chart or any shape: `descr` on its <p:cNvPr> (python-pptx
    reads and writes a shape's name, never its description)."""
    shape.element.find(f"*/{{{P}}}cNvPr").set("descr", text)


def alt_text(shape) -> str:
    """A shape's alt text, as `set_alt_text` writes it ('' when it has none)."""
    return shape.element.find(f"*/{{{P}}}cNvPr").get("descr") or ""


def remove_shape(shape) -> None:
    """Take a shape, e.g. a placeholder left empty, off its slide (python-pptx adds shapes
    but never removes one)."""
    element = shape.element
    element.getparent().remove(element)


def set_rtl(paragraph) -> None:
    """A right-to-left paragraph: rtl="1" on its <a:pPr> (no python-pptx API)."""
    paragraph._p.get_or_add_pPr().set("rtl", "1")


def set_language(font, tag: str) -> None:
    """`lang` on the text properties behind a Font (a run's <a:rPr>, a chart's <a:defRPr>):
    Font.language_id takes only MSO_LANGUAGE_ID members, and they have no de-BE."""
    font._rPr.set("lang", tag)


def set_end_language(paragraph, tag: str) -> None:
    """`lang` on the paragraph's <a:endParaRPr>, if it has one (python-pptx has no Font for
    it): the language an editor types in after the last run."""
    end = paragraph._p.find(f"{{{A}}}endParaRPr")
    if end is not None:
        end.set("lang", tag)


def package_relationships(package):
    """The package's own relationships, rId -> relationship (python-pptx makes a part's
    public as Part.rels, but not the package's): drop one with package.drop_rel(rId)."""
    return package._rels
