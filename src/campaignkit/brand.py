"""The brand kit: colours, fonts, type sizes and the blue heart, read from brand/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, RootModel, StringConstraints, model_validator

from .errors import ContentError, Problem
from .glyphs import ROLES, drawing, font_problem
from .schema import Model
from .validation import line_of, validate
from .yamlfile import dotted, read_yaml

Hex = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Family = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9 -]+$")]
RelPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+$")]
Points = Annotated[float, Field(gt=0)]


class Face(Model):
    file: RelPath
    weight: Annotated[int, Field(ge=100, le=900, multiple_of=100)] = 400
    style: Literal["normal", "italic"] = "normal"


Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Role = Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]


class Font(Model):
    family: Family
    # BCP 47 language subtags (a locale's language: Dari, fa_AF, is fa) whose texts this font
    # draws in place of body and display; none: body or display, for every other language
    languages: tuple[Language, ...] = ()
    faces: Annotated[list[Face], Field(min_length=1)]
    licence: RelPath  # under brand/: shipped with the fonts in packs


class Fonts(RootModel[dict[Role, Font]]):
    """The brand's fonts by role: body and display, and fonts for the languages they cannot
    draw (Arabic script), each standing in for both in its languages."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _roles(self):
        problems = [f"needs '{role}'; add it" for role in ROLES if role not in self.root]
        problems += [
            f"{role}: is used for every language; remove its languages"
            for role in ROLES
            if role in self.root and self.root[role].languages
        ]
        problems += [f"{role}: list the languages it draws (languages: [fa]), or remove it"
                     for role, font in self.root.items()
                     if role not in ROLES and not font.languages]  # fmt: skip
        seen: dict[str, str] = {}
        for role, font in self.root.items():
            for language in font.languages:
                if language in seen:
                    problems.append(f"{role}: '{language}' is drawn by {seen[language]} "
                                    "already; list it under one font only")  # fmt: skip
                seen.setdefault(language, role)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def items(self):
        return list(self.root.items())

    @property
    def body(self) -> Font:
        return self.root["body"]

    @property
    def display(self) -> Font:
        return self.root["display"]

    def drawing(self, locale: str | None) -> dict[str, Font]:
        """The font of each role (body, display) for texts in `locale` ('fa_AF'): the font
        listing the locale's language for both, else their own; None: the brand's own."""
        listed = {role: list(font.languages) for role, font in self.root.items()}
        return {role: self.root[own] for role, own in drawing(listed, locale).items()}

    def files(self, locale: str | None = None) -> list[str]:
        """The font files (relative to brand/) texts in `locale` are drawn with; None: all."""
        fonts = self.root.values() if locale is None else self.drawing(locale).values()
        return list(dict.fromkeys(face.file for font in fonts for face in font.faces))


class TypeScale(Model):
    scale: Annotated[list[Points], Field(min_length=2)]
    minimum: Points
    line_height: Annotated[float, Field(ge=1, le=2)]


class Leaflet(Model):
    page: Literal["A5", "A4"]
    margin_mm: Annotated[float, Field(ge=5, le=30)]
    body: Points
    small: Points
    lead: Points
    heading: Points
    headline: Points
    figure: Points
    facts: Points
    cover_mm: Annotated[float, Field(ge=20, le=150)]  # least height of the front's cover
    qr_mm: Annotated[float, Field(ge=15, le=40)]  # QR codes smaller than this scan badly


Percent = Annotated[float, Field(ge=0, le=100)]
Millimetres = Annotated[float, Field(gt=0, le=2000)]
ColourName = Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
SizeName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+$")]
COLOURS = {"blue", "navy", "sky", "ink", "muted", "paper"}


class Press(Model):
    """What a print shop needs: bleed, room for crop marks, its colour profile."""

    bleed_mm: Annotated[float, Field(ge=0, le=10)]
    slug_mm: Annotated[float, Field(ge=5, le=25)]  # room outside the bleed for crop marks
    profile: RelPath  # CMYK ICC profile of the printing condition, under brand/
    profile_name: str  # OutputConditionIdentifier: the registered printing condition
    condition: str  # the printing condition in words
    min_dpi: Annotated[int, Field(ge=72, le=1200)] = 300


class FitRange(Model):
    """Sizes a fitted text box may take, in pt at the reference size: scale steps in between."""

    min: Points
    max: Points


