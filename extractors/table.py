"""Claims to DataFrames and to the CSV files of DESIGN.md (UTF-8 with BOM)."""
from __future__ import annotations

import os
import tempfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pandas as pd

from .csvsafe import FORMULA_PREFIXES, PLAIN_NUMBER, neutralise_cell  # noqa: F401 (shared from here)
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
    import pandas as pd
    rows = []
    for c in claims:
        row = asdict(c)
        for key in ("value", "value_high", "multiplier", "value_normalized"):
            row[key] = format_decimal(row[key])
        rows.append({k: row[k] for k in CLAIM_COLUMNS})
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd
    return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of `frame` with every formula-like text cell neutralised
    (neutralise_cell); numeric columns are left alone.

    >>> import pandas as pd
    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok"], "b": [-3.5, 2.0]})).values.tolist()
    [["'=1+1", -3.5], ['ok', 2.0]]
    """
    import pandas as pd
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            continue
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = [neutralise_cell(c) for c in s.cat.categories]
            if len(set(cats)) == len(cats):
                out[col] = s.cat.rename_categories(cats)
                continue
            s = s.astype(object)
        out[col] = s.map(neutralise_cell, na_action="ignore")
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write atomically as UTF-8 with BOM so Excel shows the Chinese; text
    cells that a spreadsheet would run as formulas are neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            neutralise_formulas(frame).to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
