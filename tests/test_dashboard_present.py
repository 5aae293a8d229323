"""dashboard.present / formatting / data helpers: number reading, exports, HTML and markdown escaping, periods."""
from __future__ import annotations

import io
import math

import openpyxl
import pandas as pd
import pytest

from dashboard import charts, data, present
from dashboard.formatting import format_bounded, format_cn

FORMAT_CN = [
    # (value_normalized, unit, kind, expected)
    (11006000000, "元", "money", "110.06亿元"),
    (82500000, "美元", "money", "8250万美元"),
    (42.1, "%", "percent", "42.1%"),
    (3, "百分点", "percentage_point", "3个百分点"),
    (0.5, "百分点", "percentage_point", "0.5个百分点"),
    (-3.5, "百分点", "percentage_point", "-3.5个百分点"),
    (-3.5, "%", "percent", "-3.5%"),
    (24, "%", "percent", "24%"),
    (100, "%", "percent", "100%"),
    (0, "%", "percent", "0%"),
    (1.2e12, "元", "money", "1.2万亿元"),
    (3.5e13, "元", "money", "35万亿元"),
    (1e8, "元", "money", "1亿元"),
    (100000000, "美元", "money", "1亿美元"),
    (300000000000, "元", "money", "3000亿元"),
    (12000000, "元", "money", "1200万元"),
    (10000, "元", "money", "1万元"),
    (9999, "元", "money", "9999元"),
    (5000, "欧元", "money", "5000欧元"),
    (35, "个", "count", "35个"),
    (4, "个", "count", "4个"),
    (12000000, "个", "count", "1200万个"),
    (20, "家", "count", "20家"),
    (103, "亩", "quantity", "103亩"),
    (32, "吨", "quantity", "32吨"),
    (50000, "吨", "quantity", "5万吨"),
    (2.5, "倍", "multiple", "2.5倍"),
    (2, "位", "rank", "第2位"),
    (1, "", "rank", "第1"),
    (33.333333, "%", "percent", "33.3333%"),
    ("110.06", "%", "percent", "110.06%"),      # strings from CSV
    ("11006000000", "元", "money", "110.06亿元"),
    (42.1, "%", "", "42.1%"),                   # kind inferred from the unit
    (3, "百分点", "", "3个百分点"),
    (None, "元", "money", ""),
    (float("nan"), "%", "percent", ""),
    (0.1 + 0.2, "%", "percent", "0.3%"),        # no float noise
]


@pytest.mark.parametrize("value, unit, kind, expected", FORMAT_CN,
                         ids=[f"{c[0]}{c[1]}-{c[2] or 'nokind'}" for c in FORMAT_CN])
def test_format_cn(value, unit, kind, expected):
    assert format_cn(value, unit, kind) == expected


@pytest.mark.parametrize("value, unit, kind, expected", [
    (11006000000, "元", "money", "11.01B 元"), (42.1, "%", "percent", "42.1%"),
    (3, "百分点", "percentage_point", "3 pp"), (2, "位", "rank", "#2"), (35, "个", "count", "35 个"),
])
def test_format_en(value, unit, kind, expected):
    assert present.format_en(value, unit, kind) == expected


def frame_with_formulas() -> pd.DataFrame:
    return pd.DataFrame({
        "text": ["=1+1", "+1+cmd", "-3.5%", "@SUM(A1)", "\tx", "\rx", "普通文本", None],
        "value_normalized": [-3.5, 1.0, -3.5, 2.0, 3.0, 4.0, 5.0, float("nan")],
        "start": [1, 2, 3, 4, 5, 6, 7, 8],
        "kind": pd.Categorical(["=bad", "money", "money", "money", "money", "money", "money", "money"]),
    })


def test_neutralise_formulas_text_gets_apostrophe():
    out = present.neutralise_formulas(frame_with_formulas())
    assert out["text"].tolist()[:7] == ["'=1+1", "'+1+cmd", "'-3.5%", "'@SUM(A1)", "'\tx", "'\rx", "普通文本"]
    assert out["text"].isna().iloc[7]
    assert out["kind"].astype(str).iloc[0] == "'=bad"


@pytest.mark.parametrize("cell", ["-28.7", "+86", "-3", "1e5"])
def test_plain_number_text_is_data_not_formula(cell):
    assert present.neutralise_formulas(pd.DataFrame({"a": [cell]}))["a"].iloc[0] == cell


def test_neutralise_formulas_keeps_numbers_numeric():
    out = present.neutralise_formulas(frame_with_formulas())
    assert out["value_normalized"].iloc[0] == -3.5
    assert pd.api.types.is_float_dtype(out["value_normalized"])
    assert pd.api.types.is_integer_dtype(out["start"])


def test_neutralise_does_not_touch_input():
    df = frame_with_formulas()
    present.neutralise_formulas(df)
    assert df["text"].iloc[0] == "=1+1"


