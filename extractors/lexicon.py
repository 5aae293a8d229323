"""Loads and checks the word lists in extractors/data once."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import regex
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Unit:
    alias: str
    unit: str
    kind: str
    currency: str


def _rows(name: str) -> list[list[str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t")
                if row and row[0].strip() and not row[0].startswith("#")]


def load_yaml(text: str):
    """yaml.safe_load, by libyaml's parser where PyYAML has it (8x faster: the
    data files are read at every start)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _yaml(name: str) -> dict:
    return load_yaml((DATA_DIR / name).read_text(encoding="utf-8"))


def alternation(words) -> str:
    """Escaped alternation, longest first, so that 个百分点 wins over 个.

    >>> alternation(["个", "个百分点"])
    '个百分点|个'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        raise ValueError("empty word list")
    return "|".join(regex.escape(w) for w in unique)


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for row in _rows("units.tsv"):
        alias, unit, kind, currency = (row + ["", "", "", ""])[:4]
        if alias in table:
            raise ValueError(f"units.tsv: duplicate alias {alias!r}")
        table[alias] = Unit(alias, unit, kind, currency)
    return table


@lru_cache(maxsize=1)
def magnitudes() -> dict[str, Decimal]:
    table: dict[str, Decimal] = {}
    for row in _rows("magnitudes.tsv"):
        word, value = row[0].strip(), row[1].strip()
        if word == "word":
            continue
        table[word] = Decimal(value)
    return table


@lru_cache(maxsize=1)
def qualifiers() -> dict:
    return _yaml("qualifiers.yaml")


@lru_cache(maxsize=1)
def cues() -> dict:
    return _yaml("cues.yaml")


@lru_cache(maxsize=1)
def not_claims() -> dict:
    return _yaml("not_claims.yaml")