class Poster(Model):
    reference: SizeName  # the press size whose points the type sizes are given at
    sizes: dict[SizeName, tuple[Millimetres, Millimetres]]  # press sizes: width, height
    office: dict[SizeName, tuple[Millimetres, Millimetres]]  # office printer pages
    office_margin_mm: Annotated[float, Field(ge=5, le=30)]
    headline: FitRange
    support: FitRange
    address: FitRange  # the help address, never wrapped
    help: FitRange  # the rest of the help block
    kicker: Points
    date: Points
    small: Points

    @model_validator(mode="after")
    def _reference_is_a_size(self):
        if self.reference not in self.sizes:
            raise ValueError(f"reference '{self.reference}' must be one of the press sizes")
        return self


Pixels = Annotated[int, Field(gt=0, le=10000)]
CardColour = Literal["blue", "navy", "sky", "ink", "muted", "paper"]  # the colours every brand has


def steps_between(scale: list[float], low: float, high: float) -> list[float]:
    """The steps of a type scale from `high` down to `low`, largest first: the sizes a fitted
    text tries in turn."""
    return sorted((step for step in scale if low <= step <= high), reverse=True)


def off_scale(sizes: list[tuple[str, float]], scale: list[float], minimum: float,
              unit: str) -> list[str]:  # fmt: skip
    """A problem for each (role, size) not on `scale` or below `minimum`."""
    problems = []
    for role, size in sizes:
        if size not in scale:
            steps = ", ".join(f"{step:g}" for step in scale)
            problems.append(f"text.{role}: {size:g} {unit} is not on the scale; use one of "
                            f"{steps}")  # fmt: skip
        elif size < minimum:
            problems.append(f"text.{role}: {size:g} {unit} is below the minimum of "
                            f"{minimum:g} {unit}")  # fmt: skip
    return problems


class Insets(Model):
    """Px kept free of text at each edge of a card."""

    top: Annotated[int, Field(ge=0)] = 0
    right: Annotated[int, Field(ge=0)] = 0
    bottom: Annotated[int, Field(ge=0)] = 0
    left: Annotated[int, Field(ge=0)] = 0


class CardText(Model):
    """One text on a social card: its face, colour, line height and size in px.

    A fixed `size`, or a fitted range `min`..`max` (the largest step of the scale that fits)."""

    font: Literal["body", "display"]
    weight: Annotated[int, Field(ge=100, le=900, multiple_of=100)] = 400
    style: Literal["normal", "italic"] = "normal"
    color: CardColour
    size: Pixels | None = None
    min: Pixels | None = None
    max: Pixels | None = None
    line_height: Annotated[float, Field(ge=0.8, le=2)] | None = None  # else type.line_height
    upper: bool = False  # set in capitals
    wrap: bool = True  # false: one line, never broken (a figure)

    @model_validator(mode="after")
    def _size_or_range(self):
        if (self.size is None) == (self.min is None or self.max is None):
            raise ValueError("give either a size, or min and max for a fitted text")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self

    def sizes(self) -> list[int]:
        return [self.size] if self.size is not None else [self.min, self.max]


class CardTexts(Model):
    kicker: CardText  # beside the heart: what the card belongs to
    figure: CardText  # the one big number of a figure card
    headline: CardText
    address: CardText  # a web address to type, on one line (the help card's)
    quote: CardText
    support: CardText  # the text under the headline
    note: CardText  # a source, an attribution, a time
    footer: CardText  # under the rule: the day and its date


class Composition(Model):
    """Where a card's small heart sits (beside the footer, at its left or right) and where
    the beam of light falling on it enters at the top edge (a share of the card's width)."""

    heart: Literal["left", "right"] = "left"
    source: Annotated[float, Field(ge=0, le=1)]


class Light(Model):
    """The beam of light falling on the heart and the pool of light under it, as on the
    posters: `color` laid over the background, so it only lightens what text stands on."""

    color: CardColour
    beam: Annotated[float, Field(ge=0, le=1)]  # opacity of the wedge
    pool: Annotated[float, Field(ge=0, le=1)]  # opacity of the pool under the heart
    width: Annotated[float, Field(ge=0.5, le=5)]  # the beam's width at the heart, in hearts
    min_width: Annotated[int, Field(ge=0, le=2000)]  # ... and at least this, px
    soft: Annotated[int, Field(ge=0, le=100)]  # px of blur on their edges
    compositions: Annotated[dict[str, Composition], Field(min_length=1)]  # 'default', card ids

    @model_validator(mode="after")
    def _default(self):
        if "default" not in self.compositions:
            raise ValueError("compositions needs a 'default'")
        return self


