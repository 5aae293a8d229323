"""The numeral grammar shared by every rule, built from the lexicons, and the
Candidate that each rule turns its match into."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

import regex

from .. import lexicon
from ..numbers import split_magnitude

logger = logging.getLogger(__name__)

CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖兩貳參陸廿卅"
CN_UNITS = "十百千万亿拾佰仟萬億兆"
# Magnitude words that may follow Arabic digits: 110.06亿, 8250万, 1.2万亿.
MAGNITUDE = lexicon.alternation(w for w in lexicon.magnitudes() if regex.fullmatch(r"\p{Han}+", w))

# Thousands separators: ASCII comma; the full-width one only before decimals
# (82，225.00元), since "20，300" is more often a list.
# Every quantifier is bounded (a numeral has at most MAX_NUMERAL characters:
# longer runs are masked before the rules run, see mask_long_runs), so that
# each match attempt costs a bounded number of steps: linear time overall.
MAX_NUMERAL = 40
ARABIC = (r"(?:\d{1,3}(?:,\d{3}){1,13}(?:\.\d{1,40})?|\d{1,3}(?:[,，]\d{3}){1,13}\.\d{1,40}"
          r"|\d{1,40}(?:\.\d{1,40})?)")
# A Chinese numeral starts with a digit or 十/百/千 (never a bare 万/亿:
# 千家万户); 多/余/几 may stand before a further unit: 十余万, 一千五百零几万.
CN_NUMERAL = rf"""(?:[{CN_DIGITS}十百千拾佰仟]
                   (?:[{CN_DIGITS}{CN_UNITS}]|[多余几来](?=[{CN_UNITS}])){{0,39}}
                   (?:[点點][{CN_DIGITS}]{{1,40}})?)"""
# One numeral as written: Arabic with an optional magnitude (3400多万,
# 10万余) or Chinese; an optional sign in front.
# 千 before 米/克/瓦 is part of the unit: 12千米, 2.3千克, 5千瓦.
# 负 is a sign only where it starts a word: not in 税负, 胜负, 抱负, 自负, 担负.
# A numeral never starts right after a digit: without (?<!\d) the engine tries every
# digit of 2025年 as a start (a third of the rules' scanning time on dense text), and
# 3胜2负1平's 负 is no sign.
NUMERAL = rf"""(?<!\d)(?:(?:(?<![\d%.,])-|(?<![税胜正抱自担欠重肩背辜盈])负)?
                  (?:{ARABIC}(?:[多余]?(?:{MAGNITUDE}){{1,3}}(?!(?<=千)[米克瓦伏卡帕])(?!(?<=兆)[瓦帕赫焦]))?
                     (?:[多余](?![年月日天]))?                 # 500余名, 1.2万余人, 3000多亩
                   |{CN_NUMERAL}(?:个(?=[万亿]{{1,2}})[万亿]{{1,2}})?))"""   # 两个亿: colloquial
# Range separators: 1—2个, 6.5%－7%, 8500到3万港元, 1至2项.
RANGE_SEP = r"(?:[-—–~～至到]|－)"
APPROX_INSIDE = regex.compile(r"[多余几来]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched quantity in the normalised text, before meaning is added."""
    start: int
    end: int
    value: Decimal
    multiplier: Decimal
    unit: str
    kind: str
    rule: str
    value_high: Decimal | None = None
    currency: str = ""
    inside_qualifier: str = ""   # 多/余 written inside the numeral: 3400多万

    @property
    def value_normalized(self) -> Decimal:
        return self.value * self.multiplier


# The frozen dataclass's __init__ sets each field through object.__setattr__
# (3-4 µs a candidate, the rules' largest cost after the scans); the slots'
# own setters build the same object in half the time.
_NEW = object.__new__
_SET = tuple(Candidate.__dict__[name].__set__ for name in Candidate.__slots__)


def new_candidate(start: int, end: int, value: Decimal, multiplier: Decimal, unit: str, kind: str, rule: str,
                  value_high: Decimal | None = None, currency: str = "", inside_qualifier: str = "") -> Candidate:
    """Candidate(...) for the hot paths: equal, same hash, faster.

    >>> new_candidate(0, 3, Decimal(35), Decimal(1), "个", "count", "x") == Candidate(0, 3, Decimal(35), Decimal(1), "个", "count", "x")
    True
    """
    cand = _NEW(Candidate)
    for setter, value_ in zip(_SET, (start, end, value, multiplier, unit, kind, rule, value_high, currency,
                                     inside_qualifier)):
        setter(cand, value_)
    return cand


