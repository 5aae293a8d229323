"""Reading one claim's meaning: its period, status, subject and indicator, each
by a small component from the clause, the sentence and the claim's chain of
scopes (extractors/scope.py). pipeline.py runs the document, sentence by sentence;
a Reading per number does the rest."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Sequence

import regex

from . import lexicon, places, scope, tagging
from .attribute import (NOT_TOWN, ORG_NAME, REGIONS, TOWN_NAME, WHOLE_PLACE, ZONE_KIND, indicator_after, indicator_before, places_named, sentence_names, subject_of,
                        trim_by_tags)
from .classify import Context, bound_of, cues, mask, measure_of, status_of
from .model import Claim
from .periods import BASE_OF_MULTIPLE, TimeExpression, end_day, shift_year
from .rules import Candidate

CLAUSE_MARK = regex.compile(r"[,;:，；：]")
LAST_CLAUSE_MARK = regex.compile(r"(?r)[,;:，；：]")      # searched from the end: the last one
# What separates the members of a list of numbers: 8.5%、7.2%和6.1%
LIST_GAP = regex.compile(r"[、,，和及与或]|以及")
# The next object of a verb's list: 、蔬菜瓜果 (a noun phrase, no verb, no clause mark).
_LISTED_OBJECT = regex.compile(r"(?:左右|以上)?[、和及](?:(?!增|减|降|提高|下降|上涨|为|达|是)\p{Han}){1,12}")
# Between two members of a list, after the first one's qualifier: 7%左右和8%左右.
MEMBER_GAP = regex.compile(r"(?:左右|以上|以下|以内|上下|前后)?(?:[、,，和及与或]|以及)")
# A noun written right after the classifier is what is counted: 35个项目.
_HAN_START = regex.compile(r"^[\p{Han}“]")


def claim_id(doc_id: str, start: int, end: int) -> str:
    """Stable id: the same document and span give the same id.

    >>> claim_id("doc", 1674, 1683)
    '488add0f4e5b'
    """
    return hashlib.sha1(f"{doc_id}\x1f{start}\x1f{end}".encode()).hexdigest()[:12]


# 是五年前的2.3倍: the multiple of an earlier level (before the number) and its base (after the time)
_MULTIPLE_OF_EARLIER = regex.compile(r"(?:是|为|相当于)[^，,；;。]{0,10}?(?:年|前|同期|上年|去年)的$")
# 武汉、宜昌、襄阳三市…, 甲、乙等地…: the places counted after the last of them
_PLACES_COUNTED = regex.compile(r"^(?:等)?(?:[两二三四五六七八九十]{1,2}(?:个)?(?:市|县|区|地|省|州|市州|县市区))?")


def _leading_place(item: str) -> int:
    """Where a place name that opens `item` ends (0 if none): 上虞区规上工业增加值 -> 3."""
    item = item.strip()
    found = places.find_places(item)
    return found[0][1] if found and found[0][0] == 0 else 0


# Names below a county: townships and parks (examples in a county's report).
_LOCAL_NAME = regex.compile(r"(?:镇|乡|街道|开发区|高新区|自贸区|新区|产业园|园区|管委会)$")
# …产业园新落地项目17个，园区实现产值…: the clause speaks of the place named before.
_LOCAL_ANAPHORA = regex.compile(r"(?:该|这一?)?(?:园区|镇|乡|街道|开发区|高新区|新区)")
# Parts of the country (东部、中部、西部和东北地区): places a 分别 list hands figures to.
_REGION = regex.compile(rf"(?:{REGIONS})(?:地区)?")
# The members of a list are split at 、 first: 家用电器和音像器材类, 石油及制品类 are one each.
_MEMBER_MARK = regex.compile(r"、")


def _leading_region(item: str) -> int:
    """Where a part of the country that opens `item` ends (0 if none): 东北地区社会消费品零售总额 -> 4."""
    m = _REGION.match(item.strip())
    return m.end() if m else 0


def _leading_name(item: str) -> int:
    return (_leading_zone(item) or _leading_place(item) or _leading_region(item) or _leading_town(item)
            or _leading_village(item))


def _leading_zone(item: str) -> int:
    """Where a development zone named after its place ends: 赣州经济技术开发区 (0 if none)."""
    item = item.strip()
    place = _leading_place(item)
    m = ZONE_KIND.match(item, place) if place else None
    return m.end() if m else 0


# 上派镇 of 上派镇、桃花镇地区生产总值 (jieba cuts 上|派镇; the gazetteer stops at counties)
_TOWN_FIRST = regex.compile(TOWN_NAME)


def _leading_town(item: str) -> int:
    m = _TOWN_FIRST.match(item.strip())
    return m.end() if m and not NOT_TOWN.fullmatch(m.group()) else 0


# 环溪村、荻浦村分别接待游客…: villages, below the townships; not kinds of village (行政村, 示范村)
VILLAGE_NAME = r"\p{Han}{2,3}?村"
_VILLAGE_FIRST = regex.compile(VILLAGE_NAME)
_VILLAGES = regex.compile(rf"(?:{VILLAGE_NAME}[、和及与]){{1,20}}{VILLAGE_NAME}")
NOT_VILLAGE = regex.compile(r"(?:农|乡|全|各|本|该|我|每|一|两|多|个|行政|自然|新农|示范|试点|重点|贫困|中心|城中|空心)村")


def _leading_village(item: str) -> int:
    m = _VILLAGE_FIRST.match(item.strip())
    return m.end() if m and not NOT_VILLAGE.fullmatch(m.group()) else 0


def _villages_listed(head: str) -> list[str]:
    """The villages a list that makes head's last clause names, in order (其中，环溪村、荻浦村)."""
    clause = _LIST_HEAD.sub("", CLAUSE_MARK.split(head)[-1]).strip()
    if not _VILLAGES.fullmatch(clause):
        return []
    items = regex.split(r"[、和及与]", clause)
    return [] if any(NOT_VILLAGE.fullmatch(x) for x in items) else items


def _regions_listed(head: str) -> list[str]:
    """东部、中部、西部和东北地区…: the parts of the country a list names, each as X地区."""
    items = [x.strip() for x in LIST_GAP.split(CLAUSE_MARK.split(head)[-1]) if x.strip()]
    if len(items) < 2 or not _leading_region(items[-1]) \
            or not all(_leading_region(x) == len(x) for x in items[:-1]):
        return []
    names = [x[:_leading_region(x)] for x in items]
    return [n if n.endswith("地区") else n + "地区" for n in names]


# 新河、庙头、颜集三镇: short names listed, then how many and of what
_SHORT_NAMES_LISTED = regex.compile(r"(?P<names>(?:\p{Han}{2,3}[、和及与]){1,9}\p{Han}{2,3}?)"
                                    r"(?P<n>[两二三四五六七八九十])个?(?P<kind>镇|乡|县|区|市|街道)")
_LIST_HEAD = regex.compile(r"^(?:其中|同时|此外|另外|特别是|尤其是)")


def _short_names_listed(head: str) -> tuple[list[str], str]:
    """The places a list at the start of head's last clause names by their short names and a count
    (新河、庙头、颜集三镇 -> 新河镇, 庙头镇, 颜集镇), when the count is theirs; and what follows the list
    (三市地区生产总值: 地区生产总值)."""
    clause = _LIST_HEAD.sub("", CLAUSE_MARK.split(head)[-1])
    m = _SHORT_NAMES_LISTED.match(clause)      # from the clause's start: 其中新河… is no 中新河
    if m is None:
        return [], ""
    names = [x for x in LIST_GAP.split(m["names"]) if x]
    if _CN_SMALL.get(m["n"], 0) != len(names) and not (m["n"] in "两二" and len(names) == 2):
        return [], ""
    out = []
    for name in names:
        full = name + m["kind"]
        place = places.canonical_place(full) if m["kind"] in ("县", "区", "市") else None
        out.append(place.name if place else full)
    return out, clause[m.end():]


def _list_members(head: str, members: int) -> list[str]:
    """The items of the list before 分别, as many as the numbers after it where the
    marks allow: split at 、 alone when 和 and 及 split a member's own name."""
    items = [x for x in LIST_GAP.split(head) if x]
    if len(items) > members >= 2:
        coarse = [x for x in _MEMBER_MARK.split(head) if x]
        if len(coarse) == members:
            return coarse
    return items


def _period_is_past(period: str, published: dt.date | None) -> bool:
    """Whether a period ended before the document was written: 2021 in a
    2022 report, 2022-01/2022-05 in a page of 2022-06-15."""
    if not period or not published:
        return False
    end = period.split("/")[-1]
    if len(end) == 4:
        return int(end) < published.year
    if len(end) == 7:
        return end <= published.strftime("%Y-%m")
    return end <= published.isoformat()


def _period_is_future(period: str, published: dt.date | None) -> bool:
    if not period:
        return False
    if not published:
        return True
    start = period.split("/")[0]
    return int(start[:4]) >= published.year


_CN_SMALL = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A streak of years up to the claim's year: 连续五年保持在…以上.
_STREAK = regex.compile(r"连续(?P<n>[两二三四五六七八九十]|\d{1,2})年")


# Characters around a number that its meaning is read from, and earlier claims of the
# sentence it may refer to (分别 lists, list members)
CONTEXT_WINDOW = 300
CONTEXT_CLAIMS = 48