class Social(Model):
    """Social media cards (PNG): sizes, safe zones, type and colours, all in px."""

    sizes: Annotated[dict[SizeName, tuple[Pixels, Pixels]], Field(min_length=1)]
    margin: Annotated[int, Field(ge=0, le=400)]  # empty edge on every card
    safe: Annotated[dict[SizeName, Insets], Field(default_factory=dict)]  # where apps overlay
    scale: Annotated[list[Pixels], Field(min_length=2)]
    minimum: Pixels
    gap: Annotated[int, Field(ge=0, le=400)]  # between blocks of text
    heart: Pixels  # height of the heart beside the kicker
    hero_heart: Pixels  # height of the day card's big heart (less where the card is short)
    rule: Annotated[int, Field(ge=0, le=50)]  # thickness of the line above the footer
    background: CardColour
    rule_color: CardColour
    qr: Annotated[int, Field(ge=100, le=2000)]  # the help card's QR code at most, quiet zone in
    qr_module: Annotated[int, Field(ge=2, le=40)]  # px per module at least (phones read it)
    light: Light
    text: CardTexts

    @model_validator(mode="after")
    def _sizes_on_the_scale(self):
        problems = [f"safe.{name}: '{name}' is not one of the sizes"
                    for name in self.safe if name not in self.sizes]  # fmt: skip
        sizes = [(role, size) for role, spec in self.text for size in spec.sizes()]
        problems += off_scale(sizes, self.scale, self.minimum, "px")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def insets(self, size: str) -> Insets:
        """The edges of a card kept free of text: the margin, or the safe zone where larger."""
        zone = self.safe.get(size, Insets())
        return Insets(**{side: max(self.margin, value) for side, value in zone})


class DeckText(Model):
    """One role of text on slides: face, colour, and the sizes (pt) it may be fitted to."""

    font: Literal["body", "display"]
    weight: Annotated[int, Field(ge=100, le=900, multiple_of=100)] = 400
    style: Literal["normal", "italic"] = "normal"
    color: CardColour
    min: Points
    max: Points
    line_height: Annotated[float, Field(ge=0.8, le=2)] = 1.2
    gap: Annotated[float, Field(ge=0, le=3)] = 0.5  # space after a paragraph, in em

    @model_validator(mode="after")
    def _range(self):
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class DeckTexts(Model):
    cover: DeckText  # the title slide's title
    title: DeckText
    subtitle: DeckText  # under the cover title, and a quote's attribution
    heading: DeckText  # over a column: a person's, a centre's name
    body: DeckText
    quote: DeckText
    caption: DeckText  # sources under charts


class Deck(Model):
    """Slide decks (PPTX, 16:9): the type sizes of the master made from the brand."""

    scale: Annotated[list[Points], Field(min_length=2)]
    minimum: Points  # no text on a slide is smaller
    text: DeckTexts

    @model_validator(mode="after")
    def _sizes_on_the_scale(self):
        sizes = [(role, size) for role, spec in self.text for size in (spec.min, spec.max)]
        problems = off_scale(sizes, self.scale, self.minimum, "pt")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def steps(self, spec: DeckText) -> list[float]:
        """Scale steps from spec.max down to spec.min, largest first."""
        return steps_between(self.scale, spec.min, spec.max)


class Heart(Model):
    """The blue heart: a vector drawing, and the brand colour each colour it is drawn in is
    (so outputs draw it in the brand's colours, in CMYK for press)."""

    file: RelPath  # SVG, under brand/
    colors: Annotated[dict[Hex, ColourName], Field(min_length=1)]  # '#0B5CAD': blue


class Brand(Model):
    """brand/brand.yaml"""

    name: str
    heart: Heart
    colors: dict[ColourName, Hex]
    cmyk: dict[ColourName, tuple[Percent, Percent, Percent, Percent]]
    fonts: Fonts
    type: TypeScale
    leaflet: Leaflet
    press: Press
    poster: Poster
    social: Social
    deck: Deck

    @model_validator(mode="after")
    def _needed_colours(self):
        for field, colours in (("colors", self.colors), ("cmyk", self.cmyk)):
            missing = COLOURS - set(colours)
            if missing:
                raise ValueError(f"{field} needs {', '.join(sorted(missing))}; add them")
        return self

    @model_validator(mode="after")
    def _heart_in_brand_colours(self):
        unknown = sorted({name for name in self.heart.colors.values() if name not in self.colors})
        if unknown:
            raise ValueError(f"heart.colors names {', '.join(unknown)}, which colors does not "
                             f"have; use one of {', '.join(sorted(self.colors))}")  # fmt: skip
        return self

    def font_files(self, locale: str | None = None) -> list[str]:
        """The font files (relative to brand/) texts in `locale` are drawn with; None: every
        font file of the brand."""
        return self.fonts.files(locale)

    def licences(self) -> list[str]:
        """The fonts' licence files, relative to brand/."""
        return list(dict.fromkeys(font.licence for _, font in self.fonts.items()))

    def face(self, spec: CardText | DeckText, locale: str | None = None) -> str:
        """The font file (under brand/) nearest a text's face in `locale`'s font: same style
        first, then the closest weight."""
        font = self.fonts.drawing(locale)[spec.font]
        best = min(font.faces, key=lambda f: (f.style != spec.style, abs(f.weight - spec.weight)))
        return best.file

    def files(self) -> list[str]:
        """Every brand file a document may use, relative to brand/."""
        return sorted({self.heart.file, self.press.profile, *self.font_files()})

    def scale_between(self, span: FitRange) -> list[float]:
        """Type scale steps from span.max down to span.min, largest first."""
        return steps_between(self.type.scale, span.min, span.max)


