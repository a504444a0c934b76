"""Build times at scale: the embedded campaign with N synthetic cities, in one run.

For each N (default 0, 100, 300) a copy of the campaign gets N more cities (one stand each,
languages cycling fr / nl / de / fr+nl) in a temporary folder, and this prints: `doit list
--all`, a full build serial and with `-n 2 -P process`, then a no-op, a one-city edit and a
translation edit (one Dutch sentence), each serial and with `-n 2 -P process`; the cost per
task, the peak memory of the -n 2 build (RSS and PSS: its workers share pages) and the size
of build/, then the ratios the targets are about (README, "Scale").

The package's code is copied into the temporary folder first, so editing src/ while this
runs changes neither its figures nor its builds.

    .venv/bin/python bench/scale.py [--cities 0,100,300] [--repeat 3] [--no-serial]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = (["fr"], ["nl"], ["de"], ["fr", "nl"])
#: One sentence a translator fixes: the Dutch call to wear the heart, '.' and '!' in turn.
PARALLEL = ("-n", "2", "-P", "process")
CALL = "solidariteit met de slachtoffers van mensenhandel te tonen."


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest sum of RSS over doit and its workers, sampled
    process_mb: float  # the largest RSS of one of them
    pss_mb: float  # the largest sum of their PSS
    output: str = ""


@dataclass
class Figures:
    cities: int
    tasks: int = 0
    results: dict[str, float] = field(default_factory=dict)
    ran: dict[str, int] = field(default_factory=dict)  # tasks executed by each edit
    peak_mb: float = 0.0
    process_mb: float = 0.0
    pss_mb: float = 0.0
    size_mb: float = 0.0
    files: int = 0


def tree_memory(pid: int) -> tuple[int, int, int]:
    """Memory of `pid` and all its descendants, from /proc: the sum of their RSS, the
    largest one's RSS, and the sum of their PSS (each page shared by k of them counted 1/k:
    forked workers share the graph doit loaded, which an RSS sum counts once per process)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        child = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(child)
        rss[child] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, largest, proportional, todo = 0, 0, 0, [pid]
    while todo:
        here = todo.pop()
        total += rss.get(here, 0)
        largest = max(largest, rss.get(here, 0))
        proportional += pss(here)
        todo += children.get(here, [])
    return total, largest, proportional


def pss(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in rollup.splitlines()
                 if line.startswith("Pss:")), 0)  # fmt: skip


