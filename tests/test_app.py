"""Headless dashboard tests (streamlit.testing AppTest, no browser).

Most tests run on a small synthetic corpus (realistic sentences, every
DESIGN.md column) so that they do not depend on the engine's exact output;
one test runs the app on the real seed corpus.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from extractors import present
from extractors.model import CLAIM_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

# (doc_id, title, published, [(article, [(sentence, [(text, fields...)])])])
# fields: value_normalized, unit, kind, measure, status, indicator, subject, period
DOCS = [
    ("syn_a", "聊城制造业集群", "2022-06-15", [
        ("打造集群新高地", [
            ("2021年，全市规模以上工业增加值同比增长12.5%，高于全省平均水平3个百分点。",
             [("12.5%", 12.5, "%", "percent", "change", "actual", "规模以上工业增加值", "全市", "2021"),
              ("3个百分点", 3, "百分点", "percentage_point", "change", "actual", "规模以上工业增加值", "全市", "2021")]),
            ("有色金属及金属深加工产业计划总投资额110.06亿元，签约项目35个。",
             [("110.06亿元", 11006000000, "元", "money", "level", "target", "计划总投资额", "有色金属及金属深加工产业", "2022"),
              ("35个", 35, "个", "count", "level", "actual", "签约项目", "有色金属及金属深加工产业", "2022")]),
            ("到2024年，全市力争实现营业收入3000亿元，发展过千亿级产业4个。",
             [("3000亿元", 300000000000, "元", "money", "level", "target", "营业收入", "全市", "2024"),
              ("4个", 4, "个", "count", "level", "target", "过千亿级产业", "全市", "2024")]),
        ]),
        ("塑造发展新优势", [
            ("2021年全市制造业实现营业收入2650亿元，同比增长24%。",
             [("2650亿元", 265000000000, "元", "money", "level", "actual", "营业收入", "全市", "2021"),
              ("24%", 24, "%", "percent", "change", "actual", "营业收入", "全市", "2021")]),
            ("制造业对经济增长贡献率达到42.1%，比上年下降3.5个百分点。",
             [("42.1%", 42.1, "%", "percent", "share", "actual", "贡献率", "制造业", "2021"),
              ("3.5个百分点", -3.5, "百分点", "percentage_point", "change", "actual", "贡献率", "制造业", "2021")]),
        ]),
    ]),
    ("syn_b", "外资与绿化", "2023-01-10", [
        ("开放型经济", [
            ("全年实际利用外资8250万美元，增长15.2%。",
             [("8250万美元", 82500000, "美元", "money", "level", "actual", "实际利用外资", "全市", "2022"),
              ("15.2%", 15.2, "%", "percent", "change", "actual", "实际利用外资", "全市", "2022")]),
            ("预计2023年实际利用外资达到1亿美元。",
             [("1亿美元", 100000000, "美元", "money", "level", "target", "实际利用外资", "全市", "2023")]),
        ]),
        ("生态建设", [
            ("新造林103亩，完成年度目标的110%。",
             [("103亩", 103, "亩", "quantity", "level", "actual", "新造林", "全县", "2022"),
              ("110%", 110, "%", "percent", "share", "actual", "年度目标完成率", "全县", "2022")]),
            ("<script>alert('x')</script>某公司营业收入增长8%。",
             [("8%", 8, "%", "percent", "change", "actual", "营业收入", "=HYPERLINK(\"http://x\")", "2022")]),
        ]),
    ]),
]


def synthetic_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Claims, documents, articles and document texts with true offsets."""
    claims, documents, articles, texts = [], [], [], {}
    for doc_id, title, published, arts in DOCS:
        text = ""
        for article, sentences in arts:
            a_start = len(text)
            text += article + "\n"
            n_art = 0
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
                        "bound": "exact", "qualifier": "", "indicator": indicator, "subject": subject,
                        "period": period, "published": published, "rule": "synthetic"})
                    n_art += 1
            articles.append({"doc_id": doc_id, "article": article, "start": a_start, "end": len(text),
                             "byline": "", "claims": n_art})
        texts[doc_id] = text
        documents.append({"doc_id": doc_id, "path": f"{doc_id}.txt", "title": title,
                          "published": published, "characters": len(text),
                          "claims": sum(c["doc_id"] == doc_id for c in claims)})
    return (pd.DataFrame(claims, columns=list(CLAIM_COLUMNS)), pd.DataFrame(documents),
            pd.DataFrame(articles), texts)


