"""Invariants of the engine over the seed and composed documents, and the
command line end to end."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractors import extract, extract_document
from extractors.ingest import read_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"

GOV_REPORT = """2023年政府工作报告

过去一年，全市地区生产总值达到5230.6亿元，比上年增长6.1%；一般公共预算收入完成412.3亿元，同比增长8.2%。城镇新增就业12.5万人，城镇登记失业率控制在3%以内。

今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%以上；城镇新增就业10万人以上，城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右。
"""

BULLETIN = """2022年国民经济和社会发展统计公报

初步核算，全年全市生产总值3612.5亿元，比上年增长4.2%。其中，第一产业增加值321.4亿元，增长4.5%。年末全市户籍人口628.5万人，比上年末减少1.2万人。
"""


def seed_claims():
    return extract_document(read_document(SEED)).claims


@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), GOV_REPORT, BULLETIN],
                         ids=["seed", "gov_report", "bulletin"])
def test_spans_index_the_original_text(text):
    claims = extract(text, "doc", "2023-02-20")
    assert claims
    for c in claims:
        assert text[c.start:c.end] == c.text


# What the composed documents state, span -> value_normalized, as a reader works it out.
EXPECTED_VALUES = {
    "gov_report": {"5230.6亿元": "523060000000", "6.1%": "6.1", "412.3亿元": "41230000000", "8.2%": "8.2",
                   "12.5万人": "125000", "6%": "6", "5%": "5", "10万人": "100000", "5.5%": "5.5"},
    "bulletin": {"3612.5亿元": "361250000000", "4.2%": "4.2", "321.4亿元": "32140000000", "4.5%": "4.5",
                 "628.5万人": "6285000", "1.2万人": "12000"},
}


@pytest.mark.parametrize("name, text", [("gov_report", GOV_REPORT), ("bulletin", BULLETIN)])
def test_values_match_a_reader(name, text):
    found = {c.text: c.value_normalized for c in extract(text, "doc", "2023-02-20")}
    for span, value in EXPECTED_VALUES[name].items():
        assert found.get(span) == Decimal(value), span


ARABIC_WITH_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?)(亿|万)?")


def test_seed_values_agree_with_cn2an():
    """An independent route for every plain Arabic amount of the seed: cn2an
    reads the numeral of the span text (110.06亿 -> 11006000000)."""
    import cn2an

    checked = 0
    for c in seed_claims():
        compact = "".join(c.text.split())
        m = ARABIC_WITH_MAGNITUDE.match(compact)
        if not m or c.value_high is not None or compact[m.end():m.end() + 1] in ("多", "余"):
            continue
        expected = cn2an.cn2an(m.group(0), "smart")
        assert float(c.value_normalized) == pytest.approx(float(expected), rel=1e-12), c.text
        checked += 1
    assert checked >= 10


def test_claim_ids_are_stable_and_unique():
    first, second = seed_claims(), seed_claims()
    assert [c.claim_id for c in first] == [c.claim_id for c in second]
    assert len({c.claim_id for c in first}) == len(first)


@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), "全年增长１２．５％，达到 110.06\n亿元。"],
                         ids=["seed", "full_width"])
def test_spans_lie_inside_their_sentence(text):
    """By offsets: the claim's sentence, found in the original text (layout
    whitespace aside), covers [start, end) of the claim."""
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[i] for i in kept)
    claims = extract(text, "doc")
    assert claims
    for c in claims:
        sentence = "".join(c.sentence.split())
        covering = []
        at = compact.find(sentence)
        while at >= 0:
            lo, hi = kept[at], kept[at + len(sentence) - 1] + 1
            covering.append(lo <= c.start and c.end <= hi)
            at = compact.find(sentence, at + 1)
        assert any(covering), (c.text, c.start, c.sentence)


def test_layout_breaks_inside_numbers_are_joined():
    # a PDF column: lines of even width, broken inside "30亿元"
    text = ("到2024年，全市将培育过30\n亿元特色产业集群20个，项目计\n划总投资额 110.06 亿元，合同外\n资8250万美元。")
    got = {c.text: c.value_normalized for c in extract(text)}
    assert got["30\n亿元"] == Decimal("3000000000")
    assert got["110.06 亿元"] == Decimal("11006000000")


def test_gov_report_targets_and_reviews():
    claims = {c.text: c for c in extract(GOV_REPORT, "gov", "2023-03-05")}
    assert claims["6.1%"].status == "actual" and claims["6.1%"].measure == "change"
    assert claims["6%"].status == "target" and claims["6%"].bound == "approx"
    assert claims["10万人"].status == "target" and claims["10万人"].bound == "min"
    assert claims["5.5%"].bound == "max" and claims["5.5%"].period == "2023"
    assert "城镇调查失业率" in claims["5.5%"].indicator


def test_bulletin_periods_follow_its_title_year():
    claims = {c.text: c for c in extract(BULLETIN, "b", "2023-03-01")}
    assert claims["3612.5亿元"].period == "2022"
    assert claims["1.2万人"].direction == "down"
    assert all(c.status == "actual" for c in claims.values())


def test_empty_text_gives_no_claims():
    assert extract("") == []
    assert extract("没有任何数字的句子。") == []


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "extractors", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must carry a BOM for Excel"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cli_on_the_seed_folder(tmp_path):
    result = run_cli("extract", ROOT / "seeds", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    claims = read_csv(tmp_path / "claims.csv")
    docs = read_csv(tmp_path / "documents.csv")
    assert list(claims[0])[:4] == ["claim_id", "doc_id", "article", "start"]
    assert docs[0]["published"] == "2022-06-15"
    assert any(r["text"] == "110.06 亿元" and r["value_normalized"] == "11006000000" for r in claims)
    assert (tmp_path / "articles.csv").exists()


def test_cli_goes_on_past_an_unreadable_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("全年实现营业收入110.06亿元，同比增长24%。", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    result = run_cli("extract", folder, tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "bad.txt" in line or "missing.txt" in line]
    assert len(lines) == 2
    claims = read_csv(tmp_path / "out" / "claims.csv")
    assert {r["text"] for r in claims} == {"110.06亿元", "24%"}


@pytest.mark.parametrize("text, span, subject", [
    ("今年1—5月，鲁西集团实现工业总产值201亿元。", "201亿元", "鲁西集团"),
    ("鲁西集团积极发挥链主作用。今年1—5月，企业实现工业总产值201亿元。", "201亿元", "鲁西集团"),
    ("聊城市召开会议。聊城将加快发展。全市规上工业增加值增长7.5%。", "7.5%", "聊城市"),
    ("阳谷县地处聊城西南。阳谷县委表示，全县规上工业总产值稳居全市第2位。", "第2位", "阳谷县"),
], ids=["named", "anaphora", "scope_word", "scope_word_not_rank_scope"])
def test_subject(text, span, subject):
    claims = {c.text: c for c in extract(text, "s", "2022-06-15")}
    assert claims[span].subject == subject


FIXTURES = ROOT / "tests" / "fixtures"
# (file, publication date, span, occurrence, expected fields)
GENRE_CASES = [
    ("national_work_report.txt", "2024-03-05", "126万亿元", 0, dict(status="actual", bound="min", period="2023", measure="level")),
    ("national_work_report.txt", "2024-03-05", "5.2%", 0, dict(status="actual", measure="change", direction="up", period="2023")),
    ("national_work_report.txt", "2024-03-05", "41.8万亿元", 0, dict(status="actual", period="2023")),
    ("national_work_report.txt", "2024-03-05", "5%", 0, dict(status="target", bound="approx", measure="change", period="2024")),
    ("national_work_report.txt", "2024-03-05", "1200万人", 0, dict(status="target", bound="min", indicator="城镇新增就业")),
    ("national_work_report.txt", "2024-03-05", "5.5%", 0, dict(status="target", bound="approx", indicator="城镇调查失业率")),
    ("national_work_report.txt", "2024-03-05", "3%", 0, dict(status="target", bound="approx", indicator="居民消费价格涨幅")),
    ("national_work_report.txt", "2024-03-05", "3%", 1, dict(status="target", bound="exact", indicator="赤字率")),
    ("national_work_report.txt", "2024-03-05", "1000亿元", 0, dict(status="target", measure="change", direction="up")),
    ("city_work_report.txt", "2023-02-20", "3%", 0, dict(status="actual", bound="max", period="2022")),
    ("city_work_report.txt", "2023-02-20", "2.5%", 0, dict(status="target", measure="change", direction="down")),
    ("city_work_report.txt", "2023-02-20", "10%", 0, dict(status="target", measure="share", period="2025")),
    ("city_bulletin.txt", "2023-03-01", "60521元", 0, dict(status="actual", period="2022")),
    ("city_bulletin.txt", "2023-03-01", "1.3%", 0, dict(measure="change", direction="down", indicator="社会消费品零售总额")),
    ("provinces_news.txt", "2023-10-20", "9.8万亿元", 0, dict(subject="广东省", indicator="地区生产总值", period="2023-01/2023-09")),
    ("provinces_news.txt", "2023-10-20", "第一", 0, dict(kind="rank", subject="广东省")),
    ("provinces_news.txt", "2023-10-20", "0.6个百分点", 0, dict(kind="percentage_point", unit="百分点", subject="江苏省")),
    ("provinces_news.txt", "2023-10-20", "9.0%", 0, dict(measure="change", direction="down", indicator="利润总额")),
    ("provinces_news.txt", "2023-10-20", "5%", 0, dict(status="target", bound="approx")),
]


@pytest.mark.parametrize("name, published, span, occurrence, expected", GENRE_CASES,
                         ids=[f"{c[0].split('.')[0]}:{c[2]}#{c[3]}" for c in GENRE_CASES])
def test_genres(name, published, span, occurrence, expected):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    claims = [c for c in extract(text, name, published) if c.text == span]
    assert len(claims) > occurrence, f"{span} not extracted"
    claim = claims[occurrence]
    got = {field: getattr(claim, field) for field in expected}
    if "indicator" in expected:
        assert claim.indicator and (expected["indicator"] in claim.indicator or claim.indicator in expected["indicator"])
        got["indicator"] = expected["indicator"]
    assert got == expected


def test_whitespace_table_is_what_isspace_holds():
    from extractors.pipeline import WHITESPACE

    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
