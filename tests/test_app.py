"""Headless dashboard tests (streamlit.testing AppTest, no browser): every view and URL state.

Two corpora: the composed national work reports run through the real
pipeline (the indicator view, comparison; expectations computed from the
corpus, not hard-coded), and a small synthetic corpus written as the
`extract --format parquet` layout (realistic sentences with true offsets,
every DESIGN.md column, hostile text) for the explorer, escaping and downloads.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from browser.national import national_reports
from dashboard import data, present
from dashboard.locales import t, use_language
from extractors.model import CLAIM_COLUMNS, DOCUMENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAYLOADS = ["营*业*收入", "$$x$$", "~~x~~", "`x`", "[a](http://x)", "<b>x</b>"]

# (doc_id, title, published, [(article, [(sentence, [(text, value_normalized, unit, kind, measure,
#                                                       status, indicator, subject, period)])])])
DOCS = [
    ("syn_a", "聊城制造业集群", "2022-06-15", [
        ("打造集群新高地", [
            ("2021年，全市规模以上工业增加值同比增长12.5%，高于全省平均水平3个百分点。",
             [("12.5%", 12.5, "%", "percent", "change", "actual", "规模以上工业增加值", "聊城市", "2021"),
              ("3个百分点", 3, "百分点", "percentage_point", "change", "actual", "规模以上工业增加值", "聊城市", "2021")]),
            ("有色金属及金属深加工产业计划总投资额110.06亿元，签约项目35个。",
             [("110.06亿元", 11006000000, "元", "money", "level", "target", "计划总投资额", "有色金属及金属深加工产业", "2022"),
              ("35个", 35, "个", "count", "level", "actual", "签约项目", "有色金属及金属深加工产业", "2022")]),
            ("到2024年，全市力争实现营业收入3000亿元，发展过千亿级产业4个。",
             [("3000亿元", 300000000000, "元", "money", "level", "target", "营业收入", "聊城市", "2024"),
              ("4个", 4, "个", "count", "level", "target", "过千亿级产业", "聊城市", "2024")]),
            ("2021年全市地区生产总值增长6.5%，2022年力争增长7%左右。",
             [("6.5%", 6.5, "%", "percent", "change", "actual", "地区生产总值", "聊城市", "2021"),
              ("7%", 7, "%", "percent", "change", "target", "地区生产总值", "聊城市", "2022")]),
        ]),
        ("塑造发展新优势", [
            ("2021年全市制造业实现营业收入2650亿元，同比增长24%。",
             [("2650亿元", 265000000000, "元", "money", "level", "actual", "营业收入", "聊城市", "2021"),
              ("24%", 24, "%", "percent", "change", "actual", "营业收入", "聊城市", "2021")]),
            ("2024年营业收入达到2900亿元。",
             [("2900亿元", 290000000000, "元", "money", "level", "actual", "营业收入", "聊城市", "2024")]),
            ("制造业对经济增长贡献率达到42.1%，比上年下降3.5个百分点。",
             [("42.1%", 42.1, "%", "percent", "share", "actual", "贡献率", "制造业", "2021"),
              ("3.5个百分点", -3.5, "百分点", "percentage_point", "change", "actual", "贡献率", "制造业", "2021")]),
        ]),
    ]),
    ("syn_b", "外资与绿化", "2023-01-10", [
        ("开放型经济", [
            ("全年实际利用外资8250万美元，增长15.2%。",
             [("8250万美元", 82500000, "美元", "money", "level", "actual", "实际利用外资", "聊城市", "2022"),
              ("15.2%", 15.2, "%", "percent", "change", "actual", "实际利用外资", "聊城市", "2022")]),
            ("预计2023年实际利用外资达到1亿美元。",
             [("1亿美元", 100000000, "美元", "money", "level", "target", "实际利用外资", "聊城市", "2023")]),
            # a revision: this later document gives 2021 another growth rate than syn_a
            ("经核算，2021年全市地区生产总值增长6.8%。",
             [("6.8%", 6.8, "%", "percent", "change", "actual", "地区生产总值", "聊城市", "2021")]),
        ]),
        ("生态建设", [
            ("新造林103亩，完成年度目标的110%。",
             [("103亩", 103, "亩", "quantity", "level", "actual", "新造林", "阳谷县", "2022"),
              ("110%", 110, "%", "percent", "share", "actual", "年度目标完成率", "阳谷县", "2022")]),
            ("<script>alert('x')</script>某公司营业收入增长8%。",
             [("8%", 8, "%", "percent", "change", "actual", "营业收入", "=HYPERLINK(\"http://x\")", "2022")]),
        ]),
    ]),
    # markdown in a title, an article, an indicator, a subject and the text (issue 10, item 4)
    ("syn_md", "营*业*收入 $$x$$ ~~x~~ `x` [a](http://x) <b>x</b>", "2023-02-01", [
        ("~~x~~ 与 `x`", [
            ("营*业*收入增长5%，$$x$$ 与 [a](http://x) 和 <b>x</b>。",
             [("5%", 5, "%", "percent", "change", "actual", "营*业*收入", "[a](http://x)", "2022")]),
        ]),
    ]),
]


def synthetic_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Claims, documents, articles and document texts, offsets true to the texts."""
    claims, documents, articles, texts = [], [], [], {}
    for doc_id, title, published, arts in DOCS:
        text = title + "\n"
        for article, sentences in arts:
            a_start, n_art = len(text), 0
            text += article + "\n"
            for sentence, mentions in sentences:
                s_start = len(text)
                text += sentence + "\n"
                for mention, vn, unit, kind, measure, status, indicator, subject, period in mentions:
                    start = s_start + sentence.index(mention)
                    end = start + len(mention)
                    claims.append({
                        "claim_id": hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:12],
                        "doc_id": doc_id, "article": article, "start": start, "end": end,
                        "text": mention, "sentence": sentence, "value": str(abs(vn)), "value_high": "",
                        "multiplier": "1", "value_normalized": str(vn), "unit": unit,
                        "currency": {"元": "CNY", "美元": "USD"}.get(unit, ""), "kind": kind,
                        "measure": measure, "status": status,
                        "direction": ("down" if vn < 0 else "up") if measure == "change" else "",
                        "bound": "approx" if "左右" in sentence and status == "target" else "exact",
                        "qualifier": "", "indicator": indicator, "subject": subject,
                        "period": period, "published": published, "rule": "synthetic"})
                    n_art += 1
            articles.append({"doc_id": doc_id, "article": article, "start": a_start, "end": len(text),
                             "byline": "", "claims": n_art})
        texts[doc_id] = text
        documents.append({"doc_id": doc_id, "path": f"{doc_id}.txt", "title": title, "published": published,
                          "characters": len(text), "claims": sum(c["doc_id"] == doc_id for c in claims),
                          "format": "txt", "encoding": "utf-8", "sha256": "", "error": ""})
    return (pd.DataFrame(claims, columns=list(CLAIM_COLUMNS)),
            pd.DataFrame(documents, columns=list(DOCUMENT_COLUMNS)), pd.DataFrame(articles), texts)


