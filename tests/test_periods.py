"""Time expressions -> ISO periods: one row per phrase."""
import datetime

import pytest

from extractors.periods import TimeExpression, find_time_expressions, names_event, resolve_period, strictly_inside

P22 = datetime.date(2022, 6, 15)    # the seed page (聊城日报 2022-06-15)
P23 = datetime.date(2023, 2, 10)    # a work report read in February
B24 = datetime.date(2024, 2, 28)    # a statistics bulletin about 2023

# (id, text, published, expected span text, period, kind, is_target_cue)
CASES = [
    # 季末 alone: the latest quarter's end on or before the reference day (a Q1 release: its 3月31日)
    ("quarter-end-alone", "季末，全市各项存款余额4826.5亿元", datetime.date(2026, 3, 31), "季末", "2026-03-31", "date", False),
    ("quarter-end-alone-later", "季末生猪存栏468.2万头", datetime.date(2026, 4, 18), "季末", "2026-03-31", "date", False),
    ("quarter-end-before-march", "季度末贷款余额", datetime.date(2026, 2, 10), "季度末", "2025-12-31", "date", False),
    # a day range: the days between; its end month may be written or not
    ("day-range", "国庆假期（10月1日至7日），全省接待游客", datetime.date(2026, 10, 8), "10月1日至7日", "2026-10-01/2026-10-07",
     "range", False),
    ("day-range-months", "春节假期（1月28日至2月4日）", datetime.date(2025, 2, 10), "1月28日至2月4日", "2025-01-28/2025-02-04",
     "range", False),
    # 现有 before a count (公司现有员工…): as of the day written; not 在现有基础上
    ("present-count", "。公司现有员工2180人", datetime.date(2026, 12, 18), "现有", "2026-12-18", "date", False),
    ("present-count-of-a-city", "，全市现有高新技术企业612家", datetime.date(2026, 12, 18), "现有", "2026-12-18", "date",
     False),
    # a month after the paper's, without a year: last year's, unless it is still to come (将于, 定于)
    ("later-month-is-last-year", "8月18日至20日，博览会在南康区举办", datetime.date(2027, 7, 28), "8月18日至20日",
     "2026-08-18/2026-08-20", "range", False),
    ("later-month-still-to-come", "博览会将于8月18日至20日在南康区举办", datetime.date(2027, 7, 28), "8月18日至20日",
     "2027-08-18/2027-08-20", "range", False),
    ("later-day-fixed-ahead", "交易会定于9月6日开幕", datetime.date(2027, 7, 28), "9月6日", "2027-09-06", "date", False),
    ("recovered-to-no-deadline", "恢复到2019年同期的118.4%", datetime.date(2026, 10, 8), "2019年同期", "2019", "year", False),
    ("year", "2021年，全市制造业贡献率达到42.1%", P22, "2021年", "2021", "year", False),
    ("year-end", "2021年底，全市共有企业5家", P22, "2021年底", "2021", "year", False),
    ("year-end-long", "2021年年末全市常住人口", None, "2021年年末", "2021", "year", False),
    ("year-fiscal", "2021年度财政收入", None, "2021年度", "2021", "year", False),
    ("year-range-emdash", "行动计划（2022—2024年）", P22, "2022—2024年", "2022/2024", "range", False),
    ("year-range-space", "行动计划（2022—2024 年）》", P22, "2022—2024 年", "2022/2024", "range", False),
    ("year-range-hyphen", "2022-2024年", None, "2022-2024年", "2022/2024", "range", False),
    ("year-range-zhi", "2021年至2023年累计投资", None, "2021年至2023年", "2021/2023", "range", False),
    ("year-cn", "二〇二一年，全市生产总值", None, "二〇二一年", "2021", "year", False),
    ("date-md", "6月14日，市委副书记", P22, "6月14日", "2022-06-14", "date", False),
    ("date-md-am", "6月14日上午，徒骇河", P22, "6月14日上午", "2022-06-14", "date", False),
    ("date-ymd", "2022年6月10日，签约35个项目", None, "2022年6月10日", "2022-06-10", "date", False),
    ("date-cn", "二〇二二年六月十日", None, "二〇二二年六月十日", "2022-06-10", "date", False),
    ("date-same-month-future", "6月20日起施行", P22, "6月20日", "2022-06-20", "date", False),
    ("date-rollback", "12月28日，项目开工", P23, "12月28日", "2022-12-28", "date", False),
    ("day-alone", "14日上午，会议召开", P22, "14日上午", "2022-06-14", "date", False),
    ("day-alone-no-pub", "14日上午，会议召开", None, "14日上午", "", "date", False),
    ("month-range-emdash", "1—5月，企业实现产值201亿元", P22, "1—5月", "2022-01/2022-05", "range", False),
    ("month-range-hyphen", "1-5月，企业实现产值", P22, "1-5月", "2022-01/2022-05", "range", False),
    ("month-range-zhi", "1至5月，企业实现产值", P22, "1至5月", "2022-01/2022-05", "range", False),
    ("month-range-both", "1月至5月，全市", P22, "1月至5月", "2022-01/2022-05", "range", False),
    ("month-range-this-year", "今年1—5月，企业实现工业总产值", P22, "今年1—5月", "2022-01/2022-05", "range", False),
    ("month-range-stats", "1—10月，全市规模以上工业增加值增长5%", P22, "1—10月", "2021-01/2021-10", "range", False),
    ("month-range-rollback", "1—11月，全市规上工业增加值", P23, "1—11月", "2022-01/2022-11", "range", False),
    ("month-range-year", "2022年1—10月，全市规模以上工业增加值", None, "2022年1—10月", "2022-01/2022-10", "range", False),
    ("month-range-fen", "1—5月份，全市", P22, "1—5月份", "2022-01/2022-05", "range", False),
    ("first-n-months", "前5个月，全市进出口", P22, "前5个月", "2022-01/2022-05", "range", False),
    ("first-n-months-cn", "今年前五个月", P22, "今年前五个月", "2022-01/2022-05", "range", False),
    ("since-this-year", "今年以来，新增企业5家", P22, "今年以来", "2022-01/2022-06", "range", False),
    ("since-this-year-no-pub", "今年以来，新增企业5家", None, "今年以来", "", "relative", False),
    ("since-year", "2021年以来，累计完成", P22, "2021年以来", "2021-01/2022-06", "range", False),
    ("since-year-start", "年初以来，全市", P22, "年初以来", "2022-01/2022-06", "range", False),
    ("this-year", "今年将完成新造林103亩", P22, "今年", "2022", "relative", False),
    ("this-year-ben", "本年完成投资", P22, "本年", "2022", "relative", False),
    ("whole-year", "全年完成固定资产投资", P22, "全年", "2022", "relative", False),
    ("whole-year-explicit", "2023年全年国内生产总值126万亿元", B24, "2023年全年", "2023", "year", False),
    ("last-year", "面对去年金堤河百年不遇汛情", P22, "去年", "2021", "relative", False),
    ("last-year-shang", "上年全市生产总值", P22, "上年", "2021", "relative", False),
    ("baseline-bi", "比上年增长5.2%", B24, "上年", "2023", "baseline", False),
    ("baseline-same-period", "较上年同期增长3%", P22, "上年同期", "2021", "baseline", False),
    ("year-before-last", "前年实现营收", P22, "前年", "2020", "relative", False),
    ("next-year", "明年力争突破100亿元", P22, "明年", "2023", "relative", False),
    ("no-pub-relative", "去年实现营收", None, "去年", "", "relative", False),
    ("h1", "上半年，全市地区生产总值", P22, "上半年", "2022-01/2022-06", "range", False),
    ("h2", "下半年，全市", P22, "下半年", "2022-07/2022-12", "range", False),
    ("h1-year", "2021年上半年", None, "2021年上半年", "2021-01/2021-06", "range", False),
    ("q1", "一季度全省地区生产总值同比增长5%", P22, "一季度", "2022-01/2022-03", "range", False),
    ("q1-di", "第一季度全省", P22, "第一季度", "2022-01/2022-03", "range", False),
    ("q1-arabic", "1季度全省", P22, "1季度", "2022-01/2022-03", "range", False),
    ("q4-rollback", "四季度经济回升", P23, "四季度", "2022-10/2022-12", "range", False),
    ("q-first-three", "前三季度，全国GDP", P22, "前三季度", "2022-01/2022-09", "range", False),
    ("q-first-three-year", "2021年前三季度", None, "2021年前三季度", "2021-01/2021-09", "range", False),
    ("q-last-year", "去年四季度", P22, "去年四季度", "2021-10/2021-12", "range", False),
    ("month-ym", "2021年12月，全市", None, "2021年12月", "2021-12", "month", False),
    ("month-fen", "12月份，全市出口", P23, "12月份", "2022-12", "month", False),
    ("month-cn", "十二月份", P23, "十二月份", "2022-12", "month", False),
    ("month-end", "6月底前完成", P22, "6月底", "2022-06", "month", False),
    ("plan-14", "“十四五”期间，全市", None, "“十四五”期间", "2021/2025", "plan", False),
    ("plan-14-shiqi", "“十四五”时期", None, "“十四五”时期", "2021/2025", "plan", False),
    ("plan-13", "“十三五”时期，全省", None, "“十三五”时期", "2016/2020", "plan", False),
    ("plan-11", "十一五期间", None, "十一五期间", "2006/2010", "plan", False),
    ("plan-9-quoted", "“九五”期间", None, "“九五”期间", "1996/2000", "plan", False),
    ("plan-14-end", "到“十四五”末", None, "到“十四五”末", "2025", "plan", True),
    ("target-dao", "到2024年，全市发展过千亿级产业4个", P22, "到2024年", "2024", "year", True),
    ("target-dao-end", "到2025年末，全市", None, "到2025年末", "2025", "year", True),
    ("target-lizheng", "力争到2025年，全市", None, "力争到2025年", "2025", "year", True),
    ("target-qian", "2025年前建成", None, "2025年前", "2025", "year", True),
    ("target-year-end-qian", "2025年底前建成", None, "2025年底前", "2025", "year", True),
    ("target-zhi", "至2025年，全省", None, "至2025年", "2025", "year", True),
    ("asof", "截至2021年底，全市共有", None, "截至2021年底", "2021", "year", False),
    ("past-five", "过去五年，全市生产总值年均增长6%", P22, "过去五年", "2017/2021", "duration_ref", False),
    ("past-five-report", "过去五年，我们", P23, "过去五年", "2018/2022", "duration_ref", False),
    ("past-five-digits", "近5年累计", P22, "近5年", "2017/2021", "duration_ref", False),
    ("five-years-lai", "五年来，全市", P23, "五年来", "2018/2022", "duration_ref", False),
    ("future-five", "今后五年，全市生产总值年均增长6%", P23, "今后五年", "2023/2027", "duration_ref", True),
    ("recent-years", "近年来，阳谷县深入实施", P22, "近年来", "", "relative", False),
    ("recent-few-years", "近几年，我市坚持", P22, "近几年", "", "relative", False),
    ("these-two-years", "尤其是这两年，受疫情影响", P22, "这两年", "2021/2022", "relative", False),
    ("years-ago", "72年前，朝鲜小高岭阵地上", P22, "72年前", "1950", "relative", False),
    ("ten-years-ago", "总书记十年前亲手种下", P22, "十年前", "2012", "relative", False),
    ("years-later-today", "72年后的今天，全市", P22, "72年后的今天", "2022", "relative", False),
    ("yesterday", "昨日，全市", P22, "昨日", "2022-06-14", "date", False),
]