# ------------------------------------------------------------------ fixtures --

@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    """The app over the synthetic corpus: corpus.load / document_text /
    is_stale (the public API the app uses) answer from synthetic tables."""
    import streamlit as st
    from extractors import corpus

    claims, documents, articles, texts = synthetic_tables()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / corpus.POINTER).write_text(json.dumps({"generation": "synthetic"}), encoding="utf-8")

    def load(data_dir=corpus.DATA_DIR):
        return corpus.Tables(claims.copy(), documents.copy(), articles.copy())

    def document_text(doc_id, data_dir=corpus.DATA_DIR):
        if doc_id not in texts:
            raise ValueError(f"no stored document {doc_id!r}")
        return texts[doc_id]

    monkeypatch.setattr(corpus, "load", load)
    monkeypatch.setattr(corpus, "document_text", document_text)
    monkeypatch.setattr(corpus, "is_stale", lambda data_dir=None: False)
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    return claims


def new_app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def run(at) -> AppTest:
    """Run an AppTest (or the AppTest behind a widget after an interaction)."""
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe(key="table").value


def specs(at: AppTest) -> dict[str, dict]:
    """Vega-Lite specs by chart key (the key ends the element id)."""
    out = {}
    for chart in at.get("vega_lite_chart"):
        key = chart.proto.id.rsplit("-", 1)[-1]
        out[key] = json.loads(chart.proto.spec)
    return out


def chart_rows(at: AppTest, key: str) -> list[dict]:
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith(key))
    spec = json.loads(chart.proto.spec)
    rows = [r for d in spec.get("datasets", {}).values() for r in d]
    if rows:
        return rows
    import pyarrow as pa
    out = []
    for ds in chart.proto.datasets:
        out += pa.ipc.open_stream(ds.data.data).read_all().to_pylist()
    if chart.proto.data.data:
        out += pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
    return out


