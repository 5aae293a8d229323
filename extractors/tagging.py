"""jieba's part-of-speech tags for the few characters around a number, with
the project's words loaded and phrases tagged once."""
from __future__ import annotations

from functools import lru_cache

import jieba
import jieba.posseg

from . import lexicon

jieba.setLogLevel(60)
# Economic terms jieba splits badly (占比 -> 占/比, 赤字率拟 -> 赤字/率拟).
jieba.load_userdict(str(lexicon.DATA_DIR / "jieba_words.txt"))


def tags(text: str) -> list[tuple[str, str]]:
    """jieba's (word, tag) pairs; digit runs tagged `eng` are numerals."""
    key = text if "店" in text else text.translate(_DIGITS_AS_ZERO)   # 4S店, 1号店: jieba's only digit words
    out, pos = [], 0
    for size, flag in _tag_shapes(key):
        out.append((text[pos:pos + size], flag))
        pos += size
    return out


_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")


@lru_cache(maxsize=65536)
def _tag_shapes(text: str) -> tuple[tuple[int, str], ...]:
    """(word length, tag) of jieba.posseg.cut(text, HMM=False), calling its word
    graph directly: the same words and tags without three generator layers.
    Digits do not change jieba's words (its dictionary holds none but 4S店,
    1号店), so a phrase seen with other figures is tagged once."""
    pos = jieba.posseg.dt
    pos.makesure_userdict_loaded()
    tokenizer, tag_of = pos.tokenizer, pos.word_tag_tab
    han, skip = jieba.posseg.re_han_internal, jieba.posseg.re_skip_internal
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
                    latin = bool(jieba.posseg.re_eng.match(piece))
                    pairs.extend((ch, "m" if ch in _NUMERIC else "eng" if latin else "x") for ch in piece)
    return tuple((len(w), "m" if f == "eng" and not any(ch.isalpha() for ch in w) else f) for w, f in pairs)


_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NUMERIC = frozenset(".0123456789")
