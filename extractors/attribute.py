"""What a claim measures (indicator) and whose it is (subject), read from the
clause around the number."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from . import lexicon, places, tagging
from .scope import DATELINE     # 新华社北京12月8日电: the place a story was filed from
from .tagging import tags as _tags

# Characters that end a noun phrase written after a classifier.
_PUNCT = regex.compile(r"[,，;；:：。！？!?()（）\n“”\"《》\d]")
# Clause ends before an indicator; quotes stay inside: 全省“领跑者”企业.
_CLAUSE_END = regex.compile(r"[,，;；:：。！？!?\n]")
# Whose numbers: the suffixes that end names of places and organisations.
NAME_SUFFIX = regex.compile(
    r"集团|公司|银行(?!业)|大学|医院|协会|管委会|开发区|高新区|自贸区|新区|产业园|园区"
    r"|自治区|自治州|省|市|县|(?<![地社景片辖城郊山园学营])区|镇|乡|村")
ORG_SUFFIX = regex.compile(r"(?:集团|公司|银行|大学|医院|协会)$")
# Words that stand for the organisation named before: 企业实现工业总产值…
ANAPHORA = regex.compile(r"(?:该|这家|这个)?(?:企业|公司|集团)(?![\p{Han}]{0,1}(?:家|个|户|名)|\d)"   # 企业43家: a count
                         r"|该行|这家[^，,。；;]{0,16}?(?:城商行|农商行|银行)")   # 这家总部位于浙江嘉兴的城商行
# Time words and connectives that may stand before a clause's subject.
_CLAUSE_HEAD_WORDS = r"(?:\d{4}年|今年|去年|上半年|一季度|目前|当前|其中|同时|此外|届时|近年来|今年以来|[\d—\-]{1,12}月)"
_CLAUSE_HEAD = regex.compile(rf"^{_CLAUSE_HEAD_WORDS}{{0,16}}")
SCOPE_WORDS = {"市": regex.compile(r"全市|我市|本市|该市"), "县": regex.compile(r"全县|我县|本县|该县"),
               "区": regex.compile(r"全区|我区|本区|该区|自治区(?!政府|党委|人大|政协|主席|成立)"),
               "省": regex.compile(r"全省|我省|本省|该省"), "镇": regex.compile(r"全镇|我镇|本镇|该镇|全乡|我乡|本乡|该乡"),
               "国": regex.compile(r"全国|我国|全国范围内")}
# The scope words of every level in one pattern (the first level that matches wins, as in the dict).
_SCOPE_WORD_AT = regex.compile("|".join(f"(?P<{lv}>{p.pattern})" for lv, p in SCOPE_WORDS.items()))
# A clause opening with a scope word of a level below the nation (after times and linking words).
_SCOPE_LEVELS = [lv for lv in SCOPE_WORDS if lv != "国"]
_SCOPE_AT_CLAUSE_HEAD = regex.compile(
    rf"(?:^|(?<=[,，;；:：。！？!?\n])){_CLAUSE_HEAD_WORDS}{{0,16}}+(?:"
    + "|".join(f"(?P<{lv}>{SCOPE_WORDS[lv].pattern})" for lv in _SCOPE_LEVELS) + ")")
# The level a scope word of each division stands for: 全区 in a 自治区 is the region.
_LEVELS_OF = {"自治区": ("区", "省"), "省": ("省",), "自治州": ("州", "市"), "市": ("市",), "县": ("县",),
              "区": ("区",), "旗": ("县",)}
_TITLE_PLACE = regex.compile(r"([\p{Han}]{2,8}?)(自治区|自治州|省|市|县|区|旗)")
_NATION = regex.compile(r"全国|我国|国家统计局|国务院|国民经济")
# Tokens that cannot start or end an indicator (time words, pronouns,
# prepositions, conjunctions, particles, adverbs).
_EDGE_FIRST = set("trpcudmqfyeox")


class _EdgeTags:
    """Tag families (by first letter: t, tg; m, mq; u, uj…) that cannot start or end an indicator."""

    def __contains__(self, tag: str) -> bool:
        return tag[:1] in _EDGE_FIRST and tag != "eng"     # GDP, CPI are indicators (digits: see _tags)


_EDGE_TAGS = _EdgeTags()


class _Words:
    def __init__(self) -> None:
        ind = lexicon.cues()["indicator"]
        q = lexicon.qualifiers()
        self.trailing = set(ind["trailing"]) | {w for b in ("approx", "min", "max") for w in q[b]["before"]}
        # linking words of two characters or more at the end, up to four of them (控制在, 同比增长)
        self.trailing_run = regex.compile(f"(?:{lexicon.alternation(w for w in self.trailing if len(w) >= 2)}){{1,4}}$")
        self.head_verbs = set(ind["head_verbs"])
        self.subject_words = set(ind["subject_words"])
        self.after_stop = regex.compile(lexicon.alternation(ind["after_stops"]))


@lru_cache(maxsize=1)
def words() -> _Words:
    return _Words()




def trim_by_tags(phrase: str) -> str:
    """Drop time words, adverbs, prepositions and particles at the edges,
    using jieba's part-of-speech tags on the few characters of the phrase."""
    if not phrase:
        return ""
    tokens = _tags(phrase)
    return "".join(w for w, _ in _strip_edges(tokens))


