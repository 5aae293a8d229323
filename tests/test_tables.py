"""Statistics tables: every numeric cell a claim, the same in TXT, HTML, DOCX and PDF.

Each fixture in tests/fixtures/tables/ is one composed table (caption, header rows
with their column and row spans, data rows, notes) and the claim expected of each
numeric cell. The test renders it in every format the readers take and checks the
cells' fields, the offsets and the agreement between formats.
"""
from __future__ import annotations

import functools
import io
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extractors.pipeline import extract
from extractors.readers.docx import read_docx
from extractors.readers.html import read_html
from extractors.readers.pdf import read_pdf
from extractors.table_places import caption_indicator, row_places
from extractors.tabular import find_tables, table_claims

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))
FIELDS = ("text", "value", "unit", "multiplier", "kind", "measure", "direction", "indicator", "period",
          "status", "subject")
FILLER = "本表数据来源于统计调查，部分数据因四舍五入的原因，存在总计与分项合计不等的情况，未作机械调整。"
FONT_CANDIDATES = (("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
                   ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
                   ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0))
FONT = next(((p, f) for p, f in FONT_CANDIDATES if Path(p).is_file()), None)
needs_font = pytest.mark.skipif(FONT is None, reason="no CJK font: apt-get install fonts-noto-cjk")


@functools.lru_cache(maxsize=None)
def spec(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def width(s: dict) -> int:
    return len(s["body"][0])


def header_grid(s: dict) -> list[list[tuple[str, int, int] | None]]:
    """Header cells placed on the grid: (text, colspan, rowspan) where a cell starts, None where one is covered."""
    rows = len(s["header"])
    grid: list[list] = [[False] * width(s) for _ in range(rows)]
    for r, cells in enumerate(s["header"]):
        col = 0
        for text, colspan, rowspan in cells:
            while grid[r][col] is not False:
                col += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[r + dr][col + dc] = None
            grid[r][col] = (text, colspan, rowspan)
            col += colspan
    return grid


def lines_before(s: dict) -> list[str]:
    return [s["prose"], FILLER, s["caption"]] + ([s["unit_line"]] if s.get("unit_line") else [])


def as_txt(s: dict) -> str:
    """As a bureau prints it: each header row holds only the cells that start in it."""
    header = ["\t".join(text for text, _, _ in cells) for cells in s["header"]]
    body = ["\t".join(row) for row in s["body"]]
    return "\n".join(lines_before(s) + header + body + s["notes"]) + "\n"


def as_txt_cells(s: dict) -> str:
    """Header rows written column by column: a merged cell's text in its first column, the
    columns it covers left empty (trailing ones not written), as a TAB export prints it."""
    header = ["\t".join(placed[0] if placed else "" for placed in row).rstrip("\t") for row in header_grid(s)]
    body = ["\t".join(row) for row in s["body"]]
    return "\n".join(lines_before(s) + header + body + s["notes"]) + "\n"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def as_txt_spaced(s: dict, space: str = " ") -> str:
    """Columns aligned by spaces (a fixed-width print; `space` U+3000 for full-width
    padding): each cell at its column's position, a merged header cell over its first
    column, two spaces at least between cells."""
    grid = header_grid(s)
    rows = [[(c, placed[0], placed[1]) for c, placed in enumerate(row) if placed] for row in grid]
    rows += [[(c, text, 1) for c, text in enumerate(row)] for row in s["body"]]
    widths = [0] * width(s)
    for row in rows:
        for c, text, colspan in row:
            if colspan == 1:
                widths[c] = max(widths[c], _display_width(text))
    starts = [sum(widths[:c]) + 4 * c for c in range(width(s))]
    step = _display_width(space)
    lines = []
    for row in rows:
        line, at = "", 0
        for c, text, _ in row:
            pad = max(-(-(starts[c] - at) // step), 2 if line else 0)
            line, at = line + space * pad + text, at + pad * step + _display_width(text)
        lines.append(line)
    return "\n".join(lines_before(s) + lines + s["notes"]) + "\n"


def as_html(s: dict) -> bytes:
    def cell(tag, text, colspan=1, rowspan=1):
        return f'<{tag} colspan="{colspan}" rowspan="{rowspan}">{text}</{tag}>'
    rows = ["<tr>" + "".join(cell("th", *c) for c in cells) + "</tr>" for cells in s["header"]]
    rows += ["<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in s["body"]]
    paragraphs = "".join(f"<p>{line}</p>" for line in lines_before(s))
    notes = "".join(f"<p>{line}</p>" for line in s["notes"])
    page = (f"<html><head><meta charset='utf-8'><title>{s['caption']}</title></head><body><article>"
            f"<h1>{s['caption']}</h1>{paragraphs}<table>{''.join(rows)}</table>{notes}</article></body></html>")
    return page.encode("utf-8")


def as_docx(s: dict) -> bytes:
    import docx

    document = docx.Document()
    for line in lines_before(s):
        document.add_paragraph(line)
    grid = header_grid(s)
    table = document.add_table(rows=len(grid) + len(s["body"]), cols=width(s))
    for r, row in enumerate(grid):
        for c, placed in enumerate(row):
            if placed:
                text, colspan, rowspan = placed
                target = table.cell(r, c)
                if colspan > 1 or rowspan > 1:
                    target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
                target.text = text
    for r, row in enumerate(s["body"], len(grid)):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in s["notes"]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4", unit="pt")
    pdf.add_font("cjk", fname=FONT[0], collection_font_number=FONT[1])
    pdf.add_page()
    pdf.set_font("cjk", size=8)
    return pdf


def _identity_encoding(raw: bytes) -> bytes:
    """fpdf2's CMap for CFF CJK fonts is one pdfminer cannot resolve: name Identity-H
    instead, as real PDFs do (see tests/test_ingest.py)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


LABEL_W, COL_W, LINE_H = 150, 130, 16


def as_pdf_ruled(s: dict) -> bytes:
    """A ruled table (fpdf2 draws every cell border), merged header cells."""
    pdf = _pdf()
    for line in lines_before(s):
        pdf.cell(0, LINE_H, line, new_x="LMARGIN", new_y="NEXT")
    widths = (LABEL_W,) + (COL_W,) * (width(s) - 1)
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT",
                   first_row_as_headings=False, line_height=LINE_H) as table:
        for cells in s["header"]:
            row = table.row()
            for text, colspan, rowspan in cells:
                row.cell(text, colspan=colspan, rowspan=rowspan)
        for values in s["body"]:
            row = table.row()
            for text in values:
                row.cell(text)
    for line in s["notes"]:
        pdf.cell(0, LINE_H, line, new_x="LMARGIN", new_y="NEXT")
    return _identity_encoding(bytes(pdf.output()))


def as_pdf_unruled(s: dict) -> bytes:
    """No rules: text placed at column positions, a group header over its first column."""
    pdf = _pdf()
    y = 40
    for line in lines_before(s):
        pdf.text(40, y, line)
        y += LINE_H
    x = [40] + [40 + LABEL_W + k * COL_W for k in range(width(s) - 1)]
    for row in header_grid(s):
        for c, placed in enumerate(row):
            if placed:
                pdf.text(x[c], y, placed[0])
        y += LINE_H
    for values in s["body"]:
        for c, text in enumerate(values):
            pdf.text(x[c], y, text)
        y += LINE_H
    for line in s["notes"]:
        pdf.text(40, y, line)
        y += LINE_H
    return _identity_encoding(bytes(pdf.output()))


@functools.lru_cache(maxsize=None)
def source(name: str, fmt: str) -> str:
    s = spec(name)
    if fmt == "txt":
        return as_txt(s)
    if fmt == "txt-cells":
        return as_txt_cells(s)
    if fmt == "txt-spaced":
        return as_txt_spaced(s)
    if fmt == "txt-fullwidth":
        return as_txt_spaced(s, "\u3000")
    if fmt == "html":
        return read_html(as_html(s)).text
    if fmt == "docx":
        return read_docx(as_docx(s)).text
    if fmt == "pdf-ruled":
        return read_pdf(as_pdf_ruled(s)).text
    return read_pdf(as_pdf_unruled(s)).text


def cells_of(text: str):
    return [c for c in extract(text, "t") if c.rule == "table.cell"]


def row_of(c) -> list[str]:
    return [c.text, str(c.value), c.unit, str(c.multiplier), c.kind, c.measure, c.direction, c.indicator,
            c.period, c.status, c.subject]


# --- every cell's fields, table-driven ---------------------------------------------------------

CASES = [(name, i) for name in NAMES for i in range(len(spec(name)["expect"]))]


@pytest.mark.parametrize("name,i", CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_cell_fields(name, i):
    expected = [str(x) for x in spec(name)["expect"][i]]
    got = cells_of(source(name, "txt"))
    assert len(got) == len(spec(name)["expect"]), [c.text for c in got]
    have, want = dict(zip(FIELDS, row_of(got[i]))), dict(zip(FIELDS, expected))
    for field in ("value", "multiplier"):
        have[field], want[field] = Decimal(have[field]), Decimal(want[field])
    if not want["subject"]:
        del have["subject"], want["subject"]    # the document's subject: filled by the pipeline's scope
    assert have == want


def test_field_agreement_over_all_fixtures():
    """The figure quoted in the report: share of expected fields right over every cell."""
    right = total = 0
    for name in NAMES:
        got = cells_of(source(name, "txt"))
        for exp, c in zip(spec(name)["expect"], got):
            for field, want, have in zip(FIELDS, exp, row_of(c)):
                if field == "subject" and not want:
                    continue
                total += 1
                right += (Decimal(str(want)) == Decimal(have)) if field in ("value", "multiplier") else \
                    str(want) == have
    assert right == total, f"{right}/{total}"


def test_value_normalized_is_value_times_multiplier():
    for name in NAMES:
        for c in cells_of(source(name, "txt")):
            assert c.value_normalized == c.value * c.multiplier


def test_prose_outside_the_table_is_kept():
    """The prose sentence before each table still gives its claims; the caption's
    year and the header's 1-5月 give none."""
    for name in NAMES:
        s = spec(name)
        text = as_txt(s)
        prose_end = len(s["prose"])
        prose = [c for c in extract(text, "t") if c.rule != "table.cell"]
        assert prose and all(c.end <= prose_end for c in prose), [(c.text, c.start) for c in prose]


def test_table_span_and_caption():
    s = spec("bureau_release")
    text = as_txt(s)
    (table,) = find_tables(text)
    assert table.caption == s["caption"]
    assert text[table.start:table.end].startswith("分　组")
    assert text[table.start:table.end].rstrip().endswith("-21.1")
    assert len(table.header) == 3 and len(table.rows) == 4
    assert [text[a:b] for a, b in table.notes] == s["notes"]


# --- the same table in every format ------------------------------------------------------------

FORMATS = ["txt", "txt-cells", "txt-spaced", "txt-fullwidth", "html", "docx", pytest.param("pdf-ruled", marks=needs_font),
           pytest.param("pdf-unruled", marks=needs_font)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_same_claims_in_every_format(name, fmt, request):
    gap = spec(name).get("known_gaps", {}).get(fmt)
    if gap:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    want = [(c.value, c.unit, c.indicator) for c in cells_of(source(name, "txt"))]
    got = [(c.value, c.unit, c.indicator) for c in cells_of(source(name, fmt))]
    assert got == want


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_offsets_index_the_reader_text(name, fmt):
    text = source(name, fmt)
    cells = cells_of(text)
    assert cells
    for c in extract(text, "t"):
        assert text[c.start:c.end] == c.text
    for c in cells:
        assert c.sentence.replace(" ", "") in text.replace("\t", "").replace(" ", "")


# --- bad tables: a clear result, never a crash ----------------------------------------------------

def test_ragged_rows():
    text = ("表5 2023年主要指标\n地区\t产值（亿元）\t增长（%）\n"
            "甲市\t12.5\t3.1\t9.9\t7.7\n乙市\t8.1\n丙市\n丁市\t4.0\t-1.0\n")
    cells = cells_of(text)
    assert [c.text for c in cells] == ["12.5", "3.1", "9.9", "7.7", "8.1", "4.0", "-1.0"]
    by_text = {c.text: c for c in cells}
    assert (by_text["12.5"].unit, by_text["12.5"].multiplier) == ("元", Decimal("1e8"))
    assert by_text["-1.0"].measure == "change" and by_text["-1.0"].direction == "down"
    assert by_text["9.9"].indicator == "甲市" and by_text["9.9"].unit == ""   # beyond the header: no column


def test_table_without_header():
    text = "甲市\t12.5\t3.1\n乙市\t8.1\t-2.0\n丙市\t6.6\t0.4\n"
    cells = cells_of(text)
    assert [(c.text, c.indicator, c.unit, c.subject) for c in cells][:2] == [("12.5", "甲市", "", "甲市"),
                                                                              ("3.1", "甲市", "", "甲市")]
    assert len(cells) == 6


def test_one_line_is_no_table():
    assert find_tables("地区\t产值\n甲市\t12.5\n") == []
    assert find_tables("全市实现地区生产总值1234.5亿元，  同比增长5.2%。\n") == []


def test_merged_cell_spanning_the_whole_table():
    html = ("<html><body><article><p>" + FILLER + "</p><table>"
            "<tr><td colspan='4'>单位：万元</td></tr>"
            "<tr><td>地区</td><td>收入</td><td>支出</td><td>增长%</td></tr>"
            "<tr><td>甲县</td><td>1200</td><td>900</td><td>3.5</td></tr>"
            "<tr><td>乙县</td><td>800</td><td>700</td><td>-2.5</td></tr>"
            "<tr><td colspan='4' rowspan='2'>999</td></tr>"
            "</table></article></body></html>").encode()
    text = read_html(html).text
    cells = cells_of(text)
    assert [(c.text, c.unit, str(c.multiplier)) for c in cells][:2] == [("1200", "元", "10000"),
                                                                         ("900", "元", "10000")]
    assert text.count("999") == 1              # a merged number is written once, not per spanned column
    assert "单位：万元\t" not in text or cells[0].multiplier == 10000
    for c in cells:
        assert text[c.start:c.end] == c.text


def test_absurd_spans_do_not_blow_up():
    html = ("<html><body><article><p>" + FILLER + "</p><table><tr><td colspan='100000' rowspan='100000'>x</td>"
            "</tr><tr><td>甲</td><td>1</td></tr></table></article></body></html>").encode()
    text = read_html(html).text      # capped spans: the page still reads
    assert FILLER in text


def _big_table(rows: int) -> str:
    lines = ["表9 2023年各企业主要指标", "企业名称\t营业收入（万元）\t增长（%）\t利润（万元）"]
    lines += [f"第{k}号企业\t{1000 + k}.5\t{k % 50 - 25}.1\t{k * 3}" for k in range(rows)]
    return "\n".join(lines) + "\n"


def test_five_thousand_rows_in_linear_time():
    small, big = _big_table(1000), _big_table(5000)
    t0 = time.perf_counter()
    n_small = len(cells_of(small))
    t1 = time.perf_counter()
    n_big = len(cells_of(big))
    t2 = time.perf_counter()
    assert (n_small, n_big) == (3000, 15000)
    assert (t2 - t1) < 10 * (t1 - t0) + 0.5, f"1000 rows {t1 - t0:.2f}s, 5000 rows {t2 - t1:.2f}s"


def test_table_claims_direct_call_with_doc_year():
    """No year in the caption: the document's year dates 1-5月."""
    text = "地区\t1-5月产值（亿元）\t5月末存款（亿元）\n甲市\t12.5\t300.1\n乙市\t8.1\t200.2\n"
    claims = table_claims(text, find_tables(text), "d", doc_year=2024)
    assert [(c.text, c.period) for c in claims] == [("12.5", "2024-01/2024-05"), ("300.1", "2024-05-31"),
                                                    ("8.1", "2024-01/2024-05"), ("200.2", "2024-05-31")]


def test_table_broken_across_pages_keeps_its_header():
    """A PDF page break: the rows on the next page carry no header of their own."""
    s = spec("bureau_release")
    first, rest = s["body"][:2], s["body"][2:]
    header = ["\t".join(text for text, _, _ in cells) for cells in s["header"]]
    text = "\n".join([s["caption"]] + header + ["\t".join(r) for r in first] + ["", "- 2 -", ""]
                     + ["\t".join(r) for r in rest]) + "\n"
    whole = [(c.value, c.unit, c.indicator, c.period) for c in cells_of(as_txt(s))]
    assert [(c.value, c.unit, c.indicator, c.period) for c in cells_of(text)] == whole
    assert len(find_tables(text)) == 2


def test_header_less_table_after_prose_is_not_a_continuation():
    text = ("表1 2023年产值\n地区\t产值（亿元）\t增长（%）\n甲市\t12.5\t3.1\n乙市\t8.1\t2.0\n"
            "下表为各县情况，数据为初步核算数。\n丙县\t1.5\t0.1\n丁县\t2.5\t0.2\n")
    later = [c for c in cells_of(text) if c.indicator.startswith(("丙县", "丁县"))]
    assert [c.unit for c in later] == ["", "", "", ""]


# --- the rules, one row per phrase ---------------------------------------------------------------

from extractors.tabular import _read_piece, _unit_of, cell_value  # noqa: E402

PIECES = [  # header cell -> (name, unit as written, period text)
    ("1-11月（亿元）", ("", "亿元", "1-11月")),
    ("同比增长（%）", ("同比增长", "%", "")),
    ("11月末（万元/人）", ("", "万元/人", "11月末")),
    ("比上年增长%", ("比上年增长", "%", "")),
    ("营业收入利润率", ("营业收入利润率", "", "")),
    ("本期", ("", "", "本期")),
    ("上年同期", ("", "", "上年同期")),
    ("本期比上年同期增减（%）", ("本期比上年同期增减", "%", "")),
    ("2023年", ("", "", "2023年")),
    ("一季度", ("", "", "一季度")),
    ("占全年比重", ("占全年比重", "", "")),
    ("（亿元）", ("", "亿元", "")),
    ("单位：万元", ("", "万元", "")),
    ("价格指数（上年=100）", ("价格指数", "上年=100", "")),
]


@pytest.mark.parametrize("piece,expected", PIECES, ids=[p for p, _ in PIECES])
def test_header_piece(piece, expected):
    assert _read_piece(piece) == expected


UNITS = [  # unit as written -> (unit, multiplier, kind, currency)
    ("亿元", ("元", Decimal("1e8"), "money", "CNY")),
    ("万元/人", ("元/人", Decimal("1e4"), "money", "CNY")),
    ("%", ("%", Decimal(1), "percent", "")),
    ("天", ("天", Decimal(1), "quantity", "")),
    ("万吨", ("吨", Decimal("1e4"), "quantity", "")),
    ("万人", ("人", Decimal("1e4"), "count", "")),
    ("个", ("个", Decimal(1), "count", "")),
    ("百分点", ("百分点", Decimal(1), "percentage_point", "")),
    ("亿美元", ("美元", Decimal("1e8"), "money", "USD")),
    ("上年同期=100", ("指数(上年同期=100)", Decimal(1), "", "")),
    ("亿块", ("块", Decimal("1e8"), "count", "")),      # chips, boards, panels: pieces, never money
    ("万块", ("块", Decimal("1e4"), "count", "")),
    ("块", ("块", Decimal(1), "count", "")),
    ("年", None),
    ("增长率", None),
    ("含食用菌", None),       # 蔬菜（含食用菌）: an aside in a label's brackets
    ("不含农户", None),
]


@pytest.mark.parametrize("written,expected", UNITS, ids=[w for w, _ in UNITS])
def test_unit_of(written, expected):
    assert _unit_of(written) == expected


CELLS = [  # cell -> (value, unit written in it, span length) or None
    ("1143083.8", (Decimal("1143083.8"), "", 9)),
    ("-28.2", (Decimal("-28.2"), "", 5)),
    ("−3.4", (Decimal("-3.4"), "", 4)),
    ("20.3%", (Decimal("20.3"), "%", 5)),
    ("1,234,567.50", (Decimal("1234567.5"), "", 12)),
    ("79750.1亿元", (Decimal("79750.1"), "亿元", 9)),
    ("38.0*", (Decimal("38"), "", 4)),
    ("-6.1（注1）", (Decimal("-6.1"), "", 4)),
    ("（注1）", None),
    ("2023年", None),
    ("1-11月", None),
    ("—", None),
    ("不适用", None),
    ("12.5%亿元", None),
]


@pytest.mark.parametrize("cell,expected", CELLS, ids=[c for c, _ in CELLS])
def test_cell_value(cell, expected):
    assert cell_value(cell) == expected


def test_year_rows_are_periods_not_claims():
    text = "表6 全市财政收入\n年份\t一般公共预算收入（亿元）\t增长（%）\n2021\t100.5\t3.2\n2022\t110.2\t9.7\n"
    got = [(c.text, c.indicator, c.period) for c in cells_of(text)]
    assert got == [("100.5", "一般公共预算收入", "2021"), ("3.2", "一般公共预算收入增长", "2021"),
                   ("110.2", "一般公共预算收入", "2022"), ("9.7", "一般公共预算收入增长", "2022")]


def test_unit_in_a_header_cell():
    text = "单位：亿元\t2023年\t2022年\n地区生产总值\t1200.5\t1100.2\n工业增加值\t400.1\t380.9\n"
    got = [(c.text, c.unit, str(c.multiplier), c.period) for c in cells_of(text)]
    assert got[:2] == [("1200.5", "元", "100000000", "2023"), ("1100.2", "元", "100000000", "2022")]


def test_html_layout_table_keeps_its_prose():
    """A page laid out in a table: the article inside is read as prose, its data table as cells."""
    article = "全年全市实现地区生产总值1234.5亿元，比上年增长5.2%，经济运行总体平稳，稳中有进，高质量发展取得新成效。" * 3
    html = ("<html><body><table><tr><td>导航</td><td><p>" + article + "</p>"
            "<table><tr><td>地区</td><td>产值（亿元）</td></tr><tr><td>甲区</td><td>12.5</td></tr>"
            "<tr><td>乙区</td><td>8.1</td></tr></table></td></tr></table></body></html>").encode()
    text = read_html(html).text
    assert article in text
    assert [(c.text, c.indicator) for c in cells_of(text)] == [("12.5", "甲区产值"), ("8.1", "乙区产值")]


@needs_font
def test_pdf_table_beside_a_prose_column():
    """A newspaper page: prose in the left column, a small unruled table in the right
    one at the same heights. The prose stays prose; the table gives its cells."""
    pdf = _pdf()
    prose = ["全年全市实现地区生产总值1234.5亿元，", "比上年增长5.2%，经济运行总体平稳，", "稳中有进，高质量发展取得新成效，",
             "城乡居民收入稳步增长，就业形势稳定。"]
    table = [["地区", "产值（亿元）", "增长（%）"], ["甲区", "12.5", "3.1"], ["乙区", "8.1", "-2.0"], ["丙区", "6.6", "0.4"]]
    for k, line in enumerate(prose):
        pdf.text(40, 60 + k * LINE_H, line)
    for k, row in enumerate(table):
        for c, cell in enumerate(row):
            pdf.text(360 + c * 110, 60 + k * LINE_H, cell)
    text = read_pdf(_identity_encoding(bytes(pdf.output()))).text
    for line in prose:
        assert line in text
    assert [(c.text, c.indicator, c.unit) for c in cells_of(text)][:2] == [("12.5", "甲区产值", "元"),
                                                                           ("3.1", "甲区产值增长", "%")]
    assert len(cells_of(text)) == 6


@needs_font
def test_pdf_article_frames_are_not_given_to_the_table_finder(monkeypatch):
    """A newspaper page of framed articles and a column rule: no 3 x 3 grid of ruling
    lines, so pdfplumber (a second parse of the page) is not asked; a ruled table is."""
    import pdfplumber

    opened = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    pdf = _pdf()
    for x, y, w, h, line in [(30, 40, 300, 80, "全市实现地区生产总值1234.5亿元，增长5.2%。"),
                             (30, 140, 300, 80, "签约项目35个，总投资201亿元。"),
                             (360, 40, 300, 180, "全年粮食产量达到110.06万吨。")]:
        pdf.rect(x, y, w, h)
        pdf.text(x + 10, y + 30, line)
    pdf.line(345, 30, 345, 400)                     # the rule between two columns
    text = read_pdf(_identity_encoding(bytes(pdf.output()))).text
    assert "1234.5亿元" in text and "110.06万吨" in text
    assert opened == []
    read_pdf(as_pdf_ruled(spec("bureau_release")))
    assert opened == [1]


def test_groups_of_unequal_size_told_by_the_row_below():
    """营业收入 and 利润总额 over two columns each, 资产负债率 over one."""
    text = ("分组\t营业收入\t利润总额\t资产负债率\n"
            "1-5月（亿元）\t同比增长（%）\t1-5月（亿元）\t同比增长（%）\t5月末（%）\n"
            "总计\t100.5\t1.2\t20.3\t-3.1\t56.1\n采矿业\t30.1\t2.2\t5.3\t4.1\t60.2\n")
    got = [(c.text, c.indicator, c.unit, c.period) for c in table_claims(text, find_tables(text), "d", doc_year=2024)]
    assert got[:5] == [("100.5", "营业收入（总计）", "元", "2024-01/2024-05"),
                       ("1.2", "营业收入同比增长（总计）", "%", "2024-01/2024-05"),
                       ("20.3", "利润总额（总计）", "元", "2024-01/2024-05"),
                       ("-3.1", "利润总额同比增长（总计）", "%", "2024-01/2024-05"),
                       ("56.1", "资产负债率（总计）", "%", "2024-05-31")]


HEADER_SPREADS = [  # header lines over one data row -> (indicator, period) of its cells, doc year 2024
    ("merged cells left empty, the trailing one not written",
     ["指标\t3月\t\t1—3月", "\t绝对量\t增长（%）\t绝对量\t增长（%）"],
     [("产值", "2024-03"), ("产值增长", "2024-03"), ("产值", "2024-01/2024-03"), ("产值增长", "2024-01/2024-03")]),
    ("merged cells left empty, written to the end",
     ["指标\t3月\t\t1—3月\t", "\t绝对量\t增长（%）\t绝对量\t增长（%）"],
     [("产值", "2024-03"), ("产值增长", "2024-03"), ("产值", "2024-01/2024-03"), ("产值增长", "2024-01/2024-03")]),
    ("a stub cell over the labels in the row below too",
     ["项目\t3月\t1—3月\t3月末", "项目\t绝对量\t增长（%）\t绝对量\t增长（%）\t余额"],
     [("产值", "2024-03"), ("产值增长", "2024-03"), ("产值", "2024-01/2024-03"), ("产值增长", "2024-01/2024-03"),
      ("产值余额", "2024-03-31")]),
    ("groups of unequal size, the row below's own stub cell empty",
     ["分　组\t3月\t1—3月\t3月末", "\t绝对量\t增长（%）\t绝对量\t增长（%）\t余额"],
     [("产值", "2024-03"), ("产值增长", "2024-03"), ("产值", "2024-01/2024-03"), ("产值增长", "2024-01/2024-03"),
      ("产值余额", "2024-03-31")]),
    ("the last group over the first sub-columns only",
     ["项目\t本年\t上年", "\t收入\t支出\t余额\t收入\t支出"],
     [("产值收入", "2024"), ("产值支出", "2024"), ("产值余额", "2024"), ("产值收入", "2023"), ("产值支出", "2023")]),
    ("space-aligned, the stub padded with full-width spaces",
     ["指　　标            3月                   1—3月", "                  绝对量   增长（%）   绝对量   增长（%）"],
     [("产值", "2024-03"), ("产值增长", "2024-03"), ("产值", "2024-01/2024-03"), ("产值增长", "2024-01/2024-03")]),
]


@pytest.mark.parametrize("header,want", [pytest.param(h, w, id=name) for name, h, w in HEADER_SPREADS])
def test_header_groups_spread_over_their_sub_columns(header, want):
    sep = "\t" if "\t" in header[0] else "    "
    rows = [sep.join(["产值", "10.5", "2.1", "30.2", "3.3", "88.8"][:len(want) + 1]),
            sep.join(["能耗", "1.5", "-0.1", "4.2", "-0.3", "9.9"][:len(want) + 1])]
    text = "\n".join(header + rows) + "\n"
    got = [(c.indicator, c.period) for c in table_claims(text, find_tables(text), "d", doc_year=2024)]
    assert got[:len(want)] == want


def test_stub_of_unequal_groups_never_names_a_column():
    """Groups the row below cannot size: they stay unsized, but 指标 is no column's name."""
    text = "指标\t合计\t分项\n\t总量\t城镇\t乡村\n产值\t10.5\t6.1\t4.4\n能耗\t1.5\t0.9\t0.6\n"
    claims = table_claims(text, find_tables(text), "d", doc_year=2024)
    assert len(claims) == 6 and not any("指标" in c.indicator for c in claims)


BREAKDOWNS = [  # a table with 按…分 / 分… headings -> (cell, indicator) of the parts, subject the document's
    ("parts indented under the heading",
     "表1　2024年1—6月全市工业用电量\n单位：亿千瓦时\n分组\t1—6月\t增长（%）\n总计\t120.5\t4.4\n按行业分\n"
     "　轻工业\t30.1\t2.0\n　重工业\t90.4\t5.2\n",
     [("30.1", "轻工业用电量"), ("2.0", "轻工业用电量增长"), ("90.4", "重工业用电量")]),
    ("parts at the heading's indent, no indents at all (a PDF)",
     "表2　2024年主要数据\n单位：亿元\n指标\t绝对数\t增长（%）\n地区生产总值\t5210.3\t5.1\n分产业\n"
     "第一产业\t410.2\t3.2\n第二产业增加值\t2100.5\t5.9\n按城乡分\n城镇\t3101.2\t5.0\n",
     [("410.2", "第一产业地区生产总值"), ("3.2", "第一产业地区生产总值增长"), ("2100.5", "第二产业增加值"),
      ("5.9", "第二产业增加值增长"), ("3101.2", "城镇地区生产总值")]),
    ("a heading indented under the row it splits",
     "表3　2024年主要指标\n指　标\t单位\t绝对数\n粮食产量\t万吨\t523.8\n货物进出口总额\t亿元\t610.2\n"
     "　按贸易方式划分：\n　　一般贸易\t亿元\t401.5\n　　加工贸易\t亿元\t150.3\n",
     [("401.5", "一般贸易货物进出口总额"), ("150.3", "加工贸易货物进出口总额")]),
]


@pytest.mark.parametrize("text,want", [pytest.param(t, w, id=name) for name, t, w in BREAKDOWNS])
def test_breakdown_parts_take_the_measure_they_split(text, want):
    claims = table_claims(text, find_tables(text), "d", doc_year=2024, default_subject="甲省")
    parts = {c.text: c for c in claims}
    assert [(t, parts[t].indicator) for t, _ in want] == want
    assert all(c.subject == "甲省" for c in claims)            # neither the heading nor 城镇 is a place
    assert not any(w in c.indicator for c in claims for w in ("按", "分产业", "分组"))


def test_breakdown_heading_merged_across_an_html_table():
    html = ("<html><body><article><p>" + FILLER + "</p><table><caption>表4 2024年居民收入</caption>"
            "<tr><th>指标</th><th>绝对数（元）</th><th>增长（%）</th></tr>"
            "<tr><td>人均可支配收入</td><td>35120</td><td>5.1</td></tr>"
            "<tr><td colspan='3'>按常住地分</td></tr>"
            "<tr><td>城镇</td><td>48120</td><td>4.6</td></tr><tr><td>乡村</td><td>21040</td><td>6.2</td></tr>"
            "</table></article></body></html>").encode()
    text = read_html(html).text
    got = [(c.text, c.indicator) for c in table_claims(text, find_tables(text), "d", default_subject="甲省")]
    assert got[2:] == [("48120", "城镇人均可支配收入"), ("4.6", "城镇人均可支配收入增长"),
                       ("21040", "乡村人均可支配收入"), ("6.2", "乡村人均可支配收入增长")]


def test_a_place_row_is_still_its_subject():
    text = "地区\t产值（亿元）\n河西区\t12.5\n城区\t8.1\n"
    subjects = [c.subject for c in table_claims(text, find_tables(text), "d", default_subject="甲市")]
    assert subjects == ["河西区", "甲市"]


def test_table_whose_tabs_became_single_spaces():
    """A web repost: the same bureau table with single spaces between its cells."""
    s = spec("bureau_release")
    tabbed = as_txt(s)
    spaced = "\n".join(line.replace("\t", " ") if "\t" in line else line for line in tabbed.splitlines()) + "\n"
    want = [(c.value, c.unit, c.indicator, c.period) for c in cells_of(tabbed)]
    got = cells_of(spaced)
    assert [(c.value, c.unit, c.indicator, c.period) for c in got] == want
    for c in got:
        assert spaced[c.start:c.end] == c.text


@pytest.mark.parametrize("line", [
    "全市地区生产总值 1234.5 亿元，比上年增长 5.2%。",
    "2023 年 1 月 5 日",
    "图1 2019 2020 2021 2022 2023",
])
def test_spaced_prose_is_no_table(line):
    assert find_tables(f"{line}\n{line}\n{line}\n") == []


def test_html_caption_element_is_the_caption():
    html = ("<html><body><article><p>" + FILLER + "</p><table><caption>表7 2023年各区产值</caption>"
            "<tr><th>地区</th><th>产值（亿元）</th></tr><tr><td>甲区</td><td>12.5</td></tr>"
            "<tr><td>乙区</td><td>8.1</td></tr></table></article></body></html>").encode()
    text = read_html(html).text
    assert [(c.text, c.indicator, c.period) for c in cells_of(text)] == [("12.5", "甲区产值", "2023"),
                                                                         ("8.1", "乙区产值", "2023")]


@pytest.mark.parametrize("caption_lines", [
    ["表1  2023年1—5月份规模以上工业企业主要财务指标"],
    ["表1  2023年1—5月份规模以上工业企业主要财务指标    单位：亿元"],
    ["表1\t2023年1—5月份规模以上工业企业主要财务指标", "单位：亿元\t"],
], ids=["two-spaces", "unit-beside", "tab-and-unit-row"])
def test_caption_written_with_cell_gaps(caption_lines):
    """The issue's own example: 表1 and its title apart by two spaces (or a TAB)."""
    text = "\n".join(caption_lines + ["分组\t营业收入（亿元）\t增长（%）", "总计\t95320.4\t12.7", "采矿业\t12.5\t-3.1"]) + "\n"
    (table,) = find_tables(text)
    assert table.caption.replace("\t", "  ").startswith("表1  2023年")
    assert text[table.start:].startswith("分组")
    got = [(c.text, c.indicator, c.unit, c.period, c.subject) for c in cells_of(text)]
    assert got[:2] == [("95320.4", "营业收入（总计）", "元", "2023-01/2023-05", "规模以上工业企业"),
                       ("12.7", "营业收入增长（总计）", "%", "2023-01/2023-05", "规模以上工业企业")]


def _rect(x0, y0, x1, y1):
    from pdfminer.layout import LTRect

    return LTRect(1, (x0, y0, x1, y1))


def _line(x0, y0, x1, y1):
    from pdfminer.layout import LTLine

    return LTLine(1, (x0, y0), (x1, y1))


GRIDS = [
    ("a 2x2 grid of lines", [_line(0, y, 200, y) for y in (0, 20, 40)] + [_line(x, 0, x, 40) for x in (0, 100, 200)], True),
    ("a 2x2 grid drawn cell by cell", [_rect(x, y, x + 100, y + 20) for x in (0, 100) for y in (0, 20)], True),
    ("cells a little out of line", [_rect(0, 0, 100, 20), _rect(100.5, 0.4, 200, 20.2), _rect(0, 20.3, 100, 40),
                                    _rect(100, 20, 200.6, 40)], True),
    ("a header cell over two columns", [_rect(0, 40, 200, 60), _rect(0, 20, 100, 40), _rect(100, 20, 200, 40),
                                        _rect(0, 0, 100, 20), _rect(100, 0, 200, 20)], True),
    ("one framed article", [_rect(0, 0, 300, 200)], False),
    ("framed articles in two columns", [_rect(0, 0, 300, 80), _rect(0, 100, 300, 180), _rect(330, 0, 600, 180),
                                        _line(315, 0, 315, 400)], False),
    ("rules under headlines", [_line(0, y, 300, y) for y in (100, 300, 500)], False),
    ("one row of two cells", [_rect(0, 0, 100, 20), _rect(100, 0, 200, 20)], False),
]


@pytest.mark.parametrize("rules,grid", [pytest.param(r, g, id=name) for name, r, g in GRIDS])
def test_which_ruled_pages_may_hold_a_table(rules, grid):
    from extractors.readers.pdf import _may_hold_grid

    assert _may_hold_grid(rules) is grid


# A sub-row is indented under its parent (城镇 and 农村 under 全体居民): each format's own way.
INCOME_ROWS = [("全体居民人均可支配收入", "35128", "5.3"), ("城镇", "45320", "4.6"), ("农村", "21085", "6.4")]
INCOME_WANT = [("35128", "全体居民人均可支配收入"), ("45320", "全体居民人均可支配收入城镇"),
               ("21085", "全体居民人均可支配收入农村")]


def _income_html(label_cell) -> bytes:
    rows = "".join(f"<tr>{label_cell(label, k > 0)}<td>{a}</td><td>{b}</td></tr>"
                   for k, (label, a, b) in enumerate(INCOME_ROWS))
    return ("<html><body><p>2023年居民收入情况</p><table><tr><th>指标</th><th>绝对数（元）</th>"
            f"<th>比上年增长（%）</th></tr>{rows}</table></body></html>").encode()


HTML_INDENTS = [
    ("full-width spaces", lambda t, sub: f"<td>{'　　' if sub else ''}{t}</td>", INCOME_WANT),
    ("no-break spaces", lambda t, sub: f"<td>{'&nbsp;&nbsp;&nbsp;&nbsp;' if sub else ''}{t}</td>", INCOME_WANT),
    ("css padding-left in em", lambda t, sub: f"<td style=\"padding-left:{2 if sub else 0}em\">{t}</td>", INCOME_WANT),
    ("css text-indent in pt on a paragraph", lambda t, sub: f"<td><p style=\"text-indent: {24 if sub else 0}pt\">{t}</p></td>",
     INCOME_WANT),
    ("markup whitespace is no indent", lambda t, sub: f"<td>\n        {t}\n      </td>",
     [("35128", "全体居民人均可支配收入"), ("45320", "城镇"), ("21085", "农村")]),
]


@pytest.mark.parametrize("label_cell,want", [pytest.param(f, w, id=name) for name, f, w in HTML_INDENTS])
def test_html_row_indent_keeps_the_parent(label_cell, want):
    text = read_html(_income_html(label_cell)).text
    assert [(c.text, c.indicator) for c in extract(text, "d", "2024-02-01") if c.unit == "元"] == want


def _income_docx(indent) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2023年居民收入情况")
    table = document.add_table(rows=1 + len(INCOME_ROWS), cols=3)
    for c, head in enumerate(("指标", "绝对数（元）", "比上年增长（%）")):
        table.cell(0, c).text = head
    for r, (label, a, b) in enumerate(INCOME_ROWS, 1):
        indent(table.cell(r, 0), label, r > 1)
        table.cell(r, 1).text, table.cell(r, 2).text = a, b
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _w_ind(**attrs):
    def put(cell, label, sub):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        cell.text = label
        if sub:
            ppr = cell.paragraphs[0]._p.get_or_add_pPr()
            ind = OxmlElement("w:ind")
            for name, value in attrs.items():
                ind.set(qn(f"w:{name}"), value)
            ppr.append(ind)
    return put


DOCX_INDENTS = [
    ("typed full-width spaces", lambda cell, label, sub: setattr(cell, "text", ("　　" if sub else "") + label)),
    ("indent in characters", _w_ind(leftChars="200", left="420")),
    ("first-line indent in twips", _w_ind(firstLine="420")),
]


@pytest.mark.parametrize("indent", [pytest.param(f, id=name) for name, f in DOCX_INDENTS])
def test_docx_row_indent_keeps_the_parent(indent):
    text = read_docx(_income_docx(indent)).text
    assert [(c.text, c.indicator) for c in extract(text, "d", "2024-02-01") if c.unit == "元"] == INCOME_WANT


# --- tables of places, captions that name the indicator ------------------------------------------

CAPTION_INDICATORS = [  # caption without its time -> the indicator it names
    ("部分市州规模以上工业增加值增速", "规模以上工业增加值增速"),
    ("各市州固定资产投资增速", "固定资产投资增速"),
    ("湖南省各市州社会消费品零售总额", "社会消费品零售总额"),
    ("长沙市各区县一般公共预算收入统计表", "一般公共预算收入"),
    ("分县（市、区）城镇居民人均可支配收入", "城镇居民人均可支配收入"),
    ("各地区生产总值", "地区生产总值"),          # 地区 of 地区生产总值 is the indicator's
    ("分地区生产总值", "地区生产总值"),
    ("城市居民人均可支配收入", "城市居民人均可支配收入"),   # no 各/分: 城市 is the indicator's
    ("市场主体发展情况", "市场主体发展"),        # 市 of 市场 is no set of places
    ("各县（市、区）主要经济指标", ""),           # a list of indicators
    ("各市地区生产总值及增长速度", "地区生产总值"),   # the level; its change is a column's
    ("规模以上工业增加值和利润", "规模以上工业增加值和利润"),
    ("各州（市）规模以上工业增加值增速及位次", "规模以上工业增加值增速"),   # 州（市）: a set; its rank is a column's
]


@pytest.mark.parametrize("rest,expected", CAPTION_INDICATORS, ids=[r for r, _ in CAPTION_INDICATORS])
def test_caption_indicator(rest, expected):
    assert caption_indicator(rest) == expected


ROW_PLACES = [  # (row labels, caption, home) -> subject by row
    ("short names read in full", ["长沙市", "株洲", "湘西州"], "", "湖南省",
     {0: "长沙市", 1: "株洲市", 2: "湘西土家族苗族自治州"}),
    ("the province's own row", ["全省", "岳阳市", "常德"], "", "湖南省", {0: "湖南省", 1: "岳阳市", 2: "常德市"}),
    ("provinces", ["黑龙江", "河南省", "新疆"], "", "", {0: "黑龙江省", 1: "河南省", 2: "新疆维吾尔自治区"}),
    ("a district told by the caption's city", ["芙蓉区", "天心区", "雨花区"], "长沙市各区财政收入", "",
     {0: "芙蓉区", 1: "天心区", 2: "雨花区"}),
    ("made-up divisions beside a real one", ["浏阳市", "河西市", "平安县"], "", "", {0: "浏阳市", 1: "河西市", 2: "平安县"}),
    ("made-up divisions only", ["甲市", "乙市", "丙县"], "", "", {}),
    ("industries", ["采矿业", "制造业", "建筑业"], "", "湖南省", {}),
    ("one place among industries", ["中山", "采矿业", "制造业"], "", "", {}),
    ("a company's sales by region", ["北京", "上海", "广东"], "", "宁远新能源科技股份有限公司", {}),
    ("urban and rural parts are no places", ["城区", "郊县", "芙蓉区"], "长沙市各区财政收入", "", {}),
    ("a settlement word among places", ["浏阳市", "宁乡市", "城区"], "", "湖南省", {0: "浏阳市", 1: "宁乡市"}),
]


@pytest.mark.parametrize("labels,caption,home,expected", [pytest.param(*r[1:], id=r[0]) for r in ROW_PLACES])
def test_row_places(labels, caption, home, expected):
    assert row_places(list(enumerate(labels)), caption, home) == expected


TABLE_READINGS = [  # a composed table -> (text, unit, kind, measure, indicator, subject) of its first cells
    ("unit line between caption and header, periods as columns",
     "表4　2022年1—12月各市社会消费品零售总额增速\n单位：%\n城　市\t1—12月\t1—11月\n"
     "南昌市\t5.1\t4.7\n九江\t-0.4\t-0.9\n",
     [("5.1", "%", "percent", "change", "社会消费品零售总额增速", "南昌市"),
      ("4.7", "%", "percent", "change", "社会消费品零售总额增速", "南昌市"),
      ("-0.4", "%", "percent", "change", "社会消费品零售总额增速", "九江市")]),
    ("caption of two indicators: the columns say which",
     "表1　各市地区生产总值及增长速度\n单位：亿元、%\n地　区\t2023年\t增长\n南昌市\t7324.2\t4.1\n赣州市\t4606.2\t4.9\n",
     [("7324.2", "元", "money", "level", "地区生产总值", "南昌市"),
      ("4.1", "%", "percent", "change", "地区生产总值增长", "南昌市")]),
    ("industries keep their labels; the caption's 增速 still says change",
     "表2　2023年1—6月主要行业增加值增速\n单位：%\n行　业\t1—6月\t1—5月\n采矿业\t3.1\t2.8\n制造业\t6.3\t6.0\n",
     [("3.1", "%", "percent", "change", "采矿业", ""), ("2.8", "%", "percent", "change", "采矿业", "")]),
    ("a sales rate is a share; its change under 同比增长（%） is in points",
     "表3　2023年主要指标\n指　标\t单位\t绝对数\t同比增长（%）\n产品销售率\t%\t97.6\t-0.5\n资产负债率\t%\t57.2\t0.3\n",
     [("97.6", "%", "percent", "share", "产品销售率", ""), ("-0.5", "百分点", "percentage_point", "change",
                                                      "产品销售率同比增长", ""),
      ("57.2", "%", "percent", "level", "资产负债率", "")]),    # a ratio of two amounts stays a level
    ("a % in the unit column of a row given as growth only: its change is a percent",
     "表4　2026年1—11月主要指标\n指　标\t单位\t1—11月\t同比增长（%）\n规模以上工业增加值\t%\t—\t8.7\n"
     "产品销售率\t%\t98.1\t0.3\n",
     [("8.7", "%", "percent", "change", "规模以上工业增加值同比增长", ""),
      ("98.1", "%", "percent", "share", "产品销售率", ""),
      ("0.3", "百分点", "percentage_point", "change", "产品销售率同比增长", "")]),
    ("表N on its own line above the title (a PDF broke it)",
     "表6\n2023年各市城镇化率\n单位：%\n地　区\t2023年\t2022年\n南昌市\t80.6\t79.8\n九江市\t65.2\t64.4\n",
     [("80.6", "%", "percent", "share", "城镇化率", "南昌市")]),
    ("a row at the group row's own indent is no item of it",
     "表7　2023年主要指标\n指　标\t单位\t绝对数\n工业增加值\t亿元\t402.6\n主要产品产量\n　钢材\t万吨\t310.2\n"
     "　发电量\t亿千瓦时\t88.1\n营业收入\t亿元\t905.3\n",
     [("402.6", "元", "money", "level", "工业增加值", ""), ("310.2", "吨", "quantity", "level", "钢材产量", ""),
      ("88.1", "千瓦时", "quantity", "level", "发电量", ""), ("905.3", "元", "money", "level", "营业收入", "")]),
    ("no indents at all (a PDF): a heading row heads the rows after it",
     "表8　2023年居民收入\n单位：元\n指　标\t2023年\t2022年\n人均消费支出\t26110\t24530\n人均可支配收入\n"
     "城镇\t52310\t50120\n农村\t23120\t21980\n",
     [("26110", "元", "money", "level", "人均消费支出", ""), ("24530", "元", "money", "level", "人均消费支出", ""),
      ("52310", "元", "money", "level", "人均可支配收入城镇", ""), ("50120", "元", "money", "level", "人均可支配收入城镇", ""),
      ("23120", "元", "money", "level", "人均可支配收入农村", "")]),
    ("pieces in the 单位 column",
     "表5　2023年主要产品产量\n指　标\t单位\t产量\n显示面板\t万块\t2345.6\n电路板\t亿块\t12.3\n",
     [("2345.6", "块", "count", "level", "显示面板产量", ""), ("12.3", "块", "count", "level", "电路板产量", "")]),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=name) for name, t, e in TABLE_READINGS])
def test_table_reading(text, expected):
    got = [(c.text, c.unit, c.kind, c.measure, c.indicator, c.subject) for c in cells_of(text)]
    # an empty subject expected: the document's, filled by the pipeline's scope (not checked here)
    got = [g[:5] + (e[5] and g[5],) for g, e in zip(got, expected)]
    assert got[:len(expected)] == expected


@pytest.mark.parametrize("text,unit,kind", [
    ("他说十块钱一斤。", "元", "money"),          # 块 = 元 in speech stays money outside tables
    ("花了三十块买菜。", "元", "money"),
])
def test_prose_kuai_stays_money(text, unit, kind):
    claim = extract(text, "p")[0]
    assert (claim.unit, claim.kind) == (unit, kind)


def test_a_target_cell_writes_its_bound_after_the_number():
    """6左右, 8以上 in a table of targets: the span is the number, the word its bound."""
    got = {c.text: c.bound for c in cells_of(source("results_and_targets", "txt"))}
    assert (got["6"], got["8"], got["486.72"]) == ("approx", "min", "exact")


TABLE_MEANINGS = [  # a composed table -> (cell, field, value) a careful reader gives
    ("a span-only column measures what the level column on its left does",
     "附表　2026年5月份主要工业产品产量\n产品名称\t单位\t当月产量\t同比增长（%）\t1—5月累计\t累计增长（%）\n"
     "钢材\t万吨\t1210\t2.1\t5820\t1.4\n水泥\t万吨\t1890\t-3.2\t7120\t-2.6\n",
     [("5820", "indicator", "钢材产量"), ("5820", "period", "2026-01/2026-05"), ("1210", "indicator", "钢材产量")]),
    ("a kind of a quantity under it",
     "附表　2026年5月份能源生产\n产品名称\t单位\t当月产量\t同比增长（%）\n发电量\t亿千瓦时\t6126\t2.7\n"
     "其中：火电\t亿千瓦时\t4382\t-2.3\n　　　风电\t亿千瓦时\t712\t8.9\n",
     [("6126", "indicator", "发电量"), ("4382", "indicator", "火电发电量"), ("712", "indicator", "风电发电量")]),
    ("a numbered section heads its own breakdown",
     "附表　2026年甲省居民人均收支主要数据\n指标\t绝对量（元）\t增长（%）\n一、全省居民人均可支配收入\t25486\t5.2\n（一）按常住地分\n"
     "城镇居民\t38253\t4.7\n二、全省居民人均消费支出\t19738\t5.9\n（一）按常住地分\n城镇居民\t24236\t5.2\n",
     [("38253", "indicator", "城镇居民人均可支配收入"), ("24236", "indicator", "城镇居民人均消费支出"),
      ("24236", "subject", "甲省居民（城镇居民）")]),
    ("an annex caption after a colon dates the columns that name no period",
     "附表：2026年5月份居民消费价格\n\t环比涨跌幅（%）\t同比涨跌幅（%）\t1—5月同比涨跌幅（%）\n"
     "食品\t-0.6\t-1.2\t-0.8\n服务\t0.1\t0.7\t0.5\n",
     [("0.7", "period", "2026-05"), ("0.1", "period", "2026-05"), ("0.5", "period", "2026-01/2026-05")]),
    ("space-aligned 其中 rows and their siblings, a share at the stock's day",
     "表1　2026年末常住人口数及其构成\n                                  单位：万人\n"
     "指标                      年末数        比重（%）\n"
     "全省常住人口              3642.8        100.0\n"
     "  其中：城镇              2189.1         60.1\n"
     "        乡村              1453.7         39.9\n",
     [("1453.7", "indicator", "乡村常住人口"), ("2189.1", "indicator", "城镇常住人口"),
      ("39.9", "period", "2026-12-31")]),
    ("a budget column of a span's execution is the year's",
     "附表　某市2026年1—9月一般公共预算收支执行情况\n单位：万元\n项目\t预算数\t完成数\t完成预算%\t同比增长%\n"
     "一般公共预算收入\t2050000\t1513580\t73.8\t3.1\n税收收入\t1480000\t1048620\t70.9\t2.2\n",
     [("2050000", "period", "2026"), ("2050000", "status", "target"), ("1513580", "period", "2026-01/2026-09")]),
    ("a caption of 表 and a year, without a number",
     "表　2026年1—10月主要行业分布\n行业\t金额（亿美元）\t同比增长（%）\n制造业\t238.6\t12.4\n批发和零售业\t186.9\t8.7\n",
     [("238.6", "period", "2026-01/2026-10"), ("12.4", "period", "2026-01/2026-10")]),
    ("the months a column compares with are not its own",
     "附表　2026年1—11月某市规模以上工业分行业增加值增速\n行业\t增加值增速（%）\t比1—10月加快/回落（百分点）\n"
     "医药制造业\t11.8\t0.6\n专用设备制造业\t14.2\t-0.4\n",
     [("0.6", "period", "2026-01/2026-11"), ("-0.4", "period", "2026-01/2026-11"), ("11.8", "period", "2026-01/2026-11")]),
    ("a year-end row, and the rows under it, stand at each year's last day",
     "表2　2025年和2026年主要人口指标\n指标\t单位\t2025年\t2026年\n年末常住人口\t万人\t4108.2\t4113.6\n"
     "　城镇人口\t万人\t2476.3\t2512.8\n人口出生率\t‰\t7.41\t7.12\n",
     [("4108.2", "period", "2025-12-31"), ("2512.8", "period", "2026-12-31"), ("7.12", "period", "2026")]),
    ("a table of trading partners is the home's trade with each",
     "表　2026年1—9月甲省对主要贸易伙伴进出口情况\n单位：亿元\n贸易伙伴\t进出口\t同比增长（%）\n"
     "东盟\t612.4\t9.6\n欧盟\t488.1\t4.2\n香港\t126.3\t-2.1\n",
     [("612.4", "subject", "甲省"), ("612.4", "indicator", "对东盟进出口"), ("126.3", "subject", "甲省"),
      ("-2.1", "indicator", "对香港进出口同比增长")]),
]


@pytest.mark.parametrize("text,want", [pytest.param(t, w, id=name) for name, t, w in TABLE_MEANINGS])
def test_table_meanings(text, want):
    claims = {c.text: c for c in table_claims(text, find_tables(text), "d", doc_year=2026, default_subject="甲省")}
    assert [(t, f, getattr(claims[t], f)) for t, f, _ in want] == want
