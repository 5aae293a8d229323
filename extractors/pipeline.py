"""The extraction pipeline: text in, claims with meaning out.

normalize -> tables -> rules (candidates) -> filters (not claims) -> the scope
tree (scope.py) -> per sentence, a Reading per number (reading.py: bound,
measure, status, period, subject, indicator) -> offsets mapped back to the
original text.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field, replace

import regex

from . import filters, scope, tabular
from .attribute import (central_source, home_organisation, home_places, masthead_place, org_aliases, title_place,
                        towns_in)
from .classify import opens_target_frame
from .model import Article, Claim, Document
from .normalize import normalize
from .numbers import parse_number
from .periods import (NOW_WORDS, TimeExpression, end_day, find_time_expressions, names_event, shift_year,
                      is_comparison_base, starts_after,
                      strictly_inside)
from .reading import OF_WHICH, Reading, SentenceNames, in_brackets
from .rules import Candidate, Skipped, find_candidates
from .segment import BYLINE, split_articles, split_sentences

logger = logging.getLogger(__name__)


@dataclass
class ExtractionResult:
    claims: list[Claim]
    document_row: dict
    article_rows: list[dict] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    # (start, end, reason) of the numbers read and ruled out: 十四五 is a name, 2021年 a time
    rejected: list[tuple[int, int, str]] = field(default_factory=list)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"not a date YYYY-MM-DD: {value!r}") from None


def _not_read(skipped: list[tuple[int, str]], shown: int = 3) -> str:
    """documents.csv's one line on text the rules did not read (a run of 5,000
    digits, a time budget spent): the reader of a table should know it is partial."""
    if not skipped:
        return ""
    parts = [f"at {offset}: {reason}" for offset, reason in skipped[:shown]]
    more = f" (and {len(skipped) - shown} more)" if len(skipped) > shown else ""
    return "partly read: " + "; ".join(parts) + more


def extract(text: str, doc_id: str = "x", published: str | dt.date | None = None,
            articles: list[Article] | None = None, fallback_published: str | dt.date | None = None,
            tables: bool = True) -> list[Claim]:
    """Every quantitative claim of `text`, in order, with offsets into `text`.
    `published` is a known date (it wins over the text's own); `fallback_published`
    is used only when neither it nor the text states one.

    >>> [(c.text, str(c.value_normalized), c.unit) for c in extract("合同外资8250万美元。")]
    [('8250万美元', '82500000', '美元')]
    """
    return _extract(text, doc_id, published, articles, fallback_published, tables)[0]


def _extract(text: str, doc_id: str, published, articles, fallback_published, tables: bool = True):
    found = tabular.find_tables(text) if tables and text else []
    # the prose pass reads the text with the tables' rows blanked (same offsets): their
    # cells are read below, and a row label (东城区) is no home place of the document
    prose = _blank(text, found) if found else text
    claims, dtime, home = _extract_prose(prose, doc_id, published, articles, fallback_published)
    if found:
        # each numeric cell is a claim (extractors/tabular.py); prose candidates inside
        # a table's rows are dropped, its caption and notes stay prose
        inside = tabular.in_tables(found)
        ref = dtime.reference
        pub = dtime.published.isoformat() if dtime.published else ""
        cells = tabular.table_claims(text, found, doc_id, ref, doc_year=ref.year if ref else None,
                                     published=pub, default_subject=home)
        if articles is not None:
            cells = _with_articles(cells, articles)
        claims = sorted([c for c in claims if not inside(c.start)] + cells, key=lambda c: c.start)
    return claims, dtime


_NOT_NEWLINE = regex.compile(r"[^\n]")


def _blank(text: str, tables) -> str:
    """`text` with the rows of `tables` turned to spaces, line breaks kept."""
    parts, pos = [], 0
    for t in tables:
        parts.append(text[pos:t.start])
        parts.append(_NOT_NEWLINE.sub(" ", text[t.start:t.end]))
        pos = t.end
    parts.append(text[pos:])
    return "".join(parts)


def _extract_prose(text: str, doc_id: str, published, articles, fallback_published):
    if not text:
        return [], scope.DocumentTime(), ""
    norm = normalize(text)
    ntext = norm.text
    dtime = scope.document_time(ntext, parse_date(published), original=text)
    if dtime.published is None and fallback_published:
        dtime = scope.document_time(ntext, parse_date(fallback_published), original=text)
    ref = dtime.reference
    times = [_event_span(ntext, t) for t in find_time_expressions(ntext, ref)]
    if dtime.guessed:
        # 年初以来 with no date to count to: the period is the document's
        times = [replace(t, period="") if t.text.endswith(("以来", "至今")) else t for t in times]
    starts = [bisect.bisect_left(norm.index, a.start) for a in articles] if articles and len(articles) > 1 else []
    if starts:
        starts[0] = 0       # the first article holds whatever comes before it
    tree = scope.build(ntext, dtime, times, starts)
    single = not articles or len(articles) < 2
    if single and not dtime.period:
        holiday = scope.holiday_days(ntext, dtime.title, times)
        # (较2019年同期, 恢复至2019年同期的: the base a text compares with, however often named)
        dtime.period = holiday or scope.dominant_period([t for t in times if not names_event(ntext, t)
                                                         and not is_comparison_base(ntext, t)])
        tree.document.period = dtime.period
        if dtime.period:
            tree.document.why["period"] = "the holiday the title names" if holiday else "the period the text names most"
    times = [_topic_year(t, tree) for t in times]
    blocked = filters.blocked_spans(ntext)
    in_time = bytearray(len(ntext) + 1)
    for t in times:
        in_time[t.start:t.end] = b"\x01" * (t.end - t.start)
    candidates = []
    rejected = dtime.rejected
    skipped: list[Skipped] = []
    for cand in find_candidates(ntext, skipped):
        reason = filters.reason_not_claim(ntext, cand, blocked)
        if not reason and in_time.find(1, cand.start, cand.end) >= 0:
            reason = "time"             # 2021年, 6月14日: they place claims in time
        if reason:
            start, end = norm.span(cand.start, cand.end)
            rejected.append((start, end, str(reason)))
            continue
        candidates.append(cand)
    dtime.skipped = [(norm.span(k.offset, k.offset + 1)[0], k.reason) for k in skipped]
    places_by_article = _places_by_article(norm, articles, dtime)
    home = places_by_article[0][1].get("primary", "")
    if not candidates:
        return [], dtime, home
    times = sorted(times, key=lambda t: t.start)
    time_starts = [t.start for t in times]
    sentences = split_sentences(ntext)
    towns = towns_in(ntext)
    aliases = org_aliases(ntext)
    article_starts = [a.start for a in articles] if articles else []
    claims: list[Claim] = []
    ci = 0
    frame_target = False
    paragraph = None
    sentence_before: list[Claim] = []
    prev_period = prev_subject = stock_day = event_days = ""
    list_period: str | None = None
    item_paragraph = False
    raw_period = ""             # the last sentence's own period, before the paragraph's span took over
    for s_start, s_end in sentences:
        here = tree.at(s_start)
        if here is not paragraph:
            frame_target = False            # a paragraph ends the frame of 将/要
            # 部分签约项目如下：\n1．…；\n2．…: an item on a line of its own goes on with the list
            numbered = _NUMBERED_ITEM.match(ntext, s_start, s_end) is not None
            goes_on = numbered and (item_paragraph or ntext[max(0, s_start - 3):s_start].rstrip()[-1:] in ("：", ":"))
            item_paragraph = numbered
            if goes_on:             # (each item its own subject: another project, another company)
                prev_period = list_period if list_period is not None else prev_period
                list_period, prev_subject = prev_period, ""
            else:
                if not OF_WHICH.match(ntext, s_start, s_end):
                    prev_period = prev_subject = ""     # (其中，… opening a paragraph breaks the one before down)
                list_period = None
            paragraph = here
            sentence_before = []
        opens_list = False
        if event_days and _EVENT_ANAPHORA.match(ntext, s_start, s_end):
            prev_period = event_days        # 国庆假期（10月1日至7日）…。假期全省…: those days again
        if raw_period and OF_WHICH.match(ntext, s_start, s_end):
            prev_period = raw_period        # 今年…安排重点项目586个。其中，制造业项目312个: the same year
        if _REPORTED_LEAD.match(ntext, s_start, s_end):
            # …将于12月12日至31日发放。据统计，前三轮消费券累计投放3亿元: figures reported after a plan
            frame_target = False
            if starts_after(prev_period, dtime.published):
                prev_period = ""
        if _LIST_ITEM.match(ntext, s_start, s_end):
            # 一是…。到2030年，…。四是…: each item starts from the period the list started in
            if list_period is None:
                list_period, opens_list = prev_period, True
            prev_period = list_period
        in_sentence: list[Candidate] = []
        while ci < len(candidates) and candidates[ci].start < s_end:
            if candidates[ci].start >= s_start:
                in_sentence.append(candidates[ci])
            ci += 1
        # 上年同期, 比上年: comparison bases, not the period a claim is about
        lo, hi = bisect.bisect_left(time_starts, s_start), bisect.bisect_left(time_starts, s_end)
        s_times = times[lo:hi]
        if any(t.kind == "baseline" for t in s_times):
            running = prev_period or paragraph.inherited("period")[0] or dtime.period
            s_times = [_base_opening(ntext, t, running) or t for t in s_times]
        s_times = [t for t in s_times if t.kind != "baseline" and not is_comparison_base(ntext, t)]
        if len(s_times) > 1 and any(names_event(ntext, t) for t in s_times):
            # 9月26日，第三季度重大项目集中签约活动举行，签约项目22个: the event's day
            s_times = [t for t in s_times if not names_event(ntext, t)]
        event_days = next((t.period for t in reversed(s_times) if t.kind == "range" and len(t.period) == 21
                           and scope.EVENT_BEFORE.search(ntext, max(s_start, t.start - 8), t.start)), event_days)
        opens = False
        previous: Claim | None = None
        sentence_period = ""
        sentence_claims: list[Claim] = []
        source_sentence = _source_sentence(norm, s_start, s_end) if in_sentence else ""
        names = SentenceNames(ntext, s_start, s_end, towns, aliases) if in_sentence else None
        for cand in in_sentence:
            places = _places_at(places_by_article, cand.start)
            read = Reading(norm, cand, s_start, s_end, s_times, dtime, frame_target, previous, places,
                            doc_id, prev_period, paragraph, single, sentence_claims, prev_subject,
                            _article_at(articles, article_starts, norm.index[cand.start]))
            read.source_sentence = source_sentence
            read.sentence_names = names
            read.stock_day = stock_day
            read.before = sentence_before
            read.recent = claims[-RECENT_CLAIMS:] if not sentence_before else ()
            claim, opens_frame = read.claim()
            if len(claim.period) == 10 and end_day(claim.period[:7]) == claim.period \
                    and read.period_why == "clause" and read.stock_at_day:
                stock_day = claim.period        # 截至9月末，…余额: later stocks without a time stand there too
            opens = opens or opens_frame
            claims.append(claim)
            sentence_claims.append(claim)
            previous = claim
            if read.subject_why == "sentence":
                prev_subject = claim.subject       # 武汉实现…。固定资产投资增长4.2%: still 武汉
            if not in_brackets(ntext, s_start, cand.start):
                # the sentence's last plain period carries on (an aside, 2015和2016年同期…, sets nothing;
                # nor does a two-year average's span or a stock's day, 6月末)
                sentence_period = read.carried_period or sentence_period
        if sentence_claims:
            sentence_before = sentence_claims
        if in_sentence and len({c.subject for c in sentence_claims if c.subject}) > 1:
            prev_subject = ""               # 诸暨市…，嵊州市增长6.3%。: places compared set no running subject
        if not in_sentence:
            opens = opens_target_frame(ntext[s_start:s_end])
        elif all(c.status == "actual" for c in claims[-len(in_sentence):]):
            opens = False                   # 与2017年计划目标持平: a report that names a plan
        frame_target = frame_target or opens
        # the paragraph's running period: its claims', or a time that opens the sentence (2025年，…)
        byline = BYLINE.match(ntext, s_start, s_end)        # 本报讯（记者 …）12月17日，…
        opens_at = byline.end() if byline else s_start
        lead = _TOPIC_LEAD.match(ntext, opens_at, s_end)      # 盈利能力方面，前三季度…
        opens_at = lead.end() if lead else opens_at
        head_time = next((t.period for t in s_times if t.period and 0 <= t.start - opens_at <= 2
                          and t.text not in NOW_WORDS and not names_event(ntext, t) and t.kind != "base"
                          and not _LEARNED_ON.match(ntext, t.end, s_end)    # 记者12月17日从市统计局获悉，…
                          and not scope.HOLIDAY_DAYS_AFTER.match(ntext, t.end, s_end)     # 2026年春节假期（…）
                          and not (byline and _HAN_BEFORE.search(ntext, opens_at, t.start))), "")
        raw_period = ""
        if sentence_period and not head_time and len(sentence_period) != 21 and (
                strictly_inside(sentence_period, paragraph.inherited("period")[0])
                or strictly_inside(sentence_period, prev_period)):   # (an event's days run on: 假期…)
            # 2025年达到142万辆 in a five-year review, 10月份当月 in a story of 1—10月: a part of
            # the span the paragraph (or its running period) is about dates its own sentence only
            raw_period, sentence_period = sentence_period, ""
        released = next((t.period for t in s_times if t.start > opens_at + 2 and len(t.period) != 10
                         and _RELEASED_BEFORE.search(ntext, max(s_start, t.start - 4), t.start)
                         and _DATA_AFTER.match(ntext, t.end, s_end)), "") if len(head_time) == 10 else ""
        if released:
            head_time = sentence_period = released
        if len(head_time) == 10 and len(prev_period) == 21 and strictly_inside(head_time, prev_period):
            head_time = sentence_period = ""    # 假期里，…。10月3日，景区单日接待…。全县…: back to the holiday
        if len(head_time) == 10 and sentence_period:
            head_time = sentence_period     # 一季度末，全市生猪出栏…: flows up to that day run on as their span
        prev_period = head_time or sentence_period or prev_period
        if opens_list and head_time:
            list_period = head_time         # 2025年，我们抓了三件事：一是…
    claims = _headlines_restated(claims, articles)
    return claims, dtime, home


# A sentence that opens on reported figures: 据统计，…; 数据显示，…
_REPORTED_LEAD = regex.compile(r"(?:据统计|据了解|据测算|据监测|数据显示|统计显示|监测显示)[，,]")


RECENT_CLAIMS = 4   # claims of the paragraphs before that an elliptical rate may be of (以6.2%的增速领跑…)
HEADLINE_REACH = 600      # characters after a headline in which its body restates its figures


def _headlines_restated(claims: list[Claim], articles: list[Article] | None) -> list[Claim]:
    """A figure of an article's headline (28个重大项目集中签约) that its body states
    again takes the body's period when it has none of its own (the headline names
    no time; the page's date is no better), or when the body gives the day within
    the headline's span (四季度集中签约18个项目: 12月3日…签约项目18个, the event's day)."""
    heads = [a for a in articles or () if a.title]
    if not heads:
        return claims
    out = list(claims)
    for k, c in enumerate(out):
        if not any(a.start <= c.start < a.start + len(a.title) + 8 for a in heads):
            continue
        weak = not c.period or "period=document" in c.why or "period=article" in c.why     # no time of its own
        again = None
        for d in out[k + 1:]:
            if d.start - c.start > HEADLINE_REACH:
                break
            if d.period and d.value_normalized == c.value_normalized and d.unit == c.unit:
                again = d
                break
        if again is not None and (weak or len(again.period) == 10 and strictly_inside(again.period, c.period)):
            why = regex.sub(r"period=[^;]{1,60}", "period=restated in the body", c.why)
            out[k] = replace(c, period=again.period, why=why)
    return out


# 9月21日，为期三天的第三十二届中国五金博览会…闭幕: the days the event ran, up to that day (or from it)
_EVENT_SPAN = regex.compile(r"[，,]?为期(?P<days>[二两三四五六七八九十\d]{1,2})天的[^，,。；;]{2,40}?"
                            r"(?P<how>闭幕|落幕|落下帷幕|结束|开幕|启幕|举行|举办)")


def _event_span(text: str, t: TimeExpression) -> TimeExpression:
    if len(t.period) != 10 or "为期" not in text[t.end:t.end + 4]:
        return t
    m = _EVENT_SPAN.match(text, t.end)
    if m is None:
        return t
    days = int(parse_number(m["days"]))
    day = dt.date.fromisoformat(t.period)
    first, last = ((day - dt.timedelta(days=days - 1), day) if m["how"] in ("闭幕", "落幕", "落下帷幕", "结束")
                   else (day, day + dt.timedelta(days=days - 1)))
    return replace(t, period=f"{first.isoformat()}/{last.isoformat()}", kind="range") if days > 1 else t


def _topic_year(t: TimeExpression, tree: scope.ScopeTree) -> TimeExpression:
    """全年 / 这一年 / 这五年 inside a section about one year take that year."""
    if not scope.TOPIC_YEAR_WORDS.match(t.text):
        return t
    year, _ = tree.at(t.start).inherited("period")
    return replace(t, period=scope.topic_period(t, scope.year_of(year)))


def _places_by_article(norm, articles: list[Article] | None,
                       dtime: scope.DocumentTime) -> list[tuple[int, dict[str, str]]]:
    """(normalised start, places the text is about) per article; the
    document's own places fill the levels an article does not name, and a
    place in the document's title is what the whole document is about."""
    paper = masthead_place(norm.text[:80]) or masthead_place(norm.original[:120])   # fields spaced apart
    whole = home_places(norm.text, paper)
    if paper:
        whole = {**whole, "fixed": "masthead"}     # a city paper's 全市 is its city throughout
    titled = title_place(dtime.title) or title_place(" ".join(dtime.head))
    if titled:
        whole = {**whole, **titled}
    if not whole.get("primary") and central_source(norm.text[:300]):
        whole = {**whole, "primary": "全国", "国": "全国"}    # 来源：交通运输部…, naming no place: the nation's
    if not articles or len(articles) < 2:
        return [(0, _with_organisation(whole, norm.text))]
    out = []
    for art in articles:
        start = bisect.bisect_left(norm.index, art.start)
        end = bisect.bisect_left(norm.index, art.end)
        own = home_places(norm.text[start:end], paper)
        places = {**whole, **own, "primary": own.get("primary", whole.get("primary", ""))}
        out.append((start, _with_organisation(places, norm.text[start:end])))
    return out