def _strip_edges(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while tokens and tokens[0][1] in _EDGE_TAGS and tokens[0][0] != "“" and not _locative_begins_word(tokens):
        tokens.pop(0)
    while tokens and tokens[-1][1] in _EDGE_TAGS and not _closes(tokens) and not _names_category(tokens):
        tokens.pop()
    return tokens


def _names_category(tokens: list[tuple[str, str]]) -> bool:
    """汽车类, 日用品类: 类 after a noun makes the name of a category (jieba tags it a classifier)."""
    return len(tokens) >= 2 and tokens[-1][0] == "类" and tokens[-2][1][:1] == "n"


def _closes(tokens: list[tuple[str, str]]) -> bool:
    """The last token closes a quote or bracket opened in the phrase: 价格指数(CPI)."""
    last = tokens[-1][0]
    opener = {"”": "“", ")": "(", "）": "（", "》": "《"}.get(last)
    return bool(opener) and any(word == opener for word, _ in tokens[:-1])


def indicator_before(clause_before: str) -> str:
    """The noun phrase between the subject and the number, found on jieba's
    tokens: linking words (达到, 超过, 同比增长) stripped from the end, the
    subject and its verb (企业实现…) from the start.

    >>> indicator_before("今年1—5月,企业实现工业总产值")
    '工业总产值'
    >>> indicator_before("税收占比超过")
    '税收占比'
    """
    tokens, conjuncts, sure = _phrase_tokens(clause_before)
    if sure:
        return conjuncts[0]       # A和B均为12%: the claim keeps the first; indicators.csv has each
    return "".join(word for word, _ in tokens)


def coordinated_indicators(clause_before: str) -> list[str]:
    """The indicators of a number stated for each of several (A和B…均为,
    A、B和C均增长, A与B都), in the order written; [] for one indicator. A
    member may be elliptical (城镇 of 城镇和农村居民人均可支配收入): the
    catalogue tells.

    >>> coordinated_indicators("进口和出口均增长")
    ['进口', '出口']
    """
    text = _CLAUSE_END.split(clause_before[-_COORDINATION_REACH:])[-1] if clause_before else ""
    return _phrase_tokens(clause_before)[1] if _COORDINATED.search(text) else []


# A和B…均为 / 都: the number is each one's. A list of places (北京和上海GDP均) is not one of indicators.
_COORDINATED = regex.compile(r"[和、与及][^,，;；:：。！？!?\n]{1,40}?[均都皆]\p{Han}{0,8}$")
_COORDINATION_REACH = 56     # the longest match of _COORDINATED
_COORDINATION_CUES = {"均", "都", "均为", "都为", "皆"}
_CONJUNCTIONS = {"和", "、", "与", "及", "以及"}


_TOWN_LIST_MARK = regex.compile(r"[、和]")
_TITLE_TIME = regex.compile(r"^\s*[\d〇零一二三四五六七八九十—\-]{0,12}年(?:[\d—\-]{1,6}月份?|上半年|[一二三四]季度)?")
_NAME_OF_DIVISION = regex.compile(r"([\p{Han}]{2,3}?)(市|县|区|省)(?![场长委级民政])")


def _phrase_tokens(clause_before: str) -> tuple[list[tuple[str, str]], list[str], bool]:
    """The indicator's tokens; its conjuncts when the number is stated for
    several, and whether each of them is a whole name."""
    w = words()
    text = _CLAUSE_END.split(clause_before)[-1] if clause_before else ""
    # 粮食总产量连续10年稳定在: a streak is no part of what is measured
    text = _STREAK.sub("", text)
    # 比上年同期增长: the base of a comparison is no part of what is measured (it left 同期)
    text = _SAME_TIME_BASE.sub("", text)
    tail = text[-_COORDINATION_REACH:]      # not the whole of a long clause for each of its numbers
    coordinated = ("均" in tail or "都" in tail or "皆" in tail) and _COORDINATED.search(tail)
    text = _last_words(text, 48 if coordinated else 24)     # a list of indicators is longer than one name
    inner = None
    for inner in _TIME_IN_PHRASE.finditer(text):
        pass
    if (inner is not None and len(text) - inner.end() >= 2 and not _COMPARED_TIME.search(text, 0, inner.start())
            and len(w.trailing_run.sub("", text[inner.end():])) >= 2):
        text = text[inner.end():]     # 岷江锂能前10个月产值: when is no part of what (失业率全年控制在: is)
    found = places.find_places(text[:24]) if text else []
    if found and found[0][0] == 0 and found[0][1] < len(text) and text[found[0][1]] not in "和与及、":
        station = _STATION.match(text, found[0][1])
        # 无为市地区生产总值: whose, however jieba cuts the name (无为|市); 怀化南站发送旅客: the station's
        text = text[station.end() if station else found[0][1]:]
    towns = _TOWNS_AT_START.match(text)
    if towns and not any(NOT_TOWN.fullmatch(t) for t in _TOWN_LIST_MARK.split(towns.group())):
        text = text[towns.end():]     # 上派镇、桃花镇地区生产总值: whose (jieba cuts 上|派镇)
    region = REGION_NAME.match(text)
    if region and region.end() < len(text) and text[region.end()] not in "和与及、":
        text = text[region.end():]    # 东部地区规模以上工业增加值: whose, then what
    if not text:
        return [], [], False
    tokens = _tags(text)
    cue = False
    if coordinated:
        # A和B均比上年同期增长: the list ends at 均
        cues = [i for i, (word, _) in enumerate(tokens) if word in _COORDINATION_CUES]
        if cues:
            tokens, cue = tokens[:cues[-1]], True
    while tokens and (tokens[-1][0] in w.trailing or tokens[-1][0] in w.head_verbs
                      or (tokens[-1][1] in _EDGE_TAGS and not _closes(tokens) and not _names_category(tokens))):
        tokens.pop()      # 培育过30亿元…: a verb without its object names nothing
    heads = [i for i, (word, _) in enumerate(tokens[:-1]) if word in w.head_verbs]
    if heads:
        # 签约项目, 开工项目: a project's stage names which projects are counted
        keep = tokens[heads[-1]][0] in _PROJECT_STAGES and tokens[heads[-1] + 1][0] == "项目"
        tokens = tokens[heads[-1] + (0 if keep else 1):]
    while tokens and (tokens[0][0] in w.subject_words or tokens[0][1] in _EDGE_TAGS) and tokens[0][0] != "“" \
            and not _locative_begins_word(tokens):
        tokens.pop(0)
    tokens = _strip_edges(tokens)
    conjuncts, sure = _conjuncts(tokens) if cue else ([], False)
    return tokens, conjuncts, sure


def _locative_begins_word(tokens: list[tuple[str, str]]) -> bool:
    """中 of 中长期贷款 (jieba: 中|长期贷款): a one-character locative that makes a word with
    what follows (中长期, 中低端) is part of the name, not where."""
    return (len(tokens) > 1 and len(tokens[0][0]) == 1 and tokens[0][1] == "f" and tokens[1][1][:1] in "na"
            and tagging.is_word(tokens[0][0] + tokens[1][0][:2]))


def _conjuncts(tokens: list[tuple[str, str]]) -> tuple[list[str], bool]:
    """The members of a coordinated noun phrase (规模以上工业增加值、社会消费品零售总额和固定资产投资);
    a bare modifier parallel to the last member's first word (工业和服务业增加值)
    takes its head. Not sure when a one-word member may or may not share the
    last one's head (城镇和农村居民人均可支配收入, 投资和社会消费品零售总额);
    [] when the phrase is no list of indicators (one member, or places)."""
    members: list[list[tuple[str, str]]] = [[]]
    for token in tokens:
        if token[0] in _CONJUNCTIONS:
            members.append([])
        else:
            members[-1].append(token)
    members = [_strip_edges(m) for m in members]
    if len(members) < 2 or not all(members):
        return [], False
    phrases = ["".join(word for word, _ in m) for m in members]
    if any(_is_place(p) for p in phrases):
        return [], False
    last = members[-1]
    head = "".join(word for word, _ in last[1:])
    last_head = last[-1][0] if len(last) >= 2 and len(last[-1][0]) >= 2 else ""
    sure = True
    for k, member in enumerate(members[:-1]):
        if len(member) > 1 or len(last) < 2 or len(phrases[k]) > 2:
            # 固定资产投资、社会消费品零售总额: a whole name; 新能源汽车和光伏电池产量: a product
            # without the measure the last member names, which it shares
            if last_head and not phrases[k].endswith(last_head) and member[-1][0] not in _measure_heads():
                phrases[k] += last_head
            continue
        if member[0][1] == last[0][1] and not phrases[k].endswith(head):
            phrases[k] += head      # 工业和服务业增加值, 进口和出口总额
        else:
            sure = False
    return phrases, sure


@lru_cache(maxsize=1)
def _measure_heads() -> frozenset[str]:
    """The last words of the catalogue's indicator names (增加值, 产量, 投资, 零售总额):
    a phrase ending in one names what is measured, not only what of."""
    from .indicators import catalogue

    heads = set()
    for alias in (*catalogue().aliases, *catalogue().change_aliases):
        last = tagging.words(alias)[-1] if alias else ""
        if len(last) >= 2:
            heads.add(last)
    return frozenset(heads)


def _is_place(phrase: str) -> bool:
    found = places.find_places(phrase)
    return bool(found) and found[0][0] == 0 and found[0][1] == len(phrase)


def _last_words(text: str, size: int) -> str:
    """The last `size` characters of `text`, cut where a word starts (集成电路、… not 路、…)."""
    if len(text) <= size:
        return text
    keep, total = [], 0
    for word in reversed(tagging.words(text[-size - 8:])):
        if total + len(word) > size:
            break
        keep.append(word)
        total += len(word)
    return "".join(reversed(keep)) or text[-size:]


# A period written inside a phrase (a headline's 岷江锂能前10个月产值增长34.2%).
_TIME_IN_PHRASE = regex.compile(r"前[一二两三四五六七八九十\d]{1,2}个?(?:月|季度)|\d{1,2}[—\-~至]\d{1,2}月份?|[上下]半年"
                                r"|[一二三四1-4]季度(?:末|底)?|(?:今年|年初)以来|\d{4}年(?:\d{1,2}月份?(?:末|底)?)?"
                                r"|\d{1,2}月份?(?:末|底)?|全年|(?<![上本])季(?:度)?末|(?<![上去本])年(?:末|底)")
_COMPARED_TIME = regex.compile(r"[比较于与同跟自从至到止]$")     # 增速比1—10月加快: the base, not when
_SAME_TIME_BASE = regex.compile(r"(?:比|较|与|同)(?:上年|去年|上月|上季度?|\d{4}年)?同期(?:相比)?")
_STREAK = regex.compile(r"(?:已经?|已)?连续[\d一二两三四五六七八九十]{1,3}(?:年|个月|个季度|季度|届)")


def indicator_after(clause_after: str) -> str:
    """The noun a classifier counts: "个核心产业链图谱" -> 核心产业链图谱.

    >>> indicator_after("省级化工园区要建设高端化工企业转型示范区")
    '省级化工园区'
    """
    text = _PUNCT.split(clause_after, maxsplit=1)[0] if clause_after else ""
    stop = words().after_stop.search(text)
    if stop:
        text = text[: stop.start()]
    tokens = _strip_edges(_tags(text[:16]))
    if all(flag.startswith("v") and flag != "vn" for _, flag in tokens):
        return ""          # 2100家增加到6700家: a verb names nothing counted
    return "".join(w for w, _ in tokens)


# Characters jieba never puts inside a name's words (outside its Han blocks; digits but in 4S店, 1号店).
_NAME_BREAK = regex.compile(r"[^\u4E00-\u9FD5a-zA-Z+#&._]")
_NAME_BREAK_SHOP = regex.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._]")