# 从2021年的46503元…提高到58794元: the year of the starting point stops at 到.
_CHANGE_TO = regex.compile(r"(?:提高|增加|增长|提升|上升|扩大|下降|降低|减少|增)(?:到|至)")
# 由2100家增加到…, 从原来的40.1%提高到…: the level a change starts from.
_FROM_LEVEL = regex.compile(r"(?:由|从)(?:原来的|原先的|过去的)?$")
# A level reached at the end of a multi-year span: 突破300亿元, 提高到58794元.
_END_LEVEL = regex.compile(r"(?:达到|达|突破|超过|提高到|提升到|提高至|增加到|增长到|上升到|下降到|降低到|减少到|"
                           r"扩大到|增至|升至|降至|分别为|分别达到|分别突破|"
                           r"分别提高到|分别提升到|跃升至|迈上|跨越|位居|稳居|总量)[^,，;；。]{0,8}$")
# 比2020年提高4.6个百分点: a change against a year named as its base.
_AGAINST_YEAR = regex.compile(r"(?:比|较|与)(?:19|20)\d{2}年(?:末|底)?(?:相比|比)?[\p{Han}]{0,6}$")
_FLOW_OVER_SPAN = regex.compile(r"年均|累计|共计|合计|五年|这五年|期间|连续|保持|分别下降|分别增长")


# A year's four quarters and their figures listed together: 四个季度营业收入分别为10.9亿元、11.4亿元…
_QUARTERS_EACH = regex.compile(r"(?:四个季度|各季度|一至四季度|1—4季度)[^，,。；;]{0,12}?分别")


class SentenceNames:
    """The places and organisations a sentence names, in text offsets, read once
    for all its claims (when the first of them asks)."""

    def __init__(self, text: str, start: int, end: int, towns: tuple[str, ...] = (),
                 aliases: tuple[tuple[str, str], ...] = ()) -> None:
        self.text, self.start, self.end, self.towns, self.aliases = text, start, end, towns, aliases
        self._found: list[tuple[int, int, str]] | None = None

    def found(self) -> list[tuple[int, int, str]]:
        if self._found is None:
            self._found = [(a + self.start, b + self.start, name) for a, b, name
                           in sentence_names(self.text[self.start:self.end], self.towns, self.aliases)]
        return self._found


