"""extractors.tagging calls jieba's word graph directly and tags a phrase once
whatever its figures: it must give what jieba.posseg.cut(HMM=False) gives."""
from __future__ import annotations

import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.tagging import tags

PHRASES = [
    "全市规模以上工业增加值同比增长",
    "2024年1—5月,企业实现工业总产值",
    "全省4S店销售额",          # one of jieba's few words with a digit
    "京东1号店营业收入",
    "PM2.5平均浓度为",
    "CPI同比上涨0.2%，环比",
    "  城镇调查失业率\u3000",
    "第3季度GDP",
    "3.5万亿元",
    "",
]


def jieba_tags(text: str) -> list[tuple[str, str]]:
    return [(t.word, "m" if t.flag == "eng" and not any(ch.isalpha() for ch in t.word) else t.flag)
            for t in jieba.posseg.cut(text, HMM=False)]


@pytest.mark.parametrize("phrase", PHRASES)
def test_same_words_and_tags_as_jieba(phrase):
    assert tags(phrase) == jieba_tags(phrase)


def test_other_figures_give_the_same_words():
    first, second = tags("2023年全市生产总值增长5.2%"), tags("2019年全市生产总值增长8.7%")
    assert [f for _, f in first] == [f for _, f in second]
    assert "".join(w for w, _ in second) == "2019年全市生产总值增长8.7%"


PIECES = ["全市", "工业", "增加值", "同比", "增长", "4S店", "1号店", "12", "3.5", "%", "，", " ", "PM", "亿元",
          "万吨", "GDP", "个百分点", "（", "）", "\n", "a", "第", "季度", "号"]


@settings(max_examples=300, deadline=1000)
@given(st.lists(st.sampled_from(PIECES), max_size=20))
def test_any_phrase_tags_as_jieba(pieces):
    text = "".join(pieces)
    assert tags(text) == jieba_tags(text)


@pytest.mark.parametrize("phrase", PHRASES + ["湖南省长沙市", "深圳市场", "孙中山先生", "2023年深圳市新增上市公司12家"])
def test_same_words_as_jieba_cut(phrase):
    from extractors.tagging import words

    assert words(phrase) == list(jieba.cut(phrase, HMM=False))


@settings(max_examples=300, deadline=1000)
@given(st.lists(st.sampled_from(PIECES + ["深圳", "市场", "中山", "-", "+"]), max_size=20))
def test_any_phrase_cuts_as_jieba(pieces):
    from extractors.tagging import words

    text = "".join(pieces)
    assert words(text) == list(jieba.cut(text, HMM=False))
