"""Empty bands on rendered pages: the tallest run of rows that show nothing but one colour."""

from __future__ import annotations

from PIL import Image

#: Channel difference under which two pixels count as the same colour (antialiasing, JPEG).
TOLERANCE = 10
#: Rows are compared at this width: fine enough for a line of body text on an A5 page.
WIDTH = 300


def flat_rows(image: Image.Image) -> list[tuple[int, int, int] | None]:
    """Per row, its one colour, or None where the row shows anything else."""
    small = image.convert("RGB")
    if small.width > WIDTH:
        small = small.resize((WIDTH, round(small.height * WIDTH / small.width)), Image.BOX)
    rows = []
    for y in range(small.height):
        row = small.crop((0, y, small.width, y + 1))
        extrema = row.getextrema()
        if all(high - low <= TOLERANCE for low, high in extrema):
            rows.append(tuple((low + high) // 2 for low, high in extrema))
        else:
            rows.append(None)
    return rows


def tallest_band(image: Image.Image) -> tuple[float, tuple[int, int, int] | None, int]:
    """(height of the tallest one-colour band as a fraction of the page height, its colour,
    the row it starts at, in rows of `image`)."""
    rows = flat_rows(image)
    scale = image.height / len(rows)
    best, colour, start = 0, None, 0
    run, run_colour, run_start = 0, None, 0
    for y, row in enumerate(rows):
        same = (
            row is not None
            and run_colour is not None
            and all(abs(a - b) <= TOLERANCE for a, b in zip(row, run_colour, strict=True))
        )
        if same:
            run += 1
        else:
            run, run_colour, run_start = (1, row, y) if row is not None else (0, None, y)
        if run > best:
            best, colour, start = run, run_colour, run_start
    return best / len(rows), colour, round(start * scale)
