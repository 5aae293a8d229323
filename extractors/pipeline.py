"""The extraction pipeline: text in, claims with meaning out.

normalize -> rules (candidates) -> filters (not claims) -> classify (bound,
measure, status) -> attribute (indicator, subject, period) -> offsets mapped
back to the original text.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field, replace

import regex

from . import filters, tabular
from .attribute import home_places, indicator_after, indicator_before, subject_of
from .classify import Context, bound_of, measure_of, opens_target_frame, status_of
from .model import Article, Claim, Document
from .normalize import normalize
from .periods import TimeExpression, find_time_expressions
from .rules import Candidate, find_candidates
from .segment import split_articles, split_sentences

logger = logging.getLogger(__name__)

CLAUSE_MARK = regex.compile(r"[,;:，；：]")
# What separates the members of a list of numbers: 8.5%、7.2%和6.1%
LIST_GAP = regex.compile(r"[、,，和及与或]|以及")
# A noun written right after the classifier is what is counted: 35个项目.
_HAN_START = regex.compile(r"^[\p{Han}“]")


@dataclass
class ExtractionResult:
    claims: list[Claim]
    document_row: dict
    article_rows: list[dict] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


def claim_id(doc_id: str, start: int, end: int) -> str:
    """Stable id: the same document and span give the same id.

    >>> claim_id("doc", 1674, 1683)
    '488add0f4e5b'
    """
    return hashlib.sha1(f"{doc_id}\x1f{start}\x1f{end}".encode()).hexdigest()[:12]


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"not a date YYYY-MM-DD: {value!r}") from None


BULLETIN_TITLE = regex.compile(r"(\d{4})年[^\n]{0,30}?(?:统计公报|统计年鉴|年度报告|年报)")


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date relative words (全年, 年末, 今年) count from. A statistical
    bulletin published in 2023 about 2022 says 全年 for 2022: its title year
    wins over the publication date."""
    title = BULLETIN_TITLE.search(text[:300])
    if title:
        year = int(title.group(1))
        if published is None or published.year > year:
            return dt.date(year, 12, 31)
    return published


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


def extract(text: str, doc_id: str = "x", published: str | dt.date | None = None,
            articles: list[Article] | None = None, tables: bool = True) -> list[Claim]:
    """Every quantitative claim of `text`, in order, with offsets into `text`.

    >>> [(c.text, str(c.value_normalized), c.unit) for c in extract("合同外资8250万美元。")]
    [('8250万美元', '82500000', '美元')]
    """
    if not text:
        return []
    # --- tables (issue 9, extractors/tabular.py): each numeric cell is a claim; prose
    # candidates inside a table's rows are dropped, its caption and notes stay prose.
    if tables:
        found = tabular.find_tables(text)
        if found:
            pub = parse_date(published)
            prose = extract(text, doc_id, pub, articles=None, tables=False)
            inside = tabular.in_tables(found)
            ref = reference_date(text, pub)
            cells = tabular.table_claims(text, found, doc_id, ref, doc_year=ref.year if ref else None)
            if pub:
                cells = [replace(c, published=pub.isoformat()) for c in cells]
            merged = sorted([c for c in prose if not inside(c.start)] + cells, key=lambda c: c.start)
            return _with_articles(merged, articles) if articles is not None else merged
    # --- end tables
    pub = parse_date(published)
    norm = normalize(text)
    ntext = norm.text
    times = find_time_expressions(ntext, reference_date(ntext, pub))
    blocked = filters.blocked_spans(ntext)
    in_time = bytearray(len(ntext) + 1)
    for t in times:
        in_time[t.start:t.end] = b"\x01" * (t.end - t.start)
    candidates = []
    for cand in find_candidates(ntext):
        reason = filters.reason_not_claim(ntext, cand, blocked)
        if reason or in_time.find(1, cand.start, cand.end) >= 0:
            continue
        candidates.append(cand)
    if not candidates:
        return []
    places_by_article = _places_by_article(norm, articles)
    times = sorted(times, key=lambda t: t.start)
    time_starts = [t.start for t in times]
    sentences = split_sentences(ntext)
    claims: list[Claim] = []
    ci = 0
    frame_target = False
    paragraph_start = 0
    prev_sentence: tuple[int, int] | None = None
    prev_period = ""
    for s_start, s_end in sentences:
        if prev_sentence and "\n" in ntext[prev_sentence[1] - 1:s_start + 1]:
            frame_target = False            # a paragraph ends the frame of 将/要
            prev_period = ""
            paragraph_start = s_start
        prev_sentence = (s_start, s_end)
        in_sentence: list[Candidate] = []
        while ci < len(candidates) and candidates[ci].start < s_end:
            if candidates[ci].start >= s_start:
                in_sentence.append(candidates[ci])
            ci += 1
        # 上年同期, 比上年: comparison bases, not the period a claim is about
        lo, hi = bisect.bisect_left(time_starts, s_start), bisect.bisect_left(time_starts, s_end)
        s_times = [t for t in times[lo:hi] if t.kind != "baseline" and not _is_comparison_base(ntext, t)]
        opens = False
        previous: Claim | None = None
        sentence_period = ""
        for cand in in_sentence:
            places = _places_at(places_by_article, cand.start)
            claim, opens_frame = _read_claim(norm, cand, s_start, s_end, s_times, pub, frame_target,
                                             previous, places, doc_id, prev_period, paragraph_start)
            opens = opens or opens_frame
            claims.append(claim)
            previous = claim
            sentence_period = claim.period or sentence_period
        if not in_sentence:
            opens = opens_target_frame(ntext[s_start:s_end])
        frame_target = frame_target or opens
        prev_period = next((t.period for t in reversed(s_times) if t.period), "") or sentence_period or prev_period
    if articles is not None:
        claims = _with_articles(claims, articles)
    return claims


