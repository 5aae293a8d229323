"""Articles of a newspaper page and sentence spans."""
from pathlib import Path

import pytest

from extractors.model import Article
from extractors.segment import article_title_for, split_articles, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_8a114bd477087453.txt"

# Copied from gold/000_8a114bd477087453.articles.json (CI clones only this repo):
# (body_start, title, subtitle, byline, continued)
SEED_ARTICLES = [
    (0, "打造集群新高地 塑造发展新优势", "聚焦制造业强市三年攻坚突破行动系列报道之二", "■ 本报记者 曹天伟", "下转7版"),
    (1925, "困难面前有我们，我们面前无困难", "制造业强市三年攻坚突破行动系列评论之二", "■ 本报评论员", ""),
    (2778, "", "", "本报讯（记者 薛蓓蓓）", ""),
    (3745, "市人大常委会党组（扩大）会议召开", "", "本报讯（记者 林晨）", ""),
    (4164, "市人大常委会党组理论学习中心组进行集体学习研讨", "", "本报讯（记者 林晨）", "下转7版"),
    (4578, "市政协党组（扩大）会议召开", "", "本报讯（记者 申东方）", "下转7版"),
    (4977, "担当时代新使命 奋力建设先行区", "访阳谷县委书记彭志国", "■ 本报记者 朱玉东", ""),
    (6328, "稳链纾困助企 畅通经济循环", "我市稳住经济运行6方面23项政策措施解读之五", "", ""),
    (6368, "生态农场鱼菜“混搭”", "", "", ""),
    (6380, "在更高起点上推进改革开放", "沿着总书记的足迹之广东篇", "", "下转7版"),
    (6646, "我市对见义勇为人员实施常态关爱保护", "", "", ""),
]


@pytest.fixture(scope="module")
def seed_articles():
    return split_articles(SEED.read_text(encoding="utf-8"))


def test_seed_article_count(seed_articles):
    assert len(seed_articles) == len(SEED_ARTICLES)


@pytest.mark.parametrize("index,start,title,subtitle,byline,continued",
                         [pytest.param(i, *a, id=a[1] or a[3]) for i, a in enumerate(SEED_ARTICLES)])
def test_seed_article(seed_articles, index, start, title, subtitle, byline, continued):
    art = seed_articles[index]
    assert abs(art.start - start) <= 3
    assert (art.title, art.subtitle, art.byline, art.continued) == (title, subtitle, byline, continued)


def test_seed_articles_tile_the_page(seed_articles):
    text = SEED.read_text(encoding="utf-8")
    assert text[:seed_articles[0].start].strip() == ""
    for a, b in zip(seed_articles, seed_articles[1:]):
        assert a.end == b.start and a.start < a.end
    assert seed_articles[-1].end == len(text)


# --- composed pages -----------------------------------------------------------

# Titles after their bodies, as PDF extraction often leaves them; a cross-head
# inside the first article; a justified line; a headline-only item at the end.
TRAILING_PAGE = """\
本报讯（记者 王明 通讯员 李华） 6月3日，全市重点项目集中开工，共
开工项目48个，总投资215亿元。

项目建设再提速

今年以来，全市新开工亿元以上项目120个，同比增长12%。（下转2版）

48个重点项目集中开工
——总投资215亿元

■ 本报记者 赵刚

1—5月，全市外贸进出口总值达到366亿元，同比增长8.5%。
其中，出口 2 3 0 亿元。

外贸进出口稳中有进

新华社北京6月3日电（记者 张三）国家统计局3日发布数据，5月份全国居民消费价格同比上涨2.1%。
5月份CPI同比上涨2.1%

夏粮丰收在望
"""

TRAILING_EXPECTED = [
    ("本报讯", "48个重点项目集中开工", "总投资215亿元", "本报讯（记者 王明 通讯员 李华）", "下转2版"),
    ("■ 本报记者", "外贸进出口稳中有进", "", "■ 本报记者 赵刚", ""),
    ("新华社", "5月份CPI同比上涨2.1%", "", "新华社北京6月3日电（记者 张三）", ""),
    ("夏粮", "夏粮丰收在望", "", "", ""),
]

# Titles before their bodies, continued from another page at the top.
LEADING_PAGE = """\
（上接1版）要压实责任，确保各项政策落地见效。

全市一季度经济运行开局良好
本报讯（记者 孙丽） 4月20日，记者从市统计局获悉，一季度全市地区生产总值
完成650亿元，同比增长5.6%。

市场监管
持续优化营商环境
本报讯（记者 周强）今年以来，全市新增市场主体2.3万户。
"""

