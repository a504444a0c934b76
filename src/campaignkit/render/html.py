"""Jinja2 for documents: sandboxed, strict, autoescaping, with locale-aware filters.

Templates come from designers, partners and downloaded themes, so they are filled in Jinja's
immutable sandbox: a template reads the content, the brand and the renderer's settings and
cannot reach Python's internals (`cycler.__init__.__globals__.os`) or change what it is given
(`c.labels.update(...)`). A refusal fails the output with one line naming file and line.
"""

from __future__ import annotations

import dataclasses
import traceback
import unicodedata
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    meta,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import missing
from markupsafe import Markup, escape

from ..labels import fill
from ..locales import digits, join_list, long_date, millions

ALLOWED = (
    "a template may only read c (the content), brand and p (the renderer's settings), "
    "and use the filters campaignkit gives"
)


class _Undefined(StrictUndefined):
    """StrictUndefined that says, for an unknown name, what a template has instead."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        obj = self._undefined_obj
        if self._undefined_hint is None and obj is missing:
            return f"{self._undefined_name!r} is undefined; {ALLOWED}"
        if self._undefined_hint is None and dataclasses.is_dataclass(obj):
            # a family's typed content or settings: say what it does have
            fields = ", ".join(field.name for field in dataclasses.fields(obj))
            return (f"{type(obj).__name__} ({type(obj).__module__}) has no field "
                    f"{self._undefined_name!r}; it has {fields}")  # fmt: skip
        return super()._undefined_message


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, refusing every dunder name, with plainer refusals."""

    def getattr(self, obj, attribute: str):
        # even one the object lacks (`range.__self__`); an undefined keeps its own refusal
        if attribute.startswith("__") and not isinstance(obj, Undefined):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj, attribute: str) -> Undefined:
        if isinstance(obj, type):  # `cycler` is a class: say 'Cycler', not 'type'
            what = f"{obj.__name__!r} class"
        else:
            what = f"{type(obj).__name__!r} object"
        return self.undefined(
            f"access to attribute {attribute!r} of {what} is unsafe",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )


@lru_cache(maxsize=8)
def environment(templates: str) -> ImmutableSandboxedEnvironment:
    """One environment per templates folder and process (templates compile once)."""
    env = _Sandbox(
        loader=FileSystemLoader(templates),
        autoescape=True,  # content is text: '<script>' prints as '<script>'
        undefined=_Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=long_date,
        millions=millions,
        digits=digits,
        join_list=join_list,
        fill=fill,
        qr_svg=qr_svg,
        isolate=isolate,
    )
    return env


class TemplateProblem(Exception):
    """A template that cannot be filled, said with its file and line."""


def fill_template(
    root: Path, name: str, context: dict, brand: dict, params: dict | None = None
) -> str:
    """Render templates/`name` with the content as `c`, the brand and the renderer's
    settings as `p`; TemplateProblem if the template is broken."""
    try:
        template = environment(str(root / "templates")).get_template(name)
        return template.render(c=context, brand=brand, p=params or {})
    except TemplateError as err:
        said = err.message or str(err)
        if isinstance(err, SecurityError):  # the sandbox refused an attribute or a call
            said = f"refused: {said.rstrip('.')}; {ALLOWED}"
        raise TemplateProblem(f"{_where(root, name, err)}: {said}") from None
    except Exception as err:  # the sandbox's cap on range(), 1 / 0, a filter given a bad value
        said = f"{type(err).__name__}: {err}"
        raise TemplateProblem(f"{_where(root, name, err)}: {said}") from None


def _where(root: Path, name: str, err: Exception) -> str:
    """templates/…:line of the template (or the template it includes) that failed."""
    templates = root / "templates"
    where = f"templates/{name}"
    lineno = None
    if isinstance(err, TemplateSyntaxError):
        lineno = err.lineno
        if err.filename:
            where = Path(err.filename).resolve().relative_to(root.resolve()).as_posix()
    else:  # runtime errors: Jinja puts the template's own lines into the traceback
        for frame in traceback.extract_tb(err.__traceback__):
            path = Path(frame.filename)
            if path.is_relative_to(templates):
                where, lineno = path.relative_to(root).as_posix(), frame.lineno
    return f"{where}:{lineno}" if lineno else where


def template_chain(templates: Path, name: str) -> list[str]:
    """`name` and every template it extends, includes or imports, recursively.

    Raises ValueError, in one line naming file and line, for a template that is missing,
    does not parse, leads outside templates/ through a link, or includes by a computed name.
    """
    env = environment(str(templates))  # the sandbox that fills them, so both parse alike
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


#: Brackets a left-to-right run keeps with it, so that it never holds half a pair.
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def isolate(text: str, direction: str) -> Markup:
    """`text`, escaped, with each left-to-right run of a right-to-left document ('PAG-ASA
    (Brussels)', 'UNODC', '2022', a web address) in <bdi dir="ltr">, so that it reads left to
    right inside the line and punctuation around it follows the line ('…Sürya.' keeps its
    full stop at the line's end). Left-to-right documents get the text as it is."""
    if direction != "rtl":
        return escape(text)
    out, done = [], 0
    for start, end in _ltr_runs(text):
        out += [escape(text[done:start]), Markup('<bdi dir="ltr">'), escape(text[start:end]),
                Markup("</bdi>")]  # fmt: skip
        done = end
    out.append(escape(text[done:]))
    return Markup("").join(out)


def _ltr_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run from a left-to-right letter or a Latin digit to the last one
    before a right-to-left letter or digit, widened to the brackets it opens or closes.
    (Persian digits, '۲۰٫۹', read left to right by themselves: they belong to the line.)"""
    runs: list[tuple[int, int]] = []
    start = last = None
    for i, ch in enumerate(text + "\u05d0"):  # a Hebrew letter closes the last run
        kind = unicodedata.bidirectional(ch)
        if kind == "L" or ch in "0123456789":
            start = i if start is None else start
            last = i
        elif kind in ("R", "AL", "AN", "EN") and start is not None:
            runs.append(_with_brackets(text, start, last + 1))
            start = None
    return runs


def _with_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """The run widened over the brackets just outside it that pair with ones inside it."""
    run = text[start:end]
    for opening, closing in _PAIRS.items():
        missing = run.count(opening) - run.count(closing)
        while missing > 0 and text[end : end + 1] == closing:
            end, missing = end + 1, missing - 1
        while missing < 0 and text[start - 1 : start] == opening and start > 0:
            start, missing = start - 1, missing + 1
    return start, end
