"""Arabic numbers with a magnitude word and no unit: 常住人口1200万, 营收3.5亿.
Without a magnitude word a bare number is too often a code, a page or a list
item to be reported."""
from __future__ import annotations

import regex

from .base import ARABIC, MAGNITUDE, Candidate, Rule, compile_verbose, read_numeral_match

MAGNITUDE_ONLY = compile_verbose(rf"""
    (?<![\d.])
    (?P<num>{ARABIC}[多余]?(?:{MAGNITUDE})[多余]?)
    (?!级)                                       # 500亿级产业: a size class, not an amount
""")


def read_magnitude_only(rule: Rule, m: regex.Match) -> Candidate | None:
    return read_numeral_match(rule, m, unit="", kind="quantity")


RULES = [Rule("quantity.magnitude_only", MAGNITUDE_ONLY, read_magnitude_only)]
