"""Layout noise out, offsets kept: full-width folding, PDF line breaks,
justification spaces. Returns the normalised text and a map back."""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import regex

# Circled and parenthesised numbers (①, ⑴, ⒈) are list markers: NFKC would
# turn them into digits that look like claims.
_KEEP = regex.compile(r"[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
# The full-width comma stays: "20，300美圆" is a list of two amounts, while an
# ASCII comma between digit groups is a thousands separator.
_NOT_FOLDED = {"，"}
_STRIP = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\ufeff"
# Share of traditional-only characters above which a text is read as traditional.
TRADITIONAL_SHARE = 0.02
# Characters read to decide it (a document is written in one script).
TRADITIONAL_SAMPLE = 20000
# Median line width up to which a text counts as hard-wrapped layout.
WRAPPED_LINE_WIDTH = 48
# A masthead's weekday: the line is page furniture, never a column's line.
_DATELINE = regex.compile(r"星期[一二三四五六日天]")
# A line this many times the median width is no line of the column (a masthead, a dateline).
WIDER_THAN_COLUMN = 1.4
# Lines that end a paragraph whatever their length: a colon before a list, a
# continuation mark. A full line ending in 。 may just wrap at a sentence end.
_PARAGRAPH_END = regex.compile(r"[：:]$|[(（](?:下转|上接|转|接)[^)）]{0,8}[)）]$")
# Lines that start a block: bylines, list markers, bullets.
_BLOCK_START_BODY = (r"(?:[■●◆▲□☆★·•]|本报讯|新华社|——|（[一二三四五六七八九十]{1,9}）|\([一二三四五六七八九十]{1,9}\)"
                     r"|[一二三四五六七八九十]{1,9}、|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]{1,9}[章节部分条])")
_BLOCK_START_AT = regex.compile(_BLOCK_START_BODY)   # matched at a line's start (pos=), where ^ would not hold


@dataclass(frozen=True, slots=True)
class Normalized:
    """text: the normalised text; index[i]: offset in the original of text[i].
    index has one extra entry, len(original), so that spans map back."""
    text: str
    index: Sequence[int]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end)."""
        if end <= start:
            pos = self.index[start]
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """One-for-one character map from OpenCC's TSCharacters dictionary (first
    simplified reading of each traditional character)."""
    import opencc
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0]
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[trad] = first
    return table


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    return frozenset(traditional_to_simplified())


def fold_table(text: str) -> dict[int, str]:
    """Translation table folding the full-width and compatibility characters
    of `text` one for one (NFKC when it keeps the length), and traditional
    characters to simplified when the text is written in traditional ones
    (個百分點 -> 个百分点; 著 in a simplified text stays). Built from the
    distinct characters present, not from every character.

    >>> sorted(fold_table("１２％").values())
    ['%', '1', '2']
    """
    return _fold_table(text, _present(_codes(text)))


def _present(codes: np.ndarray) -> str:
    """The distinct characters of a text, from its code points, in code order
    (sorted and deduplicated in numpy: 8x faster than a count of every code point)."""
    if not len(codes):
        return ""
    ordered = np.sort(codes)
    distinct = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    return distinct.tobytes().decode("utf-32-le", "surrogatepass")


_MAY_FOLD = re.compile("[^\x00-\x7f\u4e00-\u9fff]")


@lru_cache(maxsize=8192)
def _folded(ch: str) -> str:
    """The one character NFKC folds `ch` to, '' if none (or kept: ①, the full-width comma)."""
    if ch in _NOT_FOLDED or _KEEP.match(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded != ch and len(folded) == 1 else ""


def _fold_table(text: str, chars) -> dict[int, str]:
    """`chars`: the text's distinct characters (any iterable of them)."""
    chars = chars if isinstance(chars, str) else "".join(chars)
    table: dict[int, str] = {}
    for ch in _MAY_FOLD.findall(chars):         # not ASCII, not the common CJK block
        folded = _folded(ch)
        if folded:
            table[ord(ch)] = folded
    t2s = traditional_to_simplified()
    traditional = _traditional_chars() & set(chars)     # (dict.keys() & set copies all the keys)
    sample = text[:TRADITIONAL_SAMPLE]
    if traditional and sum(sample.count(ch) for ch in traditional) >= TRADITIONAL_SHARE * len(sample):
        for ch in traditional:
            table.setdefault(ord(ch), t2s[ch])
    return table