def write_parquet_corpus(folder: Path, claims: pd.DataFrame, documents: pd.DataFrame,
                         articles: pd.DataFrame) -> None:
    """The `extract --format parquet` layout: DIR/claims/, DIR/documents/, DIR/articles/."""
    for name, frame in (("claims", claims), ("documents", documents), ("articles", articles)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / name / "part-0.parquet")


# ------------------------------------------------------------------ fixtures --

def clear_caches() -> None:
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    """The app over the synthetic corpus; document texts through corpus.document_text."""
    from extractors import corpus
    claims, documents, articles, texts = synthetic_tables()
    data_dir = tmp_path / "data"
    write_parquet_corpus(data_dir, claims, documents, articles)

    def document_text(doc_id, data_dir=None):
        if doc_id not in texts:
            raise ValueError(f"no stored document {doc_id!r}")
        return texts[doc_id]

    monkeypatch.setattr(corpus, "document_text", document_text)
    monkeypatch.setattr(corpus, "is_stale", lambda data_dir=None: False)
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    clear_caches()
    return claims


@pytest.fixture(scope="session")
def national_dir(tmp_path_factory) -> Path:
    """The national work reports run through the real pipeline into a corpus."""
    from extractors import corpus
    reports = national_reports(tmp_path_factory.mktemp("reports"))
    data_dir = tmp_path_factory.mktemp("national") / "data"
    report = corpus.add_paths([reports], data_dir=data_dir, workers=1)
    assert not report.errors and report.added >= 3
    return data_dir


@pytest.fixture()
def national(national_dir, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(national_dir))
    clear_caches()
    use_language("zh")
    return data.CorpusDB(national_dir)


def new_app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def run(at) -> AppTest:
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe(key="table").value


def frames_with(at: AppTest, *columns: str, without: tuple = ()) -> list[pd.DataFrame]:
    """The shown tables that have all `columns` and none of `without` (tables
    that take no selection carry no key in AppTest)."""
    return [d.value for d in at.dataframe
            if set(columns) <= set(d.value.columns) and not set(without) & set(d.value.columns)]


def chart(at: AppTest, key: str):
    return next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith(key))


def specs(at: AppTest) -> dict[str, dict]:
    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("vega_lite_chart")}


def datasets(at: AppTest, key: str) -> dict[str, list[dict]]:
    """A chart's datasets by name (Streamlit ships them as Arrow)."""
    c = chart(at, key)
    out = {name: rows for name, rows in json.loads(c.proto.spec).get("datasets", {}).items()}
    for ds in c.proto.datasets:
        out[ds.name] = pa.ipc.open_stream(ds.data.data).read_all().to_pylist()
    return out


