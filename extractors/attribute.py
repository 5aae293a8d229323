"""What a claim measures (indicator) and whose it is (subject), read from the
clause around the number."""
from __future__ import annotations

from functools import lru_cache

import jieba
import jieba.posseg
import regex

from . import lexicon
from .classify import cues as classify_cues

jieba.setLogLevel(60)
# Economic terms jieba splits badly (占比 -> 占/比, 赤字率拟 -> 赤字/率拟).
jieba.load_userdict(str(lexicon.DATA_DIR / "jieba_words.txt"))

# Characters that end a noun phrase written after a classifier.
_PUNCT = regex.compile(r"[,，;；:：。！？!?()（）\n“”\"《》\d]")
# Clause ends before an indicator; quotes stay inside: 全省“领跑者”企业.
_CLAUSE_END = regex.compile(r"[,，;；:：。！？!?()（）\n]")
# Whose numbers: places and organisations named in the text.
PLACE_OR_ORG = regex.compile(
    r"(?:[\p{Han}]{2,12}?(?:集团|公司|银行|大学|医院|协会|管委会|开发区|高新区|自贸区|新区|产业园|园区|产业))"
    r"|(?:(?<![\p{Han}])|(?<=[,，。;；:：]))[\p{Han}]{2,4}?(?:省|市|县|区|镇|乡|村|自治区|自治州)(?![场长委级民])")
# Tokens that cannot start or end an indicator (time words, pronouns,
# prepositions, conjunctions, particles, adverbs).
_EDGE_TAGS = {"t", "r", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "d", "m", "q", "f", "y", "e", "o", "x"}


class _Words:
    def __init__(self) -> None:
        ind = lexicon.cues()["indicator"]
        q = lexicon.qualifiers()
        self.trailing = set(ind["trailing"]) | {w for b in ("approx", "min", "max") for w in q[b]["before"]}
        self.head_verbs = set(ind["head_verbs"])
        self.subject_words = set(ind["subject_words"])
        self.after_stop = regex.compile(lexicon.alternation(ind["after_stops"]))


@lru_cache(maxsize=1)
def words() -> _Words:
    return _Words()


def _trim_by_tags(phrase: str) -> str:
    """Drop time words, adverbs, prepositions and particles at the edges,
    using jieba's part-of-speech tags on the few characters of the phrase."""
    if not phrase:
        return ""
    tokens = [(w.word, w.flag) for w in jieba.posseg.cut(phrase, HMM=False)]
    return "".join(w for w, _ in _strip_edges(tokens))


def _strip_edges(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while tokens and tokens[0][1] in _EDGE_TAGS and tokens[0][0] != "“":
        tokens.pop(0)
    while tokens and tokens[-1][1] in _EDGE_TAGS and tokens[-1][0] != "”":
        tokens.pop()
    return tokens


def indicator_before(clause_before: str) -> str:
    """The noun phrase between the subject and the number, found on jieba's
    tokens: linking words (达到, 超过, 同比增长) stripped from the end, the
    subject and its verb (企业实现…) from the start.

    >>> indicator_before("今年1—5月,企业实现工业总产值")
    '工业总产值'
    >>> indicator_before("税收占比超过")
    '税收占比'
    """
    w = words()
    text = _CLAUSE_END.split(clause_before)[-1][-24:] if clause_before else ""
    if not text:
        return ""
    tokens = [(t.word, t.flag) for t in jieba.posseg.cut(text, HMM=False)]
    while tokens and (tokens[-1][0] in w.trailing or tokens[-1][1] in _EDGE_TAGS):
        tokens.pop()
    heads = [i for i, (word, _) in enumerate(tokens[:-1]) if word in w.head_verbs]
    if heads:
        tokens = tokens[heads[-1] + 1:]
    while tokens and (tokens[0][0] in w.subject_words or tokens[0][1] in _EDGE_TAGS) and tokens[0][0] != "“":
        tokens.pop(0)
    return "".join(word for word, _ in _strip_edges(tokens))


def indicator_after(clause_after: str) -> str:
    """The noun a classifier counts: "个核心产业链图谱" -> 核心产业链图谱.

    >>> indicator_after("省级化工园区要建设高端化工企业转型示范区")
    '省级化工园区'
    """
    text = _PUNCT.split(clause_after, maxsplit=1)[0] if clause_after else ""
    stop = words().after_stop.search(text)
    if stop:
        text = text[: stop.start()]
    return _trim_by_tags(text[:16])


def subject_of(sentence_before: str, default_place: str) -> str:
    """The last place or organisation named before the number; 全市/我市 is
    the document's own place when known."""
    found = [m.group() for m in PLACE_OR_ORG.finditer(sentence_before)]
    for name in reversed(found):
        if name[:1] in "全我本该" and len(name) <= 3:
            if default_place:
                return default_place
            continue
        if _is_name(name):
            return name
    if default_place and regex.search(r"全市|我市|本市|全县|我县", sentence_before):
        return default_place
    return ""


@lru_cache(maxsize=4096)
def _is_name(candidate: str) -> bool:
    """A place or organisation by jieba's tags (ns, nt, nz) rather than a
    phrase ending in 区/市 by chance (全市地区, 第一产业)."""
    tokens = list(jieba.posseg.cut(candidate))
    return bool(tokens) and tokens[0].flag in ("ns", "nt", "nz", "nr") and tokens[0].word[0] not in "全我本该第"


def home_place(text: str) -> str:
    """The place a document is about: the city or county it names most,
    checked against jieba's place-name tag.

    >>> home_place("聊城市召开会议。聊城市将…阳谷县…")
    '聊城市'
    """
    counts: dict[str, int] = {}
    for m in regex.finditer(r"([\p{Han}]{2,3}?)(市|县|省)(?![场长委级民政])", text[:20000]):
        name = m.group(1) + m.group(2)
        counts[name] = counts.get(name, 0) + 1
    for name in sorted(counts, key=counts.get, reverse=True):
        tags = list(jieba.posseg.cut(name))
        if any(t.flag == "ns" for t in tags) and name[0] not in "全我本该各":
            return name
    return ""