class Reading:
    """The fields of one claim, each read by a small component from the
    clause, the sentence and the claim's chain of scopes."""

    def __init__(self, norm, cand: Candidate, s_start: int, s_end: int, s_times: list[TimeExpression],
                 dtime: scope.DocumentTime, frame_target: bool, previous: Claim | None,
                 places: dict[str, str], doc_id: str, prev_period: str, paragraph: scope.Scope,
                 single: bool, sentence_claims: list[Claim], prev_subject: str = "", article: str = "") -> None:
        # a reader looks a few hundred characters around a number, not across a sentence
        # of thousands of them: the window keeps the work per claim bounded (linear time)
        self.full_start, self.full_end = s_start, s_end
        s_start, s_end = max(s_start, cand.start - CONTEXT_WINDOW), min(s_end, cand.end + CONTEXT_WINDOW)
        k = len(sentence_claims)
        while k and sentence_claims[k - 1].norm_start >= s_start and len(sentence_claims) - k < CONTEXT_CLAIMS:
            k -= 1
        self.sentence_claims = sentence_claims[k:]
        s_times = [t for t in s_times if t.start >= s_start and t.end <= s_end] if len(s_times) > 8 else s_times
        self.prev_subject, self.article = prev_subject, article
        self.period_why = self.carried_period = self.subject_why = ""
        self.source_sentence = ""
        self.stock_day = ""                 # the day of the stocks stated last (年末…, 截至9月末…), if any
        self.stock_at_day = False           # whether the claim is a stock (余额, 资产总额, 充足率)
        self.before: list[Claim] = []       # the claims of the paragraph's sentence before this one
        self.recent: Sequence[Claim] = ()   # past a paragraph break, the last claims of the text
        self.sentence_names: SentenceNames | None = None
        self.norm, self.cand, self.s_start, self.s_end = norm, cand, s_start, s_end
        self.s_times, self.dtime, self.frame_target, self.previous = s_times, dtime, frame_target, previous
        self.places, self.doc_id, self.prev_period, self.scope, self.single = (
            places, doc_id, prev_period, paragraph, single)
        ntext = norm.text
        last_mark = LAST_CLAUSE_MARK.search(ntext, s_start, cand.start)
        self.clause_start = last_mark.end() if last_mark else s_start
        end_mark = CLAUSE_MARK.search(ntext, cand.end, s_end)
        self.clause_end = end_mark.start() if end_mark else s_end
        self.ctx = Context(clause_before=ntext[self.clause_start:cand.start],
                           clause_after=ntext[cand.end:self.clause_end],
                           sentence_before=ntext[s_start:cand.start], sentence=ntext[s_start:s_end])

    def period(self) -> str:
        ntext, cand = self.norm.text, self.cand
        before_times = [t for t in self.s_times if t.end <= cand.start
                        and not _closed_aside(ntext, self.s_start, t.start, cand.start)
                        # 截至9月30日的总股本13.5亿股…派发2元: a time with 的 dates the next amount only
                        and not (_DATES_NEXT_ONLY.match(ntext, t.end) and self._after_another(t.end))]
        if before_times and ntext.startswith("的", before_times[-1].end) \
                and _CHANGE_TO.search(ntext, before_times[-1].end, cand.start):
            before_times = []               # 从2021年的…提高到58794元
        if len(before_times) > 1 and before_times[-1].text == "现有":
            before_times = before_times[:-1]    # 2026年，全市现有…: the year the sentence names
        period = before_times[-1].period if before_times else ""
        self.period_why = "clause" if period else ""
        if period and (before_times[-1].text in ("今年", "本年") and len(period) == 4
                       or before_times[-1].text in ("今年以来", "年初以来", "今年累计")):
            # 截至7月25日，…今年累计开行326列 (截至10月28日收盘，…今年以来累计上涨14.3%): from the
            # year's first day to that day (a level stated there, 开行线路达到17条, 总市值, is of the day)
            year = period[:4]
            day = next((t.period for t in reversed(before_times[:-1]) if len(t.period) == 10
                        and t.period[:4] == year and t.text.startswith("截至")), "")
            if day:
                flow = (_FLOW.search(ntext, self.clause_start, cand.start) or _MOVE.search(
                    ntext, self.clause_start, cand.start)) and not _STOCK.search(ntext, self.clause_start, cand.start)
                ytd = f"{year}-01-01/{day}"
                growth = self.previous is not None and self.previous.period == ytd and _GROWTH_OF_BEFORE.match(
                    ntext, self.clause_start, cand.start)       # …326列，同比增长18.5%: of the same span
                period = ytd if flow or growth else day
        if len(before_times) > 1 and len(period) == 10 and before_times[-1].text.startswith("截至") \
                and before_times[-2].text in ("今年以来", "年初以来") and before_times[-2].end == before_times[-1].start \
                and before_times[-2].period[:4] == period[:4] \
                and (_FLOW.search(ntext, self.clause_start, cand.start) or _MOVE.search(ntext, self.clause_start, cand.start)
                     or _DAILY.search(ntext, self.clause_start, cand.start)) \
                and not _STOCK.search(ntext, self.clause_start, cand.start):
            # 今年以来截至12月28日，…累计发送旅客…，同比增长…；日均发送…: from the year's first day to that day
            period = f"{period[:4]}-01-01/{period}"
        if before_times and len(period) == 4 and _YEAR_END.search(before_times[-1].text) \
                and (_AT_STATED_YEAR_END.search(ntext, self.s_start, cand.end + 4) or cand.kind == "count"):
            period = f"{period}-12-31"      # 年末存款余额, 年末…企业2764家: a stock at the year's last day
            self.period_why = "clause"
        if len(period) == 10 and before_times[-1].text.endswith(("末", "底")) \
                and _FLOW.search(ntext, self._list_member_start(), cand.start) \
                and not _STOCK.search(ntext, self.s_start, cand.start):
            # 一季度末，全市生猪出栏80.9万头: a flow up to the end is the whole span (of a year-end, the year)
            m = int(period[5:7])
            period = (f"{period[:4]}-{m - 2:02d}/{period[:7]}" if "季度" in before_times[-1].text
                      else period[:4] if before_times[-1].text.endswith(("年末", "年底")) else period[:7])
        if before_times and before_times[-1].text == "全年" and len(self.prev_period) == 4:
            period = self.prev_period       # 过去一年…。全年进出口总额…: the year under review
        if not period and not before_times:
            period, self.period_why = self.prev_period, "paragraph"     # the paragraph's last stated period
        if not period:
            inherited, where = self.scope.inherited("period")
            if where is not None and (where.kind != "document" or self.single):
                period, self.period_why = inherited, where.kind   # a heading's year, a release's title period
        if not before_times and len(period) == 4 and self.previous is None and self.before \
                and self.before[-1].period == f"{period}-12-31" and OF_WHICH.match(ntext, self.s_start):
            # 年末全省发电装机容量…。其中，风电和光伏发电装机容量…: a part of the stock, at its day
            period = self.before[-1].period
        if len(period) == 4 and self.previous is not None and self.previous.period == f"{period}-12-31" \
                and (_SHARE_OF.search(ntext, self.clause_start, cand.start)
                     or _SINCE_YEAR_START.match(ntext, self.clause_start, cand.start)):
            # 截至2026年末，员工总数6850人，…占员工总数的25.1%, …比上年末提高: of a stock at that day
            period = self.previous.period
        # (its own clause: 以总股本68.75亿股计算，合计派发17.88亿元 pays no stock; 较年初增长6.9% after a
        # stock, 占各项贷款的31.8%, are of its day too)
        self.stock_at_day = bool(_YEAR_END_STOCK.search(ntext, self.clause_start, cand.end + 4)) or (
            self.previous is not None and self.previous.period == self.stock_day
            and bool(_OF_A_STOCK.match(ntext, self.clause_start, cand.start)
                     or _GROWTH_OF_BEFORE.match(ntext, self.clause_start, cand.start)))
        if not before_times and self.stock_day and self.stock_at_day and self.stock_day[:4] == (period or self.stock_day)[:4] \
                and (len(period) <= 4 or (end_day(period) == self.stock_day and (
                    _QUARTER_END_RATIO.search(ntext, self.clause_start, cand.end + 4)
                    # 9月末…余额…，前三季度增加…。分部门看，住户存款余额…: a balance, and what is of it, at the day
                    or "余额" in ntext[self.clause_start:cand.start]
                    or (self.previous is not None and self.previous.period == self.stock_day
                        and (_OF_A_STOCK.match(ntext, self.clause_start, cand.start)
                             or _GROWTH_OF_BEFORE.match(ntext, self.clause_start, cand.start)
                             or _ABOVE_A_RATE.match(ntext, self.clause_start, cand.start)))))):
            # 年末常住人口…。其中，城镇常住人口…: the same year-end (截至9月末…余额); a ratio under 资本方面，
            # in a story of 前三季度 whose balances stood at 9月末: that day too
            period = self.stock_day
        report_end = _REPORT_END.search(ntext, self.s_start, cand.start) if period else None
        if report_end and not (before_times and before_times[-1].start > report_end.start()):
            period, self.period_why = end_day(period), "clause"   # 截至报告期末 (of an annual report): its last day
        if before_times and before_times[-1].text.endswith("年同期") and len(before_times[-1].period) == 4:
            # 2016年同期 in a Q1 analysis: the same months of 2016
            base, _ = self.scope.inherited("period")
            if not (len(base) == 15 and base[:4] == base[8:12]):
                # 一季度，…增长6.8%（2016年同期…）: the months the sentence itself named
                base = next((t.period for t in reversed(before_times[:-1])
                             if len(t.period) == 15 and t.period[:4] == t.period[8:12]), base)
            if len(base) == 15 and base[:4] == base[8:12]:
                y = before_times[-1].period
                period = f"{y}{base[4:8]}{y}{base[12:]}"
        if len(period) == 4 and _ANNUAL_AVERAGE.search(ntext, self.clause_start, cand.start):
            # “十四五”时期…年均增长6.2%，2024年跨过千亿元台阶；…年均增长4.8%: the average is the span's
            span = next((t.period for t in reversed(before_times) if len(t.period) == 9 and t.period[4] == "/"), "")
            if span and span[:4] <= period <= span[5:]:
                period = span
        if before_times and period[:4].isdigit():
            period = self._listed_year(before_times[-1], period)
        if len(period) == 4 and "季度" in ntext[self.clause_start:cand.start]:
            period = self._listed_quarter(period)
        based = bool(before_times) and before_times[-1].kind == "base"     # 上年同期，…: sets no running period
        base = _BASE_STATED.search(ntext[self.clause_start:cand.start])
        if base and period[:4].isdigit() and not (before_times
                                                  and before_times[-1].end > self.clause_start + base.start()
                                                  and not base["base"].startswith("上年")):
            # 上年同期为14.5亿元, 由上年的34.1%提高到: the figure of the comparison base, a year before
            # the period reported (全市去年为… is dated by 去年 itself: the year before it was written)
            period = shift_year(period, -1)
            based = True
        years = _AVERAGE_OVER.search(ntext, self.clause_start, cand.start)
        if years and period[:4].isdigit():
            # 两年平均增长18.9% (of 1—11月 2021) covers 2020-01/2021-11
            n = int(years["n"]) if years["n"].isdigit() else _CN_SMALL.get(years["n"], 0)
            if n > 1:
                first = period.split("/")[0]
                period = f"{int(first[:4]) - n + 1}{first[4:]}/{period.split('/')[-1]}"
        # a day, or the base's own figure (…，上年同期为43.0亿元。基本每股收益…), sets no running period
        self.carried_period = period if len(period) != 10 and not based else ""
        streak = _STREAK.search(ntext, self.clause_start, cand.start)
        if streak and len(period) == 4 and period.isdigit():
            # 连续三年稳定在1.4万亿斤以上 (of 2026): the window of the streak, 2024/2026; the
            # sentences after it are of the year still
            n = int(streak["n"]) if streak["n"].isdigit() else _CN_SMALL.get(streak["n"], 0)
            if 1 < n <= 30:
                period = f"{int(period) - n + 1}/{period}"
        measure = self.measure_direction[0]
        if "/" in period and len(period) == 9 and measure in ("level", "share", "rank"):
            # “十四五”时期…地方财政收入突破300亿元, 比重提高到三成, 跃升至第9位: a level reached at the end
            before = ntext[self.clause_start:cand.start]
            if _FLOW_OVER_SPAN.search(before) or self._share_of_flow(period):
                pass                                  # 累计, 年均, 占其…比重: over the whole span
            elif _FROM_LEVEL.search(before) and _CHANGE_TO.match(ntext, cand.end):
                period = str(int(period[:4]) - 1)     # 过去五年，…由2100家增加到…: the level the span starts from
            elif _END_LEVEL.search(before):
                period = period[5:]
        if "/" in period and len(period) == 9 and self.multiple_of_earlier:
            period = period[5:]             # 是五年前的2.3倍: the level at the end against the one before
        if "/" in period and len(period) == 9 and measure == "change" \
                and _AGAINST_YEAR.search(ntext, self.clause_start, cand.start):
            period = period[5:]             # 五年来…比2020年提高4.6个百分点: the end against the base year
        return period

    def _list_member_start(self) -> int:
        """Where the ；-separated member holding the number starts: 出栏10万头，增长0.8%
        is one member (its change is of the flow it names)."""
        ntext = self.norm.text
        return max(self.s_start, ntext.rfind("；", self.s_start, self.cand.start) + 1,
                   ntext.rfind(";", self.s_start, self.cand.start) + 1)

    def _share_of_flow(self, period: str) -> bool:
        """累计开行2.1万列，占全国的比重超过两成: a share (占…, no subject of its own) of the
        amount just before it, which covers the whole span, covers it too."""
        prev = self.previous
        return (prev is not None and prev.period == period and self.cand.kind == "percent"
                and self.norm.text.startswith("占", self.clause_start)
                and prev.norm_end <= self.clause_start)

    def _listed_year(self, time: TimeExpression, period: str) -> str:
        """2015和2016年同期增速分别为3.3%、0.5%: the k-th number after 分别 is of
        the k-th year of a list that shares one 年 (the time read is the last)."""
        ntext, cand = self.norm.text, self.cand
        if not (time.text[:4].isdigit() and time.text[4:5] == "年"):
            return period
        listed = next((m for m in _LISTED_YEARS.finditer(ntext, max(self.s_start, time.start - 48), time.start + 5)
                       if m.end() == time.start + 5), None)
        if listed is None:
            return period
        at = ntext.rfind("分别", time.end, cand.start)
        if at < 0:
            return period
        years = _YEAR.findall(listed.group())
        k = sum(1 for c in self.sentence_claims if at < c.norm_start < cand.start)
        if k >= len(years) or years[-1] not in period:
            return period
        return period.replace(years[-1], years[k])

    @property
    def multiple_of_earlier(self) -> bool:
        """是五年前的2.3倍, 相当于2019年的1.5倍: a multiple of an earlier level."""
        return self.cand.kind == "multiple" and bool(
            _MULTIPLE_OF_EARLIER.search(self.norm.text, self.clause_start, self.cand.start))

    def _after_another(self, pos: int) -> bool:
        """Whether an earlier claim after `pos` stands between it and this one,
        other than as a member of the same list (46503元和16935元)."""
        later = [c for c in self.sentence_claims if c.norm_start > pos]
        if not later:
            return False
        return not MEMBER_GAP.fullmatch(self.norm.text[later[-1].norm_end:self.cand.start])

    @property
    def measure_direction(self) -> tuple[str, str]:
        if not hasattr(self, "_measure"):
            measure, direction = measure_of(self.ctx, self.cand)
            if measure == "level" and self.multiple_of_earlier:
                measure, direction = "change", "up"     # a multiple of an earlier level: growth
            elif measure == "level" and self.cand.kind == "percent" and _RATE_AFTER.match(self.ctx.clause_after):
                # 合肥以6.2%的增速领跑六城: a rate of growth named after the number
                measure, direction = "change", "down" if self.cand.value < 0 else "up"
            prev, ntext = self.previous, self.norm.text
            if prev is not None and prev.kind == self.cand.kind and MEMBER_GAP.fullmatch(
                    ntext[prev.norm_end:self.cand.start]):
                # 分别增长8.5%、7.2%和6.1%: list members share the head's meaning
                measure, direction = prev.measure, prev.direction
            elif (prev is not None and measure == "level" and prev.measure == "change" and prev.unit == self.cand.unit
                  and prev.kind in ("money", "count", "quantity")
                  and _LISTED_OBJECT.fullmatch(ntext, prev.norm_end, self.cand.start)):
                # 增加水稻种植面积26万亩、蔬菜瓜果16万亩: the verb governs every amount of its list
                measure, direction = prev.measure, prev.direction
            self._measure = (measure, direction)
        return self._measure

    def status(self, period: str) -> tuple[str, bool]:
        dtime, cand = self.dtime, self.cand
        pub = dtime.published or dtime.reference
        before_times = [t for t in self.s_times if t.end <= cand.start]
        target_time = any(t.is_target_cue and _period_is_future(t.period, pub) for t in before_times)
        # 2025年全市地区生产总值达到1万亿元, written in 2023: a year still to come
        target_time = target_time or bool(period and pub and int(period[:4]) > pub.year)
        # a work report of year Y reports on Y-1 and plans Y
        if dtime.genre == "work_report" and pub and period[:4] == str(pub.year) and "/" not in period:
            target_time = True
        frame, where = self.scope.inherited("frame")
        self.frame_why = f"{where.kind} frame {frame}" if where is not None else ""
        # a guessed date tells nothing past; nor does a time inherited from a
        # scope above the paragraph (6月14日 of a meeting whose plans follow)
        past = not dtime.guessed and self.period_why in ("clause", "paragraph") and _period_is_past(period, pub)
        stated = self.period_why == "clause"
        if past and before_times:
            # 公告前三季度利润分配预案，拟…派发现金红利2元: a plan made after the past time it names
            # (not 上年确定的目标任务全面完成: a goal reached)
            cue = cues()
            if _PLAN_VERB.search(mask(self.norm.text[before_times[-1].end:cand.start], cue.not_target)) \
                    and not _DONE.search(self.ctx.clause_before):    # …，实际完成112亿元: what was done
                past = False
        if past and stated and _AT_A_PAST_DATE.search(self.ctx.clause_before):
            return "actual", False      # 拟以截至9月30日的总股本13.5亿股为基数: the basis stands already
        if _COUNTED_ON.search(self.ctx.clause_before) and _BASIS_AFTER.match(self.norm.text, cand.end):
            return "actual", False      # 以总股本68.75亿股计算, 合计拟派发…: what the plan is counted on
        return status_of(self.ctx, target_time, past and stated, self.frame_target, frame, past and not stated)

    def _listed_quarter(self, year: str) -> str:
        """分季度看，公司四个季度营业收入分别为A、B、C和D: the k-th figure of a year's four quarters
        listed together is of its k-th quarter."""
        each = _QUARTERS_EACH.search(self.norm.text, self.clause_start, self.cand.start)
        if each is None:
            return year
        k = sum(1 for c in self.sentence_claims if each.end() <= c.norm_start < self.cand.start)
        return f"{year}-{3 * k + 1:02d}/{year}-{3 * k + 3:02d}" if k < 4 else year

    def indicator(self, subject: str) -> str:
        ntext, cand, ctx, previous = self.norm.text, self.cand, self.ctx, self.previous
        indicator = self._member_indicator()
        if indicator:
            return indicator
        members = self._members_of_a_set()
        if members:
            return members
        if cand.kind in ("count", "quantity") and _HAN_START.match(ctx.clause_after):
            indicator = indicator_after(ctx.clause_after)
        league = _RANK_LEAGUE.search(ntext, self.clause_start, cand.start) if cand.kind == "rank" else None
        if league and not indicator:
            # 增速居全县12个乡镇第1位: what is ranked comes before 居; the league (12个乡镇) is no
            # indicator, and its count no figure to take the measure from
            # (from the number before it in the clause: 完成投资286.4亿元　年度计划完成率居全市第一)
            within = _LEAGUE_IN.search(ntext, self.clause_start, league.start())      # (在全省11个设区市中: no cut)
            ranked_from = previous.norm_end if previous is not None and self.clause_start < previous.norm_end \
                <= league.start() and not (within and within.start() <= previous.norm_start < within.end()) \
                else self.clause_start
            ranked = _LEAGUE_IN.sub("", ntext[ranked_from:league.start()])   # 在全区5个地级市中居…
            while _leading_name(ranked) and _leading_name(ranked) < len(ranked):
                ranked = ranked[_leading_name(ranked):].lstrip("、和与及")    # 成都、武汉、苏州分列…: whose
            indicator = "" if _leading_name(ranked) == len(ranked.strip()) else indicator_before(ranked)
            previous = next((c for c in reversed(self.sentence_claims) if c.norm_start < league.start()
                             and not _GAP.match(c.indicator)), None)     # (not 高于全市平均水平1.2个百分点)
        elif not indicator:
            own_start = max(self.clause_start, previous.norm_end if previous else self.clause_start)
            indicator = indicator_before(ntext[own_start:cand.start])
        if ctx.clause_before.endswith("以") and _RANKED_AFTER.match(ctx.clause_after) \
                and (not indicator or indicator == indicator_after(ctx.clause_after)):
            # 唐山市以4386.5亿元继续领跑全省: the figure the ranking is by, of the measure under discussion
            # (a catalogued measure before: not 两市相差125.7亿元's gap)
            indicator = self._measure_before(catalogued=True) or _topic_measure(
                ntext[max(0, cand.start - TOPIC_REACH):self.clause_start], cand.kind) or indicator
        if not indicator and cand.kind == "money" and previous is None and _BARE_VERB.search(ctx.clause_before):
            # 衡水市实现958.7亿元: the measure under discussion (…年均增长4.9%，2025年达到1.09万亿元: the one before)
            indicator = self._measure_before(catalogued=True)
        if not indicator and cand.kind == "money" and _HAN_START.match(ctx.clause_after):
            indicator = indicator_after(ctx.clause_after)   # 过30亿元中小企业特色产业集群: a size class
        rate_after = _RATE_AFTER.match(ctx.clause_after) if not indicator and cand.kind == "percent" else None
        if rate_after:
            indicator = rate_after["rate"]      # 以6.2%的增速领跑: 增速 of the measure named before (below)
        if not indicator and previous is not None:
            indicator = previous.indicator      # 工业总产值201亿元,同比增长24%
            if previous.kind == "rank" and cand.kind != "rank" or (
                    previous.kind == "percentage_point" and cand.kind in ("money", "count", "quantity")):
                # …增速居全县第1位；官亭镇增长4.2%: the measure ranked, not its rank (…余额…，增速比上月末低
                # 0.2个百分点；比年初增加2315.6亿元: the balance's, not its growth's gap)
                indicator = next((c.indicator for c in reversed(self.sentence_claims) if c.kind == cand.kind),
                                 indicator)
            if indicator.endswith(_PLAN_SHARE_NAMES) or _CALENDAR_GAP.match(indicator):
                # …完成调整预算的101.8%，同比增长5.6%: the growth is of the figure, not of its share
                # (nor of 超序时进度0.9个百分点, a gap against the calendar)
                indicator = next((c.indicator for c in reversed(self.sentence_claims)
                                  if not c.indicator.endswith(_PLAN_SHARE_NAMES)
                                  and not _CALENDAR_GAP.match(c.indicator)), indicator)
        if not indicator:
            indicator = _sentence_topic(ntext[self.s_start:self.clause_start])   # CPI同比持平,环比上涨0.2%
        done = _SHARE_OF_PLAN.search(ntext, self.clause_start, cand.start) if previous is not None else None
        if done:
            # 收入完成218.6亿元，完成调整预算的101.8%: the figure's share of its plan (not 调整预算 itself)
            indicator = previous.indicator + done.group()[:-1] + "比例"
        if not indicator and self.before and (_BREAKDOWN.match(ntext, self.s_start, cand.start)
                                              or _MONTH_ALONE.match(ntext, self.s_start, cand.start)):
            # …增加值增长6.9%，增速比全国高1.1个百分点。其中，10月当月增长7.4%: the same measure
            indicator = next((c.indicator for c in reversed(self.before) if c.kind == cand.kind), "")
        indicator = _COMPARED_WITH.sub("", indicator) or indicator     # 现价总量比同期 -> 现价总量
        if indicator.startswith("占") and previous is not None and previous.indicator \
                and not previous.indicator.startswith("占") and not _GAP.match(previous.indicator) \
                and not CLAUSE_MARK.search(ntext, previous.norm_end, self.clause_start - 1):
            # 高新技术产业增加值增长10.2%，占规上工业增加值的比重达64.5%: the part is what the clause before measured
            indicator = previous.indicator + indicator
        gap = _GAP_WITH.search(ntext, self.clause_start, cand.start)
        if gap:
            # 与苏州的差距缩小至675.7亿元: the gap in the measure named before, with whom
            other = places.canonical_place(gap["other"])
            measured = next((c.indicator for c in reversed(self.sentence_claims) if c.unit == cand.unit
                             and not _GAP_WITH.search(c.indicator)), "")
            indicator = f"{measured}与{other.name if other else gap['other']}的差距"
        # 固定资产投资(不含农户), 扣除价格因素实际: asides and deductions are not the indicator
        indicator = _ASIDE_IN_INDICATOR.sub("", indicator)
        indicator = _PRICE_BASIS.sub("", indicator) or indicator   # GDP按可比价格计算: how, not what
        if _DEDUCTION.match(indicator):
            rest = _DEDUCTION.sub("", indicator)
            named = previous.indicator if previous else ""
            indicator = rest if len(rest) > 2 else (named + rest if named else rest) or indicator
        short = self.places.get("org_short", "")
        for named in (short, "公司", "该公司", "集团", "该集团"):
            if named and indicator.startswith(named) and len(indicator) > len(named) + 1:
                # 宁远新能源前三季度净利润, 公司研发投入: whose it is, then what
                indicator = trim_by_tags(indicator[len(named):]) or indicator
        if short and len(short) > 2:
            # 云湖银行资产总额, jieba taking 云湖 for a place: the rest of the short name goes too
            kept = next((k for k in range(len(short) - 1, 1, -1) if short.endswith(indicator[:k])), 0)
            if kept and len(indicator) > kept + 1 and short + indicator[kept:] in ntext[self.clause_start:cand.start]:
                indicator = indicator[kept:]
        if subject and indicator.startswith(subject):
            # 广东省地区生产总值 -> 地区生产总值; 江苏省以9.2万亿元紧随其后 -> the indicator before
            indicator = indicator[len(subject):] or (previous.indicator if previous else "")
        if indicator.endswith("类") and previous is not None:
            # …类零售额分别增长…，粮油、食品类增长9.6%: a category takes the measure named before
            tail = _head_noun(previous.indicator)
            if tail and not previous.indicator.endswith("类"):
                indicator += tail
        if cand.rule == "ratio.bare" and indicator and not indicator.endswith(("比", "比值", "比率", "倍差")):
            indicator += "比"       # 城乡居民收入比为2.74: the ratio, whose 比 the trailing words took
        if indicator in _PRODUCT_MEASURES and previous is not None and previous.indicator.endswith(_PRODUCT_MEASURES):
            # 粮食播种面积9.86万亩，总产量41260吨: the product named with the measure before
            product = previous.indicator[:-max(len(m) for m in _PRODUCT_MEASURES if previous.indicator.endswith(m))]
            if len(product) >= 2 and not product.endswith(indicator):
                indicator = product + indicator
        if cand.kind == "percent" and _BARE_SHARE.fullmatch(ntext, self.clause_start, cand.start) and previous is not None:
            # …占可支配收入的比重为57.2%；人均经营净收入2415元，…，占15.6%: of the whole named before
            whole = next((m.group() for c in reversed([*self.before, *self.sentence_claims])
                          if (m := _SHARE_OF.search(c.indicator)) and len(m.group()) > 2), "")
            if whole and previous.indicator and not previous.indicator.endswith(whole):
                indicator = previous.indicator + whole
        if not indicator and cand.kind == "percent":
            clause = ntext[self.clause_start:cand.start].strip()
            named = _leading_name(clause)
            if named and _BARE_CHANGE.fullmatch(clause, named):
                # 保定增长5.6%, after 衡水市以6.8%的增速居全省首位: the measure under discussion
                indicator = self._measure_before(catalogued=True) or _topic_measure(
                    ntext[max(0, cand.start - TOPIC_REACH):self.clause_start], cand.kind)
        if _ELLIPTICAL.fullmatch(indicator):
            # GDP增长2.6%，增速比同期提高1.1个百分点: 增速 of the indicator named before (not of a gap
            # with a yardstick: …增长9.3%，高于全国同期6.1个百分点，规模居全国第7位)
            if previous is not None and _GAP.match(previous.indicator):
                previous = next((c for c in reversed(self.sentence_claims)
                                 if c.norm_start < previous.norm_start and not _GAP.match(c.indicator)), previous)
            named = previous.indicator if previous else _sentence_topic(ntext[self.s_start:self.clause_start])
            named = named or self._measure_before() or _topic_measure(
                ntext[max(0, cand.start - TOPIC_REACH):self.clause_start], cand.kind)
            named = _RATE_TAIL.sub("", named) if named else ""
            if named:
                indicator = named + indicator
        return indicator

    def subject(self) -> str:
        """The member's own place in a 分别 list, the place or organisation the
        sentence names, else the one the paragraph's claims last named, else
        what the document or article is about."""
        ntext, cand = self.norm.text, self.cand
        at = _rfind_respectively(ntext, max(self.s_start, cand.start - 40), cand.start)
        if at >= 0:
            # the places of 分别's own clause, or earlier ones a collective (两市) takes up:
            # not 本网北京…讯，中国汽车工业协会…显示，…产销分别完成…
            mark = LAST_CLAUSE_MARK.search(ntext, self.s_start, at)
            own = mark.end() if mark else self.s_start
            # (a clause opened by 分别 continues the list before it: …分别为8807.3亿元和12400亿元，分别增长…)
            # (…分别增长7.8%和7.1%，总量分别居全县第一、第二位: an elliptical measure continues it too)
            reach = self.s_start if (at - own <= 1 or _PLACES_TAKEN_UP.search(ntext, own, at)
                                     or _ELLIPTICAL.fullmatch(ntext, own, at)) else own
            named = places_named(ntext[reach:at], self.sentence_names.towns if self.sentence_names else ())
            k = sum(1 for c in self.sentence_claims if at < c.norm_start < cand.start)
            members = _list_length(ntext, at, self.s_end)
            if len(named) < 2:
                named = _regions_listed(ntext[reach:at]) or _short_names_listed(ntext[reach:at])[0]
            if len(named) < 2 and (villages := _villages_listed(ntext[reach:at])):
                town = self.places.get("镇", "") if self.places.get("primary") == self.places.get("镇") else ""
                named = [town + v for v in villages]     # (the township a story is about holds them)
            if len(named) < 2 and self.before and _ORGS_TAKEN_UP.search(ntext, own, at):
                # …四家子公司资产总额分别为…: the companies the sentence before listed, in order
                named = list(dict.fromkeys(c.subject for c in self.before if c.subject.endswith(_ORG_ENDS)))
            named = named[-members:] if members >= 2 else named
            if len(named) >= 2 and k < len(named):
                self.subject_why = "member of a 分别 list"
                return named[k]
        found = self.sentence_names.found() if self.sentence_names else []
        names = [(a - self.s_start, b - self.s_start, name) for a, b, name in found
                 if a >= self.s_start and b <= cand.start]
        earlier = _rfind_respectively(ntext, self.s_start, self.clause_start)
        if earlier >= 0 and len(places_named(CLAUSE_MARK.split(ntext[self.s_start:earlier])[-1],
                                             self.sentence_names.towns if self.sentence_names else ())) >= 2:
            # 西安、榆林两市…分别…，县域生产总值…: the places of a 分别 list are its members', not the next clause's
            names = [n for n in names if n[0] >= earlier - self.s_start]
        # 城厢镇新增企业210家；…事项占比达到96.5%: a township or park named as an example is
        # whose its own clause is, and the next one's only when that names nothing of its own
        # (…210家，增长12%); the town a story is about is whose every clause is
        home_town = self.places.get("镇", "") if self.places.get("primary") == self.places.get("镇") else ""
        cut = self.clause_start - self.s_start
        # (not the place its article's headline is about: 柳城街道前11个月…增长6.8%)
        headline = self.article or self.dtime.title or ""
        # (a township's clauses that open with a verb run on over commas: 牛驼镇新增设施农业1.2万亩，建成温室大棚
        # 460座; a semicolon or a full stop ends its example, and so does a clause naming what it is about:
        # …湖头镇光电产业园产值突破150亿元，茶产业全产业链产值力争达到330亿元)
        ended = cut
        if self.clause_start > self.s_start and ntext[self.clause_start - 1] in "，," and any(
                b <= cut and _LOCAL_NAME.search(name) for _, b, name in names):
            head = tagging.tags(ntext[self.clause_start:min(cand.start, self.clause_start + 6)])
            if head and head[0][1].startswith("v") and head[0][1] != "vn":
                semi = max(ntext.rfind("；", self.s_start, self.clause_start), ntext.rfind(";", self.s_start, self.clause_start))
                ended = semi - self.s_start if semi >= 0 else -1
        examples_end = any(b <= ended and _LOCAL_NAME.search(name) and name != home_town and name not in headline
                           for _, b, name in names) \
            or (_LOCAL_NAME.search(self.prev_subject) and self.prev_subject != home_town
                and self.prev_subject not in headline)
        clause = ntext[self.clause_start:cand.start]
        # (…三河镇地区生产总值增长9.4%，增速居全县第1位: 增速, 总量 are still its figure's)
        if examples_end and not _LOCAL_ANAPHORA.match(clause) and not _ELLIPTICAL.match(clause) \
                and indicator_before(clause):
            names = [n for n in names if not (n[1] <= ended and _LOCAL_NAME.search(n[2]) and n[2] != home_town)]
            prev_subject = "" if _LOCAL_NAME.search(self.prev_subject) and self.prev_subject != home_town \
                else self.prev_subject
        else:
            prev_subject = self.prev_subject
        own = subject_of(self.ctx.sentence_before, ntext[self.scope.start:self.s_start],
                         self._places_of_paragraph(prev_subject), fallback=False, sentence_names=names)
        if own == "全国" and cand.kind == "rank":
            own = ""            # 全国百强县排名由第62位跃升至第47位: the league, not whose rank it is
        if own:
            # 安徽、广东两省产量合计…: places taken together set no running subject
            self.subject_why = "sentence" if not _PLACES_TAKEN_UP.search(self.ctx.sentence_before) else "places listed"
            return own
        if prev_subject:
            self.subject_why = "paragraph"
            return prev_subject
        self.subject_why = "document"
        return self.places.get("primary", "")

    def _places_of_paragraph(self, prev_subject: str) -> dict[str, str]:
        """The places scope words stand for here: in a story of several cities (no masthead
        fixes 全市), 全市 after a paragraph's claims of 杭州 is 杭州."""
        place = places.canonical_place(prev_subject) if prev_subject and not self.places.get("fixed") else None
        if place is None or place.level != "city" or self.places.get("市") == place.name:
            return self.places
        return {**self.places, "市": place.name}

    def _members_of_a_set(self) -> str:
        """312户规模以上工业企业中，有218户实现产值增长: the members of a set that do
        something, as 实现产值增长的规模以上工业企业 (the set's size is its own claim)."""
        ntext, cand = self.norm.text, self.cand
        if cand.kind != "count":
            return ""
        whole = _SET_AFTER.match(ntext, cand.end, min(self.s_end, cand.end + 24))
        if whole:
            return whole["set"]                 # the set's size: 规模以上工业企业
        m = _SET_OF.search(ntext, max(self.s_start, cand.start - 40), cand.start)
        size = next((c for c in reversed(self.sentence_claims) if c.norm_end == m.start()), None) if m else None
        if size is None:
            return ""
        doing = _PUNCT_SPLIT.split(ntext[cand.end:min(self.s_end, cand.end + 24)], maxsplit=1)[0]
        doing = _CLASSIFIER_LEFT.sub("", doing)      # 34个行业增加值保持同比增长: not the classifier
        return f"{doing}的{m['set']}" if 2 <= len(doing) <= 16 else ""

    def _measure_before(self, catalogued: bool = False) -> str:
        """The indicator of the nearest earlier claim of the same kind, in this sentence, the one
        before or, past a paragraph break, the last few of the text (not a gap with a yardstick):
        what an elliptical rate or list is of; with `catalogued`, one the indicator catalogue knows."""
        earlier = [*self.recent, *self.before, *self.sentence_claims]
        if catalogued:
            from .indicators import indicator_id_of
            earlier = [c for c in earlier if indicator_id_of(c.indicator, c.unit, c.kind)]
        return next((c.indicator for c in reversed(earlier) if c.kind == self.cand.kind and c.indicator
                     and not _GAP.match(c.indicator) and not _ELLIPTICAL.fullmatch(c.indicator)), "")

    def _member_indicator(self) -> str:
        """分别 lists: the k-th number after 分别 belongs to the k-th item named
        before it (新能源汽车、工业机器人产量分别增长40.2%、18%) or to the k-th
        amount of the list before (增值税12.8亿元、…，同比分别增长210.8%、…)."""
        ntext, cand = self.norm.text, self.cand
        at = _rfind_respectively(ntext, max(self.s_start, cand.start - 40), cand.start)
        if at < 0:
            return ""
        k = sum(1 for c in self.sentence_claims if at < c.norm_start < cand.start)
        members = _list_length(ntext, at, self.s_end)
        if members and k >= members:
            return ""           # …分别增长18.6%和8.3%，粮油类增长9.6%: past the list, a clause of its own
        last_mark = LAST_CLAUSE_MARK.search(ntext, self.s_start, at)
        clause_start = last_mark.end() if last_mark else self.s_start
        head = ntext[clause_start:at]
        items = _list_members(head, members)
        if members >= 2 and len(items) < members:
            # 粮油、食品类，日用品类，饮料类零售额分别增长…: categories whose names hold 、 listed with ，
            marks = [m.end() for m in CLAUSE_MARK.finditer(ntext, self.s_start, at)]
            if len(marks) >= members - 1:
                first = marks[-members] if len(marks) >= members else self.s_start
                pieces = [ntext[a:b - 1 if b != at else b].strip()
                          for a, b in zip([first, *marks[-members + 1:]], [*marks[-members + 1:], at])]
                if all(_CATEGORY.fullmatch(x) for x in pieces[:-1]) and _CATEGORY.match(pieces[-1]):
                    clause_start, head, items = first, ntext[first:at], pieces
        if len(items) == 1:
            # 城乡居民人均可支配收入分别增长5.6%和7.3%: 城乡 hands out 城镇 and 农村
            named = indicator_before(items[0])
            for word, parts in _COLLECTIVE.items():
                if named.startswith(word) and len(named) > len(word) + 1 and k < len(parts) == members:
                    return parts[k] + named[len(word):]
        if len(items) >= 2 and k < len(items) and not any(c.norm_start >= clause_start
                                                            for c in self.sentence_claims if c.norm_start < at):
            if all(_YEAR_ITEM.fullmatch(x.strip()) for x in items[:-1]):
                return indicator_before(items[-1])     # 2022、2023年地区生产总值分别增长…: the years are when
            last_place = _leading_name(items[-1])
            listed, rest = _short_names_listed(head)
            places_listed = bool(listed) or (last_place and all(_leading_name(x) == len(x.strip())
                                                                for x in items[:-1]))
            if not places_listed and all(_ORG_ITEM.fullmatch(x.strip()) for x in items[:-1]) \
                    and _ORG_ITEM.match(items[-1].strip()):
                # 所属甲有限公司、乙有限公司…上半年分别实现营业收入…: companies are whose, the measure is shared
                places_listed, last_place = True, _ORG_ITEM.match(items[-1].strip()).end()
            if places_listed:
                # 诸暨市、上虞区规上工业增加值分别增长…, 新河、庙头、颜集三镇分别实现…: the members are
                # whose, the indicator is shared; after 分别 (分别签约项目26个和21个), or named before the
                # list when they stand alone (…地区生产总值突破700亿元，南陵县、湾沚区分别增长…)
                previous = self.previous
                own = previous.norm_end if previous is not None and previous.norm_start > at else at + 2
                after_fenbie = ntext[own:cand.start]
                tried = ((rest, after_fenbie) if listed
                         else (after_fenbie, _PLACES_COUNTED.sub("", items[-1].strip()[last_place:])))
                named = next((n for n in map(indicator_before, tried) if n), "")
                # (…，郑州、武汉分别增长5.7%和5.6%: the measure the paragraph named last, when none here)
                return named or (previous.indicator if previous is not None else "") or self._measure_before() \
                    or _topic_measure(ntext[max(0, cand.start - TOPIC_REACH):self.s_start], cand.kind)
            shared = indicator_before(items[-1])
            item = indicator_before(items[k]) or items[k].strip()
            last = items[-1].strip()
            written = WHOLE_PLACE.sub("", items[k].strip())    # (全县城镇、农村居民…: 全县 is whose)
            if (k < len(items) - 1 and 2 <= len(item) <= 4 and len(last) > len(item) + 1
                    and item == written and tagging.is_word(item) and tagging.is_word(last[:len(item)])):
                # 城镇、农村居民人均可支配收入: the member stands in for the last one's first word
                named = item + last[len(item):]
                return indicator_before(named) or named
            if k < len(items) - 1 and shared:
                tail = _head_noun(shared)
                if tail and not item.endswith(tail):
                    item += tail            # 新能源汽车 + 产量
            return item if k < len(items) - 1 else shared
        first_member = next((c.norm_start for c in self.sentence_claims if c.norm_start > at), cand.start)
        if indicator_before(ntext[at + 2:first_member]):
            return ""               # …；分别实现利润总额1.82亿元、…: the 分别 clause names its own measure
        listed = [c for c in self.sentence_claims if c.norm_end <= at]
        run: list[Claim] = []
        for c in reversed(listed):
            if run and CLAUSE_MARK.search(ntext, c.norm_end, run[0].norm_start):
                break                       # the list ends at a clause mark
            run.insert(0, c)
        if len(run) >= 2 and k < len(run):
            return run[k].indicator
        if members >= 2 and len(listed) >= members and k < members:
            # 短期贷款余额1126.4亿元，中长期贷款余额3518.9亿元，分别增长7.2%和12.4%: one amount
            # per clause right before the 分别 clause, as many as it hands out
            chain = listed[-members:]
            gaps = [ntext[a.norm_end:b.norm_start] for a, b in zip(chain, chain[1:])]
            if (ntext[chain[-1].norm_end:at].strip() in ("，", ",", "；", ";")
                    and all(len(CLAUSE_MARK.findall(g)) == 1 for g in gaps)
                    and all(c.indicator for c in chain) and len({c.indicator for c in chain}) == members):
                return chain[k].indicator
        return ""

    def claim(self) -> tuple[Claim, bool]:
        norm, cand, ctx = self.norm, self.cand, self.ctx
        bound, qualifier = bound_of(ctx, cand)
        measure, direction = self.measure_direction
        period = self.period()
        status, opens_frame = self.status(period)
        pub = self.dtime.published
        if status == "target" and pub and _FROM_LEVEL.search(ctx.clause_before) \
                and _CHANGE_TO.match(norm.text, cand.end):
            # 明年投产后，年产能将由12GWh提升到20GWh: the level it starts from is today's
            status, period = "actual", pub.isoformat()
        if status == "target" and self.period_why in ("document", "paragraph") and len(period) > 4 \
                and "/" in period and period[:4] == period[8:12]:
            period = period[:4]     # a plan in a quarter's analysis is the year's: 计划播种面积…
        subject = self.subject()
        if "(" in subject:
            # the name as written: normalising folded 华芯半导体（无锡）有限公司's brackets
            written = subject.replace("(", "（").replace(")", "）")
            subject = written if written in self.norm.original else subject
        indicator = self.indicator(subject)
        if measure == "level" and cand.kind == "percent" and _SHARE_RATE.search(indicator) \
                and not _RATIO.search(indicator):
            measure = "share"       # 城镇化率, 就业率, 满意度: the part of a whole; 负债率, 利润率 stay ratios
        kind, unit, currency = cand.kind, cand.unit, cand.currency
        if unit == "指数" and "价格" in indicator:
            # a price index counts from the year before: the same months of it, or the whole year
            stated = _INDEX_BASE.match(norm.text, cand.end)
            unit = (f"指数({stated['base']}=100)" if stated
                    else "指数(上年=100)" if len(period) == 4 else "指数(上年同期=100)")
        if kind == "quantity" and not unit and cand.multiplier >= 10000 and _MONEY_WORDS.search(indicator):
            kind, unit, currency = "money", "元", "CNY"     # 实现营收210亿, 发放贷款800亿
        if kind == "money" and norm.text.endswith("块", cand.start, cand.end) and _PIECES.search(indicator) \
                and not _MONEY_WORDS.search(indicator) and not _PRICE.search(indicator):
            kind, unit, currency = "count", "块", ""        # 集成电路产量12亿块: pieces; 十块钱 stays money
        start, end = norm.span(cand.start, cand.end)
        claim = Claim(
            doc_id=self.doc_id, start=start, end=end, text=norm.original[start:end],
            value=cand.value, multiplier=cand.multiplier, value_normalized=cand.value_normalized,
            value_high=cand.value_high, unit=unit, kind=kind, rule=cand.rule,
            currency=currency, sentence=self.source_sentence, measure=measure,
            status=status, direction=direction, bound=bound, qualifier=qualifier, indicator=indicator,
            subject=subject, period=period, published=pub.isoformat() if pub else "",
            norm_start=cand.start, norm_end=cand.end, claim_id=claim_id(self.doc_id, start, end),
            why=self.why(), article=self.article)
        return claim, opens_frame

    def why(self) -> str:
        """period=…; subject=…; frame=…: the scopes that decided."""
        parts = [f"period={self.period_why or 'none'}", f"subject={self.subject_why or 'none'}"]
        if getattr(self, "frame_why", ""):
            parts.append(f"frame={self.frame_why}")
        return "; ".join(parts)