def test_csv_bytes_bom_and_neutralised():
    data = present.to_csv_bytes(frame_with_formulas())
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["text", "value_normalized", "start", "kind"]
    assert back["text"].iloc[0] == "'=1+1"
    assert back["value_normalized"].iloc[0] == -3.5          # a number, not "'-3.5"
    assert "普通文本" in data.decode("utf-8-sig")


def test_xlsx_round_trip():
    sheets = {"claims": frame_with_formulas(),
              "documents": pd.DataFrame({"doc_id": ["d1"], "title": ["聊城日报"], "characters": [18788]})}
    wb = openpyxl.load_workbook(io.BytesIO(present.to_xlsx_bytes(sheets)))
    assert wb.sheetnames == ["claims", "documents"]
    rows = list(wb["claims"].values)
    assert rows[0] == ("text", "value_normalized", "start", "kind")
    assert rows[1] == ("'=1+1", -3.5, 1, "'=bad")
    assert rows[3][0] == "'-3.5%" and rows[3][1] == -3.5
    assert rows[7][0] == "普通文本"
    assert rows[8][0] is None and rows[8][1] is None
    for row in wb["claims"].iter_rows(min_row=2):
        assert row[0].data_type != "f"
    assert list(wb["documents"].values)[1] == ("d1", "聊城日报", 18788)


def test_xlsx_single_frame():
    wb = openpyxl.load_workbook(io.BytesIO(present.to_xlsx_bytes(pd.DataFrame({"a": [1]}))))
    assert list(wb.active.values) == [("a",), (1,)]


@pytest.mark.parametrize("sentence, needle, expected", [
    ("营业收入110.06亿元", "110.06 亿元", "营业收入<mark>110.06亿元</mark>"),
    ("增长24%，<b>", "24%", "增长<mark>24%</mark>，&lt;b&gt;"),
    ("<script>alert(1)</script>增长8%", "8%",
     "&lt;script&gt;alert(1)&lt;/script&gt;增长<mark>8%</mark>"),
    ("没有这个数", "42.1%", "没有这个数"),
    ("A&B 占比 5%", "5%", "A&amp;B 占比 <mark>5%</mark>"),
], ids=["layout-space", "tag-after", "script", "absent", "ampersand"])
def test_highlight_in_escapes(sentence, needle, expected):
    assert present.highlight_in(sentence, needle) == expected


def test_highlight_span_escapes_mark_content():
    assert present.highlight_span("a<i>b", 1, 4) == "a<mark>&lt;i&gt;</mark>b"


def test_mark_claims_escapes_and_marks_every_claim():
    text = "<script>alert('x')</script>\n营业收入110亿元，增长24%。"
    a = text.index("110亿元")
    b = text.index("24%")
    html = present.mark_claims(text, [(b, b + 3, "c2", "24% <增速>"), (a, a + 5, "c1", "110亿元")],
                               selected="c2")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert '<mark title="110亿元" data-claim="c1">110亿元</mark>' in html
    assert 'title="24% &lt;增速&gt;"' in html and 'class="sel"' in html
    assert html.count("<mark") == 2


def test_mark_claims_skips_overlaps_and_bad_spans():
    html = present.mark_claims("abcdef", [(0, 3, "a", ""), (2, 4, "b", ""), (5, 99, "c", "")])
    assert html.count("<mark") == 1


def test_context_html_window():
    text = "x" * 500 + "42.1%" + "y" * 500
    out = present.context_html(text, 500, 505, width=10)
    assert out == "…" + "x" * 10 + "<mark>42.1%</mark>" + "y" * 10 + "…"


