"""Every library a build imports is a runtime dependency in pyproject.toml (not test-only)."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import REPO

PACKAGE = REPO / "src" / "campaignkit"


def name(requirement: str) -> str:
    """'python-pptx==1.0.2' -> 'python-pptx' (normalised as pip compares names)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]).lower()


def imported_distributions() -> dict[str, set[str]]:
    """Distribution name -> the package modules importing it (every import, even inside a
    function: a build runs those too)."""
    owners = packages_distributions()
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top == "campaignkit":
                    continue
                for dist in owners.get(top, [top]):
                    found.setdefault(name(dist), set()).add(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_imported_library_is_a_runtime_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = {name(req) for req in project["dependencies"]}
    test_only = {name(req) for req in project["optional-dependencies"]["test"]}
    imported = imported_distributions()
    assert {dist: sorted(users) for dist, users in imported.items() if dist not in runtime} == {}
    assert not test_only & runtime  # a test extra never stands in for a runtime dependency
    assert {"weasyprint", "pypdf", "python-pptx", "pillow", "doit"} <= set(imported)