LEADING_EXPECTED = [
    ("（上接1版）", "", "", "", "上接1版"),
    ("全市一季度", "全市一季度经济运行开局良好", "", "本报讯（记者 孙丽）", ""),
    ("市场监管", "市场监管持续优化营商环境", "", "本报讯（记者 周强）", ""),
]

# A government work report: no bylines, no continuation marks -> one article.
REPORT = """\
政府工作报告
——2023年1月12日在山东省第十四届人民代表大会第一次会议上

各位代表：

现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。

一、过去五年工作回顾

过去五年，全省生产总值年均增长6.2%。
——经济实力持续增强。2022年全省生产总值达到8.7万亿元。
"""


def _check(text, expected):
    articles = split_articles(text)
    assert len(articles) == len(expected), [a.title for a in articles]
    for (prefix, title, subtitle, byline, continued), art in zip(expected, articles):
        assert art.start == text.find(prefix), prefix
        assert (art.title, art.subtitle, art.byline, art.continued) == (title, subtitle, byline, continued)
    assert [a.end for a in articles[:-1]] == [a.start for a in articles[1:]]


def test_trailing_titles():
    _check(TRAILING_PAGE, TRAILING_EXPECTED)


def test_leading_titles():
    _check(LEADING_PAGE, LEADING_EXPECTED)


def test_report_is_one_article():
    [art] = split_articles(REPORT)
    assert (art.start, art.end) == (0, len(REPORT))
    assert art.title == "政府工作报告"
    assert art.subtitle.startswith("2023年1月12日")


@pytest.mark.parametrize("text,title", [
    pytest.param("2023年全省国民经济和社会发展统计公报\n\n初步核算，全年生产总值92069亿元。\n", "2023年全省国民经济和社会发展统计公报", id="bulletin"),
    pytest.param("全市经济运行稳中向好。一季度增长5%。", "", id="plain-no-heading"),
    pytest.param("", "", id="empty"),
    pytest.param("春季招聘会签约岗位增长12%\n2024-03-18 08:10　来源：南方日报\n本报讯（记者 林岚）全市春季招聘会"
                 "签约岗位2.3万个，增长12%。\n", "春季招聘会签约岗位增长12%", id="story-under-its-publication-line"),
    pytest.param("储能业务成第二增长曲线\n2024年10月30日 09:30　来源：上海证券报\n本报记者 周宁\n公司前三季度营收"
                 "增长15.7%。\n", "储能业务成第二增长曲线", id="date-and-time-line"),
])
def test_single_article(text, title):
    [art] = split_articles(text)
    assert (art.start, art.end, art.title) == (0, len(text), title)


@pytest.mark.xfail(strict=True, reason="a trailing page that opens with masthead furniture lines "
                   "not caught by FURNITURE reads as a leading page")
def test_trailing_page_under_masthead():
    page = "聊城日报\n要闻\n" + TRAILING_PAGE
    articles = split_articles(page)
    assert [a.title for a in articles if a.byline] == [t[1] for t in TRAILING_EXPECTED if t[3]]


def test_article_title_for():
    arts = [Article(0, 10, "甲"), Article(10, 20, "乙")]
    assert [article_title_for(arts, o) for o in (0, 9, 10, 19, 20)] == ["甲", "甲", "乙", "乙", ""]


def test_bad_input():
    with pytest.raises(ValueError):
        split_articles(None)


# --- sentences ----------------------------------------------------------------

SENTENCES = [
    ("simple", "全市增长5%。出口增长3%！进口呢？", ["全市增长5%。", "出口增长3%！", "进口呢？"]),
    ("semicolon", "工业增长5%；服务业增长6%。", ["工业增长5%；服务业增长6%。"]),
    ("quote-end", "他说：“困难面前有我们。”全市增长5%。", ["他说：“困难面前有我们。”全市增长5%。"]),
    ("quote-inner", "誓言：“不相信有完不成的任务，不相信有战胜不了的敌人。”", ["誓言：“不相信有完不成的任务，不相信有战胜不了的敌人。”"]),
    ("quote-many", "他说：“第一。第二。”然后走了。", ["他说：“第一。第二。”然后走了。"]),
    ("unbalanced-quote", "他说：“第一。第二。然后走了", ["他说：“第一。", "第二。", "然后走了"]),
    ("newline", "标题\n正文一句。", ["标题", "正文一句。"]),
    ("ascii", "GDP grew 5%! Really?", ["GDP grew 5%!", "Really?"]),
    ("bracket-close", "（全年增长5%。）下一句。", ["（全年增长5%。）", "下一句。"]),
    ("blank-lines", "\n\n一句。\n\n", ["一句。"]),
    ("empty", "", []),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=i) for i, t, e in SENTENCES])
