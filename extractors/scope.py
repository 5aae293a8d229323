"""A document as a tree of scopes, parsed once: document -> section (with its
heading) -> paragraph -> list item.  Each scope states only what it says
itself (a reference time, a review-or-plan frame, a subject) and inherits the
rest from its parents; the meaning components read a claim's fields from the
chain of scopes around it (`Scope.inherited`), and keep the scope that
decided as the reason.

The document scope also knows the document's own time, read from the text
when no sidecar or metadata gives it: a work report's date line
(`——2019年3月5日在…`), a publication line (`2023年07月15日 09:30`,
`时间：2026-02-12`), a dateline (`新华社北京3月6日电`), a release's or
bulletin's title period (`2021年1—11月份…`), and as a last resort the latest
year the text reports on.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

import regex

from .periods import (TimeExpression, find_time_expressions, is_comparison_base, names_event, starts_after,
                      strictly_inside)
from .segment import BYLINE as BYLINE_AT

# Lines read for the title and the document's own date.
HEAD_LINES = 12
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
# ——2019年3月5日在第十三届全国人民代表大会第二次会议上
REPORT_DATE = regex.compile(rf"——\s{{0,2}}(?P<y>{YEAR})\s{{0,2}}年\s{{0,2}}(?P<m>1[0-2]|0?[1-9])\s{{0,2}}月"
                            rf"\s{{0,2}}(?P<d>3[01]|[12]\d|0?[1-9])\s{{0,2}}日")
# A line that is only a date and time: 2023年07月15日 09:30, 时间：2026-02-12, 发布时间: 2023/7/15,
# 来源：某某厅　　发布日期：2026年11月20日 (normalize drops the spaces between the fields),
# 发布时间：2026-10-16 10:25　　浏览次数：2048
PUBLICATION_LINE = regex.compile(
    rf"^[ \t\u3000]{{0,4}}(?:(?:来源|作者|编辑|稿源)[:：][^\n\d]{{1,30}}?[ \t\u3000]{{0,4}})?"
    rf"(?:(?:发布|更新|发稿|出版)?(?:时间|日期)[:：][ \t\u3000]{{0,3}})?"
    rf"(?P<y>{YEAR})[-/.年](?P<m>1[0-2]|0?[1-9])[-/.月](?P<d>3[01]|[12]\d|0?[1-9])日?"
    rf"(?:[ \t\u3000]{{0,3}}(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?)?"
    rf"(?:[ \t\u3000]{{1,3}}(?:星期|周)[一二三四五六日天])?"
    rf"(?:[ \t\u3000]{{0,4}}(?:来源|作者|编辑|浏览次数|浏览量|阅读量|点击量|点击数|字号)[:：][^\n]{{0,30}}){{0,3}}"
    rf"[ \t\u3000]{{0,4}}$", regex.MULTILINE)
# A newspaper's page header: 某某日报　2025年12月5日　星期五　A02: when it was printed, no title period
PAGE_HEADER = regex.compile(rf"(?P<y>{YEAR})\s{{0,2}}年\s{{0,2}}(?P<m>1[0-2]|0?[1-9])\s{{0,2}}月\s{{0,2}}(?P<d>3[01]|[12]\d|0?[1-9])"
                            rf"\s{{0,2}}日[ \t\u3000]{{0,4}}(?:星期|周)[一二三四五六日天]")
# 新华社北京3月6日电, 本报讯 ... 中新社成都7月20日电, 本网北京12月11日讯
DATELINE = regex.compile(r"(?:新华社|中新社|中新网|本报|本网|本台|人民网|央视网|新华网)[\p{Han}]{0,8}?"
                         r"(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日(?:电|讯)")
# A byline is no title: ■ 本报记者 曹天伟, 本报讯（记者…）
BYLINE = regex.compile(r"^[■□●▲◆★\s]{0,3}(?:本报记者|记者|本报讯|通讯员|特约记者)")
MAX_TITLE_CHARS = 80
TITLE_PREFIX = regex.compile(r"^[ \t\u3000]{0,4}(?:原标题|标题|题目)[:：][ \t\u3000]{0,2}")
WORK_REPORT = regex.compile(r"政府工作报告")
# Titles of statistical releases: they report on the period in the title.
STATISTICAL_TITLE = regex.compile(r"统计公报|统计年鉴|国民经济|经济运行|运行情况|主要指标|统计数据|统计局|规模以上|"
                                  r"工业企业利润|数据解读|经济形势")
BULLETIN = regex.compile(r"统计公报|统计年鉴|年度报告|年报")

# Numbered headings: 一、 （一） 第一部分 1. — short lines that open a section.
HEADING_NUMBER = regex.compile(
    r"^[ \t\u3000]{0,4}(?:(?P<l1>[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}(?:部分|章|篇))"
    r"|(?P<l2>[（(][一二三四五六七八九十]{1,3}[)）])"
    r"|(?P<l3>\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]))")
MAX_HEADING_CHARS = 40
REVIEW_HEADING = regex.compile(r"回顾|成绩|成效|进展|完成情况|执行情况|运行情况|基本情况|基本特点|主要特点|总体情况|取得")
PLAN_HEADING = regex.compile(r"目标|任务|计划|安排|重点工作|总体要求|建议|思路|打算|展望|部署|举措|措施")
# A paragraph ending in a colon that opens a list of targets.
TARGET_LIST_INTRO = regex.compile(r"(?:目标|指标|任务)(?:是|为|如下|主要有|包括)?[:：]$|预期目标[^。！？\n]{0,12}[:：]$")
LIST_ITEM_START = regex.compile(r"^[ \t\u3000]{0,4}(?:[—\-·•●■◆]|\d{1,2}[、.．)）](?!\d)|[（(]\d{1,2}[)）]"
                                r"|[一二三四五六七八九十]{1,2}是|[（(][一二三四五六七八九十]{1,2}[)）])")
MAX_LIST_ITEM_CHARS = 120
# A line that introduces the items of work after it (each 一是…): 重点抓好五个方面工作。
WORK_LIST_INTRO = regex.compile(r"(?:抓好|做好|抓实|推进|突出)[^。！？\n]{0,12}(?:方面|项|件)?(?:工作|重点|大事)[。：:]?$"
                                r"|以下(?:几个方面|几项|工作)[^。！？\n]{0,6}[。：:]?$")


@dataclass(slots=True)
class Scope:
    """One node of the scope tree; offsets index the normalised text."""
    kind: str                          # document, section, paragraph, item
    start: int
    end: int
    parent: Scope | None = None
    heading: str = ""
    period: str = ""                   # the reference time this scope states
    frame: str = ""                    # "review" or "plan"
    subject: str = ""
    level: int = 0                     # heading level of a section
    why: dict[str, str] = field(default_factory=dict)

    def chain(self):
        scope = self
        while scope is not None:
            yield scope
            scope = scope.parent

    def inherited(self, name: str) -> tuple[str, Scope | None]:
        """The nearest value of `name` stated by this scope or an ancestor."""
        for scope in self.chain():
            value = getattr(scope, name)
            if value:
                return value, scope
        return "", None


@dataclass(slots=True)
class DocumentTime:
    title: str = ""
    published: dt.date | None = None     # the date the document was written or published
    reference: dt.date | None = None     # the date relative words count from
    period: str = ""                     # the period the document reports on (title of a release)
    genre: str = ""                      # work_report, bulletin, or ""
    why: str = ""
    guessed: bool = False                # reference is only the latest year named
    rejected: list = field(default_factory=list)   # numbers ruled out, with the reason
    head: list = field(default_factory=list)       # the lines under the title (a report's date line names its place)
    skipped: list = field(default_factory=list)    # (offset, reason) of text the rules did not read


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _head_lines(text: str) -> list[str]:
    lines = []
    for line in text[:3000].split("\n"):
        if line.strip():
            lines.append(line.strip())
        if len(lines) >= HEAD_LINES:
            break
    return lines


SIGNED_DATE = regex.compile(rf"[ \t\u3000]{{0,4}}(?P<y>{YEAR})\s{{0,2}}年\s{{0,2}}(?P<m>1[0-2]|0?[1-9])\s{{0,2}}月"
                            rf"\s{{0,2}}(?P<d>3[01]|[12]\d|0?[1-9])\s{{0,2}}日[ \t\u3000]{{0,4}}")


def _tail_lines(text: str, n: int = 3) -> list[str]:
    """The last `n` non-empty lines, last first."""
    lines = [ln.strip() for ln in text[-600:].split("\n") if ln.strip()]
    return lines[::-1][:n]


def _period_end(period: str) -> dt.date | None:
    """Last day of an ISO period: 2021-01/2021-11 -> 2021-11-30."""
    end = period.split("/")[-1]
    try:
        if len(end) == 4:
            return dt.date(int(end), 12, 31)
        if len(end) == 7:
            y, m = int(end[:4]), int(end[5:7])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(end)
    except ValueError:
        return None


def document_time(text: str, published: dt.date | None = None, original: str | None = None) -> DocumentTime:
    """The document's title and own time, from the normalised `text`; its
    first and last lines are read from the `original` when given (the
    normaliser joins a short publication line to the next one). `published`
    (a sidecar's or the metadata's date) wins over what the text says."""
    if original is not None:
        from .normalize import normalize
        lines = [normalize(line).text for line in _head_lines(original)]
        tail = [normalize(line).text for line in _tail_lines(original)]
    else:
        lines, tail = _head_lines(text), _tail_lines(text)
    out = DocumentTime()
    out.head = [line for line in lines[1:4] if len(line) <= 60]
    cache: list[str] = []

    def latest() -> str:        # the latest year the text reports on, read once
        if not cache:
            cache.append(_latest_reported_year(text))
        return cache[0]
    for line in lines:
        if PUBLICATION_LINE.match(line) or REPORT_DATE.match(line) or BYLINE.match(line):
            continue
        if len(line) <= MAX_TITLE_CHARS and "。" not in line:
            out.title = TITLE_PREFIX.sub("", line)
        break                               # a page that opens with its body has no title line
    head = "\n".join(lines)
    # the genre is what the title says (a body that mentions 年报 is no bulletin)
    title_lines = "\n".join(lines[:2])
    out.genre = "work_report" if WORK_REPORT.search(title_lines) else (
        "bulletin" if BULLETIN.search(out.title) else "")
    stated, why = None, ""
    m = REPORT_DATE.search(head)
    if m:
        stated, why = _date(m["y"], m["m"], m["d"]), "report date line"
    if stated is None:
        m = PUBLICATION_LINE.search(head)
        if m:
            stated, why = _date(m["y"], m["m"], m["d"]), "publication line"
    if stated is None:
        m = next((h for h in map(PAGE_HEADER.search, lines[:3]) if h), None)
        if m:
            stated, why = _date(m["y"], m["m"], m["d"]), "page header"
    # The title's own period: 2021年1—11月份全国…, 2023年上半年…, 2022年…统计公报
    title_period = ""
    yearless = ""                           # a title's time that names no year (1—10月…): read once dated
    for line in lines[:3]:
        titled = TITLE_PREFIX.match(line)
        line = TITLE_PREFIX.sub("", line)
        if REPORT_DATE.match(line) or PUBLICATION_LINE.match(line) or PAGE_HEADER.search(line):
            continue
        if not titled and ("。" in line or len(line) > MAX_HEADING_CHARS * 2):
            break                           # body text: the title lines are over
        named = find_time_expressions(line, None)
        found = [t for t in named if t.period and t.kind != "baseline"]
        if found:
            title_period = found[0].period
            break
        if named and not yearless and any(not t.period for t in named):
            yearless = line
    if stated is None:
        # a notice or report signed at its end: …人民政府\n2023年7月15日
        for line in tail:
            m = SIGNED_DATE.fullmatch(line)
            if m:
                stated, why = _date(m["y"], m["m"], m["d"]), "date under the signature"
                break
    if stated is None and published is None:
        m = DATELINE.search(text[:2000])
        year = title_period[:4] if title_period else latest()
        if m and year:
            stated, why = _date(year, m["m"], m["d"]), "dateline"
    out.published = published or stated
    if published is not None:
        why = "sidecar or metadata"
    if not title_period and yearless and out.published and not any(map(PAGE_HEADER.search, lines[:3])):
        # 全省重点项目1—10月完成投资… over 发布时间：2026-11-12: the months of that year (not a page's
        # headline under its page header: the page holds other stories)
        title_period = next((t.period for t in find_time_expressions(yearless, out.published)
                             if t.period and t.kind in ("range", "month")), "")
    out.period = title_period
    # Relative words count from the document's date; a bulletin or release
    # published after the period it covers counts from the end of that period.
    ref = out.published
    if title_period:
        end = _period_end(title_period)
        # a bulletin or a bureau's release counts from the end of the period it covers; a
        # dated news story (海州银行2023年营收…, printed 2024-03-29) from its own date
        counts_from_period = out.genre == "bulletin" or STATISTICAL_TITLE.search(out.title)
        if end and (ref is None or (counts_from_period and end < ref)):
            ref, why = end, why or "title period"
    if ref is None:
        year = latest()
        if year:
            ref, why = dt.date(int(year), 12, 31), "latest year the text reports on"
            out.guessed = True
    out.reference = ref
    out.why = why
    return out


_EXPLICIT_YEAR = regex.compile(rf"(?<![\d.])(?P<y>{YEAR})\s{{0,2}}年(?![\d]{{0,2}}(?:月|以前|前))")
_DEADLINE_BEFORE = regex.compile(r"(?:到|至|力争|争取|计划|预计|预期|目标|规划)[\p{Han}]{0,2}$")


def _latest_reported_year(text: str) -> str:
    """The latest year named in the text that is not a deadline (到2035年)."""
    years = []
    for m in _EXPLICIT_YEAR.finditer(text, 0, min(len(text), 200000)):
        if _DEADLINE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        years.append(m["y"])
    return max(years) if years else ""


@dataclass(slots=True)
class ScopeTree:
    document: Scope
    time: DocumentTime
    paragraphs: list[Scope]
    starts: list[int]

    def at(self, pos: int) -> Scope:
        """The innermost scope (paragraph or list item) holding `pos`."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return self.document
        return self.paragraphs[i]


