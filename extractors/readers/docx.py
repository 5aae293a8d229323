"""Word .docx: paragraphs and tables in body order, after a zip-bomb check."""
from __future__ import annotations

import io
import zipfile
import zlib

from . import Read, Unreadable, check_text

MAX_UNZIPPED = 200 * 2**20   # all members together, uncompressed (images included)
MAX_XML = 64 * 2**20         # XML parts together: lxml holds them as trees, several times larger
MAX_RATIO = 200              # XML compresses ~5-30x; bombs 1000x and more
RATIO_FLOOR = 2**20          # members under 1 MB are not worth the check
INFLATE_CHUNK = 2**20        # bytes inflated at a time: what a lying member can cost beyond the caps


def check_zip(raw: bytes) -> bytes:
    """Refuse zip bombs and non-Word zips before python-docx inflates anything;
    return the package re-stored from what was really inflated.

    The declared sizes are checked first (cheap), then every member is
    streamed in chunks and counted as it inflates, stopping at the caps: a
    zip that lies about its sizes costs at most the caps, never its real size.
    The members are stored again uncompressed, so that python-docx reads only
    the bytes counted here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            _check_declared(infos)
            return _restored(zf, infos)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as err:
        raise Unreadable(f"corrupt DOCX (not a readable zip: {err})") from None


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise Unreadable(f"DOCX unzips to {total / 2**20:,.0f} MB (limit {MAX_UNZIPPED // 2**20} MB): "
                         "zip bomb or too large")
    xml = sum(i.file_size for i in infos if _is_xml(i.filename))
    if xml > MAX_XML:
        raise Unreadable(f"DOCX holds {xml / 2**20:,.0f} MB of XML (limit {MAX_XML // 2**20} MB): "
                         "zip bomb or too large")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unreadable(f"DOCX member {info.filename} expands {info.file_size // max(info.compress_size, 1):,}x "
                             "(zip bomb?)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise Unreadable("not a Word .docx (zip without word/document.xml)")


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _restored(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bytes:
    """Each member inflated chunk by chunk under the caps, stored again."""
    out = io.BytesIO()
    total = xml = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dest:
        for info in infos:
            if info.is_dir():
                continue
            chunks = []
            with zf.open(info) as member:
                while chunk := member.read(INFLATE_CHUNK):
                    total += len(chunk)
                    xml += len(chunk) if _is_xml(info.filename) else 0
                    if total > MAX_UNZIPPED or xml > MAX_XML:
                        raise Unreadable(f"DOCX inflates beyond its limit ({MAX_UNZIPPED // 2**20} MB, "
                                         f"{MAX_XML // 2**20} MB of XML) at member {info.filename}: zip bomb")
                    chunks.append(chunk)
            dest.writestr(info.filename, b"".join(chunks))
    return out.getvalue()


def read_docx(raw: bytes) -> Read:
    """Paragraph texts, one per line; a table row per line with cells split by tabs."""
    raw = check_zip(raw)
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
    from ..table_layout import grid_lines

    grid, above = [], {}
    for row in table.rows:
        cells, left = [], None
        for col, cell in enumerate(row.cells):
            tc = cell._tc                 # the element itself (held, so identity is stable)
            copy = tc is left or above.get(col) is tc
            text = _text(cell)
            cells.append((text, copy, _indent(cell, text) if col == 0 else 0))
            above[col], left = tc, tc
        grid.append(cells)
    return grid_lines(grid)


def _text(cell) -> str:
    return " ".join(p.text for p in cell.paragraphs)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_CHAR = 210          # a 10.5 pt (五号) character


def _indent(cell, text: str) -> int:
    """A label's indent in characters: spaces typed before it, and the paragraph's
    indent (w:ind in characters, leftChars="200", or in twips)."""
    typed = len(text) - len(text.lstrip(" \u3000\u00a0"))
    paragraphs = cell.paragraphs
    ind = paragraphs[0]._p.find(f"{_W}pPr/{_W}ind") if paragraphs else None
    if ind is None:
        return typed
    chars = 0.0
    for name, per_char in (("leftChars", 100), ("firstLineChars", 100), ("left", TWIPS_PER_CHAR),
                           ("start", TWIPS_PER_CHAR), ("firstLine", TWIPS_PER_CHAR)):
        value = ind.get(f"{_W}{name}")
        if value and value.lstrip("-").isdigit():
            if name in ("left", "start") and ind.get(f"{_W}leftChars"):
                continue            # Word writes both; the characters are what the author set
            if name == "firstLine" and ind.get(f"{_W}firstLineChars"):
                continue
            chars += int(value) / per_char
    return typed + max(0, round(chars))
