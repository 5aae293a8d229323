"""Arabic numbers with a magnitude word and no unit: 常住人口1200万, 营收3.5亿.
Without a magnitude word a bare number is too often a code, a page or a list
item to be reported."""
from __future__ import annotations

import re
from decimal import Decimal

import regex

from .. import lexicon
from .base import ARABIC, CN_DIGITS, MAGNITUDE, Candidate, Rule, compile_verbose, read_numeral_match

MAGNITUDE_ONLY = compile_verbose(rf"""
    (?<![\d.])
    (?P<num>{ARABIC}[多余]?(?:{MAGNITUDE})[多余]?)
    (?!级)                                       # 500亿级产业: a size class, not an amount
""")


def read_magnitude_only(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="", kind="quantity")


# A bare magnitude after a threshold verb: 突破万亿元大关, 超千亿元, 过亿人.
BARE_MAGNITUDE = compile_verbose(rf"""
    (?<=突破|超过|超|过|逾|破|近|达|上|首破)
    (?P<num>万亿|千亿|百亿|亿|千万|百万|万)
    (?P<unit>{lexicon.alternation(a for a, u in lexicon.units().items() if u.kind in ("money", "count", "quantity"))})
    (?!级)
""")
# A Chinese numeral ending in 万/亿 without a unit: 户籍人口首次达到一百万.
CN_MAGNITUDE_ONLY = compile_verbose(rf"""
    (?<![\p{{Han}}&&[{CN_DIGITS}十百千万亿]])
    (?P<num>[{CN_DIGITS}][{CN_DIGITS}十百千]{{0,39}}[万亿]{{1,3}})
    (?![\p{{Han}}&&[{CN_DIGITS}十百千万亿级]])
""")


def read_bare_magnitude(rule: Rule, m: regex.Match) -> Candidate | None:
    unit = lexicon.units()[m.group("unit")]
    mult = lexicon.magnitudes()[m.group("num")]
    return Candidate(m.start(), m.end(), Decimal(1), mult, unit.unit, unit.kind, rule.id,
                     currency=unit.currency)


# A bare ratio of two amounts (城乡居民收入比为2.74) and its change in the next clause
# (，比上年缩小0.06): numbers without a unit that statistics bulletins report.
_RATIO_REACHED = ("缩小", "扩大", "下降", "降低", "提高", "上升")  # 倍差缩小至1.53: the level reached
_RATIO_IS = rf"(?:比|比值|比率|倍差)(?:为|是|达到|达|降至|降为|(?:{'|'.join(_RATIO_REACHED)})(?:至|到))"
RATIO = compile_verbose(rf"""
    (?: (?<={_RATIO_IS})
      | (?<={_RATIO_IS}[\d.]{{1,12}}[，,]比(?:上年|去年)(?:缩小|扩大|下降|提高|降低)了?) )
    (?P<num>\d{{1,3}}(?:\.\d{{1,4}})?)
    (?![\d.%‰:：∶]|[\p{{Han}}&&[^，。；、,;]])     # not 1:2, not 2.74倍
""")
RATIO_ANCHOR = re.compile("比为|比值为|比是|比达|比降|比率为|倍差为|倍差是|"
                          + "|".join(f"{head}{verb}" for head in ("比", "倍差") for verb in _RATIO_REACHED))


def read_ratio(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="", kind="quantity")


# Every match of CN_MAGNITUDE_ONLY ends in 万 or 亿 (rare in text): only the text near one is
# scanned, within the longest match (a numeral of 40 characters, its magnitudes, one each side).
RULES = [Rule("quantity.magnitude_only", MAGNITUDE_ONLY, read_magnitude_only),
         Rule("quantity.cn_magnitude_only", CN_MAGNITUDE_ONLY, read_magnitude_only,
              anchor=re.compile("[万亿]"), anchor_reach=48),
         Rule("magnitude.bare", BARE_MAGNITUDE, read_bare_magnitude),
         Rule("ratio.bare", RATIO, read_ratio, anchor=RATIO_ANCHOR, anchor_reach=64)]
