"""Watch mode: rebuild on every save of content, templates or brand, serve the gallery from
a local server, and reload it in the browser when something it shows changed.

Each rebuild is a doit run of its own (a content error, or a bug, ends that run, never the
watcher). What the gallery shows is built first (its thumbnails, through the previews and
the files they are made from), then the page reloads, then everything else is built. The
page learns of a new build, or of errors, by asking the server every half second; the
script doing it is added to the pages as they are served, never to the files in build/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: What a designer edits; every save in them triggers a rebuild.
WATCHED = ("content", "templates", "brand")
STATUS = "/_campaignkit/status"
#: Steps whose outputs the gallery shows: built first, so the page shows the edit soonest.
FIRST = ("thumbnail",)
#: The page asks STATUS (written out: the script is plain JavaScript) every half second.
SCRIPT = """<script>(function () {
  var seen = null, box = null;
  function show(errors) {
    if (!errors.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("pre");
      box.setAttribute("role", "alert");
      box.id = "campaignkit-errors";
      box.style.cssText = "position:fixed;inset:auto 0 0 0;margin:0;padding:1rem;z-index:99;" +
        "max-height:50vh;overflow:auto;background:#fff0f0;color:#600;border-top:3px solid #c00;" +
        "font:14px/1.4 monospace;white-space:pre-wrap;direction:ltr;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent = "The last build failed:\\n" + errors.join("\\n");
  }
  function ask() {
    fetch("/_campaignkit/status", {cache: "no-store"}).then(function (r) {
      return r.json();
    }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version; show(s.errors);
    }).catch(function () {}).finally(function () { setTimeout(ask, 500); });
  }
  ask();
})();</script>"""


@dataclass
class Status:
    """The last build, as the page asks for it."""

    version: int = 0  # grows with each build that changed files the gallery shows
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "errors": self.errors}).encode()

    def update(self, errors: list[str], changed: bool) -> None:
        with self.lock:
            if changed:
                self.version += 1
            self.errors = errors


class Handler(SimpleHTTPRequestHandler):
    """Files of build/, never cached; the status; pages with the reloading script."""

    status: Status

    def __init__(self, *args, status: Status, **kwargs):
        self.status = status
        super().__init__(*args, **kwargs)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == STATUS:
            return self._send(self.status.as_json(), "application/json")
        if path == "/":
            self.send_response(302)
            self.send_header("Location", "/site/index.html")
            return self.end_headers()
        if path.endswith(".html"):
            local = Path(self.translate_path(path))
            if local.is_file():
                page = local.read_bytes()
                at = page.rfind(b"</body>")
                at = len(page) if at < 0 else at
                return self._send(page[:at] + SCRIPT.encode() + page[at:], "text/html")
        return super().do_GET()

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # the terminal is for builds


class Server(ThreadingHTTPServer):
    """The local server. A browser that goes away in the middle of an answer (the page
    reloading while it asks for the status) is no error to print in the build's terminal."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(root: Path, port: int, status: Status) -> ThreadingHTTPServer:
    """The local server for build/ (the gallery at /), in a thread of its own."""
    handler = partial(Handler, directory=str(root / "build"), status=status)
    server = Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(root: Path, args: list[str], say=print) -> tuple[int, list[str], bool]:
    """One doit run in `root`: its exit status, its errors (one line each) and whether it
    built anything. Its output goes to the terminal as it comes."""
    command = [sys.executable, "-m", "doit", *args]
    lines = []
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, bufsize=1) as process:  # fmt: skip
        for line in process.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            if not line.startswith("-- "):  # up-to-date tasks: the summary counts them
                say(line)
    code = process.returncode
    return code, errors(lines) if code else [], any(line.startswith(".  ") for line in lines)


def errors(lines: list[str]) -> list[str]:
    """The lines of a failed run a person must read: doit's error (a content report: one
    line per problem) and each failed output's line from the summary."""
    found = [line.strip() for line in lines if line.startswith("  failed ")]
    for at, line in enumerate(lines):
        if line.startswith("ERROR"):
            found += [text for text in lines[at:] if text.strip()
                      and not text.startswith(("Type ", "campaignkit: built"))]  # fmt: skip
            break
    return found or ["doit failed; see the terminal"]


def rebuild(root: Path, tasks: list[str], jobs: int, status: Status, say=print) -> None:
    """What a save triggers: the gallery's thumbnails first (when the whole build is
    wanted), then the rest; the page reloads after each part that changed files."""
    parallel = ["-n", str(jobs), "-P", "process"] if jobs > 1 else []
    parts = [[*parallel, *FIRST], [*parallel, *tasks]] if not tasks else [[*parallel, *tasks]]
    for part in parts:
        code, found, changed = build(root, part, say)
        status.update(found, changed)
        if code:
            break


def run(root: Path, tasks: list[str], port: int = 8000, jobs: int = 2, serve_site: bool = True,
        say=print, stop: threading.Event | None = None,
        status: Status | None = None) -> None:  # fmt: skip
    """Build, then rebuild on every save until interrupted (or `stop` is set); `status` is
    what the page is told."""
    from watchfiles import watch

    root = Path(root).resolve()
    status = status or Status()
    server = serve(root, port, status) if serve_site else None
    if server:
        say(f"campaignkit: the gallery is at http://127.0.0.1:{server.server_port}/")
    try:
        rebuild(root, tasks, jobs, status, say)
        say("campaignkit: watching content/, templates/ and brand/ (Ctrl+C to stop)")
        paths = [root / name for name in WATCHED if (root / name).is_dir()]
        for changes in watch(*paths, stop_event=stop, debounce=200, step=50,
                             raise_interrupt=False):  # fmt: skip
            names = sorted({Path(path).relative_to(root).as_posix() for _, path in changes})
            say(f"campaignkit: {', '.join(names[:3])}{' …' if len(names) > 3 else ''} changed")
            started = time.monotonic()
            try:
                rebuild(root, tasks, jobs, status, say)
            except OSError as err:  # e.g. no process could be started: try on the next save
                status.update([f"the build could not start: {err}"], False)
            say(f"campaignkit: rebuilt in {time.monotonic() - started:.1f} s")
    finally:
        if server:
            server.shutdown()
            server.server_close()