def test_split_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


# A page whose layout the PDF text keeps: a continuation mark wrapped over two lines, a
# headline with a colon inside, and one article whose headline follows its body among
# articles whose headlines lead.
MIXED_PAGE = """\
宜城日报　2023年5月9日　星期二

春耕备耕有序推进
全县落实播种面积
本报讯（记者 刘清）连日来，全县各地抢
抓农时，落实粮食播种面积45万亩，完成
计划的82%。（下转第
3版）

数字经济：一季度营收增长18%
本报讯（记者 韩蕾）一季度，全县数字
经济核心产业营业收入12.6亿元，同比增
长18%，增速居全市第二。

■ 本报记者 马骁

凌晨四点，板桥镇的蔬菜基地已经亮起了
灯。今年以来，全镇蔬菜种植面积达到3.2
万亩，产值预计突破5亿元。

板桥镇：小蔬菜撑起大产业

县政府常务会议召开
本报讯（记者 刘清）5月8日，县政府召
开常务会议，研究部署近期重点工作。
"""

MIXED_EXPECTED = [
    ("春耕备耕", "春耕备耕有序推进全县落实播种面积", "", "本报讯（记者 刘清）", "下转第3版"),
    ("数字经济：", "数字经济：一季度营收增长18%", "", "本报讯（记者 韩蕾）", ""),
    ("■ 本报记者 马骁", "板桥镇：小蔬菜撑起大产业", "", "■ 本报记者 马骁", ""),
    ("县政府常务", "县政府常务会议召开", "", "本报讯（记者 刘清）", ""),
]


def test_mixed_layout_page():
    text = MIXED_PAGE
    articles = split_articles(text)
    assert [(a.title, a.byline, a.continued) for a in articles] == [(t, b, c) for _, t, _, b, c in MIXED_EXPECTED]
    assert [a.start for a in articles] == [text.find(prefix) for prefix, *_ in MIXED_EXPECTED]


# A county paper's page: masthead fields, a subtitle under its headline, a kicker, briefs
# that end in their byline.
COUNTY_PAGE = """2025年11月20日　星期四　邹平日报　第2版　经济

总投资18亿元高端铝材项目开工

一期年产值可达30亿元

　　本报讯（记者 张倩）11月19日，高端铝
材项目在邹平经济技术开发区开工。项目
总投资18亿元，占地420亩。

【简讯】

1—10月我市社会消费品零售总额增长6.5%

　　本报讯　今年1—10月，全市实现社会
消费品零售总额210.5亿元，同比增长6.5%。（李明）

冬季果蔬日均上市量8000吨

　　本报讯　11月以来，全市果蔬日均上
市量达到8000吨，同比增长5.2%。（赵阳）
"""


def test_county_page_articles():
    arts = split_articles(COUNTY_PAGE)
    assert [(a.title, a.subtitle) for a in arts] == [
        ("总投资18亿元高端铝材项目开工", "一期年产值可达30亿元"),
        ("1—10月我市社会消费品零售总额增长6.5%", ""),
        ("冬季果蔬日均上市量8000吨", "")]


def test_county_page_claims():
    from extractors.model import Document
    from extractors.pipeline import extract_document

    claims = {}
    for c in extract_document(Document(doc_id="page", text=COUNTY_PAGE)).claims:
        claims.setdefault(c.text, c)
    assert claims["210.5亿元"].subject == "邹平市"            # 全市: the masthead's county-level city
    # the headlines' figures, restated in their bodies, take the bodies' periods
    assert (claims["18亿元"].period, claims["8000吨"].period) == ("2025-11-19", "2025-11")
    assert claims["8000吨"].article == "冬季果蔬日均上市量8000吨"


# A city paper's page whose second story has no byline line: its headline stands between
# blank lines and its body closes with the byline, wrapped over two lines; the page's credits
# line is furniture; a brief's body line without punctuation is no headline.
CLOSING_BYLINE_PAGE = """\
第3版　综合　　　　江城日报　2025年9月12日　星期五
编辑　李明远　　版式　赵一

江城港集装箱吞吐量创新高

　　本报讯（记者 周航）8月，江城港完成集装
箱吞吐量32.5万标箱，同比增长12.4%。

石桥镇：一颗葡萄串起富民路

　　石桥镇是远近闻名的葡萄之乡。今年全镇
葡萄种植面积达到2.6万亩，带动1800户农户增
收。“明年我们要把鲜果电商销售额做到3亿元。”
镇长王立说。（记
者 陈雪　通讯员 刘洋）

【简讯】

前8个月全市新登记经营主体2.1万户

　　本报讯　1—8月，全市新登记经营主体2.1万户，
同比增长8.8%。其中，个体工商户1.6万户，占新登
记总量的76.2%。（吴迪）
"""


