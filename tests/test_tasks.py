"""The doit graph, run in-process: exact rebuilds, clean failures, nothing half-written."""

import tomllib

from conftest import REPO, edit, run_doit, snapshot, write

from campaignkit.tasks import doit_config

CITIES = ["leaflet:antwerp-nl", "leaflet:brussels-fr", "leaflet:brussels-nl"]
#: the national help leaflet, in every language of the campaign
HELP = [f"leaflet:help-{lang}" for lang in ("de", "en", "fr", "nl", "prs", "uk")]
ALL = sorted([*CITIES, *HELP, "leaflet:liege-fr"])


def leaflets(project):
    """Leaflet tasks only: posters have their own tests (and cost more to build)."""
    return run_doit(project, "run", "leaflet")


def build(project):
    first = leaflets(project)
    assert (first.code, first.executed) == (0, ALL), first.err
    return first


def test_a_second_run_runs_nothing_and_rewrites_nothing(project):
    build(project)
    before = snapshot(project / "build")
    again = leaflets(project)
    assert again.code == 0
    assert again.executed == []
    assert set(again.tasks.values()) == {"up-to-date"}
    assert snapshot(project / "build") == before


def test_editing_one_city_rebuilds_its_leaflets_only(project):
    build(project)
    edit(project / "content/cities/brussels.yaml", "nl: Egmontpaleis", "nl: Het Egmontpaleis")
    assert leaflets(project).executed == ["leaflet:brussels-nl"]
    edit(
        project / "content/cities/brussels.yaml",
        "organisers: [PAG-ASA, Sürya]",
        "organisers: [Sürya]",
    )
    assert leaflets(project).executed == ["leaflet:brussels-fr", "leaflet:brussels-nl"]


def test_adding_a_city_builds_its_leaflet_only(project):
    build(project)
    write(project / "content/cities/nivelles.yaml",
          "name: {fr: Nivelles}\nlanguages: [fr]\nevents:\n  - date: 2022-07-30\n    kind: stand\n")  # fmt: skip
    assert leaflets(project).executed == ["leaflet:nivelles-fr"]
    assert (project / "build/leaflets/nivelles-fr.pdf").exists()


def test_editing_a_campaign_wide_fact_rebuilds_what_shows_it(project):
    build(project)
    edit(project / "content/campaign.yaml", "value: 5500000", "value: 5600000")
    # the figures are on the city leaflets; the help leaflet does not print them
    assert leaflets(project).executed == [*CITIES, "leaflet:liege-fr"]


def test_editing_one_translation_rebuilds_that_language_only(project):
    build(project)
    edit(project / "content/labels.yaml", "fr: Où trouver de l'aide", "fr: Où obtenir de l'aide")
    assert leaflets(project).executed == [
        "leaflet:brussels-fr",
        "leaflet:help-fr",
        "leaflet:liege-fr",
    ]


def test_editing_text_no_output_shows_rebuilds_nothing(project):
    build(project)
    # The quote is campaign content, but leaflets do not print it.
    edit(project / "content/campaign.yaml", "  author: António Guterres", "  author: A. Guterres")
    assert leaflets(project).executed == []


def test_editing_a_template_rebuilds_what_includes_it(project):
    build(project)
    path = project / "templates/leaflet/events.html.j2"
    path.write_text(path.read_text() + "{# a comment still counts: the file changed #}\n")
    assert leaflets(project).executed == [*CITIES, "leaflet:liege-fr"]  # no events on help-*
    write(project / "templates/poster/unused.html.j2", "not included anywhere")
    assert leaflets(project).executed == []


def test_editing_the_brand_rebuilds_what_uses_it(project):
    build(project)
    edit(project / "brand/brand.yaml", 'navy: "#0A2A4A"', 'navy: "#0A2A4B"')
    assert leaflets(project).executed == ALL


def test_a_deleted_output_is_rebuilt_alone(project):
    build(project)
    (project / "build/leaflets/liege-fr.pdf").unlink()
    assert leaflets(project).executed == ["leaflet:liege-fr"]


