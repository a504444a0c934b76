"""Splitting a build across machines: each shard builds a stable share of the outputs, and
an assemble step builds what gathers them (packs, gallery) from the shards' files.

An output and the outputs made from its files (a leaflet, its press and two-up versions and
its preview) are one unit, built by one shard; a unit's shard is a hash of its first task's
name, so adding a city moves no other output to another shard.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .output import Output, Step

#: The environment variable CI jobs set instead of `doit shard=2/3`.
VARIABLE = "CAMPAIGNKIT_SHARD"
ASSEMBLE = "assemble"


@dataclass(frozen=True)
class Shard:
    index: int  # 1 to count; 0: the assemble step
    count: int

    def __str__(self) -> str:
        return ASSEMBLE if self.index == 0 else f"{self.index}/{self.count}"


def from_environment() -> str | None:
    return os.environ.get(VARIABLE, "").strip() or None


def parse(text: str | None) -> Shard | None:
    """'2/3' (the second of three shards), 'assemble', or nothing (the whole build)."""
    if not text:
        return None
    if text == ASSEMBLE:
        return Shard(0, 0)
    found = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not found or not 1 <= int(found[1]) <= int(found[2]):
        raise ValueError(
            f"shard={text}: not a shard; write shard=i/n with 1 <= i <= n "
            "(e.g. shard=2/3), or shard=assemble for the packs and gallery"
        )
    return Shard(int(found[1]), int(found[2]))


def share(planned: list[Output], gathering: set[Step], shard: Shard | None) -> list[Output]:
    """The outputs `shard` builds, in plan order: its units' outputs, or for the assemble
    step those of the `gathering` steps; every output when there is no shard."""
    if shard is None:
        return planned
    if shard.index == 0:
        return [out for out in planned if out.step in gathering]
    parts = [out for out in planned if out.step not in gathering]
    return [
        out
        for out, unit in zip(parts, units(parts), strict=True)
        if assign(unit, shard.count) == shard.index
    ]


def units(planned: list[Output]) -> list[str]:
    """Each output's unit, named by its first task ('leaflet:liege-fr'): outputs joined by
    the files one reads of another."""
    parent = list(range(len(planned)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    makers = {target: i for i, out in enumerate(planned) for target in out.targets}
    for i, out in enumerate(planned):
        for need in out.needs:
            if need in makers:
                a, b = root(i), root(makers[need])
                parent[max(a, b)] = min(a, b)
    return [f"{planned[root(i)].step.name}:{planned[root(i)].name}" for i in range(len(planned))]


def assign(unit: str, count: int) -> int:
    """The shard (1 to `count`) building `unit`: the same on every machine and every run."""
    return int.from_bytes(hashlib.sha256(unit.encode()).digest()[:8], "big") % count + 1
