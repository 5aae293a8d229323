"""The stored corpus: dedup by content hash, stale detection and refresh, atomic writes, export."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractors import corpus
from extractors.ingest import read_document
from extractors.model import ARTICLE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS
from extractors.batch import INDICATOR_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"
SENTENCES = ["全市生产总值增长5.5%。", "规模以上工业增加值增长7.1%。",
             "固定资产投资110.06亿元。", "新签约项目35个。"]


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def small_files(tmp_path) -> list[Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    paths = []
    for i, sentence in enumerate(SENTENCES):
        path = folder / f"doc{i}.txt"
        path.write_text(f"第{i}份材料\n{sentence}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _state(data: Path) -> tuple:
    tables = corpus.load(data)
    return (sorted(tables.documents["doc_id"]), len(tables.claims),
            (data / corpus.POINTER).read_text(encoding="utf-8"))


def test_empty_corpus(data):
    tables = corpus.load(data)
    assert list(tables.claims.columns) == list(CLAIM_COLUMNS)
    assert list(tables.documents.columns) == list(DOCUMENT_COLUMNS)
    assert list(tables.articles.columns) == list(ARTICLE_COLUMNS)
    assert tables.claims.empty and corpus.is_stale(data)
    with pytest.raises(ValueError, match="nope"):
        corpus.document_text("nope", data)


def test_add_stores_text_and_hash(data):
    report = corpus.add_paths([SEED], data_dir=data)
    assert (report.added, report.skipped, report.errors) == (1, 0, [])
    doc = read_document(SEED)
    assert corpus.document_text(doc.doc_id, data) == doc.text
    row = corpus.load(data).documents.iloc[0]
    assert (row["doc_id"], row["published"], row["format"]) == (SEED.stem, "2022-06-15", "txt")
    assert len(row["sha256"]) == 64
    assert not corpus.is_stale(data)
    files = corpus.current_files(data)
    assert all(len(files[name]) == 1 for name in ("claims", "indicators", "documents"))
    assert pd.read_parquet(files["claims"][0])["doc_id"].eq(SEED.stem).all()
    import pyarrow.parquet as pq
    assert pq.ParquetFile(files["claims"][0]).metadata.num_row_groups == 1  # one scan, not one per text


def test_dedup_by_content_hash(data, tmp_path):
    corpus.add_paths([SEED], data_dir=data)
    assert corpus.add_paths([SEED], data_dir=data).skipped == 1
    same_text_gbk = tmp_path / "copy_in_gbk.txt"  # other bytes, other name, same text
    same_text_gbk.write_bytes(SEED.read_text(encoding="utf-8").encode("gbk"))
    report = corpus.add_paths([same_text_gbk], data_dir=data)
    assert (report.added, report.skipped) == (0, 1)
    assert len(corpus.load(data).documents) == 1


def test_same_name_other_text_gets_own_id(data, tmp_path):
    for folder, sentence in (("a", SENTENCES[0]), ("b", SENTENCES[1])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(sentence, encoding="utf-8")
    corpus.add_paths([tmp_path / "a"], data_dir=data)
    report = corpus.add_paths([tmp_path / "b"], data_dir=data)
    assert report.added == 1 and report.doc_ids[0].startswith("report_")
    both = corpus.add_paths([tmp_path / "a", tmp_path / "b"], data_dir=tmp_path / "fresh", workers=1)
    assert both.added == 2 and len(set(both.doc_ids)) == 2  # one batch, same name twice


def test_parallel_add_with_progress(data, small_files):
    ticks = []
    report = corpus.add_paths(small_files, data_dir=data, workers=2, progress=True,
                              progress_callback=lambda done, total: ticks.append((done, total)))
    assert report.added == len(small_files) and report.errors == []
    assert ticks[-1] == (len(small_files), len(small_files))
    assert sorted(corpus.load(data).documents["doc_id"]) == [p.stem for p in small_files]


def test_add_text_upload(data):
    import docx
    import io

    document = docx.Document()
    document.add_paragraph(SENTENCES[2])
    buffer = io.BytesIO()
    document.save(buffer)
    report = corpus.add_text("上传/年度 报告.docx", buffer.getvalue(), data_dir=data, published="2023-01-02")
    assert report.doc_ids == ["年度_报告"]
    row = corpus.load(data).documents.iloc[0]
    assert (row["format"], row["published"]) == ("docx", "2023-01-02")
    assert corpus.document_text("年度_报告", data).strip() == SENTENCES[2]
    assert corpus.add_text("again.docx", buffer.getvalue(), data_dir=data).skipped == 1


def test_stale_and_refresh(data, small_files, monkeypatch):
    corpus.add_paths(small_files, data_dir=data, workers=1)
    before = corpus.load(data)
    assert not corpus.is_stale(data)
    monkeypatch.setattr(corpus, "extractor_fingerprint", lambda: "another-version")
    assert corpus.is_stale(data)
    report = corpus.refresh(data)
    assert (report.added, report.errors) == (len(small_files), [])
    assert not corpus.is_stale(data)
    after = corpus.load(data)
    assert sorted(after.documents["doc_id"]) == sorted(before.documents["doc_id"])
    assert len(after.claims) == len(before.claims)  # replaced, not appended
    assert corpus.refresh(data).skipped == len(small_files)  # nothing left to do


def test_ensure_seed_corpus(data, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / SEED.name).write_bytes(SEED.read_bytes())
    (seeds / SEED.with_suffix(".meta.json").name).write_bytes(SEED.with_suffix(".meta.json").read_bytes())
    ticks = []
    corpus.ensure_seed_corpus(data, seeds, progress_callback=lambda d, t: ticks.append((d, t)))
    assert list(corpus.load(data).documents["doc_id"]) == [SEED.stem] and ticks
    pointer = (data / corpus.POINTER).read_text(encoding="utf-8")
    corpus.ensure_seed_corpus(data, seeds)
    assert (data / corpus.POINTER).read_text(encoding="utf-8") == pointer  # fresh: untouched


def _files_on_disk(data: Path) -> set[Path]:
    return set((data / "parts").rglob("*.parquet"))


@pytest.mark.parametrize("interrupt", [RuntimeError("disk full"), KeyboardInterrupt()],
                         ids=["error", "ctrl-c"])
def test_crash_before_manifest_swap_keeps_previous(data, small_files, monkeypatch, interrupt):
    corpus.add_paths(small_files[:2], data_dir=data, workers=1)
    before = _state(data)
    real_replace = corpus._replace_text

    def crash(path, payload):
        if path.name == corpus.POINTER:  # the new parts are fully written by now
            raise interrupt
        real_replace(path, payload)
    monkeypatch.setattr(corpus, "_replace_text", crash)
    with pytest.raises(type(interrupt)):
        corpus.add_paths(small_files[2:], data_dir=data, workers=1)
    assert _state(data) == before
    monkeypatch.undo()
    assert corpus.add_paths(small_files[2:], data_dir=data, workers=1).added == 2  # recovers
    named = {Path(p) for files in corpus.current_files(data).values() for p in files}
    assert _files_on_disk(data) == named  # the crashed write's parts are gone, no other file


def test_crash_mid_write_keeps_previous(data, small_files, monkeypatch):
    corpus.add_paths(small_files[:2], data_dir=data, workers=1)
    before = _state(data)
    real_write = corpus._write_file
    calls = []

    def write_then_crash(table, where):
        real_write(table, where)
        calls.append(where)
        if len(calls) == 2:
            raise OSError("no space left on device")
    monkeypatch.setattr(corpus, "_write_file", write_then_crash)
    with pytest.raises(OSError):
        corpus.add_paths(small_files[2:], data_dir=data, workers=1)
    assert _state(data) == before
    monkeypatch.undo()
    assert corpus.add_paths(small_files[2:], data_dir=data, workers=1).added == 2  # recovers
    assert sorted(corpus.load(data).documents["doc_id"]) == [p.stem for p in small_files]


def test_add_appends_parts_without_rewriting(data, small_files):
    corpus.add_paths(small_files[:3], data_dir=data, workers=1)
    before = {p: p.stat().st_mtime_ns for p in _files_on_disk(data)}
    corpus.add_paths(small_files[3:], data_dir=data, workers=1)
    after = _files_on_disk(data)
    assert set(before) < after and len(after - set(before)) == 5  # one new part per table
    assert all(p.stat().st_mtime_ns == before[p] for p in before)  # stored parts untouched
    assert len(corpus.current_files(data)["claims"]) == 2


def test_old_parts_collected(data, small_files):
    for path in small_files:
        corpus.add_paths([path], data_dir=data, workers=1)
    files = corpus.current_files(data)
    assert len(files["claims"]) == len(small_files)
    assert len(list((data / "parts" / "claims").glob("*.parquet"))) == len(small_files)
    before = corpus.load(data)
    assert corpus.compact(data) == (len(small_files), 1)
    after = corpus.load(data)
    pd.testing.assert_frame_equal(before.claims, after.claims)
    assert len(corpus.current_files(data)["claims"]) == 1
    assert len(list((data / "parts" / "claims").glob("*.parquet"))) == len(small_files) + 1  # previous kept
    extra = small_files[0].with_name("extra.txt")
    extra.write_text(SENTENCES[3] + "再增长3%。", encoding="utf-8")
    corpus.add_paths([extra], data_dir=data, workers=1)  # a write later: the four old parts go
    on_disk = {p.name for p in (data / "parts" / "claims").glob("*.parquet")}
    assert on_disk == {Path(p).name for p in corpus.current_files(data)["claims"]}


def test_current_files_is_an_atomic_view(data, small_files):
    corpus.add_paths(small_files[:2], data_dir=data, workers=1)
    view = corpus.current_files(data)
    corpus.add_paths(small_files[2:], data_dir=data, workers=1)
    claims = pd.concat([pd.read_parquet(p) for p in view["claims"]])
    assert set(claims["doc_id"]) == {p.stem for p in small_files[:2]}  # still readable, unchanged
    now = corpus.current_files(data)
    assert set(now) >= {"claims", "indicators", "documents"} and set(view["claims"]) < set(now["claims"])


def test_reads_a_corpus_of_the_generation_layout(data, small_files):
    import json

    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    corpus.add_paths(small_files, data_dir=data, workers=1)
    tables = corpus.load(data)
    gen = data / "gen-20260101T000000-abcdef"
    gen.mkdir()
    for name in ("claims", "documents", "articles"):
        feather.write_feather(pa.Table.from_pandas(getattr(tables, name), preserve_index=False),
                              gen / f"{name}.arrow")
    pq.write_table(pq.read_table(corpus.current_files(data)["sources"][0]), gen / "sources.parquet")
    (data / corpus.POINTER).write_text(json.dumps({"generation": gen.name, "documents": 4}), encoding="utf-8")
    migrated = corpus.load(data)
    pd.testing.assert_frame_equal(migrated.claims, tables.claims)
    assert corpus.document_text(small_files[0].stem, data).strip().endswith(SENTENCES[0])


def test_export_csvs_with_bom(data, small_files, tmp_path):
    corpus.add_paths(small_files, data_dir=data, workers=1)
    out = tmp_path / "export"
    corpus.export(out, data)
    for name, columns in (("claims", CLAIM_COLUMNS), ("documents", DOCUMENT_COLUMNS),
                          ("articles", ARTICLE_COLUMNS), ("indicators", INDICATOR_COLUMNS)):
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        frame = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str)
        assert list(frame.columns) == list(columns)
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig", dtype=str)
    assert sorted(documents["doc_id"]) == [p.stem for p in small_files]


def test_cli_export(data, small_files, tmp_path):
    corpus.add_paths(small_files, data_dir=data, workers=1)
    result = subprocess.run([sys.executable, "-m", "extractors", "export", "--out", str(tmp_path / "o"),
                             "--data", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_threads_of_one_process_write_one_at_a_time(data, tmp_path):
    """Two dashboard sessions uploading at once: a POSIX lock does not separate threads."""
    import threading

    uploads = [(f"upload{i}.txt", f"第{i}批材料\n{SENTENCES[i % 4]}".encode("utf-8")) for i in range(6)]
    threads = [threading.Thread(target=corpus.add_text, args=(name, payload, data)) for name, payload in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(corpus.load(data).documents["doc_id"]) == sorted(name[:-4] for name, _ in uploads)
    named = {Path(p) for files in corpus.current_files(data).values() for p in files}
    assert _files_on_disk(data) == named


def test_refresh_keeps_the_old_rows_of_a_document_the_new_extractor_fails_on(data, small_files, monkeypatch):
    corpus.add_paths(small_files, data_dir=data, workers=1)
    before = corpus.load(data).claims
    monkeypatch.setattr(corpus, "extractor_fingerprint", lambda: "another-version")
    real_rows = corpus.batch.document_rows

    def fail_on_doc1(doc, published=None):
        if doc.doc_id == "doc1":
            raise RuntimeError("new extractor bug")
        return real_rows(doc, published)
    monkeypatch.setattr(corpus.batch, "document_rows", fail_on_doc1)
    report = corpus.refresh(data, workers=1)
    assert report.added == len(small_files) - 1
    assert len(report.errors) == 1 and "doc1" in report.errors[0] and "new extractor bug" in report.errors[0]
    after = corpus.load(data).claims
    pd.testing.assert_frame_equal(after.sort_values("claim_id", ignore_index=True),
                                  before.sort_values("claim_id", ignore_index=True))
    assert corpus.is_stale(data)  # doc1 is still the old extractor's: the next refresh retries it


def test_cli_compact_and_add_of_a_table_of_texts(data, tmp_path):
    import json

    table = tmp_path / "texts.jsonl"
    table.write_text("".join(json.dumps({"doc_id": f"row{i}", "text": s, "published": "2023-05-01"},
                                        ensure_ascii=False) + "\n" for i, s in enumerate(SENTENCES)),
                     encoding="utf-8")
    for path in (table, ROOT / "seeds"):
        result = subprocess.run([sys.executable, "-m", "extractors", "add", str(path), "--data", str(data)],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    stored = corpus.load(data)
    assert sorted(stored.documents["doc_id"]) == sorted([SEED.stem, "row0", "row1", "row2", "row3"])
    assert set(stored.documents.set_index("doc_id").loc[["row0", "row3"], "published"]) == {"2023-05-01"}
    result = subprocess.run([sys.executable, "-m", "extractors", "compact", "--data", str(data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "2 parts -> 1" in result.stderr, result.stderr
    compacted = corpus.load(data)
    pd.testing.assert_frame_equal(compacted.claims, stored.claims)
    assert corpus.document_text("row2", data) == SENTENCES[2]