def _heading_level(line: str) -> int:
    if len(line) > MAX_HEADING_CHARS:
        return 0
    m = HEADING_NUMBER.match(line)
    if not m:
        return 0
    return 1 if m["l1"] else 2 if m["l2"] else 3


def _frame_of(heading: str) -> str:
    if PLAN_HEADING.search(heading):
        return "plan"
    if REVIEW_HEADING.search(heading):
        return "review"
    return ""


def _first_period(text: str, ref: dt.date | None) -> str:
    for t in find_time_expressions(text, ref):
        if t.period and t.kind not in ("baseline", "duration_ref"):
            return t.period
    return ""


# Time words whose year is the one under discussion, not the publication's:
# 这一年 after a paragraph about 2025 is 2025.
TOPIC_YEAR_WORDS = regex.compile(r"^(?:全年|本年|当年|本年度|这一年|年末|年底|年初|年中|全年末|这(?P<n>[两二三四五])年)$")
_CN_SMALL = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# How far into a paragraph a time may start and still open it: 各位代表！过去五年，…
OPENING_REACH = 6
# What may stand before a paragraph's opening time: nothing, an address (各位代表！)
# or a subject (成都上半年…), never a verb or preposition that takes the time (公司拟以截至…)
_OPENS = regex.compile(r"(?:[\p{Han}]{1,5}[！!：:，,]|[\p{Han}]{1,6}(?<![以拟将在于从到至向对按把据为是]))?")


