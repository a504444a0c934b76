"""The download gallery page: static HTML, its pieces as compact data the page's script shows."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from babel.units import format_unit
from markupsafe import Markup
from PIL import Image

from ...atomic import write_bytes
from ...errors import Failed
from ...heart import heart_svg
from ...locales import digits
from ...render.html import TemplateProblem, fill_template

if TYPE_CHECKING:
    from ...job import Job
    from .plan import Context


def rounded(size: int) -> tuple[str, float]:
    """A file size in bytes as downloads show it: 1234567 -> ('digital-megabyte', 1.2)
    (decimal units; kilobytes whole, megabytes to a tenth)."""
    if size >= 999_500:
        return "digital-megabyte", round(size / 1e6, 1)
    return "digital-kilobyte", max(1, round(size / 1e3))


def written(size: tuple[str, float], locale: str) -> str:
    """('digital-megabyte', 1.2) -> '1.2 MB', '1,2 Mo' in fr_BE, in the locale's digits."""
    unit, value = size
    pattern = "#,##0.0" if unit == "digital-megabyte" else "#,##0"
    found = format_unit(
        value, unit, length="short", format=pattern, locale=locale, numbering_system="default"
    )  # the locale's separators: '۱٫۲ MB'
    return digits(found, locale)


def shared_start(texts: list[str]) -> str:
    """The start the texts share, character by character ('../social/day/day-')."""
    return os.path.commonprefix(texts)  # noqa: RUF071 (a string's start, not a folder)


def page_data(root: Path, c: Context) -> tuple[dict, dict[str, int]]:
    """The pieces as the page's script reads them, each file's size an index into one table
    per language of sizes written for its locale (`bytes`: sizes written repeat); and each
    pack's index in that table, by path."""
    table: dict[tuple[str, float], int] = {}  # a size as written -> index, in order of use

    def size_of(path: str) -> int:
        return table.setdefault(rounded((root / path).stat().st_size), len(table))

    tiles = []
    for tile in c.tiles:
        # links share their start ('../social/day/day-'): said once a tile
        start = shared_start([f.href for v in tile.versions for f in v.files])
        versions = {}
        for v in tile.versions:
            shown = {"t": v.title}
            if v.alt != v.title:
                shown["a"] = v.alt
            if v.thumb_path:
                with Image.open(root / v.thumb_path) as thumb:
                    shown |= {"i": v.thumb, "w": thumb.width, "h": thumb.height}
            shown["f"] = [[f.href[len(start) :], f.variant, f.size, size_of(f.path)]
                          for f in v.files]  # fmt: skip
            if v.draft:  # marked with the word 'draft_mark'
                shown["d"] = 1
            if v.slides:
                first = shared_start(list(v.slides))
                shown["s"] = [first, [slide[len(first) :] for slide in v.slides]]
            versions[v.lang or ""] = shown
        tiles.append({"g": tile.group, "k": tile.kind, "c": tile.city, "p": start,
                      "v": versions})  # fmt: skip
    packs = {pack.path: size_of(pack.path) for pack in c.packs}
    by_index = sorted(table, key=table.get)
    sizes = {lang: [written(size, c.locales[lang]) for size in by_index] for lang in c.ui}
    data = {
        "langs": list(c.languages),
        "tags": c.tags,
        "dirs": c.dirs,
        "digits": c.digits,
        "ui": c.ui,
        "bytes": sizes,
        "cities": c.cities,
        "variants": list(c.variants),
        "tiles": tiles,
    }
    return data, packs


def script_json(data: dict) -> Markup:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or open anything."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def web_font(source: Path, characters: str) -> bytes:
    """A brand font cut down to `characters` (the page's), its layout tables kept: Arabic
    letters take their joined forms from them. Same inputs, same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # its copyright and licence stay in it
    options.name_languages = ["*"]
    with TTFont(source, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes={ord(ch) for ch in characters})
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def render_site(job: Job) -> None:
    """doit action: fill templates/site/index.html.j2 with the pieces, their files' sizes
    and their thumbnails' dimensions; write beside it the fonts it serves, cut down to its
    characters, with their licences."""
    root = Path(job.root)
    data, packs = page_data(root, job.context)
    # The page carries its heart inline, so build/ can be hosted on its own.
    svg = heart_svg(root, job.brand).encode()
    heart = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    try:
        params = {"data": script_json(data), "bytes": data["bytes"], "packs": packs,
                  "heart": heart}  # fmt: skip
        html = fill_template(root, job.template, job.context, job.brand, params)
    except TemplateProblem as err:
        raise Failed([str(err)]) from None
    for font in job.context.fonts:
        write_bytes(root / font.path, web_font(root / font.source, html))
        write_bytes(root / font.licence_path, (root / font.licence).read_bytes())
    write_bytes(root / job.target, html.encode())
