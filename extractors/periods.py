"""Time expressions in normalised Chinese text -> ISO 8601 periods.

A time expression places a claim in time; it is never a claim itself
(`2021年，全市…`, `6月14日`, `1—5月`).  Spans are exact: `2021年` covers the
年, `6月14日` the 日, `1—5月` the 月, so the engine can rule those numbers out.

Periods are ISO 8601 strings: a year `2021`, a month `2022-06`, a day
`2022-06-14`, or an interval `start/end` of those (`2022-01/2022-05`,
`2022/2024`).  Quarters are written as month intervals (`2022-01/2022-03`),
never `2022-Q1`.

Rules that need a reference date use the publication date `published`:

* relative words (今年, 去年, 上半年, 前5个月, 今年以来 …) give "" when
  `published` is None;
* a year-less month or date whose month is LATER than the publication month
  belongs to the previous year: a report published 2023-02 saying `12月`
  means 2022-12.  A later day in the publication month stays in the same
  year (`6月20日起施行` in a paper of 2022-06-15 is 2022-06-20).  Month
  ranges roll back when their last month is later (`1—11月` in 2023-02 is
  2022-01/2022-11: cumulative figures are reported after the fact); quarters
  and halves only when they start more than six months after the
  publication month (`四季度` in 2023-02 is 2022 Q4, but `下半年` in a paper
  of June is this year's second half: plans look ahead);
* `过去五年` / `近五年` / `五年来` are the N whole years before the
  publication year: published 2022 -> `2017/2021` (a work report of 2023-01
  reviews 2018–2022); `未来五年` / `今后五年` are N years starting with the
  publication year (2023/2027), flagged as a target horizon;
* `N年前` is the publication year minus N (`十年前` in 2022 -> 2012);
  `N年后的今天` is the publication year;
* `近年来`, `近几年`, `多年来` are vague: period "".
* `上年同期`, `比上年` name the comparison base, not the claim's period:
  kind "baseline" so that attribution can skip them.  `同比`, `同期` alone
  are not time expressions.
* Five-year plans are numbered: the n-th plan starts in 1966 + 5(n-3) for
  n >= 3 (the 3rd began in 1966 after the 1963–65 adjustment years), 1953
  and 1958 for the 1st and 2nd: `“十四五”期间` -> 2021/2025.

`全年`, `今年`, `本年` resolve to the publication year.  In a statistical
bulletin published in February about the year before, a nearby explicit
year (`2023年全年`) is matched as one expression and wins.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["TimeExpression", "find_time_expressions", "resolve_period", "shift_year", "strictly_inside"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression found in a text; offsets index that text."""
    start: int
    end: int
    text: str
    period: str
    kind: str
    is_target_cue: bool


# --- numerals ---------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _small_int(text: str) -> int:
    """'14', '十四', '二十', '两', '二〇二一' (digit by digit) -> int."""
    if text.isdigit() and text.isascii():
        return int(text)
    if "十" not in text:                       # 二〇二一: read digit by digit
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    tens, _, units = text.partition("十")       # 二十一, 十二, 十
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


# --- grammar ----------------------------------------------------------------
# Year: four Arabic digits in a plausible range (5000年文明 is a duration, not a
# year) or four Chinese digits 二〇二一 / 一九九八.
YEAR = r"(?:1[89]\d\d|2[01]\d\d|[一二][〇零一二三四五六七八九]{3})"
# Month 1-12, Arabic or Chinese (十二月, 6月, 06月).
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# Day 1-31.
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# Small counts of years/months: 五年, 10年, 十年, 两年, 二十年.
COUNT = r"(?:\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
# Range dash: em dash (possibly doubled by layout), en dash, hyphen, tilde, 至/到.
DASH = r"(?:—{1,2}|[–\-~～至到])"
# Time of day that still belongs to the date: 6月14日上午.
TOD = r"(?:上午|下午|中午|晚上|晚间|凌晨|早上|傍晚|夜间|晚)"
# Relative year words and their offset from the publication year.
REL_YEARS = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1,
             "前年": -2, "全年": 0, "明年": 1, "来年": 1, "下一年": 1, "后年": 2}