@dataclass(frozen=True, slots=True)
class Rule:
    """A dotted id, one compiled pattern and the function that reads a match.

    span_group: the group that is the claim's span, when not the whole match.
    anchor: a pattern of which every match holds an occurrence (the % of a
    percentage), so that only the text within anchor_reach characters of one
    is scanned; anchor_reach must be at least the longest possible match.
    """
    id: str
    pattern: regex.Pattern
    read: Callable[["Rule", regex.Match], Candidate | None]
    span_group: str = ""
    anchor: regex.Pattern | re.Pattern | None = None     # re for a plain scan: 3x faster
    anchor_reach: int = 0


def compile_verbose(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.VERBOSE | regex.V1)


def range_parts(low: str, high: str) -> tuple[Decimal, Decimal, Decimal]:
    """value, value_high and a common multiplier of a written range.

    "1", "2" -> (1, 2, 1); "8500", "3万" -> (8500, 30000, 1); "5", "6万" -> (5, 6, 10000):
    in "5—6万吨" the magnitude of the upper end applies to both. Ends with
    different magnitudes keep the low end as written and its multiplier:
    "8000万", "1亿" -> (8000, 10000, 10000).
    """
    lo_value, lo_mult = split_magnitude(low)
    hi_value, hi_mult = split_magnitude(high)
    if lo_mult == 1 and hi_mult != 1 and lo_value < hi_value:
        return lo_value, hi_value, hi_mult
    if lo_mult == hi_mult:
        return lo_value, hi_value, lo_mult
    high_in_low = hi_value * hi_mult / lo_mult        # exact: multipliers are powers of ten
    if high_in_low == high_in_low.to_integral_value():
        high_in_low = high_in_low.quantize(Decimal(1))
    return lo_value, high_in_low, lo_mult


def inside_qualifier(text: str) -> str:
    if "多" not in text and "余" not in text and "几" not in text and "来" not in text:
        return ""                        # the common case, without a regex call
    found = APPROX_INSIDE.search(text)
    return found.group() if found else ""


def _bare(numeral: str) -> str:
    """The numeral without 个 (两个亿) and a trailing 多/余 (500余)."""
    if "个" in numeral:
        numeral = numeral.replace("个", "")
    return numeral[:-1] if numeral and numeral[-1] in "多余" else numeral


def numeral_values(raw: str, raw2: str) -> tuple[Decimal, Decimal | None, Decimal] | None:
    """(value, value_high, multiplier) of a written numeral or range; None when
    it is not one (or the range runs backwards: 5-3 is a list or a code)."""
    num, num2 = _bare(raw), _bare(raw2)
    if num2:
        value, high, mult = range_parts(num, num2)
        return None if high <= value else (value, high, mult)
    value, mult = split_magnitude(num)
    return value, None, mult


_GROUP_POSITIONS: dict[tuple[regex.Pattern, tuple[str, ...]], tuple[int, ...]] = {}


def groups_of(m: regex.Match, *names: str) -> tuple:
    """Named groups of a match, read from one groups() tuple (group(name)
    costs several times more); a name the pattern lacks gives None."""
    key = (m.re, names)
    positions = _GROUP_POSITIONS.get(key)
    if positions is None:
        index = m.re.groupindex
        positions = _GROUP_POSITIONS[key] = tuple(index[n] - 1 if n in index else -1 for n in names)
    values = m.groups()
    return tuple(values[i] if i >= 0 else None for i in positions)


def read_numeral_match(rule: Rule, m: regex.Match, unit: str, kind: str, currency: str = "",
                       start: int | None = None, end: int | None = None,
                       scale: Decimal = Decimal(1)) -> Candidate | None:
    """Candidate from a match with groups num (and optional num2 for a range)."""
    raw, raw2 = groups_of(m, "num", "num2")
    raw2 = raw2 or ""
    try:
        found = numeral_values(raw, raw2)
    except ValueError:
        logger.debug("rule %s: %r at %d is not a numeral", rule.id, m.group(), m.start())
        return None
    if found is None:
        return None
    value, high, mult = found
    if scale != 1:
        value, high = value * scale, None if high is None else high * scale
    return new_candidate(m.start() if start is None else start, m.end() if end is None else end,
                         value, mult, unit, kind, rule.id, high, currency, inside_qualifier(raw + raw2))


__all__ = ["ARABIC", "CN_NUMERAL", "MAGNITUDE", "MAX_NUMERAL", "NUMERAL", "RANGE_SEP", "Candidate", "Rule",
           "compile_verbose", "groups_of", "new_candidate", "numeral_values", "range_parts", "read_numeral_match"]