NON_MATCHES = [
    ("tongbi", "同比增长24%"),
    ("existing-base", "在现有基础上，力争产值增长10%"),        # 现有 without a count after it
    ("existing-land", "现有耕地面积保持稳定"),
    ("tongqi", "与同期相比"),
    ("duration-months", "连续3个月保持增长"),
    ("three-year-action", "三年攻坚突破行动"),
    ("civilisation", "5000年文明"),
    ("bare-number", "完成投资2024亿元"),
    ("party-congress", "省第十二次党代会"),
    ("days-duration", "连续3日"),
    ("within-days", "3日内完成"),
    ("previous-quarter-end-is-a-base", "比上季末增加12亿元"),
    ("a-named-quarter-end-is-its-own", "每季末报送一次"),
    ("long-number-year", "编号12021年"),
    ("month-count", "建设周期为18个月"),
]


@pytest.mark.parametrize("text,published,span,period,kind,target",
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_time_expression(text, published, span, period, kind, target):
    found = find_time_expressions(text, published)
    assert found, f"nothing found in {text!r}"
    first = found[0]
    assert first.text == span
    assert text[first.start:first.end] == first.text
    assert (first.period, first.kind, first.is_target_cue) == (period, kind, target)


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NON_MATCHES])
def test_not_a_time_expression(text):
    assert find_time_expressions(text, P22) == []