def _read_claim(norm, cand: Candidate, s_start: int, s_end: int, s_times: list[TimeExpression],
                pub: dt.date | None, frame_target: bool, previous: Claim | None, places: dict[str, str],
                doc_id: str, prev_period: str, paragraph_start: int) -> tuple[Claim, bool]:
    ntext = norm.text
    sentence = ntext[s_start:s_end]
    clause_start = s_start
    for m in CLAUSE_MARK.finditer(ntext, s_start, cand.start):
        clause_start = m.end()
    end_mark = CLAUSE_MARK.search(ntext, cand.end, s_end)
    clause_end = end_mark.start() if end_mark else s_end
    ctx = Context(clause_before=ntext[clause_start:cand.start], clause_after=ntext[cand.end:clause_end],
                  sentence_before=ntext[s_start:cand.start], sentence=sentence)
    bound, qualifier = bound_of(ctx, cand)
    measure, direction = measure_of(ctx, cand)
    if previous is not None and previous.kind == cand.kind and LIST_GAP.fullmatch(
            ntext[previous.norm_end:cand.start]):
        # 分别增长8.5%、7.2%和6.1%: list members share the head's meaning
        measure, direction = previous.measure, previous.direction
    before_times = [t for t in s_times if t.end <= cand.start]
    period = before_times[-1].period if before_times else ""
    if before_times and before_times[-1].text == "全年" and len(prev_period) == 4:
        period = prev_period                # 过去一年…。全年进出口总额…: the year under review
    if not period and not s_times:
        period = prev_period                # the paragraph's last stated period
    target_time = any(t.is_target_cue and _period_is_future(t.period, pub) for t in before_times)
    # 2025年全市地区生产总值达到1万亿元, written in 2023: a year still to come
    target_time = target_time or bool(period and pub and int(period[:4]) > pub.year)
    status, opens_frame = status_of(ctx, target_time, _period_is_past(period, pub), frame_target)
    subject = subject_of(ctx.sentence_before, ntext[paragraph_start:s_start], places)
    indicator = ""
    if cand.kind in ("count", "quantity") and _HAN_START.match(ctx.clause_after):
        indicator = indicator_after(ctx.clause_after)
    if not indicator:
        own_start = max(clause_start, previous.norm_end if previous else clause_start)
        indicator = indicator_before(ntext[own_start:cand.start])
    if not indicator and cand.kind == "money" and _HAN_START.match(ctx.clause_after):
        indicator = indicator_after(ctx.clause_after)   # 过30亿元中小企业特色产业集群: a size class
    if not indicator and previous is not None:
        indicator = previous.indicator      # 工业总产值201亿元,同比增长24%
    if not indicator:
        indicator = _sentence_topic(ntext[s_start:clause_start])   # CPI同比持平,环比上涨0.2%
    if subject and indicator.startswith(subject):
        # 广东省地区生产总值 -> 地区生产总值; 江苏省以9.2万亿元紧随其后 -> the indicator before
        indicator = indicator[len(subject):] or (previous.indicator if previous else "")
    start, end = norm.span(cand.start, cand.end)
    claim = Claim(
        doc_id=doc_id, start=start, end=end, text=norm.original[start:end],
        value=cand.value, multiplier=cand.multiplier, value_normalized=cand.value_normalized,
        value_high=cand.value_high, unit=cand.unit, kind=cand.kind, rule=cand.rule,
        currency=cand.currency, sentence=_source_sentence(norm, s_start, s_end), measure=measure, status=status,
        direction=direction, bound=bound, qualifier=qualifier, indicator=indicator,
        subject=subject, period=period, published=pub.isoformat() if pub else "",
        norm_start=cand.start, norm_end=cand.end, claim_id=claim_id(doc_id, start, end))
    return claim, opens_frame