def _with_organisation(places: dict[str, str], text: str) -> dict[str, str]:
    """A story about one company is about it first: 公司 and its short name are it."""
    org, short = home_organisation(text)
    return {**places, "org": org, "org_short": short, "primary": org} if org else places


def _places_at(places_by_article: list[tuple[int, dict[str, str]]], pos: int) -> dict[str, str]:
    i = bisect.bisect_right([s for s, _ in places_by_article], pos) - 1
    return places_by_article[max(i, 0)][1]


def _source_sentence(norm, start: int, end: int) -> str:
    """The sentence as written (full-width punctuation and traditional
    characters kept), without layout breaks and justification spaces."""
    return _WHITE.sub(" ", "".join(map(norm.original.__getitem__, norm.index[start:end]))).strip()


# Every character str.isspace() holds (tests/test_pipeline.py checks), as one space.
WHITESPACE = "\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_WHITE = re.compile("[" + re.escape(WHITESPACE) + "]")      # re: a scan that finds none is fast


def _base_opening(text: str, t: TimeExpression, running: str) -> TimeExpression | None:
    """上年同期，两市差距为903.3亿元 (去年同期，…): a base that opens its clause is the clause's
    time, the running period a year before; None for any other time."""
    if t.kind != "baseline" or t.text not in ("上年同期", "去年同期") or not running[:4].isdigit() \
            or not text.startswith(("，", ","), t.end) or (t.start and text[t.start - 1] not in "，,；;。\n"):
        return None
    return replace(t, kind="base", period=shift_year(running, -1))


