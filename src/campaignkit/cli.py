"""The campaignkit command: translation review files out (export-xliff) and back (import-xliff)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from doit.exceptions import InvalidDodoFile

from .errors import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="campaignkit",
        description="Send the campaign's translations for review and bring the review back.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="the project folder (holding content/); default: here",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "export-xliff",
        help="write build/xliff/<lang>.xlf for every language "
        "but the source: every text the outputs show, with its review state",
    )
    back = commands.add_parser(
        "import-xliff",
        help="write the approved texts of reviewed XLIFF files into content/ and content/reviews/",
    )
    back.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    root = args.root
    from . import xliff

    if args.command == "export-xliff":
        try:
            written = xliff.export(root)
        except (InvalidDodoFile, ContentError) as err:
            print(f"ERROR: {err}", file=sys.stderr)
            return 1
        for name in written:
            print(f"wrote {name}")
        return 0
    failed = False
    for path in args.files:
        done = xliff.import_file(root, path)
        for line in done.problems:
            print(f"ERROR: {line}", file=sys.stderr)
        for line in done.changes:
            print(line)
        shown = path.as_posix()
        if done.problems:
            failed = True
            print(
                f"{shown}: nothing imported ({len(done.problems)} problem"
                f"{'s' if len(done.problems) != 1 else ''})",
                file=sys.stderr,
            )
        else:
            print(
                f"{shown}: {len(done.changes)} change{'s' if len(done.changes) != 1 else ''}"
                f"; {done.skipped} not approved, left as they are"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
