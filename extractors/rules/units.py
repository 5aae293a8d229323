"""Money, counts and measured quantities: a numeral followed by a unit word
from units.tsv (元, 美元, 个, 家, 亩, 吨, 千瓦时…), or a currency sign in front."""
from __future__ import annotations

import re
from decimal import Decimal

import regex

from .. import lexicon
from ..numbers import parse_number
from .base import (CN_DIGITS, NUMERAL, RANGE_SEP, Candidate, Rule, compile_verbose, groups_of,
                   inside_qualifier, logger, new_candidate, numeral_values, read_numeral_match)

_UNITS = lexicon.units()
_SUFFIX_UNITS = {a: u for a, u in _UNITS.items() if u.kind in ("money", "count", "quantity")}
UNIT_WORD = lexicon.alternation(_SUFFIX_UNITS)
# The same words behind a test of their first character: most numerals have no unit after
# them, and the class fails at once where the alternation tries every word (1.4x faster).
UNIT_WORD_AHEAD = "(?=[" + regex.escape("".join(sorted({w[0] for w in _SUFFIX_UNITS}))) + "])(?:" + UNIT_WORD + ")"
# Classifier + time word is a duration, not a count: 3个月, 5个工作日.
DURATION_AFTER = r"(?:月|小时|工作日|星期|礼拜|季度|年度|学期|周|钟头)"

# 110.06亿元, 8250万美元, 1—2个, 8500到3万港元, 35个项目, 103亩, 50亿元人民币
SMALL_DIGIT = r"[\d一二两三四五六七八九十]"
MONEY_WORD = lexicon.alternation(a for a, u in _UNITS.items() if u.kind == "money")
SUFFIX = compile_verbose(rf"""
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?
    (?P<unit>{UNIT_WORD_AHEAD})
    (?<!个(?={DURATION_AFTER}))                 # not 3个月
    (?<![A-Za-z](?=[A-Za-z]))                   # 5km but not 5kmh
    (?P<half>半(?![年月天日]))?                   # 两米半, 三斤半
    (?P<tail>(?<=元)(?:{MONEY_WORD}))?           # 50亿元人民币, 三万元欧元, 9000元日币
    # small change: 123元1角1分, 十块三毛, 一百三十五块六角七分钱
    (?: (?<=元|块) (?P<jiao>{SMALL_DIGIT}) [角毛] )?
    (?: (?<=元|块|角|毛) (?P<fen>{SMALL_DIGIT}) 分(?!钟|之|别|类|析|布|配|期|批) 钱? )?
    # cents: 两美元又三美分
    (?: (?<=美元|欧元|港元|澳元|加元) 又? (?P<cents>{SMALL_DIGIT}{{1,2}}) (?:美分|欧分|港仙|仙) )?
""")

# 225亿元至235亿元, 3万吨—5万吨, 8000万美元至1亿美元: the same unit word on
# both ends is one range. Its own rule, so that where it does not read (the
# ends run backwards: 10元-5元) the two amounts are still found by SUFFIX.
BOTH_ENDS = compile_verbose(rf"""
    (?P<num>{NUMERAL}) (?P<unit1>{UNIT_WORD_AHEAD})
    (?<!个(?={DURATION_AFTER}))                 # not 3个月
    {RANGE_SEP}
    (?P<num2>{NUMERAL}) (?P<unit>(?P=unit1))
    (?<!个(?={DURATION_AFTER}))
    (?<![A-Za-z](?=[A-Za-z]))
    (?P<tail>(?<=元)(?:{MONEY_WORD}))?           # 5亿元至6亿元人民币
""")
# Every match holds a unit word right before a separator (rare in text), and
# is shorter than two numerals with their units: only the text near one is scanned.
# (the separator found first, the unit word looked behind it: 7x faster than the unit alternation at
# every character)
BOTH_ENDS_ANCHOR = compile_verbose(rf"(?<=(?:{UNIT_WORD})){RANGE_SEP}")
BOTH_ENDS_REACH = 256

# ￥50, $20, US$5亿, HK$300, 人民币50亿 (without 元)
PREFIX_SIGNS = {"￥": ("元", "CNY"), "¥": ("元", "CNY"), "$": ("美元", "USD"), "US$": ("美元", "USD"),
                "HK$": ("港元", "HKD"), "€": ("欧元", "EUR"), "£": ("英镑", "GBP"), "人民币": ("元", "CNY"),
                "美元": ("美元", "USD"), "港币": ("港元", "HKD"), "新台币": ("新台币", "TWD"),
                "台币": ("新台币", "TWD"), "日币": ("日元", "JPY")}
# Words that name the currency in front, so that a following 元 is theirs:
# 港币两千九百六十元, 新台币177.1亿元.
CURRENCY_WORDS = {"人民币", "美元", "港币", "新台币", "台币", "日币"}
PREFIX = compile_verbose(rf"""
    (?P<sign>{lexicon.alternation(PREFIX_SIGNS)}) \s?
    (?P<num>{NUMERAL})
    (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )?
    (?P<unit>{lexicon.alternation(a for a, u in _UNITS.items() if u.kind == "money")})?
""")

