"""Percentages, per-mille, percentage points, 成 and fractions."""
from __future__ import annotations

import re
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

# Every match holds a % or ‰ and is shorter than two numerals with their
# separators (bounded quantifiers): only the text near a % is scanned.
SYMBOL_ANCHOR = re.compile(r"[%‰]")
SYMBOL_REACH = 256

# 百分之五, 百分之4.5, 百分之五到百分之八, 千分之三, 万分之三
WORDS = compile_verbose(rf"""
    (?P<base>百分之|千分之|万分之)
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?:百分之|千分之)? (?P<num2>{NUMERAL}) )?
""")

# 3个百分点, 0.5个百分点, 1—2个百分点
POINTS = compile_verbose(rf"""
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?
    个?百分点
""")

# 0.5个百分点至1个百分点: the unit on both ends. Its own rule, so that where
# it does not read (the ends run backwards) POINTS still finds both.
POINTS_BOTH_ENDS = compile_verbose(rf"""
    (?P<num>{NUMERAL}) 个?百分点
    {RANGE_SEP}
    (?P<num2>{NUMERAL}) 个?百分点
""")
POINTS_BOTH_ENDS_ANCHOR = re.compile(rf"百分点{RANGE_SEP}")

# 12个基点, 14BP, 5BP至8BP, 3bps: hundredths of a percentage point, in the unit written.
_BP = r"(?:个?基点|BPs?|bps?)(?![A-Za-z])"
BASIS_POINTS = compile_verbose(rf"""
    (?P<num>{NUMERAL}) (?P<unit1>{_BP})?
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?
    (?P<unit>{_BP})
""")
BASIS_POINTS_ANCHOR = re.compile("基点|BP|bp|Bp|bP")

# 三成, 七成以上, 3成, 十成, 八点五成, 三成半, 七成六, 半成: tenths.
CHENG = compile_verbose(rf"""
    (?<![{CN_DIGITS}\d.])
    (?P<num>十|10|半|[{CN_DIGITS}\d](?:[点.][{CN_DIGITS}\d])?)
    成
    (?P<rest>半|[一二三四五六七八九](?![成折]))?
    (?![本员立为效功绩果交长就型品套批片都市])          # 成本, 成员, 成立, 成为, 三成品...
""")

# 九折, 75折, 9.9折, 八点五折, 五五折, 对折: a price at that many tenths
# (two digits: hundredths).
DISCOUNT = compile_verbose(rf"""
    (?<![{CN_DIGITS}\d.])
    (?P<num>(?<=打)对|(?<=打)對|半|\d{{1,2}}(?:\.\d)?|[{CN_DIGITS}]{{1,2}}|[{CN_DIGITS}][点][{CN_DIGITS}])
    折
    (?![合算旧射叠腾磨服返扣线页纸])
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
    base = m.group("base")
    if base == "万分之":      # basis points: 万分之三 = 0.03%
        return read_numeral_match(rule, m, unit="%", kind="percent", scale=Decimal("0.01"))
    unit = "%" if base == "百分之" else "‰"
    return read_numeral_match(rule, m, unit=unit, kind="percent")


def read_points(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="百分点", kind="percentage_point")


def read_basis_points(rule: Rule, m: regex.Match) -> Candidate | None:
    if m.group("unit1") and not m.group("num2"):
        return None
    unit = "基点" if m.group("unit").endswith("基点") else "BP"
    return read_numeral_match(rule, m, unit=unit, kind="percentage_point")


_DIGIT_VALUE = {c: Decimal(i) for i, c in enumerate("零一二三四五六七八九")} | {"两": Decimal(2)}


def read_cheng(rule: Rule, m: regex.Match) -> Candidate | None:
    num, rest = m.group("num"), m.group("rest")
    try:
        tenths = Decimal("0.5") if num == "半" else parse_number(num)
    except ValueError:
        return None
    if rest:
        tenths += Decimal("0.5") if rest == "半" else _DIGIT_VALUE[rest] / 10
    return Candidate(m.start(), m.end(), tenths * 10, Decimal(1), "%", "percent", rule.id)


def read_discount(rule: Rule, m: regex.Match) -> Candidate | None:
    num = m.group("num")
    if num in ("对", "對", "半"):
        return Candidate(m.start(), m.end(), Decimal(50), Decimal(1), "%", "percent", rule.id)
    if len(num) == 2 and not num.isdigit() and "点" not in num:
        try:
            value = parse_number(num[0]) * 10 + parse_number(num[1])  # 五五折 = 55%
        except ValueError:
            return None
    else:
        try:
            value = parse_number(num)
        except ValueError:
            return None
        value = value * 10 if value < 10 else value                  # 9.9折 = 99%, 75折 = 75%
    if not 0 < value <= 100:
        return None
    return Candidate(m.start(), m.end(), value, Decimal(1), "%", "percent", rule.id)


def read_fraction(rule: Rule, m: regex.Match) -> Candidate | None:
    if m.group("den") in ("百", "千", "万"):
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
    Rule("percent.points_both_ends", POINTS_BOTH_ENDS, read_points, anchor=POINTS_BOTH_ENDS_ANCHOR,
         anchor_reach=SYMBOL_REACH),
    Rule("percent.points", POINTS, read_points),
    Rule("percent.basis_points", BASIS_POINTS, read_basis_points, anchor=BASIS_POINTS_ANCHOR, anchor_reach=48),
    Rule("percent.words", WORDS, read_words),
    Rule("percent.symbol", SYMBOL, read_symbol, anchor=SYMBOL_ANCHOR, anchor_reach=SYMBOL_REACH),
    Rule("percent.fraction", FRACTION, read_fraction),
    Rule("percent.cheng", CHENG, read_cheng),
    Rule("percent.discount", DISCOUNT, read_discount),
]
