"""The brand kit: colours, fonts, type sizes and the blue heart, read from brand/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .errors import ContentError, Problem
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


class Font(Model):
    family: Family
    faces: Annotated[list[Face], Field(min_length=1)]


class Fonts(Model):
    body: Font
    display: Font

    def items(self):
        return [("body", self.body), ("display", self.display)]


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


class Brand(Model):
    """brand/brand.yaml"""

    name: str
    heart: RelPath
    colors: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")], Hex]
    fonts: Fonts
    type: TypeScale
    leaflet: Leaflet

    @model_validator(mode="after")
    def _needed_colours(self):
        missing = {"blue", "navy", "sky", "ink", "muted", "paper"} - set(self.colors)
        if missing:
            raise ValueError(f"colors needs {', '.join(sorted(missing))}; add them")
        return self

    def files(self) -> list[str]:
        """Every brand file a document may use, relative to brand/."""
        fonts = [face.file for _, font in self.fonts.items() for face in font.faces]
        return sorted({self.heart, *fonts})


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
    references = [(("heart",), brand.heart)] + [
        (("fonts", role, "faces", index, "file"), face.file)
        for role, font in brand.fonts.items()
        for index, face in enumerate(font.faces)
    ]
    for loc, rel in references:
        path = (folder / rel).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            problems.append(
                Problem(
                    name,
                    line_of(marks, loc),
                    dotted(loc),
                    f"'{rel}' is not a file in brand/; add it or fix the path",
                )
            )
    scale = brand.type.scale
    for field, size in brand.leaflet.model_dump().items():
        if field in ("page", "margin_mm"):
            continue
        loc = ("leaflet", field)
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
