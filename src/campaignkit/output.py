"""What the plan gives the tasks: each file to build, and what partners get of it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """One kind of task of a family: a doit task group (`doit leaflet`)."""

    name: str  # doit basename: 'leaflet-preview'
    doc: str  # its line in `doit list`
    action: str  # 'module:function' run with each output's Job; the module's imports inside
    #              the package, transitively, are the step's code dependencies
    revision: int = 1  # bump when output changes in a way no input shows
    brand: bool = True  # made from the brand: brand.yaml and the brand's files are inputs


@dataclass(frozen=True)
class Asset:
    """A file partners download, as the packs list it and the gallery shows it."""

    kind: str  # 'leaflet': its kind in manifests, named in words by gallery.yaml `kinds`
    group: str  # the piece it is a version of: one gallery tile ('poster:shine-the-light');
    #             its versions differ in language, variant and size
    title: str  # the gallery's title for it: its headline, in its language
    alt: str  # the text alternative of its preview
    lang: str | None
    city: str | None  # the city it is for; None for campaign-wide assets
    path: str  # the file, project-relative
    sidecars: tuple[str, ...] = ()  # JSON facts beside it, read into pack manifests
    preview: str | None = None  # a PNG of it for the gallery
    slides: tuple[str, ...] = ()  # a PNG of each slide (decks)
    variant: str | None = None  # 'press', 'office': named in words by gallery.yaml `variants`
    size: str | None = None  # 'A2', 'story': named in words by gallery.yaml `sizes`
    # kinds of pack carrying it (pack family): 'language' (campaign-wide assets in a language),
    # 'city' (campaign-wide assets city packs add to the city's own), 'press' (print shops)
    packs: frozenset[str] = frozenset({"language"})
    fonts: bool = False  # uses the brand fonts without embedding them: packs ship them
    # 'source' (in the source language), 'draft' (a text it shows awaits review) or
    # 'approved' (every text it shows is approved): campaignkit.review.marked sets it
    translation: str = "source"


@dataclass(frozen=True)
class Bundle:
    """A download of several assets (a pack), as the gallery lists it."""

    title: str  # in the pack's own language
    path: str
    titles: dict[str, str] = field(default_factory=dict)  # its title in each language (gallery)


@dataclass(frozen=True)
class Output:
    """One file to build (with any files the same task writes beside it), and everything
    that decides its bytes besides files on disk."""

    step: Step  # the family's kind of task that builds it
    name: str  # task name inside the step: 'liege-fr'
    target: str  # project-relative path: 'build/leaflets/liege-fr.pdf'
    doc: str  # one line for `doit list --all`
    context: object  # the family's typed record of exactly the content shown
    params: object = None  # the family's typed renderer settings: geometry, colours, ...
    template: str = ""  # under templates/, for outputs made from one
    lang: str | None = None
    city: str | None = None
    needs: tuple[str, ...] = ()  # files of other outputs (or content) it reads
    extra_targets: tuple[str, ...] = ()  # more files the same task writes
    shows: Asset | Bundle | None = field(default=None, compare=False)  # what partners get

    @property
    def targets(self) -> list[str]:
        return [self.target, *self.extra_targets]
