"""What is not a claim although the rules matched it: names and slogans in
quotes, ordinals, the indefinite 一, idioms, product names."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from . import lexicon
from .rules.base import Candidate

# Short quoted names, slogans and titles: “六个一批工程”, 《…三年攻坚突破行动计划》,
# “1张图谱+N张清单”. Long quotes are speech and may hold real figures.
# re, not regex, for these plain patterns: it scans them two to three times faster.
QUOTED_NAME = re.compile(r"“[^“”\n]{1,16}”|‘[^‘’\n]{1,16}’|「[^「」\n]{1,16}」|《[^《》\n]{1,60}》|〈[^〈〉\n]{1,30}〉")
LATIN = regex.compile(r"[A-Za-z]")
SESSION_AFTER = regex.compile(r"会议|全会|全体会议|代表大会|党代会")
# A web address: scheme or www., a host that ends in a top-level domain of
# letters (or an IPv4 address), then a path only after / ? #: a number
# written right after the host (www.stats.gov.cn5.2%) stays outside.
URL = regex.compile(r"""
    (?:https?://|www\.)
    (?:(?:[A-Za-z0-9-]{1,63}\.){0,10}[A-Za-z]{2,24}(?![A-Za-z])|\d{1,3}(?:\.\d{1,3}){3})
    (?::\d{1,5})?
    (?:[/?#][!-~]{0,2048})?
""", regex.VERBOSE)


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.not_claims()["phrases"]))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED_NAME.finditer(text)]


def phrase_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _phrase_pattern().finditer(text)]


class Blocked:
    """Spans that hold no claims, sorted, with a running maximum end so that
    containment is one bisection."""

    def __init__(self, spans: list[tuple[int, int]], url_ends: frozenset[int] = frozenset()):
        self.url_ends = url_ends     # a number right after a web address is not a product name
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        running = -1
        for _, e in spans:
            running = max(running, e)
            self.max_end.append(running)

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.max_end[i] >= end


def reason_not_claim(text: str, cand: Candidate, blocked: Blocked) -> str:
    """Why `cand` is not a claim, or "" when it is one."""
    s, e = cand.start, cand.end
    span = text[s:e]
    if blocked.contains(s, e):
        return "name"
    before = text[s - 1] if s else ""
    after = text[e] if e < len(text) else ""
    if cand.kind != "rank" and before == "第":
        return "ordinal"                     # 第十二次党代会, 第四批
    if cand.unit in ("次", "届") and SESSION_AFTER.match(text, e):
        return "ordinal"                     # 十三届全国人大五次会议
    if cand.unit == "个" and text.startswith("方面", e):
        return "list size"                   # 以下五个方面, 重点抓好六个方面工作
    if span[:1] in "零〇" and cand.value == 0 and not any(ch.isdigit() for ch in span):
        return "word"                        # 零部件, 零售, 零基: 零 alone is a word's first character
    if span == "一块" and after and "\u4e00" <= after <= "\u9fff" and after not in "钱多左":
        return "indefinite"                  # 一块电池“充”出新动能: a piece of, not one yuan (一块钱 is)
    if cand.unit == "股" and before == "每":
        return "basis"                       # 每10股派发现金红利2元: what the dividend is counted on
    if (LATIN.match(before) and s not in blocked.url_ends) or LATIN.match(after):
        return "product name"                # PM2.5, 5G, C919
    words = lexicon.not_claims()
    numeral = span[: len(span) - len(cand.unit)] if span.endswith(cand.unit) else span
    if cand.kind in ("count", "quantity") and cand.rule != "quantity.magnitude_only":
        head = span[0]
        if (cand.kind == "count" or cand.unit == "度") and head in words["indefinite_numerals"] and cand.value == 1 and cand.multiplier == 1 \
                and not any(ch.isdigit() for ch in span):
            return "indefinite"              # 一辆中通电动洗扫车, 一批, 一项成功探索
        if before in words["demonstratives"] and not span[0].isdigit():
            return "demonstrative"           # 这两个, 每一个
    if before and before in "一二三四五六七八九十" and not span[0].isdigit() and numeral:
        return "idiom"                       # 一五一十
    return ""


def blocked_spans(text: str) -> Blocked:
    """Spans whose numbers are never claims: short quoted names, idioms and
    names of not_claims.yaml, web addresses."""
    urls = [m.span() for m in URL.finditer(text)]
    return Blocked(quoted_spans(text) + phrase_spans(text) + urls, frozenset(e for _, e in urls))
