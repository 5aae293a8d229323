"""All rules, and the pass that runs them over a normalised text."""
from __future__ import annotations

from . import percent, plain, rank, units
from .base import Candidate, Rule

# Order is priority when two rules claim the same span.
RULES: list[Rule] = [*percent.RULES, *rank.RULES, *units.RULES, *plain.RULES]


def find_candidates(text: str) -> list[Candidate]:
    """Every quantity the rules find, overlaps resolved: the longest span
    wins, then the earlier rule in RULES."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            cand = rule.read(rule, match)
            if cand is not None:
                found.append((cand.start, -(cand.end - cand.start), priority, cand))
    found.sort(key=lambda t: (t[1], t[0], t[2]))
    taken = bytearray(len(text) + 1)     # 1 where a kept candidate lies
    kept: list[Candidate] = []
    for start, neg_len, _, cand in found:
        end = start - neg_len
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(cand)
    kept.sort(key=lambda c: c.start)
    return kept


__all__ = ["Candidate", "RULES", "Rule", "find_candidates"]
