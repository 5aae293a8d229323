"""PDF with a text layer, read column by column so that newspaper articles come out whole.

pdfminer.six (the engine under pdfplumber, called directly: three times faster
than through pdfplumber) gives the characters with their boxes. Characters on
one baseline are joined into line segments; a recursive XY-cut then orders the
segments: a white gutter running the full height of a region splits it into
columns (read left to right); else the region is cut at its horizontal white
bands, and consecutive bands are kept together while they still leave a gutter
between them (and hold no headline, which is set larger than body text), so
that a headline spanning three columns is read before them and the rows of a
three-column body are not read across.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTFigure
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from . import MAX_TEXT_CHARS, Read, Unreadable, check_text

logger = logging.getLogger(__name__)

GUTTER = 0.8        # min width of a column gutter, in character heights
JOIN = 0.8          # characters closer than this (character heights) form one line segment
SAME_LINE = 0.5     # tops closer than this are one line
SPACE = 0.25        # a gap this wide between characters on a line is a space
BAND_GAP = 0.1      # min white height between horizontal bands, in character heights
HEADLINE = 1.3      # segments this many times the median character height are headlines


@dataclass(slots=True)
class Segment:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def read_pdf(raw: bytes) -> Read:
    """Text of every page in reading order; Unreadable for scans, encrypted or broken files."""
    if b"%PDF-" not in raw[:1024]:
        raise Unreadable("not a PDF (no %PDF- header)")
    if b"%%EOF" not in raw[-2048:]:
        raise Unreadable("truncated PDF (no %%EOF end marker)")
    if b"/Encrypt" in raw:
        _check_password(raw)
    pages: list[str] = []
    total = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
        title = _title(document)
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=None)  # characters only, no layout analysis
        interpreter = PDFPageInterpreter(resources, device)
        ruled = _RuledTables(raw)
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            interpreter.process_page(page)
            layout = device.get_result()
            text = layout_text(_chars(layout), ruled.of_page(number - 1, layout))
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise Unreadable(f"text too long: over {MAX_TEXT_CHARS:,} characters by page "
                                 f"{number} (split the file)")
            pages.append(text)
    except Unreadable:
        raise
    except Exception as err:  # pdfminer raises many types on broken files
        raise Unreadable(_broken(err)) from None
    if not pages:
        raise Unreadable("PDF has no pages")
    if not any(p.strip() for p in pages):
        raise Unreadable("no text layer (scanned PDF?)")
    empty = [i for i, p in enumerate(pages, 1) if not p.strip()]
    if empty:
        logger.warning("PDF pages without text (scanned?): %s", empty)
    return Read(check_text("\n\n".join(pages)), encoding="", title=title)


def _chars(layout) -> list[dict]:
    """The page's characters (also inside form XObjects), top measured downwards; a
    character printed twice at one spot (fake bold by overprinting) counts once."""
    height = layout.y1
    out, seen, stack = [], set(), list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            key = (text, round(obj.x0), round(obj.y1))
            if text.strip() and key not in seen:
                seen.add(key)
                out.append({"text": text, "x0": obj.x0, "x1": obj.x1,
                            "top": height - obj.y1, "bottom": height - obj.y0})
        elif isinstance(obj, LTFigure):
            stack.extend(obj)
    return out


def _title(document) -> str:
    for info in document.info:
        title = resolve1(info.get("Title"))
        if isinstance(title, bytes):
            title = decode_text(title)
        if isinstance(title, str) and title.strip():
            return title.strip()
    return ""


def _check_password(raw: bytes) -> None:
    """Encrypted PDFs open when the user password is empty (owner-only restrictions)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted PDF: a password is needed to open it")
    except Unreadable:
        raise
    except Exception as err:
        raise Unreadable(_broken(err)) from None


def _broken(err: Exception) -> str:
    detail = (str(err).strip().splitlines() or [""])[0][:120]
    if "password" in detail.lower() or "encrypt" in type(err).__name__.lower():
        return f"encrypted PDF: cannot decrypt ({detail or type(err).__name__})"
    return f"malformed PDF: {type(err).__name__}{': ' + detail if detail else ''}"

def layout_text(chars: list[dict], tables: list[TableBox] | None = None) -> str:
    """Characters of one page (dicts: text, x0, x1, top, bottom) as text: blocks in
    reading order, a line per line; tables (ruled ones given, unruled ones found
    here) as one block each of TAB lines."""
    if not chars:
        return ""
    size = statistics.median(c["bottom"] - c["top"] for c in chars) or 1.0
    out: list[str] = []
    segments = _segments([c for c in chars if not _inside(c, tables)] if tables else chars, size)
    segments = _unruled_tables(segments, size) + [Segment(t.x0, t.x1, t.top, t.bottom, t.text) for t in tables or []]
    for block in _order(segments, size):
        for line in _lines(block, size, key=lambda s: s.top):
            out.append(_join([(s.x0, s.x1, s.text) for s in line], size))
    return "\n".join(out)


