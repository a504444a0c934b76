"""The package's code an action runs: its module and what that imports inside the package,
transitively, read from the source (nothing is imported)."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

#: The package's folder and name.
PACKAGE = Path(__file__).resolve().parent
NAME = __name__.rpartition(".")[0]


def closure(module: str, package: Path = PACKAGE) -> list[Path]:
    """Source files of `module` (dotted, inside the package) and of every package module it
    imports, directly or not, with the __init__.py of each package on the way (Python runs
    them too). Imports under `if TYPE_CHECKING:` are left out: they never run."""
    package = Path(package)
    found: set[Path] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        for path in _files(name, package):
            if path not in found:
                found.add(path)
                todo += _imports(path, _dotted(path, package))
    return sorted(found)


def _files(module: str, package: Path) -> list[Path]:
    """The file of `module` and the __init__.py of the packages holding it."""
    parts = module.split(".")[1:]  # inside the package
    files = [package / "__init__.py"]
    for depth in range(1, len(parts)):
        files.append(package.joinpath(*parts[:depth], "__init__.py"))
    here = package.joinpath(*parts)
    if here.with_suffix(".py").is_file():
        files.append(here.with_suffix(".py"))
    elif (here / "__init__.py").is_file():
        files.append(here / "__init__.py")
    else:
        return []  # a name imported from a module, not a module: its module is listed
    return [path for path in files if path.is_file()]


def _dotted(path: Path, package: Path) -> str:
    rel = path.relative_to(package).with_suffix("")
    parts = [part for part in rel.parts if part != "__init__"]
    return ".".join([NAME, *parts])


@lru_cache(maxsize=512)
def _imports(path: Path, module: str) -> tuple[str, ...]:
    """Modules of the package `path` (the module `module`) imports, as dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    base = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                stem = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                stem = node.module or ""
            found.append(stem)
            found += [f"{stem}.{alias.name}" for alias in node.names]  # `from . import x`
    return tuple(name for name in found if name == NAME or name.startswith(f"{NAME}."))


def _runtime_nodes(tree: ast.Module):
    """Every statement of `tree`, nested ones included, except what sits under
    `if TYPE_CHECKING:` (imports are statements: expressions need no visit)."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo += node.orelse
            continue
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            todo += [child for child in getattr(node, name, ()) if isinstance(child, ast.AST)]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
