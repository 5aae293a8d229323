"""jieba's words and part-of-speech tags for the few characters around a
number, with the project's words loaded and phrases tagged once.

The word graph is jieba's, walked by rjieba (jieba-rs, the same dictionary
and the same HMM-free cut, compiled): tests/test_tagging.py holds every cut
and tag to what jieba itself gives. jieba is not imported at run time; its
dict.txt gives the tags."""
from __future__ import annotations

import importlib.util
import marshal
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import rjieba

from . import lexicon

# Economic terms jieba splits badly (占比 -> 占/比, 赤字率拟 -> 赤字/率拟).
USER_WORDS = lexicon.DATA_DIR / "jieba_words.txt"

# jieba.posseg's own block patterns (tags() gives what its cut(HMM=False) gives)
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_LATIN_RUN = re.compile("[a-zA-Z0-9]+")
# and jieba.cut's (words()): its blocks also hold % and -
_CUT_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")


def _user_words() -> list[tuple[str, int, str | None]]:
    out = []
    for line in USER_WORDS.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None))
    return out


@lru_cache(maxsize=1)
def tokenizer() -> rjieba.Jieba:
    """jieba's default dictionary with the project's words (what jieba.load_userdict gives)."""
    jieba_rs = rjieba.Jieba()
    for word, freq, tag in _user_words():
        jieba_rs.add_word(word, freq, tag)
    return jieba_rs


def _block_words(block: str) -> list[str]:
    """jieba's HMM-free cut of one block (its __cut_DAG_NO_HMM: single letters and
    digits run together into one word)."""
    return tokenizer().cut(block, False)


def tags(text: str) -> list[tuple[str, str]]:
    """jieba's (word, tag) pairs; digit runs tagged `eng` are numerals."""
    shapes = _tag_shapes(_figure_blind(text))
    return list(zip(_pieces(text, [size for size, _ in shapes]), [flag for _, flag in shapes]))


def _figure_blind(text: str) -> str:
    """The cache key of a phrase: its digits as 0 (jieba's only digit words are 4S店, 1号店)."""
    return text if "店" in text else text.translate(_DIGITS_AS_ZERO)


def _pieces(text: str, sizes) -> list[str]:
    out, pos = [], 0
    for size in sizes:
        out.append(text[pos:pos + size])
        pos += size
    return out


_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")


@lru_cache(maxsize=65536)
def _tag_shapes(text: str) -> tuple[tuple[int, str], ...]:
    """(word length, tag) of jieba.posseg.cut(text, HMM=False), calling its word
    graph directly: the same words and tags without three generator layers.
    Digits do not change jieba's words (its dictionary holds none but 4S店,
    1号店), so a phrase seen with other figures is tagged once."""
    tag_of = word_tags()
    han, skip = _HAN_BLOCK, _SKIP
    pairs: list[tuple[str, str]] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            for word in _block_words(block):
                # letters and digits run together (posseg tags the run eng), but a dictionary word (4S店, CPI)
                latin = word[0] in _ALNUM and word.isascii() and word.isalnum() and (len(word) == 1 or word not in tag_of)
                pairs.append((word, "eng" if latin else tag_of.get(word, "x")))
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    pairs.append((piece, "x"))
                else:
                    latin = bool(_LATIN_RUN.match(piece))
                    pairs.extend((ch, "m" if ch in _NUMERIC else "eng" if latin else "x") for ch in piece)
    return tuple((len(w), "m" if f == "eng" and not any(ch.isalpha() for ch in w) else f) for w, f in pairs)


_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NUMERIC = frozenset(".0123456789")


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's word -> part-of-speech table (dict.txt) with the project's words:
    what importing jieba.posseg builds by parsing dict.txt in every process,
    kept as a marshal file beside jieba's own cache (half the load time)."""
    source = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    stat = source.stat()
    cache = Path(tempfile.gettempdir()) / f"zhibiao.jieba-tags.{stat.st_size}-{stat.st_mtime_ns}.marshal"
    table: dict[str, str] | None = None
    try:
        table = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    if not isinstance(table, dict):
        table = {}
        for line in source.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3:
                table[parts[0]] = parts[2]
        try:
            fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".zhibiao.jieba-tags.")
            with os.fdopen(fd, "wb") as handle:
                marshal.dump(table, handle)
            os.replace(tmp, cache)
        except OSError:
            pass            # a read-only temp dir: parse again next time
    for word, _, tag in _user_words():
        if tag:
            table[word] = tag       # what jieba.load_userdict gives posseg
    return table


def words(text: str) -> list[str]:
    """jieba.cut(text, HMM=False), a phrase cut once whatever its figures."""
    return _pieces(text, _word_sizes(_figure_blind(text)))


@lru_cache(maxsize=65536)
def _word_sizes(text: str) -> tuple[int, ...]:
    sizes: list[int] = []
    for block in _CUT_BLOCK.split(text):
        if not block:
            continue
        if _CUT_BLOCK.match(block):
            sizes.extend(len(w) for w in _block_words(block))
        else:
            # jieba.cut: a whitespace character (or \r\n) is a word, and so is each other character
            for piece in _SKIP.split(block):
                sizes.extend([len(piece)] if _SKIP.match(piece) else [1] * len(piece))
    return tuple(sizes)


def is_word(text: str) -> bool:
    """Whether jieba's dictionary (with the project's words) holds `text`."""
    return tokenizer().has_word(text)
