"""Word .docx: paragraphs and tables in body order, after a zip-bomb check."""
from __future__ import annotations

import io
import zipfile

from . import Read, Unreadable, check_text

MAX_UNZIPPED = 200 * 2**20   # all members together, uncompressed (images included)
MAX_XML = 64 * 2**20         # XML parts together: lxml holds them as trees, several times larger
MAX_RATIO = 200              # XML compresses ~5-30x; bombs 1000x and more
RATIO_FLOOR = 2**20          # members under 1 MB are not worth the check


def check_zip(raw: bytes) -> None:
    """Refuse zip bombs and non-Word zips before python-docx inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise Unreadable(f"corrupt DOCX (not a readable zip: {err})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise Unreadable(f"DOCX unzips to {total / 2**20:,.0f} MB (limit {MAX_UNZIPPED // 2**20} MB): "
                         "zip bomb or too large")
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML:
        raise Unreadable(f"DOCX holds {xml / 2**20:,.0f} MB of XML (limit {MAX_XML // 2**20} MB): "
                         "zip bomb or too large")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unreadable(f"DOCX member {info.filename} expands {info.file_size // max(info.compress_size, 1):,}x "
                             "(zip bomb?)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise Unreadable("not a Word .docx (zip without word/document.xml)")


def read_docx(raw: bytes) -> Read:
    """Paragraph texts, one per line; a table row per line with cells split by tabs."""
    check_zip(raw)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
        title = (document.core_properties.title or "").strip()
    except Unreadable:
        raise
    except Exception as err:  # lxml and python-docx raise many types on broken parts
        detail = (str(err).strip().splitlines() or [""])[0][:120]
        raise Unreadable(f"corrupt DOCX: {type(err).__name__}: {detail}") from None
    return Read(check_text("\n".join(lines)), encoding="", title=title)


def _table_lines(table) -> list[str]:
    """Rows as TAB lines over the table's full grid: a merged cell repeats its text in
    each column and row it spans (so group headers align), copies of numbers blank."""
    from ..tabular import grid_lines

    grid, above = [], {}
    for row in table.rows:
        cells, left = [], None
        for col, cell in enumerate(row.cells):
            tc = cell._tc                 # the element itself (held, so identity is stable)
            copy = tc is left or above.get(col) is tc
            cells.append((_text(cell), copy))
            above[col], left = tc, tc
        grid.append(cells)
    return grid_lines(grid)


def _text(cell) -> str:
    return " ".join(p.text for p in cell.paragraphs)
