"""Removing built files that no planned output owns any more, and the folders left empty."""

from __future__ import annotations

from pathlib import Path


def sweep(root: str, folders: list[str], owned: list[str]) -> None:
    """doit action: in the families' `folders` of build/, delete every file that is not a
    planned output (a city, language, size or deck was removed), then every folder left
    empty, so build/ holds only current files.

    Dot files stay (temporary files of writes in progress), and so does every folder that
    will hold a planned output (a renderer may be writing into it right now)."""
    root_path = Path(root)
    keep = {root_path / rel for rel in owned}
    holders = {parent for path in keep for parent in path.parents}
    for folder in folders:
        base = root_path / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):  # children before their folders
            if path.is_file() and path not in keep and not path.name.startswith("."):
                path.unlink()
            elif path.is_dir() and path not in holders and not any(path.iterdir()):
                path.rmdir()
        if base not in holders and not any(base.iterdir()):
            base.rmdir()
