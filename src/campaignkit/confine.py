"""The one path check for every file a build reads: inside the project, in an allowed folder,
symlinks followed (a link leading out is refused)."""

from __future__ import annotations

from pathlib import Path

#: Folders of the project outputs may be made from.
SOURCES = ("brand", "content", "templates")


class Refused(ValueError):
    """A file a build may not read; the message names it and says why."""


def project_path(
    root: Path, rel: str, folders: tuple[str, ...] = SOURCES
) -> tuple[str | None, str]:
    """(project-relative path, "") if `rel` names a readable file, else (None, why)."""
    root = Path(root).resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        return None, "it is outside the project"
    rel = path.relative_to(root).as_posix()
    if rel.split("/", 1)[0] not in folders:
        named = ", ".join(f"{folder}/" for folder in folders)
        return None, f"only files in {named} may be used"
    if not path.is_file():
        return None, "no such file in the project"
    return rel, ""


def read_project_file(root: Path, rel: str, folders: tuple[str, ...] = SOURCES) -> bytes:
    """The bytes of project file `rel`, or Refused naming it and why."""
    checked, why = project_path(root, rel, folders)
    if checked is None:
        raise Refused(f"refused to read '{rel}': {why}")
    return (Path(root).resolve() / checked).read_bytes()
