"""Percentages, per-mille, percentage points, 成 and fractions."""
from __future__ import annotations

from decimal import Decimal

import regex

from ..numbers import parse_number
from .base import NUMERAL, RANGE_SEP, CN_DIGITS, Candidate, Rule, compile_verbose, read_numeral_match

# 42.1%, 6.5%－7%, 5%-6%, 3‰. The first % of a range may be left out: 5-6%.
SYMBOL = compile_verbose(rf"""
    (?P<num>{NUMERAL}) (?P<sym1>[%‰])?          # 6.5% or 6.5
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?      # －7
    (?P<sym>(?(sym1)[%‰]?|[%‰]))                 # the closing %, required unless the first had one
""")

# 百分之五, 百分之4.5, 百分之五到百分之八, 千分之三
WORDS = compile_verbose(rf"""
    (?P<base>百分之|千分之)
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?:百分之|千分之)? (?P<num2>{NUMERAL}) )?
""")

# 3个百分点, 0.5个百分点, 1—2个百分点
POINTS = compile_verbose(rf"""
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?
    个?百分点
""")

# 三成, 七成以上, 3成: tenths. Only single-digit heads: 十成 is no share.
CHENG = compile_verbose(rf"""
    (?<![{CN_DIGITS}\d])
    (?P<num>[一二两三四五六七八九\d](?:[点.][一二三四五六七八九\d])?)
    成
    (?![本员立为效功绩果交长就])                  # 成本, 成员, 成立, 成为...
""")

# 三分之一, 2/3 is left out (dates, scores).
FRACTION = compile_verbose(rf"""
    (?P<den>{NUMERAL}) 分之 (?P<num>{NUMERAL})
""")


def read_symbol(rule: Rule, m: regex.Match) -> Candidate | None:
    sym = m.group("sym") or m.group("sym1")
    if m.group("sym1") and m.group("sym") and m.group("sym1") != m.group("sym"):
        return None
    unit = "‰" if sym == "‰" else "%"
    return read_numeral_match(rule, m, unit=unit, kind="percent")


def read_words(rule: Rule, m: regex.Match) -> Candidate | None:
    unit = "%" if m.group("base") == "百分之" else "‰"
    return read_numeral_match(rule, m, unit=unit, kind="percent")


def read_points(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="百分点", kind="percentage_point")


def read_cheng(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="%", kind="percent", scale=Decimal(10))


def read_fraction(rule: Rule, m: regex.Match) -> Candidate | None:
    if m.group("den") in ("百", "千"):
        return None   # 百分之五 is read by percent.words
    try:
        den, num = parse_number(m.group("den")), parse_number(m.group("num"))
    except ValueError:
        return None
    if den <= 0 or num > den:
        return None
    value = (num * 100 / den).quantize(Decimal("1E-10")).normalize()
    return Candidate(m.start(), m.end(), value, Decimal(1), "%", "percent", rule.id)


RULES = [
    Rule("percent.points", POINTS, read_points),
    Rule("percent.words", WORDS, read_words),
    Rule("percent.symbol", SYMBOL, read_symbol),
    Rule("percent.fraction", FRACTION, read_fraction),
    Rule("percent.cheng", CHENG, read_cheng),
]
