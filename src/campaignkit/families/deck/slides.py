"""What slides show: the typed content a deck's plan gives its renderer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Text:
    """A placeholder's text in one role of brand.yaml's deck.text (its fonts and sizes)."""

    role: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Chart:
    """A native chart: values in millions, with labels written for the locale."""

    kind: str  # 'bar' or 'part'
    categories: list[str]
    values: list[float]
    labels: list[str]
    alt: str


@dataclass(frozen=True)
class Picture:
    picture: str  # 'heart': the brand's; 'qr': a QR code of `url`
    alt: str
    url: str | None = None


@dataclass(frozen=True)
class Fill:
    """What one placeholder (by idx) of the slide's layout shows."""

    idx: int
    shows: Text | Chart | Picture


@dataclass(frozen=True)
class Slide:
    id: str
    layout: str  # the master's layout, by name
    fills: tuple[Fill, ...]
    notes: str
