"""Claims mapped to the catalogue of indicators (data/indicators.yaml): the
indicators.csv table of DESIGN.md, one row per claim of a known indicator.

An indicator phrase as the text gives it (全市规上工业增加值同比增长) names an
indicator when one of the catalogue's aliases stands inside it with nothing
before it but scope and time words (全市, 一季度, a place's name) and nothing
after it but change, comparison and share words (同比增长, 增速比上年提高,
占GDP比重); so a breakdown (装备制造业增加值) never passes for its total.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick
import numpy as np
import regex

if TYPE_CHECKING:
    import pandas as pd

from . import lexicon
from .model import CLAIM_COLUMNS
from .places import canonical_place, find_places
from .table import format_decimal

_CATALOGUE = Path(__file__).parent / "data" / "indicators.yaml"

INDICATOR_COLUMNS = ("indicator_id", "indicator_zh", "indicator_en", "subject_id", "subject", "period",
                     "status", "measure", "direction", "bound", "value", "value_high", "unit",
                     "published", "doc_id", "claim_id", "sentence")

# 增速比同期提高, 比2016年全年增速提高: a comparison with its base, after the name.
_COMPARISON = regex.compile(
    r"(?<![同环])比(?![重例率])[\p{Han}\d—\-~]{1,16}?(?:增长|下降|提高|降低|增加|减少|回落|回升|加快|放缓|扩大|收窄|持平)$")
# 增速高于全国, 低于全省平均: a comparison with another place's figure.
_ABOVE = regex.compile(r"(?:高于|低于|快于|慢于)[\p{Han}]{1,8}?(?:平均|水平)?$")
# 占全省比重, 占GDP比重, 占比: a share of something, after the name.
_SHARE = regex.compile(r"(?:占[\p{Han}A-Za-z]{1,12}?(?:比重|比例)|占比|比重)$")
# 2024年, 1—5月份, 3月: the time before the name.
_TIME = regex.compile(r"^(?:\d{4}年)?(?:\d{1,2}(?:[—\-~至]\d{1,2})?月份?)?(?:末|底)?")
# A bracket at the end qualifies the name: 营业收入(总计), 城乡居民人均可支配收入(城镇).
_BRACKET = regex.compile(r"^(.+?)(\([^()]{1,12}\))$")
# A change word makes 经济 mean GDP: 经济增长5%, 粮食增产.
_CHANGE_MARK = regex.compile(r"增|降|涨|提高|减|回落|回升|加快|放缓")
_NOT_IN_NAMES = regex.compile(r"[\s“”\"‘’']")
_TOTAL_WORDS = {"(总计)", "(合计)", "(全部)", "(全国)", "(总体)"}


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    family: str
    measures: frozenset[str]
    kinds: frozenset[str]


class _Catalogue:
    def __init__(self) -> None:
        data = lexicon.load_yaml(_CATALOGUE.read_text(encoding="utf-8"))
        families = {name: frozenset(kinds) for name, kinds in data["families"].items()}
        self.indicators: dict[str, Indicator] = {}
        self.aliases: dict[str, str] = {}
        self.change_aliases: dict[str, str] = {}
        for ident, entry in data["indicators"].items():
            if entry["family"] not in families:
                raise ValueError(f"indicators.yaml: {ident}: unknown family {entry['family']!r}")
            self.indicators[ident] = Indicator(ident, entry["zh"], entry["en"], entry["family"],
                                               frozenset(entry["measures"]), families[entry["family"]])
            for table, key in ((self.aliases, "aliases"), (self.change_aliases, "change_aliases")):
                for alias in entry.get(key, []):
                    alias = _fold(str(alias))
                    if alias in self.aliases or alias in self.change_aliases:
                        raise ValueError(f"indicators.yaml: alias {alias!r} of {ident} is taken")
                    table[alias] = ident
        # Each alias by its base and closing bracket: 城乡居民人均可支配收入 + (城镇).
        self.by_base: dict[str, dict[str, str]] = {}
        for alias, ident in self.aliases.items():
            m = _BRACKET.match(alias)
            base, bracket = (m.group(1), m.group(2)) if m else (alias, "")
            self.by_base.setdefault(base, {})[bracket] = ident
            self.by_base.setdefault(alias, {})[""] = ident     # 地区生产总值(GDP)增长
        # Every base inside a phrase in one pass (Aho-Corasick).
        self.alias_finder = ahocorasick.Automaton()
        for base in {*self.by_base, *self.change_aliases}:
            self.alias_finder.add_word(base, base)
        self.alias_finder.make_automaton()
        self.leading = sorted(map(_fold, data["leading"]), key=len, reverse=True)
        self.trailing = sorted(map(_fold, data["trailing"]), key=len, reverse=True)
        self.unit_kinds = {u.unit: u.kind for u in lexicon.units().values() if u.kind}


@lru_cache(maxsize=1)
def catalogue() -> _Catalogue:
    return _Catalogue()


def _fold(text: str) -> str:
    """Full-width forms folded (（城镇） -> (城镇), ＧＤＰ -> GDP), spaces and quotes dropped."""
    return _NOT_IN_NAMES.sub("", unicodedata.normalize("NFKC", text)).upper()


def indicator_id_of(indicator_text: str, unit: str = "", kind: str = "") -> str:
    """The catalogue id of an indicator phrase, '' when it names none of them
    or when a claim of this unit or kind cannot be a value of it.

    >>> indicator_id_of("全市地区生产总值同比增长", "%", "percent")
    'gdp'
    >>> indicator_id_of("装备制造业增加值", "元", "money")
    ''
    """
    ident = _id_of_phrase(indicator_text or "")
    return _fits(ident, unit, kind, "") if ident else ""


@lru_cache(maxsize=1_048_576)
def _id_of_phrase(text: str) -> str:
    """An alias inside the phrase with only scope and time words before it
    and only change, comparison and share words after it; the longest such."""
    cat = catalogue()
    core = _fold(text)
    bracket = ""
    m = _BRACKET.match(core)
    if m:
        core, bracket = m.group(1), m.group(2)
    found = [(last + 1 - len(base), last + 1, base) for last, base in cat.alias_finder.iter(core)]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))       # longest first
    for start, end, base in found:
        if not _only_scope(core[:start]):
            continue
        after = _only_change(core[end:])
        if not after:
            continue
        brackets = cat.by_base.get(base, {})
        ident = brackets.get(bracket, "")
        if not ident and bracket in _TOTAL_WORDS:
            ident = brackets.get("", "")
        if not ident and not bracket and after == _CHANGED:
            ident = cat.change_aliases.get(base, "")
        if ident:
            return ident
    return ""


_UNCHANGED, _CHANGED = 1, 2


@lru_cache(maxsize=65536)
def _only_scope(prefix: str) -> bool:
    """True when `prefix` is nothing but scope, time and place words:
    全市, 一季度, 2024年1—5月, 大庆市."""
    if not prefix:
        return True
    cat = catalogue()
    time = _TIME.match(prefix)
    if time and time.end() and _only_scope(prefix[time.end():]):
        return True
    for word in cat.leading:
        if prefix.startswith(word) and _only_scope(prefix[len(word):]):
            return True
    places = find_places(prefix)
    return bool(places) and places[0][0] == 0 and _only_scope(prefix[places[0][1]:])


@lru_cache(maxsize=65536)
def _only_change(suffix: str) -> int:
    """_CHANGED when `suffix` is nothing but change, comparison and share
    words with a change among them (增速比同期提高), _UNCHANGED without one
    (占比, 为), 0 when it says something else (投资, 产量)."""
    if not suffix:
        return _UNCHANGED
    cat = catalogue()
    best = 0
    for rest in _drop_trailing(cat, suffix):
        result = _only_change(rest)
        if result:
            changed = result == _CHANGED or bool(_CHANGE_MARK.search(suffix[len(rest):]))
            best = max(best, _CHANGED if changed else _UNCHANGED)
            if best == _CHANGED:
                break
    return best


def _drop_trailing(cat: _Catalogue, core: str) -> list[str]:
    """Each way to take one change, comparison or share word off the end."""
    forms = []
    for pattern in (_COMPARISON, _ABOVE, _SHARE):
        m = pattern.search(core)
        if m:
            forms.append(core[:m.start()])
    for word in cat.trailing:
        if core.endswith(word):
            forms.append(core[: -len(word)])
    return forms


def _cued(sentence: str) -> bool:
    """均, 都, 皆 and a list (和, 、, 与, 及): A和B均为12%, one number for several indicators."""
    return (("均" in sentence or "都" in sentence or "皆" in sentence)
            and ("和" in sentence or "、" in sentence or "与" in sentence or "及" in sentence))

_NOT_IN_SPAN = regex.compile(r"\s")


def coordinated_ids(indicator: str, sentence: str, text: str, unit: str, kind: str, measure: str) -> list[str]:
    """The catalogue ids of the other indicators a claim's number is stated for:
    in 广义货币M2和社会融资规模余额预期增长均为12%左右 the claim of 广义货币M2 is
    also social_financing's. Read again from the sentence, so that a claims
    table alone gives them. A member that names no indicator alone may share
    the last member's head: 城镇 of 城镇和农村居民人均可支配收入."""
    if not sentence or not text or not indicator or not _cued(sentence):
        return []
    from .attribute import coordinated_indicators     # jieba's tags: only for the few such sentences
    at = sentence.find(text)
    if at < 0:      # the sentence is normalised (１２％ -> 12%, no layout breaks); the text verbatim
        text = _NOT_IN_SPAN.sub("", unicodedata.normalize("NFKC", text))
        at = sentence.find(text) if text else -1
    while at >= 0:
        members = coordinated_indicators(sentence[max(0, at - 64):at])     # a list is shorter
        if members and (indicator in "".join(members) or members[0] in indicator):
            out = []
            for member in members:
                ident = _member_id(member, members[-1])
                ident = _fits(ident, unit, kind, measure) if ident else ""
                if ident and ident not in out:
                    out.append(ident)
            return out
        at = sentence.find(text, at + 1)
    return []