# What is counted in pieces (块): chips, cells, panels, and the output of them.
_PIECES = regex.compile(r"产量|销量|出货量|产能|产出|芯片|电池|集成电路|组件|面板|晶圆|硅片|显示屏|电路板")
_PRICE = regex.compile(r"价|费|钱")
# A word for several members that 分别 hands out one by one.
_COLLECTIVE = {"城乡": ("城镇", "农村")}
# Indicators that are amounts of money: an amount of them without 元 is yuan.
_MONEY_WORDS = regex.compile(r"收入|营收|利润|税|投资|贷款|存款|产值|增加值|销售额|零售额|消费|支出|资金|金额|总额|"
                             r"融资|财政|预算|生产总值|GDP|资产|负债|成交额|营业额|营业总收入|出口|进口|进出口|市值|资本")
_YEAR_END = regex.compile(r"年末|年底|报告期末|期末")


# Amounts that stand at a date (stocks), and, at a month's or quarter's end, the rates
# read then; a year-end rate (年末城镇调查失业率) is the year's.
_STOCK_AMOUNT = (r"余额|资产|负债|存款|贷款|存栏|人口|户数|股本|库存|存货|应收|保有量|拥有量|拥有|在手|净值|总市值|"
                 r"核心一级资本|资本净额|总额|员工总数|职工总数|充足率|覆盖率|不良贷款率|不良率|拨备率|存贷比")
