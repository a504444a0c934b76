"""Output: one file to build, as the plan describes it to the tasks and renderers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Output:
    """One file to build, and everything that decides its bytes besides files on disk."""

    family: str  # task group: 'leaflet'
    name: str  # task name inside the group: 'liege-fr'
    target: str  # project-relative path: 'build/leaflets/liege-fr.pdf'
    template: str  # under templates/
    doc: str  # one line for `doit list`
    context: dict  # exactly the content shown; its digest decides rebuilds
    lang: str | None = None
    city: str | None = None
    pages: list[dict] = field(default_factory=list)  # page sections and what they hold
    params: dict = field(default_factory=dict)  # renderer settings: geometry, colours, ...
    needs: list[str] = field(default_factory=list)  # other outputs this one reads
    extra_targets: list[str] = field(default_factory=list)  # more files the same task writes