KNOWN_GAPS = [
    # 当年 refers to a year named earlier in the text, which needs discourse context.
    ("dangnian", "当年新增就业1万人", P22, "当年", "2022"),
    # 一、二季度 (a coordinated quarter list) is read as the second quarter only.
    ("quarter-list", "一、二季度", P22, "一、二季度", "2022-01/2022-06"),
]


@pytest.mark.parametrize("text,published,span,period",
                         [pytest.param(*c[1:], id=c[0], marks=pytest.mark.xfail(strict=True)) for c in KNOWN_GAPS])
def test_known_gaps(text, published, span, period):
    found = find_time_expressions(text, published)
    assert found and (found[0].text, found[0].period) == (span, period)


def test_spans_of_a_sentence():
    text = "2021年，全市制造业对经济增长贡献率达到42.1%；今年1—5月，企业实现工业总产值201亿元。"
    found = find_time_expressions(text, P22)
    assert [(t.text, t.period) for t in found] == [("2021年", "2021"), ("今年1—5月", "2022-01/2022-05")]
    assert all(isinstance(t, TimeExpression) for t in found)


def test_windows_agree_with_full_scan(monkeypatch):
    """The trigger windows are an optimisation: they must not change results."""
    from extractors import periods
    text = "".join(c[1] for c in CASES) * 3
    fast = find_time_expressions(text, P22)
    monkeypatch.setattr(periods, "_windows", lambda t: [(0, len(t))])
    assert find_time_expressions(text, P22) == fast


