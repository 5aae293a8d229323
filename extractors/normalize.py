"""Layout noise out, offsets kept: full-width folding, PDF line breaks,
justification spaces. Returns the normalised text and a map back."""
from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

# Circled and parenthesised numbers (①, ⑴, ⒈) are list markers: NFKC would
# turn them into digits that look like claims.
_KEEP = regex.compile(r"[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
# The full-width comma stays: "20，300美圆" is a list of two amounts, while an
# ASCII comma between digit groups is a thousands separator.
_NOT_FOLDED = {"，"}
_NON_ASCII = regex.compile(r"[^\x00-\x7f\u4e00-\u9fff]")
_STRIP = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\ufeff"
_WHITESPACE = regex.compile(f"[{_STRIP}]+")
_ASCII_WORD = regex.compile(r"[0-9A-Za-z%]")
# Share of traditional-only characters above which a text is read as traditional.
TRADITIONAL_SHARE = 0.02
# Characters read to decide it (a document is written in one script).
TRADITIONAL_SAMPLE = 20000
# Median line width up to which a text counts as hard-wrapped layout.
WRAPPED_LINE_WIDTH = 48
# Lines that end a paragraph whatever their length: a colon before a list, a
# continuation mark. A full line ending in 。 may just wrap at a sentence end.
_PARAGRAPH_END = regex.compile(r"[：:]$|[(（](?:下转|上接|转|接)[^)）]{0,8}[)）]$")
_SENTENCE_END = regex.compile(r"[。！？!?；;][”’」』]?$")
# Lines that start a block: bylines, list markers, bullets.
_BLOCK_START = regex.compile(
    r"^(?:[■●◆▲□☆★·•]|本报讯|新华社|——|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)"
    r"|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[章节部分条])")


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


def fold_table(text: str) -> dict[int, str]:
    """Translation table folding the full-width and compatibility characters
    of `text` one for one (NFKC when it keeps the length), and traditional
    characters to simplified when the text is written in traditional ones
    (個百分點 -> 个百分点; 著 in a simplified text stays)."""
    table: dict[int, str] = {}
    chars = set(text)
    for ch in set(_NON_ASCII.findall(text)):
        if _KEEP.match(ch) or ch in _NOT_FOLDED:
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and len(folded) == 1:
            table[ord(ch)] = folded
    t2s = traditional_to_simplified()
    traditional = [ch for ch in chars if ch in t2s]
    sample = text[:TRADITIONAL_SAMPLE]
    if traditional and sum(sample.count(ch) for ch in traditional) >= TRADITIONAL_SHARE * len(sample):
        for ch in traditional:
            table.setdefault(ord(ch), t2s[ch])
    return table


def _lines(text: str) -> tuple[list[int], list[float], list[str]]:
    """Start offset (of the first non-blank character), printed width and
    stripped text of every non-blank line: a Chinese character is 1 wide, a
    Latin character or a justification space ½."""
    starts, lengths, stripped_lines = [], [], []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(_STRIP)
        if stripped:
            starts.append(pos + line.index(stripped[0]))
            # UTF-8 length counts 1 byte for Latin, 3 for Chinese: wide = (bytes - chars) / 2
            chars = len(stripped)
            wide = (len(stripped.encode("utf-8", "surrogatepass")) - chars) / 2
            lengths.append(wide + (chars - wide) / 2)
            stripped_lines.append(stripped)
        pos += len(line) + 1
    return starts, lengths, stripped_lines


def _keeps_space(before: str, after: str, across_lines: bool = False) -> bool:
    """A space stays between two Latin words ("PM 2.5 monitoring"); across a
    line break digits join (a number wrapped in a PDF column: 110.0\\n6)."""
    if not (_ASCII_WORD.match(before) and _ASCII_WORD.match(after)):
        return False
    return not (across_lines and (before.isdigit() or after.isdigit()))


def _append_spaced(line: str, start: int, out: list[str], index: array) -> None:
    """Append a line that holds whitespace: justification spaces go, a
    space between Latin words or digits stays as one space."""
    pos = 0
    for match in _WHITESPACE.finditer(line):
        s, e = match.span()
        out.append(line[pos:s])
        index.extend(range(start + pos, start + s))
        if _keeps_space(line[s - 1], line[e]):
            out.append(" ")
            index.append(start + s)
        pos = e
    out.append(line[pos:])
    index.extend(range(start + pos, start + len(line)))


def _paragraph_breaks(lengths: list[float], lines: list[str], wrapped: bool) -> list[bool]:
    """For each line, whether the break before it ends a paragraph."""
    if not wrapped:
        return [True] * len(lines)
    breaks = [True]
    for nxt in range(1, len(lines)):
        prev = nxt - 1
        prev_line, next_line = lines[prev], lines[nxt]
        if _PARAGRAPH_END.search(prev_line) or _BLOCK_START.match(next_line):
            breaks.append(True)
            continue
        window = sorted(lengths[max(0, prev - 2): prev] + lengths[nxt: nxt + 2])
        reference = window[len(window) // 2] if window else lengths[prev]
        share = 0.9 if _SENTENCE_END.search(prev_line) else 0.8
        breaks.append(lengths[prev] < share * reference)
    return breaks


def normalize(text: str) -> Normalized:
    """Fold full-width forms and remove layout whitespace, keeping a map.

    A line break is a paragraph break ("\\n" kept) when the line before ends a
    sentence, is clearly shorter than its neighbours (a headline or the last
    line of a paragraph), or the next line starts a block; otherwise it is a
    layout break inside a paragraph and removed. Spaces between Chinese
    characters (justification) are removed; a space between two digits or
    two Latin words is kept as one space.

    >>> n = normalize("到2024年，全市发展过千\\n亿级产业4个，全 市制造\\n业１２．５％")
    >>> n.text
    '到2024年，全市发展过千亿级产业4个，全市制造业12.5%'
    >>> n.original[slice(*n.span(11, 15))]
    '过千\\n亿级'
    """
    folded = text.translate(fold_table(text))
    starts, lengths, lines = _lines(folded)
    # Hard-wrapped text (PDF columns) has short lines of similar width; in
    # text with one paragraph per line every line break ends a paragraph.
    wrapped = bool(lengths) and sorted(lengths)[len(lengths) // 2] <= WRAPPED_LINE_WIDTH
    breaks = _paragraph_breaks(lengths, lines, wrapped)
    out: list[str] = []
    index = array("q")     # 8 bytes a character, not a Python int each
    prev_end = -1
    for i, (start, line) in enumerate(zip(starts, lines)):
        if prev_end >= 0:
            # the whitespace between two lines: a paragraph break, a space
            # between two Latin words, or nothing
            if breaks[i]:
                out.append("\n")
                index.append(prev_end)
            elif _keeps_space(out[-1][-1], line[0], across_lines=True):
                out.append(" ")
                index.append(prev_end)
        if _WHITESPACE.search(line):
            _append_spaced(line, start, out, index)
        else:
            out.append(line)
            index.extend(range(start, start + len(line)))
        prev_end = start + len(line)
    index.append(len(text))
    return Normalized("".join(out), index, text)
