"""Layout out, paragraphs kept: which line breaks of hard-wrapped text end a paragraph."""
from __future__ import annotations

import pytest

from extractors.normalize import normalize

SHORT = "各位代表：\n现在报告工作。\n一、回顾\n"    # short lines: the text reads as hard-wrapped

BREAKS = [
    ("a blank line after a sentence's end", SHORT + "全市生产总值增长5%。\n\n2024年是关键一年。",
     "全市生产总值增长5%。\n2024年是关键一年。"),
    ("a blank line after closing quotes", SHORT + "他表示“增长5%。”\n\n次年增长6%。", "他表示“增长5%。”\n次年增长6%。"),
    ("a blank line inside a sentence is a column break", SHORT + "具备洗扫、垃圾收转\n\n运等各种功能。",
     "具备洗扫、垃圾收转运等各种功能。"),
    ("a wrapped line inside a sentence", SHORT + "全市生产总值\n增长5%。", "全市生产总值增长5%。"),
    ("a number wrapped after a short line", SHORT + "全市工业总产值达到\n业总产值1385\n6.2亿元，增长7.4%。",
     "业总产值13856.2亿元，增长7.4%。"),
    ("a blank line after a masthead far wider than the column",
     "宜城日报　2023年5月9日　星期二　第2版　经济\n\n招商签约项目十八个\n本报讯　全县招商推介会在\n县城举行，现场签约项目\n十八个，总投资九十亿元。\n",
     "星期二第2版经济\n招商签约项目十八个\n本报讯全县招商推介会在县城举行，现场签约项目十八个，总投资九十亿元。"),
    ("a blank line between Han characters after a column's line",
     "本报讯　全县招商推介会在\n县城举行，现场签约项目\n\n十八个，总投资九十亿元，\n涉及装备制造等产业。\n",
     "现场签约项目十八个，总投资九十亿元，涉及装备制造等产业。"),
    # an indented line after a sentence's end opens a paragraph, though the line before is the widest
    ("an indented line after a sentence's end",
     SHORT + "　　工业生产较快增长。1—10月，全县规模以上工业增加值326.8亿元，同比增长7.6%，增速比1—9月提高0.3个百分点。\n"
     "　　有效投资稳步扩大。全县固定资产投资增长5.2%。\n",
     "提高0.3个百分点。\n有效投资稳步扩大。全县固定资产投资增长5.2%。"),
    ("an indented line inside a sentence runs on", SHORT + "全市生产总值\n　　增长5%。", "全市生产总值增长5%。"),
    ("a time at a line's end, a blank line, a figure", SHORT + "发布时间：2024-10-21 15:30\n\n1—9月，全省工业增长7.8%。",
     "15:30\n1—9月，全省工业增长7.8%。"),
]


@pytest.mark.parametrize("text,tail", [pytest.param(t, w, id=name) for name, t, w in BREAKS])
def test_paragraph_breaks(text, tail):
    assert normalize(text).text.endswith(tail)
