"""A PDF's tags read back with pikepdf: the catalog's entries, the structure tree in reading
order, and whether each piece of text on a page is content the tree reaches."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

#: The operators that show text.
TEXT = {"Tj", "TJ", "'", '"'}


@dataclass
class Tags:
    tree: bool  # a /StructTreeRoot
    marked: bool  # /MarkInfo /Marked true
    lang: str | None  # the catalog's /Lang
    title: str | None  # the document information's /Title
    display_title: bool  # /ViewerPreferences /DisplayDocTitle true
    roles: list[str] = field(default_factory=list)  # every element's role, in tree order
    figures: list[str | None] = field(default_factory=list)  # each Figure's /Alt
    empty: list[str] = field(default_factory=list)  # headings and list items with no content
    loose: list[str] = field(default_factory=list)  # text drawn outside content the tree reaches
    artifacts: int = 0  # marked-content sequences marked /Artifact


def read_tags(path: Path) -> Tags:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        viewer = root.get("/ViewerPreferences", {})
        tags = Tags(
            tree="/StructTreeRoot" in root,
            marked=bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            lang=str(root["/Lang"]) if "/Lang" in root else None,
            title=str(pdf.docinfo["/Title"]) if "/Title" in pdf.docinfo else None,
            display_title=bool(viewer.get("/DisplayDocTitle", False)),
        )
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        reached: set[tuple[int, int]] = set()  # (page, MCID) of the content the tree holds
        if tags.tree:
            _walk(root.StructTreeRoot.get("/K"), None, pages, tags, reached)
        for number, page in enumerate(pdf.pages):
            _check_page(number, page, reached, tags)
    return tags


def _walk(node, page, pages, tags: Tags, reached) -> bool:
    """Record the elements under `node`; whether any content is under it."""
    if node is None:
        return False
    if isinstance(node, int):
        reached.add((page, node))
        return True
    if isinstance(node, pikepdf.Array):
        found = [_walk(kid, page, pages, tags, reached) for kid in node]
        return any(found)
    if not isinstance(node, pikepdf.Dictionary):
        return False
    if "/Pg" in node:
        page = pages.get(node.Pg.objgen, page)
    if node.get("/Type") == "/MCR":
        reached.add((page, int(node.MCID)))
        return True
    if node.get("/Type") == "/OBJR":
        return True
    role = str(node.get("/S", "")).lstrip("/")
    tags.roles.append(role)
    if role == "Figure":
        tags.figures.append(str(node["/Alt"]) if "/Alt" in node else None)
    found = _walk(node.get("/K"), page, pages, tags, reached)
    if not found and (role in {"H", "LI"} or (role[:1] == "H" and role[1:].isdigit())):
        tags.empty.append(role)
    return found


def _check_page(number: int, page, reached, tags: Tags) -> None:
    """Each text operator must sit in marked content, not an artifact, that the tree reaches."""
    stack: list[tuple[str, int | None]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in {"BDC", "BMC"}:
            properties = operands[1] if name == "BDC" and len(operands) > 1 else None
            mcid = None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcid = int(properties.MCID)
            stack.append((str(operands[0]), mcid))
            tags.artifacts += str(operands[0]) == "/Artifact"
        elif name == "EMC":
            stack.pop()
        elif name in TEXT:
            inside = [mcid for _, mcid in stack if mcid is not None]
            artifact = any(tag == "/Artifact" for tag, _ in stack)
            if artifact or not inside or (number, inside[-1]) not in reached:
                tags.loose.append(f"page {number + 1}: {name} {operands}")
