"""HTML: the main text by trafilatura (no scripts, menus or footers); title and date from metadata."""
from __future__ import annotations

import re

from . import Read, Unreadable, check_text
from .text import decode_text

# <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
DATE_PARAMS = {"original_date": True, "extensive_search": False}  # metadata only, not dates in the body


def read_html(raw: bytes) -> Read:
    declared = META_CHARSET.search(raw[:4096])
    decoded = decode_text(raw, declared.group(1).decode("ascii") if declared else None)
    import trafilatura

    html, rendered = _tables_as_markers(decoded.text)
    try:
        result = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                             with_metadata=True, favor_recall=True,
                                             date_extraction_params=DATE_PARAMS)
    except Exception as err:  # lxml on pathological markup
        raise Unreadable(f"malformed HTML: {type(err).__name__}: {str(err)[:120]}") from None
    text = (result.text if result else "") or _fallback_text(html)
    text = _put_tables(text, rendered)
    if not text.strip():
        raise Unreadable("no readable text in HTML (only markup or scripts?)")
    title = ((result.title if result else "") or "").strip()
    date = ((result.date if result else "") or "")[:10]
    return Read(check_text(text), encoding=decoded.encoding, title=title, published=date)


def _fallback_text(html: str) -> str:
    """All visible text when trafilatura finds no main content (short pages)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # an empty or markup-free document
        return _streamed_text(html)
    for el in tree.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line) or _streamed_text(html)


# -- reliab: text of markup nested deeper than libxml2 builds trees (256 levels) --

_HIDDEN = {"script", "style", "noscript", "template", "head"}
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
           "article", "blockquote", "pre"}


def _streamed_text(html: str) -> str:
    """Visible text read tag by tag (html.parser builds no tree, so depth
    costs nothing): what a 100,000-deep page holds is kept."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag, attrs):
            if tag in _HIDDEN:
                self.hidden += 1
            elif tag in _BLOCKS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _HIDDEN:
                self.hidden = max(0, self.hidden - 1)
            elif tag in _BLOCKS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    collector = Collector()
    collector.feed(html)
    collector.close()
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


# --- tables (issue 9): each <table> becomes TAB lines, spans expanded -------

TABLE_MARKER = "ZHIBIAOTABLE{}END"
_MARKER = re.compile(r"ZHIBIAOTABLE(\d{1,6})END")
MAX_CELL_CHARS = 200         # a longer cell is a paragraph: a layout table
MAX_GRID_CELLS = 2_000_000   # colspan="1000" rowspan="1000" must not blow up memory


def _tables_as_markers(html: str) -> tuple[str, list[str]]:
    """The page with each data <table> replaced by a marker paragraph, and those
    tables rendered as TAB lines (trafilatura renders them without row spans).
    Layout tables (holding tables or long text) are left to trafilatura."""
    if "<table" not in html.lower():
        return html, []
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # unparsable: trafilatura reports it
        return html, []
    rendered: list[str] = []
    for table in tree.xpath("//table[not(.//table)]"):
        if not _is_data_table(table):
            continue
        lines = _table_lines(table)
        marker = lxml.html.Element("p")
        marker.text = TABLE_MARKER.format(len(rendered))
        marker.tail = table.tail
        rendered.append("\n".join(lines))
        table.getparent().replace(table, marker)
    return lxml.html.tostring(tree, encoding="unicode"), rendered


def _is_data_table(table) -> bool:
    """Rows of short cells, some of them numbers: not a page laid out in a table."""
    from ..table_layout import is_number_cell

    cells = [td.text_content().strip() for td in table.xpath(".//td|.//th")]
    if len(table.xpath(".//tr")) < 2 or not cells or max(map(len, cells)) > MAX_CELL_CHARS:
        return False
    return any(is_number_cell(c) for c in cells)


def _table_lines(table) -> list[str]:
    from ..table_layout import grid_lines

    grid: list[list[tuple[str, bool] | None]] = []
    pending: dict[int, tuple[str, int]] = {}        # column -> (text, rows still spanned)
    cells_made = 0
    for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        row: list[tuple[str, bool]] = []
        col = 0
        for td in tr.xpath("./td|./th"):
            while col in pending:
                row, col = _carry(row, pending, col)
            text = td.text_content()
            indent = _indent(td, text) if col == 0 else 0
            span_c = _span(td.get("colspan"))
            span_r = _span(td.get("rowspan"))
            cells_made += span_c * span_r
            if cells_made > MAX_GRID_CELLS:
                return []
            for k in range(span_c):
                row.append((text, k > 0, indent if k == 0 else 0))
                if span_r > 1:
                    pending[col] = (text, span_r - 1)
                col += 1
        while col in pending:
            row, col = _carry(row, pending, col)
        for c in [c for c in pending if c >= col]:     # spans to the right of a short row
            row, _ = _carry(row + [("", False)] * (c - len(row)), pending, c)
        grid.append(row)
    captions = [" ".join(c.text_content().split()) for c in table.xpath("./caption")]
    return [c for c in captions if c] + grid_lines(grid)


# Indentation a browser shows: full-width or no-break spaces before the text (other
# whitespace is the markup's), and CSS padding, margin or text-indent on the cell or its
# first element, in em, px (16 to a character) or pt (12).
_CSS_INDENT = re.compile(r"(?:padding-left|margin-left|text-indent|padding)\s{0,4}:\s{0,4}([\d.]{1,8})\s{0,4}(em|px|pt|rem)",
                         re.I)
_LEADING = re.compile(r"[\s\u3000\u00a0]{0,200}")


def _indent(td, text: str) -> int:
    lead = _LEADING.match(text).group()
    chars = lead.count("\u3000") + lead.count("\u00a0")
    for el in [td, *td.iterchildren()][:2]:
        m = _CSS_INDENT.search(el.get("style") or "") if isinstance(el.tag, str) else None
        if m:
            size = float(m.group(1)) if m.group(1).count(".") <= 1 else 0.0
            chars += round(size / {"em": 1, "rem": 1, "px": 16, "pt": 12}[m.group(2).lower()])
    return chars


def _carry(row, pending, col):
    text, left = pending.pop(col)
    if left > 1:
        pending[col] = (text, left - 1)
    return row + [(text, True)], col + 1


def _span(value) -> int:
    try:
        return min(max(int(str(value).strip()), 1), 1000)
    except (TypeError, ValueError):
        return 1


def _put_tables(text: str, rendered: list[str]) -> str:
    if not rendered:
        return text
    def table(m) -> str:
        n = int(m.group(1))
        body = rendered[n] if n < len(rendered) else ""
        # a table inside a layout table's row: on lines of its own all the same
        before = "" if m.start() == 0 or text[m.start() - 1] == "\n" else "\n"
        after = "" if m.end() == len(text) or text[m.end()] == "\n" else "\n"
        return before + body + after
    return _MARKER.sub(table, text)