def _lines(items: list, size: float, key) -> list[list]:
    """Items grouped into lines: tops closer than SAME_LINE character heights."""
    lines: list[list] = []
    for item in sorted(items, key=key):
        if lines and key(item) - key(lines[-1][0]) < SAME_LINE * size:
            lines[-1].append(item)
        else:
            lines.append([item])
    return lines


def _join(boxes: list[tuple[float, float, str]], size: float) -> str:
    """(x0, x1, text) boxes of one line, left to right, a space at gaps of SPACE or more."""
    text, right = "", None
    for x0, x1, part in sorted(boxes):
        if right is not None and x0 - right > SPACE * size:
            text += " "
        text += part
        right = x1 if right is None else max(right, x1)
    return text


def _segments(chars: list[dict], size: float) -> list[Segment]:
    """Characters on one line whose gaps stay under JOIN character heights, as one segment."""
    segs: list[Segment] = []
    for line in _lines(chars, size, key=lambda c: c["top"]):
        run: list[dict] = []
        right = None
        for ch in sorted(line, key=lambda c: c["x0"]):
            if run and ch["x0"] - right >= JOIN * size:
                segs.append(_segment(run, size))
                run = []
            run.append(ch)
            right = ch["x1"] if len(run) == 1 else max(right, ch["x1"])
        segs.append(_segment(run, size))
    return segs


def _segment(run: list[dict], size: float) -> Segment:
    return Segment(run[0]["x0"], max(c["x1"] for c in run), min(c["top"] for c in run),
                   max(c["bottom"] for c in run), _join([(c["x0"], c["x1"], c["text"]) for c in run], size))


def _order(segs: list[Segment], size: float) -> list[list[Segment]]:
    """Recursive XY-cut: blocks of segments in reading order."""
    if len(segs) <= 1:
        return [segs]
    columns = _split_columns(segs, _gutters(segs, size))
    if len(columns) > 1:
        return [block for col in columns for block in _order(col, size)]
    bands = _bands(segs, size)
    if len(bands) == 1:
        return [segs]
    groups: list[list[Segment]] = [list(bands[0])]
    for band in bands[1:]:
        joined = groups[-1] + band
        if not _has_headline(joined, size) and _gutters(joined, size):
            groups[-1] = joined  # still columns side by side: the rows of one multi-column block
        else:
            groups.append(list(band))  # a headline or full-width line ends the block
    return [block for group in groups for block in _order(group, size)]


def _has_headline(segs: list[Segment], size: float) -> bool:
    """Headlines are set larger than body text; a band holding one is a block of its own."""
    return any(s.bottom - s.top > HEADLINE * size for s in segs)


def _gutters(segs: list[Segment], size: float) -> list[tuple[float, float]]:
    """White x-intervals with text on both sides and running the full height of segs."""
    gaps, reach = [], None
    for a, b in sorted((s.x0, s.x1) for s in segs):
        if reach is not None and a - reach >= GUTTER * size:
            gaps.append((reach, a))
        reach = b if reach is None else max(reach, b)
    return gaps


def _split_columns(segs: list[Segment], gutters) -> list[list[Segment]]:
    if not gutters:
        return [segs]
    cuts = [(g0 + g1) / 2 for g0, g1 in gutters]
    columns: list[list[Segment]] = [[] for _ in range(len(cuts) + 1)]
    for s in segs:
        columns[sum(s.x0 > c for c in cuts)].append(s)
    return [c for c in columns if c]


def _bands(segs: list[Segment], size: float) -> list[list[Segment]]:
    """Split top to bottom at white rows running the region's full width."""
    bands: list[list[Segment]] = []
    reach = None
    for s in sorted(segs, key=lambda s: s.top):
        if reach is not None and s.top - reach >= BAND_GAP * size:
            bands.append([])
        if not bands:
            bands.append([])
        bands[-1].append(s)
        reach = s.bottom if reach is None else max(reach, s.bottom)
    return bands


# --- tables (issue 9) --------------------------------------------------------
# A table leaves the XY-cut as ONE segment whose text is its rows as TAB lines, so
# columns are not read one after the other. Ruled tables: pdfplumber's table finder
# on the ruling lines (merged cells come back as None). Unruled ones: lines with two
# or more number cells, columns from the x-extent of those cells.

