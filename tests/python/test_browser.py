"""The rich display renders in a real browser: headless Chromium (Debian's chromium and
chromium-driver, installed by .ci/install-deps) driven by selenium.

Checks what a user sees: the chosen sentences are highlighted and visible, the rest of a long
document is collapsed, text is escaped (no script from the document runs), and the same holds in a
notebook executed and exported to HTML with nbconvert.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from nbconvert import HTMLExporter
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

import precis
from conftest import execute_notebook

CHOSEN_BACKGROUND = "rgba(255, 213, 79, 1)"  # #ffd54f, the highlight of a chosen sentence


def _executable(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or ((Path("/usr/bin") / name).is_file() and f"/usr/bin/{name}")
        if found:
            return str(found)
    raise AssertionError(f"none of {names} is installed: run .ci/install-deps (make test does)")


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = _executable("chromium", "chromium-browser")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(argument)
    # A page that asks for a CDN script (nbconvert's lab template does) must not hang the test.
    options.page_load_strategy = "eager"
    driver = webdriver.Chrome(options=options, service=Service(_executable("chromedriver")))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: WebDriver, tmp_path: Path, body: str, name: str = "page.html") -> None:
    page = tmp_path / name
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    browser.get(page.as_uri())


def _chosen(browser: WebDriver) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "mark.precis-chosen")


def _assert_highlighted(browser: WebDriver, summary: precis.Summary) -> None:
    marks = _chosen(browser)
    assert [int(m.get_attribute("data-index") or -1) for m in marks] == [
        s.index for s in summary.sentences
    ]
    for mark, sentence in zip(marks, summary.sentences):
        assert mark.is_displayed(), f"chosen sentence {sentence.index} is not visible"
        assert mark.size["width"] > 0 and mark.size["height"] > 0
        assert mark.value_of_css_property("background-color") == CHOSEN_BACKGROUND
        badge = mark.find_element(By.CSS_SELECTOR, ".precis-badge")
        assert badge.is_displayed() and badge.text == str(sentence.rank)
        # What the reader sees is the rank badge, then the sentence as written.
        assert " ".join(mark.text.split()) == " ".join(f"{sentence.rank}{sentence.text}".split())


def test_long_document_is_highlighted_and_collapsed(
    browser: WebDriver, tmp_path: Path, sample_text: str
) -> None:
    summary = precis.summarize(sample_text, sentences=5)
    _open(browser, tmp_path, summary._repr_html_())
    _assert_highlighted(browser, summary)
    chosen = {s.index for s in summary.sentences}
    others = browser.find_elements(By.CSS_SELECTOR, "span.precis-sentence")
    assert len(others) + len(chosen) == summary.diagnostics.sentence_count
    hidden = [o for o in others if not o.is_displayed()]
    assert len(hidden) > summary.diagnostics.sentence_count / 2, "a long document is collapsed"
    # Only neighbours of chosen sentences stay in view.
    for element in others:
        index = int(element.get_attribute("data-index") or -1)
        if element.is_displayed():
            assert chosen & {index - 1, index + 1}, f"sentence {index} is shown without reason"
    # Opening a collapsed run shows its sentences.
    folded = browser.find_elements(By.CSS_SELECTOR, "details.precis-collapsed")[0]
    folded.find_element(By.TAG_NAME, "summary").click()
    assert all(s.is_displayed() for s in folded.find_elements(By.CSS_SELECTOR, ".precis-sentence"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.precis-table tr.precis-row")
    assert [int(r.get_attribute("data-index") or -1) for r in rows] == [
        s.index for s in sorted(summary.sentences, key=lambda s: s.rank)
    ]
    assert all(r.is_displayed() for r in rows)


def test_document_text_is_escaped(browser: WebDriver, tmp_path: Path) -> None:
    hostile = (
        "Cats & dogs <script>window.__precis_pwned = 1;</script> share the garden with cats. "
        "The weather was cold. "
        'Cats & dogs chase <img src=x onerror="window.__precis_pwned = 2"> cats in the garden. '
        "Nothing else happened."
    )
    summary = precis.summarize(hostile, sentences=2)
    _open(browser, tmp_path, summary._repr_html_())
    assert browser.execute_script("return window.__precis_pwned === undefined") is True
    assert not browser.find_elements(
        By.CSS_SELECTOR, ".precis-document script, .precis-document img"
    )
    _assert_highlighted(browser, summary)
    page_text = browser.find_element(By.CSS_SELECTOR, ".precis-document").text
    assert "<script>window.__precis_pwned = 1;</script>" in page_text
    assert "Cats & dogs" in page_text


def test_sentences_render_as_a_numbered_list(browser: WebDriver, tmp_path: Path) -> None:
    text = "First <b>one</b> & more. Second one here."
    found = precis.sentences(text)
    _open(browser, tmp_path, found._repr_html_())
    items = browser.find_elements(By.CSS_SELECTOR, ".precis-spans li")
    assert [i.text for i in items] == [f"{s.start}–{s.end} {s.text}" for s in found]
    assert not browser.find_elements(By.CSS_SELECTOR, ".precis-spans li b")


def test_executed_notebook_exported_to_html(
    browser: WebDriver, tmp_path: Path, repo_root: Path
) -> None:
    path = repo_root / "notebooks" / "quickstart.ipynb"
    notebook = execute_notebook(path)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    page = tmp_path / "quickstart.html"
    page.write_text(body, encoding="utf-8")
    browser.get(page.as_uri())
    marks = _chosen(browser)
    assert marks, "the exported notebook shows no highlighted summary"
    shown = [m for m in marks if m.is_displayed()]
    assert len(shown) >= 5, f"only {len(shown)} highlighted sentences are visible"
    for mark in shown:
        assert mark.value_of_css_property("background-color") == CHOSEN_BACKGROUND
        assert mark.find_element(By.CSS_SELECTOR, ".precis-badge").is_displayed()
