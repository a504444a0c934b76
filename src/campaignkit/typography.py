"""Typography that content authors should not have to type: apostrophes, French spacing."""

from __future__ import annotations

import re

#: French sets a narrow no-break space before these (so they never start a line).
FRENCH_SPACED = re.compile(r"\s+([:;?!»])")


def typeset(text: str, lang: str) -> str:
    """Typographic apostrophes; in French, narrow no-break spaces before : ; ? ! »."""
    text = text.replace("'", "’")
    if lang == "fr":
        text = FRENCH_SPACED.sub("\u202f\\1", text).replace("« ", "«\u202f")
    return text
