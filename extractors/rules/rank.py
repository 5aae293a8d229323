"""Ranks (第 2 位, 居全省第三) and multiples (1.5倍, 翻一番)."""
from __future__ import annotations

import re
from decimal import Decimal

import regex

from .. import lexicon
from .base import NUMERAL, RANGE_SEP, Candidate, Rule, compile_verbose, read_numeral_match

RANK_VERBS = lexicon.alternation(lexicon.cues()["measure"]["rank"])

# 第 2 位, 第三名; 第十二次 and 第四批 are ordinals inside names, not ranks.
ORDINAL = compile_verbose(rf"""
    第 (?P<num>{NUMERAL}) (?P<unit>位|名)
    (?![次批届期])
""")

# 居全省第三, 排名全国第5: a rank verb licenses 第N without 位/名.
RANK_VERB = compile_verbose(rf"""
    (?:{RANK_VERBS}|保持) (?:全国|全省|全市|全区|全县|全球|世界|同类城市|各县市区|榜单|当地|本地)?
    (?:同业|同行业|同类|行业|城商行|农商行)?                         # 保持当地同业第一
    (?P<span> 第 (?P<num>{NUMERAL}) (?![次批届期个]) )
""")

# 分列第一、第二、第三位: every member of a list of ranks that ends in 位/名 (not only its last).
RANK_LISTED = compile_verbose(rf"""
    (?P<span> 第 (?P<num>{NUMERAL}) )
    (?= [、和] (?: 第? {NUMERAL} [、和] ){{0,8}} 第? {NUMERAL} (?:位|名) )
""")
# 居第二、三位, 分列第1、2位: the last member without its 第 (read from the list's start)
RANK_LISTED_LAST = compile_verbose(rf"""
    第 {NUMERAL} (?: [、和] 第? {NUMERAL} ){{0,8}}? [、和]
    (?P<span> (?P<num>{NUMERAL}) (?P<unit>位|名) )
""")
RANK_LISTED_ANCHOR = re.compile(r"第[^第]{1,12}?[、和]")

# 较上年前移4位, 上升9位, 下滑2名: a move in a ranking (not 两位数, 位于).
MOVES_UP, MOVES_DOWN = "上升|提升|提高|前移|前进|跃升", "后移|后退|下降|下滑|回落"
RANK_MOVE = compile_verbose(rf"""
    (?<=(?:{MOVES_UP}|{MOVES_DOWN})了?)
    (?P<num>{NUMERAL}) 个? (?P<unit>位|名) (?![数置于次])
""")
# only near a verb of moving right before a number (位 and 名 alone are everywhere: 单位, 名单)
RANK_MOVE_ANCHOR = re.compile(rf"(?:{MOVES_UP}|{MOVES_DOWN})了?[\d一二三四五六七八九十两]")

# 1.5倍, 2—3倍
MULTIPLE = compile_verbose(rf"""
    (?P<num>{NUMERAL}) (?: {RANGE_SEP} (?P<num2>{NUMERAL}) )? 倍
""")

# 翻一番 = ×2, 翻两番 = ×4
# a 多 after it is read as a bound by classify: 翻了一番多
DOUBLING = compile_verbose(r"翻了?(?P<n>一|两|二|三|1|2|3)番")
_DOUBLINGS = {"一": 1, "1": 1, "两": 2, "二": 2, "2": 2, "三": 3, "3": 3}


def read_ordinal(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="位", kind="rank")


def read_rank_verb(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="位", kind="rank", start=m.start("span"), end=m.end("span"))


def read_multiple(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="倍", kind="multiple")


def read_doubling(rule: Rule, m: regex.Match) -> Candidate | None:
    factor = Decimal(2) ** _DOUBLINGS[m.group("n")]
    return Candidate(m.start(), m.end(), factor, Decimal(1), "倍", "multiple", rule.id)


RULES = [
    Rule("rank.ordinal", ORDINAL, read_ordinal),
    Rule("rank.verb", RANK_VERB, read_rank_verb, span_group="span"),
    Rule("rank.listed", RANK_LISTED, read_rank_verb, span_group="span"),
    Rule("rank.listed_last", RANK_LISTED_LAST, read_rank_verb, span_group="span",
         anchor=RANK_LISTED_ANCHOR, anchor_reach=64),
    Rule("rank.move", RANK_MOVE, read_ordinal, anchor=RANK_MOVE_ANCHOR, anchor_reach=32),
    Rule("multiple.times", MULTIPLE, read_multiple),
    Rule("multiple.doubling", DOUBLING, read_doubling),
]
