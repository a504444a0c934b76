"""Social cards per second: campaignkit's Pillow renderer against headless Chromium, one run.

Pillow: the doit action (`render_card`: fit, draw, encode, write PNG and sidecar) on every
card of the embedded campaign, in this process, warm (as in doit's long-lived process).
Chromium: the usual alternative, an HTML card of the same design screenshotted by Debian's
`chromium --headless --screenshot`, one process per card as a build would run it; it gets the
type sizes Pillow fitted for free (no fitting script), so the comparison favours it.

    .venv/bin/python bench/social.py [--chromium N] [--browser /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image

from campaignkit.description import load, make_job
from campaignkit.families.social.plan import SOCIAL
from campaignkit.families.social.render import lay_out, render_card

REPO = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--force-device-scale-factor=1"]  # fmt: skip


def card_html(root: Path, out, heart: str) -> str:
    """The same card as HTML and CSS: same boxes, fonts, sizes and colours as Pillow's."""
    params, layout = out.params, lay_out(root, out.context, out.params, heart)
    faces = "".join(
        f'@font-face {{ font-family: "f{i}"; src: url("{root / rel}"); }}'
        for i, rel in enumerate(sorted({block.font for block in layout.blocks}))
    )
    names = {rel: f"f{i}" for i, rel in enumerate(sorted({block.font for block in layout.blocks}))}
    parts = [
        f'<img src="{root / "brand" / "blue-heart.svg"}" style="position:absolute; '
        f'left:{box.x}px; top:{box.y}px; width:{box.w}px; height:{box.h}px">'
        for box in layout.hearts
    ]
    if layout.rule:
        rule = layout.rule
        parts.append(f'<div style="position:absolute; left:{rule.x}px; top:{rule.y}px; '
                     f'width:{rule.w}px; height:{rule.h}px; background:{params.rule_color}">'
                     "</div>")  # fmt: skip
    for block in layout.blocks:
        box = block.box
        text = html.escape(" ".join(block.lines))
        parts.append(
            f'<div style="position:absolute; left:{box.x}px; top:{box.y}px; width:{box.w}px; '
            f"font-family:{names[block.font]}; font-size:{block.size}px; "
            f'line-height:{block.line_height}px; color:{block.color}">{text}</div>'
        )
    return (
        f'<!doctype html><html lang="{out.lang}"><head><meta charset="utf-8"><style>{faces}'
        f"html, body {{ margin:0; width:{params.width}px; height:{params.height}px; "
        f"background:{params.background}; overflow:hidden }}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", type=int, default=10, help="cards to screenshot")
    parser.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaign"
        for folder in ("brand", "templates", "content"):
            shutil.copytree(REPO / folder, root / folder)
        brand, outputs = load(root)
        planned = [out for out in outputs if out.step == SOCIAL]
        jobs = [make_job(root, brand.model_dump(), out, SOCIAL, []) for out in planned]
        render_card(jobs[0])  # warm: fonts, raqm, resvg loaded as in a running build
        start = time.perf_counter()
        for job in jobs:
            render_card(job)
        pillow = time.perf_counter() - start
        heart = (root / "brand/blue-heart.svg").read_text(encoding="utf-8")
        step = max(1, len(planned) // args.chromium)
        sample = planned[::step][: args.chromium]  # every size and kind of card
        pages, shots = Path(tmp) / "html", Path(tmp) / "shots"
        pages.mkdir()
        shots.mkdir()
        subprocess.run([args.browser, "--version"], check=True, capture_output=True)  # warm
        times = []
        for out in sample:
            page = pages / f"{out.name}.html"
            page.write_text(card_html(root, out, heart), encoding="utf-8")
            shot = shots / f"{out.name}.png"
            width, height = out.params.width, out.params.height
            command = [args.browser, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                       f"--screenshot={shot}", f"--window-size={width},{height}",
                       page.as_uri()]  # fmt: skip
            began = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, timeout=60)
            times.append(time.perf_counter() - began)
            with Image.open(shot) as image:
                if image.size != (width, height):
                    raise SystemExit(
                        f"chromium shot {out.name} is {image.size}, not {width, height}"
                    )
    per_pillow, per_chromium = pillow / len(jobs), statistics.mean(times)
    print(f"social cards bench: {len(jobs)} cards with Pillow, {len(times)} with Chromium")
    for name, seconds in (("Pillow (render_card)", per_pillow),
                          ("Chromium --screenshot", per_chromium)):  # fmt: skip
        print(f"  {name:26} {1 / seconds:7.1f} cards/s {seconds * 1000:8.1f} ms/card")
    print(f"  {'Pillow / Chromium':26} {per_chromium / per_pillow:7.1f}x (goal: at least 20x)")


if __name__ == "__main__":
    main()
