"""Statistics tables: every numeric cell is a claim (DESIGN.md, "What a claim is").

Tables are found on the ORIGINAL text (the prose normaliser joins lines): a run
of lines split into cells by TABs or by runs of two or more spaces, with numeric
cells in at least two rows. The readers render HTML, Word and PDF tables as
such TAB lines, so one finder serves every format. Above the run: an optional
caption (`表1 …`) and unit line (`单位：万元`); its first rows without numbers
are the header rows; below it, notes (`注：`) stay prose.

A header row with fewer cells than the data rows spans them: `营业收入` over
`1-11月（亿元）| 同比增长（%）`. A column's name, unit and period come from its
header pieces top to bottom; the caption gives what a column does not say.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from .lexicon import magnitudes, units
from .model import Claim
from .numbers import parse_number
from .periods import resolve_period

__all__ = ["Cell", "Row", "Table", "Column", "find_tables", "table_claims", "columns_of"]

# Cells are split at TABs, or at runs of 2+ spaces after the row's first character.
CELL_SEP = regex.compile(r"\t|[ \u3000\u00a0]{2,}(?=\S)")
INDENT = regex.compile(r"^[ \u3000\u00a0]{0,40}")
# A bare number, maybe signed, with thousands commas or a % sign: the cells that are claims.
NUMBER_CELL = regex.compile(r"[-+−]?(?:[0-9０-９]{1,3}(?:,[0-9]{3}){1,6}|[0-9０-９]{1,18})(?:[.．][0-9０-９]{1,12})?[%％‰]?")
# A value cell: the number, a % or a unit written in it, a footnote mark after it.
CELL_VALUE = regex.compile(r"""(?P<num>[-+−－]?(?:[0-9０-９]{1,3}(?:,[0-9]{3}){1,6}|[0-9０-９]{1,18})(?:[.．][0-9０-９]{1,12})?)
    (?P<pct>[%％‰])?
    (?P<unit>\p{Han}{1,6}(?:/\p{Han}{1,3})?)?
    (?P<mark>\s{0,2}(?:[*＊#△▲]|[①-⑩]|[（(]注?\s{0,2}[0-9]{1,2}[）)]))?""", regex.X)
YEAR_CELL = regex.compile(r"(?:19|20)\d\d年?")
CAPTION = regex.compile(r"^(?:附表|续表|表)\s{0,3}(?:[0-9]{1,3}(?=(?:19|20)[0-9]{2}\s{0,2}年)|"   # 表12021年: space lost in a PDF
                     r"[0-9０-９一二三四五六七八九十A-Za-z]{1,4}(?:[-—.．][0-9]{1,3})?(?:\s|[：:、.．]|(?=\p{Han})))")
CAPTION_END = regex.compile(r"(?:表|情况|指标|统计|明细|一览|汇总|[）)])$")
SENTENCE_PUNCT = regex.compile(r"[。；！？，]")
UNIT_LINE = regex.compile(r"[（(]?\s{0,3}(?:计量)?单位\s{0,3}[：:]\s{0,3}(?P<units>[^（）()\n]{1,40}?)\s{0,3}[）)]?\s{0,3}$")
NOTE_LINE = regex.compile(r"^\s{0,8}(?:注\s{0,2}[：:0-9０-９①-⑩]|注$|说明[：:]|资料来源|数据来源|附注)")
STUB = regex.compile(r"^(?:分\s{0,2}组|项\s{0,2}目|指\s{0,2}标(?:名称)?|行\s{0,2}业|地\s{0,2}区|名\s{0,2}称|类\s{0,2}别|科\s{0,2}目|"
                     r"分\s{0,2}类|单\s{0,2}位|序号|年\s{0,2}份|时\s{0,2}间|城\s{0,2}市|省\s{0,2}份|企业名称)$")
# （亿元） (%) （万元/人） ％ at a header piece's end, or 单位：万元 inside it.
PAREN = regex.compile(r"[（(]\s{0,3}(?:单位\s{0,2}[：:]\s{0,2})?(?P<u>[^（）()]{1,16}?)\s{0,3}[）)]")
TRAILING_PERCENT = regex.compile(r"[%％‰]$")
MONTH_END = regex.compile(r"(?P<m>1[0-2]|0?[1-9])\s{0,2}月(?:末|底)")
YEAR_END = regex.compile(r"(?P<y>(?:19|20)\d\d)?\s{0,2}年(?:末|底)")
# Relative column periods of company and budget tables: 本期 | 上年同期.
PRIOR_YEAR = regex.compile(r"上年同期|去年同期|上年|去年|上期")
CURRENT = regex.compile(r"本期|本年累计|本年|当期|本月|当月|累计|本季|今年")
ORDINAL_PREFIX = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[、.．](?![0-9])|[#＃*]+)\s{0,2}")
OF_WHICH = regex.compile(r"^(?:其\s{0,2}中\s{0,2}[：:]?|内\s{0,2}[：:]|含\s{0,2}[：:]|#)\s{0,2}")
TOTAL_LABEL = regex.compile(r"^(?:总\s{0,2}计|合\s{0,2}计|总\s{0,2}体|全\s{0,2}部|共\s{0,2}计|小\s{0,2}计|总\s{0,2}额|总\s{0,2}量)$")
GENERIC_NAME = regex.compile(r"^(?:金额|数值|数额|绝对数|绝对值|绝对额|绝对量|数量|数据|数|总量|总额|本期数)$")
INDEX_BASE = regex.compile(r"[^=＝]{1,10}[=＝]\s{0,2}100")
YEAR_ONLY = regex.compile(r"\d{4}")
UNIT_COLUMN = regex.compile(r"^(?:计量)?单位$")
CHANGE = regex.compile(r"同比|环比|增长|增速|增幅|增减|增加(?!值)|减少|下降|提高|降低|上升|回落|比上年|比去年|比上月|比同期|[±]")
BARE_CHANGE = regex.compile(r"(?:比|较)(?:上年|去年|上月|上期|同期)(?:同期)?|同比|环比|增长|增速|增幅|增减|增加|减少|下降|"
                         r"提高|降低|速度|幅度|率|[±%％（）()\s]")
SHARE = regex.compile(r"比重|占比|构成|占[^（）()]{0,12}[%％比]|完成预算|完成率|完成进度|为预算|为上年|到位率|贡献率")
# 预算数, 年初预算, 计划 name a plan; 一般公共预算收入 names a budget, not a plan.
TARGET = regex.compile(r"(?:预算|计划|规划)(?:数|值|额|指标)?$|^(?:年初|调整后?)?(?:预算|计划)|目标|预计|预期")
ACTUAL = regex.compile(r"执行|完成|实际|实绩|决算|实现")
POPULATION = regex.compile(r"\p{Han}{1,16}?(?:企业|单位|公司|集团|居民|住户|农户|农民|机构|银行|法人|个体户|职工|人员|商户|门店)")
PLACE_OR_ORG = regex.compile(r"\p{Han}{1,20}(?:省|市|自治区|自治州|地区|县|区|州|盟|旗|镇|乡|街道|村|公司|集团|银行|大学|医院|中心|协会|局|厅|委员会)$")
SPACES = regex.compile(r"[\s\u3000]+")
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


@dataclass(frozen=True, slots=True)
class Column:
    name: str = ""
    unit: str = ""          # as written: 亿元, %, 万元/人
    period_text: str = ""   # 1-11月, 11月末, 本期
    status: str = ""


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
    for m in CELL_SEP.finditer(line, pos):
        cells.append(_cell(text, start + pos, start + m.start()))
        pos = m.end()
    cells.append(_cell(text, start + pos, end))
    return Row(start, end, tuple(cells), indent if not line.startswith("\t") else 0)


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
    for m in regex.finditer(r"\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def find_tables(text: str) -> list[Table]:
    """The tables of a document, in order.

    >>> [len(t.rows) for t in find_tables("表1 产值\\n地区\\t产值（亿元）\\n甲市\\t12.5\\n乙市\\t8.1\\n")]
    [2]
    """
    lines = _lines(text)
    rows = [_split_line(text, s, e) if ("\t" in text[s:e] or "  " in text[s:e] or "\u3000\u3000" in text[s:e])
            else None for s, e in lines]
    rows = [r if r is not None and len(r.cells) >= 2 else None for r in rows]
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
    while k < n:
        if rows[k] is not None or not SPACED_ROW.fullmatch(text, *_stripped(text, lines[k])):
            k += 1
            continue
        j = k
        while j < n and rows[j] is None and SPACED_ROW.fullmatch(text, *_stripped(text, lines[j])):
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
        if len(texts) == 1 and not header:
            spanning.append(texts.pop())         # a caption or unit row merged across the table
        elif texts:
            header.append(r)
    body = block[head_end:]
    widths = sorted(len(r.cells) for r in body if _is_data_row(r))
    table = Table(start=block[0].start, end=block[-1].end, header=header, rows=body,
                  width=widths[len(widths) // 2])
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
        if _looks_like_caption(line) and not table.caption:
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


def _looks_like_caption(line: str) -> bool:
    if CAPTION.match(line):
        return True
    return len(line) <= 50 and not SENTENCE_PUNCT.search(line) and bool(CAPTION_END.search(line))


# --- headers ----------------------------------------------------------------

def _spread(row: Row, width: int, below: Row | None = None) -> list[str]:
    """A header row's text for each of the table's `width` columns: a row with
    fewer cells spans the data columns (groups over their sub-columns, told by
    the row below when that repeats: 1-5月 | 同比增长 | 1-5月 | 同比增长 | 5月末)."""
    cells = [c.text for c in row.cells]
    k = len(cells)
    if k >= width:
        return cells[:width]
    values = width - 1                       # columns after the row labels
    has_stub = bool(STUB.match(cells[0])) or (k > 1 and values % (k - 1) == 0 and values % k != 0)
    groups = cells[1:] if has_stub else cells
    sizes = _group_sizes([c.text for c in below.cells], values, len(groups)) if below is not None else None
    if sizes:
        spread = [g for g, n in zip(groups, sizes) for _ in range(n)]
        return [cells[0] if has_stub else ""] + spread
    if has_stub and k > 1 and values % (k - 1) == 0:
        size = values // (k - 1)
        return [cells[0]] + [c for c in cells[1:] for _ in range(size)]
    if not has_stub and values % k == 0:
        size = values // k
        return [""] + [c for c in cells for _ in range(size)]
    # Groups of unequal size cannot be told apart: right-align under the data.
    return [""] * (width - k) + cells


def _group_sizes(sub: list[str], values: int, groups: int) -> list[int] | None:
    """Sizes of `groups` groups over a sub-header row of `values` cells whose block
    repeats: [a, b, a, b, c] in 3 groups -> [2, 2, 1]; None if it does not fit."""
    if len(sub) != values or groups < 2 or not sub:
        return None
    starts = [p for p, text in enumerate(sub) if text == sub[0]]
    if len(starts) < 2:
        return None
    block = starts[1] - starts[0]
    if any(b - a != block for a, b in zip(starts, starts[1:])):
        return None
    covered = starts[-1] + block
    if covered > values:
        return None
    sizes = [block] * len(starts) + [1] * (values - covered)
    return sizes if len(sizes) == groups else None


def columns_of(table: Table) -> list[Column]:
    """Name, unit, period and status of each data column (index 0 is the row label).

    >>> t = find_tables("地区\\t产值\\n\\t2023年（亿元）\\t增长（%）\\n甲市\\t12.5\\t3.1\\n乙市\\t8.1\\t-2.0\\n")[0]
    >>> [(c.name, c.unit, c.period_text) for c in columns_of(t)[1:]]
    [('产值', '亿元', '2023年'), ('产值增长', '%', '')]
    """
    width = table.width
    grid = [_spread(r, width, table.header[n + 1] if n + 1 < len(table.header) else None)
            for n, r in enumerate(table.header)]
    columns = []
    for j in range(width):
        names, unit, period, seen = [], "", "", set()
        for row in grid:
            piece = row[j] if j < len(row) else ""
            if not piece or piece in seen or (j == 0 and STUB.match(piece)):
                continue
            seen.add(piece)
            name, piece_unit, piece_period = _read_piece(piece)
            unit = piece_unit or unit
            period = piece_period or period
            if name and not GENERIC_NAME.match(name):
                names.append(name)
        name = "".join(names)
        if j > 0 and CHANGE.search(name) and not BARE_CHANGE.sub("", name):
            # 地区生产总值 | 比上年增长%: a bare change column is the change of the level on its left
            base = next((c.name for c in reversed(columns[1:]) if not UNIT_COLUMN.match(c.name)
                         and not CHANGE.search(c.name) and not SHARE.search(c.name)), "")
            name = base + name
        columns.append(Column(name, unit, period, _status_of(name + period)))
    return columns


def _read_piece(piece: str) -> tuple[str, str, str]:
    """(name, unit, period text) of one header cell: 1-11月（亿元） -> ('', '亿元', '1-11月')."""
    unit = ""
    for m in PAREN.finditer(piece):
        if _unit_of(m.group("u")):
            unit = m.group("u").strip()
            piece = piece[:m.start()] + piece[m.end():]
    if not unit and TRAILING_PERCENT.search(piece):
        unit = "%"
        piece = piece[:-1]
    if not unit:
        m = UNIT_LINE.search(piece)
        if m and _unit_of(m.group("units")):
            unit, piece = m.group("units").strip(), piece[:m.start()]
    period = ""
    for pattern in (MONTH_END, YEAR_END):
        m = pattern.search(piece)
        if m:
            period, piece = m.group(), piece[:m.start()] + piece[m.end():]
            break
    if not period:
        found = resolve_period(piece, dt.date(2000, 12, 31))
        m = regex.search(r"(?:(?:19|20)\d\d年)?(?:\d{1,2}\s{0,2}[-—–~至]{1,2}\s{0,2})?\d{1,2}月份?|(?:19|20)\d\d年(?:度|全年)?|"
                         r"[一二三四]季度|上半年|下半年|前三季度|^全年$", piece)
        if found and m:
            period, piece = m.group(), piece[:m.start()] + piece[m.end():]
    if not period and not CHANGE.search(piece):   # 本期比上年同期增减: dated by the period it reports
        m = PRIOR_YEAR.search(piece) or CURRENT.search(piece)
        if m:
            period, piece = m.group(), piece[:m.start()] + piece[m.end():]
    name = regex.sub(r"[\s\u3000：:、，,()（）]+", "", piece)
    return name, unit, period


@lru_cache(maxsize=4096)
def _unit_of(written: str) -> tuple[str, Decimal, str, str] | None:
    """(unit, multiplier, kind, currency) of a unit as written: 万元/人 -> ('元/人', 1e4, 'money', 'CNY')."""
    written = written.strip().replace("％", "%")
    if not written or len(written) > 12:
        return None
    if INDEX_BASE.fullmatch(written):           # 上年=100: an index, no kind (as the dev gold has it)
        return f"指数({written})", Decimal(1), "", ""
    lex = units()
    if written in lex:                           # 百分点 before 百 is read as a magnitude
        u = lex[written]
        return u.unit, Decimal(1), u.kind, u.currency
    mags = magnitudes()
    mult, base = Decimal(1), written
    for word in sorted(mags, key=len, reverse=True):
        if written.startswith(word) and len(written) > len(word):
            mult, base = mags[word], written[len(word):]
            break
    head = base.split("/")[0]
    if head in lex:
        u = lex[head]
        unit = u.unit + base[len(head):]
        return unit, mult, u.kind, u.currency
    if regex.fullmatch(r"\p{Han}{1,4}(?:/\p{Han}{1,4})?", base) and not regex.search(r"[年月日季期数率比重额值计]", base):
        kind = "quantity" if base in ("天", "小时", "年", "月") or len(base) > 1 else "count"
        return base, mult, kind, ""
    return None


def _status_of(text: str) -> str:
    if TARGET.search(text) and not ACTUAL.search(text):
        return "target"
    return ""


# --- claims -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Scope:
    """What the caption says for the whole table."""
    year: int | None
    period: str
    subject: str
    unit: str
    units: tuple[str, ...]
    status: str


def _scope(table: Table, doc_year: int | None) -> _Scope:
    caption = CAPTION.sub("", table.caption).strip()
    year_m = regex.search(r"((?:19|20)\d\d)\s{0,2}年", caption)
    year = int(year_m.group(1)) if year_m else doc_year
    period = resolve_period(caption, dt.date(year, 12, 31) if year else None) if caption else ""
    rest = regex.sub(r"(?:(?:19|20)\d\d\s{0,2}年)?[0-9一二三四五六七八九十—\-－~至]{0,8}(?:月份|月|季度)?", "",
                     caption, count=1) if caption else ""
    pop = POPULATION.search(rest)
    unit_words = tuple(u.strip() for u in regex.split(r"[、，,；;/和及]", table.unit_line) if u.strip())
    plain = next((u for u in unit_words if u not in ("%", "％") and _unit_of(u)), "")
    return _Scope(year, period, pop.group() if pop else "", plain, unit_words,
                  _status_of(caption))


def _column_period(col: Column, scope: _Scope) -> str:
    text = col.period_text
    if not text:
        return scope.period
    m = MONTH_END.fullmatch(text)
    if m and scope.year:
        month = int(m.group("m"))
        return f"{scope.year:04d}-{month:02d}-{calendar.monthrange(scope.year, month)[1]:02d}"
    m = YEAR_END.fullmatch(text)
    if m and (m.group("y") or scope.year):
        return f"{int(m.group('y') or scope.year):04d}-12-31"
    if PRIOR_YEAR.fullmatch(text):
        return _shift_year(scope.period, -1) if scope.period else (str(scope.year - 1) if scope.year else "")
    if CURRENT.fullmatch(text):
        return scope.period or (str(scope.year) if scope.year else "")
    return resolve_period(text, dt.date(scope.year, 12, 31) if scope.year else None)


def _shift_year(period: str, years: int) -> str:
    def one(p: str) -> str:
        return f"{int(p[:4]) + years:04d}{p[4:]}" if len(p) >= 4 and p[:4].isdigit() else p
    return "/".join(one(p) for p in period.split("/"))


def _measure(name: str, value: Decimal) -> tuple[str, str]:
    if SHARE.search(name):
        return "share", ""
    if CHANGE.search(name):
        return "change", "down" if value < 0 else "up" if value > 0 else ""
    return "level", ""


def _label(cell_text: str) -> tuple[str, bool, str]:
    """Row label without indent, 其中：, list numbering and unit; whether it is a
    total row; the unit it names: 基本每股收益（元/股） -> ('基本每股收益', False, '元/股')."""
    label = OF_WHICH.sub("", cell_text.strip())
    label = ORDINAL_PREFIX.sub("", label)
    unit = ""
    for m in PAREN.finditer(label):
        if _unit_of(m.group("u")):
            unit = m.group("u").strip()
            label = label[:m.start()] + label[m.end():]
    label = SPACES.sub("", label)
    return label, bool(TOTAL_LABEL.match(label)), unit


def table_claims(text: str, tables: list[Table], doc_id: str, reference_date: dt.date | None = None,
                 doc_year: int | None = None, published: str | None = None,
                 default_subject: str = "") -> list[Claim]:
    """One claim per numeric cell; spans index `text`.

    >>> t = "表1 2023年产值\\n地区\\t产值（亿元）\\t增长（%）\\n甲市\\t12.5\\t-3.1\\n乙市\\t8.1\\t2.0\\n"
    >>> [(c.text, c.unit, c.measure, c.indicator, c.period) for c in table_claims(t, find_tables(t), "d")][:2]
    [('12.5', '元', 'level', '甲市产值', '2023'), ('-3.1', '%', 'change', '甲市产值增长', '2023')]
    """
    from .pipeline import claim_id   # pipeline imports this module

    if doc_year is None and reference_date is not None:
        doc_year = reference_date.year
    if published is None:
        published = reference_date.isoformat() if reference_date else ""
    out: list[Claim] = []
    for table in tables:
        scope = _scope(table, doc_year)
        columns = columns_of(table)
        periods = [_column_period(c, scope) for c in columns]
        periods = _change_periods(columns, periods)
        unit_col = next((j for j, c in enumerate(columns) if j and UNIT_COLUMN.match(c.name)), None)
        parents: list[tuple[int, str]] = []      # (level, label) of the rows above, for hierarchy
        for row in table.rows:
            cells = row.cells
            first = cells[0].text if cells else ""
            has_label = bool(first) and (not _is_number(first) or bool(YEAR_CELL.fullmatch(first)))
            label, is_total, row_unit = _label(first) if has_label else ("", False, "")
            row_period = _row_period(label, scope) if label else ""
            if row_period:
                label = ""                       # 1月 | 2023年 rows: a time series, the label is its period
            if unit_col is not None and unit_col < len(cells) and _unit_of(cells[unit_col].text):
                row_unit = cells[unit_col].text  # 指标 | 单位 | 绝对数: each row names its unit
            level = row.indent + (len(OF_WHICH.match(first.strip()).group()) if OF_WHICH.match(first.strip()) else 0)
            while parents and parents[-1][0] >= level:
                parents.pop()
            shown = label
            if label and len(label) <= 2 and parents and not TOTAL_LABEL.match(parents[-1][1]):
                shown = parents[-1][1] + label   # 城镇 under 居民收入: 居民收入城镇
            if label:
                parents.append((level, label))
            offset = 0 if has_label or len(cells) >= table.width else table.width - len(cells)
            for j, cell in enumerate(cells):
                if (j == 0 and has_label) or not _is_number(cell.text):
                    continue
                col_index = j + offset
                col = columns[col_index] if col_index < len(columns) else Column()
                period = periods[col_index] if col_index < len(periods) else scope.period
                if row_period and not col.period_text:
                    period = row_period
                claim = _cell_claim(text, doc_id, row, cell, col, scope, period,
                                    shown, is_total, published, row_unit, claim_id, default_subject)
                if claim is not None:
                    out.append(claim)
    out.sort(key=lambda c: c.start)
    return out


def _change_periods(columns: list[Column], periods: list[str]) -> list[str]:
    """A change column that states no period: 1-5月 | 同比增长 -> the period on its left;
    2023年 | 2022年 | 增长% -> the latest period shown."""
    latest = max((p for c, p in zip(columns, periods) if p and c.period_text), default="")
    out = list(periods)
    for j, (col, period) in enumerate(zip(columns, periods)):
        if period or not CHANGE.search(col.name):
            continue
        left = columns[j - 1] if j > 1 else None
        if (left is not None and left.period_text and not CHANGE.search(left.name)
                and not YEAR_ONLY.fullmatch(periods[j - 1])):
            out[j] = periods[j - 1]
        else:
            out[j] = latest
    return out


def _row_period(label: str, scope: _Scope) -> str:
    """The period a row label names, when that is all it names: 2022, 2023年, 1-3月, 一季度."""
    if YEAR_CELL.fullmatch(label):
        return label[:4]
    name, _, period_text = _read_piece(label)
    if name or not period_text or PRIOR_YEAR.fullmatch(period_text) or CURRENT.fullmatch(period_text):
        return ""
    return _column_period(Column(period_text=period_text), scope)


def _cell_claim(text, doc_id, row: Row, cell: Cell, col: Column, scope: _Scope, period: str,
                label: str, is_total: bool, published: str, row_unit: str, make_id,
                default_subject: str) -> Claim | None:
    parsed_cell = cell_value(cell.text)
    if parsed_cell is None:
        return None
    value, own_unit, length = parsed_cell
    name = col.name
    measure, direction = _measure(name, value)
    written = own_unit or col.unit
    if row_unit and measure == "level" and written not in ("%", "‰"):
        written = row_unit                       # 常住人口（万人） | 2023年 | 2022年: the row says it
    if not written:
        if measure in ("change", "share") or regex.search(r"率$", name):
            written = "%"                        # 增长, 比重 and rates are percents unless said otherwise
        elif scope.unit:
            written = scope.unit
    parsed = _unit_of(written) if written else None
    unit, mult, kind, currency = parsed if parsed else (written, Decimal(1), "", "")
    if is_total:
        indicator = f"{name}（{label}）" if name else label
    else:
        indicator = label + name
    if scope.subject:
        subject = scope.subject if is_total or not label else f"{scope.subject}（{label}）"
    else:
        subject = label if label and PLACE_OR_ORG.search(label) else default_subject
    status = col.status or scope.status or "actual"
    end = cell.start + length
    return Claim(
        doc_id=doc_id, start=cell.start, end=end, text=text[cell.start:end], value=value, multiplier=mult,
        value_normalized=value * mult, unit=unit, kind=kind, rule="table.cell", currency=currency,
        sentence=text[row.start:row.end].replace("\t", " ").strip(), measure=measure, status=status,
        direction=direction, bound="exact", indicator=indicator, subject=subject, period=period,
        published=published, claim_id=make_id(doc_id, cell.start, end))


def in_tables(tables: list[Table]):
    """A test: whether an original offset lies inside one of the tables' rows."""
    starts = [t.start for t in tables]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < tables[i].end
    return inside


# --- rendering for the readers -----------------------------------------------

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
        for text, is_copy in row:
            text = SPACE_RUN.sub(" ", text or "").strip()
            cells.append("" if is_copy and _is_number(text) else text)
        line = "\t".join(cells).rstrip("\t")
        if line.strip():
            lines.append(line)
    return lines