_REL_ALT = "|".join(sorted(map(re.escape, REL_YEARS), key=len, reverse=True))
# Cues that make a year a deadline: 到2024年, 力争到2025年末, 至2025年.
TARGET_CUE = r"(?:(?:力争|争取|确保|预计|计划|预期|努力)(?:在|到|至)|(?<!恢复)(?<!回升)[到至])"   # not 恢复到2019年同期的…
# 截至2021年底: an as-of date of an actual figure, not a target.
ASOF_CUE = r"(?:截至|截止到|截止)"
# A cue is looked for just before a match (searched backwards, anchored at the
# match start) rather than as an optional prefix of TIME_EXPRESSION: an
# optional prefix makes every position of the text try it, 5x slower.
CUE_BEFORE = re.compile(rf"(?P<cue>{ASOF_CUE}|{TARGET_CUE})$")


def _suffix(p: str) -> str:
    """Month/quarter/half parts after a year anchor, or standing alone.

    Group names carry the prefix `p` because the part occurs twice in
    TIME_EXPRESSION (after a year and alone)."""
    return rf"""
    (?:
        (?P<{p}m1>{MONTH})\s*月?\s*{DASH}\s*(?P<{p}m2>{MONTH})\s*月份?     # 1—5月, 1月至5月
      | (?P<{p}m>{MONTH})\s*月份?                                          # 6月, 12月份
        (?:(?P<{p}d>{DAY})\s*[日号]                                         # 14日, 14日上午, 10月1日至7日
           (?:(?P<{p}tod>{TOD})|{DASH}(?:(?P<{p}m3>{MONTH})月)?(?P<{p}d3>{DAY})[日号])?
          |(?P<{p}mpart>上旬|中旬|下旬|底|末|初|中))?                       # 6月底
      | (?P<{p}half>上半年|下半年)                                          # 上半年
      | 前(?P<{p}qn>[一二两三123])个?季度                                  # 前三季度
      | 第?(?P<{p}q>[一二三四1-4])季度(?P<{p}qend>末|底)?                   # 一季度, 第1季度, 三季度末
      | (?<!提|超)前(?P<{p}nm>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个?月     # 前5个月 (not 提前一个月)
    )"""


