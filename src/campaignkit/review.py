"""Translation review: which texts an output shows, and which of them a reviewer approved."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .errors import Problem
from .output import Asset, Output
from .schema import READINGS, Text
from .yamlfile import Path_, dotted, read_yaml

if TYPE_CHECKING:
    from .content import Campaign

#: content/reviews/<lang>.yaml: the texts of one language a reviewer approved.
FOLDER = "content/reviews"
STATES = ("approved",)
#: The draft notices themselves: shown only while an output is a draft, so they never make one.
NOTICES = frozenset({"labels.yaml:review_pending", "gallery.yaml:draft"})
FINGERPRINT = re.compile(r"[0-9a-f]{12}")
#: An output's translation state (Asset.translation, the manifests' "translation").
SOURCE, DRAFT, APPROVED = "source", "draft", "approved"

Read = dict[tuple[str, str], str]  # (key, lang) -> the text as read


@dataclass(frozen=True)
class Approval:
    """One approved text of a ledger: fingerprints of the English and of the text approved."""

    state: str
    source: str
    translation: str
    line: int | None = None


def fingerprint(text: str) -> str:
    """A short digest of a text as written in content/ (12 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@contextmanager
def reading() -> Iterator[Read]:
    """Collects every text read (`Text[lang]`) while open: what the output planned inside
    shows. Readings nest: a text read counts for every reading open."""
    read: Read = {}
    READINGS.append(read)
    try:
        yield read
    finally:
        assert READINGS[-1] is read
        READINGS.pop()


def approved(campaign: Campaign, key: str, lang: str) -> bool:
    """Whether the text at `key` in `lang` needs no more review: the source language's, a
    language marked `status: reviewed`, a text with no English (not a translation), or one
    approved in the ledger against the English and the text as they are now."""
    language = campaign.main.languages.get(lang)
    if language is None or language.status != "needs-native-review":
        return True
    return key in campaign.approved.get(lang, frozenset()) or key not in campaign.translated


def draft(campaign: Campaign, read: Iterable[tuple[str, str]]) -> bool:
    """Whether an output showing the texts `read` ((key, lang) pairs) is a draft: one of them
    is not approved (the notices themselves aside)."""
    return any(not approved(campaign, key, lang) for key, lang in read if key not in NOTICES)


def marked(campaign: Campaign, outputs: list[Output], read: Read) -> list[Output]:
    """`outputs`, planned while `read` was open, as drafts or not by the texts they show:
    each context's `draft` and each asset's translation state set from them."""
    is_draft = draft(campaign, read)
    found = []
    for out in outputs:
        fields = getattr(out.context, "__dataclass_fields__", {})
        if "draft" in fields:
            out = replace(out, context=replace(out.context, draft=is_draft))
        if isinstance(out.shows, Asset):
            translation = state(campaign, out.shows.lang, is_draft)
            out = replace(out, shows=replace(out.shows, translation=translation))
        found.append(out)
    return found


def state(campaign: Campaign, lang: str | None, is_draft: bool) -> str:
    """'draft', 'approved' (a translation every text of which is approved) or 'source'."""
    if is_draft:
        return DRAFT
    source = source_language(campaign)
    return SOURCE if lang is None or lang == source else APPROVED


def source_language(campaign: Campaign) -> str:
    """The language translations are made from (`status: source`), else the first."""
    languages = campaign.main.languages
    return next(
        (code for code, lang in languages.items() if lang.status == "source"), next(iter(languages))
    )


def keyed(obj: object, file: str, path: Path_ = ()) -> dict[str, Text]:
    """Give every Text in `obj` (read from content/`file`) its key, 'file:dotted.path', and
    return them by key."""
    found: dict[str, Text] = {}
    if isinstance(obj, Text):
        key = f"{file}:{dotted(path)}"
        obj._key = key
        found[key] = obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            found |= keyed(getattr(obj, name), file, (*path, name))
    elif isinstance(obj, (list, tuple)):
        for index, item in enumerate(obj):
            found |= keyed(item, file, (*path, index))
    elif isinstance(obj, dict):
        for name, item in obj.items():
            found |= keyed(item, file, (*path, name))
    return found


def ledger_path(root: Path, lang: str) -> Path:
    return root / FOLDER / f"{lang}.yaml"


def load_ledgers(
    root: Path, texts: dict[str, Text] | None, languages: list[str], source: str
) -> tuple[dict[str, dict[str, Approval]], list[Problem]]:
    """Every ledger in content/reviews/, checked against the texts of content/ by key (unless
    `texts` is None: content with problems of its own): approvals per language, and one
    problem per mistake."""
    folder = root / FOLDER
    ledgers: dict[str, dict[str, Approval]] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return ledgers, problems
    translations = sorted(code for code in languages if code != source)
    for path in sorted(folder.iterdir()):
        name = path.relative_to(root).as_posix()
        if path.is_dir() or not path.name.lower().endswith((".yaml", ".yml")):
            continue
        lang = path.name[: -len(".yaml")] if path.name.endswith(".yaml") else None
        if lang == source:
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    f"'{source}' is the source language: its texts need no review; remove the file",
                )
            )
            continue
        if lang not in translations:
            choices = ", ".join(f"{code}.yaml" for code in translations) or "none"
            problems.append(
                Problem(
                    name,
                    None,
                    "",
                    "is not read: name a review file after a "
                    f"language of content/campaign.yaml ({choices})",
                )
            )
            continue
        data, marks, found = read_yaml(path, name)
        problems += found
        if found:
            continue
        ledgers[lang], found = _checked(name, data, marks, texts, lang)
        problems += found
    return ledgers, problems


