"""Claims to DataFrames and to the CSV files of DESIGN.md (UTF-8 with BOM)."""
from __future__ import annotations

import os
import tempfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Iterable

import pandas as pd

from .model import ARTICLE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, Claim


def format_decimal(value: Decimal | None) -> str:
    """Plain positional notation, no exponent, no trailing zeros.

    >>> format_decimal(Decimal("1.1006E+10"))
    '11006000000'
    """
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """One row per claim, DESIGN.md columns in order; numbers as plain strings
    so that no float rounding reaches the CSV."""
    rows = []
    for c in claims:
        row = asdict(c)
        for key in ("value", "value_high", "multiplier", "value_normalized"):
            row[key] = format_decimal(row[key])
        rows.append({k: row[k] for k in CLAIM_COLUMNS})
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write atomically as UTF-8 with BOM so Excel shows the Chinese."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            frame.to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
