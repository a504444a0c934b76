"""Watch mode's loop, timed: from a save of the leaflet's CSS to the gallery showing it.

A copy of the embedded campaign is built by `campaignkit watch` (in-process, as the command
runs it), then the leaflet's CSS is saved --edits times, changing its first navy to blue and
back. For each save this prints the seconds until the gallery's page is told to reload with
the new leaflet thumbnails (the previews and the PDFs they are made from built first), until
the page has reloaded in Chromium (when Playwright and Chromium are here; the page asks every
half second), and until the rest of the build is done.

    .venv/bin/python bench/watch.py [--edits 3] [--jobs 2] [--browser /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from campaignkit import watch

REPO = Path(__file__).resolve().parents[1]
CSS = "templates/leaflet/leaflet.css.j2"
#: The first navy of the CSS, in turn blue: a brand colour (press PDFs take no other).
NAVY, BLUE = "{{ col.navy }}", "{{ col.blue }}"
THUMB = "thumbs/leaflet-liege-fr.webp"


def wait(condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"bench: no {what} within {timeout:.0f} s")
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="campaignkit-watch-") as tmp:
        root = Path(tmp) / "campaign"
        for folder in ("brand", "templates", "content"):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(REPO / "dodo.py", root)
        lines: list[str] = []
        stop, status = threading.Event(), watch.Status()
        thread = threading.Thread(target=watch.run, daemon=True, kwargs=dict(
            root=root, tasks=[], port=0, jobs=args.jobs, say=lines.append, stop=stop,
            status=status))  # fmt: skip
        start = time.monotonic()
        thread.start()
        wait(lambda: any(line.startswith("campaignkit: watching") for line in lines), 1800,
             "first build")  # fmt: skip
        print(f"first build: {time.monotonic() - start:.1f} s")
        port = next(line for line in lines if "gallery is at" in line).rsplit(":", 1)[1]
        page = browser = driver = None
        if Path(args.browser).exists():
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                sync_playwright = None
            if sync_playwright:
                driver = sync_playwright().start()
                flags = ["--no-sandbox", "--disable-gpu"]
                browser = driver.chromium.launch(executable_path=args.browser, args=flags)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port.strip('/')}/")
        told, shown, done = [], [], []
        css = root / CSS
        thumb = root / "build/site" / THUMB
        try:
            for number in range(args.edits):
                old, new = (NAVY, BLUE) if number % 2 == 0 else (BLUE, NAVY)
                version, before = status.version, thumb.read_bytes()
                finished = sum(1 for line in lines if "rebuilt in" in line)
                if page:
                    page.reload()  # settled: the last build's own reloads are behind it
                    page.wait_for_load_state()
                    time.sleep(0.6)  # its first question to the server, which it compares with
                    page.evaluate("window.unreloaded = true")
                saved = time.monotonic()
                css.write_text(css.read_text().replace(old, new, 1))
                wait(lambda v=version: status.version > v, 120, "reload")
                told.append(time.monotonic() - saved)
                if thumb.read_bytes() == before:
                    raise SystemExit("bench: the page was told to reload, the thumbnail is old")
                if page:
                    page.wait_for_function("window.unreloaded === undefined", timeout=120_000)
                    page.wait_for_load_state()
                    shown.append(time.monotonic() - saved)
                wait(lambda f=finished: sum(1 for line in lines if "rebuilt in" in line) > f,
                     600, "rest of the build")  # fmt: skip
                done.append(time.monotonic() - saved)
                errors = status.errors
                if errors:
                    raise SystemExit(f"bench: the rebuild failed: {errors}")
        finally:
            if browser:
                browser.close()
                driver.stop()
            stop.set()
            thread.join(timeout=120)

    def say(label: str, runs: list[float]) -> None:
        if runs:
            figures = ", ".join(f"{run:.2f}" for run in runs)
            print(f"  {label:44} median {statistics.median(runs):6.2f} s  ({figures})")

    print(f"campaignkit watch bench: {args.edits} saves of {CSS}, -n {args.jobs}")
    say("save -> page told to reload (new thumbnails)", told)
    say("save -> page reloaded in Chromium", shown)
    say("save -> whole rebuild done", done)


if __name__ == "__main__":
    main()
