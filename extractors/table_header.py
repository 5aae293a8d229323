"""The header of a statistics table: what each data column is.

A header row with fewer cells than the data rows spans them: `营业收入` over
`1-11月（亿元）| 同比增长（%）`; one written column by column leaves its merged
cells empty (`指标 | 10月 | | 1—10月`). A column's name, unit and period come from
its header pieces top to bottom; the stub (指标, 项目, 分组) names the column of
labels, never a data column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .periods import resolve_period
from .table_layout import STUB, UNIT_LINE, Row, Table, _unit_of


# （亿元） (%) （万元/人） ％ at a header piece's end, or 单位：万元 inside it.
PAREN = regex.compile(r"[（(]\s{0,3}(?:单位\s{0,2}[：:]\s{0,2})?(?P<u>[^（）()]{1,16}?)\s{0,3}[）)]")
TRAILING_PERCENT = regex.compile(r"[%％‰]$")
MONTH_END = regex.compile(r"(?P<m>1[0-2]|0?[1-9])\s{0,2}月(?:末|底)")
YEAR_END = regex.compile(r"(?P<y>(?:19|20)\d\d)?\s{0,2}年(?:末|底)")
# Relative column periods of company and budget tables: 本期 | 上年同期.
PRIOR_YEAR = regex.compile(r"上年同期|去年同期|上年|去年|上期")
CURRENT = regex.compile(r"本期|本年累计|本年|当期|本月|当月|累计|本季|今年")
GENERIC_NAME = regex.compile(r"^(?:金额|数值|数额|绝对数|绝对值|绝对额|绝对量|数量|数据|数|总量|总额|本期数)$")
UNIT_COLUMN = regex.compile(r"^(?:计量)?单位$")
CHANGE = regex.compile(r"同比|环比|增长|增速|增幅|涨跌幅|涨幅|跌幅|降幅|增减|增加(?!值)|减少|下降|提高|降低|上升|回落|比上年|比去年|比上月|比同期|[±]")
BARE_CHANGE = regex.compile(r"(?:比|较)(?:上年|去年|上月|上期|同期)(?:同期)?|同比|环比|增长|增速|增幅|增减|增加|减少|下降|"
                         r"提高|降低|速度|幅度|率|[±%％（）()\s]")
SHARE = regex.compile(r"比重|占比|构成|占[^（）()]{0,12}[%％比]|完成预算|完成率|完成进度|为预算|为上年|到位率|贡献率")
# 预算数, 年初预算, 计划 name a plan; 一般公共预算收入 names a budget, not a plan.
TARGET = regex.compile(r"(?:预算|计划|规划)(?:数|值|额|指标)?$|^(?:年初|调整后?)?(?:预算|计划)|目标|预计|预期")
ACTUAL = regex.compile(r"执行|完成|实际|实绩|决算|实现")


@dataclass(frozen=True, slots=True)
class Column:
    name: str = ""
    unit: str = ""          # as written: 亿元, %, 万元/人
    period_text: str = ""   # 1-11月, 11月末, 本期
    status: str = ""


def _spread(row: Row, width: int, below: Row | None = None, below_spread: list[str] | None = None) -> list[str]:
    """A header row's text for each of the table's `width` columns: a row with
    fewer cells spans the data columns (groups over their sub-columns, told by
    the row below when that repeats: 1-5月 | 同比增长 | 1-5月 | 同比增长 | 5月末).
    A row written cell by cell with its merged cells left empty (指标 | 10月 | | 1—10月)
    spreads each group over the empty cells on its right that have a sub-header."""
    cells = [c.text for c in row.cells]
    k = len(cells)
    if below_spread is not None and (k >= width or any(not c for c in cells[1:-1])):
        return _fill_merged(cells[:width] + [""] * (width - k), below_spread)
    if k >= width:
        return cells[:width]
    values = width - 1                       # columns after the row labels
    has_stub = bool(STUB.match(cells[0])) or (k > 1 and values % (k - 1) == 0 and values % k != 0)
    groups = cells[1:] if has_stub else cells
    sub = [c.text for c in below.cells] if below is not None else []
    if len(sub) == width and (not sub[0] or STUB.match(sub[0])):
        sub = sub[1:]                        # the row below's own cell over the labels
    sizes = _group_sizes(sub, values, len(groups)) if sub else None
    if sizes:
        spread = [g for g, n in zip(groups, sizes) for _ in range(n)]
        return [cells[0] if has_stub else ""] + spread
    if has_stub and k > 1 and values % (k - 1) == 0:
        size = values // (k - 1)
        return [cells[0]] + [c for c in cells[1:] for _ in range(size)]
    if not has_stub and values % k == 0:
        size = values // k
        return [""] + [c for c in cells for _ in range(size)]
    # Groups of unequal size cannot be told apart: right-align under the data,
    # the stub (指标, 项目) kept over the labels.
    if has_stub:
        return [cells[0]] + [""] * (width - k) + cells[1:]
    return [""] * (width - k) + cells


def _fill_merged(cells: list[str], below: list[str]) -> list[str]:
    """Empty cells of a header row written column by column: a merged group's
    cells after its first, where the row below names a sub-column."""
    out = list(cells)
    for j in range(2, len(out)):             # column 0 is the stub, column 1 starts a group
        if not out[j] and out[j - 1] and not STUB.match(out[j - 1]) and j < len(below) and below[j]:
            out[j] = out[j - 1]
    return out


def _group_sizes(sub: list[str], values: int, groups: int) -> list[int] | None:
    """Sizes of `groups` groups over a sub-header row of `values` cells whose block
    repeats: [a, b, a, b, c] in 3 groups -> [2, 2, 1]; the last group may hold the
    block's first cells only: [a, b, c, a, b] in 2 -> [3, 2]; None if it does not fit."""
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
        last = values - starts[-1]           # 本年 over 收入 | 支出 | 余额, 上年 over 收入 | 支出
        if sub[starts[-1]:] != sub[starts[0]:starts[0] + last]:
            return None
        sizes = [block] * (len(starts) - 1) + [last]
        return sizes if len(sizes) == groups else None
    sizes = [block] * len(starts) + [1] * (values - covered)
    return sizes if len(sizes) == groups else None


