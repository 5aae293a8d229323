"""PDF with a text layer, read column by column so that newspaper articles come out whole.

pdfplumber gives words with boxes. Words on one baseline are joined into line
segments; a recursive XY-cut then orders the segments: a white gutter running
the full height of a region splits it into columns (read left to right); else
the region is cut at its horizontal white bands, and consecutive bands are
kept together while they still leave a gutter between them (and hold no
headline, which is set larger than body text), so that a headline spanning three columns
is read before them and the rows of a three-column body are not read across.
"""
from __future__ import annotations

import io
import logging
import statistics
from dataclasses import dataclass

from . import MAX_TEXT_CHARS, Read, Unreadable, check_text

logger = logging.getLogger(__name__)

GUTTER = 0.8        # min width of a column gutter, in character heights
JOIN = 0.8          # words closer than this (character heights) form one line segment
SAME_LINE = 0.5     # baselines closer than this are one line
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
    import pdfplumber
    from pdfplumber.utils.text import extract_words

    pages: list[str] = []
    total = 0
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            title = str((pdf.metadata or {}).get("Title") or "").strip()
            for number, page in enumerate(pdf.pages, 1):
                words = extract_words(_distinct(page.chars))
                page.close()  # drops the page's cached objects: memory stays per page
                text = layout_text(words)
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


def _distinct(chars: list[dict]) -> list[dict]:
    """Drop characters printed twice at one spot (fake bold by overprinting); pdfplumber's
    own dedupe_chars does this too but takes most of the reading time on dense pages."""
    seen, out = set(), []
    for ch in chars:
        key = (ch["text"], round(ch["x0"]), round(ch["top"]))
        if key not in seen:
            seen.add(key)
            out.append(ch)
    return out


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


def layout_text(words: list[dict]) -> str:
    """Words of one page (pdfplumber dicts) as text: columns in reading order, a line per line."""
    if not words:
        return ""
    size = statistics.median(w["bottom"] - w["top"] for w in words) or 1.0
    blocks = _order(_segments(words, size), size)
    out: list[str] = []
    for block in blocks:
        line: list[Segment] = []
        for seg in sorted(block, key=lambda s: (s.top, s.x0)):
            if line and abs(seg.top - line[0].top) >= SAME_LINE * size:
                out.append(_join(line, size))
                line = []
            line.append(seg)
        if line:
            out.append(_join(line, size))
    return "\n".join(out)


def _join(line: list[Segment], size: float) -> str:
    line.sort(key=lambda s: s.x0)
    parts = [line[0].text]
    for prev, seg in zip(line, line[1:]):
        parts.append((" " if seg.x0 - prev.x1 > 0.25 * size else "") + seg.text)
    return "".join(parts)


def _segments(words: list[dict], size: float) -> list[Segment]:
    """Join words on one baseline whose gap is under JOIN character heights."""
    segs: list[Segment] = []
    for w in sorted(words, key=lambda w: (round(w["top"] / (SAME_LINE * size)), w["x0"])):
        last = segs[-1] if segs else None
        if (last and abs(w["top"] - last.top) < SAME_LINE * size
                and -0.1 * size <= w["x0"] - last.x1 < JOIN * size):
            gap = " " if w["x0"] - last.x1 > 0.25 * size else ""
            last.text += gap + w["text"]
            last.x1 = max(last.x1, w["x1"])
            last.bottom = max(last.bottom, w["bottom"])
        else:
            segs.append(Segment(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]))
    return segs


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