# The day a reporter learned what follows: it dates no figure (记者12月17日从市统计局获悉).
_LEARNED_ON = regex.compile(r"[^，,。；;]{0,20}?(?:获悉|了解到|获知|得知)")
# A sentence's topic before its time: 盈利能力方面，前三季度… (not a breakdown: 分季度看，一季度…, whose
# times date their own clauses)
_TOPIC_LEAD = regex.compile(r"[\p{Han}]{2,10}?方面[，,]")
# 12月12日，国家统计局公布2026年全国粮食产量数据。我省粮食总产量…: the data's period runs on, not the day
_RELEASED_BEFORE = regex.compile(r"(?:公布|发布|通报|披露)了?$")
# (a company's report: 3月30日晚间，…发布2026年年度报告。报告期内，公司实现… is of 2026)
_DATA_AFTER = regex.compile(r"[^，,。；;]{0,16}?(?:数据|情况|统计公报|公报|(?<!半)年度报告|(?<![半季])年报)")
# A sentence that names a holiday or an event again by its kind (假期全省…, 假期期间) is of its days.
_EVENT_ANAPHORA = regex.compile(r"(?:假期|长假|黄金周|节日|节假日|活动|展会)(?:期间|\d{1,2}天|[^，,。]{0,2}全[省市县区国])")
# A sentence that opens an item of a list: 一是…, （二）…, after a lead-in 主要做了以下工作：一是…
_LIST_ITEM = regex.compile(r"(?:[^。：:]{0,30}[：:])?(?:[一二三四五六七八九十]{1,2}是|[（(][一二三四五六七八九十]{1,2}[)）])")
# (not scope.LIST_ITEM_START: its 一是 and bullets are items inside a paragraph, _LIST_ITEM's)
_NUMBERED_ITEM = regex.compile(r"[ \t\u3000]{0,4}(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,2}[)）])")
_HAN_BEFORE = regex.compile(r"\p{Han}")      # 本报讯（…）记者昨日从…获悉: a time after words opens nothing


