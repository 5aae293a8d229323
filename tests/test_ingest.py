"""Every format gives the seed's text (modulo layout whitespace) and, through the engine, its claims.

Fixtures are generated here from the seed page; the builders (make_pdf, make_docx,
make_html) are also used by test_bad_inputs.py, test_corpus.py and bench/bench_ingest.py.
"""
from __future__ import annotations

import functools
import html
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from extractors.ingest import ReadError, read_bytes, read_document, safe_stem, stated_date

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),   # fonts-noto-cjk; face 2 = SC
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),             # fonts-wqy-zenhei
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
)
FONT = next(((path, face) for path, face in FONT_CANDIDATES if Path(path).is_file()), None)
needs_font = pytest.mark.skipif(FONT is None, reason="no CJK font for the PDF fixtures: "
                                "apt-get install fonts-noto-cjk (CI installs it)")
HEADLINE = "打造集群新高地 塑造发展新优势"
# Traditional-Chinese sample: Big5 cannot encode most simplified characters.
TRADITIONAL = ("臺北市政府今日公布，2021年全市營業收入達110.06億元，同比增長24%，\n"
               "較上年提高3.5個百分點；新簽約項目35個，總投資額約8250萬美元。\n")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Text without layout whitespace: what every format must agree on."""
    return re.sub(r"\s+", "", text)


# --- fixture builders ----------------------------------------------------------------------

def make_pdf(text: str, path: Path, columns: int = 3, size: float = 9, headline: str = "") -> int:
    """A newspaper-like PDF: each line of text a line in columns (the font shrinks until the
    longest line fits), filled top to bottom then left to right, page after page; an optional headline across the first
    columns of page 1. Returns the number of pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=FONT[0], collection_font_number=FONT[1])
    margin, gutter = 30, 20
    width = (pdf.w - 2 * margin - (columns - 1) * gutter) / columns
    lines = text.splitlines()
    size = min(size, width / (max(map(len, lines)) + 2))  # no wrapping: the lines stay the seed's
    i = 0
    while i < len(lines):
        pdf.add_page()
        top = margin
        if headline and pdf.page == 1:
            pdf.set_font("cjk", size=size * 2)
            pdf.text(margin + 40, margin + size * 2, headline)
            top += size * 4
        pdf.set_font("cjk", size=size)
        for column in range(columns):
            y = top + size
            while i < len(lines) and y < pdf.h - margin:
                pdf.text(margin + column * (width + gutter), y, lines[i])
                i += 1
                y += size * 1.5
    pdf.output(str(path))
    _identity_encoding(path)
    return pdf.page


@functools.lru_cache(maxsize=None)
def seed_pdf(columns: int = 3, headline: str = "") -> Path:
    """The seed page as a PDF, built once per test session (embedding the font takes seconds)."""
    path = Path(tempfile.mkdtemp(prefix="zhibiao-pdf-")) / f"seed_{columns}.pdf"
    make_pdf(seed_text(), path, columns=columns, headline=headline)
    return path


def _identity_encoding(path: Path) -> None:
    """fpdf2 embeds CFF (OpenType) CJK fonts with a custom CMap stream that pdfminer
    cannot resolve (it then sees no characters); name the standard Identity-H instead,
    as real newspaper PDFs do. Codes are glyph ids either way and ToUnicode stays."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    writer.write(str(path))


def make_docx(text: str, path: Path, table: list[list[str]] | None = None) -> None:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.core_properties.title = "打造集群新高地"
    document.save(str(path))


def make_html(text: str, charset: str = "utf-8") -> str:
    """A news page: scripts, navigation and footer around the article's paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>打造集群新高地</title>
