"""Presentation helpers with no Streamlit in them: safe HTML highlighting of
document text, markdown escaping, and spreadsheet-safe exports.

    >>> highlight_span("增长<b>24%</b>", 5, 8)
    '增长&lt;b&gt;<mark>24%</mark>&lt;/b&gt;'
"""
from __future__ import annotations

import html
import io
import math
import re
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from extractors.table import neutralise_formulas  # noqa: F401  (one neutralisation for every CSV)

from .formatting import format_cn, format_en  # noqa: F401  (the readings live there)

XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit minus the header row
# Characters Streamlit's markdown (CommonMark + GFM + KaTeX + its :colour[] and
# :material/ directives) gives a meaning: each gets a backslash.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>&:=^])")
# Where a context window may start or end: after a sentence or clause ends.
CONTEXT_BOUNDARY = "。！？；\n"
# Characters of one number (2022—2024年, 110.06亿, 3.5%): a window never cuts between two of them.
NUMBER_CHARS = set("0123456789.,%０１２３４５６７８９．，％—–-~～〇零一二三四五六七八九十百千万亿")


# A title's dateline or speaker after a dash: 政府工作报告——2025年3月5日在…上
TITLE_SUBTITLE = re.compile(r"\s{0,4}(?:——|—|--|──)")
YEAR = re.compile(r"(?:19|20)\d\d年")


def short_title(title) -> str:
    """The name a reader uses for a document: its title without the dateline
    after the dash; the dateline's year goes in front when the name has none
    (the date of a 政府工作报告 is only in that dateline).

    >>> short_title("政府工作报告——2025年3月5日在第十四届全国人民代表大会第三次会议上")
    '2025年政府工作报告'
    >>> short_title("2024年聊城市国民经济和社会发展统计公报"), short_title("外资与绿化")
    ('2024年聊城市国民经济和社会发展统计公报', '外资与绿化')
    """
    title = "" if title is None or (isinstance(title, float) and math.isnan(title)) else str(title).strip()
    parts = TITLE_SUBTITLE.split(title, maxsplit=1)
    head = parts[0].strip()
    if len(parts) == 1 or not head:
        return title
    year = YEAR.search(parts[1])
    return head if YEAR.search(head) or not year else year.group(0) + head


def md_escape(text) -> str:
    """Text from a document as literal markdown: no emphasis, maths, strike-through,
    code, links or HTML from `营*业*收入`, `$$x$$`, `~~x~~`, `` `x` ``, `[a](http://x)`, `<b>x</b>`.

    >>> print(md_escape("营*业*收入 $$x$$"))
    营\\*业\\*收入 \\$\\$x\\$\\$
    """
    text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    return MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


# --------------------------------------------------------------- HTML -------

# A single line break inside a paragraph is the page's layout (a newspaper column
# 20 characters wide): between two Chinese characters it goes, elsewhere it is a space.
# A blank line (a paragraph) stays. Display only: offsets still index the original.
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
LAYOUT_BREAK_CJK = re.compile(f"(?<=[{CJK}])[ \t]{{0,8}}\n[ \t]{{0,8}}(?=[{CJK}])")
LAYOUT_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")


def _text(text: str) -> str:
    r"""Document text as escaped HTML, layout line breaks inside paragraphs removed.

    >>> _text("聊城市有色金属及\n金属深加工<b>\n\n下一段")
    '聊城市有色金属及金属深加工&lt;b&gt;\n\n下一段'
    """
    return html.escape(LAYOUT_BREAK.sub(" ", LAYOUT_BREAK_CJK.sub("", text)))


def highlight_span(text: str, start: int, end: int, css: str = "") -> str:
    """`text` as escaped HTML with text[start:end] inside <mark>.

    >>> highlight_span("增长<b>24%</b>", 5, 8)
    '增长&lt;b&gt;<mark>24%</mark>&lt;/b&gt;'
    """
    start, end = max(0, int(start)), min(len(text), int(end))
    attr = f' class="{html.escape(css)}"' if css else ""
    return (_text(text[:start]) + f"<mark{attr}>" + _text(text[start:end])
            + "</mark>" + _text(text[end:]))