def test_a_headline_without_a_byline_line_before_a_body_closed_by_one():
    arts = split_articles(CLOSING_BYLINE_PAGE)
    assert [(a.title, a.byline) for a in arts] == [
        ("江城港集装箱吞吐量创新高", "本报讯（记者 周航）"),
        ("石桥镇：一颗葡萄串起富民路", ""),
        ("前8个月全市新登记经营主体2.1万户", "本报讯")]
    assert arts[1].start == CLOSING_BYLINE_PAGE.index("石桥镇：")   # the credits line opens no article


@pytest.mark.parametrize("line, kind", [
    ("编辑　李明远　　版式　赵一", "furniture"),        # the page's credits
    ("本版编辑：张三", "furniture"),
    ("制图　王五", "furniture"),
    ("编辑部门表示将持续跟进", "heading"),              # 编辑 in a sentence: no credit
    ("　　石桥镇是远近闻名的葡萄之乡", "body"),          # a paragraph's indent: never a headline
    ("　　　　石桥镇一颗葡萄串起富民路", "heading"),     # centred: more than an indent
    ("石桥镇：一颗葡萄串起富民路", "heading"),
], ids=["credits", "page-editor", "chart-credit", "editor-in-sentence", "indent", "centred", "headline"])
def test_line_kinds(line, kind):
    from extractors.segment import _lines
    assert _lines(line)[0].kind == kind


@pytest.mark.parametrize("before, line, ends", [
    ("镇长王立说。（记", "者 陈雪　通讯员 刘洋）", True),   # a closing byline cut by the line break
    ("增长8.8%。（吴", "迪）", True),
    ("全镇葡萄种植面积达到2.6万亩（", "含新建基地）", False),  # a bracket inside a sentence
], ids=["reporter", "name", "inside-a-sentence"])
def test_a_wrapped_closing_byline_ends_the_body(before, line, ends):
    from extractors.segment import _ends_body, _lines
    assert _ends_body(_lines(before + "\n" + line)[1]) is ends


# A front page: the paper's name alone on the masthead's first line; a photo's caption under
# its kicker, closed by the photographer's credit, is an article of its own.
PHOTO_PAGE = """\
江城日报
中共江城市委机关报　　2025年6月3日　星期二

全市夏粮收购进度过半

本报讯（记者 周航）截至6月2日，全市累计收购小麦
12.6万吨，同比增加1.8万吨。

【图片新闻】
　　6月2日，在江城港集装箱码头，桥吊正在作业。
今年以来，江城港完成集装箱吞吐量21.4万标箱，同
比增长9.7%。（本报记者 陈雪 摄）

以改革激发市场活力
本报评论员
　　改革越往深处走，越需要拿出攻坚克难的勇气。
"""


def test_a_photo_caption_is_an_article_and_the_masthead_name_is_furniture():
    arts = split_articles(PHOTO_PAGE)
    assert [a.title for a in arts] == ["全市夏粮收购进度过半", "图片新闻", "以改革激发市场活力"]
    photo = arts[1]
    assert PHOTO_PAGE[photo.start:].startswith("【图片新闻】") and "21.4万标箱" in PHOTO_PAGE[photo.start:photo.end]


# A page whose paragraphs are not wrapped (one line each) and that has no blank lines: a
# feature under a ■记者 byline whose headline follows its body, stacked right above the next
# story's headline; a 【简讯】 kicker over items without headlines heads them as one article.
UNWRAPPED_PAGE = """\
今日江城　　江城区融媒体中心主办　　2025年9月12日　星期五　　第2版·综合新闻
江城港集装箱吞吐量创新高　前8个月增长12.4%
本报讯（记者 周航）8月，江城港完成集装箱吞吐量32.5万标箱，同比增长12.4%，增速居全省港口第2位，创历史同期新高。
■记者　陈雪　通讯员　刘洋
“以前买菜要走两条街，现在楼下就有便民市场。”家住江北街道新华社区的居民说。今年，新华社区改造老旧小区8个，惠及居民1860户。
老旧小区焕新　居民生活更便利
石桥镇前8个月工业总产值增长9.1%
日前，记者从石桥镇获悉，1—8月，石桥镇实现工业总产值86.2亿元，同比增长9.1%；完成固定资产投资21.4亿元，增长7.5%。（记者 吴迪）
【简讯】
◆9月10日，区人社局举办秋季招聘会，48家企业提供岗位1200余个。
◆全区今年计划新建充电桩600个，目前已建成420个。
（本版编辑：王小二　校对：陈四平）
"""


