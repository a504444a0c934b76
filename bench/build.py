"""Build times of the embedded campaign: full, no-op and one-city edit, in one run.

Prints seconds (median of several runs, each a fresh `doit` process as a designer runs it)
and the ratios that matter: a no-op build against `doit list` (the floor: loading content
and planning), and a one-city edit against the full build.

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

        def full(*args: str) -> float:
            shutil.rmtree(root / "build", ignore_errors=True)
            return doit(root, *args)

        def edit() -> float:
            # a real edit each time: the organisers of Liège's stand, swapped back and forth
            text = city.read_text()
            swapped = original.replace("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")
            city.write_text(original if text != original else swapped)
            return doit(root)

        doit(root)  # warm the OS file cache and Python bytecode
        results = {
            "doit list": median(repeat, lambda: doit(root, "list")),
            "leaflets only, from clean": median(repeat, lambda: full("leaflet")),
            "posters only, from clean": median(
                repeat, lambda: full("poster-fit", "poster", "poster-preview")
            ),
            "full build": median(repeat, full),
            "full build -n 2 -P process": median(repeat, lambda: full("-n", "2", "-P", "process")),
            "no-op build": median(repeat, lambda: doit(root)),
            "one-city edit": median(repeat, edit),
        }
        patterns = {
            "leaflets": "leaflets/*.pdf",
            "poster PDFs": "posters/*/*.pdf",
            "previews": "posters/*/*.png",
            "fits": ".fit/*.json",
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
    print(f"  parallel / serial full build "
          f"{results['full build -n 2 -P process'] / results['full build']:7.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
