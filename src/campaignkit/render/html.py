"""Jinja2 for documents: strict, autoescaping, with locale-aware filters."""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
)
from markupsafe import Markup

from ..labels import fill
from ..locales import join_list, long_date, millions


@lru_cache(maxsize=8)
def environment(templates: str) -> Environment:
    """One environment per templates folder and process (templates compile once)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,  # content is text: '<script>' prints as '<script>'
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=long_date, millions=millions, join_list=join_list, fill=fill, qr_svg=qr_svg
    )
    return env


class TemplateProblem(Exception):
    """A template that cannot be filled, said with its file and line."""


def fill_template(
    root: Path, name: str, context: dict, brand: dict, params: dict | None = None
) -> str:
    """Render templates/`name` with the content as `c`, the brand and the renderer's
    settings as `p`; TemplateProblem if the template is broken."""
    templates = root / "templates"
    try:
        template = environment(str(templates)).get_template(name)
        return template.render(c=context, brand=brand, p=params or {})
    except TemplateError as err:
        where = f"templates/{name}"
        lineno = getattr(err, "lineno", None)
        if getattr(err, "filename", None):
            where = Path(err.filename).resolve().relative_to(root.resolve()).as_posix()
        else:  # runtime errors: Jinja puts the template's own lines into the traceback
            for frame in traceback.extract_tb(err.__traceback__):
                path = Path(frame.filename)
                if path.is_relative_to(templates):
                    where, lineno = path.relative_to(root).as_posix(), frame.lineno
        where = f"{where}:{lineno}" if lineno else where
        raise TemplateProblem(f"{where}: {err.message or err}") from None


def template_chain(templates: Path, name: str) -> list[str]:
    """`name` and every template it extends, includes or imports, recursively.

    Raises ValueError, in one line naming file and line, for a template that is missing,
    does not parse, leads outside templates/ through a link, or includes by a computed name.
    """
    env = Environment(loader=FileSystemLoader(str(templates)))
    folder = templates.resolve()
    seen: set[str] = set()
    todo = [(name, None)]
    while todo:
        current, parent = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        path = (templates / current).resolve()
        if not path.is_relative_to(folder):
            raise ValueError(f"templates/{current}: leads outside templates/; copy the file in")
        try:
            source = env.loader.get_source(env, current)[0]
            tree = env.parse(source, current)
        except TemplateNotFound:
            where = f"templates/{parent}" if parent else "campaignkit"
            raise ValueError(f"{where}: uses templates/{current}, which does not exist") from None
        except TemplateSyntaxError as err:
            raise ValueError(f"templates/{current}:{err.lineno}: {err.message}") from None
        for ref in meta.find_referenced_templates(tree):
            if ref is None:
                raise ValueError(
                    f"templates/{current} includes a template by a computed name; "
                    "name it literally so campaignkit knows what to rebuild"
                )
            todo.append((ref, current))
    return sorted(seen)


def qr_svg(url: str, color: str) -> Markup:
    """A QR code for `url` as inline SVG drawn in `color` (a CSS colour, CMYK for press)."""
    import segno

    svg = segno.make(url, error="m", micro=False).svg_inline(border=0, omitsize=True, dark="#000")
    return Markup(svg.replace('stroke="#000"', f'stroke="{color}"'))