def _member_id(member: str, last: str) -> str:
    ident = _id_of_phrase(member)
    if ident or member == last:
        return ident
    for cut in range(1, len(last) - 1):     # the longest head of the last member first
        ident = _id_of_phrase(member + last[cut:])
        if ident:
            return ident
    return ""


def _plain(value) -> str:
    """A number cell as plain text: '' when missing; 4.0 -> 4."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    if not text or text.lower() == "nan":
        return ""
    try:
        return format_decimal(Decimal(text))
    except InvalidOperation:
        return text


def _normalized_high(value_high, multiplier) -> str:
    high = _plain(value_high)
    if not high:
        return ""
    factor = _plain(multiplier) or "1"
    return format_decimal(Decimal(high) * Decimal(factor))


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def indicators_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """indicators.csv of DESIGN.md from a claims table (claims.csv columns):
    one row per claim whose indicator is in the catalogue and whose measure
    makes sense for it, in claim order. Each distinct phrase is read once,
    so a million claims take seconds."""
    import pandas as pd
    if claims is None or claims.empty or "indicator" not in claims:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    cat = catalogue()
    # each distinct phrase is read once; unit, kind and measure are checked
    # only on the few rows whose phrase names an indicator
    codes, phrases = pd.factorize(claims["indicator"])
    ids = np.array([_id_of_phrase(_cell_text(p)) for p in phrases] + [""], dtype=object)[codes]
    named = np.flatnonzero(ids != "")
    if len(named):
        picked = claims.iloc[named]
        columns = [picked[name].tolist() if name in picked else [""] * len(named)
                   for name in ("unit", "kind", "measure")]
        checked: dict[tuple, str] = {}
        for row, ident, unit, kind, measure in zip(named, ids[named], *columns):
            key = (ident, _cell_text(unit), _cell_text(kind), _cell_text(measure))
            if key not in checked:
                checked[key] = _fits(*key)
            ids[row] = checked[key]
    positions = np.flatnonzero(ids != "")
    others = _coordinated_rows(claims, ids)
    if others:
        # each claim's own row first, then the other indicators of its number
        extra_at, extra_ids = zip(*others)
        positions = np.concatenate([positions, np.array(extra_at, dtype=positions.dtype)])
        ids = np.concatenate([ids[ids != ""], np.array(extra_ids, dtype=object)])
        order = np.argsort(positions, kind="stable")
        positions, ids = positions[order], ids[order]
    else:
        ids = ids[positions]
    rows = claims.iloc[positions]
    if rows.empty:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    subjects = _text(rows["subject"]) if "subject" in rows else pd.Series("", index=rows.index)
    subject_codes, subject_uniques = pd.factorize(subjects)
    subject_ids = np.array([_place_code(s) for s in subject_uniques] + [""], dtype=object)
    subject_ids = subject_ids[subject_codes]
    if "doc_id" in rows:
        _codes_within_documents(subjects.to_numpy(), _text(rows["doc_id"]).to_numpy(), subject_ids)
    out = pd.DataFrame({
        "indicator_id": ids,
        "indicator_zh": [cat.indicators[i].zh for i in ids],
        "indicator_en": [cat.indicators[i].en for i in ids],
        "subject_id": subject_ids,
        "subject": subjects.to_numpy(),
    })
    for name in ("period", "status", "measure", "direction", "bound"):
        out[name] = _text(rows[name]).to_numpy() if name in rows else ""
    out["value"] = _plain_column(rows["value_normalized"]) if "value_normalized" in rows else ""
    if "value_high" in rows:
        multipliers = rows["multiplier"] if "multiplier" in rows else pd.Series("1", index=rows.index)
        out["value_high"] = [_normalized_high(h, m) for h, m in zip(rows["value_high"], multipliers)]
    else:
        out["value_high"] = ""
    for name in ("unit", "published", "doc_id", "claim_id", "sentence"):
        out[name] = _text(rows[name]).to_numpy() if name in rows else ""
    return out[list(INDICATOR_COLUMNS)].reset_index(drop=True)


def _coordinated_rows(claims: pd.DataFrame, ids: np.ndarray) -> list[tuple[int, str]]:
    """(row position, id) of the other indicators each claim's number is stated
    for; only sentences with a cue (均, 都) are read."""
    needed = [name for name in ("indicator", "sentence", "text") if name not in claims]
    if needed:
        return []
    import pandas as pd
    codes, uniques = pd.factorize(claims["sentence"])
    cued = np.array([_cued(_cell_text(s)) for s in uniques] + [False])[codes]
    out = []
    columns = [claims[name].tolist() if name in claims else [""] * len(claims)
               for name in ("indicator", "sentence", "text", "unit", "kind", "measure")]
    for i in np.flatnonzero(cued):
        indicator, sentence, text, unit, kind, measure = (_cell_text(col[i]) for col in columns)
        for other in coordinated_ids(indicator, sentence, text, unit, kind, measure):
            if other != ids[i]:
                out.append((int(i), other))
    return out


def _cell_text(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    import pandas as pd     # NaN and NA of a DataFrame cell; plain rows never get here
    return "" if pd.isna(value) else str(value)


@lru_cache(maxsize=65536)
def _fits(ident: str, unit: str, kind: str, measure: str) -> str:
    """The id when a claim of this unit, kind and measure can be a value of
    the indicator, else '' (居民消费价格 has no rank; 城镇新增就业 no 元)."""
    ind = catalogue().indicators[ident]
    kind = kind or catalogue().unit_kinds.get(unit, "")
    if (kind and kind not in ind.kinds) or (measure and measure not in ind.measures):
        return ""
    return ident


def _plain_column(values: pd.Series) -> list[str]:
    import pandas as pd
    codes, uniques = pd.factorize(values)
    plain = [_plain(v) for v in uniques] + [""]
    return [plain[c] for c in codes]


def _codes_within_documents(subjects, doc_ids, codes) -> None:
    """A subject several counties share (朝阳区) is the one inside a place
    the same document's other subjects name (北京市). Fills `codes` in place."""
    unresolved = [i for i, (s, c) in enumerate(zip(subjects, codes)) if s and not c]
    if not unresolved:
        return
    known: dict[str, list[str]] = {}
    for doc, code in zip(doc_ids, codes):
        if code and code not in known.setdefault(doc, []):
            known[doc].append(code)
    for i in unresolved:
        for anchor in known.get(doc_ids[i], []):
            place = canonical_place(subjects[i], within=anchor)
            if place:
                codes[i] = place.code
                break