def year_of(period: str) -> str:
    """The year a period ends in: 2024-01/2024-06 -> 2024."""
    return period.split("/")[-1][:4] if period else ""


def topic_period(t: TimeExpression, year: str) -> str:
    """全年 / 这一年 / 这五年 in a scope about `year`: that year, or the N years to it."""
    m = TOPIC_YEAR_WORDS.match(t.text)
    if not m or len(year) != 4:
        return t.period
    n = _CN_SMALL.get(m["n"] or "", 1)
    return year if n == 1 else f"{int(year) - n + 1}/{year}"


def build(text: str, time: DocumentTime, times: list[TimeExpression] = (),
          article_starts: list[int] = ()) -> ScopeTree:
    """The scope tree of a normalised text. Articles of a page (their starts
    in `article_starts`) hold sections; a paragraph that opens with a time
    (过去五年，…; 2022年，…) opens a passage: the paragraphs after it share
    that time until another one opens or the section or article ends."""
    opening = {}
    for t in times:
        if t.period and t.kind != "baseline":
            opening.setdefault(t.start, t)
    opening_starts = sorted(opening)
    doc = Scope("document", 0, len(text), period=time.period,
                why={"period": "title"} if time.period else {})
    paragraphs: list[Scope] = []
    starts: list[int] = []
    open_sections: list[Scope] = []        # the open section at each level
    in_target_list = False
    passage: Scope | None = None
    top = doc                               # the document, or the article a page is at
    next_article = iter(list(article_starts)[1:] + [len(text) + 1])
    article_end = 0 if article_starts else next(next_article)     # 0: the first article opens at once
    for start, end in _lines(text, article_starts):
        raw = text[start:end]
        line = raw.strip()
        if not line:
            continue
        if start >= article_end:
            while start >= article_end:
                article_end = next(next_article)
            top = Scope("article", start, article_end, doc)
            top.period = dominant_period([t for t in times if start <= t.start < article_end
                                          and not names_event(text, t) and not is_comparison_base(text, t)
                                          # (消费券将于12月12日至31日发放: days to come date their plan only)
                                          and not starts_after(t.period, time.published)],
                                         alone=True)   # (its event's day: the dateline)
            holiday = holiday_days(text, line, times, start)
            if holiday:
                top.period, top.why["period"] = holiday, "the holiday the title names"
            elif top.period:
                top.why["period"] = "the period the article names most"
            open_sections, passage, in_target_list = [], None, False
        level = _heading_level(line)
        if level:
            while open_sections and open_sections[-1].level >= level:
                open_sections.pop()
            parent = open_sections[-1] if open_sections else top
            section = Scope("section", start, len(text), parent, heading=line, level=level,
                            period=_first_period(line, time.reference), frame=_frame_of(line))
            section.why = {k: f"heading {line[:20]}" for k in ("period", "frame") if getattr(section, k)}
            open_sections.append(section)
            in_target_list = False
            parent = section
            passage = None
        else:
            parent = open_sections[-1] if open_sections else top
            if passage is not None and passage.parent is parent:
                parent = passage
            lead = len(raw) - len(raw.lstrip())
            k = bisect.bisect_left(opening_starts, start + lead)
            if (k < len(opening_starts) and opening_starts[k] < start + lead + OPENING_REACH
                    and _OPENS.fullmatch(text, start + lead, opening_starts[k])
                    and not PUBLICATION_LINE.match(line)         # 2024年10月30日 09:30: when it was printed
                    # a year or span of years sets a topic (2025年，…; 过去五年，…); a day or some
                    # months (截至9月30日，…; 今年以来，…) date their own paragraph only
                    and len(opened := topic_period(opening[opening_starts[k]], "")) in (4, 9)
                    and not text.startswith(("电", "讯"), opening[opening_starts[k]].end)   # a dateline dates no passage
                    # 2026年春节假期（2月16日至23日），…: the year of a holiday whose days follow
                    and not HOLIDAY_DAYS_AFTER.match(text, opening[opening_starts[k]].end)
                    # (全省重点项目1—10月…: 今年，全省共安排… is the plan's year; the paragraphs after report 1—10月)
                    and not (time.period and strictly_inside(time.period, opened))):
                t = opening[opening_starts[k]]
                section = open_sections[-1] if open_sections else top
                here, _ = (passage or section).inherited("period")
                period = topic_period(t, year_of(here))
                passage = Scope("passage", start, len(text), section, period=period,
                                why={"period": f"opening time {t.text}"})
                parent = passage
            elif passage is None and not top.period and start < top.start + DATELINE_REACH \
                    and (top.kind == "article" or not dominant_period(times)):
                day = _dateline_day(text, start, end, times)
                if day:
                    # 本报讯（记者…）11月18日，…举行: a story that names no span of its own is of its day
                    section = open_sections[-1] if open_sections else top
                    passage = Scope("passage", start, len(text), section, period=day,
                                    why={"period": "the dateline"})
                    parent = passage
        if in_target_list and (LIST_ITEM_START.match(line) or len(line) <= MAX_LIST_ITEM_CHARS) and not level \
                and line.count("。") <= 1:      # (an item is one phrase: two sentences are prose after the list)
            scope = Scope("item", start, end, parent, frame="plan", why={"frame": "item of a list of targets"})
        else:
            in_target_list = False
            scope = Scope("paragraph", start, end, parent)
        if TARGET_LIST_INTRO.search(line):
            in_target_list = True
        intro = WORK_LIST_INTRO.search(line) if passage is not None else None
        if intro:
            # …增长5.8%。围绕上述目标，重点抓好五个方面工作。: the items after it are the section's, not those
            # of the year the passage opened with (2025年，我们做好了以下工作： names its own year)
            lead = len(raw) - len(raw.lstrip())
            opens = start + lead + max(line.rfind(p, 0, intro.start()) for p in "。；;！？") + 1
            if not any(opens <= t.start < end for t in times):
                passage = None
        paragraphs.append(scope)
        starts.append(start)
    return ScopeTree(doc, time, paragraphs, starts)


