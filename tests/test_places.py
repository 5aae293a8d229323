"""Places: names of China's divisions to their 6-digit codes, and place
mentions found in real Chinese text."""
import time

import pytest

from extractors.places import COUNTRY, Place, canonical_place, find_places, place_by_code

CANONICAL = [
    # (name, within, expected full name, expected code, expected level)
    ("深圳", "", "深圳市", "440300", "city"),
    ("深圳市", "", "深圳市", "440300", "city"),
    ("山东", "", "山东省", "370000", "province"),
    ("山东省", "", "山东省", "370000", "province"),
    ("西藏", "", "西藏自治区", "540000", "province"),
    ("西藏自治区", "", "西藏自治区", "540000", "province"),
    ("广西", "", "广西壮族自治区", "450000", "province"),
    ("新疆", "", "新疆维吾尔自治区", "650000", "province"),
    ("内蒙古", "", "内蒙古自治区", "150000", "province"),
    ("香港", "", "香港特别行政区", "810000", "province"),
    ("台湾", "", "台湾省", "710000", "province"),
    ("北京", "", "北京市", "110000", "province"),
    ("大庆", "", "大庆市", "230600", "city"),
    ("聊城市", "", "聊城市", "371500", "city"),
    ("东城区", "", "东城区", "110101", "county"),
    ("阳谷县", "", "阳谷县", "371521", "county"),
    ("延边", "", "延边朝鲜族自治州", "222400", "city"),
    ("黔东南州", "", "黔东南苗族侗族自治州", "522600", "city"),
    ("伊犁", "", "伊犁哈萨克自治州", "654000", "city"),
    ("阿拉善", "", "阿拉善盟", "152900", "city"),
    ("和田地区", "", "和田地区", "653200", "city"),
    ("济源市", "", "济源市", "419001", "county"),
    ("东方市", "", "东方市", "469007", "county"),
    ("白银市", "", "白银市", "620400", "city"),
    # 吉林 and 海南 are both a province and a prefecture: the province
    ("吉林", "", "吉林省", "220000", "province"),
    ("海南", "", "海南省", "460000", "province"),
    ("吉林市", "", "吉林市", "220200", "city"),
    # county names several divisions share, read inside `within`
    ("朝阳区", "110000", "朝阳区", "110105", "county"),
    ("朝阳区", "220100", "朝阳区", "220104", "county"),
    ("鼓楼区", "320100", "鼓楼区", "320106", "county"),
    ("鼓楼区", "350000", "鼓楼区", "350102", "county"),
    ("朝阳", "110000", "朝阳区", "110105", "county"),
    ("北京", "440300", "北京市", "110000", "province"),
    ("全国", "", "全国", "100000", "country"),
    ("中国", "", "全国", "100000", "country"),
    ("我国", "", "全国", "100000", "country"),
]


@pytest.mark.parametrize("name,within,full,code,level", CANONICAL, ids=[f"{r[0]}@{r[1]}" for r in CANONICAL])
def test_canonical_place(name, within, full, code, level):
    place = canonical_place(name, within)
    assert place is not None
    assert (place.name, place.code, place.level) == (full, code, level)


NOT_PLACES = [
    "聊城日报", "齐鲁晚报", "南方都市报", "中国人民银行", "东方", "中山大学", "山东大学",
    "鼓楼区",        # five cities have one: unknown without `within`
    "朝阳区",
    "白银", "来宾",  # the metal, guests
    "全市", "", "深圳市政府",
]


@pytest.mark.parametrize("name", NOT_PLACES)
def test_not_a_place(name):
    assert canonical_place(name) is None


def test_parents_form_a_tree():
    shenzhen = canonical_place("深圳")
    assert shenzhen.parent == "440000" and place_by_code("440000").name == "广东省"
    assert canonical_place("东城区").parent == "110000"     # 直辖市: no prefecture level
    assert canonical_place("阳谷县").parent == "371500"
    assert canonical_place("济源市").parent == "410000"     # 省直辖县级市
    assert isinstance(COUNTRY, Place) and place_by_code("100000") == COUNTRY


