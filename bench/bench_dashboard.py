"""Dashboard benchmark: first chart on the seed corpus, and first chart and
filter changes on synthetic corpora of 1,000,000 and 10,000,000 claims read
by DuckDB from Parquet (the `extract --format parquet` layout).

    .venv/bin/python bench/bench_dashboard.py [--claims 1000000 10000000] [--keep DIR]
                                              [--cold] [--skip-seed | --search-only]

`--keep DIR` reuses DIR/claims_N when it is there. Among the filter changes are text searches
for phrases only sentences hold (北京市营业收入, 上海市增速: every bigram frequent, the index's
hardest case), then the first again; `--search-only` times the index's answer to them alone,
`--cold` first drops the index files from the page cache (a server's first search after a boot).

Each corpus is written by a child process (so its memory does not count), its
text-search index built by another (dashboard/search.py, as the dashboard does in the
background on a corpus's first open; kept in the cache for later runs), then app.py is
driven headless with streamlit.testing.AppTest: a run executes the whole script (queries,
chart specs, tables) and serialises every element as the server would for the browser;
browser drawing is not included (see tests/browser: a chart's SVG appears ~2-3 s after page
load). Memory is this process's peak RSS (the server's, less Streamlit's web server).
Aims: seed first chart <= 3 s; 1 M claims: filter change <= 1 s;
10 M claims: first chart <= 5 s, filter change <= 1 s, memory <= 2 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import search  # noqa: E402
from dashboard.data import FALLBACK_CATALOGUE, INDICATOR_COLUMNS  # noqa: E402
from extractors.model import CLAIM_COLUMNS, DOCUMENT_COLUMNS  # noqa: E402

CHUNK = 1_000_000
PLACES = [("全国", ""), ("北京市", "110000"), ("上海市", "310000"), ("广东省", "440000"), ("深圳市", "440300"),
          ("山东省", "370000"), ("聊城市", "371500"), ("四川省", "510000"), ("成都市", "510100"),
          ("浙江省", "330000"), ("杭州市", "330100"), ("江苏省", "320000")]
SENTENCE_ONLY = ["北京市营业收入", "上海市增速"]  # a place then an indicator: only sentences hold both
PHRASES = ["营业收入", "工业增加值", "固定资产投资", "实际利用外资", "进出口总额", "税收", "利润总额",
           "社会消费品零售总额", "一般公共预算收入", "地区生产总值", "研发投入", "新增就业", "签约项目",
           "新造林", "粮食产量", "专精特新企业", "贡献率", "增速", "占比", "投资额"]
KINDS = [  # kind, unit, measure, log10 centre, spread, share
    ("money", "元", "level", 9.5, 1.5, 0.30), ("money", "美元", "level", 7.5, 1.0, 0.05),
    ("percent", "%", "change", 1.0, 0.4, 0.30), ("percentage_point", "百分点", "change", 0.3, 0.4, 0.05),
    ("count", "个", "level", 1.5, 0.8, 0.20), ("quantity", "吨", "level", 4.0, 1.0, 0.10)]


def chunk(n: int, offset: int, docs: int, rng) -> tuple[pa.Table, pa.Table]:
    """n claims (rows offset..offset+n) and the indicator rows of those that name a catalogued indicator."""
    shares = np.array([k[5] for k in KINDS])
    k = rng.choice(len(KINDS), size=n, p=shares / shares.sum())
    value = np.round(10 ** rng.normal(np.array([x[3] for x in KINDS])[k], np.array([x[4] for x in KINDS])[k]), 2)
    pct = np.isin(k, [2, 3])
    value[pct] = np.round(rng.normal(6, 3, pct.sum()), 1)
    units = np.array([x[1] for x in KINDS])[k]
    phrase_ix = rng.integers(0, len(PHRASES), n)
    place_ix = rng.integers(0, len(PLACES), n)
    year = rng.integers(2000, 2026, n)
    status = np.where(rng.random(n) < 0.3, "target", "actual")
    doc_ix = np.sort(rng.integers(0, docs, n))
    ids = pd.Series(np.arange(offset, offset + n)).map("{:012x}".format)
    val_s = pd.Series(value).map("{:g}".format)
    text = val_s + pd.Series(units)
    place = np.array([p for p, _ in PLACES])[place_ix]
    phrase = np.array(PHRASES)[phrase_ix]
    sentence = (pd.Series(year.astype(str)) + "年，" + place + phrase
                + np.where(status == "target", "力争达到", "完成") + text + "。")
    start = pd.Series(sentence.str.len() - text.str.len() - 1)
    claims = pd.DataFrame({
        "claim_id": ids, "doc_id": pd.Series(doc_ix).map("bench_{:05d}".format),
        "article": pd.Series(rng.integers(1, 6, n)).map("第{}篇：经济运行稳中向好".format),
        "start": start, "end": start + text.str.len(), "text": text, "sentence": sentence,
        "value": val_s, "value_high": "", "multiplier": "1", "value_normalized": val_s, "unit": units,
        "currency": np.where(units == "元", "CNY", np.where(units == "美元", "USD", "")),
        "kind": np.array([x[0] for x in KINDS])[k], "measure": np.array([x[2] for x in KINDS])[k],
        "status": status, "direction": np.where(pct, "up", ""), "bound": "exact", "qualifier": "",
        "indicator": phrase, "subject": place, "period": year.astype(str), "published": "2025-03-05",
        "rule": "bench.synthetic"}, columns=list(CLAIM_COLUMNS))
    # a tenth of the claims are catalogued indicators (gdp, cpi, …), as in a corpus of reports
    ind_ix = rng.integers(0, len(FALLBACK_CATALOGUE), n)
    mine = rng.random(n) < 0.1
    cat = pd.DataFrame(FALLBACK_CATALOGUE, columns=["indicator_id", "indicator_zh", "indicator_en", "aliases"])
    indicators = pd.DataFrame({
        "indicator_id": cat["indicator_id"].to_numpy()[ind_ix], "indicator_zh": cat["indicator_zh"].to_numpy()[ind_ix],
        "indicator_en": cat["indicator_en"].to_numpy()[ind_ix],
        "subject_id": np.array([c for _, c in PLACES])[place_ix], "subject": place,
        "period": claims["period"], "status": status, "measure": claims["measure"],
        "direction": claims["direction"], "bound": "exact", "value": val_s, "value_high": "",
        "unit": units, "published": "2025-03-05", "doc_id": claims["doc_id"], "claim_id": ids,
        "sentence": sentence}, columns=list(INDICATOR_COLUMNS))[mine]
    return (pa.Table.from_pandas(claims, preserve_index=False),
            pa.Table.from_pandas(indicators, preserve_index=False))


def build(n: int, out: Path, docs: int = 2000) -> None:
    """Write n claims as Parquet in chunks of a million (memory stays flat)."""
    rng = np.random.default_rng(0)
    for name in ("claims", "indicators", "documents", "articles"):
        (out / name).mkdir(parents=True, exist_ok=True)
    for i, offset in enumerate(range(0, n, CHUNK)):
        claims, indicators = chunk(min(CHUNK, n - offset), offset, docs, rng)
        pq.write_table(claims, out / "claims" / f"part-{i:04d}.parquet", row_group_size=256_000)
        pq.write_table(indicators, out / "indicators" / f"part-{i:04d}.parquet")
    doc_ids = [f"bench_{i:05d}" for i in range(docs)]
    documents = pd.DataFrame({"doc_id": doc_ids, "path": "", "title": [f"基准文档 {d}" for d in doc_ids],
                              "published": "2025-03-05", "characters": 0, "claims": 0, "format": "txt",
                              "encoding": "utf-8", "sha256": "", "error": ""}, columns=list(DOCUMENT_COLUMNS))
    pq.write_table(pa.Table.from_pandas(documents, preserve_index=False), out / "documents" / "part-0.parquet")
    articles = pd.DataFrame({"doc_id": doc_ids, "article": "第1篇：经济运行稳中向好", "start": 0, "end": 0,
                             "byline": "", "claims": 0})
    pq.write_table(pa.Table.from_pandas(articles, preserve_index=False), out / "articles" / "part-0.parquet")


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def app_test(**query):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def check(at) -> None:
    if at.exception:
        raise SystemExit(f"app raised: {[e.value for e in at.exception]}")


def fresh(data_dir: Path) -> None:
    import streamlit as st
    os.environ["ZHIBIAO_DATA_DIR"] = str(data_dir)
    st.cache_data.clear()
    st.cache_resource.clear()


def bench_seed(data_dir: Path) -> dict:
    from extractors import corpus
    corpus.ensure_seed_corpus(data_dir=data_dir, seeds_dir=ROOT / "seeds")
    fresh(data_dir)
    at = app_test()
    first, _ = timed(at.run)
    check(at)
    again, _ = timed(at.run)
    at.sidebar.multiselect(key="f_kind").set_value(["percent"])
    redraw, _ = timed(at.run)
    check(at)
    return {"claims": len(corpus.load(data_dir=data_dir).claims), "first": first, "rerun": again, "redraw": redraw}


def bench_big(data_dir: Path) -> dict:
    fresh(data_dir)
    at = app_test(indicator="gdp", measure="change", subject="全国")
    first, _ = timed(at.run)
    check(at)
    steps = {}

    def step(name, act):
        act()
        steps[name], _ = timed(at.run)
        check(at)

    step("claims: kind=percent", lambda: at.sidebar.multiselect(key="f_kind").set_value(["percent"]))
    step("claims: +status=target", lambda: at.sidebar.multiselect(key="f_status").set_value(["target"]))
    step("claims: +search 营业收入", lambda: at.sidebar.text_input(key="q").input("营业收入"))
    step("claims: kind=money", lambda: at.sidebar.multiselect(key="f_kind").set_value(["money"]))
    # phrases that neither an indicator nor a subject contains: found by the sentences alone,
    # each of their bigrams frequent (the index's hardest case); then the first again
    for phrase in SENTENCE_ONLY:
        step(f"claims: search {phrase} (sentences only)", lambda p=phrase: at.sidebar.text_input(key="q").input(p))
    step(f"claims: search {SENTENCE_ONLY[0]} again", lambda: at.sidebar.text_input(key="q").input(SENTENCE_ONLY[0]))
    step("claims: clear filters", lambda: at.sidebar.button(key="reset").click())
    step("series: indicator=cpi", lambda: at.selectbox(key="indicator").set_value("cpi"))
    step("series: +3 places", lambda: at.multiselect(key="subject").set_value(
        ["全国", "110000", "310000", "440000"]))  # keys: the code where there is one
    step("series: measure=level", lambda: at.selectbox(key="measure").set_value("level"))
    return {"first": first, "steps": steps, "charts": len(at.get("vega_lite_chart")),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def bench_search(parts: list[str]) -> dict:
    """The index's answer alone (CorpusIndex.residual_rows, freshly opened): a phrase only
    sentences hold, first and repeated, then a rare phrase (in no sentence) and a Latin one."""
    import duckdb
    index, con, out = search.CorpusIndex(parts), duckdb.connect(), {}
    for query, label in [(SENTENCE_ONLY[0], "first"), (SENTENCE_ONLY[0], "repeat"),
                         (SENTENCE_ONLY[1], "first"), ("北京市外资", "first"), ("GDP增速", "first")]:
        secs, rows = timed(lambda q=query: index.residual_rows(con, q))
        out[f"{query} ({label})"] = {"secs": secs, "rows": int(sum(len(r) for r in rows.values()))}
    return out


def evict(paths: list[Path]) -> None:
    """Drop these files' pages from the page cache (a server's first search after a cold start)."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--keep", metavar="DIR", help="keep the synthetic corpora here")
    parser.add_argument("--search-only", action="store_true",
                        help="time the text-search index alone (no seed corpus, no app runs)")
    parser.add_argument("--skip-seed", action="store_true", help="skip the seed corpus's figures")
    parser.add_argument("--cold", action="store_true",
                        help="evict the search index files from the page cache before each corpus")
    parser.add_argument("--build", metavar="DIR", help=argparse.SUPPRESS)  # child process: write and exit
    args = parser.parse_args()
    if args.build:
        build(args.claims[0], Path(args.build))
        return
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    results = {}
    with tempfile.TemporaryDirectory(prefix="zhibiao-bench-") as tmp:
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        if not (args.search_only or args.skip_seed):
            seed = results["seed"] = bench_seed(Path(tmp) / "seed")
            print(f"seed corpus ({seed['claims']} claims): first run incl. load + charts {seed['first']:.2f} s "
                  f"(aim <= 3 s); cached rerun {seed['rerun']:.2f} s; filter change {seed['redraw']:.2f} s",
                  flush=True)
        for n in args.claims:
            out = Path(args.keep or tmp) / f"claims_{n}"
            if not (out / "claims").is_dir():
                secs, _ = timed(lambda: subprocess.run([sys.executable, __file__, "--claims", str(n),
                                                        "--build", str(out)], check=True))
                print(f"{n:,} claims: written as Parquet in {secs:.0f} s "
                      f"({sum(f.stat().st_size for f in out.rglob('*.parquet')) / 1e6:.0f} MB)", flush=True)
            missing = [str(p) for p in sorted((out / "claims").glob("*.parquet")) if not search.is_indexed(p)]
            if missing:  # what the dashboard does in the background on first open, here before timing
                secs, _ = timed(lambda: subprocess.run([sys.executable, "-m", "dashboard.search", "build", *missing],
                                                       cwd=ROOT, check=True))
                size = sum(f.stat().st_size for p in missing for f in search.index_dir(p).iterdir())
                print(f"  search index of {len(missing)} parts built in {secs:.0f} s ({size / 1e6:.0f} MB, "
                      f"in {search.cache_dir()})", flush=True)
            parts = [str(p) for p in sorted((out / "claims").glob("*.parquet"))]
            if args.cold:
                evict([f for p in parts for f in search.index_dir(p).iterdir()])
            if args.search_only:
                m = results[str(n)] = {"search": bench_search(parts)}
                for name, r in m["search"].items():
                    print(f"  text search index alone [{name}]: {r['secs']:.3f} s, {r['rows']:,} rows by sentence")
                continue
            m = results[str(n)] = bench_big(out)
            print(f"  first run (cold: open, every query, charts, tables): {m['first']:.2f} s; {m['charts']} charts")
            for name, secs in m["steps"].items():
                print(f"  filter change [{name}] -> redraw {secs:.2f} s")
            firsts = [m["steps"][f"claims: search {p} (sentences only)"] for p in SENTENCE_ONLY]
            print(f"  search for a phrase only sentences hold: first {' / '.join(f'{x:.2f}' for x in firsts)} s, "
                  f"again {m['steps'][f'claims: search {SENTENCE_ONLY[0]} again']:.2f} s (aim <= 1 s)")
            print(f"  peak RSS of the app process so far: {m['peak_rss_mb']:.0f} MB", flush=True)
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print(json.dumps(results, default=float))


if __name__ == "__main__":
    main()
