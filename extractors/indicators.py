"""Claims mapped to the catalogue of indicators (data/indicators.yaml): the
indicators.csv table of DESIGN.md, one row per claim of a known indicator.

An indicator phrase as the text gives it (全市规上工业增加值同比增长) is read by
taking off, one at a time, the scope and time words before the name (全市,
一季度, a place's name) and the change and comparison words after it (同比增长,
增速比上年提高); whatever is left must be an alias of the catalogue exactly, so
that a breakdown (装备制造业增加值) never passes for its total.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import regex
import yaml

from . import lexicon
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
_CHANGE_MARK = regex.compile(r"增|降|涨|提高|减|回落|回升|加快|放缓|比")
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
        data = yaml.safe_load(_CATALOGUE.read_text(encoding="utf-8"))
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
        self.leading = sorted(map(_fold, data["leading"]), key=len, reverse=True)
        self.trailing = sorted(map(_fold, data["trailing"]), key=len, reverse=True)
        self.unit_kinds = {u.unit: u.kind for u in lexicon.units().values() if u.kind}


@lru_cache(maxsize=1)
def catalogue() -> _Catalogue:
    return _Catalogue()


def _fold(text: str) -> str:
    """Full-width forms folded (（城镇） -> (城镇), ＧＤＰ -> GDP), spaces and quotes dropped."""
    text = unicodedata.normalize("NFKC", text)
    return regex.sub(r"[\s“”\"‘’']", "", text).upper()


def indicator_id_of(indicator_text: str, unit: str = "", kind: str = "") -> str:
    """The catalogue id of an indicator phrase, '' when it names none of them
    or when a claim of this unit or kind cannot be a value of it.

    >>> indicator_id_of("全市地区生产总值同比增长", "%", "percent")
    'gdp'
    >>> indicator_id_of("装备制造业增加值", "元", "money")
    ''
    """
    ident = _id_of_phrase(indicator_text or "")
    if not ident:
        return ""
    cat = catalogue()
    kind = kind or cat.unit_kinds.get(unit, "")
    if kind and kind not in cat.indicators[ident].kinds:
        return ""       # 城镇新增就业 counts people: 10亿元 is no value of it
    return ident


@lru_cache(maxsize=262144)
def _id_of_phrase(text: str) -> str:
    cat = catalogue()
    core = _fold(text)
    if not core:
        return ""
    bracket = ""
    m = _BRACKET.match(core)
    if m:
        core, bracket = m.group(1), m.group(2)
    # breadth first over words taken off either end: the fewest words off
    # win, and neither end's words can eat into a name (全社会消费品零售总额)
    frontier, seen = [(core, False)], {core}
    for _ in range(12):
        following = []
        for form, changed in frontier:
            ident = _lookup(cat, form, bracket, changed)
            if ident:
                return ident
            for shorter in (_drop_leading(cat, form), *_drop_trailing(cat, form)):
                if shorter and shorter != form and shorter not in seen:
                    seen.add(shorter)
                    cut = form[len(shorter):] if form.startswith(shorter) else ""
                    following.append((shorter, changed or bool(_CHANGE_MARK.search(cut))))
        if not following:
            return ""
        frontier = following
    return ""


def _lookup(cat: _Catalogue, core: str, bracket: str, changed: bool) -> str:
    forms = [core + bracket] if bracket else [core]
    if bracket in _TOTAL_WORDS:
        forms.append(core)
    for form in forms:
        if form in cat.aliases:
            return cat.aliases[form]
        if changed and form in cat.change_aliases:
            return cat.change_aliases[form]
    return ""


def _drop_leading(cat: _Catalogue, core: str) -> str:
    time = _TIME.match(core)
    if time and time.end():
        return core[time.end():]
    for word in cat.leading:
        if core.startswith(word) and len(core) > len(word):
            return core[len(word):]
    places = find_places(core)
    if places and places[0][0] == 0 and places[0][1] < len(core):
        return core[places[0][1]:]     # 大庆市地区生产总值
    return core


def _drop_trailing(cat: _Catalogue, core: str) -> list[str]:
    """Each way to take one change, comparison or share word off the end."""
    forms = []
    for pattern in (_COMPARISON, _ABOVE, _SHARE):
        m = pattern.search(core)
        if m and m.start() > 0:
            forms.append(core[:m.start()])
    for word in cat.trailing:
        if core.endswith(word) and len(core) > len(word):
            forms.append(core[: -len(word)])
    return forms


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
    makes sense for it, in claim order. Each distinct (indicator, unit,
    kind, measure) is mapped once, so a million claims take seconds."""
    if claims is None or claims.empty or "indicator" not in claims:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    cat = catalogue()
    # factorize each key column, then the combined integer codes: no string
    # work over the whole table
    combined = np.zeros(len(claims), dtype=np.int64)
    parts = []
    for name in ("indicator", "unit", "kind", "measure"):
        if name in claims:
            codes, uniques = pd.factorize(claims[name], use_na_sentinel=False)
        else:
            codes, uniques = np.zeros(len(claims), dtype=np.int64), np.array([""], dtype=object)
        parts.append([_cell_text(u) for u in uniques])
        combined = combined * len(uniques) + codes
    codes, uniques = pd.factorize(combined)
    ids_of_unique = np.array([_id_for_key(_decode(int(k), parts)) for k in uniques], dtype=object)
    ids = ids_of_unique[codes]
    keep = ids != ""
    rows = claims.loc[keep]
    ids = ids[keep]
    if rows.empty:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    subjects = _text(rows["subject"]) if "subject" in rows else pd.Series("", index=rows.index)
    subject_codes, subject_uniques = pd.factorize(subjects)
    subject_ids = np.array([_place_code(s) for s in subject_uniques] + [""], dtype=object)
    out = pd.DataFrame({
        "indicator_id": ids,
        "indicator_zh": [cat.indicators[i].zh for i in ids],
        "indicator_en": [cat.indicators[i].en for i in ids],
        "subject_id": subject_ids[subject_codes],
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


def _cell_text(value) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None or pd.isna(value) else str(value)


def _decode(key: int, parts: list[list[str]]) -> tuple[str, ...]:
    fields = []
    for values in reversed(parts):
        key, index = divmod(key, len(values))
        fields.append(values[index])
    return tuple(reversed(fields))


def _id_for_key(key: tuple[str, ...]) -> str:
    phrase, unit, kind, measure = key
    ident = indicator_id_of(phrase, unit, kind)
    if ident and measure and measure not in catalogue().indicators[ident].measures:
        return ""       # 居民消费价格 has no rank
    return ident


def _plain_column(values: pd.Series) -> list[str]:
    codes, uniques = pd.factorize(values)
    plain = [_plain(v) for v in uniques] + [""]
    return [plain[c] for c in codes]


def _place_code(subject: str) -> str:
    place = canonical_place(subject) if subject else None
    return place.code if place else ""
