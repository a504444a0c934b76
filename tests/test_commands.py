"""`doit why` (campaignkit.commands): what changed since an output's last build, in words."""

from __future__ import annotations

from conftest import edit, run_doit


def why(project, *names):
    result = run_doit(project, "why", *names)
    assert result.code == 0, result.err
    return result.out


def test_a_content_edit_is_named_by_its_field_with_both_values(project, stubbed):
    assert run_doit(project, "run", "leaflet").code == 0
    assert why(project, "leaflet:liege-fr") == "leaflet:liege-fr: up to date\n"
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[PAG-ASA]")
    assert why(project, "leaflet:liege-fr", "leaflet:brussels-fr") == (
        "leaflet:liege-fr: content changed: city.events[0].organisers[1] (removed)\n"
        "leaflet:brussels-fr: up to date\n"
    )


def test_files_outputs_and_new_tasks_are_named(project, stubbed):
    assert run_doit(project, "run", "leaflet").code == 0
    path = project / "templates/leaflet/events.html.j2"
    path.write_text(path.read_text() + "{# changed #}\n")
    (project / "build/leaflets/brussels-fr.pdf").unlink()
    said = why(
        project, "leaflet:liege-fr", "leaflet:brussels-fr", "poster:shine-the-light-en-a3-press"
    )
    assert said == (
        "leaflet:liege-fr: file changed: templates/leaflet/events.html.j2\n"
        "leaflet:brussels-fr: file changed: templates/leaflet/events.html.j2\n"
        "leaflet:brussels-fr: build/leaflets/brussels-fr.pdf is missing\n"
        "poster:shine-the-light-en-a3-press: never built (no record of a build)\n"
    )


def test_without_names_every_task_that_would_run(project, stubbed):
    assert run_doit(project, "run", "leaflet").code == 0
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya]")
    lines = why(project).splitlines()
    leaflets = [line for line in lines if line.startswith("leaflet:")]
    assert leaflets == ["leaflet:liege-fr: content changed: city.events[0].organisers[0] "
                        "(PAG-ASA -> Sürya), city.events[0].organisers[1] (removed)"]  # fmt: skip
    assert lines[-1].endswith(" tasks would run") and "up to date" not in "\n".join(lines)


def test_an_unknown_task_is_one_line(project):
    result = run_doit(project, "why", "leaflet:atlantis-fr")
    assert result.code == 3
    assert result.err == "ERROR: no task named leaflet:atlantis-fr; see `doit list --all`\n"
