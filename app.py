"""zhibiao 指标 dashboard: indicators over time and every claim of the corpus,
traced to its source sentence and downloadable.

Run with `bash scripts/run.sh` (streamlit run app.py). The corpus is
$ZHIBIAO_DATA_DIR (default data/); an empty or stale corpus is built from
$ZHIBIAO_SEEDS_DIR (default seeds/). This file only wires the sections of
the dashboard/ package; data access is dashboard/data.py (DuckDB).
"""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from dashboard import compare, downloads, explore, series, source, upload
from dashboard.data import CorpusDB, data_fingerprint, is_extract_output
from dashboard.locales import LANGUAGES, t, use_language
from dashboard.state import from_url, to_url, track_pick
from extractors import corpus
from extractors.fingerprint import extractor_fingerprint

ROOT = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ZHIBIAO_DATA_DIR") or corpus.DATA_DIR)
SEEDS_DIR = Path(os.environ.get("ZHIBIAO_SEEDS_DIR") or ROOT / "seeds")


@st.cache_resource(show_spinner=False, max_entries=2)
def open_corpus(data_dir: str, data_fp: str, extractor_fp: str) -> CorpusDB:
    """One DuckDB database per corpus version (the fingerprints only key the cache)."""
    db = CorpusDB(data_dir)
    db.fingerprint = f"{data_fp}:{extractor_fp}"
    return db


@st.cache_data(show_spinner=False, max_entries=32)
def document_text(doc_id: str, data_dir: str, data_fp: str) -> str:
    try:
        return corpus.document_text(doc_id, data_dir=Path(data_dir))
    except (OSError, KeyError, ValueError, LookupError):
        return ""


def ensure_data() -> None:
    """Build the corpus from the seeds, with a progress bar, when it is missing or stale
    (an `extract --format parquet` output folder is shown as it is)."""
    if is_extract_output(DATA_DIR) or not corpus.is_stale(data_dir=DATA_DIR):
        return
    with st.status(t("regen"), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(done: int, total: int) -> None:
            bar.progress(min(1.0, done / total) if total else 1.0, text=f"{done} / {total}")

        corpus.ensure_seed_corpus(data_dir=DATA_DIR, seeds_dir=SEEDS_DIR, progress_callback=progress)
        bar.progress(1.0)
        status.update(label=t("regen.done"), state="complete", expanded=False)


def main() -> None:
    st.set_page_config(page_title="指标 zhibiao", page_icon="📊", layout="wide")
    from_url("lang", LANGUAGES, many=False)
    st.session_state.setdefault("lang", "zh")
    lang = use_language(st.sidebar.segmented_control(
        "语言 / Language", list(LANGUAGES), key="lang", format_func={"zh": "中文", "en": "English"}.get,
        required=True) or "zh")
    to_url({"lang": lang})
    st.html(source.CSS)
    st.title(t("title"))
    st.caption(t("subtitle"))
    ensure_data()
    data_fp = data_fingerprint(DATA_DIR)
    db = open_corpus(str(DATA_DIR), data_fp, extractor_fingerprint())

    def text_of(doc_id: str) -> str:
        return document_text(doc_id, str(DATA_DIR), data_fp)

    images: dict = {}
    picks = {"chart_series": series.render(db, images)}
    source_box = st.container(border=True)
    compare.render(db)
    w, explore_picks = explore.render(db, images)
    picks.update(explore_picks)
    picked = track_pick(picks)
    with source_box:
        source.panel(db, picked, text_of)
    source.document_view(db, picked, text_of, st.session_state.get("f_doc", []))
    downloads.render(db, w, images)
    upload.render(DATA_DIR)


main()
