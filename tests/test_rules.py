"""Table-driven tests of the extraction engine, read from tests/cases/*.yaml.

Each YAML file holds one category:

    category: percent
    exhaustive: true          # default for the file: expected claims are ALL the claims
    published: 2022-06-15     # default publication date for the file (optional)
    cases:
      - phrase: 42.1%                       # the test id
        text: 规上工业增加值增长42.1%。       # the sentence given to extract()
        published: 2022-06-15               # optional, overrides the file default
        exhaustive: false                   # optional, overrides the file default
        expect:                             # claims that must be found (matched by `text`)
          - {text: 42.1%, value_normalized: "42.1", unit: "%", kind: percent}
        absent: [2021年]                     # spans that no claim may overlap
        no_claims: true                     # the sentence must yield no claim at all
        xfail: "reason"                     # a known engine failure (strict)

Field semantics: Decimal fields (value, value_high, multiplier,
value_normalized) compare numerically; a string "~33.333" compares within
0.001. `indicator` matches by containment either way. `value_high: null`
asserts that there is no upper end. Every other field compares with ==.

Every case is also checked for the offset invariant:
``claim.text == sentence[claim.start:claim.end]`` for every produced claim.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extractors import extract

CASES_DIR = Path(__file__).parent / "cases"
DECIMAL_FIELDS = {"value", "value_high", "multiplier", "value_normalized"}
KNOWN_KEYS = {"phrase", "text", "published", "exhaustive", "expect", "absent", "no_claims", "xfail"}


def _load() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        category = doc["category"]
        for case in doc["cases"]:
            unknown = set(case) - KNOWN_KEYS
            assert not unknown, f"{path.name}: {case.get('phrase')}: unknown keys {unknown}"
            case = dict(case)
            case.setdefault("exhaustive", doc.get("exhaustive", True))
            if "published" not in case and doc.get("published"):
                case["published"] = doc["published"]
            case["category"] = category
            out.append((f"{category}:{case['phrase']}", case))
    return out


CASES = _load()


def _params(cases, with_xfail=True):
    params = []
    for cid, case in cases:
        marks = ()
        if with_xfail and case.get("xfail"):
            marks = pytest.mark.xfail(strict=True, reason=str(case["xfail"]))
        params.append(pytest.param(case, id=cid, marks=marks))
    return params


def _published(case):
    pub = case.get("published")
    if isinstance(pub, dt.date):
        return pub.isoformat()
    return pub


def _show(c) -> str:
    return (f"{c.text!r} v={c.value} hi={c.value_high} x{c.multiplier} ={c.value_normalized} "
            f"{c.unit}/{c.currency} {c.kind} {c.measure}/{c.direction} {c.status} "
            f"{c.bound}({c.qualifier}) ind={c.indicator!r} per={c.period!r}")


def _field_ok(name: str, want, got) -> bool:
    if name in DECIMAL_FIELDS:
        if want is None or got is None:
            return want is None and got is None
        if isinstance(want, str) and want.startswith("~"):
            return abs(Decimal(want[1:]) - Decimal(got)) < Decimal("0.001")
        return Decimal(str(want)) == Decimal(got)
    if name == "indicator":
        want, got = str(want), got or ""
        return bool(got) and (want in got or got in want) if want else not got
    return str(want) == str(got if got is not None else "")


def test_case_table_is_well_formed():
    assert len(CASES) >= 300
    ids = [cid for cid, _ in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for cid, case in CASES:
        assert case.get("expect") or case.get("absent") or case.get("no_claims"), cid
        for want in case.get("expect") or []:
            assert "text" in want, cid
            assert want["text"] in case["text"], cid
        for span in case.get("absent") or []:
            assert span in case["text"], (cid, span)


@pytest.mark.parametrize("case", _params(CASES))
def test_rule(case):
    sentence = case["text"]
    claims = extract(sentence, doc_id="t", published=_published(case))
    shown = "\n  ".join(_show(c) for c in claims) or "(none)"
    if case.get("no_claims"):
        assert not claims, f"expected no claims in {sentence!r}, got:\n  {shown}"
    for span in case.get("absent") or []:
        s = sentence.index(span)
        e = s + len(span)
        hits = [c for c in claims if c.start < e and s < c.end]
        assert not hits, f"{span!r} must not be a claim, got:\n  " + "\n  ".join(_show(c) for c in hits)
    expected = case.get("expect") or []
    unused = list(claims)
    for want in expected:
        match = next((c for c in unused if c.text == want["text"]), None)
        assert match is not None, f"no claim {want['text']!r} in {sentence!r}; got:\n  {shown}"
        unused.remove(match)
        bad = {k: (v, getattr(match, k)) for k, v in want.items()
               if k != "text" and not _field_ok(k, v, getattr(match, k))}
        assert not bad, f"{want['text']!r}: field (expected, got): {bad}\n  {_show(match)}"
    if case.get("exhaustive") and expected:
        assert not unused, "unexpected extra claims:\n  " + "\n  ".join(_show(c) for c in unused)


@pytest.mark.parametrize("case", _params(CASES, with_xfail=False))
def test_offsets_index_the_source(case):
    """Invariant over every case: text == source[start:end]."""
    sentence = case["text"]
    for c in extract(sentence, doc_id="t", published=_published(case)):
        assert c.text == sentence[c.start:c.end], _show(c)
        assert 0 <= c.start < c.end <= len(sentence)