FIND = [
    # (text, [(mention, code), ...] in order)
    ("山东省聊城市阳谷县，聊城日报讯", [("山东省", "370000"), ("聊城市", "371500"), ("阳谷县", "371521")]),
    ("湖南省长沙市地区生产总值增长4.8%", [("湖南省", "430000"), ("长沙市", "430100")]),
    ("广东深圳、山东青岛两地", [("广东", "440000"), ("深圳", "440300"), ("山东", "370000"), ("青岛", "370200")]),
    ("北京市朝阳区与长春市朝阳区", [("北京市", "110000"), ("朝阳区", "110105"), ("长春市", "220100"), ("朝阳区", "220104")]),
    ("2024年全国粮食产量14130亿斤", [("全国", "100000")]),
    ("我国经济总量突破130万亿元", [("我国", "100000")]),
    ("西藏自治区和新疆维吾尔自治区", [("西藏自治区", "540000"), ("新疆维吾尔自治区", "650000")]),
    ("大庆油田所在的大庆市", [("大庆市", "230600")]),   # 大庆油田 is a company
    ("深圳市场主体总量", [("深圳", "440300")]),
    ("深圳市委、深圳特区建立四十周年", [("深圳", "440300"), ("深圳", "440300")]),
    ("阳谷县城区人口", [("阳谷县", "371521")]),
    ("深圳市新增上市公司12家", [("深圳市", "440300")]),
    # inside the names of organisations, schools and newspapers
    ("中山大学和中国人民银行深圳分行", [("深圳", "440300")]),
    ("齐鲁晚报记者报道，孙中山故居在广东中山", [("广东", "440000"), ("中山", "442000")]),
    ("据聊城日报报道", []),
    ("深圳特区报记者获悉", []),
    ("山东大学与山东省人民医院", []),
    ("大理石产量", []),
    ("东方红、世界大同", []),
    ("白银价格上涨，来宾致辞", []),
    ("马鞍山市和县、濮阳市范县", [("马鞍山市", "340500"), ("和县", "340523"), ("濮阳市", "410900"), ("范县", "410926")]),
    ("企业项目和县一级提出，模范县，老城区改造，中原区域", []),
    # a one-character stem's county without its city: at a clause's start or after a verb or
    # preposition, as one word; not after a noun (省和县两级, 科技兴县) nor inside a word (建成县)
    ("沛县2026年政府工作报告", [("沛县", "320322")]),
    ("会议在莘县召开，推动冠县农业发展", [("莘县", "371522"), ("冠县", "371525")]),
    ("去年，单县地区生产总值增长", [("单县", "371722")]),
    ("省和县两级财政，实施科技兴县战略", []),
    ("建成县人民医院新院区", []),
    ("洛阳市老城区、济南市市中区", [("洛阳市", "410300"), ("老城区", "410302"), ("济南市", "370100"), ("市中区", "370103")]),
    ("云轴联（山东）数字科技有限公司", []),
    # 大庆 is also a grand celebration: after an anniversary or a festival, before 庆典
    ("热烈庆祝建校60周年大庆", []),
    ("筹备建厂五十周年大庆和百年大庆", []),
    ("欢度国庆大庆期间客流增长", []),
    ("大庆庆典活动隆重举行", []),
    ("一季度大庆实现地区生产总值", [("大庆", "230600")]),
    ("2017年大庆粮食产量增长", [("大庆", "230600")]),
    ("国庆期间大庆接待游客", [("大庆", "230600")]),
    ("黑龙江省大庆市周年庆典", [("黑龙江省", "230000"), ("大庆市", "230600")]),
    ("南京市鼓楼区和福州市鼓楼区", [("南京市", "320100"), ("鼓楼区", "320106"), ("福州市", "350100"), ("鼓楼区", "350102")]),
]


@pytest.mark.parametrize("text,expected", FIND, ids=[r[0][:12] for r in FIND])
def test_find_places(text, expected):
    found = find_places(text)
    assert [(text[s:e], p.code) for s, e, p in found] == expected


def test_find_places_is_fast():
    text = ("2023年，深圳市地区生产总值增长6%，广东省进出口总额8.3万亿元；"
            "山东省聊城市阳谷县新签约项目35个，聊城日报记者报道。") * 3000
    find_places(text[:100])
    began = time.perf_counter()
    found = find_places(text)
    elapsed = time.perf_counter() - began
    assert len(found) == 5 * 3000
    assert elapsed < 3.0, elapsed
