"""jieba's part-of-speech tags for the few characters around a number, with
the project's words loaded and phrases tagged once."""
from __future__ import annotations

import marshal
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba

from . import lexicon

jieba.setLogLevel(60)
# Economic terms jieba splits badly (占比 -> 占/比, 赤字率拟 -> 赤字/率拟).
USER_WORDS = lexicon.DATA_DIR / "jieba_words.txt"
jieba.load_userdict(str(USER_WORDS))

# jieba.posseg's own block patterns (tags() gives what its cut(HMM=False) gives)
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_LATIN_RUN = re.compile("[a-zA-Z0-9]+")


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
    tokenizer, tag_of = jieba.dt, word_tags()
    han, skip = _HAN_BLOCK, _SKIP
    pairs: list[tuple[str, str]] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            route: dict = {}
            tokenizer.calc(block, tokenizer.get_DAG(block), route)
            x, n, buf = 0, len(block), ""
            while x < n:
                y = route[x][1] + 1
                word = block[x:y]
                if y - x == 1 and word in _ALNUM:
                    buf += word
                else:
                    if buf:
                        pairs.append((buf, "eng"))
                        buf = ""
                    pairs.append((word, tag_of.get(word, "x")))
                x = y
            if buf:
                pairs.append((buf, "eng"))
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
    source = Path(jieba.__file__).parent / "dict.txt"
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
    for line in USER_WORDS.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            table[parts[0]] = parts[2]      # what jieba.load_userdict gives posseg
    return table


def words(text: str) -> list[str]:
    """jieba.cut(text, HMM=False), a phrase cut once whatever its figures."""
    return _pieces(text, _word_sizes(_figure_blind(text)))


@lru_cache(maxsize=65536)
def _word_sizes(text: str) -> tuple[int, ...]:
    return tuple(len(w) for w in jieba.cut(text, HMM=False))


def is_word(text: str) -> bool:
    """Whether jieba's dictionary (with the project's words) holds `text`."""
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(text))