def layer_rows(at: AppTest, key: str, mark: str) -> list[dict]:
    """The rows drawn by the layers of one mark type ("line", "point", "rule", "text")."""
    spec, sets = json.loads(chart(at, key).proto.spec), datasets(at, key)
    layers = spec.get("layer", [spec])
    rows = []
    for layer in layers:
        kind = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if kind == mark:
            rows += sets[layer["data"]["name"]]
    return rows


def chart_rows(at: AppTest, key: str) -> list[dict]:
    return [r for rows in datasets(at, key).values() for r in rows]


def html_bodies(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def markdown_texts(at: AppTest) -> list[str]:
    """Every string Streamlit renders as markdown: markdown, captions, headers, alerts, widget labels."""
    out = [e.value for kind in ("markdown", "caption", "header", "subheader", "title", "error", "success",
                                "warning", "info") for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "text_input", "metric"):
        out += [e.label for e in at.get(kind)]
    return out


def pick_in_chart(at: AppTest, key: str, claim_id: str) -> AppTest:
    """Click a point (private AppTest API, per the recipe: may need updating on a Streamlit upgrade)."""
    ws = at._tree.get_widget_states()
    w = ws.widgets.add()
    w.id = chart(at, key).proto.id
    w.string_value = json.dumps({"selection": {"pick": [{t("claim_id"): claim_id}]}})
    at._run(ws)
    assert not at.exception, [e.value for e in at.exception]
    return at


def select_row(at: AppTest, claim_text: str, claims: pd.DataFrame) -> AppTest:
    rows = table(at)
    claim_id = claims.loc[claims["text"] == claim_text, "claim_id"].iloc[0]
    i = int(rows.index[rows["claim_id"] == claim_id][0])
    at.session_state["table"] = {"selection": {"rows": [i], "columns": []}}
    return run(at)


# ---------------------------------------------------------- seed corpus --

def test_runs_on_seed_corpus(tmp_path, monkeypatch):
    """The real thing: an empty data folder is built from seeds/ on first run, with a progress bar."""
    from extractors import corpus
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    clear_caches()
    at = run(new_app())
    assert not corpus.is_stale(data_dir=data_dir)
    assert len(at.status) == 1 and at.status[0].label == "数据已生成"
    assert at.get("progress")
    n_docs = len(list((ROOT / "seeds").glob("*.txt")))
    assert at.metric[0].value == f"{n_docs}"
    n_claims = len(corpus.load(data_dir=data_dir).claims)
    assert at.metric[2].value == f"{n_claims:,} / {n_claims:,}"
    assert len(table(at)) == min(n_claims, 500)
    assert specs(at), "charts drawn for the seed corpus"
    run(at)  # a second run uses the stored corpus: no rebuild, no progress
    assert not at.status


# ------------------------------------------------------- indicator view --

def test_indicator_url_opens_series_with_every_year(national):
    at = run(new_app(indicator="gdp", measure="change"))
    assert at.selectbox(key="indicator").value == "gdp"
    assert at.selectbox(key="measure").value == "change"
    assert at.header[0].value == "指标走势"  # the indicator view comes first
    places = data.places(national, "gdp", "change")
    assert at.multiselect(key="subject").value == [places["key"].iloc[0]]
    expected = data.series(national, "gdp", "change", [places["key"].iloc[0]])
    assert len(expected) >= 6  # 4 reports: 2021-2024 actuals, 2022-2025 targets
    points = layer_rows(at, "chart_series", "point")
    assert sorted((r["时期"], r["status_code"]) for r in points) == \
        sorted(zip(expected["period"], expected["status"]))
    line = layer_rows(at, "chart_series", "line")
    actual_years = sorted(set(expected.loc[expected["status"] == "actual", "period"]))
    assert sorted(r["时期"] for r in line) == actual_years and len(actual_years) >= 3
    spec = json.loads(chart(at, "chart_series").proto.spec)
    point_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert point_layer["encoding"]["x"]["type"] == "temporal"
    assert point_layer["encoding"]["fill"]["value"] == "white"  # targets hollow
    assert {t["field"] for t in point_layer["encoding"]["tooltip"]} >= {"数值", "时期", "状态", "界限", "文件"}
    # the approximate targets (5%左右) carry their sign
    signs = layer_rows(at, "chart_series", "text")
    assert signs and {r["sign"] for r in signs} <= {"≈", "≥", "≤"}
    assert all(r["status_code"] == "target" for r in signs)
    assert at.query_params["indicator"] in ("gdp", ["gdp"])


def test_source_line_names_latest_document_and_count(national):
    at = run(new_app(indicator="gdp", measure="change"))
    key = data.places(national, "gdp", "change")["key"].iloc[0]
    rows = data.series(national, "gdp", "change", [key])
    latest = rows.sort_values("published").iloc[-1]["title"]
    n = rows["doc_id"].nunique()
    assert f'来源：{latest} 等 {n} 份文件' in html_bodies(at)


def test_series_point_click_shows_sentence_with_number(national):
    at = run(new_app(indicator="gdp", measure="change"))
    row = next(r for r in layer_rows(at, "chart_series", "point") if r["status_code"] == "actual")
    pick_in_chart(at, "chart_series", row["编号"])
    c = data.claim(national, row["编号"])
    body = html_bodies(at)
    assert f"<mark>{c['text']}</mark>" in body and 'data-testid="zb-sentence"' in body
    assert at.query_params["claim"] in (row["编号"], [row["编号"]])
    # a shared link with ?claim= reopens the same source
    again = run(new_app(indicator="gdp", measure="change", claim=row["编号"]))
    assert f"<mark>{c['text']}</mark>" in html_bodies(again)


def test_targets_and_actuals_paired_by_period(national):
    at = run(new_app(indicator="gdp", measure="change"))
    [pairs] = frames_with(at, "目标", "实际", "时期")
    key = data.places(national, "gdp", "change")["key"].iloc[0]
    rows = data.series(national, "gdp", "change", [key])
    for _, r in pairs.iterrows():
        for status, col in (("target", "目标"), ("actual", "实际")):
            mine = rows[(rows["period"] == r["时期"]) & (rows["status"] == status)]
            assert (r[col] == "—") == mine.empty, (r["时期"], status)
    assert list(pairs["时期"]) == sorted(pairs["时期"])
    both = pairs[(pairs["目标"] != "—") & (pairs["实际"] != "—")]
    assert len(both) >= 2


def test_disagreeing_documents_listed_with_dates(synthetic):
    at = run(new_app(indicator="gdp", measure="change", subject="聊城市"))
    key = data.places(data.CorpusDB(Path(os.environ["ZHIBIAO_DATA_DIR"])), "gdp", "change")
    key = key.loc[key["name"] == "聊城市", "key"].iloc[0]  # its 6-digit code where the places know it
    assert at.multiselect(key="subject").value == [key]
    [clash] = frames_with(at, "发布日期", "数值")
    assert sorted(zip(clash["时期"], clash["数值"], clash["发布日期"])) == \
        [("2021", "6.5%", "2022-06-15"), ("2021", "6.8%", "2023-01-10")]
    # the line goes through the latest vintage
    line = {r["时期"]: r["数值"] for r in layer_rows(at, "chart_series", "point") if r["latest"]
            and r["status_code"] == "actual"}
    assert line["2021"] == "6.8%"


def test_unknown_url_values_fall_back(national):
    at = run(new_app(indicator="no_such_thing", measure="nonsense", subject="火星"))
    assert at.selectbox(key="indicator").value == "gdp"
    assert at.selectbox(key="measure").value in data.measures(national, "gdp")
    assert at.multiselect(key="subject").value  # a real place, not 火星


def test_other_indicator_and_measure_by_url(national):
    cat = data.indicator_catalogue(national)
    other = next(i for i in cat["indicator_id"] if i != "gdp")
    measure = data.measures(national, other)[0]
    at = run(new_app(indicator=other, measure=measure))
    assert at.selectbox(key="indicator").value == other
    points = layer_rows(at, "chart_series", "point")
    key = at.multiselect(key="subject").value[0]
    assert len(points) == len(data.series(national, other, measure, [key]))
    run(at.selectbox(key="indicator").set_value("gdp"))
    assert at.query_params["indicator"] in ("gdp", ["gdp"])


def test_english_indicator_view(national):
    at = run(new_app(indicator="gdp", measure="change", lang="en"))
    assert at.header[0].value == "Indicator over time"
    en = data.indicator_catalogue(national).set_index("indicator_id").loc["gdp", "en"]
    assert at.selectbox(key="indicator").format_func("gdp") == en and "生产" not in en
    points = layer_rows(at, "chart_series", "point")
    assert {r["Status"] for r in points} == {"Target", "Actual"}
    assert any(b.startswith("<div") and "Source: " in b for b in html_bodies(at).split("\n"))


# ------------------------------------------------------------ comparison --

def test_compare_two_reports(national):
    docs = data.documents_with_indicators(national)["doc_id"].tolist()
    a, b = docs[-2], docs[-1]
    at = run(new_app(cmp_a=a, cmp_b=b))
    assert at.selectbox(key="cmp_a").value == a and at.selectbox(key="cmp_b").value == b
    [both] = frames_with(at, "A", "B", "变化（B − A）")
    ra, rb = data.indicator_rows(national, a), data.indicator_rows(national, b)
    shared = set(zip(ra["indicator_id"], ra["measure"], ra["status"])) & \
        set(zip(rb["indicator_id"], rb["measure"], rb["status"]))
    assert len(both) == len(shared) >= 4
    gdp = both[(both["指标"] == "国内生产总值") & (both["度量"] == "变化") & (both["状态"] == "实际")]
    assert len(gdp) == 1 and gdp["A"].iloc[0] != gdp["B"].iloc[0]
    va = ra[(ra["indicator_id"] == "gdp") & (ra["measure"] == "change") & (ra["status"] == "actual")]["value"]
    vb = rb[(rb["indicator_id"] == "gdp") & (rb["measure"] == "change") & (rb["status"] == "actual")]["value"]
    change = round(float(vb.iloc[0]) - float(va.iloc[0]), 4)
    assert gdp["变化（B − A）"].iloc[0] == present.format_cn(change, "百分点", "")
    run(at.selectbox(key="cmp_a").set_value(docs[0]))
    assert at.query_params["cmp_a"] in (docs[0], [docs[0]])


def test_compare_shows_what_only_one_has(synthetic):
    at = run(new_app(cmp_a="syn_a", cmp_b="syn_b"))
    [only_a] = frames_with(at, "A", without=("B",))
    ra, rb = (data.indicator_rows(data.CorpusDB(Path(os.environ["ZHIBIAO_DATA_DIR"])), d) for d in ("syn_a", "syn_b"))
    keys_a = set(zip(ra["indicator_id"], ra["measure"], ra["status"]))
    keys_b = set(zip(rb["indicator_id"], rb["measure"], rb["status"]))
    assert len(only_a) == len(keys_a - keys_b) >= 1


# ------------------------------------------------------------- explorer --

FILTER_CASES = [
    ("f_doc", ["syn_b"], lambda df: df["doc_id"] == "syn_b"),
    ("f_article", ["生态建设"], lambda df: df["article"] == "生态建设"),
    ("f_kind", ["percent"], lambda df: df["kind"] == "percent"),
    ("f_measure", ["share"], lambda df: df["measure"] == "share"),
    ("f_status", ["target"], lambda df: df["status"] == "target"),
    ("f_unit", ["美元"], lambda df: df["unit"] == "美元"),
    ("f_period", ["2024"], lambda df: df["period"] == "2024"),
]


@pytest.mark.parametrize("key, values, check", FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
def test_every_filter_narrows_the_table(synthetic, key, values, check):
    at = run(new_app())
    assert len(table(at)) == len(synthetic)
    run(at.sidebar.multiselect(key=key).set_value(values))
    rows = table(at)
    expected = synthetic[check(synthetic)]
    assert 0 < len(rows) < len(synthetic)
    assert sorted(rows["claim_id"]) == sorted(expected["claim_id"])
    assert at.query_params[key] in (values, values[0])
    # a link with the filter reproduces the view
    again = run(new_app(**{key: values}))
    assert sorted(table(again)["claim_id"]) == sorted(expected["claim_id"])


def test_free_text_filter_searches_indicator_subject_sentence(synthetic):
    at = run(new_app())
    run(at.sidebar.text_input(key="q").input("外资"))
    assert set(table(at)["indicator"]) == {"实际利用外资"}
    run(at.sidebar.text_input(key="q").input("制造业"))
    assert len(table(at)) == sum(synthetic["sentence"].str.contains("制造业")
                                 | synthetic["subject"].str.contains("制造业")
                                 | synthetic["indicator"].str.contains("制造业"))
    run(at.sidebar.button(key="reset").click())
    assert len(table(at)) == len(synthetic)


def test_url_query_params_restore_filters_in_english(synthetic):
    at = run(new_app(f_kind=["percent", "not-a-kind"], f_status=["actual"], q="营业收入", lang="en"))
    assert at.sidebar.multiselect(key="f_kind").value == ["percent"]
    rows = table(at)
    assert len(rows) and set(rows["kind"]) == {"Percent"} and set(rows["status"]) == {"Actual"}
    assert at.title[0].value == "zhibiao 指标"


def test_claim_charts_money_log_percent_separate(synthetic):
    at = run(new_app())
    s = specs(at)
    assert {"chart_series", "chart_money", "chart_percent", "chart_pp", "chart_ta"} <= set(s)
    counts = [v for v in s.values() if v.get("encoding", {}).get("x", {}).get("aggregate") == "sum"]
    assert counts, "claims by article"
    money = s["chart_money"]
    assert money["encoding"]["x"]["scale"]["type"] == "log"
    assert "亿" in money["encoding"]["x"]["axis"]["labelExpr"]
    assert "%" in s["chart_percent"]["encoding"]["x"]["axis"]["labelExpr"]
    assert "百分点" in s["chart_pp"]["encoding"]["x"]["axis"]["labelExpr"]
    units = {k: {r["单位"] for r in chart_rows(at, k)} for k in ("chart_money", "chart_percent", "chart_pp")}
    assert units == {"chart_money": {"元", "美元"}, "chart_percent": {"%"}, "chart_pp": {"百分点"}}
    assert {"110.06亿元", "8250万美元"} <= {r["数值"] for r in chart_rows(at, "chart_money")}
    # Show data reads labels, not claims.csv column names
    assert not {"value_normalized", "claim_id", "indicator"} & set(chart_rows(at, "chart_money")[0])


def test_status_colours_same_in_every_chart(synthetic):
    at = run(new_app())
    colours = set()
    for key in ("chart_money", "chart_percent", "chart_ta"):
        spec = specs(at)[key]
        enc = spec.get("encoding") or spec["spec"]["encoding"]
        scale = enc["color"]["scale"]
        colours.add(tuple(zip(scale["domain"], scale["range"])))
    assert colours == {(("目标", "#e8590c"), ("实际", "#1c7ed6"))}


def test_targets_vs_actuals_chart_pairs_same_period(synthetic):
    at = run(new_app())
    panels: dict[str, set] = {}
    for r in chart_rows(at, "chart_ta"):
        panels.setdefault(r["panel"], set()).add((r["时期"], r["状态"]))
    assert panels  # 营业收入 2024: target 3000亿, actual 2900亿
    for panel, members in panels.items():
        assert len({p for p, _ in members}) == 1 and {s for _, s in members} == {"目标", "实际"}, panel
        assert next(iter(members))[0] in panel  # the panel names its year


@pytest.mark.parametrize("query, check", [
    ({"f_kind": ["money"]}, lambda r: r["数值"].endswith("元")),        # through the claims (kind)
    ({"f_period": ["2024"]}, lambda r: r["时期"] == "2024"),           # on the indicators table itself
    ({"q": "营业收入"}, lambda r: "营业收入" in r["原句"]),              # a search
], ids=["kind", "period", "search"])
def test_targets_vs_actuals_follow_the_filters(synthetic, query, check):
    at = run(new_app(**query))
    rows = chart_rows(at, "chart_ta") if any(c.proto.id.endswith("chart_ta") for c in at.get("vega_lite_chart")) else []
    unfiltered = chart_rows(run(new_app()), "chart_ta")
    assert 0 < len(rows) <= len(unfiltered)  # 营业收入 2024: target 3000亿元, actual 2900亿元
    assert all(check(r) for r in rows), rows


def test_targets_vs_actuals_empty_when_one_status_is_kept(synthetic):
    assert any(c.proto.id.endswith("chart_ta") for c in run(new_app()).get("vega_lite_chart"))
    for status in ("target", "actual"):
        at = run(new_app(f_status=[status]))
        assert not any(c.proto.id.endswith("chart_ta") for c in at.get("vega_lite_chart"))


def test_row_selection_shows_highlighted_sentence_and_document(synthetic):
    at = select_row(run(new_app()), "110.06亿元", synthetic)
    body = html_bodies(at)
    assert "有色金属及金属深加工产业计划总投资额<mark>110.06亿元</mark>，签约项目35个。" in body
    assert 'class="sel" id="claim-selected">110.06亿元</mark>' in body
    assert at.selectbox(key="doc_view").value == "syn_a"


def test_document_view_follows_document_filter(synthetic):
    at = run(new_app(f_doc=["syn_b"]))
    assert at.selectbox(key="doc_view").options == ["外资与绿化 · 2023-01-10"]
    assert "聊城制造业集群" not in " ".join(at.selectbox(key="doc_view").options)


def test_documents_listed_by_title_never_twice(synthetic):
    at = run(new_app())
    options = at.selectbox(key="doc_view").options
    assert "聊城制造业集群 · 2022-06-15" in options
    assert not [o for o in options if re.fullmatch(r"(.+) \((\1)\)", o)]  # no `X (X)`


def test_script_in_document_is_shown_as_text(synthetic):
    at = select_row(run(new_app()), "8%", synthetic)
    body = html_bodies(at)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;某公司营业收入增长<mark>8%</mark>" in body
    assert "<script>" not in body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_from_documents_is_escaped(synthetic, payload):
    """Each payload reaches Streamlit only escaped: as escaped HTML or backslash-escaped markdown."""
    at = select_row(run(new_app(f_doc=["syn_md"])), "5%", synthetic)
    for text in markdown_texts(at):
        assert payload not in text, (payload, text)
    body = html_bodies(at)
    assert payload not in body or payload in ("营*业*收入", "$$x$$", "~~x~~", "`x`", "[a](http://x)")
    assert "<b>x</b>" not in body


def test_english_switch_changes_labels(synthetic):
    at = run(new_app())
    assert at.sidebar.header[0].value == "筛选"
    run(at.sidebar.segmented_control(key="lang").set_value("en"))
    assert at.sidebar.header[0].value == "Filters"
    assert at.metric[0].label == "Documents"
    assert at.query_params["lang"] in ("en", ["en"])
    assert {"Money", "Percent"} <= set(table(at)["kind"])
    assert specs(at)["chart_money"]["encoding"]["x"]["title"] == "Amount (log scale)"
    assert not any("金额" in m or "数据" in m for m in markdown_texts(at))


# ------------------------------------------------------------ downloads --

def test_download_buttons_exist(synthetic):
    at = run(new_app(f_kind=["money"]))
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    for name in ("indicators", "filtered", "claims", "documents", "articles"):
        assert {f"dl_{name}_csv", f"dl_{name}_xlsx"} <= keys
    assert {"dl_png", "dl_svg"} <= keys


def test_downloads_are_excel_safe_and_integers_stay_integers(synthetic):
    db = data.CorpusDB(Path(os.environ["ZHIBIAO_DATA_DIR"]))
    raw = present.to_csv_bytes(data.claims_table(db, data.where({"kind": ["count"]})))
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(CLAIM_COLUMNS)
    assert set(back["value_normalized"]) == {"35", "4"}  # not 35.0 / 4.0
    whole = pd.read_csv(io.BytesIO(present.to_csv_bytes(data.claims_table(db))), encoding="utf-8-sig",
                        dtype=str, keep_default_na=False)
    assert whole.loc[whole["text"] == "8%", "subject"].iloc[0].startswith("'=")
    ind = pd.read_csv(io.BytesIO(present.to_csv_bytes(data.indicators_table(db))), encoding="utf-8-sig",
                      dtype=str, keep_default_na=False)
    assert list(ind.columns) == list(data.INDICATOR_COLUMNS)
    assert {"gdp"} <= set(ind["indicator_id"])
    assert not any(v.endswith(".0") for v in ind["value"])


# --------------------------------------------------------------- upload --

def test_upload_limit_stated(synthetic):
    at = run(new_app())
    assert "20 MB" in " ".join(c.value for c in at.caption)


def test_upload_extracts_shows_progress_and_empties_the_box(tmp_path, monkeypatch):
    from extractors import corpus
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    clear_caches()
    at = run(new_app())
    before = len(corpus.load(data_dir=data_dir).documents)
    text = "<script>alert('x')</script>\n2023年，全市实现营业收入110.06亿元，同比增长24%。\n"
    at.file_uploader(key="upload_0").upload("evil.txt", text.encode("utf-8"), "text/plain")
    at.date_input(key="upload_date").set_value(__import__("datetime").date(2023, 5, 1))
    run(at.button(key="upload_go").click())
    assert not at.error, [e.value for e in at.error]
    assert at.success and "1" in at.success[0].value
    assert at.get("file_uploader")[0].proto.id.endswith("upload_1")  # a fresh, empty box
    docs = corpus.load(data_dir=data_dir).documents
    assert len(docs) == before + 1 and docs["published"].iloc[-1] == "2023-05-01"
    at.selectbox(key="doc_view").set_value(docs["doc_id"].iloc[-1])
    body = html_bodies(run(at))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body and "<script>" not in body


def test_upload_error_is_one_escaped_line(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(tmp_path / "data"))
    clear_caches()
    at = run(new_app())
    at.file_uploader(key="upload_0").upload("营*业*收入 [a](x) `x`.pdf", b"%PDF-1.4 not really a pdf",
                                            "application/pdf")
    run(at.button(key="upload_go").click())
    assert at.error and all("\n" not in e.value for e in at.error)
    assert all("营*业*收入" not in e.value and "[a](x)" not in e.value for e in at.error)
    assert any("营\\*业\\*收入" in e.value for e in at.error), [e.value for e in at.error]


# ---------------------------------------------------------- text search --
# Over the seed corpus (real extractor output): a query, claims (by their text) it must
# find, claims it must not find. A claim matches when its indicator, subject or sentence
# contains the query (Latin letters case-insensitively); the index must answer exactly that.

SEARCH_CASES = [
    ("产业集群", ["20个", "1—2 个", "4个", "3个"], ["103亩", "201亿元"]),  # indicators, and sentences naming them
    ("阳谷县", ["103亩", "第 2 位", "8个"], ["201亿元", "4个"]),          # a subject
    ("增长", ["40%", "201亿元", "42.1%"], ["103亩"]),                   # 税收占比 40%: by its sentence alone
    ("产业集聚", [], ["1—2 个", "20个"]),  # 产业集群 … 集聚发展: every bigram in one sentence, the phrase nowhere
    ("n张", ["20 个"], ["4个"]),           # “1张图谱+N张清单”: Latin letters in any case
    ("N张", ["20 个"], ["4个"]),
    ("1—2", ["1—2 个"], ["20个"]),
    ("年，全市", ["4个", "42.1%"], ["201亿元"]),
    ("不存在的词", [], ["4个"]),
]


@pytest.fixture(autouse=True)
def search_cache(tmp_path_factory, monkeypatch):
    """Search indexes of this session's corpora in a folder of their own."""
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "search-cache"))


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    from extractors import corpus
    data_dir = tmp_path_factory.mktemp("seed") / "data"
    corpus.ensure_seed_corpus(data_dir=data_dir, seeds_dir=ROOT / "seeds")
    return data_dir