def html_bodies(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def select_row(at: AppTest, claim_text: str) -> AppTest:
    rows = table(at)
    i = int(rows.index[rows["text"] == claim_text][0])
    at.session_state["table"] = {"selection": {"rows": [i], "columns": []}}
    return run(at)


# --------------------------------------------------------------------- tests --

def test_runs_on_seed_corpus(tmp_path, monkeypatch):
    """The real thing: an empty data folder is built from seeds/ on first run."""
    import streamlit as st
    from extractors import corpus
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run(new_app())
    assert not corpus.is_stale(data_dir=data_dir)
    assert len(at.status) == 1 and at.status[0].label == "数据已生成"  # st.status + st.progress while building
    assert at.get("progress")
    n_docs = len(list((ROOT / "seeds").glob("*.txt")))
    assert at.metric[0].value == f"{n_docs}"
    claims = corpus.load(data_dir=data_dir).claims
    assert at.metric[2].value == f"{len(claims):,} / {len(claims):,}"
    assert len(table(at)) == min(len(claims), 500)
    if len(claims):
        assert specs(at), "charts drawn for the seed corpus"
    run(at)  # a second run uses the stored corpus: no rebuild, no progress
    assert not at.status


FILTER_CASES = [
    ("doc", ["syn_b"], lambda df: df["doc_id"] == "syn_b"),
    ("article", ["生态建设"], lambda df: df["article"] == "生态建设"),
    ("kind", ["percent"], lambda df: df["kind"] == "percent"),
    ("measure", ["share"], lambda df: df["measure"] == "share"),
    ("status", ["target"], lambda df: df["status"] == "target"),
    ("unit", ["美元"], lambda df: df["unit"] == "美元"),
    ("period", ["2024"], lambda df: df["period"] == "2024"),
]


@pytest.mark.parametrize("key, values, check", FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
def test_every_filter_narrows_the_table(synthetic, key, values, check):
    at = run(new_app())
    total = len(table(at))
    assert total == len(synthetic)
    run(at.sidebar.multiselect(key=key).set_value(values))
    rows = table(at)
    assert 0 < len(rows) < total
    expected = synthetic[check(synthetic)]
    assert sorted(rows["claim_id"]) == sorted(expected["claim_id"])
    assert at.query_params[key] == values if isinstance(at.query_params[key], list) \
        else [at.query_params[key]] == values


def test_free_text_filter_searches_indicator_subject_sentence(synthetic):
    at = run(new_app())
    run(at.sidebar.text_input(key="q").input("外资"))
    assert set(table(at)["indicator"]) == {"实际利用外资"}
    run(at.sidebar.text_input(key="q").input("制造业"))  # subject or sentence
    assert len(table(at)) == sum(synthetic["sentence"].str.contains("制造业")
                                 | synthetic["subject"].str.contains("制造业"))
    run(at.sidebar.button(key="reset").click())
    assert len(table(at)) == len(synthetic)


def test_url_query_params_restore_filters(synthetic):
    at = run(new_app(kind=["percent", "not-a-kind"], status=["actual"], q="营业收入", lang="en"))
    assert at.sidebar.multiselect(key="kind").value == ["percent"]
    assert at.sidebar.text_input(key="q").value == "营业收入"
    rows = table(at)
    assert len(rows) and set(rows["kind"]) == {"Percent"} and set(rows["status"]) == {"Actual"}
    assert all("营业收入" in s or "营业收入" in i for s, i in zip(rows["sentence"], rows["indicator"]))
    assert at.title[0].value == "zhibiao 指标"


def test_chart_specs_money_log_and_percent_separate(synthetic):
    at = run(new_app())
    s = specs(at)
    assert {"chart_money", "chart_percent", "chart_pp", "chart_ta"} <= set(s)
    counts = [v for k, v in s.items() if k not in ("chart_money", "chart_percent", "chart_pp", "chart_ta")]
    assert counts and counts[0]["encoding"]["x"]["aggregate"] == "sum"  # claims by article
    money = s["chart_money"]
    assert money["encoding"]["x"]["scale"]["type"] == "log"
    assert "亿" in money["encoding"]["x"]["axis"]["labelExpr"]
    assert money["config"]["locale"]["number"]["currency"] == ["¥", ""]
    assert s["chart_percent"]["encoding"]["x"]["scale"].get("type") != "log"
    assert "%" in s["chart_percent"]["encoding"]["x"]["axis"]["labelExpr"]
    assert "百分点" in s["chart_pp"]["encoding"]["x"]["axis"]["labelExpr"]
    units = {k: {r["unit"] for r in chart_rows(at, k)} for k in ("chart_money", "chart_percent", "chart_pp")}
    assert units == {"chart_money": {"元", "美元"}, "chart_percent": {"%"}, "chart_pp": {"百分点"}}
    labels = {r["label"] for r in chart_rows(at, "chart_money")}
    assert {"110.06亿元", "8250万美元"} <= labels
    assert {"42.1%"} <= {r["label"] for r in chart_rows(at, "chart_percent")}
    assert {"3个百分点"} <= {r["label"] for r in chart_rows(at, "chart_pp")}
    tooltip = [t["field"] for t in money["encoding"]["tooltip"]]
    assert tooltip == ["label", "indicator", "period", "sentence"]
    assert any(p["name"] == "pick" and p["select"]["fields"] == ["claim_id"] for p in money["params"])


def test_targets_vs_actuals_side_by_side(synthetic):
    at = run(new_app())
    rows = chart_rows(at, "chart_ta")
    panels = {}
    for r in rows:
        panels.setdefault(r["panel"], set()).add(r["status"])
    assert panels == {"实际利用外资（美元）": {"目标", "实际"}, "营业收入（元）": {"目标", "实际"}}
    spec = specs(at)["chart_ta"]
    assert spec["resolve"]["scale"]["y"] == "independent"


def test_row_selection_shows_highlighted_sentence(synthetic):
    at = select_row(run(new_app()), "110.06亿元")
    body = html_bodies(at)
    assert "有色金属及金属深加工产业计划总投资额<mark>110.06亿元</mark>，签约项目35个。" in body
    assert 'class="sel" id="claim-selected">110.06亿元</mark>' in body  # document view follows


def test_chart_point_selection_shows_source(synthetic):
    """Private AppTest API (per the recipe): may need updating on a Streamlit upgrade."""
    at = run(new_app())
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith("chart_money"))
    claim_id = synthetic.loc[synthetic["text"] == "8250万美元", "claim_id"].iloc[0]
    ws = at._tree.get_widget_states()
    w = ws.widgets.add()
    w.id = chart.proto.id
    w.string_value = json.dumps({"selection": {"pick": [{"claim_id": claim_id}]}})
    at._run(ws)
    assert not at.exception
    assert "全年实际利用外资<mark>8250万美元</mark>，增长15.2%。" in html_bodies(at)


def test_download_buttons_exist_and_csv_bytes(synthetic):
    at = run(new_app(kind=["money"]))
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    for name in ("filtered", "claims", "documents", "articles"):
        assert {f"dl_{name}_csv", f"dl_{name}_xlsx"} <= keys
    assert {"dl_png", "dl_svg"} <= keys
    data = present.to_csv_bytes(present.prepare_claims(synthetic)[list(CLAIM_COLUMNS)])
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(__import__("io").BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(CLAIM_COLUMNS)
    assert back.loc[back["text"] == "8%", "subject"].iloc[0].startswith("'=")


def test_script_in_document_is_shown_as_text(synthetic):
    at = select_row(run(new_app()), "8%")
    body = html_bodies(at)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;某公司营业收入增长<mark>8%</mark>" in body
    assert "<script>" not in body
    assert at.selectbox(key="doc_view").value == "syn_b"
    md = "\n".join(m.value for m in at.markdown)
    assert "<script>" not in md


def test_english_switch_changes_labels(synthetic):
    at = run(new_app())
    assert at.title[0].value == "指标 zhibiao"
    assert at.sidebar.header[0].value == "筛选"
    zh_cols = at.metric[0].label
    run(at.sidebar.segmented_control(key="lang").set_value("en"))
    assert at.title[0].value == "zhibiao 指标"
    assert at.sidebar.header[0].value == "Filters"
    assert at.metric[0].label == "Documents" != zh_cols
    assert at.query_params["lang"] in ("en", ["en"])
    assert {"Money", "Percent"} <= set(table(at)["kind"])
    money = specs(at)["chart_money"]
    assert money["encoding"]["x"]["title"] == "Amount (log scale)"


def test_upload_limit_stated(synthetic):
    at = run(new_app())
    text = " ".join(c.value for c in at.caption)
    assert "20 MB" in text


def test_upload_extracts_and_script_document_is_escaped(tmp_path, monkeypatch):
    """Real corpus path: an uploaded .txt with a <script> is extracted into the
    data folder, appears in the document view, and its markup shows as text."""
    import streamlit as st
    from extractors import corpus
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run(new_app())
    before = len(corpus.load(data_dir=data_dir).documents)
    text = "<script>alert('x')</script>\n2023年，全市实现营业收入110.06亿元，同比增长24%。\n"
    at.file_uploader(key="upload").upload("evil.txt", text.encode("utf-8"), "text/plain")
    at.date_input(key="upload_date").set_value(__import__("datetime").date(2023, 5, 1))
    run(at.button(key="upload_go").click())
    assert not at.error, [e.value for e in at.error]
    assert at.success and "1" in at.success[0].value
    docs = corpus.load(data_dir=data_dir).documents
    assert len(docs) == before + 1
    doc_id = docs["doc_id"].iloc[-1]
    assert docs["published"].iloc[-1] == "2023-05-01"
    at.selectbox(key="doc_view").set_value(doc_id)
    run(at)
    body = html_bodies(at)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "<script>" not in body


def test_upload_error_is_one_line(tmp_path, monkeypatch):
    import streamlit as st
    monkeypatch.setenv("ZHIBIAO_DATA_DIR", str(tmp_path / "data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run(new_app())
    at.file_uploader(key="upload").upload("broken.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    run(at.button(key="upload_go").click())
    assert at.error and all("\n" not in e.value for e in at.error)
