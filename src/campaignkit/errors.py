"""Users' mistakes: one line each, collected and reported together, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, said so a person can fix it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class UserError(Exception):
    """A mistake in what a user gave (content, templates, brand, a full disk), not a bug:
    reported as one line per problem, with no traceback. A traceback is a bug in our code."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


class ContentError(UserError):
    """Raised once, after loading, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__([str(problem) for problem in self.problems])

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} to fix before anything is built:"
        return "\n".join([head, *map(str, self.problems)])


class Failed(UserError):
    """One output cannot be made right: each line names the file to change and what to do
    (the task prefixes the output's name)."""


class DiskFull(UserError):
    """The disk filled up while writing a build file."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(
            f"no space left on device while writing {path}; free space and run doit again"
        )