MIN_RULES = 4        # rects and lines on a page before pdfplumber is asked for ruled tables
ROW_GAP = 2.5        # max gap between table rows, in character heights
MAX_HEADER_LINES = 3
MAX_CELL_CHARS = 30   # a longer segment, or one with sentence punctuation, is prose
PROSE_MARK = re.compile(r"[，。；！？]")


@dataclass(slots=True)
class TableBox:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def _inside(ch: dict, tables: list[TableBox]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom for t in tables)


class _RuledTables:
    """pdfplumber opened lazily, only for pages that have ruling lines."""

    def __init__(self, raw: bytes):
        self.raw, self.pdf = raw, None

    def of_page(self, index: int, layout) -> list[TableBox]:
        from pdfminer.layout import LTCurve

        rules = [obj for obj in layout if isinstance(obj, LTCurve)]   # LTLine, LTRect are LTCurves
        if len(rules) < MIN_RULES or not _may_hold_grid(rules):
            return []
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(io.BytesIO(self.raw))
            found = self.pdf.pages[index].find_tables()
        except Exception as err:  # a table finder failure costs the grid, not the page
            logger.warning("PDF page %d: table finder failed: %s", index + 1, err)
            return []
        return [box for box in (_box_of(t) for t in found) if box is not None]


# A ruled table of 2 rows and 2 columns (what _box_of keeps) has a line (its bottom, say)
# crossing 3 lines across it, and one (its left side) crossing 3 lines down it. pdfplumber
# parses the whole page again to look (~0.3 s), so pages whose rules hold no such pair (a
# newspaper's article frames, column rules) are not given to it. Edges are joined as
# pdfplumber joins them; the tolerance is wider than its snap + intersection (3 + 3 points).
GRID_TOLERANCE = 8.0
SNAP_TOLERANCE = 3.0         # positions this close are one line (pdfplumber's snap_tolerance)
MAX_GRID_PAIRS = 250_000     # more horizontal x vertical edges than this: let pdfplumber decide


def _may_hold_grid(rules) -> bool:
    from pdfminer.layout import LTLine, LTRect

    flat = 1.0
    horizontal: list[tuple[float, float, float]] = []     # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = []       # (x, y0, y1)

    def edge(a, b) -> None:
        (xa, ya), (xb, yb) = a, b
        if abs(ya - yb) <= flat:
            horizontal.append((ya, min(xa, xb), max(xa, xb)))
        elif abs(xa - xb) <= flat:
            vertical.append((xa, min(ya, yb), max(ya, yb)))

    for obj in rules:
        if isinstance(obj, LTRect) or (not isinstance(obj, LTLine) and len(obj.pts) < 2):   # its frame
            x0, y0, x1, y1 = obj.bbox
            corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            for k in range(4):
                edge(corners[k], corners[(k + 1) % 4])
        else:
            for a, b in zip(obj.pts, obj.pts[1:]):
                edge(a, b)
    tol = GRID_TOLERANCE
    horizontal, vertical = _joined(horizontal, SNAP_TOLERANCE), _joined(vertical, SNAP_TOLERANCE)
    if len(horizontal) * len(vertical) > MAX_GRID_PAIRS:
        return True
    across = [0] * len(horizontal)
    down = [0] * len(vertical)
    for i, (y, hx0, hx1) in enumerate(horizontal):
        for j, (x, vy0, vy1) in enumerate(vertical):
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                across[i] += 1
                down[j] += 1
    return max(across, default=0) >= 3 and max(down, default=0) >= 3


def _joined(edges: list[tuple[float, float, float]], tol: float) -> list[tuple[float, float, float]]:
    """Collinear edges (positions within tol) that touch or overlap, as one: a table drawn
    cell by cell has one line per row and column, as pdfplumber joins them."""
    out: list[tuple[float, float, float]] = []
    edges = sorted(edges)
    k = 0
    while k < len(edges):
        group = [edges[k]]                  # one line position: consecutive positions within tol
        k += 1
        while k < len(edges) and edges[k][0] - group[-1][0] <= tol:
            group.append(edges[k])
            k += 1
        at = group[0][0]
        lo, hi = None, None
        for _, a, b in sorted(group, key=lambda e: e[1]):
            if lo is not None and a <= hi + tol:
                hi = max(hi, b)
                continue
            if lo is not None:
                out.append((at, lo, hi))
            lo, hi = a, b
        out.append((at, lo, hi))
    return out