def contains(query: str, claims: pd.DataFrame) -> pd.Series:
    """The definition, in Python: indicator, subject or sentence contains the query."""
    fold = (lambda v: v.lower()) if re.search(r"[A-Za-z]", query) else (lambda v: v)
    return claims[["indicator", "subject", "sentence"]].fillna("").map(lambda v: fold(query) in fold(v)).any(axis=1)


def found(db: data.CorpusDB, query: str, use_db: bool = True) -> pd.DataFrame:
    return data.claims_table(db, data.where({}, query, db=db if use_db else None))


@pytest.mark.parametrize("query, must, must_not", SEARCH_CASES, ids=[c[0] for c in SEARCH_CASES])
def test_search_finds_what_contains_the_query(seed_dir, query, must, must_not):
    db = data.CorpusDB(seed_dir)
    assert db.index is not None and db.index.ready and db.search_filter(query) is not None  # the index answers
    claims = data.claims_table(db)
    rows = found(db, query)
    assert set(must) <= set(rows["text"]), rows["text"].tolist()
    assert not set(must_not) & set(rows["text"])
    assert sorted(rows["claim_id"]) == sorted(claims.loc[contains(query, claims), "claim_id"])
    assert sorted(found(db, query, use_db=False)["claim_id"]) == sorted(rows["claim_id"])  # the scan agrees