_YEAR_END_STOCK = regex.compile(_STOCK_AMOUNT)
# and what stands at a year-end the sentence names (年末发电装机容量, 年末公路通车里程), not carried further
_AT_STATED_YEAR_END = regex.compile(_STOCK_AMOUNT + r"|装机|里程")
# The end of the period a report covers: 截至报告期末, 报告期末 (not 报告期内, the period itself).
_REPORT_END = regex.compile(r"报告期末|本报告期末")
# What flows over a span and what stands at a date: 出栏 by 一季度末 is the quarter's, 余额 at 6月末 the day's.
# A set and how many of it: 312户规模以上工业企业中，有218户 / 41个大类行业中有34个 (the size right before the set).
_SET_OF = regex.compile(r"(?<=[\d个户家种项名])(?![个户家种项名])(?P<set>\p{Han}{2,16}?)中[，,]?(?:有|共有)?$")
_SET_AFTER = regex.compile(r"(?P<set>\p{Han}{2,16}?)中[，,]?(?:有|共有)?(?=\d)")
_CLASSIFIER_LEFT = regex.compile(r"^[个户家种项名人]")
_PUNCT_SPLIT = regex.compile(r"[，,。；;：:！？!?\n]")
_SINCE_YEAR_START = regex.compile(r"(?:较|比)(?:上年末|上年底|年初)")
_OF_A_STOCK = regex.compile(_SINCE_YEAR_START.pattern + r"|(?:较|比)(?:上月末|上季末)|占|服务")
# …较年初增长12.3%，高于各项贷款增速2.1个百分点: a gap between the growths of stocks, at their day
_ABOVE_A_RATE = regex.compile(r"(?:高于|低于|快于|慢于)[^，,。；;]{0,12}?(?:增速|增幅)")
_MOVE = regex.compile(r"上涨|下跌|增长|下降|增加|减少")
# 其中，… opening a sentence or paragraph: it breaks down what came before
OF_WHICH = regex.compile(r"[ \t\u3000]{0,4}其中[，,：:]")
_GROWTH_OF_BEFORE = regex.compile(r"(?:同比|比上年同期|较上年同期)?(?:增长|下降|增加|减少)$")
_FLOW = regex.compile(r"出栏|完成|实现|累计|新增|销售|生产|产量|检修|播种|投放|发放|签约|接待|引进")
_STOCK = regex.compile(_STOCK_AMOUNT + r"|价格|率|比重")
_DAILY = regex.compile(r"日均|平均每日")
_ASIDE_IN_INDICATOR = regex.compile(r"[（(][^（）()]{1,20}[)）]")
# how a figure is computed (按可比价格计算, 按可比口径), and what it leaves out (扣除价格因素): not what
_PRICE_BASIS_WORDS = r"按?可比口径(?:计算)?|按?(?:可比价格?|现价|不变价格?)计算"
_DEDUCTION = regex.compile(rf"^(?:扣除[^，,]{{1,14}}?(?:因素|后的|后)|{_PRICE_BASIS_WORDS})")
# A bank's ratios read at a quarter's end (资本充足率, 拨备覆盖率), not over its months.
_QUARTER_END_RATIO = regex.compile(r"充足率|覆盖率|不良贷款率|不良率|拨备率|存贷比|杠杆率|流动性比例")
_PRICE_BASIS = regex.compile(rf"(?:{_PRICE_BASIS_WORDS})$")
# Rates that are the part of a whole (a share) and ratios of two amounts (a level).
_SHARE_RATE = regex.compile(r"(?:城镇化|就业|达标|普及|参保|入学|利用|到位|优良|合格|通过|完成|转化|渗透|"
                            r"自给|留存|入园|巩固|出栏|上线|办结|执行|开工|签约|履约|贡献|产品销售|产销|机收|机播|机耕)率"
                            r"|比例|满意度|亏损面|份额|(?:收获|收割|播种|施工|序时)进度")
