"""The sweep: what a removed language, city or size owned leaves build/, folders included."""

import re

import pytest
from conftest import copy_project, edit, run_doit

from campaignkit.description import default_tasks, load


def built_files(root) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / "build").rglob("*")
            if path.is_file() and not path.name.startswith(".")}  # fmt: skip


def empty_folders(root) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in (root / "build").rglob("*")
                  if path.is_dir() and not any(path.iterdir()))  # fmt: skip


def planned_files(root) -> set[str]:
    """The targets a plain `doit` builds (proof sheets wait for `doit proof`)."""
    default = set(default_tasks())
    return {target for out in load(root)[1] if out.step.name in default for target in out.targets}


def drop_language(root, lang: str) -> None:
    """Every `lang:` text of the content removed, and the language with them (from lists of
    languages too)."""
    for path in (root / "content").rglob("*.yaml"):
        lines, skipping = [], None
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            indent = len(line) - len(line.lstrip())
            if skipping is not None and (indent > skipping or not line.strip()):
                continue  # the rest of a folded block
            skipping = None
            if re.match(rf"\s*{lang}:", line):
                skipping = indent
                continue
            listed = re.match(r"(\s*languages: \[)([^\]]*)(\].*)", line, re.DOTALL)
            if listed:
                kept = [code for code in listed[2].split(", ") if code != lang]
                line = listed[1] + ", ".join(kept) + listed[3]
            lines.append(re.sub(rf",\s*{lang}: [^,}}]*", "", line))
        path.write_text("".join(lines), encoding="utf-8")


REMOVALS = {
    "a language": lambda r: drop_language(r, "de"),
    "a city": lambda r: (r / "content/cities/liege.yaml").unlink(),
    "a poster size": lambda r: edit(r / "brand/brand.yaml", "    A2: [420, 594]\n", ""),
    "a card size": lambda r: edit(r / "brand/brand.yaml", "    x: [1200, 675]", ""),
}


@pytest.mark.parametrize("removal", sorted(REMOVALS))
def test_a_removal_sweeps_every_file_and_folder_it_owned(tmp_path, stubbed, removal):
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    assert run_doit(root).code == 0
    before = built_files(root)
    assert before == planned_files(root)
    REMOVALS[removal](root)
    result = run_doit(root)
    assert result.code == 0, result.errors
    after = built_files(root)
    assert after == planned_files(root)
    assert after < before
    assert empty_folders(root) == []


def test_a_language_takes_its_decks_slide_previews_and_packs_along(tmp_path, stubbed):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    assert run_doit(root).code == 0
    assert (root / "build/decks/previews/talk-de/slide-01.png").is_file()
    REMOVALS["a language"](root)
    assert run_doit(root).code == 0
    left = [path for path in built_files(root) if re.search(r"-de[-./]", path)]
    assert left == []
    assert not (root / "build/decks/previews/talk-de").exists()
    assert not (root / "build/packs/language-de.zip").exists()


def test_the_sweep_leaves_doit_state_and_foreign_folders_alone(tmp_path, stubbed):
    root = copy_project(tmp_path / "p", cities=("brussels",))
    assert run_doit(root).code == 0
    (root / "build/notes").mkdir()
    (root / "build/notes/mine.txt").write_text("kept")
    REMOVALS["a card size"](root)
    assert run_doit(root).code == 0
    assert (root / "build/notes/mine.txt").read_text() == "kept"
    assert (root / "build/.doit.db").is_file()