def test_search_in_the_app_lists_the_claims_found(seed_dir, monkeypatch):
    from extractors import corpus
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(seed_dir))
    monkeypatch.setattr(corpus, "is_stale", lambda data_dir=None: False)
    clear_caches()
    claims = corpus.load(data_dir=seed_dir).claims
    at = run(new_app(q="增长"))
    expected = claims[contains("增长", claims)]
    assert sorted(table(at)["claim_id"]) == sorted(expected["claim_id"])
    assert at.metric[2].value == f"{len(expected)} / {len(claims)}"
    run(at.sidebar.text_input(key="q").input("产业集聚"))
    assert table(at).empty


def test_search_follows_new_and_rewritten_parts(tmp_path):
    """A part added later gets its own index; a file rewritten in place is indexed anew."""
    claims, documents, articles, _ = synthetic_tables()
    folder = tmp_path / "data"
    write_parquet_corpus(folder, claims, documents, articles)
    before = found(data.CorpusDB(folder), "外资")["claim_id"].tolist()
    assert before and sorted(before) == sorted(claims.loc[contains("外资", claims), "claim_id"])
    extra = claims.iloc[:1].assign(claim_id="added000001", indicator="出口", subject="聊城市",
                                   sentence="全年外资企业出口增长9%。")
    pq.write_table(pa.Table.from_pandas(extra, preserve_index=False), folder / "claims" / "part-1.parquet")
    db = data.CorpusDB(folder)
    assert db.search_filter("外资企业") is not None
    assert found(db, "外资企业")["claim_id"].tolist() == ["added000001"]  # by its sentence alone
    changed = claims.assign(sentence=claims["sentence"].str.replace("外资", "内资"),
                            indicator=claims["indicator"].str.replace("外资", "内资"))
    part = folder / "claims" / "part-0.parquet"
    written = part.stat().st_mtime_ns
    pq.write_table(pa.Table.from_pandas(changed, preserve_index=False), part)
    os.utime(part, ns=(written + 10**9,) * 2)  # a rewrite a second later, whatever the clock's grain
    db = data.CorpusDB(folder)
    assert found(db, "外资")["claim_id"].tolist() == ["added000001"]
    assert sorted(found(db, "内资")["claim_id"]) == sorted(before)


def test_large_part_indexed_in_the_background_meanwhile_scanned(seed_dir, tmp_path, monkeypatch):
    """A part too large to index at once is indexed by a child process; until it is done the
    search scans, with the same answer."""
    from dashboard import search
    monkeypatch.setattr(search, "INLINE_ROWS", 0)
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    db = data.CorpusDB(seed_dir)
    claims = data.claims_table(db)
    expected = sorted(claims.loc[contains("增长", claims), "claim_id"])
    assert db.index._builder is not None
    if not db.index.ready:
        assert db.search_filter("增长") is None
        assert sorted(found(db, "增长")["claim_id"]) == expected
    assert db.index._builder.wait(timeout=120) == 0
    db = data.CorpusDB(seed_dir)
    assert db.search_filter("增长") is not None
    assert sorted(found(db, "增长")["claim_id"]) == expected


# ---------------------------------------------------------------- serving --

def test_served_on_loopback_without_deploy_button():
    """Uploads write into the corpus: the server is not offered to the network unless asked."""
    import tomllib
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["toolbarMode"] == "viewer"  # no Deploy button
    run_sh = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    assert '--server.address "${ZHIBIAO_ADDRESS:-127.0.0.1}"' in run_sh
