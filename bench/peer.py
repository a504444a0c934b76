"""Against the usual alternative, warm: campaignkit's leaflet and card actions against a
Chromium kept open (Playwright, one page reused), in one process and one run.

Leaflet: the doit action for brussels-fr (fill the template, lay out with WeasyPrint, check
fit and fonts, tag PDF/UA, write), and WeasyPrint's layout and PDF alone, against Chromium's
`set_content` + `page.pdf` of the same HTML with the same fonts and images. Card: the card
action (fit, draw, encode, write PNG and sidecar) against a screenshot of the same card in
HTML (bench/social.py's card_html: the sizes Pillow fitted, given for free). Medians of
--repeat runs after a warm-up.

    .venv/bin/python bench/peer.py [--repeat 20] [--browser /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2

from campaignkit.description import load, make_job
from campaignkit.families.leaflet.plan import LEAFLET
from campaignkit.families.leaflet.render import render_leaflet
from campaignkit.families.social.plan import SOCIAL
from campaignkit.families.social.render import render_card
from campaignkit.render.fetch import VIRTUAL_ROOT
from campaignkit.render.html import fill_template, template_chain
from campaignkit.render.pdf import lay_out

REPO = Path(__file__).resolve().parents[1]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def timed(repeat: int, step) -> float:
    step()  # warm-up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def social_module():
    spec = importlib.util.spec_from_file_location("social_bench", REPO / "bench/social.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--browser", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaign"
        for folder in ("brand", "templates", "content"):
            shutil.copytree(REPO / folder, root / folder)
        brand, outputs = load(root)
        data = brand.model_dump()
        leaflet = next(o for o in outputs if o.step == LEAFLET and o.name == "brussels-fr")
        card = next(o for o in outputs if o.step == SOCIAL and o.params.size == "square")
        brand_files = ["brand/brand.yaml", *(f"brand/{rel}" for rel in brand.files())]
        chain = [f"templates/{n}" for n in template_chain(root / "templates", leaflet.template)]
        leaflet_job = make_job(root, data, leaflet, LEAFLET, chain + brand_files)
        card_job = make_job(root, data, card, SOCIAL, brand_files)
        results = {
            "leaflet: doit action": timed(args.repeat, lambda: render_leaflet(leaflet_job)),
            "leaflet: WeasyPrint layout + PDF": timed(
                args.repeat,
                lambda: lay_out(leaflet_job, dataclasses.asdict(leaflet_job.params))[0].write_pdf(),
            ),
            "card: doit action": timed(args.repeat, lambda: render_card(card_job)),
        }
        html = fill_template(root, leaflet.template, leaflet.context, data,
                             dataclasses.asdict(leaflet.params))  # fmt: skip
        html = html.replace(VIRTUAL_ROOT, root.as_uri() + "/")
        (root / "page.html").write_text("<!doctype html><title>warm</title>", encoding="utf-8")
        heart = (root / "brand/blue-heart.svg").read_text(encoding="utf-8")
        card_page = social_module().card_html(root, card, heart)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=args.browser, args=FLAGS)
            page = browser.new_page()
            page.goto((root / "page.html").as_uri())  # file: the pages' fonts and images load

            def pdf() -> bytes:
                page.set_content(html, wait_until="load")
                return page.pdf(prefer_css_page_size=True, print_background=True)

            results["leaflet: Chromium set_content + pdf"] = timed(args.repeat, pdf)
            pages = len(pypdfium2.PdfDocument(pdf()))
            shot_page = browser.new_page(viewport={"width": card.params.width,
                                                   "height": card.params.height})  # fmt: skip
            shot_page.goto((root / "page.html").as_uri())

            def shot() -> bytes:
                shot_page.set_content(card_page, wait_until="load")
                return shot_page.screenshot(type="png")

            results["card: Chromium set_content + screenshot"] = timed(args.repeat, shot)
            browser.close()
    print(f"peer bench: medians of {args.repeat} after a warm-up, one process "
          f"(Chromium's leaflet: {pages} pages)")  # fmt: skip
    for name, seconds in results.items():
        print(f"  {name:42} {seconds * 1000:8.1f} ms")
    leaflet_ratio = results["leaflet: doit action"] / results["leaflet: Chromium set_content + pdf"]
    card_ratio = results["card: Chromium set_content + screenshot"] / results["card: doit action"]
    print(f"  leaflet action / warm Chromium pdf        {leaflet_ratio:8.2f} (goal: at most 1)")
    print(f"  warm Chromium screenshot / card action    {card_ratio:8.2f} (goal: at least 5)")


if __name__ == "__main__":
    main()