def _lines(text: str, cuts: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of each line, a line cut where an article starts inside it (a page's
    headline that normalising ran on from the last line of the article before)."""
    out, pos = [], 0
    cuts = sorted(c for c in cuts if c > 0)
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        for cut in cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)]:
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


# How far into an article its dateline may stand (after a headline and a subtitle).
DATELINE_REACH = 160


def _dateline_day(text: str, start: int, end: int, times: list[TimeExpression]) -> str:
    """The day right after a line's byline (本报讯（记者 …）11月18日，), or ""."""
    m = BYLINE_AT.match(text, start, end)
    if not m:
        return ""
    k = bisect.bisect_left(times, m.end(), key=lambda t: t.start)     # times are in text order
    return next((t.period for t in times[k:k + 2] if t.start - m.end() <= 2 and t.kind == "date"
                 and len(t.period) == 10), "")


# Holidays and seasons, and an event or a holiday before the days it spans: 国庆假期（10月1日至7日）
HOLIDAYS = r"假期|黄金周|长假|暑期|暑假|寒假|春运|暑运"
EVENT_BEFORE = regex.compile(rf"(?:{HOLIDAYS}|节|会|展|周)[（(]?$")
# A title about a holiday (国庆假期全省接待游客…, 春节黄金周…) and the days its text gives it
# near the top (2026年国庆假期（10月1日至7日）): the story is of those days.
_HOLIDAY_TITLE = regex.compile(HOLIDAYS)
HOLIDAY_DAYS_REACH = 400


def holiday_days(text: str, title: str, times: list[TimeExpression], start: int = 0) -> str:
    """The days a holiday title's text gives it near its top (from `start`, an article's)."""
    if not title or not _HOLIDAY_TITLE.search(title):
        return ""
    # (its days, 10月1日至7日, or its months, 暑期（7—8月）)
    return next((t.period for t in times if start <= t.start < start + HOLIDAY_DAYS_REACH and t.kind == "range"
                 and len(t.period) in (15, 21) and EVENT_BEFORE.search(text, max(0, t.start - 8), t.start)), "")


HOLIDAY_DAYS_AFTER = regex.compile(rf"\p{{Han}}{{0,6}}?(?:{HOLIDAYS})[（(]")


def dominant_period(times: list[TimeExpression], alone: bool = False) -> str:
    """The period most time expressions of a text name (一季度 in a Q1 analysis); with `alone`,
    also the only span of days it names (an article of a page: 10月1日至7日，该购物中心…)."""
    counts = Counter(t.period for t in times
                     if t.period and t.kind in ("range", "month", "year", "relative"))
    if not counts:
        return ""
    period, n = counts.most_common(1)[0]
    # (alone: a span of days, a holiday or an event, not 今年以来 beside a dateline's day)
    return period if n >= 2 or (alone and len(counts) == 1 and len(period) == 21) else ""
