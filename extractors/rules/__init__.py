"""All rules, and the pass that runs them over a normalised text.

The pass is linear in the text by construction: every quantifier of the rules
is bounded, a run of numeral characters longer than one numeral can be
(MAX_NUMERAL) is masked and reported instead of scanned, and a time budget per
document stops a rule that overruns (reported with the rule and the offset)
rather than letting it hang the document.
"""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from decimal import Decimal

import regex

from . import index, percent, plain, rank, units
from .base import CN_DIGITS, CN_UNITS, MAX_NUMERAL, Candidate, Rule, new_candidate

logger = logging.getLogger(__name__)

# Order is priority when two rules claim the same span.
RULES: list[Rule] = [*percent.RULES, *rank.RULES, *units.RULES, *plain.RULES, *index.RULES]

# Characters a numeral is made of; a longer run of them than MAX_NUMERAL is not
# one numeral (a 10,000-digit number, 一二三… repeated, a number broken over
# many lines and joined by normalize).
_NUMERAL_CHAR = rf"[0-9.{CN_DIGITS}{CN_UNITS}点點]"
# re, not regex: for a bare character class it scans several times faster
_LONG_RUN = re.compile(f"{_NUMERAL_CHAR}{{{MAX_NUMERAL + 1}}}")
_NOT_NUMERAL_CHAR = re.compile(rf"[^0-9.{CN_DIGITS}{CN_UNITS}点點]")
_MASK = "\ufffc"     # OBJECT REPLACEMENT CHARACTER: matches no rule
# Time a document may spend in the rules: a base plus a floor rate far
# below the normal speed (millions of characters a second).
BUDGET_BASE_S = 2.0
BUDGET_MIN_RATE = 100_000    # characters per second
# Once the budget is spent, a rule still gets this long for each restart.
BUDGET_RESTART_S = 0.05
# Where a rule resumes after an overrun: past the next sentence end.
_RESUME = regex.compile(r"[。！？；!?;\n]")


@dataclass(frozen=True, slots=True)
class Skipped:
    """Text the rules did not read, and why: rule id ("numeral" for an
    over-long run), offset in the normalised text, reason."""
    rule: str
    offset: int
    reason: str


def mask_long_runs(text: str, skipped: list[Skipped] | None = None) -> str:
    """`text` with every run of numeral characters longer than MAX_NUMERAL
    replaced (same length, so offsets hold) by a character no rule reads.

    >>> mask_long_runs("增长" + "1" * 50 + "%").count("1"), len(mask_long_runs("1" * 50))
    (0, 50)
    """
    found = _LONG_RUN.search(text)
    if found is None:
        return text
    parts, pos = [], 0
    while found is not None:
        start = found.start()
        stop = _NOT_NUMERAL_CHAR.search(text, found.end())
        end = stop.start() if stop else len(text)
        parts += [text[pos:start], _MASK * (end - start)]
        _report(skipped, Skipped("numeral", start, f"run of {end - start} numeral characters "
                                                   f"(longer than {MAX_NUMERAL}): not read"))
        pos = end
        found = _LONG_RUN.search(text, end)
    parts.append(text[pos:])
    return "".join(parts)


def _report(skipped: list[Skipped] | None, item: Skipped) -> None:
    # an over-long run is expected input (a hash, a row of digits); an overrun is not
    level = logging.INFO if item.rule == "numeral" else logging.WARNING
    logger.log(level, "rules skipped text at offset %d (%s): %s", item.offset, item.rule, item.reason)
    if skipped is not None:
        skipped.append(item)


def _windows(rule: Rule, text: str) -> list[tuple[int, int]]:
    """(pos, endpos) to scan: the whole text, or, for a rule whose every match
    holds one of its anchor characters, the stretches near them."""
    if rule.anchor is None:
        return [(0, len(text))]
    reach = rule.anchor_reach
    out: list[tuple[int, int]] = []
    for m in rule.anchor.finditer(text):
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _matches(rule: Rule, text: str, deadline: float, skipped: list[Skipped] | None):
    """The rule's matches, left to right as finditer gives them; an overrun is
    reported and the scan resumes after the next sentence end."""
    for lo, hi in _windows(rule, text):
        pos = lo
        while pos < hi:
            try:
                for m in rule.pattern.finditer(text, pos, hi,
                                               timeout=max(deadline - time.perf_counter(), BUDGET_RESTART_S)):
                    pos = m.end()
                    yield m
                break
            except TimeoutError:
                stop = _RESUME.search(text, pos + 1, hi)
                resume = stop.end() if stop else hi
                _report(skipped, Skipped(rule.id, pos, f"time budget spent; text up to {resume} not read"))
                pos = resume


