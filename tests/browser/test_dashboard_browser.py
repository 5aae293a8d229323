"""The dashboard in a real browser (Debian chromium via Playwright) on a
temporary copy of the seed corpus. Never skipped: chromium missing is a failure."""
from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS, wait_idle
from extractors.model import CLAIM_COLUMNS

pytestmark = pytest.mark.browser


def claim_points(page, chart_index: int = 0):
    charts = page.locator(".vega-embed")
    return charts.nth(chart_index).locator("g.mark-symbol.role-mark path")


def click_some_point(page, chart_index: int = 0) -> str:
    """Click the first point that is not covered by another; its aria-label."""
    points = claim_points(page, chart_index)
    expect(points.first).to_be_attached(timeout=30_000)
    for i in range(points.count()):
        point = points.nth(i)
        try:
            point.click(timeout=2_000)
        except Exception:  # covered by a neighbour: try the next one
            continue
        return point.get_attribute("aria-label") or ""
    raise AssertionError("no clickable chart point")


def test_click_chart_point_shows_highlighted_source(open_page):
    page = open_page()
    label = click_some_point(page, 0)
    wait_idle(page)
    sentence = page.locator("[data-testid=zb-sentence]")
    expect(sentence).to_be_visible(timeout=20_000)
    mark = sentence.locator("mark")
    expect(mark).to_have_count(1)
    # the tooltip's sentence (first characters) is the sentence shown
    shown = sentence.inner_text()
    tip = re.search(r"原句: (.{1,20})", label)
    assert tip and shown.startswith(tip.group(1)[:10]), (label, shown)
    # the document view marks the selected claim
    expect(page.locator("[data-testid=zb-doc] mark.sel")).to_have_count(1)


def test_download_filtered_csv(open_page):
    page = open_page()
    button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first
    with page.expect_download(timeout=30_000) as download:
        button.get_by_role("button").click()
    d = download.value
    assert d.suggested_filename == "filtered.csv"
    data = open(d.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(CLAIM_COLUMNS)
    assert len(rows) > 1


def test_shared_url_reproduces_filtered_view(open_page):
    page = open_page("kind=percent&lang=en")
    expect(page.get_by_role("heading", name="Charts")).to_be_visible()
    cells = page.locator("[data-testid=stDataFrame] [role=gridcell]")
    cells.first.wait_for(state="attached", timeout=30_000)
    texts = [t.strip() for t in cells.all_inner_texts()]
    assert "Percent" in texts
    assert not {"Money", "Count", "Quantity"} & set(texts)
    for t in texts:  # every value cell is a percentage
        if re.fullmatch(r"-?[\d.]+\D*", t) and ("%" in t or "元" in t or "个" in t):
            assert t.endswith("%"), t
    metric = page.get_by_test_id("stMetricValue").nth(2).inner_text()
    shown, total = (int(x.replace(",", "")) for x in metric.split("/"))
    assert 0 < shown < total
    assert "kind=percent" in page.url


def test_screenshot(open_page):
    page = open_page(width=1400, height=2200)
    click_some_point(page, 0)
    wait_idle(page)
    expect(page.locator("[data-testid=zb-sentence] mark")).to_have_count(1)
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000
