"""Schema validation whose errors read as instructions, one line each."""

from __future__ import annotations

from types import NoneType, UnionType
from typing import Annotated, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlfile import Path_, dotted

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: object, name: str, marks: dict[Path_, int], context=None):
    """Validate `data` read from file `name`; return (instance or None, problems)."""
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as err:
        problems = []
        for item in err.errors(include_url=False):
            loc = tuple(part for part in item["loc"] if part != "[key]")
            problems.append(
                Problem(name, line_of(marks, loc), dotted(loc), explain(item, model, loc))
            )
        return None, problems


def line_of(marks: dict[Path_, int], loc: Path_) -> int | None:
    """The line of `loc`, or of its nearest parent that exists in the file."""
    while loc not in marks and loc:
        loc = loc[:-1]
    return marks.get(loc)


#: What each text pattern of the schemas asks for, in words.
FORMS = {
    r"^[a-z]{2,3}$": "a language code in lowercase letters, e.g. fr",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id in lowercase letters, digits and hyphens, e.g. la-louviere",
    r"^https://\S+$": "a web address starting with https://",
    r"^\+?[0-9][0-9 ./-]{3,}$": "a phone number: digits, spaces and an optional leading +",
    r"^#[0-9A-Fa-f]{6}$": "a colour written like #0B5CAD",
    r"^[A-Za-z0-9 -]+$": "a name in letters, digits, spaces and hyphens",
    r"^[A-Za-z0-9_./-]+$": "a path inside brand/, e.g. fonts/NotoSans-Regular.ttf",
    r"^[a-z]+$": "a name in lowercase letters",
    r"^[A-Za-z0-9]+$": "a size name in letters and digits, e.g. A3",
}


def explain(item: dict, model: type[BaseModel], loc: Path_) -> str:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    if kind == "missing":
        return "is required; add it"
    if kind == "extra_forbidden":
        known = ", ".join(sorted(fields_at(model, loc[:-1])))
        return f"is not a known field; remove it or fix its spelling (known: {known})"
    if value is None and kind.endswith("_type"):
        return "is empty; fill it in or remove the line"
    if kind.startswith("date"):
        return f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2022-07-30"
    if kind.startswith("int") or kind == "greater_than":
        return f"'{value}' is not a whole number above zero; write digits only"
    if kind.startswith("bool"):
        return f"'{value}' is not true or false"
    if kind == "literal_error":
        return f"'{value}' is not allowed; use {ctx['expected']}"
    if kind == "string_pattern_mismatch":
        form = FORMS.get(ctx["pattern"], "the form this field needs")
        return f"'{value}' is not {form}"
    if kind == "multiple_of":
        return f"'{value}' must be a multiple of {ctx['multiple_of']}"
    if kind.startswith("float") or kind in ("greater_than_equal", "less_than_equal"):
        bounds = " and ".join(
            f"{word} {ctx[key]}"
            for key, word in (("ge", "at least"), ("le", "at most"), ("gt", "above"))
            if key in ctx
        )
        return f"'{value}' must be a number{' ' + bounds if bounds else ''}"  # fmt: skip
    if kind == "string_type":
        return "must be text, not a list or mapping"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping (indented 'key: value' lines)"
    if kind == "list_type":
        return "must be a list ('- item' lines, or [a, b])"
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length", 1)
        return "must not be empty" if least <= 1 else f"needs at least {least} items; add more"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", item["msg"])).removeprefix("Value error, ")
    return item["msg"]


def fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the model found at `loc` inside `model` (for hints)."""
    current: object = model
    for part in loc:
        if isinstance(part, int) or not _is_model(current):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def raw_values(annotation: object, data: object, leaf: type, loc: Path_ = ()):
    """(location, value) of every field typed `leaf` (or `leaf | None`) in `data` as read from
    a file, guided by the field types of `annotation` (a model, list[M], dict[K, M], M | None).
    Parts whose data has the wrong shape are skipped, so checks built on this run even on a
    file that does not validate (the schema reports what is wrong there)."""
    if annotation is leaf:
        yield loc, data
    elif _is_model(annotation):
        if isinstance(data, dict):
            for name, field in annotation.model_fields.items():
                if name in data:
                    yield from raw_values(field.annotation, data[name], leaf, (*loc, name))
    else:
        origin, args = get_origin(annotation), get_args(annotation)
        if origin is list and isinstance(data, list):
            for index, item in enumerate(data):
                yield from raw_values(args[0], item, leaf, (*loc, index))
        elif origin is dict and isinstance(data, dict):
            for key, value in data.items():
                yield from raw_values(args[1], value, leaf, (*loc, key))
        elif origin is Annotated:
            yield from raw_values(args[0], data, leaf, loc)
        elif origin in (Union, UnionType) and data is not None:
            for arg in args:
                if arg is not NoneType:
                    yield from raw_values(arg, data, leaf, loc)


def _is_model(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: object) -> object:
    """The model inside list[M], dict[str, M], M | None."""
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
