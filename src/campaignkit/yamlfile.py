"""YAML read safely into plain data, with the line of every key."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem

#: Content files are hand-written; anything bigger is a mistake or an attack.
MAX_BYTES = 1_000_000

Path_ = tuple[str | int, ...]
NULLS = {"", "~", "null", "Null", "NULL"}


class _Loader(yaml.SafeLoader):
    """Composes nodes only; refuses aliases so an alias bomb never expands."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not supported; write the value out", mark
            )
        return super().compose_node(parent, index)


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
    if node.style is None and node.value in NULLS:
        return None
    return node.value


def dotted(path: Path_) -> str:
    """('events', 0, 'date') -> 'events[0].date'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