def names_in(text: str, suffix: regex.Pattern = NAME_SUFFIX) -> list[tuple[int, str]]:
    """(end offset, name) of the places and organisations named in `text`,
    each the longest run before a name `suffix` that jieba tags as a name."""
    found = []
    for m in suffix.finditer(text):
        # 江海微电子（南通）有限公司: a place in brackets inside a registered name
        inner = _PLACE_IN_NAME.search(text, max(0, m.start() - 12), m.start()) if m.group() == "公司" else None
        stem_end = inner.start() if inner else m.start()
        # jieba tags punctuation, spaces and (but in 4S店, 1号店) digits as no
        # name: a candidate reaching over one of them is none, so is not tagged
        # a registered name (…科技股份有限公司) is longer than most
        low = max(0, stem_end - (20 if text.endswith("有限", 0, m.start()) else 8))
        breaks = _NAME_BREAK if "店" not in text[low:m.end()] else _NAME_BREAK_SHOP
        last_break = max((b.end() for b in breaks.finditer(text, low, stem_end)), default=low)
        rest = text[inner.end():m.end()] if inner else text[m.start():m.end()]
        for size in range(stem_end - last_break, 1, -1):
            start = stem_end - size
            if _is_name(text[start:stem_end] + rest) and not places.begins_inside_word(text, start):   # 建成|县人民医院
                kind = _KIND_BEFORE_NAME.match(text, start, stem_end)
                if kind and stem_end - kind.end() >= 2:
                    start = kind.end()          # 龙头企业江海微电子…: what it is, then its name
                found.append((m.end(), text[start:m.end()]))
                break
    return found


_KIND_BEFORE_NAME = regex.compile(r"(?:龙头|重点|骨干|链主|领军|头部|外资|民营|国有|上市)?企业")
_PLACE_IN_NAME = regex.compile(r"[（(]\p{Han}{2,4}[)）](?:股份有限|有限责任|有限)$")


def subject_of(sentence_before: str, paragraph_before: str, places: dict[str, str], fallback: bool = True,
               sentence_names: list[tuple[int, int, str]] | None = None) -> str:
    """Whose number it is: the last place or organisation named in the
    sentence before the number; 全市/全县 is the place the article is about;
    企业/公司 is the organisation last named in the paragraph.

    >>> subject_of("今年1—5月,企业实现工业总产值", "鲁西集团积极发挥“链主”作用。", {})
    '鲁西集团'
    """
    sentence_before = _BRACKETED.sub(lambda m: "□" * len(m.group()), sentence_before)
    distributive = _EACH.search(sentence_before)
    if distributive:
        return distributive.group("who")        # 每个县（市、区）都打造1—2个: each of them
    found = (_named_subjects(sentence_before) if sentence_names is None
             else [n for n in sentence_names if n[1] <= len(sentence_before)])
    named = [(end, name) for start, end, name in found
             if not (_HONOUR.search(sentence_before, 0, start)
                     and not sentence_before.endswith("的", 0, start))]   # 获评“…城市”的杭州
    org, short = places.get("org", ""), places.get("org_short", "")
    if org:
        # the company the story is about, by its short name or as 公司
        # (上下游企业43家: firms counted, not the company)
        at = max(sentence_before.rfind(short), max((m.end() for m in ANAPHORA.finditer(sentence_before)
                                                    if m.end() < len(sentence_before)
                                                    and not any(a < m.end() <= b for a, b, _ in found)),  # …有限公司
                                                   default=-1))
        if at >= 0 and (not named or named[-1][0] <= at + len(short)):
            return org
        # 该行在嘉兴所辖5个县（市）设有营业网点…: where it does something, not whose
        if at >= 0 and _LOCATIVE.match(sentence_before, at + len(short) if sentence_before.startswith(short, at)
                                       else at):
            return org
        if named and named[-1][1] == org:
            return org          # named by the short name the text gives it (鸿步鞋业出口额…)
        named = [(end, name) for end, name in named if not org.startswith(name)]
    if named:
        return named[-1][1]
    # 全县规上工业总产值稳居全市第2位: the scope word that opens a clause is the
    # subject; one inside it (新增全省“领跑者”企业, 居全市) is not.
    for clause in reversed(_CLAUSE_END.split(sentence_before)):
        head = _CLAUSE_HEAD.sub("", clause)
        if _VILLAGE_SCOPE.match(head):
            # 东斟灌村是全镇的缩影。全村312户村民中…: the village the paragraph named last
            village = [m["v"] for m in _VILLAGE.finditer(paragraph_before + sentence_before)]
            if village:
                return village[-1]
        opening = _SCOPE_WORD_AT.match(head)
        level = opening.lastgroup if opening else None
        if level == "国":
            return "全国"
        if level and places.get(level):
            return places[level]
    clause = _CLAUSE_HEAD.sub("", _CLAUSE_END.split(sentence_before)[-1])
    if ANAPHORA.match(clause):
        # 企业实现工业总产值…: the organisation named before (高新技术企业突破200家 is a kind)
        earlier = names_in(paragraph_before)
        orgs = [n for _, n in earlier if not n.endswith(("省", "市", "县", "区", "镇", "乡", "村"))
                and not _GENERIC_ORG.search(n)]
        if orgs:
            return orgs[-1]
    return places.get("primary", "") if fallback else ""


def places_named(text: str, towns: tuple[str, ...] = ()) -> list[str]:
    """Distinct places named in `text` as subjects (not compared with), in order,
    `towns` (the document's townships) among them:
    南京、苏州上半年地区生产总值分别为… -> [南京市, 苏州市]."""
    out: list[str] = []
    for _, _, name in _named_subjects(text, towns):
        if name == "全国":
            continue
        if name not in out:
            out.append(name)
    return out


@lru_cache(maxsize=8192)
def _is_name(candidate: str) -> bool:
    """A place or organisation by jieba's tags: the first word a place,
    organisation or proper name (ns, nt, nz, nr), none of the words a verb,
    preposition or particle (高新区要创建… is no name)."""
    tokens = _tags(candidate)
    if not tokens or tokens[0][0][0] in "全我本该第各每这那":
        return False
    if _GENERIC_ORG.search(candidate):
        return False            # 社会集团, 企业集团, 商业银行: kinds of organisation, no name
    # an organisation's own name is often unknown to jieba (鲁/西/集团): any
    # nouns will do; a place needs a place name first (聊城市, not 强县)
    first = ("ns", "nt", "nz", "nr", "n", "j", "f") if ORG_SUFFIX.search(candidate) else ("ns", "nt", "nz")
    if tokens[0][1] not in first:
        return False
    if _LEGAL_FORM.search(candidate) and tokens[0][1] in ("ns", "nt", "nz", "nr"):
        # 四川岷江锂能科技股份有限公司: a registered name may hold any word (锂|能) but a
        # preposition, conjunction, particle or pronoun
        return not any(flag[0] in "pcur" or flag == "x" for _, flag in tokens)
    # zg: a character jieba knows no word for (蓝|湾|汽车集团), in an organisation's own name
    return all(flag[0] in "nbjf" or flag in ("vn", "an") or (flag == "zg" and ORG_SUFFIX.search(candidate))
               for _, flag in tokens)