_RATIO = regex.compile(r"负债率|利润率|毛利率|净利率|收益率|失业率|充足率|拨备覆盖率|增长率|周转率|费用率|杠杆率")
_INDEX_BASE = regex.compile(r"[（(](?:以)?(?P<base>上年同期|上年|上月|去年同期|\d{4}年)(?:=|为)100[)）]")


# The amount a plan is counted on: 以总股本68.75亿股计算 / 为基数.
_COUNTED_ON = regex.compile(r"(?:以|按)(?:公司)?(?:现有|目前|当前|最新)?总股本$")
_BASIS_AFTER = regex.compile(r"(?:为基数|为基础|计算|测算)")
# An amount stated at a date already past, inside a plan's sentence: 拟以截至…的总股本.
_AT_A_PAST_DATE = regex.compile(r"截至[^，。；,;]{2,14}的[^，。；,;]{0,12}$")
# A time followed by these dates only the amount right after it: 截至9月30日的总股本…,
# 上年同期为1.05元…
_DATES_NEXT_ONLY = regex.compile(r"的|同期(?:为|是)|(?:为|是)(?=\d)")
# 2015和2016年, 2022、2023年: years listed before one 年 (a 分别 hands them out).
_LISTED_YEARS = regex.compile(r"(?<!\d)(?:(?:19|20)\d{2}年?[、和及与]){1,8}(?:19|20)\d{2}年")
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_YEAR_ITEM = regex.compile(r"(?:19|20)\d{2}年?")
# 上年同期为14.5亿元, 采矿业上年同期亏损15.9亿元 (not 比上年增加…): the base's own figure
_BASE_STATED = regex.compile(r"(?:^|[,，;；]|(?<![比较与同])(?<=\p{Han}))(?P<base>上年同期|去年同期|上年|去年)"
                             r"(?:为|是|实现|达到?|仅为?|亏损|盈利|(?<=由(?:上年同期|去年同期|上年|去年))的)$")