# 八九亿元, 三四十家: two neighbouring digits make a range.
CN_PAIR = compile_verbose(rf"""
    (?<![{CN_DIGITS}十百千万亿])
    (?P<a>[一二三四五六七八九])(?P<b>[二三四五六七八九])
    (?P<mag>十|百|千|万|亿|十万|百万|千万)?
    (?P<unit>{UNIT_WORD_AHEAD})
""")


def read_suffix(rule: Rule, m: regex.Match) -> Candidate | None:
    raw, raw2, unit_word, tail, half, jiao, fen, cents = groups_of(
        m, "num", "num2", "unit", "tail", "half", "jiao", "fen", "cents")
    unit = _UNITS[tail] if tail else _SUFFIX_UNITS[unit_word]
    raw2 = raw2 or ""
    try:
        found = numeral_values(raw, raw2)
    except ValueError:
        logger.debug("rule %s: %r at %d is not a numeral", rule.id, m.group(), m.start())
        return None
    if found is None:
        return None
    value, high, mult = found
    if half and mult == 1 and high is None:
        value += Decimal("0.5")                                   # 两米半
    if jiao or fen or cents:
        change = _small_change(m)
        if change is None:
            return None
        value, mult, rule_id = value * mult + change, Decimal(1), "money.small_change"
    elif raw2:
        rule_id = f"{unit.kind}.range"
    elif unit.kind == "count":
        rule_id = "count.classifier"
    else:
        rule_id = f"{unit.kind}.{'magnitude' if mult != 1 else 'unit'}"
    return new_candidate(m.start(), m.end(), value, mult, unit.unit, unit.kind, rule_id,
                         high, unit.currency, inside_qualifier(raw + raw2))


def read_prefix(rule: Rule, m: regex.Match) -> Candidate | None:
    sign = m.group("sign")
    unit, currency = PREFIX_SIGNS[sign]
    if m.group("unit"):
        suffix = _UNITS[m.group("unit")]
        if sign in CURRENCY_WORDS and suffix.unit != "元" and suffix.unit != unit:
            return None   # 人民币 5美元: two currencies, read the suffix alone
        if sign not in CURRENCY_WORDS or suffix.unit != "元":
            unit, currency = suffix.unit, suffix.currency
    elif sign in CURRENCY_WORDS:
        # "人民币50亿" reads as money; "美元3" without a magnitude is too loose
        if not regex.search(r"[万亿千百]", m.group("num")):
            return None
    return read_numeral_match(rule, m, unit=unit, kind="money", currency=currency)


_SMALL_UNITS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000)}


def read_cn_pair(rule: Rule, m: regex.Match) -> Candidate | None:
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if b != a + 1:
        return None
    mag = m.group("mag")
    mult = Decimal(1) if not mag else _SMALL_UNITS.get(mag) or lexicon.magnitudes()[mag]
    unit = _SUFFIX_UNITS[m.group("unit")]
    return Candidate(m.start(), m.end(), a, mult, unit.unit, unit.kind, rule.id,
                     value_high=b, currency=unit.currency, inside_qualifier="")


def _small_change(m: regex.Match) -> Decimal | None:
    """角, 分 or cents written after the whole amount, as a fraction of it."""
    total = Decimal(0)
    try:
        for group, scale, limit in (("jiao", Decimal("0.1"), 10), ("fen", Decimal("0.01"), 10),
                                    ("cents", Decimal("0.01"), 100)):
            if m.group(group):
                part = parse_number(m.group(group))
                if part >= limit:
                    return None
                total += part * scale
    except ValueError:
        return None
    return total


# Every PREFIX match opens with a sign, every CN_PAIR match holds two neighbouring digits:
# only the text near one is scanned (found by `re`, 3x faster than `regex` at a plain scan;
# the reach is longer than any match).
PREFIX_ANCHOR = re.compile("|".join(map(re.escape, sorted(PREFIX_SIGNS, key=len, reverse=True))))
CN_PAIR_ANCHOR = re.compile("[一二三四五六七八九][二三四五六七八九]")
CN_PAIR_REACH = 32      # the pair, two magnitude characters, a unit word of at most 4

RULES = [
    Rule("money.prefix", PREFIX, read_prefix, anchor=PREFIX_ANCHOR, anchor_reach=256),
    Rule("range.neighbouring_digits", CN_PAIR, read_cn_pair, anchor=CN_PAIR_ANCHOR, anchor_reach=CN_PAIR_REACH),
    Rule("unit.both_ends", BOTH_ENDS, read_suffix, anchor=BOTH_ENDS_ANCHOR, anchor_reach=BOTH_ENDS_REACH),
    Rule("unit.suffix", SUFFIX, read_suffix),
]