def test_resolve_period():
    assert resolve_period("今年1—5月", P22) == "2022-01/2022-05"
    assert resolve_period("同比", P22) == ""


def test_bad_published():
    with pytest.raises(ValueError):
        find_time_expressions("今年", "2022-06-15")


# 当月 / 当天 name the month or day just named (within reach), else 当月 is the publication month.
# (id, text, published, the word, its period)
ANAPHORA = [
    ("month-after-month", "出口增长4.1%；11月份当月增长7.2%", datetime.date(2025, 12, 5), "当月", "2025-11"),
    ("month-after-range", "1—8月，销售额增长9%，其中当月增长11%", datetime.date(2025, 9, 20), "当月", "2025-08"),
    ("month-after-day", "3月15日，新规施行。当月，新增企业120家", P22, "当月", "2022-03"),
    ("month-alone", "当月，全市出口增长3%", P22, "当月", "2022-06"),
    ("day-after-date", "5月20日，博览会开幕。现场签约20个项目。当天，还发布了报告", P22, "当天", "2022-05-20"),
    ("day-dangri", "2023年9月8日，论坛举行。当日，两地签署协议", None, "当日", "2023-09-08"),
    ("day-tongri", "6月3日，园区开工。同日，二期项目签约", P22, "同日", "2022-06-03"),
    ("day-skips-month", "6月3日，会议召开，部署6月份工作。当天，签约3个项目", P22, "当天", "2022-06-03"),
]


@pytest.mark.parametrize("text,published,word,period", [pytest.param(*c[1:], id=c[0]) for c in ANAPHORA])
def test_anaphoric_month_and_day(text, published, word, period):
    found = [t for t in find_time_expressions(text, published) if t.text == word]
    assert [t.period for t in found] == [period]


