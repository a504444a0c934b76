#!/usr/bin/env python3
"""Make brand/deck-master.pptx from brand/brand.yaml: run after changing colours, fonts or deck
type sizes there, or the layouts in src/campaignkit/master.py. The same inputs always give the
same bytes, and a test checks the committed file is in step, so change the master here rather
than by hand. Decks find its layouts by name and placeholders by idx."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from campaignkit.atomic import write_bytes  # noqa: E402
from campaignkit.brand import load_brand  # noqa: E402
from campaignkit.errors import ContentError  # noqa: E402
from campaignkit.master import MADE, make_master  # noqa: E402


def main() -> int:
    try:
        brand = load_brand(ROOT, making=frozenset({"deck.master"}))
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    target = ROOT / "brand" / brand.deck.master
    write_bytes(target, make_master(ROOT, brand, MADE))
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