# Characters a time expression can start with: the guard below fails fast on
# every other position (3x faster than letting each alternative fail).
_STARTS = "\\d〇零一二两三四五六七八九十“今本去上前全明来下后年过近最此未接这多历昨当第同目用现季"
TIME_EXPRESSION = re.compile(rf"""
    (?=[{_STARTS}])
    (?:
    # 1. five-year plans: “十四五”期间, 十三五时期, “九五”末 (quotes needed below 十一五)
    (?P<plan>
        “?(?P<pn>十[一二三四五六七八九])五”?
      | “(?P<pq>[一二三四五六七八九]|十)五”
    )(?P<pt>期间|时期|末期|末|初期|初|以来)?
    # 2. year ranges: 2022—2024年, 2022年至2024年, 2022-2024 年度
  | (?<![\d.])(?P<y1>{YEAR})\s*年?\s*{DASH}\s*(?P<y2>{YEAR})\s*年(?:度|期间|间)?
    # 3. an explicit or relative year, optionally narrowed: 2021年, 2022年6月10日,
    #    今年1—5月, 去年四季度, 到2025年末, 2025年前, 截至2021年底, 上年同期
  | (?:(?<![\d.])(?P<y>{YEAR})\s*年|(?<!建成)(?<!投产)(?<!竣工)(?<!达产)(?<!完工)(?P<rel>{_REL_ALT}))
    (?:{_suffix("a_")}|(?P<edge>年?底|年?末|年?初|年中|全年|度))?
    (?P<tail>以来|至今|(?:以|之)?前(?!后|[一二两三四五六七八九十\d]+个?(?:月|季度|年))|同期
             |(?:建成|开园|投产|成立|设立|开业|启动|实施|开通|运营|上市|挂牌|建园)以来)?   # 2019年开园以来
    # 4. a month, date, quarter or half without a year: 6月14日上午, 1—5月, 一季度
  | (?<![\d.〇零一二两三四五六七八九十百千万第])
    {_suffix("b_")}
    (?P<b_tail>以来|至今)?
    # 5. a day alone (14日上午, 于12日): not after a number or 连续/近/每… (连续3日 is a duration)
  | (?<![\d.月第连续近前后每共约达逾超])(?P<day>3[01]|[12]\d|[1-9])日(?!内|以内|之内)(?P<dtod>{TOD})?
    # 6. year edges standing alone: 年初以来, 年底
  | (?P<yedge>年初|年底|年末|年中)(?P<ytail>以来|至今)?
    # 6b. a quarter's end standing alone (季末, in a quarter's release): the latest one by the reference day
  | (?<![一二三四1-4上本每各])(?P<qedge>季(?:度)?末)(?![以来])
    # 7. since the start of this year / these last N years
  | (?P<past>(?:过去|近|最近|此前)(?P<pastn>{COUNT})年(?:来|间|中|里)?)
  | (?P<term>本届政府(?:任期内|任期|以来)?)              # a government's five-year term, ending now
  | (?P<future>(?:未来|今后|接下来的?|(?:(?<=计划)|(?<=力争)|(?<=争取)|(?<=拟)|(?<=将))用)
               (?P<futn>{COUNT})年(?:左右)?(?:的?时间|内|间|里|中)?)   # 计划用三年时间: the years to come
  | (?<![\d.])(?P<since>(?P<sincen>{COUNT})(?:多)?年来)
    # 8. N年前 / N年后(的今天): 72年前, 十年前
  | (?<![\d.〇零一二两三四五六七八九十])(?P<ago>{COUNT})年(?P<agodir>前|以前|后(?P<today>的今天)?)
    # 9. vague recent years: period unknown
  | (?P<vague>近年来|近几年来?|近些年|近年|多年来|这些年来?|这几年|历年来?)
  | (?P<these>这(?P<thesen>[一两二三四五])年)
  | (?P<thisnext>今明两年)                                 # this year and the next
    # 10. days relative to publication
  | (?P<reld>今天|今日|昨天|昨日|前天|本月|上月|上个月|当月|目前|当前
      # 公司现有员工2180人: a present count, as of the day written (not 现有基础, 在现有…上)
      |(?:(?<=[，,。；;\n])|(?<=公司|企业|集团|园区|学校|医院|全市|全县|全省|全区|全镇))现有(?=[\u4e00-\u9fff]{{1,12}}\d))
    # 11. the day just named: 11月18日…。当天，…
  | (?P<sameday>当天|当日|同日|同一天)(?![数均])
    )
""", re.VERBOSE)


# --- resolution -------------------------------------------------------------

def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _months(year: int, first: int, last: int) -> str:
    """Month interval inside one year; a single month when first == last."""
    if first == last:
        return _ym(year, first)
    return f"{_ym(year, first)}/{_ym(year, last)}"


def _plan_years(number: int) -> tuple[int, int]:
    # The 3rd plan began in 1966 (1963–65 were adjustment years); the 1st and
    # 2nd began in 1953 and 1958.
    start = {1: 1953, 2: 1958}.get(number, 1966 + 5 * (number - 3))
    return start, start + 4


_STILL_TO_COME = re.compile(r"(?:将于|定于|拟于|将在|拟在|计划于|预计于)$")


def _group(m: re.Match, name: str) -> str | None:
    return m.group("a_" + name) or m.group("b_" + name)


