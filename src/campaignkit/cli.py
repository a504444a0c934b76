"""The campaignkit command: watch mode, and translation review files out and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from doit.exceptions import InvalidDodoFile

from .errors import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="campaignkit",
        description="Rebuild on every save and serve the gallery (watch); send the "
        "campaign's translations for review and bring the review back (export-xliff, "
        "import-xliff).",
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
    watching = commands.add_parser(
        "watch",
        help="build, then rebuild on every save of content/, templates/ or brand/, and serve "
        "the gallery at http://127.0.0.1:PORT/, reloading it when it changes",
    )
    watching.add_argument("tasks", nargs="*", help="doit tasks to build (default: all)")
    watching.add_argument("--port", type=int, default=8000, help="default: 8000 (0: any free)")
    watching.add_argument("--jobs", type=int, default=2, help="doit processes (default: 2)")
    watching.add_argument("--no-serve", action="store_true", help="rebuild only, no server")
    args = parser.parse_args(argv)
    root = args.root
    if args.command == "watch":
        from . import watch

        try:
            watch.run(root, args.tasks, args.port, args.jobs, not args.no_serve,
                      say=lambda line: print(line, flush=True))  # fmt: skip
        except KeyboardInterrupt:
            pass
        except OSError as err:  # the port is taken, or the folder cannot be watched
            print(f"ERROR: campaignkit watch: {err}", file=sys.stderr)
            return 1
        return 0
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