_AVERAGE_OVER = regex.compile(r"(?P<n>[两二三四五2-5])年(?:平均|年均)")
_RATE_TAIL = regex.compile(r"(?:比|较)?(?:同期|上年同期|上年|去年)?(?:增速|增幅|涨幅|降幅|增长率|增长速度).{0,12}$")
_COMPARED_WITH = regex.compile(r"(?:比|较|同)(?:同期|上年同期|去年同期|上年|去年|上月|年初)$")


def _list_length(text: str, at: int, end: int) -> int:
    """How many numbers the 分别 at `at` hands out: 分别为6902.4亿元、4212.7亿元 -> 2."""
    stop = CLAUSE_MARK.search(text, at, end)
    span = text[at:stop.start() if stop else end]
    return sum(1 for x in _LIST_SEP.split(span) if _DIGIT.search(x))


_LIST_SEP = re.compile(r"[、和与及]|以及")
_DIGIT = re.compile(r"\d|第[一二三四五六七八九十]")
# 分别 and the words that hand out a list the same way: 分列第一、第二位, 分居, 依次为.
_RESPECTIVELY = regex.compile(r"分别|分列|分居|依次")


def _rfind_respectively(text: str, lo: int, hi: int) -> int:
    """Where the last 分别 (分列, 分居, 依次) in text[lo:hi] starts, or -1."""
    at = -1
    for m in _RESPECTIVELY.finditer(text, lo, hi):
        at = m.start()
    return at