def test_bad_content_stops_before_rendering_and_touches_nothing(project):
    build(project)
    before = snapshot(project / "build")
    edit(
        project / "content/cities/liege.yaml",
        "  - kind: stand",
        "  - date: 2022-07-32\n    kind: stand",
    )
    edit(project / "content/cities/brussels.yaml", "languages: [fr, nl]", "languages: [fr, nl, xx]")
    result = leaflets(project)
    assert result.code == 3
    assert result.err == (
        "ERROR: 2 problems to fix before anything is built:\n"
        "content/cities/brussels.yaml:8: languages[2]: unknown language 'xx'; use one of de, en, "
        "fr, nl, prs, uk\n"
        "content/cities/liege.yaml:10: events[0].date: '2022-07-32' is not a date; write it as "
        "YYYY-MM-DD, e.g. 2022-07-30\n"
    )
    assert "Traceback" not in result.out + result.err
    assert result.tasks == {}
    assert snapshot(project / "build") == before


def test_text_that_does_not_fit_fails_that_leaflet_only(project):
    build(project)
    good = (project / "build/leaflets/liege-fr.pdf").read_bytes()
    long = " ".join(["Une phrase beaucoup trop longue pour un dépliant A5."] * 60)
    edit(
        project / "content/cities/liege.yaml",
        "kind: stand",
        f"kind: stand\n    description: {{fr: {long}}}",
    )
    edit(project / "content/campaign.yaml", "value: 5500000", "value: 5600000")
    result = leaflets(project)
    assert result.code != 0
    # doit keeps going ("continue"): every other leaflet is rebuilt, every failure reported
    assert result.tasks == {
        "leaflet:liege-fr": "fail",
        **dict.fromkeys(CITIES, "success"),
        **dict.fromkeys(HELP, "up-to-date"),
    }
    assert result.errors["leaflet:liege-fr"].splitlines()[-1] == (
        "leaflet liege-fr: page 1 of 2 holds too much text and runs over; shorten the events "
        "in content/cities/liege.yaml or the theme texts in content/campaign.yaml"
    )
    # the last good leaflet stays, whole; doit did not record the failed build, so it retries
    assert (project / "build/leaflets/liege-fr.pdf").read_bytes() == good
    assert leaflets(project).tasks["leaflet:liege-fr"] == "fail"


def test_a_damaged_output_is_rebuilt(project):
    build(project)
    path = project / "build/leaflets/liege-fr.pdf"
    good = path.read_bytes()
    path.write_bytes(good[:1000])  # truncated, as by a crash or a careless edit
    assert leaflets(project).executed == ["leaflet:liege-fr"]
    assert path.read_bytes() == good


def test_an_output_edited_in_place_is_rebuilt_and_a_touched_one_is_not(project):
    """Size and mtime as recorded: not read again; otherwise hashed, so an edit of the same
    size is caught and a file touched but unchanged stays up to date."""
    import os

    build(project)
    edited, touched = (project / f"build/leaflets/{name}.pdf" for name in ("liege-fr", "help-fr"))
    good = edited.read_bytes()
    edited.write_bytes(good[:-1] + (b"x" if good[-1:] != b"x" else b"y"))  # same size
    later = touched.stat().st_mtime_ns + 5_000_000_000
    os.utime(touched, ns=(later, later))
    assert leaflets(project).executed == ["leaflet:liege-fr"]
    assert edited.read_bytes() == good


def test_outputs_no_longer_planned_are_swept(project):
    build(project)
    (project / "content/cities/antwerp.yaml").unlink()
    edit(project / "content/cities/brussels.yaml", "languages: [fr, nl]", "languages: [fr]")
    result = run_doit(project, "run", "sweep")
    assert result.tasks == {} and result.code == 0
    assert sorted(p.name for p in (project / "build/leaflets").iterdir()) == [
        "brussels-fr.pdf",
        *(f"{name.split(':')[1]}.pdf" for name in HELP),
        "liege-fr.pdf",
    ]