@pytest.mark.parametrize("text", [
    pytest.param("当天，全市签约5个项目", id="day-without-referent"),
    pytest.param("当日均价上涨3%", id="daily-average"),
    pytest.param("5月20日开幕。" + "会" * 320 + "当天签约", id="day-out-of-reach"),
])
def test_same_day_without_a_day_before(text):
    assert [t for t in find_time_expressions(text, P22) if t.text.startswith("当")] == []


# (inner, outer, whether inner is a part of outer and not all of it)
INSIDE = [
    ("2025", "2021/2025", True),
    ("2026-10", "2026-01/2026-10", True),
    ("2026-11-18", "2026", True),
    ("2026-07/2026-09", "2026-01/2026-09", True),
    ("2026-10", "2026-10", False),
    ("2026-01/2026-10", "2026-10", False),
    ("2030", "2026", False),
    ("2026/2030", "2026", False),
    ("2020", "2021/2025", False),
    ("", "2021/2025", False),
    ("2025", "", False),
]


@pytest.mark.parametrize("inner,outer,want", INSIDE)
def test_strictly_inside(inner, outer, want):
    assert strictly_inside(inner, outer) is want


# A streak of years (连续N年) runs up to the claim's year.
STREAKS = [
    ("2027年3月5日\n2026年，全国粮食产量连续三年稳定在1.4万亿斤以上。", "1.4万亿斤", "2024/2026"),
    ("2026年2月1日\n2025年，全省粮食总产量连续5年保持在1200万吨以上。", "1200万吨", "2021/2025"),
    ("2025年1月9日\n2024年，全市地区生产总值连续十年位居全省第2位。", "第2位", "2015/2024"),
    ("2025年1月9日\n2024年，全市地区生产总值位居全省第2位。", "第2位", "2024"),
]


@pytest.mark.parametrize("text,span,period", STREAKS)
def test_a_streak_runs_up_to_its_year(text, span, period):
    from extractors import extract

    claim = next(c for c in extract(text) if c.text == span)
    assert claim.period == period


# 年末: stocks at the year's last day, counts of what exists included, and carried into the
# paragraph's next sentence about stocks.
YEAR_END = [
    ("2025年国民经济和社会发展统计公报\n2026年3月1日\n年末全省常住人口2449.6万人。其中，城镇常住人口1395.3万人。", "1395.3万人", "2025-12-31"),
    ("2025年国民经济和社会发展统计公报\n2026年3月1日\n年末全省规模以上工业企业2764家，比上年末增加118家。", "2764家", "2025-12-31"),
    ("2025年国民经济和社会发展统计公报\n2026年3月1日\n年末全省规模以上工业企业2764家，比上年末增加118家。", "118家", "2025-12-31"),
    ("2025年国民经济和社会发展统计公报\n2026年3月1日\n年末全省常住人口2449.6万人。全年粮食产量1285.6万吨。", "1285.6万吨", "2025"),
]


@pytest.mark.parametrize("text,span,period", YEAR_END)
def test_year_end_stocks(text, span, period):
    from extractors import extract

    claim = next(c for c in extract(text) if c.text == span)
    assert claim.period == period


def test_a_streak_dates_only_its_claim():
    from extractors import extract

    text = "2027年1月20日\n2026年，全省粮食产量连续四年稳定在1950万吨以上。咖啡种植面积稳定在180万亩左右。"
    claims = {c.text: c.period for c in extract(text)}
    assert (claims["1950万吨"], claims["180万亩"]) == ("2023/2026", "2026")


@pytest.mark.parametrize("text, names", [
    ("三季度重大项目集中签约活动举行", True),
    ("温江区2026年第四季度重大项目集中签约活动在区会议中心举行", True),
    ("2026年春季招聘会在市人才市场举行", True),
    ("一季度集中开工仪式在高新区举行", True),
    ("一季度举办招聘会36场", False),           # a verb between: the time dates the figure
    ("一季度全市招聘会提供岗位1.2万个", False),   # 全市 opens the clause's subject
    ("前三季度，全市签约项目86个", False),
    ("上半年全市完成固定资产投资", False),
])
def test_a_time_in_an_event_name(text, names):
    t = find_time_expressions(text, datetime.date(2026, 12, 1))[0]
    assert names_event(text, t) is names