def _narrow(m: re.Match, year: int, pub: datetime.date | None, rollback: bool) -> tuple[str, str] | None:
    """Period and kind of the month/quarter/half part of `m` inside `year`.

    With `rollback` (no year was written) a part later than the publication
    month moves to the year before (see module docstring)."""
    def back(first_month: int, horizon: int = 0) -> int:
        late = pub is not None and first_month > pub.month + horizon
        return year - 1 if rollback and late else year

    if m1 := _group(m, "m1"):
        first, last = _small_int(m1), _small_int(_group(m, "m2"))
        if not (1 <= first < last <= 12):
            return None
        return _months(back(last), first, last), "range"
    if month_text := _group(m, "m"):
        month = _small_int(month_text)
        if not 1 <= month <= 12:
            return None
        y = back(month)
        if day_text := _group(m, "d"):
            day = _small_int(day_text)
            try:
                first = datetime.date(y, month, day)
                if last_day := _group(m, "d3"):        # 10月1日至7日, 1月28日至2月4日: the days between
                    last_month = _small_int(_group(m, "m3")) if _group(m, "m3") else month
                    last = datetime.date(y + (last_month < month), last_month, _small_int(last_day))
                    return f"{first.isoformat()}/{last.isoformat()}", "range"
                return first.isoformat(), "date"
            except ValueError:
                return None
        part = _group(m, "mpart")
        if part in ("底", "末") and not m.string.startswith(("前", "以前", "之前"), m.end()):
            # 11月末 dates a stock: the last day (6月底前 stays a month: a deadline)
            last = (datetime.date(y + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1))
            return last.isoformat(), "date"
        return _ym(y, month), "month"
    if half := _group(m, "half"):
        first = 1 if half == "上半年" else 7
        return _months(back(first, 6), first, first + 5), "range"
    if qn := _group(m, "qn"):
        quarters = _small_int(qn)
        return _months(year, 1, 3 * quarters), "range"
    if q := _group(m, "q"):
        first = 3 * _small_int(q) - 2
        if _group(m, "qend"):
            # 三季度末 dates a stock: the quarter's last day
            y = back(first, 6)
            last = datetime.date(y + (first + 2) // 12, (first + 2) % 12 + 1, 1) - datetime.timedelta(days=1)
            return last.isoformat(), "date"
        return _months(back(first, 6), first, first + 2), "range"
    if nm := _group(m, "nm"):
        months = _small_int(nm)
        if not 1 <= months <= 12:
            return None
        return _months(back(months), 1, months), "range"
    return None


def _since(year: int | None, month: int | None, pub: datetime.date | None) -> str:
    """`2021年以来`, `今年以来`: from the first month up to the publication month."""
    if year is None or pub is None:
        return ""
    first = _ym(year, month or 1)
    return first if first == _ym(pub.year, pub.month) else f"{first}/{_ym(pub.year, pub.month)}"


def _resolve(m: re.Match, pub: datetime.date | None, cue: str) -> tuple[str, str, bool] | None:
    """(period, kind, is_target_cue) for a match, or None to drop it.

    `cue` is the deadline or as-of word just before the match (到, 截至) or ""."""
    target = bool(cue) and not cue.startswith("截")
    py = pub.year if pub else None
    if m.group("plan"):
        number = _small_int(m.group("pn") or m.group("pq"))
        first, last = _plan_years(number)
        suffix = m.group("pt") or ""
        if suffix.startswith("末"):
            return str(last), "plan", target
        if suffix.startswith("初"):
            return str(first), "plan", False
        if suffix == "以来":
            return (f"{first}/{py}" if py else ""), "plan", False
        return f"{first}/{last}", "plan", False
    if m.group("y1"):
        first, last = _small_int(m.group("y1")), _small_int(m.group("y2"))
        if first >= last:
            return None
        return f"{first}/{last}", "range", target
    if m.group("y") or m.group("rel"):
        tail = m.group("tail") or ""
        if tail.endswith("前"):
            target = True
        if m.group("y"):
            year, kind = _small_int(m.group("y")), "year"
        else:
            if py is None:
                return "", "relative", target
            year, kind = py + REL_YEARS[m.group("rel")], "relative"
            if tail == "同期" or m.string[m.start() - 1:m.start()] in ("比", "较"):
                kind = "baseline"
        if tail.endswith("以来") or tail == "至今":
            return _since(year, _small_int(_group(m, "m")) if _group(m, "m") else None, pub), "range", False
        narrowed = _narrow(m, year, pub, rollback=False)
        if narrowed:
            return narrowed[0], (kind if kind == "baseline" else narrowed[1]), target
        return str(year), kind, target
    if m.group("b_m1") or m.group("b_m") or m.group("b_half") or m.group("b_qn") \
            or m.group("b_q") or m.group("b_nm"):
        if py is None:
            return "", "relative", target
        if m.group("b_tail"):
            month = _small_int(m.group("b_m")) if m.group("b_m") else 1
            return _since(py, month, pub), "range", False
        # 将于8月18日至20日举办 (in a paper of July): still to come this year, not last year's
        ahead = bool(_STILL_TO_COME.search(m.string, max(0, m.start() - 3), m.start()))
        narrowed = _narrow(m, py, pub, rollback=not ahead)
        return (narrowed[0], narrowed[1], target) if narrowed else None
    if m.group("day"):
        if pub is None:
            return "", "date", False
        # A lone day is in the publication month (same-month rule above).
        try:
            return pub.replace(day=int(m.group("day"))).isoformat(), "date", False
        except ValueError:
            return None
    if m.group("qedge"):
        if pub is None:
            return "", "date", False
        year, month = pub.year, pub.month // 3 * 3
        if month == 0 or end_day(_ym(year, month)) > pub.isoformat():
            year, month = (year, month - 3) if month > 3 else (year - 1, 12)
        return end_day(_ym(year, month)), "date", False
    if m.group("yedge"):
        if py is None:
            return "", "relative", False
        if m.group("ytail"):
            return _since(py, 1, pub), "range", False
        return str(py), "relative", False
    if m.group("term"):
        return (f"{py - 5}/{py - 1}" if py else ""), "duration_ref", False
    if m.group("past") or m.group("since"):
        # 过去五年 and 五年来: the N whole years before publication
        n = _small_int(m.group("pastn") or m.group("sincen"))
        if py is None or n < 1:
            return "", "duration_ref", False
        return (str(py - 1) if n == 1 else f"{py - n}/{py - 1}"), "duration_ref", False
    if m.group("future"):
        n = _small_int(m.group("futn"))
        if py is None or n < 1:
            return "", "duration_ref", True
        first = py + 1 if pub.month >= 11 else py    # written in the last weeks of a year: the years after it
        return (str(first) if n == 1 else f"{first}/{first + n - 1}"), "duration_ref", True
    if m.group("ago"):
        n = _small_int(m.group("ago"))
        if py is None:
            return "", "relative", False
        if m.group("agodir").endswith("前"):
            return str(py - n), "relative", False
        return (str(py) if m.group("today") else str(py + n)), "relative", False
    if m.group("vague"):
        return "", "relative", False
    if m.group("thisnext"):
        return (f"{py}/{py + 1}" if py else ""), "range", False
    if m.group("these"):
        n = _small_int(m.group("thesen"))
        return (f"{py - n + 1}/{py}" if py else ""), "relative", False
    if m.group("reld"):
        if pub is None:
            return "", "relative", False
        word = m.group("reld")
        if word in ("今天", "今日") or word in NOW_WORDS:    # 目前，研发人员达到860人: as of the day written
            return pub.isoformat(), "date", False
        if word in ("昨天", "昨日"):
            return (pub - datetime.timedelta(days=1)).isoformat(), "date", False
        if word == "前天":
            return (pub - datetime.timedelta(days=2)).isoformat(), "date", False
        if word in ("本月", "当月"):
            return _ym(pub.year, pub.month), "month", False
        prev = pub.replace(day=1) - datetime.timedelta(days=1)
        return _ym(prev.year, prev.month), "month", False
    if m.group("sameday"):
        return "", "date", False            # resolved from the day named before (_anaphora)
    return None


# "Now": the day written, for its own sentence only (当前，经济恢复的基础尚不牢固。 dates nothing after it).
NOW_WORDS = ("目前", "当前", "现有")


# How far back 当月 / 当天 look for the month or day they refer to.
ANAPHORA_REACH = 300


def _anaphora(found: list[TimeExpression]) -> list[TimeExpression]:
    """当月 and 当天 name the month or day just named: `10月份当月` is October,
    `11月18日，…。当天，…` the 18th; without one in reach 当月 stays the
    publication month and 当天 is dropped (unknown)."""
    out: list[TimeExpression] = []
    for t in found:
        day = t.text in ("当天", "当日", "同日", "同一天")
        if day or t.text == "当月":
            for before in reversed(out):
                if t.start - before.end > ANAPHORA_REACH:
                    break
                last = before.period.split("/")[-1]
                if before.kind in ("baseline", "duration_ref") or len(last) < (10 if day else 7):
                    continue
                t = TimeExpression(t.start, t.end, t.text, last[:10] if day else last[:7], t.kind, False)
                break
        if t.period or not day:
            out.append(t)
    return out


# Every time expression contains one of these characters; the full pattern is
# only run in windows around them (see find_time_expressions).
TRIGGER = re.compile(r"[年月日季天五]|目前|当前|现有|本届政府")
# Window around a trigger: the farthest a match starts before its first
# trigger (`接下来的五年`, `2022 — 2024 年`) and ends after it (`年1—12月份以来`).
_BACK, _AHEAD = 14, 16


def _windows(text: str):
    """Merged [start, end) windows of the text that can hold a time expression."""
    start = end = -1
    for t in TRIGGER.finditer(text):
        i = t.start()
        if i - _BACK > end:
            if end > start:
                yield start, end
            start = max(0, i - _BACK)
        end = min(len(text), i + _AHEAD)
    if end > start:
        yield start, end


def find_time_expressions(text: str, published: datetime.date | None) -> list[TimeExpression]:
    """Time expressions of a normalised text, in order, without overlap.

    >>> [(t.text, t.period) for t in find_time_expressions("今年1—5月，产值同比增长24%", datetime.date(2022, 6, 15))]
    [('今年1—5月', '2022-01/2022-05')]
    """
    if published is not None and not isinstance(published, datetime.date):
        raise ValueError(f"published must be a datetime.date, not {published!r}")
    found: list[TimeExpression] = []
    last_end = 0
    # Scanning only the windows gives the same matches as scanning the whole
    # text: a match holds a trigger and lies within _BACK/_AHEAD of it.
    for win_start, win_end in _windows(text):
        for m in TIME_EXPRESSION.finditer(text, max(win_start, last_end), win_end):
            resolved = None
            start = m.start()
            before = CUE_BEFORE.search(text, max(last_end, start - 5), start)
            cue = before.group("cue") if before else ""
            resolved = _resolve(m, published, cue)
            if resolved is None:
                continue
            period, kind, target = resolved
            if cue:
                start = before.start()
            found.append(TimeExpression(start, m.end(), text[start:m.end()], period, kind, target))
            last_end = m.end()
    return _anaphora(_joined_spans(text, found))


# 自12月中旬持续至明年3月底, 从今年6月到明年3月: one span from the first time to the second
_SPAN_OPENS = re.compile(r"(?:自|从)$")
_SPAN_GAP = re.compile(r"(?:持续|延续|一直)?")


def _joined_spans(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    out: list[TimeExpression] = []
    for t in found:
        first = out[-1] if out else None
        if (first is not None and t.text[:1] in ("至", "到") and first.kind not in ("baseline", "duration_ref")
                and _SPAN_OPENS.search(text, max(0, first.start - 1), first.start)
                and _SPAN_GAP.fullmatch(text, first.end, t.start) and first.period and t.period):
            a, b = first.period.split("/")[0], t.period.split("/")[-1]
            size = min(len(a), len(b))          # the coarser of the two: 12月中旬 … 3月底 -> months
            a, b = a[:size], b[:size]
            if a < b:
                out[-1] = TimeExpression(first.start - 1, t.end, text[first.start - 1:t.end], f"{a}/{b}",
                                         "range", first.is_target_cue or t.is_target_cue)
                continue
        out.append(t)
    return out


def resolve_period(text: str, published: datetime.date | None) -> str:
    """Period of the (longest) time expression in `text`; "" if there is none.

    >>> resolve_period("“十四五”期间", None)
    '2021/2025'
    """
    found = find_time_expressions(text, published)
    if not found:
        return ""
    return max(found, key=lambda t: t.end - t.start).period


def _bounds(period: str) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of an ISO period: 2026-01/2026-10 -> (2026-01-01, 2026-10-31)."""
    def edge(part: str, last: bool) -> datetime.date:
        if len(part) == 4:
            return datetime.date(int(part), 12 if last else 1, 31 if last else 1)
        if len(part) == 7:
            y, m = int(part[:4]), int(part[5:7])
            if not last:
                return datetime.date(y, m, 1)
            return datetime.date(y + m // 12, m % 12 + 1, 1) - datetime.timedelta(days=1)
        return datetime.date.fromisoformat(part)
    parts = period.split("/")
    try:
        return edge(parts[0], False), edge(parts[-1], True)
    except ValueError:
        return None


def end_day(period: str) -> str:
    """The last day of a period (2023 -> 2023-12-31, 2026-01/2026-10 -> 2026-10-31); itself when no period.

    >>> end_day("2026-01/2026-02"), end_day("2023-06-30")
    ('2026-02-28', '2023-06-30')
    """
    bounds = _bounds(period) if period else None
    return bounds[1].isoformat() if bounds else period


def shift_year(period: str, years: int) -> str:
    """`period` moved by whole years: 2026-01/2026-09 a year back is 2025-01/2025-09.

    >>> shift_year("2026-01/2026-09", -1), shift_year("", -1)
    ('2025-01/2025-09', '')
    """
    def one(p: str) -> str:
        return f"{int(p[:4]) + years:04d}{p[4:]}" if len(p) >= 4 and p[:4].isdigit() else p
    return "/".join(one(p) for p in period.split("/"))


def strictly_inside(inner: str, outer: str) -> bool:
    """Whether `inner` is a part of `outer` and not all of it: 2025 of 2021/2025,
    2026-10 of 2026-01/2026-10 (not 2026-10 of 2026-10)."""
    a, b = _bounds(inner) if inner else None, _bounds(outer) if outer else None
    return bool(a and b) and b[0] <= a[0] and a[1] <= b[1] and a != b


# An event named by its period: 第三季度重大项目集中签约活动, 2026年春季招聘会. Its figures are of
# the day it is held, not of the quarter; what comes between is part of the name (no verb, no
# punctuation).
_EVENT_NAME = re.compile(r"(?:(?![举办召开组织参加共累计完成实现开展全我])[\u4e00-\u9fff]){0,10}?"
                            r"(?:集中签约|签约活动|签约仪式|集中开工|开工仪式|推介会|招聘会|交易会|博览会|洽谈会|招商会|对接会|观摩会)")


def starts_after(period: str, published: datetime.date | None) -> bool:
    """Whether a period begins after the publication day (12月12日至31日 in a page of 12月10日)."""
    if not period or published is None:
        return False
    start = period.split("/")[0]
    return start > published.isoformat()[:len(start)]


BASE_OF_MULTIPLE = re.compile(r"的[^，,；;。]{0,12}?倍")


def is_comparison_base(text: str, t: TimeExpression) -> bool:
    """降幅比上半年收窄: 上半年 is what the claim is compared with."""
    return (text[max(0, t.start - 1):t.start] in ("比", "较", "与", "同", "占")
            or text[max(0, t.start - 2):t.start] in ("完成", "达到") and t.text == "全年"     # 完成全年目标的63.6%
            or text[max(0, t.start - 2):t.start] in ("相比", "对比", "高于", "低于", "快于", "慢于")
            or text[max(0, t.start - 3):t.start] in ("恢复到", "恢复至")     # 恢复到2019年同期的118.4%
            # 是五年前的2.3倍, 相当于2019年的1.5倍: the multiple's base
            or text[max(0, t.start - 3):t.start].endswith(("是", "为", "相当于")) and bool(BASE_OF_MULTIPLE.match(text, t.end)))



def names_event(text: str, t: TimeExpression) -> bool:
    """Whether the time `t` is part of an event's name (一季度重大项目集中签约).

    >>> t = find_time_expressions("三季度重大项目集中签约活动举行", datetime.date(2026, 10, 8))[0]
    >>> names_event("三季度重大项目集中签约活动举行", t)
    True
    """
    return t.kind in ("range", "month", "year") and bool(_EVENT_NAME.match(text, t.end))
