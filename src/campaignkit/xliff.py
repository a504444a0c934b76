"""Translation review files: every text the outputs show, out to XLIFF 1.2 and back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from translate.storage import xliff

from . import review
from .content import Campaign, load_campaign
from .errors import ContentError
from .locales import tag
from .splice import spliced
from .yamlfile import Path_

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
#: One <file> for all of content/: a unit's id is its key, which names its file.
ORIGINAL = "content"
FOLDER = "build/xliff"
#: Target states a tool writes for a text a reviewer approved (with or without approved="yes").
APPROVED_STATES = ("final", "signed-off")


class Unit12(xliff.xliffunit):
    namespace = NAMESPACE


class File12(xliff.xlifffile):
    """An XLIFF 1.2 file (translate-toolkit writes 1.1 by default)."""

    UnitClass = Unit12
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="{ORIGINAL}" source-language="en" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


@dataclass(frozen=True)
class Shown:
    """A text some output shows, in one language: where it is and how it reads now."""

    key: str
    file: str  # 'content/campaign.yaml'
    line: int | None
    source: str  # the English, as written in content/
    target: str
    approved: bool


def parse_key(key: str) -> tuple[str, Path_]:
    """'campaign.yaml:themes[0].title' -> ('content/campaign.yaml', ('themes', 0, 'title'))."""
    file, _, dotted = key.partition(":")
    path: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted):
        path.append(int(index) if index else name)
    return f"content/{file}", tuple(path)


def shown_texts(root: Path) -> tuple[Campaign, dict[str, list[Shown]]]:
    """Every text the planned outputs show, per language but the source, in key order."""
    from .description import load

    with review.reading() as read:
        _, _ = load(root)  # plans every output: what is read is what can be shown
    campaign = load_campaign(root)
    source = review.source_language(campaign)
    found: dict[str, list[Shown]] = {lang: [] for lang in campaign.languages if lang != source}
    for key, lang in sorted(read):
        text = campaign.texts.get(key)
        if lang == source or lang not in found or text is None or source not in text.root:
            continue  # a text without English is no translation
        file, path = parse_key(key)
        line = campaign.lines.get(file, {}).get((*path, lang))
        found[lang].append(
            Shown(
                key,
                file,
                line,
                text.root[source],
                text.root[lang],
                review.approved(campaign, key, lang),
            )
        )
    return campaign, found


def export(root: Path) -> list[str]:
    """build/xliff/<lang>.xlf for every language but the source; the files written."""
    campaign, shown = shown_texts(root)
    source = review.source_language(campaign)
    written = []
    for lang, texts in shown.items():
        store = File12.parsestring(File12.XMLskeleton.encode())
        store.setsourcelanguage(source)
        store.settargetlanguage(tag(lang, campaign.main.languages[lang].locale))
        for text in texts:
            unit = store.addsourceunit(text.source, filename=ORIGINAL)
            unit.setid(text.key)
            unit.settarget(text.target)
            if text.approved:
                unit.set_state_n(unit.S_SIGNED_OFF + 1)  # state="final", approved="yes"
            else:
                unit.set_state_n(unit.S_NEEDS_REVIEW)  # needs-review-translation
            where = f"{text.file}:{text.line}" if text.line else text.file
            unit.addnote(f"{where} ({text.key.partition(':')[2]}.{lang})", origin="developer")
            contexts = [("sourcefile", text.file)]
            if text.line:
                contexts.append(("linenumber", str(text.line)))
            unit.createcontextgroup("location", contexts, purpose="location")
        path = root / FOLDER / f"{lang}.xlf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(store))
        written.append(path.relative_to(root).as_posix())
    return written


@dataclass
class Imported:
    """What an import changed, and what it refused (one line each)."""

    changes: list[str]
    problems: list[str]
    skipped: int  # units not approved: left as they are


def import_file(root: Path, path: Path) -> Imported:
    """Write the approved units of the XLIFF file at `path` into content/: changed texts in
    their YAML files (every other byte kept), approvals in content/reviews/<lang>.yaml.
    Nothing is written if any unit is refused."""
    shown = _shown_name(root, path)
    try:
        store = xliff.xlifffile.parsestring(path.read_bytes())
    except Exception as err:  # lxml and translate-toolkit raise many kinds
        return Imported(
            [],
            [
                f"{shown}: is not an XLIFF file ({err}); import the file a "
                "translation tool saved from campaignkit export-xliff"
            ],
            0,
        )
    try:
        campaign = load_campaign(root)
    except ContentError as err:
        return Imported([], [str(problem) for problem in err.problems], 0)
    lang = _language(campaign, store.gettargetlanguage())
    if lang is None:
        return Imported(
            [],
            [
                f"{shown}: target-language '{store.gettargetlanguage()}' is not a "
                "language of content/campaign.yaml; export again"
            ],
            0,
        )
    source = review.source_language(campaign)
    entries = dict(campaign.reviews.get(lang, {}))
    edits: dict[str, list[tuple[Path_, str]]] = {}
    changes, problems, skipped = [], [], 0
    for unit in store.getunits():
        key = unit.getid().rpartition("\x04")[2]  # the id, without the file's prefix
        text = campaign.texts.get(key)
        if text is None or source not in text.root:
            problems.append(f"{shown}: {key}: no text at this place in content/; export again")
            continue
        file, where = parse_key(key)
        line = campaign.lines.get(file, {}).get((*where, lang)) or campaign.lines.get(file, {}).get(
            where
        )
        at = f"{file}:{line}" if line else file
        if str(unit.source) != text.root[source]:
            problems.append(f"{at}: {key}: the English changed since export; export again")
            continue
        state = unit.getlanguageNode(lang=None, index=1)
        state = state.get("state") if state is not None else None
        # signed off; or approved="yes" from a tool that writes no state ("translated" is a
        # translator's word, not a reviewer's, even where a tool also says approved="yes")
        if not (state in APPROVED_STATES or (state is None and unit.isapproved())):
            skipped += 1
            continue
        target = str(unit.target or "")
        if not target.strip():
            problems.append(
                f"{at}: {key}: approved with no text; translate it or leave it unapproved"
            )
            continue
        old = text.root.get(lang)
        if target != old:
            edits.setdefault(file, []).append(((*where, lang), target))
            changes.append(f"{at}: {key} ({lang}): text changed: {old!r} -> {target!r}")
        entry = review.Approval(
            "approved", review.fingerprint(text.root[source]), review.fingerprint(target)
        )
        before = entries.get(key)
        if before is None or (before.source, before.translation) != (
            entry.source,
            entry.translation,
        ):
            changes.append(f"{at}: {key} ({lang}): approved")
        entries[key] = entry
    if problems:
        return Imported([], problems, skipped)
    return _written(root, campaign, lang, edits, entries, changes, skipped)


def _written(
    root: Path,
    campaign: Campaign,
    lang: str,
    edits: dict,
    entries: dict,
    changes: list[str],
    skipped: int,
) -> Imported:
    """Write the edits and the ledger; undo them all if content no longer loads."""
    ledger = review.ledger_path(root, lang)
    kept = {root / file: (root / file).read_bytes() for file in edits}
    kept[ledger] = ledger.read_bytes() if ledger.exists() else None
    for file, changed in edits.items():
        text = (root / file).read_text(encoding="utf-8")
        for path, value in changed:
            text = spliced(text, path, value)
        (root / file).write_bytes(text.encode("utf-8"))
    name = campaign.main.languages[lang].name
    review.write_ledger(
        root,
        lang,
        name,
        {key: review.Approval(e.state, e.source, e.translation) for key, e in entries.items()},
    )
    try:
        load_campaign(root)
    except ContentError as err:
        for file, data in kept.items():
            if data is None:
                file.unlink()
            else:
                file.write_bytes(data)
        return Imported(
            [],
            [
                *map(str, err.problems),
                "nothing was imported: fix the texts in the translation tool and import again",
            ],
            skipped,
        )
    return Imported(changes, [], skipped)


def _language(campaign: Campaign, target: str | None) -> str | None:
    """The content's code of an XLIFF target-language ('fa-AF' -> 'prs')."""
    for code, language in campaign.main.languages.items():
        if target and target.lower() in (code, tag(code, language.locale).lower()):
            return code
    return None


def _shown_name(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