def _checked(
    name: str, data: object, marks: dict, texts: dict[str, Text] | None, lang: str
) -> tuple[dict[str, Approval], list[Problem]]:
    entries: dict[str, Approval] = {}
    if data in (None, {}):
        return entries, []
    if not isinstance(data, dict):
        return entries, [
            Problem(
                name,
                marks.get(()),
                "",
                "must map each text's place to its review, as campaignkit import-xliff writes it",
            )
        ]
    problems = []
    for key, entry in data.items():
        line = marks.get((key,))

        def problem(message: str, key: str = key, line: int | None = line) -> None:
            problems.append(Problem(name, line, key, message))

        text = texts.get(key) if texts is not None else None
        if texts is not None and text is None:
            problem(
                "no text at this place in content/; remove the line (the text moved or "
                "was removed: export and import the review again)"
            )
            continue
        if text is not None and lang not in text.root:
            problem(f"this text has no '{lang}' version; remove the line")
            continue
        if not isinstance(entry, dict) or set(entry) != {"state", "source", "translation"}:
            problem(
                "needs exactly state, source and translation, as campaignkit import-xliff "
                "writes them"
            )
            continue
        if entry["state"] not in STATES:
            problem(
                f"'{entry['state']}' is not a review state; use {', '.join(STATES)}, or "
                "remove the line"
            )
            continue
        bad = [
            field
            for field in ("source", "translation")
            if not isinstance(entry[field], str) or not FINGERPRINT.fullmatch(entry[field])
        ]
        if bad:
            problem(
                f"{bad[0]} '{entry[bad[0]]}' is not a fingerprint campaignkit writes; "
                "remove the line and import the review again"
            )
            continue
        entries[key] = Approval(entry["state"], entry["source"], entry["translation"], line)
    return entries, problems


def approved_keys(
    texts: dict[str, Text], ledgers: dict[str, dict[str, Approval]], source: str
) -> dict[str, frozenset[str]]:
    """Per language, the keys approved against the English and the text as they are now (an
    edit of either since makes the text a draft again)."""
    found = {}
    for lang, entries in ledgers.items():
        found[lang] = frozenset(
            key
            for key, entry in entries.items()
            if entry.state == "approved"
            and source in texts[key].root
            and entry.source == fingerprint(texts[key].root[source])
            and entry.translation == fingerprint(texts[key].root[lang])
        )
    return found


def write_ledger(root: Path, lang: str, name: str, entries: dict[str, Approval]) -> None:
    """content/reviews/<lang>.yaml, one line per approved text, sorted by key."""
    from .atomic import write_bytes

    lines = [
        f"# The {name} texts a reviewer approved; campaignkit import-xliff writes this file.",
        "# Each: its place in content/, and fingerprints of the English and of the text",
        "# approved. When either changes, the text is a draft again. Remove a line to withdraw",
        "# an approval.",
    ]
    for key in sorted(entries):
        entry = entries[key]
        lines.append(
            f'"{key}": {{state: {entry.state}, source: {entry.source}, '
            f"translation: {entry.translation}}}"
        )
    path = ledger_path(root, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))
