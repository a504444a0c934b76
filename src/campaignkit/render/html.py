"""Jinja2 for documents: strict, autoescaping, with locale-aware filters."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_compact_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, meta

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


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
    env.filters.update(long_date=long_date, millions=millions, join_list=join_list, fill=fill)
    return env


class TemplateProblem(Exception):
    """A template that cannot be filled, said with its file and line."""


def fill_template(root: Path, name: str, context: dict, brand: dict) -> str:
    """Render templates/`name` with the content `c` and the brand; TemplateProblem if broken."""
    templates = root / "templates"
    try:
        return environment(str(templates)).get_template(name).render(c=context, brand=brand)
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
    """`name` and every template it extends, includes or imports, recursively."""
    env = Environment(loader=FileSystemLoader(str(templates)))
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0]
        for ref in meta.find_referenced_templates(env.parse(source)):
            if ref is None:
                raise ValueError(
                    f"templates/{current} includes a template by a computed name; "
                    "name it literally so campaignkit knows what to rebuild"
                )
            todo.append(ref)
    return sorted(seen)


def long_date(iso: str, locale: str) -> str:
    """'2022-07-30' -> '30 juillet 2022' in fr_BE."""
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale)


def millions(value: int, locale: str) -> str:
    """20900000 -> '20,9 millions' in fr_BE."""
    return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=1)


def join_list(items: list[str], locale: str, inline: bool = False) -> str:
    """['PAG-ASA', 'Sürya'] -> 'PAG-ASA et Sürya' in fr_BE.

    inline=True lowercases the first letter of items after the first, for titles
    listed mid-sentence ('A sex worker, a cleaning lady and a beggar').
    """
    items = list(items)
    if inline:
        items = items[:1] + [item[:1].lower() + item[1:] for item in items[1:]]
    return format_list(items, locale=locale)


def fill(label: str, **values: str) -> str:
    """Put values into a label's {placeholders}; no format-string evaluation."""
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]), label)