def _article_at(articles: list[Article] | None, starts: list[int], pos: int) -> str:
    """The title of the article `pos` (an original offset) sits in."""
    if not articles:
        return ""
    i = bisect.bisect_right(starts, pos) - 1
    return articles[i].title if i >= 0 and pos < articles[i].end else ""


def _with_articles(claims: list[Claim], articles: list[Article]) -> list[Claim]:
    """Each claim with the title of the article it sits in."""
    starts = [a.start for a in articles]
    return [replace(c, article=_article_at(articles, starts, c.start)) for c in claims]


def extract_document(doc: Document, published: str | None = None) -> ExtractionResult:
    """Claims, the documents.csv row and the articles.csv rows of one document.
    `published` is the fallback date for documents that state none (a date
    the sidecar, the metadata or the text itself states wins)."""
    articles = split_articles(doc.text) if doc.text else []
    claims, dtime = _extract(doc.text, doc.doc_id, doc.published or None, articles, published)
    article_rows = []
    for art in articles:
        count = sum(1 for c in claims if art.start <= c.start < art.end)
        article_rows.append({"doc_id": doc.doc_id, "article": art.title, "start": art.start,
                             "end": art.end, "byline": art.byline, "claims": count})
    pub = dtime.published.isoformat() if dtime.published else (doc.published or published or "")
    # a page of several articles is titled by its first headline (its first line is a byline or body)
    headline = next((a.title for a in articles if a.title), "") if len(articles) > 1 else ""
    title = doc.title or headline or dtime.title
    row = {"doc_id": doc.doc_id, "path": doc.path, "title": title, "published": pub,
           "characters": len(doc.text), "claims": len(claims), "format": doc.format,
           "encoding": doc.encoding, "sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
           "error": _not_read(dtime.skipped)}
    return ExtractionResult(claims, row, article_rows, articles, dtime.rejected)