def highlight_in(sentence: str, needle: str) -> str:
    """The sentence as escaped HTML with the first occurrence of the mention
    marked; the sentence has layout breaks removed, so try the mention
    without whitespace too ("110.06 亿元" is "110.06亿元" in the sentence)."""
    sentence, needle = str(sentence or ""), str(needle or "")
    for probe in (needle, "".join(needle.split())):
        if probe and probe in sentence:
            i = sentence.index(probe)
            return highlight_span(sentence, i, i + len(probe))
    return html.escape(sentence)


def context_html(source: str, start: int, end: int, width: int = 160) -> str:
    """A window of the original text around [start, end) with the span marked:
    about `width` characters each side, widened to the nearest sentence end
    (。！？；) when one is within another `width`, and never cut inside a
    number (not `…022—2024 年`)."""
    start, end = int(start), int(end)
    a, b = max(0, start - width), min(len(source), end + width)
    cut = max(source.rfind(ch, max(0, a - width), a + 1) for ch in CONTEXT_BOUNDARY)
    if cut >= 0:
        a = cut + 1
    while 0 < a < start and source[a - 1] in NUMBER_CHARS and source[a] in NUMBER_CHARS:
        a -= 1
    ends = [i for i in (source.find(ch, max(end, b - 1), b + width) for ch in CONTEXT_BOUNDARY) if i >= 0]
    if ends:
        b = min(ends) + 1
    while end < b < len(source) and source[b - 1] in NUMBER_CHARS and source[b] in NUMBER_CHARS:
        b += 1
    body = highlight_span(source[a:b], start - a, end - a)
    return ("…" if a > 0 else "") + body + ("…" if b < len(source) else "")


def mark_claims(source: str, spans: Iterable[tuple[int, int, str, str]], selected: str = "",
                limit: int = 5000) -> str:
    """The whole document as escaped HTML with every claim span in <mark>;
    spans are (start, end, claim_id, title). Overlapping spans keep the first;
    the selected claim gets class "sel" and an id to scroll to."""
    out, pos, n = [], 0, 0
    for start, end, claim_id, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = int(start), int(end)
        if start < pos or end > len(source) or end <= start:
            continue
        if n >= limit:
            break
        sel = claim_id == selected and selected != ""
        attrs = f' title="{html.escape(str(title))}" data-claim="{html.escape(str(claim_id))}"'
        if sel:
            attrs += ' class="sel" id="claim-selected"'
        out.append(_text(source[pos:start]))
        out.append(f"<mark{attrs}>{_text(source[start:end])}</mark>")
        pos, n = end, n + 1
    out.append(_text(source[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- exports ---

def plain_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy where float columns are written as the CLI writes them: `4`, not `4.0`;
    `11006000000`, not `1.1006e+10`; empty for missing."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype):
            out[col] = [("" if v is None or (isinstance(v, float) and math.isnan(v))
                         else np.format_float_positional(v, trim="-")) for v in out[col]]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for people: UTF-8 with BOM (Excel shows the Chinese), formulas
    neutralised (the engine's shared function once it exists), integers as integers."""
    # neutralise first: it leaves numeric columns alone, and -3.5 is a number, not a formula
    return plain_numbers(neutralise_formulas(frame)).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: pd.DataFrame | Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook (one sheet per frame), formulas neutralised, numbers
    kept as numbers, rows beyond Excel's limit cut."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    if isinstance(sheets, pd.DataFrame):
        sheets = {"claims": sheets}
    wb = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=str(name)[:31])
        ws.append([str(c) for c in frame.columns])
        safe = neutralise_formulas(frame.head(XLSX_MAX_ROWS))
        for row in safe.itertuples(index=False, name=None):
            cells = []
            for v in row:
                if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                    cells.append(None)
                elif isinstance(v, str):
                    cell = WriteOnlyCell(ws, value=v)
                    cell.data_type = "s"  # text stays text, never a formula
                    cells.append(cell)
                else:
                    cells.append(v.item() if hasattr(v, "item") else v)
            ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