<meta property="article:published_time" content="2022-06-15T08:00:00+08:00">
<script>var ad = "脚本里的数字999亿元"; document.write(ad);</script>
<style>p {{ color: #333 }}</style></head>
<body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<script>console.log("广告 888 万元")</script>
<article>{body}</article>
<footer>版权所有 聊城日报社</footer>
<script type="application/ld+json">{{"note": "777亿元"}}</script></body></html>"""


# --- same text in every format -------------------------------------------------------------

def _write(kind: str, folder: Path) -> Path:
    text = seed_text()
    path = folder / f"seed_{kind}"
    if kind == "utf8":
        path.write_bytes(text.encode("utf-8"))
    elif kind == "utf8_bom":
        path.write_bytes(text.encode("utf-8-sig"))
    elif kind == "utf16":
        path.write_bytes(text.encode("utf-16"))
    elif kind == "utf16_be":
        path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    elif kind in ("gbk", "gb18030"):
        path.write_bytes(text.encode(kind))
    elif kind == "pdf":
        path = path.with_suffix(".pdf")
        shutil.copy(seed_pdf(), path)
    elif kind == "docx":
        path = path.with_suffix(".docx")
        make_docx(text, path)
    elif kind == "html":
        path = path.with_suffix(".html")
        path.write_text(make_html(text), encoding="utf-8")
    elif kind == "html_gbk":
        path = path.with_suffix(".html")
        path.write_bytes(make_html(text, charset="gbk").encode("gbk"))
    return path.rename(path.with_suffix(path.suffix or ".txt")) if not path.suffix else path


FORMATS = [
    pytest.param("utf8", "txt", "utf-8", id="utf-8"),
    pytest.param("utf8_bom", "txt", "utf-8-sig", id="utf-8-bom"),
    pytest.param("utf16", "txt", "utf-16", id="utf-16-le-bom"),
    pytest.param("utf16_be", "txt", "utf-16", id="utf-16-be-bom"),
    pytest.param("gbk", "txt", "gb18030", id="gbk"),
    pytest.param("gb18030", "txt", "gb18030", id="gb18030"),
    pytest.param("pdf", "pdf", "", id="pdf", marks=needs_font),
    pytest.param("docx", "docx", "", id="docx"),
    pytest.param("html", "html", "utf-8", id="html"),
    pytest.param("html_gbk", "html", "gb18030", id="html-gbk"),
]


@pytest.mark.parametrize("kind, fmt, encoding", FORMATS)
def test_format_gives_seed_text(tmp_path, kind, fmt, encoding):
    doc = read_document(_write(kind, tmp_path))
    assert (doc.format, doc.encoding) == (fmt, encoding)
    assert squash(doc.text) == squash(seed_text())
    assert doc.doc_id == f"seed_{kind}"


@pytest.mark.parametrize("kind, fmt, encoding", FORMATS)
def test_format_gives_seed_claims(tmp_path, kind, fmt, encoding):
    """Same (value_normalized, unit) multiset as the UTF-8 text; meaningful once the engine lands."""
    from extractors.pipeline import extract

    doc = read_document(_write(kind, tmp_path))
    def values(text):
        return Counter((c.value_normalized, c.unit) for c in extract(text, doc_id="x"))
    assert values(doc.text) == values(seed_text())


def test_big5_traditional(tmp_path):
    path = tmp_path / "tw.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc = read_document(path)
    assert doc.encoding == "cp950"
    assert doc.text == TRADITIONAL  # kept traditional; the extractor folds what it needs


def test_big5_traditional_claims(tmp_path):
    from extractors.pipeline import extract

    path = tmp_path / "tw.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc = read_document(path)
    def values(text):
        return Counter((c.value_normalized, c.unit) for c in extract(text, doc_id="x"))
    assert values(doc.text) == values(TRADITIONAL)


def test_offsets_index_text_as_read(tmp_path):
    """Claims of a GBK file index the decoded text exactly (DESIGN: source[start:end] == text)."""
    from extractors.pipeline import extract_document

    doc = read_document(_write("gbk", tmp_path))
    for claim in extract_document(doc).claims:
        assert doc.text[claim.start:claim.end] == claim.text


# --- layout and metadata -------------------------------------------------------------------

@needs_font
def test_pdf_columns_read_in_order_with_headline_first(tmp_path):
    doc = read_document(seed_pdf(3, HEADLINE))  # two pages, the headline over columns 1-2
    assert squash(doc.text) == squash(HEADLINE + seed_text())
    assert doc.text.splitlines()[0].replace(" ", "") == squash(HEADLINE)


@needs_font
@pytest.mark.parametrize("columns", [1, 2, 4])
def test_pdf_column_counts(tmp_path, columns):
    assert squash(read_document(seed_pdf(columns)).text) == squash(seed_text())


def test_docx_tables_in_body_order(tmp_path):
    path = tmp_path / "report.docx"
    make_docx("一、主要指标\n全年情况如下：", path, table=[["指标", "数值"], ["营业收入", "110.06亿元"]])
    doc = read_document(path)
    assert doc.text.splitlines() == ["一、主要指标", "全年情况如下：", "指标\t数值", "营业收入\t110.06亿元"]
    assert doc.title == "打造集群新高地"


def test_html_main_text_title_date_no_scripts(tmp_path):
    path = tmp_path / "news.html"
    path.write_text(make_html(seed_text()), encoding="utf-8")
    doc = read_document(path)
    assert (doc.title, doc.published) == ("打造集群新高地", "2022-06-15")
    for script_number in ("999", "888", "777", "console", "document.write"):
        assert script_number not in doc.text


def test_html_only_scripts_is_unreadable(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = '100亿元';</script></head><body>"
                    "<script>alert(1)</script></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="no readable text|no text"):
        read_document(path)


def test_sidecar_date_wins(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("聊城日报\n2022年6月16日 星期四\n全年增长24%。", encoding="utf-8")
    assert read_document(path).published == "2022-06-16"
    path.with_suffix(".meta.json").write_text('{"published": "2022-06-15", "title": "头版"}', encoding="utf-8")
    doc = read_document(path)
    assert (doc.published, doc.title) == ("2022-06-15", "头版")


@pytest.mark.parametrize("text, expected", [
    ("聊城日报\n2022年6月15日 星期三\n本报讯", "2022-06-15"),
    ("2022年6月15日  星期三  农历五月十七  第1版\n正文", "2022-06-15"),
    ("人民日报 | 2021-03-05 | 第01版\n正文", "2021-03-05"),
    ("二〇二二年六月十五日\n关于印发……的通知", "2022-06-15"),
    ("2022年6月14日，全市召开推进会，计划投资110亿元。", ""),        # a date in a sentence places an event
    ("2022年6月15日\n2022年6月16日\n正文", ""),                      # two candidates: ambiguous
    ("正文一\n正文二\n正文三\n正文四\n正文五\n正文六\n正文七\n正文八\n正文九\n2022年6月15日", ""),
    ("2022年2月30日 星期三", ""),                                     # not a date
], ids=["masthead", "weekday-lunar-page", "iso-pipes", "hanzi-numerals", "event-in-sentence",
        "ambiguous", "too-deep", "invalid-date"])
def test_stated_date(text, expected):
    assert stated_date(text) == expected


def test_upload_bytes(tmp_path):
    doc = read_bytes("C:\\Users\\张三\\2022 年报.txt", seed_text().encode("gbk"), published="2022-06-15")
    assert (doc.doc_id, doc.encoding, doc.published, doc.path) == ("2022_年报", "gb18030", "2022-06-15", "")
    assert safe_stem("...") == "document"


def test_pdf_renamed_txt_is_read_as_pdf(tmp_path):
    if FONT is None:
        pytest.skip("no CJK font for the PDF fixtures")
    renamed = tmp_path / "page.txt"
    shutil.copy(seed_pdf(), renamed)
    assert read_document(renamed).format == "pdf"
