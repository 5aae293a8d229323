"""Dashboard benchmark: time to first chart on the seed corpus, and time for
a filter change to redraw at 1,000,000 claims.

    .venv/bin/python bench/bench_dashboard.py [--claims 1000000] [--keep DIR]

Builds a synthetic corpus in a temporary data folder in the corpus module's
own storage (a Parquet generation + CURRENT.json, written with
extractors.corpus internals `_typed` / `_save`), then drives app.py
headless with streamlit.testing.AppTest: a run executes the whole script
(load, filter, chart specs, table) and serialises every element as the
server would for the browser. Browser rendering time is not included (see
tests/browser for that: chart SVG appears ~2-3 s after page load).
Aims: first chart <= 3 s on the seed; redraw <= 1 s at 1,000,000 claims.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import corpus  # noqa: E402
from extractors.fingerprint import extractor_fingerprint  # noqa: E402

SUBJECTS = ["全市", "全省", "聊城市", "高新区", "开发区", "制造业", "有色金属产业", "新能源汽车产业",
            "化工园区", "农业农村", "外贸企业", "民营经济", "规上工业", "服务业", "文旅产业"]
INDICATORS = ["营业收入", "工业增加值", "固定资产投资", "实际利用外资", "进出口总额", "税收", "利润总额",
              "社会消费品零售总额", "一般公共预算收入", "地区生产总值", "研发投入", "新增就业",
              "签约项目", "新造林", "粮食产量", "专精特新企业", "贡献率", "增速", "占比", "投资额"]
KINDS = [  # kind, unit, currency, measure, log10 centre, spread, share of claims
    ("money", "元", "CNY", "level", 9.5, 1.5, 0.30),
    ("money", "美元", "USD", "level", 7.5, 1.0, 0.05),
    ("percent", "%", "", "change", 1.0, 0.4, 0.30),
    ("percentage_point", "百分点", "", "change", 0.3, 0.4, 0.05),
    ("count", "个", "", "level", 1.5, 0.8, 0.20),
    ("quantity", "吨", "", "level", 4.0, 1.0, 0.10),
]


def synthetic_corpus(n: int, docs: int = 2000, seed: int = 0) -> dict[str, pd.DataFrame]:
    """n claims over `docs` documents, 5 articles each, offsets true to the text."""
    rng = np.random.default_rng(seed)
    shares = np.array([k[6] for k in KINDS])
    kind_ix = rng.choice(len(KINDS), size=n, p=shares / shares.sum())
    centre = np.array([k[4] for k in KINDS])[kind_ix]
    spread = np.array([k[5] for k in KINDS])[kind_ix]
    value = np.round(10 ** rng.normal(centre, spread), 2)
    pct = np.isin(kind_ix, [2, 3])
    value[pct] = np.round(rng.normal(6, 8, pct.sum()), 1)
    kinds = np.array([k[0] for k in KINDS])[kind_ix]
    units = np.array([k[1] for k in KINDS])[kind_ix]
    ind = np.array([f"{s}{i}" for s in ("", "新增", "年度") for i in INDICATORS])[rng.integers(0, 3 * len(INDICATORS), n)]
    subj = np.array(SUBJECTS)[rng.integers(0, len(SUBJECTS), n)]
    doc_ix = np.sort(rng.integers(0, docs, n))
    doc_id = pd.Series([f"bench_{i:05d}" for i in range(docs)]).to_numpy()[doc_ix]
    article = pd.Series([f"第{j + 1}篇：经济运行稳中向好" for j in range(5)]).to_numpy()[rng.integers(0, 5, n)]
    period = np.array([str(y) for y in range(2015, 2026)])[rng.integers(0, 11, n)]
    status = np.where(rng.random(n) < 0.3, "target", "actual")
    text = pd.Series(value).map("{:g}".format) + pd.Series(units).replace({"元": "元", "%": "%"})
    prefix = pd.Series(period) + "年，" + pd.Series(subj) + pd.Series(ind) + np.where(status == "target", "力争达到", "完成")
    sentence = prefix + text + "，同比增长" + pd.Series(np.round(rng.normal(6, 3, n), 1)).map("{:g}".format) + "%。"
    # offsets: each document is its sentences joined by newlines
    lens = sentence.str.len().to_numpy() + 1
    ends = np.cumsum(lens)
    doc_start = pd.Series(ends - lens).groupby(doc_ix).transform("min").to_numpy()
    start = (ends - lens) - doc_start + prefix.str.len().to_numpy()
    claims = pd.DataFrame({
        "claim_id": [hashlib.sha1(f"{i}".encode()).hexdigest()[:12] for i in range(n)],
        "doc_id": doc_id, "article": article, "start": start, "end": start + text.str.len().to_numpy(),
        "text": text, "sentence": sentence, "value": value.astype(str), "value_high": "", "multiplier": "1",
        "value_normalized": value.astype(str), "unit": units,
        "currency": np.array([k[2] for k in KINDS])[kind_ix], "kind": kinds,
        "measure": np.array([k[3] for k in KINDS])[kind_ix], "status": status,
        "direction": np.where(pct, "up", ""), "bound": "exact", "qualifier": "", "indicator": ind,
        "subject": subj, "period": period, "published": "2025-01-01", "rule": "bench.synthetic"})
    texts = sentence.groupby(doc_ix).agg("\n".join)
    doc_ids = [f"bench_{i:05d}" for i in texts.index]
    fp = extractor_fingerprint()
    sources = pd.DataFrame({"doc_id": doc_ids, "sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts],
                            "fingerprint": fp, "path": "", "format": "txt", "encoding": "utf-8",
                            "title": [f"基准文档 {d}" for d in doc_ids], "published": "2025-01-01",
                            "text": (texts + "\n").to_list()})
    counts = claims.groupby("doc_id").size()
    documents = pd.DataFrame({"doc_id": doc_ids, "path": "", "title": sources["title"], "published": "2025-01-01",
                              "characters": sources["text"].str.len(), "claims": counts.loc[doc_ids].to_numpy(),
                              "format": "txt", "encoding": "utf-8", "sha256": sources["sha256"], "error": ""})
    arts = claims.groupby(["doc_id", "article"], observed=True).size().reset_index(name="claims")
    articles = pd.DataFrame({"doc_id": arts["doc_id"], "article": arts["article"], "start": 0, "end": 0,
                             "byline": "", "claims": arts["claims"]})
    return {"claims": claims, "documents": documents, "articles": articles, "sources": sources}


def write_corpus(frames: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Store as the corpus module does (Parquet generation + CURRENT.json + CSVs)."""
    corpus._save(data_dir, {name: corpus._typed(frame, name) for name, frame in frames.items()})


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def app_test():
    from streamlit.testing.v1 import AppTest
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)