_LEGAL_FORM = regex.compile(r"(?:股份有限公司|有限责任公司|有限公司)$")


# A place right after these is what the number is compared with: 高于全国1.1个百分点.
_COMPARED = regex.compile(r"(?:高于|低于|快于|慢于|超过|超出|领先|比|较|占|居|位居|位列|列|于|与|同|相比)$")
# 全国最高, 全国平均水平, 全国第3: the nation as a yardstick.
_BENCHMARK = regex.compile(r"最|第|前列|前[\d一二三四五六七八九十]|平均|水平|领先|之首|同期|同类"
                           r"|[\p{Han}]{0,8}?(?:百强|千强|强县|强市|强镇|强区|示范|先进|文明|名单|排名|排行|称号|试点)")
_MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
_PARK = regex.compile(r"(?:开发区|高新区|自贸区|新区|产业园|园区|管委会|风景名胜区|旅游区|景区)$")
# Townships are below the gazetteer: jieba's tags find them (湖头镇, 龙门镇).
_TOWN = regex.compile(r"(?<=[\p{Han}]{2})(?:镇|乡|街道)$")


# A township right after its county or city (诸暨市山下湖镇, 安溪县官桥镇), and kinds of
# townships that are no name (城镇, 特色小镇, 江南镇乡村游's 镇乡, 记者从镇文旅办's 从镇).
_TOWN_AFTER_PLACE = regex.compile(r"\p{Han}{2,3}?(?:镇|乡|街道)(?!\p{Han}{0,1}(?:政府|党委)?(?:企业|居民))")
NOT_TOWN = regex.compile(r"(?:城|村|集|小|特色小|重点|中心|建制|乡|镇|各|全|本|该|我|每|一|两|多|个)(?:镇|乡)$")
# a preposition or a scope word before 镇 (记者从镇文旅办获悉, 今年全镇…): no township's name
_NO_NAME_BEFORE_TOWN = regex.compile(r"[从向在到据全本我该各每](?:镇|乡)$")
# A scope word at the start of a phrase: 全县 of 全县城镇居民, 全省 of 全省居民人均消费支出 (whose, not what).
WHOLE_PLACE = regex.compile(r"^(?:全|我|本|该)(?:市|县|区|省|州|镇|乡|国)")
_TOWN_SUFFIX = regex.compile(r"镇|乡|街道")
_TOWN_AT_CLAUSE = regex.compile(r"(?:^|(?<=[；;。\n]))(?P<town>\p{Han}{2,3}?(?:镇|乡))(?!政府|党委|人大|居民|企业|村)")
# Townships listed together: 湖头镇、官桥镇和西坪镇 (one known makes the others towns too).
_TOWN_LIST = regex.compile(r"(?:\p{Han}{2,3}?(?:镇|乡)[、和及与]){1,20}\p{Han}{2,3}?(?:镇|乡)")
TOWN_NAME = r"\p{Han}{2,3}?镇"      # 双墩镇, 上派镇 (a name the gazetteer, which stops at counties, cannot tell)
_TOWNS_AT_START = regex.compile(rf"(?:{TOWN_NAME}[、和]){{0,20}}{TOWN_NAME}(?=\p{{Han}}{{2}})")
_TOWN_LIST_AT_CLAUSE = regex.compile(rf"(?:^|(?<=[，,；;。：:\n](?:其中)?))(?:{TOWN_NAME}[、和]){{1,20}}{TOWN_NAME}")


@lru_cache(maxsize=16)
def _places_of_document(text: str) -> tuple:
    """find_places over a document's (or article's) first 30,000 characters, read once for
    both its townships and its home places; the page's credits are no text (校对：陈四平)."""
    return tuple(places.find_places(_CREDITS.sub(lambda m: " " * len(m.group()), text[:30000])))


_CREDITS = regex.compile(r"(?:本版|责任|美术)?(?:编辑|校对|版式|制图|摄影)[：:][^\n）)]{0,40}")


@lru_cache(maxsize=256)
def towns_in(text: str) -> tuple[str, ...]:
    """The townships a document names: those jieba tags as names, and those
    written right after the county or city they belong to (jieba splits 山下湖镇)."""
    found = set()
    for _, name in names_in(text[:30000], _TOWN_SUFFIX):
        if _TOWN.search(name) and not NOT_TOWN.search(name):
            inside = [end for _, end, _ in places.find_places(name) if end <= len(name) - 3]
            found.add(name[max(inside, default=0):])        # 安溪县湖头镇 -> 湖头镇
    for _, end, place in _places_of_document(text):
        if place.level in ("city", "county"):
            m = _TOWN_AFTER_PLACE.match(text, end)
            if m and not NOT_TOWN.search(m.group()):
                found.add(m.group())
    found.update(_towns_by_repetition(text[:30000]))
    for m in _TOWN_LIST_AT_CLAUSE.finditer(text[:30000]):
        # 分乡镇看，贡江镇、银坑镇…; 其中庄寨镇、大集镇…: townships listed together open a clause
        members = regex.split(r"[、和及与]", m.group())
        if not any(NOT_TOWN.fullmatch(x) for x in members):     # (岗集镇 is one: not 集镇)
            found.update(members)
    if found:
        # 湖头镇光电产业园…；官桥镇家居工艺品…: a clause opening with a township, beside known ones
        for m in _TOWN_AT_CLAUSE.finditer(text[:30000]):
            if not NOT_TOWN.fullmatch(m["town"]) and not _NO_NAME_BEFORE_TOWN.search(m["town"]):
                found.add(m["town"])
        for m in _TOWN_LIST.finditer(text[:30000]):
            members = regex.split(r"[、和及与]", m.group())
            if any(t.endswith(x) or x.endswith(t) for x in members for t in found):
                found.update(x for x in members[1:] if not NOT_TOWN.fullmatch(x))
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


# A township story says 全镇 (or 全乡, 我镇, 本乡…) and names its township again and again.
_TOWN_SCOPE = regex.compile(r"[全本我该](?:镇|乡)")
_TOWN_END = regex.compile(r"(?<=\p{Han}{2})(?:镇|乡)")
MIN_TOWN_MENTIONS = 3
_ALL_HAN = regex.compile(r"\p{Han}+")


def _towns_by_repetition(text: str) -> set[str]:
    """Townships jieba does not know (纪台镇), in a text that speaks of one as 全镇: the
    two- or three-character stem before 镇 or 乡 written most often, at least MIN_TOWN_MENTIONS
    times (the longer stem when every mention has it: 山下湖镇, not 下湖镇)."""
    if not _TOWN_SCOPE.search(text):
        return set()
    counts: dict[str, int] = {}
    for m in _TOWN_END.finditer(text):
        for size in (2, 3):
            name = text[m.start() - size:m.end()]
            if len(name) == size + 1 and _ALL_HAN.fullmatch(name) and not NOT_TOWN.search(name):
                counts[name] = counts.get(name, 0) + 1
    out = set()
    for name, n in counts.items():
        if n < MIN_TOWN_MENTIONS or len(name) != 3:
            continue
        longer = max((c for c in counts if len(c) == 4 and c.endswith(name) and counts[c] == n), key=len, default="")
        out.add(longer or name)
    return out


def sentence_names(sentence: str, towns: tuple[str, ...] = (),
                   aliases: tuple[tuple[str, str], ...] = ()) -> list[tuple[int, int, str]]:
    """The names of a whole sentence, read once for all its claims; `towns`, the
    document's townships (towns_in), are names wherever they are written, and so are
    `aliases`, the short names of its companies (org_aliases), as the full names."""
    return _named_subjects(_BRACKETED.sub(lambda m: "□" * len(m.group()), sentence), towns, aliases)


_ORG_AT_CLAUSE = regex.compile(r"(?:^|(?<=[，,；;。\n]))(?P<name>(?![各全该本我其所下])\p{Han}{2,12}?(?:公司|集团))"
                               r"(?=实现|完成|新签|管理|营业收入|净利润|累计|全年|上半年|前三季度|今年|共|已|营收)")