def test_chart_image_svg_and_png():
    spec = {"data": {"values": [{"a": "营业收入", "b": 1}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}
    assert charts.chart_image(spec, "svg").lstrip().startswith(b"<svg")
    assert charts.chart_image(spec, "png").startswith(b"\x89PNG")
    with pytest.raises(ValueError):
        charts.chart_image(spec, "gif")


MARKDOWN = [  # (text from a document, what markdown must receive)
    ("营*业*收入", "营\\*业\\*收入"),
    ("$$x$$", "\\$\\$x\\$\\$"),
    ("~~x~~", "\\~\\~x\\~\\~"),
    ("`x`", "\\`x\\`"),
    ("[a](http://x)", "\\[a\\]\\(http\\://x\\)"),
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
    (":red[x] :material/home:", "\\:red\\[x\\] \\:material/home\\:"),
    ("# 标题\n- 列表", "\\# 标题 \\- 列表"),  # one line: no heading, no list
    ("增长24%，共3000亿元", "增长24%，共3000亿元"),
]


@pytest.mark.parametrize("text, expected", MARKDOWN, ids=[m[0][:12] for m in MARKDOWN])
def test_md_escape(text, expected):
    assert present.md_escape(text) == expected


@pytest.mark.parametrize("text, number", [
    ("甲" * 150 + "2022—2024年，全市累计完成投资3000亿元。", "3000亿元"),
    ("2022—2024年，全市累计完成投资3000亿元。", "3000亿元"),
    ("上年增长12.5%。" + "乙" * 200 + "今年营业收入110.06亿元，增长24%。", "24%"),
], ids=["long-prefix", "at-start", "after-sentence"])
def test_context_never_cuts_a_number(text, number):
    start = text.index(number)
    out = present.context_html(text, start, start + len(number), width=20)
    plain = out.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert number in plain
    for digits in ("2022—2024", "12.5", "110.06"):
        if digits in text:
            head = plain.split(digits[-3:])[0] if digits[-3:] in plain else ""
            assert digits in plain or digits[-3:] not in plain, (digits, plain, head)


def test_plain_numbers_writes_integers_as_integers():
    df = pd.DataFrame({"v": [4.0, 11006000000.0, 0.1 + 0.2, float("nan")], "s": ["4.0", "a", "b", "c"]})
    out = present.plain_numbers(df)
    assert out["v"].tolist() == ["4", "11006000000", "0.30000000000000004", ""]
    assert out["s"].tolist() == ["4.0", "a", "b", "c"]  # text stays as written


@pytest.mark.parametrize("period, start, end", [
    ("2024", "2024-01-01", "2024-12-31"),
    ("2022-01/2022-05", "2022-01-01", "2022-05-31"),
    ("2022-06-10", "2022-06-10", "2022-06-10"),
    ("2021/2025", "2021-01-01", "2025-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-12", "2023-12-01", "2023-12-31"),
    ("", None, None), ("去年", None, None), ("2025/2021", None, None), ("2024-13", None, None),
])
def test_period_span(period, start, end):
    span = data.period_span(period)
    assert (span and (span[0].isoformat(), span[1].isoformat())) == ((start, end) if start else None)


@pytest.mark.parametrize("value, high, unit, bound, expected", [
    (5, None, "%", "approx", "≈5%"),
    (6, None, "%", "min", "≥6%"),
    (3, None, "%", "max", "≤3%"),
    (5, 5.5, "%", "exact", "5%–5.5%"),
    (12000000, None, "人", "min", "≥1200万人"),
    (3, None, "%", "exact", "3%"),
])
def test_format_bounded(value, high, unit, bound, expected):
    assert format_bounded(value, high, unit, "", bound, "zh") == expected


@pytest.mark.parametrize("query, hits", [("营业收入", 2), ("gdp", 1), ("GDP", 1), ("不存在", 0)])
def test_search_in_sql_and_materialised_agree(tmp_path, query, hits):
    import pyarrow as pa
    import pyarrow.parquet as pq
    claims = pd.DataFrame({c: [""] * 3 for c in data.CLAIM_COLUMNS})
    claims["claim_id"] = ["a", "b", "c"]
    claims["sentence"] = ["全市营业收入增长5%。", "GDP增长5.2%。", "外资8250万美元。"]
    claims["indicator"] = ["营业收入", "GDP", "实际利用外资"]
    claims["subject"] = ["营业收入集团", "", ""]  # a second hit in one row counts once
    claims.loc[2, "subject"] = "营业收入"
    (tmp_path / "claims").mkdir()
    pq.write_table(pa.Table.from_pandas(claims), tmp_path / "claims" / "part-0.parquet")
    db = data.CorpusDB(tmp_path)
    for w in (data.where({}, query), data.where({}, query, db=db)):
        assert len(data.claim_rows(db, w, 10)) == hits


def test_where_is_parameterised():
    w = data.where({"kind": ["percent"], "status": []}, "'; DROP TABLE claims; --")
    assert "DROP" not in w.sql.upper() and w.params[-1] == "'; drop table claims; --"  # Latin: case-folded
    with pytest.raises(ValueError):
        data.where({"kind; DROP": ["x"]})


@pytest.mark.parametrize("text, shown", [
    ("聊城市有色金属及\n金属深加工", "聊城市有色金属及金属深加工"),   # a newspaper column's line break
    ("全市实现营业收入\n110.06亿元", "全市实现营业收入 110.06亿元"),  # next to a digit: a space
    ("第一段。\n\n第二段", "第一段。\n\n第二段"),                  # a paragraph stays
    ("GDP\ngrowth", "GDP growth"),
    ("<b>\n营业", "&lt;b&gt; 营业"),
], ids=["cjk", "digit", "paragraph", "latin", "markup"])
def test_layout_breaks_removed_for_display(text, shown):
    assert present.highlight_span(text, 0, 0).replace("<mark></mark>", "") == shown
