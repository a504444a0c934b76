"""YAML read safely into plain data, with the line of every key."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from .errors import Problem

#: Content files are hand-written; anything bigger is a mistake or an attack.
MAX_BYTES = 1_000_000

Path_ = tuple[str | int, ...]
NULLS = {"", "~", "null", "Null", "NULL"}


class _Refusing:
    """Composes nodes only; refuses aliases so an alias bomb never expands."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not supported; write the value out", mark
            )
        return super().compose_node(parent, index)


class _Loader(_Refusing, yaml.SafeLoader):
    """PyYAML's own parser: its messages are what a mistake is reported with."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(_Refusing, Composer, CParser, Resolver):
        """libyaml's parser (7 times as fast) under PyYAML's composer, for files that parse."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

else:  # a PyYAML built without libyaml
    _FastLoader = _Loader


def read_yaml(path: Path, name: str) -> tuple[object, dict[Path_, int], list[Problem]]:
    """Read `path` (shown as `name`) into str/None/list/dict with key lines.

    Scalars stay strings (no YAML 1.1 guessing: `NO` is not false, `1:30` is
    not 90); the schema converts them and says what is wrong when it cannot.
    """
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, {}, [Problem(name, None, "", f"cannot be read ({err.strerror})")]
    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // 1000
        return None, {}, [Problem(name, None, "", f"is larger than {limit} kB; split it")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return (
            None,
            {},
            [Problem(name, None, "", f"is not UTF-8 (byte {err.start}); save it as UTF-8")],
        )
    try:
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.MarkedYAMLError:  # said in PyYAML's words, as always
            node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(filter(None, [err.context, err.problem]))
        return None, {}, [Problem(name, line, "", f"is not valid YAML: {what}")]
    except RecursionError:
        return None, {}, [Problem(name, None, "", "is nested too deeply to be content")]
    if node is None:
        return {}, {}, []
    marks: dict[Path_, int] = {(): node.start_mark.line + 1}
    problems: list[Problem] = []
    data = _convert(node, (), marks, problems, name)
    return data, marks, problems


def _convert(node, path: Path_, marks, problems, name):
    if isinstance(node, yaml.MappingNode):
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(name, line, dotted(path), "keys must be plain words"))
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    Problem(name, line, dotted(path), "merge keys (<<) are not supported")
                )
                continue
            if key in out:
                problems.append(
                    Problem(name, line, dotted((*path, key)), "appears twice; keep one")
                )
                continue
            marks[(*path, key)] = line
            out[key] = _convert(value_node, (*path, key), marks, problems, name)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            marks[(*path, index)] = item.start_mark.line + 1
            items.append(_convert(item, (*path, index), marks, problems, name))
        return items
    if not node.style and node.value in NULLS:  # plain: None (PyYAML) or '' (libyaml)
        return None
    return node.value


def dotted(path: Path_) -> str:
    """('events', 0, 'date') -> 'events[0].date'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
