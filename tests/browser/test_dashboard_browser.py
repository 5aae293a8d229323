"""The dashboard in a real browser (Debian chromium via Playwright). Never
skipped: chromium missing is a failure. Three corpora: the seed, the national
work reports (indicator view), and one hostile document (markup must stay text).
Screenshots go to tests/artifacts/ (look at them)."""
from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS, HOSTILE, wait_idle
from extractors.model import CLAIM_COLUMNS

pytestmark = pytest.mark.browser
SERIES = ".st-key-chart_series"


def points(page, key: str):
    return page.locator(f".st-key-{key} g.mark-symbol.role-mark path")


def click_some_point(page, key: str) -> str:
    """Click the first point not covered by another; its aria-label (the tooltip fields)."""
    marks = points(page, key)
    expect(marks.first).to_be_attached(timeout=30_000)
    for i in range(marks.count()):
        mark = marks.nth(i)
        try:
            mark.click(timeout=2_000)
        except Exception:  # covered by a neighbour: try the next one
            continue
        return mark.get_attribute("aria-label") or ""
    raise AssertionError(f"no clickable point in {key}")


def label_fields(label: str) -> dict[str, str]:
    """'时期: 2021; 数值: 8.1%; …' -> {'时期': '2021', …}"""
    return dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)


# ------------------------------------------------------- indicator view --

def expected_series(data_dir):
    """GDP growth of the default place as the corpus holds it (what the page must draw)."""
    from dashboard import data
    db = data.CorpusDB(data_dir)
    key = data.places(db, "gdp", "change")["key"].iloc[0]
    return data.series(db, "gdp", "change", [key])


def test_series_opens_by_url_with_line_points_source_line(open_national, national_server):
    rows = expected_series(national_server[1])
    page = open_national("indicator=gdp&measure=change")
    expect(page.locator(f"{SERIES} g.mark-line path")).to_have_count(1)
    labels = [label_fields(points(page, "chart_series").nth(i).get_attribute("aria-label") or "")
              for i in range(points(page, "chart_series").count())]
    actual_years = sorted(f["时期"] for f in labels if f.get("状态") == "实际")
    target_years = sorted(f["时期"] for f in labels if f.get("状态") == "目标")
    assert actual_years == sorted(rows.loc[rows["status"] == "actual", "period"]), labels
    assert target_years == sorted(rows.loc[rows["status"] == "target", "period"]), labels
    years = set(actual_years) | set(target_years)
    assert len(years) >= 4 and len(set(actual_years)) >= 3
    bounded = rows[(rows["status"] == "target") & rows["bound"].isin(["approx", "min", "max"])]
    assert len([f for f in labels if f.get("状态") == "目标" and f["数值"][0] in "≈≥≤"]) == len(bounded)
    # the time axis names the years, first to last
    ticks = page.locator(f"{SERIES} g.role-axis-label text").evaluate_all("els => els.map(e => e.textContent)")
    assert {min(years), max(years)} <= set(ticks), ticks
    latest = rows.sort_values("published").iloc[-1]["title"]
    line = page.get_by_test_id("zb-source-line")
    expect(line).to_have_text(f"来源：{latest} 等 {rows['doc_id'].nunique()} 份文件")
    assert "indicator=gdp" in page.url and "measure=change" in page.url


def test_series_click_shows_sentence_with_number(open_national):
    page = open_national("indicator=gdp&measure=change")
    label = label_fields(click_some_point(page, "chart_series"))
    wait_idle(page)
    sentence = page.get_by_test_id("zb-sentence")
    expect(sentence).to_be_visible(timeout=20_000)
    mark = sentence.locator("mark")
    expect(mark).to_have_count(1)
    number = label["数值"].lstrip("≈≥≤")
    assert number.rstrip("%") in mark.inner_text(), (label, mark.inner_text())
    assert sentence.inner_text().startswith(label["原句"][:10])
    assert "claim=" in page.url
    # the document view follows, with the claim marked
    expect(page.locator("[data-testid=zb-doc] mark.sel")).to_have_count(1)
    # the shared link reopens the same source
    again = open_national(page.url.split("?", 1)[1])
    expect(again.get_by_test_id("zb-sentence").locator("mark")).to_have_text(mark.inner_text())


@pytest.mark.parametrize("width", [1400, 800])
def test_series_screenshot(open_national, width):
    page = open_national("indicator=gdp&measure=change", width=width, height=1500)
    click_some_point(page, "chart_series")
    wait_idle(page)
    expect(page.get_by_test_id("zb-sentence").locator("mark")).to_have_count(1)
    page.mouse.move(5, 5)  # the tooltip away
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"series_{width}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000
    # no chart wider than its place: no cut legends, no sideways scrolling
    overflow = page.evaluate("""() => [...document.querySelectorAll('.vega-embed')]
        .filter(e => e.scrollWidth > e.clientWidth + 2 || e.getBoundingClientRect().right > innerWidth + 1)
        .map(e => e.closest('[class*=st-key-]')?.className.match(/st-key-\\S+/)?.[0] + ' ' + e.scrollWidth
             + '/' + e.clientWidth + ' right ' + e.getBoundingClientRect().right)""")
    assert not overflow, overflow


