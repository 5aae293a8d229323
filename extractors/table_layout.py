"""Where the tables of a text are, and what their cells hold.

A table is a run of lines split into cells by TABs or by runs of two or more
spaces (or, in a web repost that lost its TABs, single spaces between numbers),
with numeric cells in at least two rows. Above the run: an optional caption
(`表1 …`) and unit line (`单位：万元`); its first rows without numbers are the
header rows; below it, notes (`注：`). The readers render HTML, Word and PDF
tables as such TAB lines (grid_lines), so one finder serves every format.
Offsets index the text as given (the original, not the normalised prose).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from .lexicon import magnitudes, units
from .numbers import parse_number

# Cells are split at TABs, or at runs of 2+ spaces after the row's first character.
CELL_SEP = regex.compile(r"\t|[ \u3000\u00a0]{2,}(?=\S)")
TAB = regex.compile(r"\t")
ONE_HAN = regex.compile(r"\p{Han}")
INDENT = regex.compile(r"^[ \u3000\u00a0]{0,40}")
# A value cell: the number, a % or a unit written in it, a footnote mark after it.
CELL_VALUE = regex.compile(r"""(?P<num>[-+−－]?(?:[0-9０-９]{1,3}(?:,[0-9]{3}){1,6}|[0-9０-９]{1,18})(?:[.．][0-9０-９]{1,12})?)
    (?P<pct>[%％‰])?
    (?P<unit>(?!(?:左右|以上|以内|以下|上下)$)\p{Han}{1,6}?(?:/\p{Han}{1,3})?)?
    (?P<bound>左右|以上|以内|以下|上下)?
    (?P<mark>\s{0,2}(?:[*＊#△▲]|[①-⑩]|[（(]注?\s{0,2}[0-9]{1,2}[）)]))?""", regex.X)
YEAR_CELL = regex.compile(r"(?:19|20)\d\d年?")
CAPTION = regex.compile(r"^(?:附表|续表|表)\s{0,3}(?:[0-9]{1,3}(?=(?:19|20)[0-9]{2}\s{0,2}年)|"   # 表12021年: space lost in a PDF
                     # (not a year: 附表　2026年10月份…, an annex without a number)
                     r"(?!(?:19|20)[0-9]{2}\s{0,2}年)[0-9０-９一二三四五六七八九十A-Za-z]{1,4}(?:[-—.．][0-9]{1,3})?(?:\s|[：:、.．]|(?=\p{Han}))|"
                     r"(?<=(?:附表|续表|^表)\s{0,3})[：:]?\s{0,3}(?=(?:19|20)[0-9]{2}\s{0,2}年))")   # 附表：2026年…, 表　2026年…
BARE_CAPTION = regex.compile(r"(?:附表|续表|表)\s{0,3}[0-9０-９一二三四五六七八九十]{1,4}")
CAPTION_END = regex.compile(r"(?:表|情况|指标|指数|统计|明细|一览|汇总|[）)])$")
SENTENCE_PUNCT = regex.compile(r"[。；！？，]")
UNIT_LINE = regex.compile(r"[（(]?\s{0,3}(?:计量)?单位\s{0,3}[：:]\s{0,3}(?P<units>[^（）()\n]{1,40}?)\s{0,3}[）)]?\s{0,3}$")
NOTE_LINE = regex.compile(r"^\s{0,8}(?:注\s{0,2}[：:0-9０-９①-⑩]|注$|说明[：:]|资料来源|数据来源|附注)")
STUB = regex.compile(r"^(?:分\s{0,2}组|项\s{0,2}目|指\s{0,2}标(?:名称)?|行\s{0,2}业|地\s{0,2}区|名\s{0,2}称|类\s{0,2}别|科\s{0,2}目|"
                     r"分\s{0,2}类|单\s{0,2}位|序号|年\s{0,2}份|时\s{0,2}间|城\s{0,2}市|省\s{0,2}份|企业名称)$")
INDEX_BASE = regex.compile(r"[^=＝]{1,10}[=＝]\s{0,2}100")
# A table's 块 (亿块 of chips, 万块 of panels) counts pieces: 块 = 元 is speech, not statistics
# (units.tsv keeps it for prose: 十块钱).
PIECE = "块"
MIN_DATA_ROWS = 2


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    start: int
    end: int
    cells: tuple[Cell, ...]
    indent: int = 0


@dataclass(slots=True)
class Table:
    """One table of a document; start/end cover its header and data rows (not caption, notes)."""
    start: int
    end: int
    header: list[Row] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    caption: str = ""
    caption_span: tuple[int, int] | None = None
    unit_line: str = ""
    notes: list[tuple[int, int]] = field(default_factory=list)
    width: int = 0


def _split_line(text: str, start: int, end: int) -> Row:
    line = text[start:end]
    indent = INDENT.match(line).end()
    cells = []
    pos = 0 if line.startswith("\t") else indent
    # a TAB line's spaces pad inside its cells (指　　标, 城　　镇); else runs of spaces part them
    for m in (TAB if "\t" in line else CELL_SEP).finditer(line, pos):
        cells.append(_cell(text, start + pos, start + m.start()))
        pos = m.end()
    cells.append(_cell(text, start + pos, end))
    if "\t" not in line:
        cells = _spaced_out_words(text, cells)
    return Row(start, end, tuple(cells), indent if not line.startswith("\t") else 0)


def _spaced_out_words(text: str, cells: list[Cell]) -> list[Cell]:
    """Two one-character cells in a row are one word spaced out to a column's width:
    指　　标, 城　　镇 (no table has columns of single characters side by side)."""
    out: list[Cell] = []
    for cell in cells:
        if out and ONE_HAN.fullmatch(out[-1].text) and ONE_HAN.fullmatch(cell.text):
            out[-1] = Cell(out[-1].start, cell.end, text[out[-1].start:cell.end])
        else:
            out.append(cell)
    return out


def _cell(text: str, start: int, end: int) -> Cell:
    while start < end and text[start] in " \t\u3000\u00a0\r":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\u00a0\r":
        end -= 1
    return Cell(start, end, text[start:end])


@lru_cache(maxsize=65536)
def cell_value(cell: str) -> tuple[Decimal, str, int] | None:
    """(value, unit as written, length of the claim's span) of a value cell, else None:
    -28.2, 20.3%, 1,143,083.8, 79750.1亿元, 38.0*, -6.1（注1） (the footnote mark is no part of the span).

    >>> cell_value("79750.1亿元"), cell_value("-6.1（注1）"), cell_value("2023年")
    ((Decimal('79750.1'), '亿元', 9), (Decimal('-6.1'), '', 4), None)
    """
    m = CELL_VALUE.fullmatch(cell)
    if not m or (m.group("unit") and (m.group("pct") or not _unit_of(m.group("unit")))):
        return None
    try:
        value = parse_number(m.group("num").replace("−", "-").replace("－", "-"))
    except ValueError:
        return None
    pct = m.group("pct")
    unit = ("%" if pct in ("%", "％") else pct) if pct else (m.group("unit") or "")
    return value, unit, m.end("unit") if m.group("unit") else m.end("pct") if pct else m.end("num")


_CELL_BOUNDS = {"左右": "approx", "上下": "approx", "以上": "min", "以内": "max", "以下": "max"}


def cell_bound(cell: str) -> str:
    """The bound a value cell writes after its number (6左右, 8以上: a target table's cells); exact else."""
    m = CELL_VALUE.fullmatch(cell)
    return _CELL_BOUNDS.get(m.group("bound") or "", "exact") if m else "exact"


def _is_number(cell: str) -> bool:
    return cell_value(cell) is not None


is_number_cell = _is_number


def _numeric_count(row: Row) -> int:
    return sum(1 for c in row.cells if _is_number(c.text))


def _is_data_row(row: Row) -> bool:
    """A row with a number in it that is not only years (a 2022 | 2023 header)."""
    nums = [c.text for c in row.cells if _is_number(c.text)]
    return bool(nums) and not all(YEAR_CELL.fullmatch(n) for n in nums)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


# Whole-text passes that name the few lines worth a closer look (most lines are prose).
_CELL_GAP = regex.compile(r"\t|  |\u3000\u3000")
_SPACE_NUMBER = regex.compile(r" [-+−－]?[0-9]")


def _lines_with(pattern, text: str, lines: list[tuple[int, int]]) -> set[int]:
    starts = [s for s, _ in lines]
    return {bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text)}


def find_tables(text: str) -> list[Table]:
    """The tables of a document, in order.

    >>> [len(t.rows) for t in find_tables("表1 产值\\n地区\\t产值（亿元）\\n甲市\\t12.5\\n乙市\\t8.1\\n")]
    [2]
    """
    lines = _lines(text)
    rows: list = [None] * len(lines)
    for k in _lines_with(_CELL_GAP, text, lines):
        row = _split_line(text, *lines[k])
        rows[k] = row if len(row.cells) >= 2 else None
    _single_spaced(text, lines, rows)
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        if rows[i] is None or len(rows[i].cells) < 2:
            i += 1
            continue
        j = i
        while j < n and _in_block(rows, lines, text, j):
            j += 1
        block = [rows[k] if rows[k] is not None else _split_line(text, *lines[k]) for k in range(i, j)]
        table = _table_of(text, lines, block, i, j)
        if table is not None:
            if tables and _continues(text, tables[-1], table):
                table.header, table.caption, table.unit_line = tables[-1].header, tables[-1].caption, \
                    tables[-1].unit_line
            tables.append(table)
        i = max(j, i + 1)
    return tables


# A row whose cells lost their TABs (a web repost): a label, then 2+ numbers apart by single spaces.
SPACED_ROW = regex.compile(r"[^\s\d][^ \t]{0,40}(?: {1,3}[-+−－]?[0-9][0-9,.]{0,20}[%％]?){2,40} {0,3}")
TOKEN = regex.compile(r"[^ ]+")


def _single_spaced(text: str, lines: list[tuple[int, int]], rows: list) -> None:
    """Rows split at single spaces, for runs of 2+ SPACED_ROW lines with as many
    numbers each, and the header lines right above them."""
    n, k = len(lines), 0
    worth = _lines_with(_SPACE_NUMBER, text, lines)    # a SPACED_ROW line has a space before a number
    while k < n:
        if k not in worth or rows[k] is not None or not SPACED_ROW.fullmatch(text, *_stripped(text, lines[k])):
            k += 1
            continue
        j = k
        while j < n and j in worth and rows[j] is None and SPACED_ROW.fullmatch(text, *_stripped(text, lines[j])):
            j += 1
        if j - k >= MIN_DATA_ROWS:
            top = k
            while top > 0 and k - top < 3 and rows[top - 1] is None and _spaced_header(text[slice(*lines[top - 1])]):
                top -= 1
            for m in range(top, j):
                rows[m] = _split_spaced(text, *lines[m])
        k = max(j, k + 1)


def _stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in " \u3000":
        start += 1
    return start, end


def _spaced_header(line: str) -> bool:
    line = line.strip()
    return (" " in line and len(line) <= 200 and not SENTENCE_PUNCT.search(line)
            and not CAPTION.match(line) and not UNIT_LINE.search(line) and not NOTE_LINE.match(line))


def _split_spaced(text: str, start: int, end: int) -> Row:
    line = text[start:end]
    indent = INDENT.match(line).end()
    tokens = [Cell(start + m.start(), start + m.end(), m.group()) for m in TOKEN.finditer(line, indent)]
    if len(tokens) >= 2 and STUB.match(tokens[0].text + tokens[1].text):     # 分 组
        tokens[:2] = [Cell(tokens[0].start, tokens[1].end, text[tokens[0].start:tokens[1].end])]
    return Row(start, end, tuple(tokens), indent)


# Between the parts of a table broken across pages: blank lines, a page number, 续表.
CONTINUATION_GAP = regex.compile(r"(?:\s|[-—－]?\s{0,2}[0-9]{1,4}\s{0,2}[-—－]?|第\s{0,2}[0-9]{1,4}\s{0,2}页|续表[^\n]{0,40}|(?:附表|表)\s{0,3}[0-9]{1,3}\s{0,3}[（(]续[）)][^\n]{0,40})*")


def _continues(text: str, before: Table, table: Table) -> bool:
    """A header-less table right after one of the same width is its continuation."""
    return (not table.header and bool(before.header) and table.width == before.width
            and table.start - before.end < 200 and bool(CONTINUATION_GAP.fullmatch(text[before.end:table.start])))


def _in_block(rows, lines, text, k) -> bool:
    """Multi-cell lines, and one-cell section lines (一、工业) between them."""
    if rows[k] is not None and len(rows[k].cells) >= 2:
        return True
    s, e = lines[k]
    line = text[s:e].strip()
    if not line or len(line) > 30 or SENTENCE_PUNCT.search(line) or NOTE_LINE.match(line):
        return False
    nxt = rows[k + 1] if k + 1 < len(rows) else None
    return nxt is not None and len(nxt.cells) >= 2 and _is_data_row(nxt)


def _table_of(text, lines, block: list[Row], first: int, last: int) -> Table | None:
    data_at = [k for k, r in enumerate(block) if _is_data_row(r) and len(r.cells) >= 2]
    if len(data_at) < MIN_DATA_ROWS:
        return None
    head_end = data_at[0]
    header, spanning = [], []
    for r in block[:head_end]:
        texts = {c.text for c in r.cells if c.text}
        line = text[r.start:r.end].strip()
        if not header and (len(texts) == 1 or CAPTION.match(line) or _is_unit_row(r)):
            # a caption or unit row merged across the table, or a caption whose
            # words are apart by 2+ spaces (表1  2023年…): not a header, stays prose
            spanning.append(texts.pop() if len(texts) == 1 else line)
        elif texts:
            header.append(r)
    body = block[head_end:]
    widths = sorted(len(r.cells) for r in body if _is_data_row(r))
    table = Table(start=header[0].start if header else body[0].start, end=block[-1].end, header=header,
                  rows=body, width=widths[len(widths) // 2])
    for r in header:
        for c in r.cells:
            unit = UNIT_LINE.match(c.text) if not table.unit_line else None
            if unit and c.text.lstrip("（(").startswith(("单位", "计量单位")):
                table.unit_line = unit.group("units")     # 单位：亿元 | 2023年 | 2022年
    for line in spanning:
        unit = UNIT_LINE.search(line)
        if unit:
            table.unit_line = unit.group("units")
            line = line[:unit.start()].strip()
        if line and _looks_like_caption(line):
            table.caption = line
    # Caption and unit line: the short lines right above the block.
    k = first - 1
    while k >= 0 and first - k <= 3:
        s, e = lines[k]
        line = text[s:e].strip()
        if not line:
            k -= 1
            continue
        unit = UNIT_LINE.search(line)
        if unit and not table.unit_line:
            table.unit_line = unit.group("units")
            if unit.start() > 0:
                line = line[:unit.start()].strip()
            else:
                k -= 1
                continue
        above = text[slice(*lines[k - 1])].strip() if k > 0 else ""
        if not table.caption and not CAPTION.match(line) and BARE_CAPTION.fullmatch(above) \
                and len(line) <= 50 and not SENTENCE_PUNCT.search(line):
            # 表3 on a line of its own, its title on the next (a PDF broke the line at a wide space)
            table.caption, table.caption_span = f"{above} {line}", (lines[k - 1][0], e)
        elif _looks_like_caption(line) and not table.caption:
            table.caption = line
            table.caption_span = (s, e)
        break
    # Notes right below: they stay prose, but a unit they name counts.
    k = last
    while k < len(lines) and k - last < 30:
        s, e = lines[k]
        line = text[s:e].strip()
        if not line:
            k += 1
            continue
        if k == last and UNIT_LINE.search(line) and not table.unit_line:
            table.unit_line = UNIT_LINE.search(line).group("units")
        if NOTE_LINE.match(line) or (table.notes and regex.match(r"[0-9０-９]{1,2}\s{0,2}[.．、]", line)):
            table.notes.append((s, e))
            k += 1
            continue
        break
    return table


def _is_unit_row(row: Row) -> bool:
    """单位：亿元 alone, or beside a caption: 表1 … | 单位：亿元."""
    units = [c for c in row.cells if c.text.lstrip("（(").startswith(("单位", "计量单位")) and UNIT_LINE.match(c.text)]
    return bool(units) and all(c in units or not c.text or CAPTION.match(c.text) for c in row.cells)


def _looks_like_caption(line: str) -> bool:
    if CAPTION.match(line):
        return True
    return len(line) <= 50 and not SENTENCE_PUNCT.search(line) and bool(CAPTION_END.search(line))


@lru_cache(maxsize=4096)
def _unit_of(written: str) -> tuple[str, Decimal, str, str] | None:
    """(unit, multiplier, kind, currency) of a unit as written: 万元/人 -> ('元/人', 1e4, 'money', 'CNY')."""
    written = written.strip().replace("％", "%")
    if not written or len(written) > 12:
        return None
    if INDEX_BASE.fullmatch(written):           # 上年=100: an index, no kind (as the dev gold has it)
        return f"指数({written})", Decimal(1), "", ""
    mags = magnitudes()
    mult, base = Decimal(1), written
    for word in sorted(mags, key=len, reverse=True):
        if written.startswith(word) and len(written) > len(word):
            mult, base = mags[word], written[len(word):]
            break
    if base == PIECE:
        return PIECE, mult, "count", ""
    lex = units()
    if written in lex:                           # 百分点 before 百 is read as a magnitude
        u = lex[written]
        return u.unit, Decimal(1), u.kind, u.currency
    head = base.split("/")[0]
    if head in lex:
        u = lex[head]
        unit = u.unit + base[len(head):]
        return unit, mult, u.kind, u.currency
    # (含食用菌, 不含农户: an aside in a label's brackets, not a unit)
    if regex.fullmatch(r"\p{Han}{1,4}(?:/\p{Han}{1,4})?", base) and not regex.search(r"[年月日季期数率比重额值计]", base) \
            and not regex.match(r"不?含|包括|包含|扣除|其中|按", base):
        kind = "quantity" if base in ("天", "小时", "年", "月") or len(base) > 1 else "count"
        return base, mult, kind, ""
    return None


def in_tables(tables: list[Table]):
    """A test: whether an original offset lies inside one of the tables' rows."""
    starts = [t.start for t in tables]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < tables[i].end
    return inside


SPACE_RUN = regex.compile(r"[\s\u3000]+")


def grid_lines(grid: list[list[tuple[str, bool]]]) -> list[str]:
    """A table's rows as TAB lines for find_tables. Each cell is (text, is_copy): a
    merged cell repeats its text in every column it spans (so headers align), but a
    copied number is left blank (one value, one claim).

    >>> grid_lines([[("分组", False), ("营业收入", False), ("营业收入", True)], [("总计", False), ("12", False), ("12", True)]])
    ['分组\\t营业收入\\t营业收入', '总计\\t12']
    """
    lines = []
    for row in grid:
        cells = []
        for text, is_copy, *_ in row:
            text = SPACE_RUN.sub(" ", text or "").strip()
            cells.append("" if is_copy and _is_number(text) else text)
        line = "\t".join(cells).rstrip("\t")
        if line.strip():
            # a label's indent (a third item of the first cell: 城镇 under 居民收入) as
            # full-width spaces, as a text table shows it
            indent = row[0][2] if row and len(row[0]) > 2 and cells[0] else 0
            lines.append("\u3000" * min(indent, 40) + line)
    return lines
