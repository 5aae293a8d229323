"""What a table's caption names, and which of its rows are places.

A table of cities, counties or provinces lists one indicator for each place:
`表2 2024年1—9月部分市州规模以上工业增加值增速` over `市州 | 1—9月 | 1—8月`. The
caption, once its time and its set of places (部分市州) are gone, is the
indicator; each row's label is the subject, by the gazetteer's full name
(extractors/places.py: 株洲 -> 株洲市).
"""
from __future__ import annotations

import regex

from .places import canonical_place, find_places

# Sets of places a caption lists: 各市州, 分县（市、区）, 部分省份; a bare 市/县/区/省 only after 各/分/部分….
_PLACE_SETS = r"市\s{0,2}州|市[（(]州[）)]|州[（(]市[）)]|县[（(]市、?区[）)]|县市区|省[（(]区、?市[）)]|省区市"
PLACE_SET = regex.compile(rf"^(?:全省|全市|全区|全国)?(?:(?:部分|各|分|主要|重点)(?:{_PLACE_SETS}|地市|市县|县区|区县|省份|城市|"
                          rf"区域|地区(?!生产总值)|(?=地区生产总值)|市|州|县|区|省)|{_PLACE_SETS}|全省|全市|全区|全国)(?:的)?")
# 主要数据 / 主要指标 after an indicator: the figures shown of it (社会消费品零售总额主要数据).
CAPTION_TAIL = regex.compile(r"(?:主要(?:数据|指标)|情况|统计表|一览表|汇总表|统计|表|[（(]续[）)])$")
# 地区生产总值及增长速度: the level, and its change that the columns tell.
ITS_CHANGE = regex.compile(r"(?:及|和|与)其?(?:增长速度|增速|增幅|增长率|增长|发展速度|位次|排名|排位)$")
# A caption over a list of indicators names none of them.
GENERIC_CAPTION = regex.compile(r"^(?:主要)?(?:经济|社会|统计|发展)?(?:指标|数据|情况)$|^主要经济社会发展指标$")
# 规模以上工业增加值和利润: two indicators, the columns tell them apart.
JOINED = regex.compile(r"[及和与、并]")
# A label that reads as an administrative division: 河西市, 平安县 (made-up names the gazetteer lacks).
ADMIN_LABEL = regex.compile(r"^\p{Han}{1,12}(?:省|市|县|区|州|盟|旗)$")
HOME_LABEL = regex.compile(r"^全(?:国|省|市|区|州|县|盟|旗)$")
# Urban / rural and other kinds of settlement (城镇, 城区, 郊县): parts of a place, no place's name.
SETTLEMENT = regex.compile(r"^(?:城镇|乡村|农村|城市|城区|市区|郊区|郊县|县城|县域|集镇|乡镇|村镇|山区|牧区|林区|垦区|库区|社区|街道)$")
SPACES = regex.compile(r"[\s\u3000]+")


def caption_indicator(rest: str) -> str:
    """The indicator a caption names once its time is gone; empty for a list of
    indicators.

    >>> caption_indicator("部分市州规模以上工业增加值增速"), caption_indicator("各县（市、区）主要经济指标")
    ('规模以上工业增加值增速', '')
    """
    rest = SPACES.sub("", rest)
    for _ in range(3):                           # 湖南省各市州…: the places named, then the set
        places = [p for p in find_places(rest) if p[0] == 0]
        if places:
            rest = rest[places[0][1]:]
        rest = PLACE_SET.sub("", rest, count=1)
        if not places:
            break
    rest = ITS_CHANGE.sub("", CAPTION_TAIL.sub("", rest)).strip("：:，, ")
    return "" if not rest or GENERIC_CAPTION.match(rest) else rest


# A table of trading partners or markets: 河南省对主要贸易伙伴进出口情况, 对主要国家（地区）出口
PARTNERS = regex.compile(r"贸易伙伴|对主要(?:国家|市场|经济体)|国别|分国家|分国别")


def row_places(labels: list[tuple[int, str]], caption: str, home: str) -> dict[int, str]:
    """The subject of each row whose label is a place, given the (row, label) of
    the rows that are no totals: the gazetteer's full name (株洲 -> 株洲市), a
    made-up division as written (河西市) once a real one shows the labels are
    places, 全省/全市 the document's home place. Empty unless most labels are places,
    and in a document about an organisation.

    >>> row_places([(0, "株洲"), (1, "河西市"), (2, "全省")], "", "湖南省")
    {0: '株洲市', 1: '河西市', 2: '湖南省'}
    >>> row_places([(0, "采矿业"), (1, "制造业")], "", "湖南省")
    {}
    """
    home_place = canonical_place(home) if home else None
    if home and home_place is None and not ADMIN_LABEL.match(home):
        return {}       # a company's table by region: the company's figures, the region in the indicator
    within = next((p.code for _, _, p in find_places(caption)), "") or (home_place.code if home_place else "")
    real, shaped, others = {}, {}, 0
    for n, label in labels:
        if SETTLEMENT.match(label):
            others += 1
            continue
        place = canonical_place(label, within)
        if place is not None:
            real[n] = place.name
        elif HOME_LABEL.match(label):
            shaped[n] = home or label
        elif ADMIN_LABEL.match(label):
            shaped[n] = label
        else:
            others += 1
    named = len(real) + len(shaped)
    if not real or named < 2 or named <= others:
        return {}
    return {**real, **shaped}
