"""The garbage collector's pace: rare while doit loads and checks the graph, as usual to render."""

from __future__ import annotations

import gc

#: Python's own thresholds, kept when this module is first imported.
USUAL = gc.get_threshold()
#: While the graph loads: thousands of task dicts and records, none of them garbage, which
#: the usual pace would scan again every 700 allocations (a no-op at +100 cities spends
#: about 15 % of its time so). Only the youngest generation waits longer.
LOADING = (50_000, *USUAL[1:])


def load_pace() -> None:
    gc.set_threshold(*LOADING)


def render_pace() -> None:
    """Back to the usual pace (an action's renderer makes cycles, WeasyPrint many)."""
    if gc.get_threshold() != USUAL:
        gc.set_threshold(*USUAL)