def test_a_second_build_in_the_same_folder_is_refused(project, tmp_path):
    import subprocess
    import sys

    (project / "build").mkdir(exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from campaignkit import lock; lock.hold(Path(sys.argv[1])); print('held', flush=True); "
         "time.sleep(30)", str(project)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        result = leaflets(project)
        assert result.code == 3
        assert result.err == (
            f"ERROR: another build is running in this folder (process {holder.pid}); wait for it "
            "to finish, then run doit again\n"
        )
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_list_shows_groups_with_one_line_docs(project):
    result = run_doit(project, "list")
    assert result.code == 0
    assert result.out.splitlines() == [
        "deck              Slide decks (PPTX, 16:9) on the brand master: launch and partner talk.",
        "deck-preview      PDFs of the decks (LibreOffice, brand fonts embedded) and their slide previews (PNG).",
        "leaflet           A5 leaflets (PDF) for city organisers: one per city and language.",
        "leaflet-press     Press leaflets (PDF/X-4, A5, bleed and crop marks), for print shops.",
        "leaflet-preview   Preview PNGs of the leaflets, for the gallery.",
        "leaflet-twoup     Leaflets two to an A4 landscape sheet (PDF), double-sided with cut marks, for office printers.",
        "pack              Asset packs (zip): per language, per city, press; manifest and README.",
        "poster            Posters (PDF): press PDF/X-4 with bleed and crop marks, and office.",
        "poster-fit        Type sizes at which each poster's text fits, per language (JSON).",
        "poster-preview    Preview PNGs of the posters, for the gallery.",
        "proof             Proofs (doit proof): a PDF per kind of asset, a page per proof sheet.",
        "proof-sheet       Proof sheets (PNG, A4 at 300 dpi): every asset of a kind, small.",
        "site              The download gallery (build/site/index.html) with previews and filters.",
        "social            Social media cards (PNG) with alt texts: every card, language and size.",
        "sweep             Removes built files no output owns any more (a city, language or size removed).",
        "thumbnail         Thumbnails (WebP) of the previews, for the gallery's tiles.",
    ]
    detail = run_doit(project, "list", "--all").out.splitlines()
    assert any(line.split() == ["leaflet:liege-fr", *["A5", "leaflet", "for", "Liège", "in", "Français"]]
               for line in detail)  # fmt: skip


def test_clean_removes_outputs(project):
    build(project)
    assert run_doit(project, "clean").code in (0, None)  # doit's clean returns None
    assert not list((project / "build/leaflets").glob("*.pdf"))
    assert leaflets(project).executed == ALL


def test_state_lives_in_build_with_sqlite(project):
    build(project)
    assert (project / "build/.doit.db").read_bytes()[:16] == b"SQLite format 3\x00"


def test_pyproject_tells_doit_the_same():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["doit"]
    ours = doit_config(REPO)
    assert config["backend"] == ours["backend"] == "campaignkit"
    assert REPO / config["dep_file"] == __import__("pathlib").Path(ours["dep_file"])


def test_a_moved_checkout_is_still_up_to_date(project, tmp_path):
    import shutil

    assert run_doit(project, "run", "leaflet").code == 0
    moved = tmp_path / "elsewhere" / "project"
    shutil.copytree(project, moved)  # build/ and doit's state along with it
    assert run_doit(moved, "run", "leaflet").executed == []
    (moved / "content/cities/liege.yaml").write_text(
        (moved / "content/cities/liege.yaml")
        .read_text()
        .replace("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    )
    assert run_doit(moved, "run", "leaflet").executed == ["leaflet:liege-fr"]


def test_no_room_even_for_the_lock_is_one_line(project, monkeypatch):
    import errno

    from campaignkit import lock

    def full(root):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock, "hold", full)
    result = run_doit(project, "list")
    assert result.code == 3
    assert result.err == (
        "ERROR: no space left on device while writing build/.lock; free space and run doit again\n"
    )