def doit(root: Path, *args: str, env: dict[str, str], sample: bool = False) -> Run:
    """One doit run; with `sample`, its memory is sampled (which delays the end a little)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:  # a pipe would fill and stall
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "doit", *args], cwd=root, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        peak = largest = shared = 0
        while sample and process.poll() is None:
            total, one, proportional = tree_memory(process.pid)
            peak, largest, shared = max(peak, total), max(largest, one), max(shared, proportional)
            time.sleep(0.2)
        process.wait()
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    if process.returncode:
        sys.exit(f"bench: doit {' '.join(args)} failed in {root}:\n{output[-3000:]}")
    return Run(seconds, peak / 2**20, largest / 2**20, shared / 2**20, output)


def executed(output: str) -> int:
    """Tasks doit ran (verbosity 2 prints '.  name' for each, '-- ' for those up to date)."""
    return sum(1 for line in output.splitlines() if line.startswith(".  "))


def add_cities(root: Path, count: int) -> None:
    for number in range(1, count + 1):
        name = f"Synthetic {number:03d}"
        languages = LANGUAGES[(number - 1) % len(LANGUAGES)]
        (root / f"content/cities/synthetic-{number:03d}.yaml").write_text(
            f"name: {{en: {name}, fr: {name}, nl: {name}, de: {name}}}\n"
            f"languages: [{', '.join(languages)}]\n"
            "events:\n  - kind: stand\n",
            encoding="utf-8",
        )


def toggle(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new) if old in text else text.replace(new, old),
                    encoding="utf-8")  # fmt: skip


def measure(base: Path, cities: int, repeat: int, serial: bool, edits: int) -> Figures:
    root = base / f"campaign-{cities}"
    for folder in ("brand", "templates", "content"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "dodo.py", root)
    add_cities(root, cities)
    env = {**os.environ, "PYTHONPATH": str(base / "code")}
    figures = Figures(cities)
    listing = doit(root, "list", "--all", env=env)
    figures.tasks = sum(1 for line in listing.output.splitlines() if ":" in line.split()[0])

    def median(label: str, step, runs: int = repeat) -> None:
        figures.results[label] = statistics.median(step() for _ in range(runs))

    median("doit list --all", lambda: doit(root, "list", "--all", env=env).seconds)
    if serial:
        figures.results["full build, serial"] = doit(root, env=env).seconds
        shutil.rmtree(root / "build")
    full = doit(root, *PARALLEL, env=env, sample=True)
    figures.results["full build, -n 2"] = full.seconds
    figures.peak_mb, figures.process_mb, figures.pss_mb = full.peak_mb, full.process_mb, full.pss_mb
    built = [path for path in (root / "build").rglob("*") if path.is_file()]
    figures.files = len(built)
    figures.size_mb = sum(path.stat().st_size for path in built) / 2**20
    median("no-op", lambda: doit(root, env=env).seconds)
    city = root / "content/cities/liege.yaml"
    campaign = root / "content/campaign.yaml"

    median("no-op, -n 2", lambda: doit(root, *PARALLEL, env=env).seconds)

    def edit(path: Path, old: str, new: str, label: str, *options: str):
        def step() -> float:
            toggle(path, old, new)
            run = doit(root, "--verbosity", "2", *options, env=env)
            figures.ran[label] = executed(run.output)
            return run.seconds

        return step

    organisers = ("[PAG-ASA, Sürya]", "[Sürya, PAG-ASA]")  # swapped on each edit
    median("one-city edit", edit(city, *organisers, "one-city edit"), edits)
    median("one-city edit, -n 2", edit(city, *organisers, "one-city edit", *PARALLEL), edits)
    median("translation edit", edit(campaign, CALL, CALL[:-1] + "!", "translation edit"), edits)
    median("translation edit, -n 2",
           edit(campaign, CALL, CALL[:-1] + "!", "translation edit", *PARALLEL), edits)  # fmt: skip
    return figures


def report(all_figures: list[Figures], repeat: int, edits: int) -> None:
    print(f"campaignkit scale bench: medians of {repeat} runs of list and no-op, "
          f"{edits} of each edit, builds once each")  # fmt: skip
    labels = list(all_figures[0].results)
    head = "".join(f"{f'+{f.cities} cities':>16}" for f in all_figures)
    print(f"  {'':28}{head}")
    print(f"  {'tasks':28}" + "".join(f"{f.tasks:>16}" for f in all_figures))
    print(f"  {'files in build/':28}" + "".join(f"{f.files:>16}" for f in all_figures))
    print(f"  {'build/ size (MB)':28}" + "".join(f"{f.size_mb:>16.0f}" for f in all_figures))
    print(
        f"  {'peak RSS, -n 2, all (MB)':28}" + "".join(f"{f.peak_mb:>16.0f}" for f in all_figures)
    )
    print(
        f"  {'peak RSS, one process (MB)':28}"
        + "".join(f"{f.process_mb:>16.0f}" for f in all_figures)
    )
    print(f"  {'peak PSS, -n 2, all (MB)':28}" + "".join(f"{f.pss_mb:>16.0f}" for f in all_figures))
    for label in labels:
        print(f"  {label + ' (s)':28}" + "".join(f"{f.results[label]:>16.3f}" for f in all_figures))
    for label in ("one-city edit", "translation edit"):
        print(
            f"  {label + ' (tasks run)':28}" + "".join(f"{f.ran[label]:>16}" for f in all_figures)
        )
    print("  ratios")

    def row(label: str, value) -> None:
        print(f"  {label:28}" + "".join(f"{value(f):>16.3f}" for f in all_figures))

    row("no-op / doit list --all", lambda f: f.results["no-op"] / f.results["doit list --all"])
    row("no-op -n 2 / doit list --all",
        lambda f: f.results["no-op, -n 2"] / f.results["doit list --all"])  # fmt: skip
    row("one-city edit -n 2 / full -n 2",
        lambda f: f.results["one-city edit, -n 2"] / f.results["full build, -n 2"])  # fmt: skip
    row("ms per task, -n 2", lambda f: 1000 * f.results["full build, -n 2"] / f.tasks)
    if "full build, serial" in all_figures[0].results:
        row("serial / -n 2",
            lambda f: f.results["full build, serial"] / f.results["full build, -n 2"])  # fmt: skip
        row("ms per task, serial", lambda f: 1000 * f.results["full build, serial"] / f.tasks)
    for a, b in itertools.pairwise(all_figures):
        key = "full build, serial" if "full build, serial" in b.results else "full build, -n 2"
        ratio = (b.results[key] / b.tasks) / (a.results[key] / a.tasks)
        print(f"  per task +{b.cities} / +{a.cities}, {key}: {ratio:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", default="0,100,300",
                        help="numbers of synthetic cities, comma-separated")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs of list and no-op")
    parser.add_argument("--edit-repeat", type=int, default=3, help="runs of each edit")
    parser.add_argument("--no-serial", action="store_true", help="skip the serial full builds")
    args = parser.parse_args()
    counts = [int(count) for count in args.cities.split(",")]
    with tempfile.TemporaryDirectory(prefix="campaignkit-scale-") as tmp:
        base = Path(tmp)
        shutil.copytree(REPO / "src/campaignkit", base / "code/campaignkit")
        all_figures = []
        for count in counts:
            all_figures.append(
                measure(base, count, args.repeat, not args.no_serial, args.edit_repeat)
            )
            print(f"bench: +{count} cities measured", file=sys.stderr, flush=True)
            shutil.rmtree(base / f"campaign-{count}")
    report(all_figures, args.repeat, args.edit_repeat)


if __name__ == "__main__":
    main()