def _box_of(table) -> TableBox | None:
    from ..table_layout import grid_lines, is_number_cell

    rows = table.extract()
    numeric_rows = sum(1 for r in rows if any(c and is_number_cell(c.strip()) for c in r))
    if numeric_rows < 2 or max((len(r) for r in rows), default=0) < 2:
        return None                  # a ruled box around prose (newspaper article frames)
    origin = _merged_origins(table)
    grid = [[(text, False) if text is not None else
             ((rows[origin[r, c][0]][origin[r, c][1]] or ""), True) if (r, c) in origin else ("", True)
             for c, text in enumerate(row)] for r, row in enumerate(rows)]
    x0, top, x1, bottom = table.bbox
    return TableBox(x0, x1, top, bottom, "\n".join(grid_lines(grid)))


def _merged_origins(table) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of each position a merged cell covers -> where that cell starts."""
    boxes = [(r, c, box) for r, row in enumerate(table.rows) for c, box in enumerate(row.cells) if box is not None]
    widths: dict[int, tuple[float, float]] = {}
    for _, c, (x0, _, x1, _) in boxes:        # a column's extent: its narrowest cell
        if c not in widths or x1 - x0 < widths[c][1] - widths[c][0]:
            widths[c] = (x0, x1)
    out = {}
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None or c not in widths:
                continue
            x = sum(widths[c]) / 2
            y = (row.bbox[1] + row.bbox[3]) / 2
            for r0, c0, (bx0, btop, bx1, bbottom) in boxes:
                if bx0 <= x <= bx1 and btop <= y <= bbottom:
                    out[r, c] = (r0, c0)
                    break
    return out


def _unruled_tables(segs: list[Segment], size: float) -> list[Segment]:
    """segs with each unruled table's segments replaced by one table segment."""
    from ..table_layout import CAPTION, UNIT_LINE, is_number_cell

    # Only short segments can be cells: prose of a column beside the table stays prose.
    cells = [s for s in segs if len(s.text) <= MAX_CELL_CHARS and not PROSE_MARK.search(s.text)]
    lines = _lines(cells, size, key=lambda s: s.top)
    numeric = [sum(1 for s in line if is_number_cell(s.text.strip())) >= 2 for line in lines]
    if sum(numeric) < 2:
        return segs
    used: set[int] = set()
    out: list[Segment] = []
    i = 0
    while i < len(lines):
        if not numeric[i]:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j][0].top - lines[j - 1][0].top < ROW_GAP * size and (
                numeric[j] or (len(lines[j]) >= 2 and j + 1 < len(lines) and numeric[j + 1])):
            j += 1
        if j - i < 2:
            i = j
            continue
        data = lines[i:j]
        h = i
        while h > 0 and i - h < MAX_HEADER_LINES and len(lines[h - 1]) >= 2 and \
                lines[i][0].top - lines[h - 1][0].top < ROW_GAP * size * (i - h + 1) and \
                not any(CAPTION.match(s.text) or UNIT_LINE.search(s.text) for s in lines[h - 1]):
            h -= 1
        table_lines = lines[h:j]
        columns = _column_bands([s for line in data for s in line])
        rendered = []
        for k, line in enumerate(table_lines):
            ordered = sorted(line, key=lambda s: s.x0)
            if k < i - h:
                # headers keep their own cells (a group name spans columns, read later),
                # but what stands over the row labels is one cell: 分　组
                stub = [s.text.strip() for s in ordered if s.x1 <= columns[0][1] + size]
                rest = [s.text.strip() for s in ordered if s.x1 > columns[0][1] + size]
                rendered.append("\t".join(([" ".join(stub)] if stub else [""]) + rest))
                continue
            cells = [""] * len(columns)
            for s in ordered:
                col = next((n for n, (a, b) in enumerate(columns) if s.x0 < b and s.x1 > a), None)
                if col is None:
                    col = min(range(len(columns)), key=lambda n: abs(columns[n][0] - s.x0))
                cells[col] = (cells[col] + " " + s.text.strip()).strip()
            rendered.append("\t".join(cells).rstrip("\t"))
        members = [s for line in table_lines for s in line]
        used.update(id(s) for s in members)
        out.append(Segment(min(s.x0 for s in members), max(s.x1 for s in members), min(s.top for s in members),
                           max(s.bottom for s in members), "\n".join(rendered)))
        i = j
    return [s for s in segs if id(s) not in used] + out


def _column_bands(cells: list[Segment]) -> list[tuple[float, float]]:
    """x-intervals of the data cells, overlapping ones merged: one per column."""
    bands: list[list[float]] = []
    for s in sorted(cells, key=lambda s: s.x0):
        if bands and s.x0 < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], s.x1)
        else:
            bands.append([s.x0, s.x1])
    return [(a, b) for a, b in bands]