def load_brand(root: Path) -> Brand:
    """Read and check brand/brand.yaml; raise ContentError listing every problem."""
    name = "brand/brand.yaml"
    data, marks, problems = read_yaml(root / name, name)
    brand = None
    if not problems:
        brand, problems = validate(Brand, data, name, marks)
    if brand is not None:
        problems += _check(root, brand, marks, name)
    if problems:
        raise ContentError(problems)
    return brand


def _check(root: Path, brand: Brand, marks, name: str) -> list[Problem]:
    problems = []
    folder = (root / "brand").resolve()
    references = (
        [
            (("heart", "file"), brand.heart.file),
            (("press", "profile"), brand.press.profile),
        ]
        + [
            (("fonts", role, "faces", index, "file"), face.file)
            for role, font in brand.fonts.items()
            for index, face in enumerate(font.faces)
        ]
        + [(("fonts", role, "licence"), font.licence) for role, font in brand.fonts.items()]
    )
    for loc, rel in references:
        path = (folder / rel).resolve()
        if loc[2:3] == ("faces",) and path.is_relative_to(folder) and path.is_file():
            why = font_problem(path)
            if why:
                problems.append(Problem(name, line_of(marks, loc), dotted(loc), f"'{rel}' {why}"))
        if not path.is_relative_to(folder) or not path.is_file():
            problems.append(
                Problem(
                    name,
                    line_of(marks, loc),
                    dotted(loc),
                    f"'{rel}' is not a file in brand/; add it or fix the path",
                )
            )
    problems += _check_heart(root, brand, marks, name)
    scale = brand.type.scale
    sizes = [(("leaflet", field), size) for field, size in brand.leaflet.model_dump().items()
             if field != "page" and not field.endswith("_mm")]  # fmt: skip
    sizes += [(("poster", box, end), getattr(getattr(brand.poster, box), end))
              for box in ("headline", "support", "address", "help")
              for end in ("min", "max")]  # fmt: skip
    sizes += [
        (("poster", field), getattr(brand.poster, field)) for field in ("kicker", "date", "small")
    ]
    for loc, size in sizes:
        if size not in scale:
            problems.append(
                Problem(
                    name,
                    line_of(marks, loc),
                    dotted(loc),
                    f"{size:g} pt is not on the type scale; use one of "
                    + ", ".join(f"{s:g}" for s in scale),
                )
            )
        elif size < brand.type.minimum:
            problems.append(
                Problem(
                    name,
                    line_of(marks, loc),
                    dotted(loc),
                    f"{size:g} pt is below the minimum of {brand.type.minimum:g} pt",
                )
            )
    return problems


def _check_heart(root: Path, brand: Brand, marks, name: str) -> list[Problem]:
    """Every colour the heart is drawn in must be mapped to a brand colour: otherwise it
    would keep its colour when the brand's changes, and put RGB into press PDFs."""
    from .heart import drawn_colours, normal

    path = (root / "brand" / brand.heart.file).resolve()
    if not path.is_relative_to((root / "brand").resolve()) or not path.is_file():
        return []  # said above
    try:
        svg = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(name, line_of(marks, ("heart", "file")), "heart.file",
                        f"'{brand.heart.file}' is not an SVG file (not UTF-8 text)")]  # fmt: skip
    mapped = {normal(colour) for colour in brand.heart.colors}
    loc = ("heart", "colors")
    names = ", ".join(sorted(brand.colors))
    why = ("brand/{file} is drawn in {colour}, which heart.colors does not name; add "
           "'\"{colour}\": <brand colour>' (one of {names})")  # fmt: skip
    return [
        Problem(
            name,
            line_of(marks, loc),
            dotted(loc),
            why.format(file=brand.heart.file, colour=colour, names=names),
        )
        for colour in drawn_colours(svg)
        if colour not in mapped
    ]
