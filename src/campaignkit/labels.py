"""Labels: template words with {placeholders} that content fills in."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

#: The placeholders each label must hold, exactly: the templates fill in these and no others.
PLACEHOLDERS = {
    "events_title": {"city"},
    "illumination": {"place"},
    "illumination_city": {"city"},
    "stand": {"organisers"},
    "theme_line": {"by", "title"},
    "source": {"source"},
    "spotlight": {"people"},
    "lit_up_support": {"date"},
    "help_short": {"contacts"},
    "qr": {"site"},
    "derived": {"rest", "whole", "part"},
    "graphic": {"shows"},
}


def placeholders(label: str) -> set[str]:
    return set(PLACEHOLDER.findall(label))


def fill(label: str, **values: str) -> str:
    """Put values into a label's {placeholders}; no format-string evaluation."""
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]), label)