# 上半年集团实现…, 报告期内公司…, 目前公司…: a time and the organisation the text is about
_NOT_ORG_STEM = regex.compile(r"[年月日季期内间后中]|目前|当前|同比|其中")
_PARK_AT_CLAUSE = regex.compile(r"(?:^|(?<=[，,；;。\n]))(?:其中[，,])?(?P<name>\p{Han}{2,6}?"
                                r"(?:产业园区|工业园区|产业园|工业园|风景名胜区|旅游区|景区|旅游度假区|度假区"
                                r"|森林公园|湿地公园|地质公园|国家公园)"
                                # a shopping district by its streets: 和平路—滨江道金街商圈
                                r"|(?:\p{Han}{1,4}[路街道]—)?\p{Han}{2,6}?(?:商圈|步行街|商业街|风情区))"
                                r"(?=新|实现|完成|入驻|引进|接待|累计|共|已|全年|今年|上半年|前三季度|单日|日均|当日|假期|客流|销售额)")


def _zone_place_start(text: str, zone_start: int) -> int | None:
    """Where the place a zone is named after begins (正定 of 正定高新技术产业开发区: 正定县), if one does."""
    for size in (4, 3, 2):
        at = zone_start - size
        stem = text[at:zone_start] if at >= 0 else ""
        if not regex.fullmatch(r"\p{Han}+", stem or "-"):
            continue
        if places.canonical_place(stem) or any(places.canonical_place(stem + k) for k in "县市区旗"):
            return at
    return None


