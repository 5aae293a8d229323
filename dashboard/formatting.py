"""Numbers as a reader of each language writes them, through Babel's CLDR data:
110.06亿元 and 8250万美元 in Chinese, 11.01B 元 in English.

    >>> format_cn(11006000000, "元", "money")
    '110.06亿元'
    >>> format_en(11006000000, "元", "money")
    '11.01B 元'
"""
from __future__ import annotations

import functools
import math
from decimal import Decimal, InvalidOperation

import pandas as pd
from babel.numbers import format_compact_decimal, format_decimal

from .locales import BABEL_LOCALES, language

# Kinds read without a magnitude word: 42.1%, 3个百分点, 2.5倍, 第2位.
PLAIN_KINDS = {"percent", "percentage_point", "multiple", "rank"}
KIND_OF_UNIT = {"%": "percent", "百分点": "percentage_point", "倍": "multiple"}
# Below this a Chinese reader writes the digits (9999元, 35个); from it on a magnitude word (1万元).
CN_COMPACT_FROM = Decimal(10_000)
EN_COMPACT_FROM = Decimal(1_000)
BOUND_SIGNS = {"min": "≥", "max": "≤", "approx": "≈"}


def to_decimal(value) -> Decimal | None:
    """Decimal of a cell (number, numeric string, Decimal); None for empty or not a number."""
    if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        # repr of a float (0.1 + 0.2 -> 0.30000000000000004) rounds away below
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal, locale: str, places: int = 4) -> str:
    """Digits without grouping, at most `places` decimals, trailing zeros dropped
    (both locales write 12.5 with a full stop: plain Python formatting, no Babel call per value)."""
    text = format(number.quantize(Decimal(1).scaleb(-places)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value, unit: str = "", kind: str = "", lang: str | None = None) -> str:
    """The value in the current (or the given) language; '' for no value."""
    return (format_en if (lang or language()) == "en" else format_cn)(value, unit, kind)


@functools.lru_cache(maxsize=1 << 16)
def _compact(number: Decimal, locale: str, digits: int) -> str:
    return format_compact_decimal(number, locale=locale, fraction_digits=digits)


def format_cn(value, unit: str = "", kind: str = "") -> str:
    """Chinese reading.

    >>> format_cn(82500000, "美元", "money"), format_cn(3, "百分点", "percentage_point")
    ('8250万美元', '3个百分点')
    """
    number = to_decimal(value)
    if number is None:
        return "" if value is None or value == "" or isinstance(value, float) else str(value)
    unit = unit if isinstance(unit, str) else ""
    kind = (kind if isinstance(kind, str) else "") or KIND_OF_UNIT.get(unit, "")
    loc = BABEL_LOCALES["zh"]
    if kind == "percent" or unit == "%":
        return f"{_plain(number, loc)}%"
    if kind == "percentage_point" or unit == "百分点":
        return f"{_plain(number, loc)}个百分点"
    if kind == "rank":
        return f"第{_plain(number, loc)}{unit}"
    if kind in PLAIN_KINDS or abs(number) < CN_COMPACT_FROM:
        return f"{_plain(number, loc)}{unit}"
    return f"{_compact(number, loc, 4)}{unit}"


def format_en(value, unit: str = "", kind: str = "") -> str:
    """English reading for the English switch: 11.01B 元, 42.1%, 3 pp, #2."""
    number = to_decimal(value)
    if number is None:
        return "" if value is None or value == "" or isinstance(value, float) else str(value)
    unit = unit if isinstance(unit, str) else ""
    kind = (kind if isinstance(kind, str) else "") or KIND_OF_UNIT.get(unit, "")
    loc = BABEL_LOCALES["en"]
    if kind == "percent" or unit == "%":
        return f"{_plain(number, loc)}%"
    if kind == "percentage_point" or unit == "百分点":
        return f"{_plain(number, loc)} pp"
    if kind == "rank":
        return f"#{_plain(number, loc)}"
    if kind in PLAIN_KINDS or abs(number) < EN_COMPACT_FROM:
        return f"{_plain(number, loc)} {unit}".strip()
    return f"{_compact(number, loc, 2)} {unit}".strip()


def format_bounded(value, value_high, unit: str, kind: str, bound: str, lang: str | None = None) -> str:
    """A target as stated: ≥6%, ≈5%, 5%–5.5%; an exact value as it is.

    >>> format_bounded(5, None, "%", "percent", "approx", "zh")
    '≈5%'
    >>> format_bounded(5, 5.5, "%", "percent", "exact", "zh")
    '5%–5.5%'
    """
    low = format_value(value, unit, kind, lang)
    if to_decimal(value_high) is not None:
        low = f"{low}–{format_value(value_high, unit, kind, lang)}"
    return BOUND_SIGNS.get(bound or "", "") + low


def format_count(n: int, lang: str | None = None) -> str:
    """A count of rows or documents with the locale's grouping: 1,000,000."""
    return format_decimal(int(n), locale=BABEL_LOCALES.get(lang or language(), "zh_Hans_CN"))
