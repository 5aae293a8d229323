"""CSV cells for people: no formula a spreadsheet would run (OWASP, CSV
injection). Standard library only, so that the CLI imports it cheaply;
table.py re-exports it for the frames and the dashboard."""
from __future__ import annotations

import re

# Text a spreadsheet would run as a formula (OWASP, CSV injection): cells
# starting with = + - @ tab or CR. A plain number (-28.7, +5) is no formula and
# stays a number.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?(?:\d{1,64}(?:\.\d{0,64})?|\.\d{1,64})(?:[eE][-+]?\d{1,4})?")


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula, with a leading
    apostrophe; anything else (numbers, text that is a plain number) as is.

    >>> [neutralise_cell(v) for v in ("=SUM(A1)", "-2+3", "-28.7", -3, "增长5%")]
    ["'=SUM(A1)", "'-2+3", '-28.7', -3, '增长5%']
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