# -- whole-text passes over the code points (numpy) -----------------------------

def _lut(chars: str) -> np.ndarray:
    """A lookup table: lut[code] is True for the characters given (np.isin costs ~50 µs a call)."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%"
_WS_LUT = _lut(_STRIP)
_LATIN_LUT = _lut(_LATIN)                 # [A-Za-z%]: a space between two stays
_WORD_LUT = _lut(_LATIN + "0123456789")   # [0-9A-Za-z%]: inside a line digits count too
_SENTENCE_END_LUT = _lut("。！？!?；;")
_CLOSING_QUOTE_LUT = _lut("”’」』")
_COLON_LUT = _lut("：:")
_PAREN_CLOSE_LUT = _lut(")）")
_DIGIT_LUT = _lut("0123456789")
_HAN_LUT = np.zeros(0x10000, dtype=bool)
_HAN_LUT[0x4E00:0xA000] = True
_NUMBER_GOES_ON_LUT = _lut("0123456789.")
# First characters _BLOCK_START_AT can match: only those lines are tried.
_BLOCK_FIRST_LUT = _lut("■●◆▲□☆★·•本新—（(一二三四五六七八九十0123456789第")


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _lookup(lut: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """lut[code] for code points below 0x10000 (the tables hold none above)."""
    return lut[np.minimum(codes, 0xFFFF)]


def _fold_codes(codes: np.ndarray, table: dict[int, str]) -> np.ndarray:
    if not table:
        return codes.copy()
    keys = np.fromiter(table, dtype=np.int64, count=len(table))
    lut = np.arange(int(keys.max()) + 1, dtype=np.uint32)
    lut[keys] = [ord(table[k]) for k in keys.tolist()]
    out = codes.copy()
    low = out < len(lut)
    out[low] = lut[out[low]]
    return out


def _widths(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Printed width of each line [start, end): a Chinese character is 1
    wide, a Latin character or a justification space ½ (UTF-8 bytes + 1, over 4)."""
    weight = 2 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800) + (codes >= 0x10000)
    cum = np.concatenate(([0], np.cumsum(weight)))
    return (cum[ends] - cum[starts]) / 4.0


