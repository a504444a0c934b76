"""One text of a YAML file replaced in place, every other byte of the file kept as it was."""

from __future__ import annotations

import textwrap

import yaml

from .yamlfile import Path_

#: Folded block texts (>-) are wrapped to this width, as content/ writes them.
WIDTH = 92


def spliced(text: str, path: Path_, value: str) -> str:
    """`text` (a YAML document) with the string at `path` replaced by `value`: in the style
    it was written in where that reads back as `value` (plain, quoted, folded or literal),
    else double-quoted. Raises KeyError if `path` names no string."""
    node = _node(yaml.compose(text), path)
    start, end = node.start_mark.index, node.end_mark.index
    before = yaml.safe_load(text)
    for candidate in _written(text[start:end], node.style, value):
        changed = text[:start] + candidate + text[end:]
        try:
            after = yaml.safe_load(changed)
        except yaml.YAMLError:
            continue
        if after == _with(before, path, value):
            return changed
    raise KeyError(path)  # never: double quotes read back as written


def _node(node, path: Path_):
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
        if node is None:
            raise KeyError(path)
    if not isinstance(node, yaml.ScalarNode):
        raise KeyError(path)
    return node


def _with(data, path: Path_, value: str):
    """`data` (plain, from safe_load) with `value` at `path`."""
    if not path:
        return value
    head, *rest = path
    if isinstance(data, list):
        return [
            _with(item, tuple(rest), value) if i == head else item for i, item in enumerate(data)
        ]
    return {
        key: _with(item, tuple(rest), value) if key == head else item for key, item in data.items()
    }


def _written(original: str, style: str | None, value: str) -> list[str]:
    """Ways to write `value` in place of `original`, the closest to its style first."""
    quoted = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**9).strip()
    body = original.rstrip()
    trailing = original[len(body) :]  # a block text's line breaks belong to what follows
    found = []
    if style is None:
        found.append(value)
    elif style == "'":
        found.append("'" + value.replace("'", "''") + "'")
    elif style in (">", "|") and "\n" in body:
        header, first = body.split("\n", 2)[:2]
        indent = first[: len(first) - len(first.lstrip(" "))]
        if style == "|":  # a final line break is the block's own (clip)
            lines = value.removesuffix("\n").split("\n")
        else:
            lines = []
            for paragraph in value.split("\n"):
                lines += textwrap.wrap(
                    paragraph,
                    max(20, WIDTH - len(indent)),
                    break_long_words=False,
                    break_on_hyphens=False,
                ) or [""]
                lines.append("")
            lines = lines[:-1]
        found.append("\n".join([header, *(indent + line if line else "" for line in lines)]))
    return [candidate + trailing for candidate in [*found, quoted]]