# ------------------------------------------------------------ seed corpus --

def test_click_claim_point_shows_highlighted_source(open_page):
    page = open_page()
    label = label_fields(click_some_point(page, "chart_money"))
    wait_idle(page)
    sentence = page.get_by_test_id("zb-sentence")
    expect(sentence).to_be_visible(timeout=20_000)
    expect(sentence.locator("mark")).to_have_count(1)
    # the indicator of the clicked point is a phrase of the sentence shown
    assert label["指标"] in sentence.inner_text() or label["指标"] in ("其他", "（未注明）"), \
        (label, sentence.inner_text())
    expect(page.locator("[data-testid=zb-doc] mark.sel")).to_have_count(1)


def test_download_filtered_csv(open_page):
    page = open_page()
    button = page.locator(".st-key-dl_filtered_csv").get_by_role("button")
    with page.expect_download(timeout=30_000) as download:
        button.click()
    d = download.value
    assert d.suggested_filename == "filtered.csv"
    data = open(d.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(CLAIM_COLUMNS)
    assert len(rows) > 1
    value = rows[0].index("value_normalized")
    assert not [r[value] for r in rows[1:] if r[value].endswith(".0")]  # 4, not 4.0


def test_shared_url_reproduces_filtered_view(open_page):
    page = open_page("f_kind=percent&lang=en")
    expect(page.get_by_role("heading", name="All claims")).to_be_visible()
    cells = page.locator(".st-key-table [role=gridcell]")
    cells.first.wait_for(state="attached", timeout=30_000)
    texts = [t.strip() for t in cells.all_inner_texts()]
    assert "Percent" in texts
    assert not {"Money", "Count", "Quantity"} & set(texts)
    metric = page.get_by_test_id("stMetricValue").nth(2).inner_text()
    shown, total = (int(x.replace(",", "")) for x in metric.split("/"))
    assert 0 < shown < total
    assert "f_kind=percent" in page.url
    # English page, English words: no Chinese label outside the data
    labels = page.locator("[data-testid=stWidgetLabel], h1, h2, h3").all_inner_texts()
    bilingual = {"语言 / Language"}  # the language switch names both on purpose
    assert not [x for x in labels if re.search(r"[\u4e00-\u9fff]", x) and "指标" not in x
                and x not in bilingual], labels


def test_no_deploy_button_and_no_vega_warnings(open_page):
    page = open_page()
    expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error") else None)
    page.reload()
    page.wait_for_selector(".vega-embed svg", timeout=60_000)
    wait_idle(page)
    page.wait_for_timeout(1000)
    assert not [w for w in warnings if "Infinite extent" in w or "vega" in w.lower()], warnings


def test_screenshot_whole_page(open_page):
    page = open_page(width=1400, height=2200)
    click_some_point(page, "chart_money")
    wait_idle(page)
    expect(page.get_by_test_id("zb-sentence").locator("mark")).to_have_count(1)
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000


# ------------------------------------------------- markup from documents --

MARKUP = "strong, em, b, i, del, s, code, a, .katex, .katex-display, h1, h2, h3, li"
PAYLOAD_TEXTS = {"业", "x", "a"}  # what the payloads would render as, were they markup


def markup_from_payloads(page) -> list[str]:
    """Elements of emphasis, maths, strike-through, code, links or headings whose text
    or target comes from a payload (the page's own headings and bold labels are not)."""
    found = page.locator(MARKUP).evaluate_all("""els => els.map(e => [e.tagName, e.className,
        (e.innerText || '').trim(), e.getAttribute('href') || ''])""")
    return [f for f in found if f[2] in {"业", "x", "a"} or "katex" in str(f[1]) or f[3].startswith("http://x")]


def test_markdown_in_documents_stays_text(open_hostile, hostile_server):
    from dashboard.data import CorpusDB, claims_table
    db = CorpusDB(hostile_server[1])
    claims = claims_table(db)
    claim = claims.loc[claims["indicator"] == "营*业*收入", "claim_id"].iloc[0]
    page = open_hostile(f"claim={claim}", height=2400)
    expect(page.get_by_test_id("zb-sentence").locator("mark")).to_have_count(1)
    sentence = page.get_by_test_id("zb-sentence").inner_text()
    assert "营*业*收入" in sentence and "$$x$$" in sentence
    body = page.locator("[data-testid=stMain]").inner_text()
    for payload in HOSTILE:  # every payload shows literally
        assert payload in body, payload
    assert not markup_from_payloads(page)
    # an uploaded file whose name is markup: the error line shows it as text
    page.locator("[data-testid=stExpander] summary").filter(has_text="添加文档").click()
    page.locator(".st-key-upload_0 input[type=file]").set_input_files(
        files=[{"name": "营*业*收入 ~~x~~ `x` [a](x).pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 not really"}])
    # the file must reach the server before the button is pressed, or the press sees no file
    expect(page.locator(".st-key-upload_0")).to_contain_text("(x).pdf", timeout=30_000)
    wait_idle(page)
    page.locator(".st-key-upload_go button").click()
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_be_visible(timeout=30_000)
    assert "营*业*收入 ~~x~~ `x` [a](x).pdf" in error.inner_text()
    assert not markup_from_payloads(page)
