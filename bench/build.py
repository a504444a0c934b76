"""Build times of the embedded campaign: full, no-op, one-city and quote edits, in one run.

Prints seconds (median of several runs, each a fresh `doit` process as a designer runs it)
and the ratios that matter: a no-op build against `doit list` (the floor: loading content
and planning), edits against the full build, and a deck made with python-pptx against its
preview made with LibreOffice.

    .venv/bin/python bench/build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def doit(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "doit", *args], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def median(runs: int, step) -> float:
    return statistics.median(step() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaign"
        for folder in ("brand", "templates", "content"):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(REPO / "dodo.py", root)
        city = root / "content/cities/liege.yaml"
        original = city.read_text()
        campaign = root / "content/campaign.yaml"
        quote = campaign.read_text()

        def full(*args: str) -> float:
            shutil.rmtree(root / "build", ignore_errors=True)
            return doit(root, *args)

        def edit() -> float:
            # a real edit each time: the organisers of Liège's stand, swapped back and forth
            text = city.read_text()
            swapped = original.replace("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
            city.write_text(original if text != original else swapped)
            return doit(root)

        def edit_quote() -> float:
            # the English quote ends with '!' or '.', in turn: decks and quote cards rebuild
            text = campaign.read_text()
            changed = quote.replace("secure internet for all.", "secure internet for all!", 1)
            campaign.write_text(quote if text != quote else changed)
            return doit(root)

        doit(root)  # warm the OS file cache and Python bytecode
        results = {
            "doit list": median(repeat, lambda: doit(root, "list")),
            "leaflets only, from clean": median(repeat, lambda: full("leaflet")),
            "posters only, from clean": median(
                repeat, lambda: full("poster-fit", "poster", "poster-preview")
            ),
            "decks only, from clean": median(repeat, lambda: full("deck")),
            "decks + previews, from clean": median(repeat, lambda: full("deck-preview")),
            "full build": median(repeat, full),
            "full build -n 2 -P process": median(repeat, lambda: full("-n", "2", "-P", "process")),
            "no-op build": median(repeat, lambda: doit(root)),
            "one-city edit": median(repeat, edit),
            "quote edit (English)": median(repeat, edit_quote),
        }
        patterns = {
            "leaflets": "leaflets/*.pdf",
            "poster PDFs": "posters/*/*.pdf",
            "previews": "posters/*/*.png",
            "fits": ".fit/*.json",
            "decks": "decks/*.pptx",
            "slide previews": "decks/previews/*/*.png",
        }
        counts = {kind: len(list((root / "build").glob(glob))) for kind, glob in patterns.items()}
    outputs = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    print(f"campaignkit build bench: {outputs}; median of {repeat} runs each")
    for name, seconds in results.items():
        print(f"  {name:28} {seconds:7.3f} s")
    print(f"  no-op / doit list            {results['no-op build'] / results['doit list']:7.2f}")
    print(f"  one-city edit / full build   {results['one-city edit'] / results['full build']:7.2f}")
    per_leaflet = results["leaflets only, from clean"] / counts["leaflets"]
    per_poster = results["posters only, from clean"] / counts["poster PDFs"]
    print(f"  per leaflet (incl. start-up)   {per_leaflet:7.3f} s")
    print(f"  per poster PDF (fit, preview)  {per_poster:7.3f} s")
    per_deck = results["decks only, from clean"] / counts["decks"]
    per_preview = (results["decks + previews, from clean"]
                   - results["decks only, from clean"]) / counts["decks"]  # fmt: skip
    print(f"  per deck, python-pptx (incl. start-up)  {per_deck:7.3f} s")
    print(f"  per deck preview, LibreOffice + PNGs    {per_preview:7.3f} s")
    print(f"  LibreOffice preview / python-pptx deck  {per_preview / per_deck:7.2f}")
    quote_ratio = results["quote edit (English)"] / results["full build"]
    print(f"  quote edit / full build      {quote_ratio:7.2f}")
    print(f"  parallel / serial full build "
          f"{results['full build -n 2 -P process'] / results['full build']:7.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
