"""Inputs built to make the engine slow: linear time, and the invariants,
on the families of issue 10 (and property tests over their mixtures).

Each family is a function of a size in units (a 万, a digit, a 百分之, a list
member, a numeral character, a line). Timing: the best of a few runs of CPU
time, so that a shared machine's load counts less; a floor keeps the ratio of
two tiny times out of the check.
"""
from __future__ import annotations

import contextlib
import signal
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract, parse_number
from extractors.filters import blocked_spans, reason_not_claim
from extractors.normalize import normalize
from extractors.numbers import parse_range, split_magnitude
from extractors.rules import Skipped, find_candidates

FAMILIES = {
    "1 then 万 repeated": lambda n: "1" + "万" * n,
    "digits of one number": lambda n: "增长" + "".join(str(i * 7 % 10) for i in range(n)) + "%",
    "百分之 repeated": lambda n: "百分之" * n,
    "、 list of percentages": lambda n: "分别增长" + "、".join(f"{i % 90 + 1}.5%" for i in range(n)) + "。",
    "run of Chinese numerals": lambda n: ("一二三四五六七八九十百千万亿" * (n // 14 + 1))[:n] + "元",
    "number broken over lines": lambda n: "营业收入" + "\n".join(str(i % 10) for i in range(n)) + "亿元",
}
SMALL, LARGE = 1000, 4000
LIMIT_S = 2.0
GROWTH = 6.0           # 4x the input may cost at most 6x the time
FLOOR_S = 0.02         # times below this are noise on a shared machine


def engine(text: str) -> list:
    """The numbers stage: normalise, rules, not-claim filters."""
    norm = normalize(text)
    blocked = blocked_spans(norm.text)
    return [c for c in find_candidates(norm.text) if not reason_not_claim(norm.text, c, blocked)]


def cpu_time(fn, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn(text)
        best = min(best, time.process_time() - start)
    return best


@contextlib.contextmanager
def stopped_after(seconds: float):
    """Raise TimeoutError in the block once `seconds` of wall time have passed."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("family", FAMILIES)
def test_engine_is_linear(family):
    small, large = (cpu_time(engine, FAMILIES[family](n)) for n in (SMALL, LARGE))
    assert large < LIMIT_S, f"{family}: {large:.2f} s at {LARGE} units"
    assert large <= GROWTH * max(small, FLOOR_S), f"{family}: {small:.3f} s -> {large:.3f} s for 4x the input"


@pytest.mark.parametrize("family", FAMILIES)
def test_full_pipeline_is_linear(family):
    small = cpu_time(extract, FAMILIES[family](SMALL), runs=1)
    # linear time cannot reach the limit at 4x from more than a quarter of it
    assert small <= LIMIT_S / 4, f"{family}: {small:.2f} s at {SMALL} units already"
    with stopped_after(3 * LIMIT_S):         # a quadratic stage fails here, not after half a minute
        large = cpu_time(extract, FAMILIES[family](LARGE), runs=1)
    if large > GROWTH * max(small, FLOOR_S) and large < LIMIT_S / 2:
        # a garbage collection of the whole test process or a loaded machine, not the input:
        # the best of two more runs (a super-linear stage is as slow every time)
        large = min(large, cpu_time(extract, FAMILIES[family](LARGE), runs=2))
    assert large < LIMIT_S, f"{family}: {large:.2f} s at {LARGE} units"
    assert large <= GROWTH * max(small, FLOOR_S), f"{family}: {small:.3f} s -> {large:.3f} s for 4x the input"


@pytest.mark.parametrize("family", FAMILIES)
def test_spans_index_the_source(family):
    text = FAMILIES[family](SMALL)
    for claim in extract(text):
        assert text[claim.start:claim.end] == claim.text
        assert claim.value_normalized.is_finite()


def test_over_long_numerals_are_skipped_with_a_reason():
    text = "营业收入增长" + "9" * 2500 + "%，利润增长5%。"
    skipped: list[Skipped] = []
    found = find_candidates(normalize(text).text, skipped)
    assert [text[c.start:c.end] for c in found] == ["5%"]
    assert [(s.rule, s.offset) for s in skipped] == [("numeral", 6)]
    assert "2500 numeral characters" in skipped[0].reason


def test_a_rule_that_overruns_is_reported_not_waited_for(monkeypatch):
    """The time budget: with a budget of nothing, every rule stops at once,
    names itself and the offset, and the pass still returns."""
    import extractors.rules as rules

    monkeypatch.setattr(rules, "BUDGET_BASE_S", -10.0)
    monkeypatch.setattr(rules, "BUDGET_RESTART_S", 1e-9)
    monkeypatch.setattr(rules, "BUDGET_MIN_RATE", 10**12)
    text = normalize("全市增长5%。" * 2000).text
    skipped: list[Skipped] = []
    start = time.perf_counter()
    rules.find_candidates(text, skipped)
    assert time.perf_counter() - start < 30
    assert skipped and all(s.rule in {r.id for r in rules.RULES} for s in skipped)
    assert all(0 <= s.offset < len(text) and "time budget" in s.reason for s in skipped)


# -- properties over mixtures of the families ----------------------------------------

PIECES = ["万", "亿", "1", "0", "9", ".", "%", "百分之", "、", "\n", "一", "二", "十", "百", "千", "零", "点",
          "元", "个", "增长", "-", "—", "第", "位", "倍", "分之", "成", "“", "”", "，", "。", " ", "多", "余"]


@settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 60)), min_size=1, max_size=12))
def test_mixtures_keep_the_invariants(parts):
    text = "".join(piece * count for piece, count in parts)
    start = time.process_time()
    claims = extract(text)
    assert time.process_time() - start < LIMIT_S
    for claim in claims:
        assert text[claim.start:claim.end] == claim.text
        assert claim.value_normalized.is_finite()
        assert claim.value_high is None or claim.value_high.is_finite()


NUMERAL_CHARS = "0123456789.,-+^/~万亿兆千百十一二两三四五六七八九零〇点分之又负多余几半打壹贰叁元角整%e "


@settings(max_examples=300, deadline=1000)
@given(st.one_of(st.text(NUMERAL_CHARS, max_size=80), st.text(max_size=40)))
def test_parse_number_raises_only_value_error(text):
    for parse in (parse_number, split_magnitude, parse_range):
        try:
            result = parse(text)
        except ValueError:
            continue
        values = result if isinstance(result, tuple) else (result,)
        assert all(isinstance(v, Decimal) and v.is_finite() for v in values), (text, result)


@pytest.mark.parametrize("text, reason", [
    ("0^-1", "zero to a negative power"),
    ("1" * 29, "more than 28 significant digits"),
    ("1.2345678901234567890123456789亿", "more than 28 significant digits"),
    ("2^100", "more than 28 significant digits"),
    ("1" * 65, r"65 characters \(limit 64\)"),
], ids=["zero-negative-power", "29-digits", "29-digits-decimal", "power-beyond-28", "65-characters"])
def test_parse_number_refuses_what_it_cannot_hold(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_number(text)


LAYOUT = ["制造业", "集群", "，", "。", "”", "：", "（下转第2版）", "ab", "PM 2.5", " ", "\u3000", "\n", "\n\n",
          "\r\n", "12", "3.4", "％", "１２", "個", "1、", "（一）", "本报讯", "■", "\t", "①"]


@settings(max_examples=150, deadline=1000)
@given(st.lists(st.sampled_from(LAYOUT), max_size=80))
def test_normalize_keeps_a_map_to_the_original(pieces):
    """Every normalised character is its original character folded, or one
    space / line break standing for a run of whitespace there."""
    import unicodedata

    from extractors.normalize import traditional_to_simplified

    t2s = traditional_to_simplified()
    text = "".join(pieces)
    norm = normalize(text)
    index = list(norm.index)
    assert len(index) == len(norm.text) + 1 and index[-1] == len(text)
    assert all(a < b for a, b in zip(index, index[1:]))
    for ch, pos in zip(norm.text, index):
        original = text[pos]
        if ch in " \n" and (original.isspace() or original in "\u200b\ufeff"):
            continue
        assert ch in (original, unicodedata.normalize("NFKC", original), t2s.get(original)), (ch, original)
    assert not any(c in norm.text for c in "\t\r\u3000")


@settings(max_examples=300, deadline=1000)
@given(st.lists(st.sampled_from([p for p in LAYOUT if "\n" not in p]), max_size=40))
def test_short_line_path_is_the_whole_text_path(pieces):
    """A title or date line takes a plain-Python path (numpy costs more than
    it saves on a short line); it must give the same text and the same map."""
    import extractors.normalize as N

    text = "".join(pieces)
    fast = N.normalize(text)
    short, N.SHORT_LINE = N.SHORT_LINE, -1      # every text down the numpy path
    try:
        whole = N.normalize(text)
    finally:
        N.SHORT_LINE = short
    assert (fast.text, list(fast.index)) == (whole.text, list(whole.index))
