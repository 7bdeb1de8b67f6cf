"""Renders the rich display of a Summary in headless Chromium and saves it as a PNG.

    python python/tools/screenshot.py [OUT.png]   # default: notebooks/images/summary.png

The README shows this picture. Needs chromium, chromium-driver (Debian), selenium and Pillow
(which matplotlib brings), as the browser test does. The page is the display of the bundled
sample's 5-sentence summary, as a notebook shows it, on a white page of notebook width.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

import precis

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "notebooks" / "images" / "summary.png"
    text = (ROOT / "examples" / "western-development.en.txt").read_text(encoding="utf-8")
    summary = precis.summarize(text, sentences=5)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1000,1400",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "summary.html"
            page.write_text(
                '<!doctype html><html><head><meta charset="utf-8"></head>'
                '<body style="margin: 16px; background: #fff; color: #222; font-size: 14px;">'
                f"{summary._repr_html_()}</body></html>",
                encoding="utf-8",
            )
            driver.get(page.as_uri())
            element = driver.find_element(By.CSS_SELECTOR, ".precis-summary")
            # The document panel scrolls in a notebook; show it whole for the picture.
            driver.execute_script(
                "document.querySelector('.precis-document').style.maxHeight = 'none';"
            )
            element.screenshot(str(out))
    finally:
        driver.quit()
    # A palette of 128 colours keeps the picture small in the repository (Pillow comes with
    # matplotlib, in the viz extra).
    from PIL import Image

    with Image.open(out) as image:
        image.convert("RGB").quantize(
            colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        ).save(out, optimize=True)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