def _places_by_article(norm, articles: list[Article] | None) -> list[tuple[int, dict[str, str]]]:
    """(normalised start, places the text is about) per article; the
    document's own places fill the levels an article does not name."""
    whole = home_places(norm.text)
    if not articles or len(articles) < 2:
        return [(0, whole)]
    out = []
    for art in articles:
        start = bisect.bisect_left(norm.index, art.start)
        end = bisect.bisect_left(norm.index, art.end)
        own = home_places(norm.text[start:end])
        out.append((start, {**whole, **own, "primary": own.get("primary", whole.get("primary", ""))}))
    return out


def _places_at(places_by_article: list[tuple[int, dict[str, str]]], pos: int) -> dict[str, str]:
    i = bisect.bisect_right([s for s, _ in places_by_article], pos) - 1
    return places_by_article[max(i, 0)][1]


def _source_sentence(norm, start: int, end: int) -> str:
    """The sentence as written (full-width punctuation and traditional
    characters kept), without layout breaks and justification spaces."""
    chars = [norm.original[i] for i in norm.index[start:end]]
    return "".join(" " if ch.isspace() else ch for ch in chars).strip()


def _is_comparison_base(text: str, t: TimeExpression) -> bool:
    """降幅比上半年收窄: 上半年 is what the claim is compared with."""
    return text[max(0, t.start - 1):t.start] in ("比", "较") or text[max(0, t.start - 2):t.start] in ("相比", "对比")


def _sentence_topic(before: str) -> str:
    """The noun phrase of the nearest earlier clause that has one."""
    clauses = [c for c in CLAUSE_MARK.split(before) if c]
    for clause in reversed(clauses[-3:]):
        found = indicator_before(clause)
        if found:
            return found
    return ""


def _with_articles(claims: list[Claim], articles: list[Article]) -> list[Claim]:
    """Each claim with the title of the article it sits in."""
    starts = [a.start for a in articles]
    out = []
    for c in claims:
        i = bisect.bisect_right(starts, c.start) - 1
        inside = i >= 0 and c.start < articles[i].end
        out.append(replace(c, article=articles[i].title if inside else ""))
    return out


def extract_document(doc: Document, published: str | None = None) -> ExtractionResult:
    """Claims, the documents.csv row and the articles.csv rows of one document.
    `published` is the fallback date for documents that state none."""
    pub = doc.published or published or None     # a date the document states wins over --published
    articles = split_articles(doc.text) if doc.text else []
    claims = extract(doc.text, doc.doc_id, pub, articles=articles)
    article_rows = []
    for art in articles:
        count = sum(1 for c in claims if art.start <= c.start < art.end)
        article_rows.append({"doc_id": doc.doc_id, "article": art.title, "start": art.start,
                             "end": art.end, "byline": art.byline, "claims": count})
    row = {"doc_id": doc.doc_id, "path": doc.path, "title": doc.title, "published": pub or "",
           "characters": len(doc.text), "claims": len(claims), "format": doc.format,
           "encoding": doc.encoding, "sha256": hashlib.sha256(doc.text.encode()).hexdigest(), "error": ""}
    return ExtractionResult(claims, row, article_rows, articles)
