"""Watch mode (campaignkit.watch): a save rebuilds, a content error is shown and survived, and
the served gallery reloads itself."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request

import pytest
from conftest import REPO, copy_project, edit

from campaignkit import watch


def wait(condition, seconds: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.05)


def test_the_lines_of_a_failed_build_a_person_reads():
    content = ["ERROR: 1 problem to fix before anything is built:",
               "content/cities/liege.yaml:10: events[0].date: '2022-07-32' is not a date; "
               "write it as YYYY-MM-DD, e.g. 2022-07-30", ""]  # fmt: skip
    assert watch.errors(content) == content[:2]
    failed = [".  leaflet:liege-fr", "TaskFailed - taskid:leaflet:liege-fr",
              "leaflet liege-fr: the text of 'city.name' does not fit",
              "campaignkit: built 0, up to date 3, failed 1 in 1.0 s",
              "  failed leaflet:liege-fr: leaflet liege-fr: the text of 'city.name' does not fit"]  # fmt: skip
    assert watch.errors(failed) == [failed[-1].strip()]


def test_the_server_adds_the_reloading_script_to_pages_only(tmp_path):
    (tmp_path / "build/site").mkdir(parents=True)
    (tmp_path / "build/site/index.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "build/site/a.txt").write_text("</body>")
    status = watch.Status()
    server = watch.serve(tmp_path, 0, status)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with urllib.request.urlopen(f"{base}/") as page:  # the gallery at /
            html = page.read().decode()
            assert page.url == f"{base}/site/index.html"
            assert page.headers["Cache-Control"] == "no-store"
        assert html == "<html><body><p>x</p>" + watch.SCRIPT + "</body></html>"
        assert (tmp_path / "build/site/index.html").read_text().count("script") == 0
        with urllib.request.urlopen(f"{base}/site/a.txt") as other:
            assert other.read() == b"</body>"
        status.update(["content/cities/liege.yaml:3: name: is required"], changed=True)
        with urllib.request.urlopen(f"{base}{watch.STATUS}") as answer:
            assert json.loads(answer.read()) == {
                "version": 1,
                "errors": ["content/cities/liege.yaml:3: name: is required"],
            }
    finally:
        server.shutdown()
        server.server_close()


def test_a_browser_gone_in_the_middle_of_an_answer_prints_nothing(tmp_path, capsys):
    server = watch.serve(tmp_path, 0, watch.Status())
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except ConnectionError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a bug" in capsys.readouterr().err  # a bug keeps its traceback
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def watching(tmp_path):
    """campaignkit watch on a two-city project, building its leaflets, in a thread."""
    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    shutil.copy(REPO / "dodo.py", root)
    lines: list[str] = []
    stop = threading.Event()
    status = watch.Status()
    thread = threading.Thread(target=watch.run, kwargs=dict(
        root=root, tasks=["leaflet"], jobs=1, serve_site=False, say=lines.append, stop=stop,
        status=status), daemon=True)  # fmt: skip
    thread.start()
    wait(lambda: any(line.startswith("campaignkit: watching") for line in lines), what="a build")
    yield root, lines, status, thread
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_a_save_rebuilds_and_a_content_error_keeps_it_watching(watching):
    root, lines, status, thread = watching
    leaflet = root / "build/leaflets/liege-fr.pdf"
    assert leaflet.is_file() and status.errors == []
    built, mark = leaflet.stat().st_mtime_ns, len(lines)
    edit(root / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    wait(lambda: any(line.startswith("campaignkit: rebuilt in") for line in lines[mark:]),
         what="the edit rebuilt")  # fmt: skip
    assert leaflet.stat().st_mtime_ns != built
    assert [line for line in lines[mark:] if line.startswith(".  ")] == [".  leaflet:liege-fr"]
    edit(root / "content/cities/liege.yaml", "  - kind: stand", "  - kind: stall")
    wait(lambda: status.errors, what="the error shown")
    assert status.errors == [
        "ERROR: 1 problem to fix before anything is built:",
        "content/cities/liege.yaml:10: events[0].kind: 'stall' is not allowed; use "
        "'illumination', 'stand' or 'other'",
    ]
    assert thread.is_alive()
    rebuilt = leaflet.stat().st_mtime_ns
    edit(root / "content/cities/liege.yaml", "  - kind: stall", "  - kind: stand")
    wait(lambda: not status.errors, what="the error gone")
    assert leaflet.stat().st_mtime_ns == rebuilt  # back as it was built: nothing to do
    edit(root / "content/cities/liege.yaml", "[Sürya, PAG-ASA]", "[PAG-ASA, Sürya]")
    wait(lambda: leaflet.stat().st_mtime_ns != rebuilt, what="a rebuild after the error")
    assert "Traceback" not in "\n".join(lines)


@pytest.mark.slow
def test_a_css_edit_reloads_the_gallery_with_the_new_previews(tmp_path):
    """The gallery served by watch mode, in Chromium: after a save to the leaflet's CSS, the
    page reloads by itself and its leaflet thumbnails are the new ones."""
    playwright = pytest.importorskip("playwright.sync_api")
    from families.gallery.test_render import CHROMIUM, FLAGS

    root = copy_project(tmp_path / "p", cities=("brussels", "liege"))
    shutil.copy(REPO / "dodo.py", root)
    lines: list[str] = []
    stop, status = threading.Event(), watch.Status()
    thread = threading.Thread(target=watch.run, kwargs=dict(
        root=root, tasks=[], port=0, say=lines.append, stop=stop, status=status), daemon=True)  # fmt: skip
    thread.start()
    wait(lambda: any(line.startswith("campaignkit: watching") for line in lines), 900, "a build")
    port = next(line for line in lines if "gallery is at" in line).rsplit(":", 1)[1].strip("/")
    thumb = "thumbs/leaflet-liege-fr.webp"
    try:
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            before = page.evaluate(
                f"fetch('{thumb}').then(r => r.arrayBuffer()).then(b => b.byteLength)"
            )
            page.evaluate("window.unreloaded = true")
            css = root / "templates/leaflet/leaflet.css.j2"
            # a brand colour: press leaflets refuse any other, and the rebuild goes on to them
            css.write_text(css.read_text().replace("{{ col.navy }}", "{{ col.blue }}", 1))
            page.wait_for_function("window.unreloaded === undefined", timeout=60_000)
            page.wait_for_load_state()
            tile = page.locator(f"img[src$='{thumb}']")
            assert tile.count() >= 1
            after = page.evaluate(
                f"fetch('{thumb}').then(r => r.arrayBuffer()).then(b => b.byteLength)"
            )
            assert (root / "build/site" / thumb).stat().st_size == after != before
            assert page.locator("#campaignkit-errors").count() == 0
            browser.close()
    finally:
        stop.set()
        thread.join(timeout=60)
