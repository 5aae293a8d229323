"""Numerals to Decimal, no context. (Minimal placeholder; the numbers issue replaces it.)"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation


def parse_number(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not a numeral: {text!r}") from None
