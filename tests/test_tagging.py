"""extractors.tagging walks jieba's word graph with rjieba (jieba-rs) and tags a
phrase once whatever its figures: it must give what jieba.posseg.cut(HMM=False)
and jieba.cut(HMM=False) give, with the project's words loaded."""
from __future__ import annotations

import jieba
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.tagging import USER_WORDS, is_word, tags

jieba.setLogLevel(60)
jieba.load_userdict(str(USER_WORDS))      # the reference: jieba itself, with the project's words

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
          "万吨", "GDP", "个百分点", "（", "）", "\n", "a", "第", "季度", "号", "CPI", "5G", "A股", "SUV", "\r\n",
          "䶮", "\u9fd6", "占比", "规模以上", "#", "&", "_"]      # (䶮, U+9FD6: outside jieba's blocks, inside jieba-rs's)


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


def _real_sentences() -> list[str]:
    import glob
    import re

    from extractors.normalize import normalize

    paths = sorted(glob.glob("seeds/*.txt")) + sorted(glob.glob("tests/fixtures/genres/corpus/*.txt"))
    return [s for p in paths for s in re.split(r"(?<=[。；\n])", normalize(open(p, encoding="utf-8").read()).text) if s]


def test_real_text_cuts_and_tags_as_jieba():
    from extractors.tagging import words

    sentences = _real_sentences()
    assert len(sentences) > 200
    for sentence in sentences:
        assert words(sentence) == list(jieba.cut(sentence, HMM=False)), sentence
        assert tags(sentence) == jieba_tags(sentence), sentence


def test_dictionary_words_as_jieba():
    jieba.dt.check_initialized()
    words = list(jieba.dt.FREQ)[::97] + [w for w, *_ in (line.split() for line in USER_WORDS.read_text(
        encoding="utf-8").splitlines()) if w] + ["中长", "规模以上工业", "增加值", "赤字率拟"]
    assert len(words) > 5000
    assert [w for w in words if is_word(w) != bool(jieba.dt.FREQ.get(w))] == []
