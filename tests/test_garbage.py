"""The collector waits while doit loads the graph, and keeps its usual pace to render."""

from __future__ import annotations

import gc

import pytest

from campaignkit import garbage, tasks
from campaignkit.job import perform

#: The collector's thresholds each time `seen` ran as an action.
SEEN: list[tuple[int, ...]] = []


def seen(job) -> None:
    SEEN.append(gc.get_threshold())


@pytest.fixture
def usual():
    yield
    gc.set_threshold(*garbage.USUAL)


def test_loading_the_graph_waits_longer_and_an_action_is_back_to_the_usual_pace(project, usual):
    assert garbage.LOADING[0] > 10 * garbage.USUAL[0]
    tasks.creators(project)
    assert gc.get_threshold() == garbage.LOADING
    SEEN.clear()
    assert perform(f"{__name__}:seen", object()) is None
    assert SEEN == [garbage.USUAL]
