"""`kompass browse` as a researcher sees it: Debian's Chromium, headless, driven by
Playwright's Python client (no browser download: `executable_path` is the installed one;
`.ci/run` installs the `chromium` package).

Screenshots go to the test's temporary folder; `KOMPASS_SCREENSHOTS=docs/img` writes them
where the README shows them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browse_server import Browse, need_datasette

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH = 1280


def _need(what: str, ok: bool) -> None:
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} must be installed in CI (.ci/run)")
        pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def page(corpus_db: str) -> Iterator:
    need_datasette()
    _need("chromium (Debian's package)", CHROMIUM is not None)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright (dev extra)", False)
    server = Browse(corpus_db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            pg = browser.new_page(viewport={"width": WIDTH, "height": 1200})
            pg.base = server.base
            yield pg
            browser.close()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = os.environ.get("KOMPASS_SCREENSHOTS")
    return Path(out) if out else tmp_path_factory.mktemp("screenshots")


def _shot(page, folder: Path, name: str) -> None:
    path = folder / f"browse-{name}.png"
    page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_home_lists_the_views_first(page, shots: Path) -> None:
    page.goto(page.base + "/")
    content = page.locator("section.content")
    headings = content.locator("h2").all_inner_texts()
    assert headings[0] == "Views"
    first_link = content.locator("a").first
    assert first_link.get_attribute("href") == "/kommunkompassen/evaluations"
    assert content.locator("dl.kompass-views dt").all_inner_texts() == [
        "evaluations",
        "area_scores",
        "question_scores",
        "findings",
        "reported_history",
        "ingest_log",
        "warnings",
        "inspiration",
    ]
    assert "alembic_version" not in page.content()
    _shot(page, shots, "home")


def test_findings_text_is_on_screen(page, shots: Path) -> None:
    page.goto(page.base + "/kommunkompassen/findings")
    header = page.locator("th[data-column=text]").bounding_box()
    cell = page.locator("td.col-text").first.bounding_box()
    assert header["x"] + 100 <= WIDTH and cell["x"] + 100 <= WIDTH
    first = page.locator("td.col-text").first.inner_text()
    assert len(first) > 10  # a finding's text, readable
    for column in ("municipality", "evaluation_year", "area_number", "kind", "page"):
        assert page.locator(f"th[data-column={column}]").bounding_box()["x"] < WIDTH
    _shot(page, shots, "findings")


def test_search_box_finds_inflected_words(page, shots: Path) -> None:
    page.goto(page.base + "/kommunkompassen/findings")
    page.fill("#_search", "medborgardialog")
    page.press("#_search", "Enter")
    page.wait_for_url("**_search=medborgardialog**")
    texts = page.locator("td.col-text").all_inner_texts()
    assert len(texts) == 16
    assert all("medborgardialoger" in t for t in texts)  # the plural, found by the singular
    assert page.locator("td.col-municipality").first.inner_text() in {
        "Kalmar",
        "Kristianstad",
        "Lidköping",
        "Lund",
        "Norsjö",
        "Simrishamn",
        "Strängnäs",
        "Ängelholm",
    }
    _shot(page, shots, "search")


def test_canned_query_renders_rows(page, shots: Path) -> None:
    page.goto(page.base + "/kommunkompassen")
    page.get_by_text("Mean points per area and instrument version").click()
    page.wait_for_url("**/kommunkompassen/version_means**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 32  # 8 areas × 4 instrument versions
    assert page.locator("td.col-mean_points").first.inner_text().replace(".", "").isdigit()
    _shot(page, shots, "query")


def test_numbers_and_booleans_read_as_printed(page) -> None:
    """Whole numbers without ".0" (62, not 62.0; 521 of 800, not 521.0/800.0), `complete` as
    yes/no, not 1/0."""
    page.goto(page.base + "/kommunkompassen/evaluations?_sort=municipality")
    totals = page.locator("td.col-total_points").all_inner_texts()
    assert totals and all(t.strip().isdigit() or t.strip() == "" for t in totals), totals
    assert set(page.locator("td.col-complete").all_inner_texts()) <= {"yes", "no", ""}
    assert "yes" in page.locator("td.col-complete").all_inner_texts()
    page.goto(page.base + "/kommunkompassen/area_scores")
    points = page.locator("td.col-points").all_inner_texts()
    assert points and not [p for p in points if p.endswith(".0")]
    page.goto(page.base + "/kommunkompassen/version_means")
    assert not [m for m in page.locator("td.col-max_points").all_inner_texts() if ".0" in m]


@pytest.mark.parametrize("view", ["findings", "area_scores"])
def test_rows_are_on_the_first_screen(page, view: str) -> None:
    """The facets do not push the rows off a laptop's first screen (800 px): they are folded
    into one line that opens on a click."""
    page.goto(page.base + f"/kommunkompassen/{view}")
    first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
    assert first_row["y"] + first_row["height"] < 800, first_row
    summary = page.locator("details.kompass-facets summary")
    assert "municipality" in summary.inner_text()
    summary.click()
    assert page.locator("details.kompass-facets .facet-info").first.is_visible()
    page.locator("details.kompass-facets .facet-info li a").first.click()
    page.wait_for_url("**municipality=**")
    assert page.locator("details.kompass-facets").get_attribute("open") is not None  # a filter on


def test_canned_search_with_an_empty_box_is_no_error(page, shots: Path) -> None:
    page.goto(page.base + "/kommunkompassen/findings_search")
    assert "fts5" not in page.content() and page.locator(".message-error").count() == 0
    page.fill("input[name=q]", "medborgardialog")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=medborgardialog**")
    assert page.locator("table.rows-and-columns tbody tr").count() == 16