def test_an_unwrapped_page_without_blank_lines():
    arts = split_articles(UNWRAPPED_PAGE)
    assert [(a.title, a.byline) for a in arts] == [
        ("江城港集装箱吞吐量创新高 前8个月增长12.4%", "本报讯（记者 周航）"),
        ("老旧小区焕新 居民生活更便利", "■记者 陈雪 通讯员 刘洋"),
        ("石桥镇前8个月工业总产值增长9.1%", ""),
        ("简讯", "")]
    assert arts[1].start == UNWRAPPED_PAGE.index("■记者")


def test_unwrapped_page_claims():
    from extractors.model import Document
    from extractors.pipeline import extract_document

    claims = {c.text: c for c in extract_document(Document(doc_id="page", text=UNWRAPPED_PAGE)).claims}
    # the township its story's headline names is whose every clause is; the credits name no place
    assert claims["21.4亿元"].subject == "石桥镇"
    assert "四平" not in claims["48家"].subject


# A headline's figure its body restates: the body's period when the headline has none, or
# the day the body gives inside the headline's span (an event's figures: 三季度…集中签约);
# a month, or the same span, leaves the headline's own period.
RESTATED_PAGE = """\
第2版　要闻　　　　江城日报　2025年10月9日　星期四

三季度重大项目集中签约　22个项目总投资156亿元

　　本报讯（记者 王敏）9月26日，江城市
第三季度重大项目集中签约活动举行。现场
签约项目22个，总投资156亿元。

前三季度全市规上工业增加值增长6.1%

　　本报讯　前三季度，全市规模以上工业增
加值同比增长6.1%，比上半年加快0.4个百分点。

一季度外贸进出口增长5.3%

　　本报讯　一季度全市外贸进出口总额
增长7.2%，其中3月份增长5.3%。（吴迪）
"""


@pytest.mark.parametrize("figure, nth, period", [
    ("22个", 0, "2025-09-26"),          # the headline's quarter names the event; its day dates the figures
    ("156亿元", 0, "2025-09-26"),
    ("22个", 1, "2025-09-26"),          # the body: the dateline's day, not the event's quarter
    ("6.1%", 0, "2025-01/2025-09"),     # the body gives the same span
    ("5.3%", 0, "2025-01/2025-03"),     # a month inside the quarter: no day, the headline keeps its own
])
def test_headline_figures_restated_in_the_body(figure, nth, period):
    from extractors.model import Document
    from extractors.pipeline import extract_document

    found = [c for c in extract_document(Document(doc_id="page", text=RESTATED_PAGE)).claims if c.text == figure]
    assert found[nth].period == period


# An evening paper's property page: a dateline byline with a place and a day (本报济南11月2日讯), and a
# story whose table ends right over the next story's headline.
PROPERTY_PAGE = """烟台晚报
2026年11月3日　星期二
A09　楼市

10月全市新房成交5126套　环比增长12.5%
本报烟台11月2日讯（记者 孙一）10月份，全市新建商品房成交5126套，环比增长12.5%。分区看，成交前三的区如下：
区县\t成交套数（套）\t均价（元/平方米）
莱山区\t1286\t12823
芝罘区\t927\t11370
二手房网签连续两个月超3000套
本报记者　孙一
10月份全市二手住宅网签3415套，环比增长6.6%。
"""


def test_dateline_byline_and_a_headline_after_a_table():
    arts = split_articles(PROPERTY_PAGE)
    assert [(a.title, a.byline) for a in arts] == [
        ("10月全市新房成交5126套 环比增长12.5%", "本报烟台11月2日讯（记者 孙一）"),
        ("二手房网签连续两个月超3000套", "本报记者 孙一")]


@pytest.mark.parametrize("line, is_row", [
    ("历城区\t1486\t17.42", True),
    ("历城区      1486      17.42      -4.3", True),          # a space-aligned table's row
    ("两会特别报道  我市经济稳中向好", False),                   # a two-part headline spaced out in PDF text
    ("前三季度  全市规上工业增加值增长6.1%", False),
])
def test_table_rows_are_no_headlines(line, is_row):
    from extractors.segment import TABLE_ROW

    assert bool(TABLE_ROW.search(line)) is is_row