def find_candidates(text: str, skipped: list[Skipped] | None = None) -> list[Candidate]:
    """Every quantity the rules find, overlaps resolved: the longest span
    wins, then the earlier rule in RULES. Text the rules did not read is
    appended to `skipped` (and logged).

    >>> [(c.start, c.end, c.rule) for c in find_candidates("签约35个项目，增长5%")]
    [(2, 5, 'count.classifier'), (10, 12, 'percent.symbol')]
    """
    budget = BUDGET_BASE_S + len(text) / BUDGET_MIN_RATE
    deadline = time.perf_counter() + budget
    scanned = mask_long_runs(text, skipped)
    found: list[tuple[int, int, int, int]] = []     # (-length, start, priority, index in matches)
    matches: list[tuple[Rule, regex.Match]] = []
    for priority, rule in enumerate(RULES):
        group = rule.span_group
        for match in _matches(rule, scanned, deadline, skipped):
            start, end = match.span(group) if group else match.span()
            found.append((start - end, start, priority, len(matches)))
            matches.append((rule, match))
    found.sort()
    taken = bytearray(len(text) + 1)     # 1 where a kept candidate lies
    kept: list[Candidate] = []
    for neg_len, start, _, at in found:
        end = start - neg_len
        if taken.find(1, start, end) >= 0:
            continue                     # a longer or earlier claim holds the span: no need to read
        rule, match = matches[at]
        cand = rule.read(rule, match)
        if cand is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return _shared_units(scanned, kept)


# A list whose last number alone writes the unit: 收窄0.1个和0.2个百分点, 分别增长3.2、4.5和5.1%.
_SHARED_UNIT_KINDS = {"percent", "percentage_point", "money"}
_LIST_MARKS = "、和及与"
_LIST_MARK = regex.compile(rf"\s{{0,2}}[{_LIST_MARKS}]\s{{0,2}}$")
# at most 8 bare numbers before the one that writes the unit (each ≤ 12 digits)
_BARE_LIST = regex.compile(rf"(?<![\d.第])(?:\d{{1,12}}(?:\.\d{{1,6}})?\s{{0,2}}[{_LIST_MARKS}]\s{{0,2}}){{1,8}}$")
_BARE_NUMBER = regex.compile(r"\d{1,12}(?:\.\d{1,6})?")


def _shared_units(text: str, kept: list[Candidate]) -> list[Candidate]:
    """Numbers listed before one that writes the unit take its unit: a count 0.1个 right
    before 和0.2个百分点 is points, and bare numbers (3.2、4.5和5.1%) are claims."""
    out: list[Candidate] = []
    for cand in kept:
        before = text[cand.start - 1:cand.start]
        if cand.kind not in _SHARED_UNIT_KINDS or not before or before not in _LIST_MARKS + " \t" \
                or not text[cand.start:cand.start + 1].isdigit():
            out.append(cand)        # (the last number of a list follows a list mark)
            continue
        # 0.1个 (a count) then 和0.2个百分点: each 个 of the list is 个百分点
        k = len(out)
        while (cand.kind == "percentage_point" and k and out[k - 1].unit == "个" and out[k - 1].kind == "count"
               and text[out[k - 1].end - 1:out[k - 1].end] == "个"
               and _LIST_MARK.search(text, out[k - 1].end, (out[k] if k < len(out) else cand).start)):
            k -= 1
        for j in range(k, len(out)):
            c = out[j]
            out[j] = new_candidate(c.start, c.end, c.value, cand.multiplier, cand.unit, cand.kind,
                                   "percent.points.listed", currency=cand.currency)
        head = (out[k] if k < len(out) else cand).start
        # (most numbers follow no list mark: look for a list only after one)
        mark = text[max(0, head - 3):head].rstrip()[-1:]
        bare = _BARE_LIST.search(text, max(0, head - 120), head) if mark and mark in _LIST_MARKS else None
        if bare and (not out or out[-1].end <= bare.start()):
            for m in _BARE_NUMBER.finditer(text, bare.start(), bare.end()):
                out.append(new_candidate(m.start(), m.end(), Decimal(m.group()), cand.multiplier, cand.unit,
                                         cand.kind, f"{cand.rule}.listed", currency=cand.currency))
            out.sort(key=lambda c: c.start)
        out.append(cand)
    return out


__all__ = ["Candidate", "RULES", "Rule", "Skipped", "find_candidates", "mask_long_runs"]