def columns_of(table: Table) -> list[Column]:
    """Name, unit, period and status of each data column (index 0 is the row label).

    >>> from extractors.table_layout import find_tables
    >>> t = find_tables("地区\\t产值\\n\\t2023年（亿元）\\t增长（%）\\n甲市\\t12.5\\t3.1\\n乙市\\t8.1\\t-2.0\\n")[0]
    >>> [(c.name, c.unit, c.period_text) for c in columns_of(t)[1:]]
    [('产值', '亿元', '2023年'), ('产值增长', '%', '')]
    """
    width = table.width
    grid: list[list[str]] = []
    for n in range(len(table.header) - 1, -1, -1):      # bottom up: a group spreads over the row below
        below = table.header[n + 1] if n + 1 < len(table.header) else None
        grid.insert(0, _spread(table.header[n], width, below, grid[0] if grid else None))
    columns = []
    for j in range(width):
        names, unit, period, seen = [], "", "", set()
        for row in grid:
            piece = row[j] if j < len(row) else ""
            if not piece or piece in seen or (STUB.match(piece) and (j == 0 or not UNIT_COLUMN.match(piece))):
                # the stub names the column of labels, never a data column's indicator
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


_PERIOD_WORDS = regex.compile(r"(?:(?:19|20)\d\d年)?(?:\d{1,2}\s{0,2}[-—–~至]{1,2}\s{0,2})?\d{1,2}月份?|(?:19|20)\d\d年(?:度|全年)?|"
                           r"[一二三四]季度|上半年|下半年|前三季度|^全年$")
_NAME_PUNCT = regex.compile(r"[\s\u3000：:、，,()（）]+")
_NAME_AND_PERCENT = regex.compile(r"\p{Han}{1,8}[%％]")


def _read_piece(piece: str) -> tuple[str, str, str]:
    """(name, unit, period text) of one header cell: 1-11月（亿元） -> ('', '亿元', '1-11月')."""
    unit = ""
    for m in PAREN.finditer(piece):
        if _unit_of(m.group("u")):
            unit = m.group("u").strip()
            piece = piece[:m.start()] + piece[m.end():]
        elif _NAME_AND_PERCENT.fullmatch(m.group("u").strip()):
            # 2026年目标（增长%）: what and its unit in one bracket
            unit = "%"
            piece = piece[:m.start()] + m.group("u").strip()[:-1] + piece[m.end():]
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
        m = _PERIOD_WORDS.search(piece)
        if found and m and not piece[max(0, m.start() - 1):m.start()] in ("比", "较"):
            # (比1—10月加快/回落: the months compared with, not the column's own)
            period, piece = m.group(), piece[:m.start()] + piece[m.end():]
    if not period and not CHANGE.search(piece):   # 本期比上年同期增减: dated by the period it reports
        m = PRIOR_YEAR.search(piece) or CURRENT.search(piece)
        if m:
            period, piece = m.group(), piece[:m.start()] + piece[m.end():]
    name = _NAME_PUNCT.sub("", piece)
    return name, unit, period


def _status_of(text: str) -> str:
    if TARGET.search(text) and not ACTUAL.search(text):
        return "target"
    return ""
