"""Meaning read from a document's context: townships and villages, county papers,
regional releases, plans counted in, holiday asides, numbered lists, city rankings,
released data, table captions, ports, township parks and holidays. Table-driven:
one composed document per row
(none of them a held-out sentence), the claim to look at, and what a careful reader
says of one field."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.ingest import read_bytes
from extractors.periods import find_time_expressions
from extractors.pipeline import extract_document

TOWN_STORY = ("东坝镇民宿经济升温\n本报记者　王一\n"
              "入夏以来，东坝镇乡村旅游持续升温。记者从镇农办了解到，6月份全镇共接待游客12.4万人次，"
              "同比增长15.2%。其中，上湾村、石塘村分别接待游客3.1万人次和2.6万人次。今年全镇预计接待游客40万人次。\n")
COUNTY_PAGE = ("今日安吉\n2026年5月8日　星期五　第2版　要闻\n\n我县一季度签约项目15个\n"
               "本报讯（记者 李明）一季度，全县共签约项目15个，总投资62.3亿元。\n")
PLAN_SET = ("某县重点项目建设提速\n2026年10月12日\n"
            "前三季度，全县完成投资52.6亿元　年度计划完成率居全市第一。\n"
            "今年计划开工的30个重点项目中，已开工24个，开工率80%。新开工率居全市第二位。\n")
PROJECT = "某县文旅项目落地\n2026年10月12日\n该项目建成后可年产钢材50万吨，另规划建设客房300间。\n"
HOLIDAY = ("某市五一假期旅游综述\n2026年5月6日\n"
           "五一假期（5月1日至5日），全市接待游客86.2万人次，增长9.1%。\n"
           "假期里，各景区人气旺盛。5月2日，篁岭景区单日接待游客9.8万人次。全市酒店平均入住率达到88%。\n")
SIGNING = ("某市重大项目集中签约\n2026年6月19日\n"
           "6月18日，我市举行项目集中签约仪式，共签约项目8个。签约项目如下：\n"
           "1．智能装备项目，由华拓智能科技有限公司投资，总投资12.5亿元；\n"
           "2．冷链物流项目，总投资6.8亿元；\n")
REGION_RELEASE = ("1—9月全区外贸进出口增长6.2%\n来源：广西壮族自治区商务厅　　发布日期：2026年10月25日\n"
                  "据南宁海关统计，1—9月，全区进出口总值5210.3亿元，同比增长6.2%。\n"
                  "民营企业进出口3620.1亿元，增长8.1%。\n")
PORT = ("某港口前10个月吞吐量稳步增长\n2026年11月10日\n"
        "1—10月，港口完成集装箱吞吐量256.3万标准箱，增长7.7%。\n"
        "1—10月，全市重点项目累计完成投资320亿元，提前两个月完成年度计划，完成率达106.7%。\n")
GRAIN = ("全省粮食生产再获丰收\n2026年12月13日　星期日\n"
         "本报讯 12月12日，国家统计局公布2026年全国粮食产量数据。全省粮食总产量2512.3万吨，增长1.2%。\n")
RANKING = ("上半年江苏各市GDP出炉\n2026年7月30日\n"
           "7月29日，全省13个设区市上半年地区生产总值全部公布。苏州市以12010.5亿元继续领跑全省，"
           "南京市以8890.1亿元位居第二。无锡市实现7650.2亿元，居第三。\n"
           "从增速看，南通以6.9%的增速居全省首位，常州增长6.1%，泰州、扬州增长5.8%和5.6%，居第二、三位。\n")
PRICE_TABLE = ("2026年5月份居民消费价格同比上涨0.4%\n发布时间：2026-06-10 09:30　　来源：国家统计局\n\n"
               "2026年5月份，全国居民消费价格同比上涨0.4%。\n\n"
               "附表：2026年5月份居民消费价格主要数据\n"
               "\t环比涨跌幅（%）\t同比涨跌幅（%）\t1—5月同比涨跌幅（%）\n"
               "居民消费价格\t-0.1\t0.4\t0.2\n"
               "食品\t-0.6\t-1.2\t-0.8\n"
               "服务\t0.1\t0.7\t0.5\n")

GROUP_NEWS = ("某交投集团召开2027年工作会议\n2027-01-12\n"
              "1月11日，湘江交通投资集团有限公司2027年工作会议召开。全年完成营业收入512.4亿元，同比增长8.1%。\n"
              "各子公司协同发力。湘江高速运营公司实现通行费收入118.6亿元，增长5.4%；上半年集团实现利润总额12.2亿元。"
              "路网日均车流量66.2万辆次，同比增长6.5%。\n")
BANK_BRANCH = ("2026年三季度某市金融运行情况\n发布时间：2026-10-21　　来源：中国人民银行某市分行\n"
               "9月末，全市金融机构本外币各项存款余额5218.5亿元，同比增长7.7%，比年初增加336.9亿元。"
               "其中，人民币各项存款余额5173.2亿元，前三季度增加329.4亿元。分部门看，住户存款余额3386.7亿元，"
               "比年初增加252.8亿元，占各项存款的64.9%；非金融企业存款余额912.4亿元，同比增长2.9%。\n")
CITY_TARGETS = ("2026年某市政府工作报告\n二、2026年主要目标任务\n"
                "“十五五”时期，我们将力争到2030年，全市规上工业营业收入达到1.5万亿元、今明两年年均增长7%以上。\n"
                "坚持项目为王，今年全市安排市级重点项目480个，总投资4860亿元。其中，制造业项目262个，占54.6%。\n")
INCOME_TABLE = ("2027年一季度某省居民收入和消费支出情况\n某省统计局　2027年4月20日\n"
                "一季度，全省居民人均可支配收入14486元，增长5.1%。全省居民人均工资性收入7862元，增长5.2%，"
                "占可支配收入的比重为54.3%；人均经营净收入2315元，增长4.0%，占16.0%。\n\n"
                "附表　2027年一季度某省居民人均收支主要数据\n"
                "指标\t绝对量（元）\t比上年同期增长（%）\n"
                "一、全省居民人均可支配收入\t14486\t5.1\n（一）按常住地分\n城镇居民\t17253\t4.6\n农村居民\t6942\t6.3\n"
                "二、全省居民人均消费支出\t8738\t5.8\n（一）按常住地分\n城镇居民\t10236\t5.1\n农村居民\t4623\t7.7\n"
                "（二）按消费类别分\n食品烟酒\t2286\t4.7\n衣着\t362\t-2.0\n")

DISTRICT_NEWS = ("某区1—9月新签约项目86个 协议引资额420.6亿元\n"
                 "来源：某区投资促进中心　　发布时间：2026-10-16 10:25　　浏览次数：1048\n"
                 "10月15日，记者从区投资促进中心获悉，1—9月，全区新签约招商引资项目86个，协议引资额420.6亿元，同比增长12.3%。\n"
                 "项目质量持续提升。新签约项目中，投资10亿元以上的项目14个。\n")
BUSINESS_PAGE = ("某某日报　2026年10月9日　星期五　第6版：财经\n"
                 "恒信银行临川分行普惠小微贷款余额突破80亿元\n"
                 "本报讯（记者 王小川）记者近日从恒信银行临川分行获悉，截至9月末，该行普惠型小微企业贷款余额达到82.6亿元，"
                 "较年初增加11.3亿元。今年以来，该行走访小微企业1.2万户。\n"
                 "“四季度，我们将再投放普惠小微贷款20亿元以上。”该行相关负责人表示。\n\n"
                 "国庆假期万达广场购物中心销售额8600万元\n"
                 "本报讯（记者 李冬）据统计，10月1日至7日，该购物中心实现销售额8600万元，同比增长10.4%。\n"
                 "分品类看，黄金珠宝、餐饮两大品类销售额分别为2680万元和1150万元。购物中心联合40余家商户发放消费券6000张。\n")
KEY_PROJECTS = ("全省重点项目1—10月完成投资5428.6亿元　年度计划投资完成率达90.1%\n"
                "来源：某省发展和改革委员会　　发布时间：2026-11-12 17:30\n\n"
                "　　11月11日，省发展改革委召开全省重点项目推进会。今年以来，全省重点项目投资保持较快增长。\n"
                "　　今年，全省共安排省重点项目620个，总投资3.62万亿元。\n"
                "　　分领域看，基础设施项目218个，完成投资2562.1亿元，完成率92.4%。\n")
AIRPORT = ("某某日报\n2026年11月18日　星期三　第3版　经济新闻\n\n"
           "萧山机场前10个月旅客吞吐量超4100万人次\n\n"
           "本报讯（记者 钱小满）记者11月17日从杭州萧山国际机场获悉，1—10月，萧山机场累计完成旅客吞吐量4126.8万人次，"
           "同比增长9.7%。10月份，萧山机场单月旅客吞吐量达468.2万人次。\n\n"
           "某园区产值首破百亿元\n\n"
           "本报讯（记者 叶青）产业园2019年开园以来，累计引进项目68个，总投资426亿元。\n")
STACKED_HEADLINE = ("某某日报\n2026年12月14日　星期一　第1版\n\n"
                    "全省重点项目建设行动启动\n\n"
                    "本报讯（记者 郝梦）12月13日，全省重点项目建设推进会召开。" + "全省上下聚焦项目建设，" * 6 + "项目建设提速。\n\n"
                    "我省粮食总产量达786.3亿斤\n连续四年稳定在3800万吨以上\n\n"
                    "本报讯（记者 郝梦）12月12日，国家统计局公布2026年全国粮食产量数据。我省粮食总产量3931.5万吨。\n")

BUDGET_PROSE = ("某市2026年前三季度财政预算执行情况\n发布时间：2026-10-20\n"
                "1—9月，全市一般公共预算收入131.36亿元，完成年度预算的74.9%，超序时进度0.9个百分点，同比增长3.8%。\n")

CAR_NEWS = ("某汽车11月交付新车2.36万辆\n2026年12月02日 17:20　来源：某某晚报\n"
            "1—11月，某汽车累计交付新车198452辆，同比增长47.8%，已完成全年22万辆销量目标的90.2%。\n")

FIVE_YEAR_REVIEW = ("2026年某省政府工作报告\n一、“十四五”时期工作回顾\n"
                    "五年来，累计完成固定资产投资3.28万亿元，社会消费品零售总额比上年增长4.5%，达到1.02万亿元。\n")

CONVERTED = ("2026年1—10月对外投资情况\n2026年1—10月，我国对外全行业直接投资8536.8亿元人民币，同比增长5.4%"
             "（折合1128.6亿美元，同比增长4.1%）。\n")

PORT_STORY = ("青岛港前三季度集装箱吞吐量增长8.2%\n2026年10月20日　来源：青岛日报\n"
              "本报讯　记者从山东港口青岛港获悉，前三季度，青岛港完成货物吞吐量5.1亿吨，同比增长4.2%；"
              "完成集装箱吞吐量2350万标准箱，增长8.2%。其中，外贸集装箱1780万标准箱。\n"
              "航线网络加密。今年以来青岛港新开航线12条，居全国沿海港口前列。\n")
CITY_NAMED_PORT = ("连云港前三季度地区生产总值增长6.1%\n2026年10月22日\n"
                   "前三季度，连云港市实现地区生产总值3210.5亿元，同比增长6.1%。连云港规模以上工业增加值增长8.3%。"
                   "连云港固定资产投资增长5.2%。\n")
TOWNSHIP_PARK = ("高沟镇纺织产业园：小纱线织出大产业\n2026年9月10日　来源：涟水日报\n"
                 "本报讯　9月9日，走进涟水县高沟镇纺织产业园，机器轰鸣。园区累计入驻企业126家，其中规模以上企业48家。"
                 "1—8月，园区完成工业总产值86.5亿元，同比增长7.6%；园区实现税收2.1亿元。园区现有从业人员1.2万人。\n"
                 "位于园区的江苏锦纶纺织有限公司今年新上3条生产线。\n")
AGAINST_2019 = ("扬州旅游经济恢复向好\n2026年7月15日\n一、总体情况\n"
                "据测算，上半年扬州市接待游客1520万人次，较2019年同期增长21.5%；上半年旅游收入186亿元，"
                "恢复至2019年同期的118.2%。\n二、客源结构\n省外游客占比42.1%，较2019年同期提高5.3个百分点。\n")
HOLIDAY_TITLE = ("春节假期扬州接待游客126.5万人次\n发布时间：2026-02-24　　来源：扬州市文化广电和旅游局\n"
                 "2026年春节假期（2月16日至23日），扬州市累计接待游客126.5万人次，同比增长8.8%，较2019年同期增长30.2%。\n"
                 "从客源看，市外游客58.2万人次，占游客总数的46.0%。全市重点景区接待游客41.6万人次。\n")

ANNUAL_REPORT = ("永和电气2026年净利润增长12.1%\n2027年4月2日　来源：证券时报\n"
                 "4月1日晚间，浙江永和电气股份有限公司发布2026年年度报告。报告期内，公司实现营业收入36.4亿元，"
                 "同比增长9.8%；净利润4.12亿元，同比增长12.1%。\n"
                 "分季度看，公司四个季度净利润分别为0.82亿元、0.96亿元、1.05亿元和1.29亿元。\n")

SHOE_MAKER = ("某鞋业出口订单饱满\n2026年10月16日\n公司日产能达3.2万双，在手订单860万双，已排产至明年二月。\n")

EVENING_BRIEFS = ("南昌晚报\n2026年12月8日　星期二　　A05　财经\n\n"
                  "第五轮消费券20日起发放\n本报讯（记者 李青）记者7日从市商务局获悉，第五轮消费券将于12月20日至12月31日发放，"
                  "本轮共投放消费券2000万元。\n据统计，前四轮消费券累计投放2.4亿元，核销2.1亿元。\n\n"
                  "11月全市汽车销量2.86万辆\n本报讯（记者 王敏）记者7日从南昌市汽车流通协会获悉，11月，全市汽车零售销量2.86万辆，"
                  "同比增长6.1%。今年以来，全市累计受理汽车以旧换新补贴申请4.1万份。\n")

MONTH_FLOW_THEN_STOCK = ("2026年9月某省金融统计数据报告\n发布时间：2026-10-14　　来源：中国人民银行某省分行\n"
                         "一、各项存款\n9月末，全省本外币各项存款余额3.21万亿元，同比增长7.2%，增速比上月末高0.3个百分点；"
                         "比年初增加2150.6亿元。9月份当月，人民币存款增加86.5亿元。\n"
                         "分部门看，住户存款余额2.05万亿元，比年初增加1620.3亿元。\n")

ROUTES = ("芜湖港航运发展提速\n2026年11月20日\n今年以来，芜湖市新开通至上海、宁波、南通等地的集装箱航线12条，"
          "集装箱吞吐量增长9.3%。\n")

EXPORTER = ("甬丰电器出口保持增长\n2026年10月18日\n"
            "本报讯　10月17日，在位于北仑区的宁波甬丰电器有限公司生产车间，工人们正在赶制订单。今年以来，公司实现出口额1.2亿美元，"
            "同比增长9.4%。甬丰电器负责人介绍，公司产品销往30多个国家和地区。\n"
            "前三季度，宁波市小家电出口86.2亿元。其中，甬丰电器出口额约占全市小家电出口的9.8%。\n")

RAIL_STORY = ("株洲铁路旅客发送量再创新高\n"
    "2026年12月30日\n"
    "本报讯 12月29日，记者从铁路部门获悉，今年以来截至12月28日，株洲市境内各火车站累计发送旅客1562.3万人次，同比增长7.6%；日均发送旅客4.3万人次。\n"
    "株洲西站今年发送旅客836.2万人次，占全市铁路旅客发送量的53.5%；株洲站发送旅客520.7万人次，增长2.9%。\n")
ZONE_TITLED = ("宜宾临港经开区三季度集中签约12个项目\n"
    "2027-09-28　来源：宜宾日报\n"
    "本报讯　9月27日，宜宾临港经济技术开发区2027年第三季度重大项目集中签约活动举行，12个项目集中签约，总投资96.5亿元。\n"
    "今年以来，宜宾临港经开区累计签约项目41个，协议总投资286.3亿元。宜宾临港经开区投资促进局负责人介绍，力争全年签约项目突破55个。\n")
HOLIDAY_PAGE = ("成都晚报\n"
    "2026年10月9日　星期五\n"
    "第6版　消费\n"
    "\n"
    "国庆假期蓉城消费持续升温\n"
    "本报讯（记者 刘一）记者昨日从市商务局获悉，今年国庆假期（10月1日至8日），全市重点商贸企业实现销售额36.2亿元，同比增长6.8%。\n"
    "商圈人气持续走高。春熙路—太古里商圈假期客流量286.5万人次，销售额5.12亿元。宽窄巷子景区接待游客92.3万人次。\n"
    "\n"
    "全市新增充电桩1.2万个\n"
    "本报讯（记者 王二）截至9月底，全市累计建成充电桩18.6万个。\n")

FAIR_CLOSES = ("第十八届中国小商品博览会闭幕　意向成交额92.4亿元\n2026年10月25日\n"
               "本报讯　10月24日，为期四天的第十八届中国小商品博览会在义乌国际博览中心闭幕。本届博览会设标准展位3200个，"
               "意向成交额92.4亿元，同比增长6.2%。\n")
FAIR_OPENS = ("2026年5月12日\n5月12日，为期三天的第五届数字经济大会在合肥开幕，首日签约项目26个。\n")
VILLAGE_COVERED = ("某村合作社带富一方\n2026年11月6日\n合作社入社农户从最初的36户发展到目前的286户，覆盖全村八成以上农户。"
                   "全村板栗种植面积8500亩。\n")

CONGRESS_REPORT = ("政府工作报告\n——2026年3月5日在第十四届全国人民代表大会第四次会议上\n"
                   "一、2025年工作回顾\n过去一年，国内生产总值达到140.2万亿元，增长5.0%。\n")

PROJECTS_ARRANGED = ("上半年全市重点项目完成投资286.3亿元\n来源：某市发展和改革委员会　　发布时间：2026-07-16 10:00\n"
                     "今年，全市共安排市重点项目320个，总投资2860亿元。1—6月，全市重点项目完成投资286.3亿元。\n")
PROJECTS_PLANNED = ("2026年某市政府工作报告\n二、2026年工作安排\n全年安排市级重点项目320个，年度计划投资860亿元。\n")

SUMMER_SEASON = ("慈利暑期游人气旺　门票收入增长12.4%\n发布时间：2026-09-04 09:30　　来源：慈利县融媒体中心\n"
                 "今年暑期（7—8月），全县共接待游客186.2万人次，同比增长9.6%。其中，江垭温泉国家森林公园接待游客52.3万人次，"
                 "实现门票收入0.86亿元。\n全县接待过夜游客72.4万人次，占游客总数的38.9%。\n")

CASES = [
    # (id, document, claim text, occurrence, field, expected)
    ("town-quanzhen-after-a-time", TOWN_STORY, "12.4万人次", 0, "subject", "东坝镇"),
    ("no-town-jizhecongzhen", TOWN_STORY, "15.2%", 0, "subject", "东坝镇"),
    ("village-member", TOWN_STORY, "3.1万人次", 0, "subject", "东坝镇上湾村"),
    ("no-town-jinnianquanzhen", TOWN_STORY, "40万人次", 0, "subject", "东坝镇"),
    ("village-member-2", TOWN_STORY, "2.6万人次", 0, "subject", "东坝镇石塘村"),
    ("village-members-share-measure", TOWN_STORY, "2.6万人次", 0, "indicator", "接待游客"),
    ("county-paper-masthead", COUNTY_PAGE, "15个", 1, "subject", "安吉县"),
    ("plan-completion-rate-is-no-plan", PLAN_SET, "第一", 0, "status", "actual"),
    ("rank-measure-after-a-number", PLAN_SET, "第一", 0, "indicator", "年度计划完成率"),
    ("the-plans-set", PLAN_SET, "30个", 0, "status", "target"),
    ("done-of-the-plans-set", PLAN_SET, "24个", 0, "status", "actual"),
    ("rate-of-the-plans-set", PLAN_SET, "80%", 0, "status", "actual"),
    ("no-frame-after-the-plans-set", PLAN_SET, "第二位", 0, "status", "actual"),
    ("after-completion", PROJECT, "50万吨", 0, "status", "target"),
    ("planned-building", PROJECT, "300间", 0, "status", "target"),
    ("holiday-day-aside", HOLIDAY, "88%", 0, "period", "2026-05-01/2026-05-05"),
    ("holiday-day-own", HOLIDAY, "9.8万人次", 0, "period", "2026-05-02"),
    ("scenic-area-single-day", HOLIDAY, "9.8万人次", 0, "subject", "篁岭景区"),
    ("numbered-item-goes-on", SIGNING, "6.8亿元", 0, "period", "2026-06-18"),
    ("numbered-item-own-subject", SIGNING, "12.5亿元", 0, "subject", "华拓智能科技有限公司"),
    ("numbered-item-next-subject", SIGNING, "6.8亿元", 0, "subject", ""),
    ("region-from-its-source-line", REGION_RELEASE, "5210.3亿元", 0, "subject", "广西壮族自治区"),
    ("customs-is-no-place", REGION_RELEASE, "6.2%", 1, "subject", "广西壮族自治区"),
    ("release-period-not-its-date", REGION_RELEASE, "3620.1亿元", 0, "period", "2026-01/2026-09"),
    ("teu-unit", PORT, "256.3万标准箱", 0, "unit", "标准箱"),
    ("ahead-of-time-is-no-time", PORT, "106.7%", 0, "period", "2026-01/2026-10"),
    ("released-data-year-runs-on", GRAIN, "2512.3万吨", 0, "period", "2026"),
    ("ranked-by-amount", RANKING, "12010.5亿元", 0, "indicator", "地区生产总值"),
    ("ranked-by-amount-2", RANKING, "8890.1亿元", 0, "indicator", "地区生产总值"),
    ("bare-shixian", RANKING, "7650.2亿元", 0, "indicator", "地区生产总值"),
    ("bare-daodao-after-a-claim", FIVE_YEAR_REVIEW, "1.02万亿元", 0, "indicator", "社会消费品零售总额"),
    ("rank-after-bare-shixian", RANKING, "第三", 0, "indicator", "地区生产总值"),
    ("rate-ranked", RANKING, "6.9%", 0, "indicator", "地区生产总值增速"),
    ("bare-place-growth", RANKING, "6.1%", 0, "indicator", "地区生产总值增速"),
    ("rank-list-without-di", RANKING, "三位", 0, "kind", "rank"),
    ("annex-caption-month", PRICE_TABLE, "0.7", 0, "period", "2026-05"),
    ("company-opening-its-clause", GROUP_NEWS, "118.6亿元", 0, "subject", "湘江高速运营公司"),
    ("its-growth", GROUP_NEWS, "5.4%", 0, "subject", "湘江高速运营公司"),
    ("traffic-counts", GROUP_NEWS, "66.2万辆次", 0, "unit", "辆次"),
    ("balance-after-a-span-flow", BANK_BRANCH, "3386.7亿元", 0, "period", "2026-09-30"),
    ("since-year-start-of-a-balance", BANK_BRANCH, "252.8亿元", 0, "period", "2026-09-30"),
    ("share-of-a-balance", BANK_BRANCH, "64.9%", 0, "period", "2026-09-30"),
    ("growth-of-a-balance", BANK_BRANCH, "2.9%", 0, "period", "2026-09-30"),
    ("flow-keeps-its-span", BANK_BRANCH, "329.4亿元", 0, "period", "2026-01/2026-09"),
    ("this-year-and-next", CITY_TARGETS, "7%", 0, "indicator", "规上工业营业收入年均"),
    ("of-which-keeps-the-year", CITY_TARGETS, "262个", 0, "period", "2026"),
    ("share-of-which-keeps-the-year", CITY_TARGETS, "54.6%", 0, "period", "2026"),
    ("bare-share-of-the-whole-before", INCOME_TABLE, "16.0%", 0, "indicator", "人均经营净收入占可支配收入的比重"),
    ("table-section-heads-its-breakdown", INCOME_TABLE, "10236", 0, "indicator", "城镇居民人均消费支出"),
    ("table-first-section", INCOME_TABLE, "17253", 0, "indicator", "城镇居民人均可支配收入"),
    ("population-part-is-whose", INCOME_TABLE, "10236", 0, "subject", "某省居民（城镇居民）"),
    ("measure-part-is-not-whose", INCOME_TABLE, "2286", 0, "subject", "某省居民"),
    ("growth-after-a-calendar-gap", BUDGET_PROSE, "3.8%", 0, "indicator", "一般公共预算收入"),
    ("converted-amount", CONVERTED, "1128.6亿美元", 0, "indicator", "对外全行业直接投资"),
    ("growth-of-a-converted-amount", CONVERTED, "4.1%", 0, "indicator", "对外全行业直接投资"),
    ("publication-line-with-page-views", DISTRICT_NEWS, "420.6亿元", 1, "period", "2026-01/2026-09"),
    ("publication-line-next-paragraph", DISTRICT_NEWS, "14个", 0, "period", "2026-01/2026-09"),
    ("bank-branch-the-title-names", BUSINESS_PAGE, "82.6亿元", 0, "subject", "恒信银行临川分行"),
    ("bank-branch-its-plans", BUSINESS_PAGE, "20亿元", 0, "subject", "恒信银行临川分行"),
    ("venue-the-title-names", BUSINESS_PAGE, "8600万元", 1, "subject", "万达广场购物中心"),
    ("article-of-one-span-of-days", BUSINESS_PAGE, "2680万元", 0, "period", "2026-10-01/2026-10-07"),
    ("yearless-title-period", KEY_PROJECTS, "5428.6亿元", 0, "period", "2026-01/2026-10"),
    ("the-plans-year-opens-no-passage", KEY_PROJECTS, "2562.1亿元", 0, "period", "2026-01/2026-10"),
    ("the-plans-year-own-paragraph", KEY_PROJECTS, "620个", 0, "period", "2026"),
    ("value-of-a-sales-target", CAR_NEWS, "22万辆", 0, "status", "target"),
    ("share-of-a-sales-target", CAR_NEWS, "90.2%", 0, "status", "actual"),
    ("plan-investment-completion-rate", KEY_PROJECTS, "90.1%", 0, "status", "actual"),
    ("airport-the-title-names", AIRPORT, "4126.8万人次", 0, "subject", "杭州萧山国际机场"),
    ("since-the-park-opened", AIRPORT, "68个", 0, "period", "2019-01/2026-11"),
    ("stacked-headline-one-article", STACKED_HEADLINE, "3931.5万吨", 0, "article",
     "我省粮食总产量达786.3亿斤连续四年稳定在3800万吨以上"),
    ("annex-caption-column-span", PRICE_TABLE, "0.5", 0, "period", "2026-01/2026-05"),
    ("port-the-title-names", PORT_STORY, "5.1亿吨", 0, "subject", "青岛港"),
    ("port-the-title-names-later", PORT_STORY, "12条", 0, "subject", "青岛港"),
    ("a-city-named-port-is-the-city", CITY_NAMED_PORT, "3210.5亿元", 0, "subject", "连云港市"),
    ("park-of-a-township", TOWNSHIP_PARK, "86.5亿元", 0, "subject", "涟水县高沟镇纺织产业园"),
    ("park-of-a-township-company", TOWNSHIP_PARK, "3条", 0, "subject", "江苏锦纶纺织有限公司"),
    ("base-year-is-no-document-period", AGAINST_2019, "42.1%", 0, "period", "2026-01/2026-06"),
    ("holiday-title-days", HOLIDAY_TITLE, "58.2万人次", 0, "period", "2026-02-16/2026-02-23"),
    ("pairs-unit", SHOE_MAKER, "860万双", 0, "unit", "双"),
    ("pairs-count", SHOE_MAKER, "3.2万双", 0, "kind", "count"),
    ("plan-then-reported-figures", EVENING_BRIEFS, "2.4亿元", 0, "status", "actual"),
    ("the-plan-itself", EVENING_BRIEFS, "2000万元", 0, "status", "target"),
    ("who-told-the-reporter-is-no-subject", EVENING_BRIEFS, "2.86万辆", 1, "subject", "南昌市"),
    ("stock-after-a-months-flow", MONTH_FLOW_THEN_STOCK, "2.05万亿元", 0, "period", "2026-09-30"),
    ("the-months-flow", MONTH_FLOW_THEN_STOCK, "86.5亿元", 0, "period", "2026-09"),
    ("amount-after-a-growths-gap", MONTH_FLOW_THEN_STOCK, "2150.6亿元", 0, "indicator", "本外币各项存款余额"),
    ("destinations-are-no-subject", ROUTES, "12条", 0, "subject", "芜湖市"),
    ("applications-unit", EVENING_BRIEFS, "4.1万份", 0, "unit", "份"),
    ("company-by-its-short-name", EXPORTER, "9.8%", 0, "subject", "宁波甬丰电器有限公司"),
    ("the-citys-whole", EXPORTER, "86.2亿元", 0, "subject", "宁波市"),
    ("year-to-date-ending-on-a-day", RAIL_STORY, "1562.3万人次", 0, "period", "2026-01-01/2026-12-28"),
    ("its-growth-and-daily-average", RAIL_STORY, "4.3万人次", 0, "period", "2026-01-01/2026-12-28"),
    ("station-named-after-its-place", RAIL_STORY, "836.2万人次", 0, "subject", "株洲西站"),
    ("station-indicator-without-it", RAIL_STORY, "520.7万人次", 0, "indicator", "发送旅客"),
    ("zone-the-title-names", ZONE_TITLED, "12个", 1, "subject", "宜宾临港经济技术开发区"),
    ("zone-named-in-its-sentence", ZONE_TITLED, "96.5亿元", 0, "subject", "宜宾临港经济技术开发区"),
    ("holiday-article-of-a-page", HOLIDAY_PAGE, "92.3万人次", 0, "period", "2026-10-01/2026-10-08"),
    ("shopping-district-by-its-streets", HOLIDAY_PAGE, "286.5万人次", 0, "subject", "春熙路—太古里商圈"),
    ("projects-arranged-in-all-reported", PROJECTS_ARRANGED, "320个", 0, "status", "actual"),
    ("projects-to-arrange-planned", PROJECTS_PLANNED, "320个", 0, "status", "target"),
    ("a-congress-is-no-event-name", CONGRESS_REPORT, "140.2万亿元", 0, "subject", "全国"),
    ("event-ran-days-up-to-its-close", FAIR_CLOSES, "3200个", 0, "period", "2026-10-21/2026-10-24"),
    ("event-runs-days-from-its-opening", FAIR_OPENS, "26个", 0, "period", "2026-05-12/2026-05-14"),
    ("a-seasons-months-in-brackets", SUMMER_SEASON, "186.2万人次", 0, "period", "2026-07/2026-08"),
    ("a-season-title-dates-its-story", SUMMER_SEASON, "72.4万人次", 0, "period", "2026-07/2026-08"),
    ("forest-park-at-a-clauses-start", SUMMER_SEASON, "52.3万人次", 0, "subject", "江垭温泉国家森林公园"),
    ("annual-report-released-runs-on", ANNUAL_REPORT, "36.4亿元", 0, "period", "2026"),
    ("four-quarters-listed-first", ANNUAL_REPORT, "0.82亿元", 0, "period", "2026-01/2026-03"),
    ("four-quarters-listed-third", ANNUAL_REPORT, "1.05亿元", 0, "period", "2026-07/2026-09"),
    ("four-quarters-listed-last", ANNUAL_REPORT, "1.29亿元", 0, "period", "2026-10/2026-12"),
    ("holiday-year-opens-no-passage", HOLIDAY_TITLE, "41.6万人次", 0, "period", "2026-02-16/2026-02-23"),
]


def _claims(text: str):
    return extract_document(read_bytes("d.txt", text.encode())).claims


@pytest.mark.parametrize("text,span,k,field,want", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_meaning_in_context(text, span, k, field, want):
    claim = [c for c in _claims(text) if c.text == span][k]
    got = claim.subject if field == "subject" and want == "" else getattr(claim, field)
    if field == "subject" and want == "":
        assert got != "华拓智能科技有限公司"      # each item of a list its own subject
    else:
        assert got == want


NOT_WHOSE = [
    # (id, document, claim text, occurrence, a subject a careful reader would not give)
    ("a-place-in-an-events-name", FAIR_CLOSES, "92.4亿元", 1, "全国"),
    ("a-place-in-an-events-title", FAIR_CLOSES, "92.4亿元", 0, "全国"),
    ("no-village-named-fugai", VILLAGE_COVERED, "8500亩", 0, "覆盖全村"),
    ("no-village-named-fugai-2", VILLAGE_COVERED, "八成", 0, "覆盖全村"),
]


@pytest.mark.parametrize("text,span,k,wrong", [pytest.param(*c[1:], id=c[0]) for c in NOT_WHOSE])
def test_not_whose(text, span, k, wrong):
    assert [c for c in _claims(text) if c.text == span][k].subject != wrong


def test_a_time_before_the_group_is_no_name():
    claim = next(c for c in _claims(GROUP_NEWS) if c.text == "12.2亿元")
    assert "上半年" not in claim.subject


def test_rank_list_without_di_has_the_value_of_its_place():
    ranks = [c for c in _claims(RANKING) if c.kind == "rank"]
    assert [(c.text, int(c.value)) for c in ranks][-2:] == [("第二", 2), ("三位", 3)]


def test_title_months_read_against_the_publication_line():
    from extractors.normalize import normalize
    from extractors.scope import document_time

    when = document_time(normalize(KEY_PROJECTS).text, None, original=KEY_PROJECTS)
    assert (when.published, when.period) == (dt.date(2026, 11, 12), "2026-01/2026-10")


def test_publication_line_with_a_source_before_it():
    from extractors.normalize import normalize
    from extractors.scope import document_time

    when = document_time(normalize(REGION_RELEASE).text, None, original=REGION_RELEASE)
    assert (when.published, when.period) == (dt.date(2026, 10, 25), "2026-01/2026-09")   # the title's months, not the date


SPANS = [
    # (id, text, expression, period)
    ("zi-chixu-zhi", "行动自12月中旬持续至明年3月底，全省集中推进项目", "自12月中旬持续至明年3月底", "2025-12/2026-03"),
    ("cong-dao-days", "活动从10月1日持续到10月7日举行", "从10月1日持续到10月7日", "2025-10-01/2025-10-07"),
    ("zi-zhi-months", "自2025年1月至2025年6月，累计完成", "自2025年1月至2025年6月", "2025-01/2025-06"),
    ("not-a-span-of-a-change", "从2021年的5万元提高到2025年的8万元", "2021年", "2021"),
    ("ahead-by-a-month", "提前一个月完成年度计划", None, None),
    ("first-months-kept", "前两个月，全市进出口增长", "前两个月", "2025-01/2025-02"),
    ("this-year-and-next", "今明两年年均增长7%以上", "今明两年", "2025/2026"),
]


@pytest.mark.parametrize("text,expression,period", [pytest.param(*c[1:], id=c[0]) for c in SPANS])
def test_time_spans(text, expression, period):
    found = find_time_expressions(text, dt.date(2025, 12, 14))
    if expression is None:
        assert found == []
    else:
        assert (found[0].text, found[0].period) == (expression, period)
