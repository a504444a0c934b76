"""The task graph described from the plan: a plan again digests only content it has not met."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import edit

from campaignkit import description, reasons
from campaignkit.codedeps import PACKAGE
from campaignkit.job import perform
from campaignkit.registry import FAMILIES


def digests(root) -> dict[str, str]:
    """Each task's one config_changed digest, by task name."""
    graph = description.graph(root, FAMILIES, PACKAGE, perform)
    return {f"{task['basename']}:{task['name']}": task["uptodate"][0].config
            for tasks in graph.tasks.values() for task in tasks[1:]}  # fmt: skip


@pytest.fixture
def made_plain(monkeypatch) -> list[str]:
    """The outputs whose content a plan made plain (to digest it, or to keep its inputs)."""
    names: list[str] = []
    real = description.shown_content

    def counting(out, memo):
        names.append(f"{out.step.name}:{out.name}")
        return real(out, memo)

    monkeypatch.setattr(description, "shown_content", counting)
    return names


def test_a_plan_again_makes_plain_only_the_content_of_jobs_it_has_not_met(project, made_plain):
    first = digests(project)
    assert len(made_plain) == 2 * len(first)  # digested, and kept for `doit why`
    made_plain.clear()
    assert digests(project) == first
    assert made_plain == []
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    edited = digests(project)
    # the city's leaflet and cards, its pack and the gallery page that lists its organisers
    assert made_plain and all("liege" in name or name == "site:index" for name in made_plain)
    assert {name for name in first if edited[name] != first[name]} == set(made_plain)


def test_the_digests_are_those_of_a_plan_that_kept_nothing(project):
    """What earlier plans kept changes how fast a plan is, never what it says."""
    digests(project)
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    edit(project / "content/campaign.yaml", "slachtoffers van mensenhandel te tonen.",
         "slachtoffers van mensenhandel te tonen!")  # fmt: skip
    helped = digests(project)
    (project / reasons.FILE).unlink()
    assert digests(project) == helped


def test_the_kept_digests_are_this_plans_only(project):
    """The table of content digests is replaced by each plan's: it never outgrows one."""
    first = digests(project)
    edit(project / "content/cities/liege.yaml", "[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
    digests(project)
    with sqlite3.connect(project / reasons.FILE) as conn:
        (rows,) = conn.execute("select count(*) from shown").fetchone()
    assert rows == len(first)


def test_the_jobs_share_one_brand_so_the_snapshot_holds_it_once_a_step(project):
    import pickle

    from campaignkit.job import unpack

    graph = description.graph(project, FAMILIES, PACKAGE, perform)
    tasks = [task for step in graph.tasks.values() for task in step[1:] if "actions" in task]
    packed = [task["actions"][0][1][1] for task in tasks]
    brand = unpack(packed[0]).brand
    assert brand["heart"]["file"] and all(unpack(job).brand == brand for job in packed)
    # the brand's bytes once per step, not once per task
    blob = pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
    marker = pickle.dumps(brand, protocol=pickle.HIGHEST_PROTOCOL)[-200:]
    assert len(tasks) > 300
    assert blob.count(marker) == len({id(job.brand) for job in packed}) <= len(graph.steps)