_DAYS_OF_EVENT = regex.compile(r"[（(]\d{1,2}月\d{1,2}日[至到—\-~～](?:\d{1,2}月)?\d{1,2}日[）)]")
_MONTHS_OF_EVENT = regex.compile(r"[（(]\d{1,2}月?[至到—\-~～]\d{1,2}月份?[）)]")


def _closed_aside(text: str, s_start: int, pos: int, until: int) -> bool:
    """Whether `pos` sits in brackets that close before `until`: a time
    named in an aside dates only the aside."""
    opened = max(text.rfind("（", s_start, pos), text.rfind("(", s_start, pos))
    if opened < 0 or max(text.rfind("）", opened, pos), text.rfind(")", opened, pos)) >= 0:
        return False
    if opened == pos - 1 and (_DAYS_OF_EVENT.match(text, opened) or _MONTHS_OF_EVENT.match(text, opened)
                              and scope.EVENT_BEFORE.search(text, max(0, opened - 8), opened + 1)):
        return False        # 国庆假期（10月1日至7日），…, 暑期（7—8月）: the days the event named before it spans
    return max(text.find("）", pos, until), text.find(")", pos, until)) >= 0


def _head_noun(phrase: str) -> str:
    """The last word of a noun phrase: 工业机器人产量 -> 产量."""
    words = [w for w in tagging.words(phrase) if w.strip()]
    return words[-1] if len(words) > 1 and len(words[-1]) >= 2 else ""


# Companies listed (所属甲有限公司、乙有限公司), and a number of them taken up again (四家子公司).
_ORG_ENDS = ("公司", "集团", "银行")
_ORG_ITEM = regex.compile(r"(?:所属|旗下|下属|其中)?" + ORG_NAME)
_ORGS_TAKEN_UP = regex.compile(r"[两二三四五六七八九十]家(?:子公司|公司|企业|银行|单位)")
# 两市, 三地, 两省: places named in earlier clauses, taken up by a 分别 list.
_PLACES_TAKEN_UP = regex.compile(r"[两二三四五六七八九十]个?(?:市|省|县|区|地|国|城)")
_PLAN_SHARE_NAMES = ("预算比例", "计划比例", "目标比例", "任务比例")
_SHARE_OF_PLAN = regex.compile(r"完成(?:调整|年度|全年)?(?:预算|计划|目标|任务)的$")
_PLAN_VERB = regex.compile(r"拟|预计|计划|力争|争取|预期")
_DONE = regex.compile(r"实际|已经|已|完成了|实现了")
# (五年累计完成投资21.3万亿元 after 2023年迈上…: the span's too)
_SHARE_OF = regex.compile(r"占[^，,。；;]{0,16}的?(?:比重|比例)?$")
_ANNUAL_AVERAGE = regex.compile(r"年均|年平均|平均每年|[两三四五十\d]年(?:累计|来|间)")
# A sentence that breaks down the one before: 其中，10月当月增长7.4%.
# The verb and league of a rank: 居全省11个设区市第 (up to the rank's numeral).
_RANK_LEAGUE = regex.compile(r"(?:分别居|分列|分居|位居|位列|稳居|跃居|居于|(?<!分)居|(?<!分)列|排名|排在|排|位于)"
                             r"[^，,。；;]{0,24}$")
# A category of goods (粮油、食品类, 体育、娱乐用品类): what 分别 hands a figure to, in NBS releases.
_CATEGORY = regex.compile(r"[\p{Han}、]{1,20}?类")
# 以6.2%的增速: a rate named after its number.
_RATE_AFTER = regex.compile(r"的(?P<rate>增速|增幅|涨幅|增长速度)")
# 3月份当月增长8.6%: the month alone, of the measure the sentence before named.
_MONTH_ALONE = regex.compile(r"[ \t\u3000]{0,4}(?:\d{1,2}月份?)?当月")
# The league written before the rank's verb: CPI同比涨幅在全区5个地级市中居第2位.
_LEAGUE_IN = regex.compile(r"(?:在|于)[^，,。；;]{1,24}?(?:之中|当中|中)$")
# 分市州看，从环比看，按地区分: how the breakdown that follows is cut, not what is measured
_BREAKDOWN_LEAD = regex.compile(r"(?:分|从|按)[\p{Han}]{1,8}?(?:看|来看|分)")
_BREAKDOWN = regex.compile(rf"[ \t\u3000]{{0,4}}(?:其中[，,：:]?|{_BREAKDOWN_LEAD.pattern}[，,：:])")
# What a product is measured by (产量, 播种面积): alone, a clause's indicator names no product.
_PRODUCT_MEASURES = ("总产量", "产量", "总产值", "产值", "单产", "播种面积", "种植面积", "面积", "出栏", "存栏",
                     "销量", "销售额", "出口额", "出口量")
# 增速, 同期增速高, 比上年增速: a rate of change whose indicator was named before.
_ELLIPTICAL = regex.compile(r"(?:比|较)?(?:同期|上年同期|上年|去年|[\d]{4}年全年|全年)?"
                            r"(?:增速|增幅|涨幅|降幅|增长率|增长速度)(?:高|低|提高|加快|回落|放缓|下降)?"
                            r"|总量|总数|总规模|规模|年均")   # (…达到1.2万亿元、年均增长8%: of what was named)
# The gap to another place: 与苏州的差距缩小至…, 同南京的差距为…
_GAP_WITH = regex.compile(r"(?:与|同|和)(?P<other>\p{Han}{2,8}?)的?(?:差距|差额)[^，,。；;]{0,6}$")
# A gap with a yardstick: 高于全国同期, 快于全省.
_GAP = regex.compile(r"(?:高于|低于|快于|慢于|超过|领先|超序时|落后于序时)")   # (超序时进度0.9个百分点: against the calendar)
_CALENDAR_GAP = regex.compile(r"(?:超|快于|慢于|落后于)序时")


# 以1236.9亿元居第七, 以4386.5亿元继续领跑全省: a figure that ranks its subject
_RANKED_AFTER = regex.compile(r"(?:的(?:总量|规模|成绩))?(?:继续|再次|稳|仍|首次|排名)?"
                              rf"(?:{lexicon.alternation(lexicon.cues()['measure']['rank'])}|领跑|领先|跻身|排在)")
_BARE_VERB = regex.compile(r"(?:实现|完成|达到)$")
_BARE_SHARE = regex.compile(r"\s{0,2}(?:占|占比|占比为|占比达)\s{0,2}")
_BARE_CHANGE = regex.compile(r"(?:同比|比上年|分别)?(?:增长|下降|增|降)")
TOPIC_REACH = 600       # characters before a claim in which the measure under discussion is named


def _topic_measure(before: str, kind: str) -> str:
    """The catalogue's indicator named last in `before` that a claim of `kind` can be a value of
    (…上半年地区生产总值（GDP）全部揭晓。…唐山市以4386.5亿元… -> 地区生产总值)."""
    if kind == "rank":
        return ""           # (a rank of what the text last measured is a guess: 前二十强城市中…分别居第8位)
    from .indicators import catalogue      # (here: it loads numpy, which a claim without this case never needs)
    cat = catalogue()
    best: tuple[int, int, str] = (-1, 0, "")
    for end, base in cat.alias_finder.iter(before):
        ident = cat.by_base.get(base, {}).get("")
        if ident and kind in cat.indicators[ident].kinds and (end, len(base)) > best[:2]:
            best = (end, len(base), before[end - len(base) + 1:end + 1])
    return best[2]


def _sentence_topic(before: str) -> str:
    """The noun phrase of the nearest earlier clause that has one."""
    clauses = [c for c in CLAUSE_MARK.split(before) if c and not _BREAKDOWN_LEAD.fullmatch(c.strip())]
    for clause in reversed(clauses[-3:]):
        found = indicator_before(clause)
        if found:
            return found
    return ""


def in_brackets(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside a bracket opened since `start`: （2015和2016年同期…"""
    # the last bracket opened since `start` is the only one that can still be open
    for opening, closing in (("（", "）"), ("(", ")")):
        at = text.rfind(opening, start, pos)
        if at >= 0 and text.find(closing, at + 1, pos) < 0 and (
                pos - at - 1 <= 80 or pos - at - 1 == 81 and text[pos - 1] == "\n"):
            return True
    return False