def _named_subjects(text: str, towns: tuple[str, ...] = (),
                    aliases: tuple[tuple[str, str], ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, name) of the places (by the gazetteer, full names),
    townships and organisations (by jieba, 鲁西集团) named in `text`, in order."""
    found = [(end - len(name), end, name) for end, name in names_in(text)
             if (ORG_SUFFIX.search(name) or _PARK.search(name) or _TOWN.search(name))
             and not _GENERIC_ORG.search(name)]
    if "获悉" in text or "了解到" in text or "得知" in text:
        # 记者8日从长沙市汽车流通行业协会获悉，…: who told the reporter, not whose the figures are
        told = [m.span("source") for m in _TOLD_BY.finditer(text)]
        found = [f for f in found if not any(a <= f[0] and f[1] <= b for a, b in told)]
    for surface, name in [(t, t) for t in towns] + list(aliases):
        at = text.find(surface)
        while at >= 0:
            if not any(s <= at < e or at <= s < at + len(surface) for s, e, _ in found):
                found.append((at, at + len(surface), name))
            at = text.find(surface, at + len(surface))
    for m in _REGION_AT_CLAUSE_HEAD.finditer(text):
        found.append((m.start("name"), m.end("name"), m["name"]))
    filed = [m.span() for m in DATELINE.finditer(text)] if "日" in text else []
    # 开通至上海、南京、武汉等地的航线9条: where to, not whose
    not_whose = [m.span("places") for m in _BOUND_FOR.finditer(text)] if "等" in text else []
    if "届" in text:
        # 第三十二届中国五金博览会: a place in an event's name is the event's, not whose the figures are
        not_whose += [m.span() for m in _EVENT_NAME.finditer(text)]
    for start, end, place in places.find_places(text):
        if _COMPARED.search(text, max(0, start - 3), start) or (
                place.level == "country" and _BENCHMARK.match(text, end)) or any(a <= start < b for a, b in filed) \
                or any(a <= start < b for a, b in not_whose):
            continue
        if _VENUE_BEFORE.search(text, max(0, start - 2), start) and _VENUE_AFTER.match(text, end):
            continue        # 赣州赴深圳开展招商推介, …推介会在深圳市举行: where, not whose
        if ZONE_KIND.match(text, end):
            continue        # the zone named after it (below)
        zone = ZONE_AFTER_PLACE.match(text, end)
        if zone:
            found.append((start, zone.end(), text[start:zone.end()]))   # 宜宾临港经济技术开发区…: the zone's
            continue
        station = _STATION.match(text, end)
        if station:
            found.append((start, station.end(), text[start:station.end()]))   # 怀化南站发送旅客…: the station's
            continue
        found.append((start, end, place.name))
    if "公司" in text or "集团" in text:
        for m in _ORG_AT_CLAUSE.finditer(text):
            # 赣鄱高速运营公司实现通行费收入…: a company that opens its clause, its name as written
            # (jieba's tags miss names of words it cuts small: 赣|鄱|高速|运营)
            a, b = m.span("name")
            if _GENERIC_ORG.search(m["name"]) or _NOT_ORG_STEM.search(m["name"], 0, len(m["name"]) - 2) or any(s <= a < e or a <= s < b for s, e, _ in found
                                                   if not (a <= s and e <= b)):
                continue
            found = [f for f in found if not (a <= f[0] and f[1] <= b)] + [(a, b, m["name"])]
    if "区" not in text and "园" not in text and "圈" not in text and "街" not in text:
        return sorted(found, key=lambda f: (f[1], f[0]))
    for m in _PARK_AT_CLAUSE.finditer(text):
        # …；电商产业园新入驻企业186家: a park that opens its clause is whose its figures are
        if not any(s <= m.start("name") < e for s, e, _ in found):
            found.append((m.start("name"), m.end("name"), m["name"]))
    for zone in ZONE_KIND.finditer(text):
        # 正定高新技术产业开发区实现营业收入…, 徐州经开区: a zone named after its place, as written
        at = _zone_place_start(text, zone.start())
        if at is not None and not any(s <= at < e or at <= s < zone.end() for s, e, _ in found):
            found.append((at, zone.end(), text[at:zone.end()]))
    return sorted(found, key=lambda f: (f[1], f[0]))


_BOUND_FOR = regex.compile(r"(?:至|到|往|通往|直达|销往|发往|通达|辐射)(?P<places>[^，,。；;]{2,30}?)等(?:地|国家|城市|港口)")
# (a fair, a forum, a festival: not 第十四届全国人民代表大会, whose report is the nation's)
_EVENT_NAME = regex.compile(r"第[\d一二三四五六七八九十百]{1,5}届\p{Han}{2,20}?(?:博览会|交易会|展览会|洽谈会|投洽会|论坛|运动会"
                            r"|文化节|旅游节|艺术节|购物节|电影节|美食节)")
_TOLD_BY = regex.compile(r"(?:从|向)(?P<source>[^，,。；;：:“”]{2,30}?)(?:获悉|了解到|得知)")
# A railway station named after its place: 怀化南站, 合肥火车站 (not 站点, 站长, 站台)
_STATION = regex.compile(r"(?:东|南|西|北)?(?:火车站|高铁站|客运站|站)(?![点台长务区位内外前上起稳在到])")
_VENUE_BEFORE = regex.compile(r"(?:赴|前往|到|在|于)$")
_VENUE_AFTER = regex.compile(r"[^，,。；;：:\n]{0,20}?(?:举行|举办|召开|开展|开幕|闭幕|推介|洽谈|考察|调研|参展)")


_PROJECT_STAGES = {"签约", "开工", "新开工", "竣工", "落地", "投产", "引进", "在建", "储备", "入库"}


# The parts of the country NBS reports by: 分地区看，东部地区…增长6.4%，中部地区增长6.8%.
REGIONS = "东部|中部|西部|东北|东南|西南|西北|华东|华南|华北|华中|中西部|东中部"
REGION_NAME = regex.compile(rf"(?:{REGIONS})地区")      # named in full, a subject (a bare 东部 may be an adjective)
_REGION_AT_CLAUSE_HEAD = regex.compile(rf"(?:^|(?<=[,，;；:：。！？!?\n])){_CLAUSE_HEAD_WORDS}{{0,4}}+(?P<name>{REGION_NAME.pattern})")


# A company's full name and the short name it goes by: 宁远新能源科技股份有限公司（…以下简称“宁远新能源”）
# A registered or group name: what it is called, then what kind of body (集团有限公司, 银行)
ORG_NAME = (r"[\p{Han}A-Za-z]{2,16}?(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司"
            r"|有限公司|集团|银行)")
_ORG_FULL = regex.compile(rf"(?P<name>{ORG_NAME})")
_ALIAS = regex.compile(r"(?:以下简称|下称|简称)[“\"](?P<alias>[^”\"]{2,10})[”\"]")
# Kinds of organisation, not one organisation: 上市公司, 村镇银行, 国有企业.
_GENERIC_ORG = regex.compile(r"(?:^|^首家|^[一\d]{1,3}家|^多家)(?:上市|该|本|子|母|分|控股|参股|关联|这家|一家|各|全资|季度|年度|村镇|商业|农商|农村商业"
                             r"|城市商业|政策性|国有|民营|外资|合资|股份制|大型|中小|小微|科技型|头部|龙头|社会|企业|金融|投资"
                             r"|本地|当地|地方|各类|各家"
                             # an industry's groups: 汽车集团, 能源集团 (a kind, not one of them)
                             r"|汽车|能源|钢铁|物流|化工|建筑|交通|旅游|文旅|医药|电力|建设|农业|矿业|水务|城投|港口|航空"
                             r"|铁路|煤炭|电子|食品|纺织|传媒|出版|地产|房地产|保险|证券|信托)(?:公司|集团|银行|企业)$")
MIN_ORG_MENTIONS = 3
_ORG_END = re.compile(r"公司|集团|银行")
_ORG_REACH = 32      # longer than a name (16) and its suffix (8) on either side of the word


def _org_names(head: str):
    """_ORG_FULL's matches in `head`, as finditer gives them, the lazy name tried only
    near the words every match ends in (公司, 集团, 银行), not at every character."""
    lo_hi: list[list[int]] = []
    for m in _ORG_END.finditer(head):
        lo, hi = max(0, m.start() - _ORG_REACH), min(len(head), m.end() + _ORG_REACH)
        if lo_hi and lo <= lo_hi[-1][1]:
            lo_hi[-1][1] = hi
        else:
            lo_hi.append([lo, hi])
    for lo, hi in lo_hi:
        yield from _ORG_FULL.finditer(head, lo, hi)


@lru_cache(maxsize=256)
def org_aliases(text: str) -> tuple[tuple[str, str], ...]:
    """(short name, full name) of the companies a text names in full and then by a short
    name (山东青畦种业科技有限公司 … 青畦种业是…): its 以下简称, else the name without its
    place and company words, when the text writes it on its own too."""
    head = text[:30000]
    out: dict[str, str] = {}
    for m in _org_names(head):
        name = _BEFORE_NAME.sub("", m["name"])      # 位于涵江区的莆田鸿步鞋业有限公司: the name after 的
        if _GENERIC_ORG.match(name) or len(_ORG_KIND.sub("", name)) < 2 or name.endswith(("集团", "银行")):
            continue            # 股份有限公司 of 海州银行股份有限公司: no name of its own
        alias = _ALIAS.search(head, m.end(), m.end() + 60)
        short = alias["alias"] if alias else _ORG_KIND.sub("", name)
        lead = places.find_places(short)
        if not alias and lead and lead[0][0] == 0:
            short = short[lead[0][1]:]          # 山东青畦种业 -> 青畦种业
        if 2 <= len(short) <= 8 and short not in out and head.count(short) > head.count(name):
            out[short] = name
    return tuple(out.items())


_ORG_KIND = regex.compile(r"(?:科技|集团)?(?:股份有限公司|有限责任公司|有限公司)$")
_BEFORE_NAME = regex.compile(r"^[^的]{0,16}的")


def home_organisation(text: str) -> tuple[str, str]:
    """(full name, short name) of the organisation a text is about: named
    near its top and mentioned again and again (a company's results), or a
    development zone named at the top that its clauses open with (开发区实现…)."""
    head = text[:1200]
    zone = home_zone(text)
    if zone[0]:
        return zone
    for m in _org_names(head):
        name = m["name"]
        if _GENERIC_ORG.match(name) or len(name) < 4:
            continue
        alias = _ALIAS.search(head, m.end(), m.end() + 60)
        short = alias["alias"] if alias else regex.sub(r"(?:科技|集团)?(?:股份有限公司|有限责任公司|有限公司|集团|银行)$", "", name)
        # about it: it names itself by a short name, or the title names it
        if len(short) >= 2 and _word_mentions(text, short) >= MIN_ORG_MENTIONS and (alias or short in text[:60]):
            if not _LEGAL_FORM.search(name):
                # 鼎盛集团召开…。河南鼎盛产业投资集团有限公司…: the registered name the story writes
                name = next((m["name"] for m in _org_names(head) if _LEGAL_FORM.search(m["name"])
                             and short in m["name"] and m["name"] != name), name)
            return name, short
        # or, named in full (a registered name), it is 公司 / 该公司 after (走进…有限公司。…该公司实现产值…)
        if _LEGAL_FORM.search(name) and len(_THE_COMPANY.findall(text, m.end())) >= MIN_ORG_MENTIONS - 1:
            whole = next((n for end, n in names_in(head[:m.end()]) if end == m.end()), "")
            short = _ORG_KIND.sub("", whole)
            if len(short) >= 2:
                return whole, short
    # a listed company the title names and the story gives its stock code (启衡医疗（688627.SH）), by that name
    listed = _LISTED.search(head)
    if listed:
        title = text.split("\n", 1)[0]
        run = listed["name"]
        name = next((run[-k:] for k in range(len(run), 1, -1) if run[-k:] in title), "")
        # (named again, or called 公司 after: 上半年，公司实现营业收入…)
        if name and (text.count(name) >= MIN_ORG_MENTIONS or len(_THE_COMPANY.findall(text)) >= MIN_ORG_MENTIONS - 1):
            return name, name
    # a bank's branch or a venue the title names, that the story calls 该行 or 该中心 after
    titled = _TITLED_ORG.search(text[:_TITLE_REACH])
    if titled and not _GENERIC_ORG.match(titled["name"]) and len(_THE_ORG.findall(text)) >= MIN_ORG_MENTIONS - 1:
        name = _HOLIDAY_LEAD.sub("", titled["name"])      # (国庆假期万达广场购物中心…: the holiday is when)
        return (name if len(name) >= 4 else titled["name"]), ""
    # 萧山机场前10个月旅客吞吐量… 萧山机场累计完成…: an airport the title names and the story names again,
    # by its full name where the story writes one (杭州萧山国际机场)
    venue = _TITLED_VENUE.search(text[:_TITLE_REACH])
    if venue and venue["kind"] == "港" and not _named_after_place(venue["stem"]):
        venue = None        # 自贸港, 保税港: a kind of zone; 日照港, 宁波舟山港: the port of a city
    if venue and text.count(venue["name"]) >= MIN_ORG_MENTIONS:
        stem, kind = venue["stem"], venue["kind"]
        full = venue["name"]
        for m in regex.finditer(rf"(?P<lead>\p{{Han}}{{0,4}}){regex.escape(stem)}\p{{Han}}{{0,4}}?{regex.escape(kind[-2:])}", text):
            lead = m["lead"]
            # (the place before the stem is the name's: 杭州萧山国际机场, not 日从杭州…)
            at = next((k for k in range(len(lead) + 1) if not lead[k:] or places.canonical_place(lead[k:])), len(lead))
            if len(m.group()) - at > len(full):
                full = m.group()[at:]
        return full, venue["name"]
    return "", ""


# 泰丰银行泰安分行普惠小微贷款余额突破百亿元 … 该行…: whose the story is, though no company
_TITLED_ORG = regex.compile(r"(?P<name>\p{Han}{2,10}?(?:银行\p{Han}{2,8}?(?:分行|支行)|购物中心|商场|百货|酒店|医院))")
_THE_ORG = regex.compile(r"该(?:行|分行|支行|中心|购物中心|商场|酒店|医院)|(?<=[，,。；;：:\n])(?:购物中心|商场|酒店)(?=\p{Han})")
_TITLE_REACH = 120
_LISTED = regex.compile(r"(?P<name>\p{Han}{2,10})[（(](?:股票代码[：:])?\d{6}(?:\.(?:SH|SZ|BJ|sh|sz|bj))?[）)]")
_HOLIDAY_LEAD = regex.compile(r"^(?:国庆|春节|五一|十一|端午|中秋|元旦|清明|暑期|暑假|寒假|双十一)?(?:假期|长假|小长假|黄金周|期间)?")
_TITLED_VENUE = regex.compile(r"(?P<name>(?P<stem>\p{Han}{2,6}?)(?P<kind>国际机场|机场|港口|港区|(?<!自贸|自由贸易|保税|空|渔)港(?![口区务澳币股城镇]|\p{Han}{0,2}(?:路|街|大道))))")


def _named_after_place(stem: str) -> bool:
    """Whether a name's stem starts with a division's name (日照 of 日照港, 宁波 of 宁波舟山港; not 中国 of 中国香港)."""
    if places.canonical_place(stem + "港") or places.canonical_place(stem + "港市"):
        return False        # 连云港, 防城港: the city itself
    for size in (3, 2):
        place = places.canonical_place(stem[:size]) or places.canonical_place(stem[:size] + "市")
        if size <= len(stem) and place is not None and place.level != "country":
            return True
    return False


def _word_mentions(text: str, name: str) -> int:
    """How often `name` is written as words of its own: not 人民 inside 人民币 or 人民银行
    (jieba's words of the few characters around each mention; at most MIN_ORG_MENTIONS are looked for)."""
    found, at = 0, text.find(name)
    while at >= 0 and found < MIN_ORG_MENTIONS:
        left = max(0, at - 6)
        window = text[left:at + len(name) + 6]
        edges, pos = {0}, 0
        for word in tagging.words(window):
            pos += len(word)
            edges.add(pos)
        found += (at - left) in edges and (at - left + len(name)) in edges
        at = text.find(name, at + len(name))
    return found


# A development zone's kind and the short name its story goes by: 南通经济技术开发区 … 开发区实现…
_ZONE_KINDS = {"经济技术开发区": "经开区|开发区", "经济开发区": "经开区|开发区", "高新技术产业开发区": "高新区",
               "高新技术开发区": "高新区", "开发区": "开发区", "高新区": "高新区", "工业园区": "园区", "产业园区": "园区",
               "产业园": "园区", "工业园": "园区",
               "综合保税区": "综保区", "自由贸易试验区": "自贸区", "新区": "新区"}
ZONE_KIND = regex.compile("|".join(sorted(_ZONE_KINDS, key=len, reverse=True)))
# A zone after the place it is named after, a township and an industry perhaps between: 仙桃市彭场镇无纺布产业园
ZONE_AFTER_PLACE = regex.compile(rf"\p{{Han}}{{0,8}}?(?P<kind>{ZONE_KIND.pattern})")
ZONE_HEAD_REACH = 300    # the zone a story is about is named in its title or first lines


def home_zone(text: str) -> tuple[str, str]:
    """(full name, short name) of the development zone a text is about: a place
    and a zone's kind near the top (南通经济技术开发区, 苏州工业园区), its short name
    (开发区, 园区) or 全区 then opening at least MIN_ORG_MENTIONS clauses.

    >>> home_zone("今年以来，南通经济技术开发区稳中有进。前三季度，开发区实现产值5亿元；开发区新增企业9家。截至9月末，全区有企业6家。")
    ('南通经济技术开发区', '开发区')
    """
    head = text[:ZONE_HEAD_REACH]
    zones = []
    for start, end, place in places.find_places(head):
        zone = ZONE_AFTER_PLACE.match(head, end)
        if not zone or place.name.endswith(zone["kind"]):
            continue        # 浦东新区 is a district the gazetteer knows
        kind = zone["kind"]
        # its short names open its clauses (开发区实现…, 徐州经开区完成…, 全区…)
        heads = regex.findall(rf"(?:^|(?<=[,，;；:：。！？!?\n])){_CLAUSE_HEAD_WORDS}{{0,16}}+"
                              rf"(?:{regex.escape(place.name[:2])}\p{{Han}}{{0,2}}?)?(?P<short>{_ZONE_KINDS[kind]}|全区)",
                              text[:30000])
        # (or the title names it, and the story names it again by its full or short name: 遂宁经开区三季度集中签约…)
        named = rf"{regex.escape(place.name[:2])}\p{{Han}}{{0,2}}?(?:{kind}|{_ZONE_KINDS[kind]})"
        titled = regex.search(named, text.split("\n", 1)[0]) is not None
        if len(heads) >= MIN_ORG_MENTIONS or titled and len(regex.findall(named, text[:30000])) >= MIN_ORG_MENTIONS:
            shorts = [h for h in heads if h != "全区"] or [_ZONE_KINDS[kind].split("|")[-1]]
            zones.append((head[start:zone.end()], max(set(shorts), key=shorts.count)))
    # the registered name (南通经济技术开发区) over the title's short one (南通开发区)
    return max(zones, key=lambda z: len(z[0]), default=("", ""))


_LOCATIVE = regex.compile(r"(?:在|于|位于)(?![\d一二三四五六七八九十])")
# 公司 / 该公司 / 集团 opening a clause or after a quote's speaker: the company the story named
_THE_COMPANY = regex.compile(r"(?:^|(?<=[，,。；;：:“”\n]))(?:该|这家)?(?:公司|集团)(?![\p{Han}]{0,1}(?:家|个|户|名|债|制))")


def _levels(place) -> tuple[str, ...]:
    """The scope words a division answers to: 全区 in 西藏自治区, 全市 in 重庆市."""
    if place.level == "country":
        return ("国",)
    if place.level == "province":
        return ("省",) + (("区",) if place.name.endswith("自治区") else ()) + (
            ("市",) if place.name in _MUNICIPALITIES else ())
    if place.level == "city":
        return ("市", "州") if place.name.endswith("自治州") else ("市",)
    return ("区",) if place.name.endswith("区") else ("县",) if place.name.endswith(("县", "旗")) else ("市",)


@lru_cache(maxsize=256)
def home_places(text: str, fixed: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """The place a text is about at each level (省, 市, 县, 区), by how often
    the gazetteer finds it; the most mentioned as "primary". Falls back on
    jieba-tagged names where the gazetteer finds none. `fixed` levels are
    known already (a city paper's 全市 is its city, masthead_place).

    >>> home_places("聊城市召开会议。聊城将…阳谷县…")["市"]
    '聊城市'
    """
    out = _home_places(text)
    if not fixed:
        return out
    out = {**out, **dict(fixed)}
    level = _scope_level(text)
    if level and level in out:
        out["primary"] = out[level]
    elif not out.get("primary"):
        out["primary"] = dict(fixed).get("市") or next(iter(dict(fixed).values()))
    return out


def _scope_level(text: str) -> str:
    """The scope word a text uses most (全省, 全市…), if any."""
    scope_uses = dict.fromkeys(_SCOPE_LEVELS, 0)
    for m in _SCOPE_AT_CLAUSE_HEAD.finditer(text[:30000]):     # one pass, not one per clause and level
        scope_uses[m.lastgroup] += 1
    level = max(scope_uses, key=scope_uses.get) if scope_uses else ""
    return level if level and scope_uses[level] else ""


# A newspaper page opens with its masthead: 绍兴日报, 浙江日报 (not 人民日报, 经济日报: no place),
# first on the line or one of its fields (2026年12月16日　星期三　寿光日报　第3版).
_MASTHEAD = regex.compile(r"^[ \t\u3000]{0,8}(?:(?P<name>\p{Han}{2,8}?)(?:日报|晚报|都市报|商报|时报)"
                          r"|今日(?P<name>\p{Han}{2,4})(?=[ \t\u3000\n]|$))")     # 今日婺源: a county's paper
_MASTHEAD_FIELD = regex.compile(r"(?:^|(?<=[ \t\u3000]))(?P<name>\p{Han}{2,8}?)(?:日报|晚报|都市报|商报|时报)(?=[ \t\u3000]|$)",
                                regex.M)


def masthead_place(text: str) -> tuple[tuple[str, str], ...]:
    """The levels a city or provincial paper's scope words stand for, from its
    masthead (the page's first line): 绍兴日报 -> 全市 is 绍兴市, whichever county
    of it a story names most.

    >>> masthead_place("绍兴日报　2024年12月18日　星期三\\n…")
    (('市', '绍兴市'),)
    >>> masthead_place("2024年12月18日　星期三　绍兴日报　第3版\\n…")
    (('市', '绍兴市'),)
    """
    m = _MASTHEAD.match(text) or _MASTHEAD_FIELD.search(text.split("\n", 1)[0])
    # a county-level city's paper goes by its short name too (寿光日报: 寿光市)
    place = next((p for p in map(places.canonical_place, (m["name"], m["name"] + "市", m["name"] + "县",
                                                         m["name"] + "区")) if p), None) if m else None
    if place is None or place.level == "country":
        return ()
    return tuple((lv, place.name) for lv in _levels(place))


@lru_cache(maxsize=256)
def _home_places(text: str) -> dict[str, str]:
    counts: dict[str, int] = {}
    by_name = {}
    filed = [m.span() for m in DATELINE.finditer(text[:30000])]
    for start, _, place in _places_of_document(text):
        if place.level == "country" or any(a <= start < b for a, b in filed):
            continue        # 本网北京12月11日讯: where the story was filed, not what it is about
        counts[place.name] = counts.get(place.name, 0) + 1
        by_name[place.name] = place
    if not counts:
        out = _home_places_by_tags(text)
        towns = {t: text.count(t) for t in towns_in(text)}
        level = _scope_level(text) if towns else ""
        if level == "镇" or (towns and not level and _TOWN_SCOPE.search(text)):
            # 纪台镇：…, 全镇蔬菜种植面积…: a township's story that names no county or city (its
            # 全镇 may follow a time: 7月份全镇共接待…)
            out["镇"] = out["primary"] = max(towns, key=towns.get)
        return out
    out: dict[str, str] = {}
    best: dict[str, int] = {}
    for name, n in counts.items():
        for level in _levels(by_name[name]):
            if n > best.get(level, 0):
                best[level], out[level] = n, name
    towns = {t: text.count(t) for t in towns_in(text)}
    if towns:
        out["镇"] = max(towns, key=towns.get)      # 全镇: the township the text names most
    out["primary"] = max(counts, key=counts.get)
    # a text that says 全省/我省 more than any other scope word is about its province,
    # however often it names one of its cities (芜湖 in a story on 安徽)
    level = _scope_level(text)
    if level and out.get(level):
        out["primary"] = out[level]
    elif len(_NATION_AT_CLAUSE_HEAD.findall(text[:30000])) >= max(counts.values()):
        # 11月，我国新能源汽车产销…，安徽、广东两省…: the nation's story, however its parts are named
        out["国"] = out["primary"] = "全国"
    return out


_NATION_AT_CLAUSE_HEAD = regex.compile(rf"(?:^|(?<=[,，;；:：。！？!?\n])){_CLAUSE_HEAD_WORDS}{{0,16}}+(?:我国|全国)"
                                       r"(?!的|平均|水平|第|前列|首位|同期|同行|百强|千强|范围)")


def _home_places_by_tags(text: str) -> dict[str, str]:
    sample = text[:30000]
    best: dict[str, tuple[int, str]] = {}
    for m in _NAME_OF_DIVISION.finditer(sample):
        name = m.group(1) + m.group(2)
        if name in {b[1] for b in best.values()} or not _is_name(name):
            continue
        count = sample.count(m.group(1))
        level = m.group(2)
        if count > best.get(level, (0, ""))[0]:
            best[level] = (count, name)
    places = {level: name for level, (_, name) in best.items()}
    if best:
        places["primary"] = max(best.values())[1]
    return places


# 全村 and the village it stands for, named after its township or at a clause's start.
_VILLAGE_SCOPE = regex.compile(r"全村|该村|本村|我村")
_VILLAGE = regex.compile(r"(?:^|(?<=[镇乡，。；、\n“]))(?P<v>(?![今去明本该我每这那])(?:(?![全各])\p{Han}){2,3}村)"
                         r"(?![民委级庄镇落集干组])")     # not 今年村集体…
# An aside in brackets names no subject for what follows: （主要是…谷实公司…带动）
# (not the place inside a registered name: 华芯半导体（无锡）有限公司)
_BRACKETED = regex.compile(r"(?:（[^（）\n]{0,80}）|\([^()\n]{0,80}\))(?!股份有限|有限)")
# 每个县（市、区）都集中打造1—2个: the quantity is per member.
_EACH = regex.compile(r"(?P<who>每(?:个|一个|家|所)?(?:县|市|区|乡镇|镇|街道|村|企业|园区|学校)(?:（[^（）]{1,8}）)?)"
                      r"[^，,。；;]{0,12}$")
# A place inside an honour's name: 获山东省农业绿色发展先行县等8个荣誉称号.
_HONOUR = regex.compile(r"(?:获|荣获|获评|评为|授予|入选|命名为|跻身)[^，,。；;]{0,30}$")


# A release of a central ministry or agency (not a branch or a province's 厅): its figures are the nation's.
_MINISTRIES = ("教育部|科学技术部|科技部|工业和信息化部|工信部|民政部|财政部|人力资源和社会保障部|人社部|自然资源部|生态环境部"
               "|住房和城乡建设部|住建部|交通运输部|水利部|农业农村部|商务部|文化和旅游部|文旅部|应急管理部|审计署|海关总署"
               "|国家税务总局|国家市场监督管理总局|国家统计局|国家发展和改革委员会|国家发展改革委|国家能源局|国家邮政局|国家外汇管理局"
               "|国家卫生健康委员会|中国民用航空局|国家铁路局|国家林业和草原局|国家知识产权局|国务院新闻办公室|国务院")
_CENTRAL_SOURCE = regex.compile(rf"(?:来源|发布单位|发布机构)[：:]\s{{0,2}}(?:中华人民共和国)?(?:{_MINISTRIES}"
                                r"|中国人民银行(?!\p{Han}{0,8}(?:分行|支行|中心)))")


def central_source(head: str) -> bool:
    """Whether a text's source line names a central ministry or agency (来源：交通运输部…)."""
    return _CENTRAL_SOURCE.search(head) is not None


def title_place(title: str) -> dict[str, str]:
    """The place a document's title names, at each level its scope words
    stand for: 2026年西藏自治区政府工作报告 -> 全区 and 全省 are 西藏自治区;
    a national release (全国…, 国民经济…) is about 全国.

    >>> title_place("2026年西藏自治区政府工作报告")["区"]
    '西藏自治区'
    """
    if not title:
        return {}
    # 增速连续三个季度高于全国: the nation a title compares with is not what it is about
    # (nor the place of an event's name: 第十八届中国小商品博览会闭幕)
    events = [m.span() for m in _EVENT_NAME.finditer(title)] if "届" in title else []
    found = [p for start, end, p in places.find_places(title)
             if not any(a <= start < b for a, b in events) and not (_COMPARED.search(title, max(0, start - 3), start)
                     or p.level == "country" and _BENCHMARK.match(title, end)
                     or _VENUE_BEFORE.search(title, max(0, start - 2), start) and _VENUE_AFTER.match(title, end))]
    if found:
        return {**{lv: found[-1].name for lv in _levels(found[-1])}, "primary": found[-1].name}
    text = _TITLE_TIME.sub("", title)
    for m in _TITLE_PLACE.finditer(text[:40]):
        for size in range(len(m.group(1)), 1, -1):
            name = m.group(1)[-size:] + m.group(2)
            if name.endswith(("城市", "城区", "地区")):
                continue            # 中西部城市: a kind of place, no name
            if _is_name(name):
                levels = _LEVELS_OF.get(m.group(2), ())
                return {**{lv: name for lv in levels}, "primary": name}
    nation = _NATION.search(title)
    if nation and not _COMPARED.search(title, max(0, nation.start() - 3), nation.start()) \
            and not any(a <= nation.start() < b for a, b in events):
        return {"国": "全国", "primary": "全国"}     # not 高于全国: a yardstick
    return {}