def _paragraph_breaks(folded: str, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                      lengths: np.ndarray, blank_line: np.ndarray, indented: np.ndarray) -> np.ndarray:
    """For each line, whether the break before it ends a paragraph (hard-wrapped text)."""
    count = len(starts)
    breaks = np.ones(count, dtype=bool)
    if count < 2:
        return breaks
    last = codes[ends - 1]
    # the line before ends a paragraph: a colon, a continuation mark (下转第2版)
    para_end = _lookup(_COLON_LUT, last)
    for i in np.flatnonzero(_lookup(_PAREN_CLOSE_LUT, last)).tolist():
        para_end[i] = _PARAGRAPH_END.search(folded, int(starts[i]), int(ends[i])) is not None
    # the line before ends a sentence (possibly inside closing quotes)
    before_last = codes[np.maximum(ends - 2, starts)]
    sentence_end = _lookup(_SENTENCE_END_LUT, last) | (
        _lookup(_CLOSING_QUOTE_LUT, last) & (ends - starts >= 2) & _lookup(_SENTENCE_END_LUT, before_last))
    # the line starts a block: a byline, a list marker, a bullet
    block = np.zeros(count, dtype=bool)
    for i in np.flatnonzero(_lookup(_BLOCK_FIRST_LUT, codes[starts])).tolist():
        block[i] = _BLOCK_START_AT.match(folded, int(starts[i]), int(ends[i])) is not None
    # the reference width: the median of up to two lines before the previous
    # one and two from the next one on
    reference = np.empty(count, dtype=np.float64)
    if count >= 5:
        nxt = np.arange(3, count - 1)
        window = np.sort(np.stack([lengths[nxt - 3], lengths[nxt - 2], lengths[nxt], lengths[nxt + 1]]), axis=0)
        reference[3:count - 1] = window[2]
    as_list = lengths.tolist()
    for nxt in {1, 2, count - 1} | (set(range(3, count - 1)) if count < 5 else set()):
        if 1 <= nxt < count:
            prev = nxt - 1
            window = sorted(as_list[max(0, prev - 2): prev] + as_list[nxt: nxt + 2])
            reference[nxt] = window[len(window) // 2]
    share = np.where(sentence_end, 0.9, 0.8)
    short = np.zeros(count, dtype=bool)
    short[1:] = lengths[:-1] < share[:-1] * reference[1:]
    # a number wrapped at the line's end (总产值1385\n6.2亿元) is no paragraph end, however short
    in_number = np.zeros(count, dtype=bool)
    in_number[1:] = (_lookup(_DIGIT_LUT, last[:-1]) & _lookup(_NUMBER_GOES_ON_LUT, codes[starts[1:]])
                     & ~blank_line)
    # an indented line (　　…) after a sentence's end opens a paragraph, however wide the line before
    breaks[1:] = para_end[:-1] | block[1:] | (short[1:] & ~in_number[1:]) | (indented[1:] & sentence_end[:-1])
    return breaks


def normalize(text: str) -> Normalized:
    """Fold full-width forms and remove layout whitespace, keeping a map.

    A line break is a paragraph break ("\\n" kept) when the line before ends a
    sentence, is clearly shorter than its neighbours (a headline or the last
    line of a paragraph), or the next line starts a block; otherwise it is a
    layout break inside a paragraph and removed. Spaces between Chinese
    characters (justification) are removed; a space between two digits or
    two Latin words is kept as one space.

    Whole-text passes: each run of whitespace is removed or replaced by one
    character ("\\n" or " ", mapped to the run's first position); every other
    character is kept, so the offset map is the positions kept.

    >>> n = normalize("到2024年，全市发展过千\\n亿级产业4个，全 市制造\\n业１２．５％")
    >>> n.text
    '到2024年，全市发展过千亿级产业4个，全市制造业12.5%'
    >>> n.original[slice(*n.span(11, 15))]
    '过千\\n亿级'
    """
    if len(text) <= SHORT_LINE and "\n" not in text:
        return _normalize_line(text)
    size = len(text)
    codes = _codes(text)
    codes = _fold_codes(codes, _fold_table(text, _present(codes)))
    white = _lookup(_WS_LUT, codes)
    edges = np.diff(np.concatenate(([0], white.view(np.int8), [0])))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    keep = ~white
    if not keep.any():
        return Normalized("", array("q", [size]), text)
    interior = (run_starts > 0) & (run_ends < size)       # leading and trailing runs go
    run_starts, run_ends = run_starts[interior], run_ends[interior]
    newlines = np.concatenate(([0], np.cumsum(codes == 10)))
    across = newlines[run_ends] > newlines[run_starts]     # the run holds a line break
    before, after = codes[run_starts - 1], codes[run_ends]
    # Lines: content between the runs that hold a line break.
    gap_starts, gap_ends = run_starts[across], run_ends[across]
    first, last = int(np.argmax(keep)), size - int(np.argmax(keep[::-1]))
    starts = np.concatenate(([first], gap_ends))
    ends = np.concatenate((gap_starts, [last]))
    lengths = _widths(codes, starts, ends)
    # Hard-wrapped text (PDF columns) has short lines of similar width; in
    # text with one paragraph per line every line break ends a paragraph.
    median_width = float(np.sort(lengths)[len(lengths) // 2])
    wrapped = median_width <= WRAPPED_LINE_WIDTH
    folded = codes.tobytes().decode("utf-32-le", "surrogatepass") if wrapped else ""
    blank_line = newlines[gap_ends] - newlines[gap_starts] >= 2
    # a line indented by two spaces or more (U+3000 folds to a space) after its line break
    indented = np.zeros(len(starts), dtype=bool)
    indented[1:] = (codes[gap_ends - 1] == 32) & (codes[np.maximum(gap_ends - 2, 0)] == 32) & (gap_ends - gap_starts >= 3)
    breaks = (_paragraph_breaks(folded, codes, starts, ends, lengths, blank_line, indented) if wrapped
              else np.ones(len(starts), bool))
    if wrapped:
        # a blank line ends a paragraph whatever the widths, but for one between two Han
        # characters after a column's line: a word split by a PDF column or page break
        # (垃圾收转\n\n运等); a masthead or dateline, far wider than the column, is no such line
        mid_word = (_lookup(_HAN_LUT, codes[ends[:-1] - 1]) & _lookup(_HAN_LUT, codes[starts[1:]])
                    & (lengths[:-1] <= WIDER_THAN_COLUMN * median_width))
        for i in np.flatnonzero(blank_line & mid_word).tolist():
            if _DATELINE.search(folded, int(starts[i]), int(ends[i])):
                mid_word[i] = False         # …星期四　邹平日报　第2版　经济: a masthead, whatever its width
        breaks[1:] |= blank_line & ~mid_word
    replacement = np.zeros(len(run_starts), dtype=np.uint32)
    # inside a line: one space between two Latin words or digits
    inside = ~across
    replacement[inside & _lookup(_WORD_LUT, before) & _lookup(_WORD_LUT, after)] = 32
    # across lines: a paragraph break, or a space between two Latin words
    # (digits join: a number wrapped in a PDF column, 110.0\n6)
    across_repl = np.where(breaks[1:], 10,
                           np.where(_lookup(_LATIN_LUT, before[across]) & _lookup(_LATIN_LUT, after[across]), 32, 0))
    replacement[across] = across_repl
    placed = replacement > 0
    codes[run_starts[placed]] = replacement[placed]
    keep[run_starts[placed]] = True
    positions = np.flatnonzero(keep)
    index = array("q")     # 8 bytes a character, not a Python int each
    index.frombytes(positions.astype(np.int64).tobytes())
    index.append(size)
    return Normalized(codes[positions].tobytes().decode("utf-32-le", "surrogatepass"), index, text)


# A title or date line: numpy's per-call cost outweighs its per-character gain.
SHORT_LINE = 256
_LINE_WHITE = regex.compile("[" + regex.escape(_STRIP) + "]{1,256}")
_WORD_CHARS = frozenset(_LATIN + "0123456789")      # _WORD_LUT for the plain-Python path


def _normalize_line(text: str) -> Normalized:
    """normalize() for one short line: the same folding and spaces, in plain Python."""
    table = _fold_table(text, sorted(set(text)))
    folded = text.translate(table) if table else text
    parts: list[str] = []
    index = array("q")
    kept = 0
    for m in _LINE_WHITE.finditer(folded):
        start, end = m.span()
        parts.append(folded[kept:start])
        index.extend(range(kept, start))
        if 0 < start and end < len(folded) and folded[start - 1] in _WORD_CHARS and folded[end] in _WORD_CHARS:
            parts.append(" ")
            index.append(start)
        kept = end
    parts.append(folded[kept:])
    index.extend(range(kept, len(folded)))
    out = "".join(parts)
    index.append(len(text))
    return Normalized(out, index, text)