def indicator_rows(claims, columns=CLAIM_COLUMNS) -> list[tuple]:
    """indicators.csv rows (tuples in INDICATOR_COLUMNS order) of claim rows
    given as tuples in `columns` order: what indicators_frame gives, without
    pandas, for the few hundred claims of one document.

    >>> row = dict(indicator="国内生产总值增长", unit="%", kind="percent", measure="change",
    ...            value_normalized="5", subject="全国", doc_id="d")
    >>> indicator_rows([tuple(row.get(c, "") for c in CLAIM_COLUMNS)])[0][:4]
    ('gdp', '国内生产总值', 'Gross domestic product', '100000')
    """
    at = {name: i for i, name in enumerate(columns)}
    cat = catalogue()

    def field(row, name: str) -> str:
        return _cell_text(row[at[name]]) if name in at else ""

    picked = []
    cued: dict[str, bool] = {}        # each sentence read once, however many claims it holds
    for row in claims:
        phrase = field(row, "indicator")
        ident = _id_of_phrase(phrase) if phrase else ""
        if ident:
            ident = _fits(ident, field(row, "unit"), field(row, "kind"), field(row, "measure"))
        if ident:
            picked.append((ident, row))
        sentence = field(row, "sentence")
        if phrase and (cued[sentence] if sentence in cued else cued.setdefault(sentence, _cued(sentence))):
            # one number for several indicators: a row for each
            for other in coordinated_ids(phrase, sentence, field(row, "text"), field(row, "unit"),
                                         field(row, "kind"), field(row, "measure")):
                if other != ident:
                    picked.append((other, row))
    subjects = [field(row, "subject") for _, row in picked]
    codes = [_place_code(s) for s in subjects]
    _codes_within_documents(subjects, [field(row, "doc_id") for _, row in picked], codes)
    out = []
    for (ident, row), subject, code in zip(picked, subjects, codes):
        ind = cat.indicators[ident]
        multiplier = row[at["multiplier"]] if "multiplier" in at else "1"
        high = _normalized_high(row[at["value_high"]], multiplier) if "value_high" in at else ""
        out.append((ident, ind.zh, ind.en, code, subject, field(row, "period"), field(row, "status"),
                    field(row, "measure"), field(row, "direction"), field(row, "bound"),
                    _plain(row[at["value_normalized"]]) if "value_normalized" in at else "", high,
                    field(row, "unit"), field(row, "published"), field(row, "doc_id"),
                    field(row, "claim_id"), field(row, "sentence")))
    return out


@lru_cache(maxsize=65536)
def _place_code(subject: str) -> str:
    place = canonical_place(subject) if subject else None
    return place.code if place else ""
