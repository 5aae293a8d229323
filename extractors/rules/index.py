"""Index levels written without a unit: 居民消费价格指数为101.2, 总指数为99.5.
An index is no percent and no physical quantity: its unit names the index
and, for price indices, the base (filled in from the period by the pipeline)."""
from __future__ import annotations

import re

import regex

from .base import Candidate, Rule, compile_verbose, read_numeral_match

INDEX_LEVEL = compile_verbose(r"""
    (?<=指数(?:[（(][^（）()]{1,12}[)）])?(?:为|是|达到|达|报收|报|在|：|:)?)
    (?P<num>\d{2,3}(?:\.\d{1,3})?)
    (?![\d.%％‰万亿元点])
""")


def read_index(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="指数", kind="quantity")


RULES = [Rule("index.level", INDEX_LEVEL, read_index, anchor=re.compile("指数"), anchor_reach=24)]