def check(at) -> None:
    if at.exception:
        raise SystemExit(f"app raised: {[e.value for e in at.exception]}")


def bench_seed(data_dir: Path) -> dict:
    import streamlit as st
    os.environ["ZHIBIAO_DATA_DIR"] = str(data_dir)
    corpus.ensure_seed_corpus(data_dir=data_dir, seeds_dir=ROOT / "seeds")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app_test()
    first, _ = timed(at.run)
    check(at)
    again, _ = timed(at.run)
    at.sidebar.multiselect(key="kind").set_value(["percent"])
    redraw, _ = timed(at.run)
    check(at)
    return {"claims": len(corpus.load(data_dir=data_dir).claims), "first": first, "rerun": again, "redraw": redraw}


def bench_million(n: int, data_dir: Path) -> dict:
    import streamlit as st
    from extractors import present
    build, frames = timed(lambda: synthetic_corpus(n))
    write, _ = timed(lambda: write_corpus(frames, data_dir))
    del frames
    os.environ["ZHIBIAO_DATA_DIR"] = str(data_dir)
    st.cache_data.clear()
    st.cache_resource.clear()
    load, tables = timed(lambda: corpus.load(data_dir=data_dir))
    prep, claims = timed(lambda: present.prepare_claims(tables.claims))
    filt, _ = timed(lambda: present.filter_claims(claims, {"kind": ["percent"], "status": ["actual"]}, "营业收入"))
    at = app_test()
    first, _ = timed(at.run)
    check(at)
    n_table = len(at.dataframe(key="table").value)
    steps = {}
    at.sidebar.multiselect(key="kind").set_value(["percent"])
    steps["kind=percent"], _ = timed(at.run)
    check(at)
    at.sidebar.multiselect(key="status").set_value(["target"])
    steps["+status=target"], _ = timed(at.run)
    at.sidebar.text_input(key="q").input("营业收入")
    steps["+search 营业收入"], _ = timed(at.run)
    at.sidebar.multiselect(key="kind").set_value(["money"])
    steps["kind=money"], _ = timed(at.run)
    check(at)
    at.sidebar.button(key="reset").click()
    steps["clear filters"], _ = timed(at.run)
    check(at)
    charts = len(at.get("vega_lite_chart"))
    return {"claims": n, "build": build, "write": write, "load": load, "prepare": prep, "filter": filt,
            "first": first, "steps": steps, "table_rows": n_table, "charts": charts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the synthetic data folder here")
    args = parser.parse_args()
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="zhibiao-bench-") as tmp:
        seed = bench_seed(Path(tmp) / "seed")
        print(f"seed corpus ({seed['claims']} claims): first run incl. load + charts {seed['first']:.2f} s "
              f"(aim <= 3 s); cached rerun {seed['rerun']:.2f} s; filter change {seed['redraw']:.2f} s")
        big_dir = Path(args.keep) if args.keep else Path(tmp) / "big"
        m = bench_million(args.claims, big_dir)
        print(f"synthetic corpus: {m['claims']:,} claims built in {m['build']:.1f} s, stored in {m['write']:.1f} s")
        print(f"  corpus.load {m['load']:.2f} s, prepare_claims {m['prepare']:.2f} s, "
              f"filter (kind+status+text) {m['filter'] * 1000:.0f} ms")
        print(f"  first run (cold: load + prepare + charts): {m['first']:.2f} s; "
              f"{m['charts']} charts, table {m['table_rows']} rows")
        for name, secs in m["steps"].items():
            print(f"  filter change [{name}] -> redraw {secs:.2f} s (aim <= 1 s)")
        print(json.dumps({"seed": seed, "million": m}, default=float))


if __name__ == "__main__":
    main()
