"""Statistics tables: every numeric cell is a claim (DESIGN.md, "What a claim is").

find_tables (extractors/table_layout.py) finds the tables of the ORIGINAL text
(the prose normaliser joins lines); this module reads their headers and turns
each value cell into a Claim (rule `table.cell`, span the cell itself).

Each column's name, unit and period come from its header (table_header.py); the
caption (a scope of the document) gives what a column does not say: its year,
period, unit line (`单位：万元`) and population.
A breakdown heading (`按经营地分`) names no indicator: its parts are parts of the
measure it splits (`城镇` -> `城镇社会消费品零售总额`).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace, dataclass
from decimal import Decimal

import regex

from .attribute import WHOLE_PLACE
from .model import Claim
from .periods import resolve_period, shift_year
from .table_layout import (CAPTION, YEAR_CELL, Cell, Row, Table, _is_number, _unit_of,
                           cell_bound, cell_value, find_tables, grid_lines, in_tables, is_number_cell)
from .table_header import (ACTUAL, BARE_CHANGE, CHANGE, CURRENT, MONTH_END, PAREN, PRIOR_YEAR, SHARE, UNIT_COLUMN,
                           YEAR_END, Column, _read_piece, _status_of, columns_of)
from .table_places import JOINED, PARTNERS, SETTLEMENT, caption_indicator, row_places

__all__ = ["Cell", "Row", "Table", "Column", "find_tables", "in_tables", "grid_lines", "is_number_cell",
           "cell_value", "table_claims", "columns_of"]

ORDINAL_PREFIX = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[、.．](?![0-9])|[#＃*]+)\s{0,2}")
OF_WHICH = regex.compile(r"^(?:其\s{0,2}中\s{0,2}[：:]?|内\s{0,2}[：:]|含\s{0,2}[：:]|#)\s{0,2}")
TOTAL_LABEL = regex.compile(r"^(?:总\s{0,2}计|合\s{0,2}计|总\s{0,2}体|全\s{0,2}部|共\s{0,2}计|小\s{0,2}计|总\s{0,2}额|总\s{0,2}量)$")
YEAR_ONLY = regex.compile(r"\d{4}")
POPULATION = regex.compile(r"\p{Han}{1,16}?(?:企业|单位|公司|集团|居民|住户|农户|农民|机构|银行|法人|个体户|职工|人员|商户|门店)")
PLACE_OR_ORG = regex.compile(r"\p{Han}{1,20}(?:省|市|自治区|自治州|地区|县|区|州|盟|旗|镇|乡|街道|村|公司|集团|银行|大学|医院|中心|协会|局|厅|委员会)$")
SPACES = regex.compile(r"[\s\u3000]+")
# A heading over the parts of a measure: 按经营地分, 按消费类型分, 按行业划分, 分地区, 分产业.
_MEASURE_PARTS = regex.compile(r"类别|来源|用途|类型|品种|构成")
_SHARE_COLUMN = regex.compile(r"比重|占比|构成")
_SPAN_ONLY = regex.compile(r"累计|累计值|累计数|合计")
_SECTION_ROW = regex.compile(r"[ \t\u3000]{0,4}[一二三四五六七八九十]{1,2}、")
BREAKDOWN = regex.compile(r"^(?:按\p{Han}{1,10}?(?:划分|分组|分类|分)|分\p{Han}{1,8})[：:]?$")
# A row label that ends in what it measures: an amount, a value, an income, a flow.
OWN_MEASURE = regex.compile(r"(?:量|值|额|率|数|收入|支出|利润|投资|零售|销售|消费|产值|出口|进口|贷款|存款|税收)$")
# A group row of products (主要产品产量, 主要农产品产量): what each item under it measures.
MEASURE_END = regex.compile(r"(?:量|值|额|率|数)$")
PRODUCT_GROUP = regex.compile(r"^(?:主要)?\p{Han}{0,4}?产品(?P<m>产量|销量|销售量|产值|出口量|进口量)$")


@dataclass(frozen=True, slots=True)
class _Scope:
    """What the caption says for the whole table."""
    year: int | None
    period: str
    subject: str
    unit: str
    units: tuple[str, ...]
    status: str
    indicator: str = ""     # what the caption names (部分市州规模以上工业增加值增速 -> 规模以上工业增加值增速)


# A change column stated as an amount (比年初增加, 新增, 减少额), not a rate (增长, 增速).
_AMOUNT_CHANGE = regex.compile(r"(?:增加|减少|新增|增减)(?:额|量)?$|增量$")
_RANK_COLUMN = regex.compile(r"(?:位次|排位|排名|名次)$")
_EXCLUDED = regex.compile(r"[（(](?:不含|不包括|不包含|除)[^（）()]{0,16}[）)]")
# Rows that are rates or shares: their change is in percentage points.
_RATE_NAME = regex.compile(r"(?:率|比重|占比|比例|份额)$")


_CAPTION_YEAR = regex.compile(r"((?:19|20)\d\d)\s{0,2}年")
_CAPTION_TIME = regex.compile(r"(?:(?:19|20)\d\d\s{0,2}年)?[0-9一二三四五六七八九十—\-－~至]{0,8}(?:月份|月|季度)?")
_UNIT_LIST_MARK = regex.compile(r"[、，,；;/和及]")


def _scope(table: Table, doc_year: int | None) -> _Scope:
    caption = CAPTION.sub("", table.caption).strip()
    year_m = _CAPTION_YEAR.search(caption)
    year = int(year_m.group(1)) if year_m else doc_year
    period = resolve_period(caption, dt.date(year, 12, 31) if year else None) if caption else ""
    rest = _CAPTION_TIME.sub("", caption, count=1) if caption else ""
    pop = POPULATION.search(_EXCLUDED.sub("", rest))    # （不含农户）: who is left out, not whose
    unit_words = tuple(u.strip() for u in _UNIT_LIST_MARK.split(table.unit_line) if u.strip())
    plain = next((u for u in unit_words if u not in ("%", "％") and _unit_of(u)), "")
    if not plain and unit_words and all(u in ("%", "％") for u in unit_words):
        plain = "%"                              # 单位：% over a table of rates: every cell is a percent
    return _Scope(year, period, pop.group() if pop else "", plain, unit_words,
                  _status_of(caption), caption_indicator(rest))


def _column_period(col: Column, scope: _Scope) -> str:
    text = col.period_text
    if not text:
        # 2026年1—9月…执行情况 | 预算数: the budget is the year's
        if col.status == "target" and scope.year and len(scope.period) > 4 and scope.period[:4] == str(scope.year):
            return str(scope.year)
        return scope.period
    m = MONTH_END.fullmatch(text)
    if m and scope.year:
        month = int(m.group("m"))
        return f"{scope.year:04d}-{month:02d}-{calendar.monthrange(scope.year, month)[1]:02d}"
    m = YEAR_END.fullmatch(text)
    if m and (m.group("y") or scope.year):
        return f"{int(m.group('y') or scope.year):04d}-12-31"
    if PRIOR_YEAR.fullmatch(text):
        return shift_year(scope.period, -1) if scope.period else (str(scope.year - 1) if scope.year else "")
    if CURRENT.fullmatch(text):
        return scope.period or (str(scope.year) if scope.year else "")
    return resolve_period(text, dt.date(scope.year, 12, 31) if scope.year else None)


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
    from .reading import claim_id

    if doc_year is None and reference_date is not None:
        doc_year = reference_date.year
    if published is None:
        published = reference_date.isoformat() if reference_date else ""
    out: list[Claim] = []
    for table in tables:
        scope = _scope(table, doc_year)
        columns = _spans_named(columns_of(table))
        periods = [_column_period(c, scope) for c in columns]
        periods = _change_periods(columns, periods)
        unit_col = next((j for j, c in enumerate(columns) if j and UNIT_COLUMN.match(c.name)), None)
        # 对主要贸易伙伴进出口情况: the home's trade with each partner, not the partners' own figures
        partners = bool(PARTNERS.search(table.caption))
        places = {} if partners else row_places(_labels(table), table.caption, default_subject)
        parents: list[tuple[float, str, bool, bool]] = []  # (level, label, has numbers, is a breakdown) above
        flat = not any(r.indent for r in table.rows)
        measure = None                           # what a breakdown splits: the first top-level row's label
        measure_parts = False                    # under 按消费类别分: parts of the measure, not of the population
        for n, row in enumerate(table.rows):
            cells = row.cells
            first = cells[0].text if cells else ""
            has_label = bool(first) and (not _is_number(first) or bool(YEAR_CELL.fullmatch(first)))
            label, is_total, row_unit = _label(first) if has_label else ("", False, "")
            row_period = _row_period(label, scope) if label else ""
            if row_period:
                label = ""                       # 1月 | 2023年 rows: a time series, the label is its period
            if unit_col is not None and unit_col < len(cells) and _unit_of(cells[unit_col].text):
                row_unit = cells[unit_col].text  # 指标 | 单位 | 绝对数: each row names its unit
            # (其中： is as wide as 6 spaces where the table is aligned with spaces: 乡村 under 其中：城镇 is its sibling)
            lead = text[row.start:row.start + row.indent]
            of_which = OF_WHICH.match(first.strip())
            level = row.indent + (len(of_which.group()) * (2 if lead and "\u3000" not in lead else 1) if of_which else 0)
            numbers = any(_is_number(c.text) for c in cells[1:])
            if label and _SECTION_ROW.match(first):
                # 三、全省居民人均消费支出: a numbered section of the table; its breakdowns are of it
                parents.clear()
                measure_parts = False
                if numbers and not is_total:
                    measure = label
            while parents and parents[-1][0] >= level:
                parents.pop()
            if label and not numbers and BREAKDOWN.match(label):
                measure_parts = bool(_MEASURE_PARTS.search(label))
                # 按经营地分: a heading over the parts of a measure, itself no indicator nor place;
                # its parts (城镇, 乡村), at its indent or under it, are parts of that measure
                head = next((p for _, p, data, _ in reversed(parents) if data), "") or measure or \
                    ("" if JOINED.search(scope.indicator) else scope.indicator)
                parents.append((level - 0.5, head, False, True))
                continue
            if measure is None and label and numbers and not parents:
                measure = "" if is_total else label
            shown = label
            group = next((m for _, p, _, _ in reversed(parents) if (m := PRODUCT_GROUP.match(p))), None)
            if label and parents and parents[-1][3]:
                shown = _part_of(label, parents[-1][1])
            elif label and group:
                # 汽车 under 主要产品产量: 汽车产量, not 主要产品产量汽车
                shown = label if MEASURE_END.search(label) else label + group["m"]   # 发电量 says it
            elif label and len(label) <= 2 and parents and parents[-1][1] and not TOTAL_LABEL.match(parents[-1][1]):
                # 城镇 under 居民收入: 居民收入城镇; 火电 under 发电量: 火电发电量 (a kind of the quantity)
                shown = _part_of(label, parents[-1][1]) if parents[-1][1].endswith(("量", "人口")) \
                    else parents[-1][1] + label
            # 年末常住人口 | 2025年 | 2026年 (and 城镇人口 under it): stocks at each year's last day
            year_end = bool(_YEAR_END_ROW.match(label)) or any(_YEAR_END_ROW.match(p) for _, p, _, _ in parents)
            if label:
                # where the indents are lost (a PDF), a heading row (no numbers) heads the rows after it
                heading = flat and not numbers
                parents.append((level - 0.5 if heading else level, label, numbers, False))
            offset = 0 if has_label or len(cells) >= table.width else table.width - len(cells)
            for j, cell in enumerate(cells):
                if (j == 0 and has_label) or not _is_number(cell.text):
                    continue
                col_index = j + offset
                col = columns[col_index] if col_index < len(columns) else Column()
                period = periods[col_index] if col_index < len(periods) else scope.period
                if row_period and not col.period_text:
                    period = row_period
                if year_end and len(period) == 4 and period.isdigit():
                    period += "-12-31"
                claim = _cell_claim(text, doc_id, row, cell, col, scope, period,
                                    shown, is_total, published, row_unit, claim_id, default_subject,
                                    places.get(n), label, measure_parts, partners)
                if claim is not None:
                    out.append(claim)
    out.sort(key=lambda c: c.start)
    return out


_YEAR_END_ROW = regex.compile(r"年末|年底")


def _spans_named(columns: list[Column]) -> list[Column]:
    """当月产量 | 同比增长 | 1—4月累计: a column that names only its span (累计) measures what the
    nearest level column on its left does."""
    out = list(columns)
    for j, col in enumerate(columns):
        if j and _SPAN_ONLY.fullmatch(col.name):
            left = next((c for c in reversed(out[1:j]) if c.name and not CHANGE.search(c.name)
                         and not _SPAN_ONLY.fullmatch(c.name)), None)
            if left is not None:
                out[j] = replace(col, name=left.name)
    return out


def _part_of(part: str, measure: str) -> str:
    """A breakdown's part as an indicator: as it is where it ends in a measure of its
    own (餐饮收入, 商品零售, 发电量), else before the measure it splits (城镇 ->
    城镇社会消费品零售总额), a shared word written once (重工业 + 工业用电量 -> 重工业用电量)."""
    if not measure or OWN_MEASURE.search(part):
        return part
    measure = WHOLE_PLACE.sub("", measure) or measure     # 城镇居民 + 全省居民人均消费支出: whose is the part's
    for k in range(min(len(part), len(measure)) - 1, 1, -1):
        if part.endswith(measure[:k]):
            return part + measure[k:]
    return part + measure


def _change_periods(columns: list[Column], periods: list[str]) -> list[str]:
    """A change column that states no period: 1-5月 | 同比增长 -> the period on its left;
    2023年 | 2022年 | 增长% -> the latest period shown (2026年执行数 | 2027年预算数 | 增长%:
    the budget's growth, whatever year the caption names first); else the caption's (同比 |
    环比 | 1—10月: the caption's month, no dated column on their left)."""
    latest = max((p for c, p in zip(columns, periods) if p and c.period_text), default="")
    out = list(periods)
    for j, col in enumerate(columns):
        if j > 1 and not col.period_text and _SHARE_COLUMN.search(col.name) and len(periods[j - 1]) == 10 \
                and columns[j - 1].period_text:
            out[j] = periods[j - 1]     # 年末数 | 比重（%）: the share of the stock at its day
            continue
        if col.period_text or not CHANGE.search(col.name):
            continue
        if periods[j] and not any(c.period_text for c in columns[1:j]):
            continue
        left = columns[j - 1] if j > 1 else None
        if (left is not None and left.period_text and not CHANGE.search(left.name)
                and (not YEAR_ONLY.fullmatch(periods[j - 1])
                     # 2026年完成 | 增长（%） | 2027年目标: the growth of what was done, not of the target
                     or (ACTUAL.search(left.name) and any(c.status == "target" for c in columns[j + 1:])))
                and not PRIOR_YEAR.fullmatch(left.period_text)):
            out[j] = periods[j - 1]
        elif latest:
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


def _is_share_rate(indicator: str) -> bool:
    from .reading import _RATIO, _SHARE_RATE     # one list of share rates for prose and cells
    return bool(_SHARE_RATE.search(indicator)) and not _RATIO.search(indicator)


def _labels(table: Table) -> list[tuple[int, str]]:
    """(row, label) of the rows that have a label and are no totals."""
    out = []
    for n, row in enumerate(table.rows):
        first = row.cells[0].text if row.cells else ""
        if first and (not _is_number(first) or YEAR_CELL.fullmatch(first)):
            label, is_total, _ = _label(first)
            if label and not is_total:
                out.append((n, label))
    return out


def _place_indicator(name: str, caption: str) -> str:
    """What a place row's cell measures: its column's name, or the caption's
    indicator where the column names only a period or a bare change."""
    if name and caption and _RANK_COLUMN.fullmatch(name):
        return caption + name                    # 位次 under …增速及位次: the rank of the growth
    if name and BARE_CHANGE.sub("", name):
        return name
    if not caption:
        return ""
    if not name or (CHANGE.search(caption) and CHANGE.search(name)):
        return caption                           # 1—9月 under …增加值增速
    return caption + name                        # 增长（%） under …增加值


def _cell_claim(text, doc_id, row: Row, cell: Cell, col: Column, scope: _Scope, period: str,
                label: str, is_total: bool, published: str, row_unit: str, make_id,
                default_subject: str, place: str | None = None, own_label: str = "",
                measure_part: bool = False, partners: bool = False) -> Claim | None:
    parsed_cell = cell_value(cell.text)
    if parsed_cell is None:
        return None
    value, own_unit, length = parsed_cell
    name = col.name
    measure, direction = _measure(name, value)
    if not name and scope.indicator and not JOINED.search(scope.indicator):
        measure, direction = _measure(scope.indicator, value)   # 1—9月 | 1—8月 under …增速: changes
    written = own_unit or col.unit
    if row_unit and measure == "level" and written not in ("%", "‰"):
        written = row_unit                       # 常住人口（万人） | 2023年 | 2022年: the row says it
    if not written:
        if scope.unit not in ("", "%") and {"%", "％"} & set(scope.units) and _AMOUNT_CHANGE.search(name):
            written = scope.unit                 # 单位：亿元、% | 比年初增加: an amount, in the money unit
        elif measure in ("change", "share") or regex.search(r"率$", name):
            written = "%"                        # 增长, 比重 and rates are percents unless said otherwise
        elif scope.unit:
            written = scope.unit
    parsed = _unit_of(written) if written else None
    unit, mult, kind, currency = parsed if parsed else (written, Decimal(1), "", "")
    if _RANK_COLUMN.search(name) and not own_unit and value == value.to_integral_value() and value > 0:
        unit, mult, kind, currency = "位", Decimal(1), "rank", ""    # 增速位次 | 9: the ninth place
        measure, direction = "rank", ""
    if unit == "%" and measure == "change" and row_unit in ("%", "％") and (_RATE_NAME.search(name)
                                                                         or _RATE_NAME.search(label)):
        # 产品销售率 | % | … | 同比增长: a rate's change is in points; 规上工业增加值 | % | — | 8.7: the %
        # says the row is given as growth only
        unit, kind = "百分点", "percentage_point"
    if unit.startswith("指数("):
        # 同比（上年同月=100）: an index is a level against the base its unit names, not a change
        measure, direction = "level", ""
        name = ("价格" if "价格" in scope.indicator and "价格" not in label else "") + (
            "环比" if "环比" in name else "") + "指数"
    if place is not None:
        indicator, subject = _place_indicator(name, scope.indicator) or label + name, place
    else:
        # (发电量 | 当月产量: the row says what it measures; 火电发电量, not 火电发电量产量)
        indicator = (f"{name}（{label}）" if name else label) if is_total else \
            label if name in ("产量", "数量") and label.endswith("量") else label + name
        if scope.subject:
            own = own_label or label
            # 规上工业企业（国有控股企业）: a part of the population is whose; a part of the measure is not
            # (城镇居民 under 按常住地分 is; 食品烟酒 under 按消费类别分 is what was spent on)
            subject = scope.subject if is_total or not own or measure_part else f"{scope.subject}（{own}）"
        elif partners and label and not is_total:
            # 东盟 | 进出口 in a table of trading partners: the home's trade with it (对东盟进出口)
            indicator, subject = "对" + indicator, default_subject
        else:
            own = own_label or label             # the row's own label: 城镇 under 居民收入 is no place
            subject = own if PLACE_OR_ORG.search(own) and not SETTLEMENT.match(own) else default_subject
    if measure == "level" and kind == "percent" and _is_share_rate(indicator):
        measure = "share"                        # 产品销售率, 城镇化率: the part of a whole
    status = col.status or scope.status or "actual"
    end = cell.start + length
    return Claim(
        doc_id=doc_id, start=cell.start, end=end, text=text[cell.start:end], value=value, multiplier=mult,
        value_normalized=value * mult, unit=unit, kind=kind, rule="table.cell", currency=currency,
        sentence=text[row.start:row.end].replace("\t", " ").strip(), measure=measure, status=status,
        direction=direction, bound=cell_bound(cell.text), indicator=indicator, subject=subject, period=period,
        published=published, claim_id=make_id(doc_id, cell.start, end))
