"""The stored corpus in data/: documents, their text, their claims; what the dashboard reads.

Storage is one folder of Arrow and Parquet files per generation, plus a pointer:

    data/CURRENT.json          {"generation": "gen-…", "fingerprints": [...], counts}
    data/gen-…/claims.arrow    DESIGN.md claim columns (Arrow IPC, lz4)
    data/gen-…/documents.arrow, articles.arrow
    data/gen-…/sources.parquet each document's text, sha256 of the text, extractor
                               fingerprint, and what refresh() needs to re-extract it
    data/claims.csv, documents.csv, articles.csv   the same tables for people (utf-8-sig)

Arrow files because load() at a million claims is one columnar read into
arrow-backed pandas strings: 0.3-0.8 s here, where the same table as Parquet
took 1.6-2.9 s (bench/bench_ingest.py). Files because readers never take a
lock (a DuckDB file admits no other process while one writes): the dashboard
can read while `python -m extractors add` writes. A change writes
a whole new generation into a temporary folder, renames it, and then replaces
CURRENT.json (os.replace is atomic), so a crash or Ctrl-C at any point leaves
the previous corpus as it was. Writers serialise on an flock of data/.lock.
The previous generation is kept one change longer for readers still on it.
"""
from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.feather as feather
import pyarrow.parquet as pq

from . import pipeline
from .fingerprint import extractor_fingerprint
from .ingest import ReadError, iter_paths, read_bytes, read_document
from .table import neutralise_arrow   # reliab: CSV neutralisation
from .model import ARTICLE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, Document
from .table import articles_frame, claims_frame, documents_frame

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
POINTER = "CURRENT.json"
SOURCE_COLUMNS = ("doc_id", "sha256", "fingerprint", "path", "format", "encoding", "title",
                  "published", "text")
TABLES = {  # name -> (columns, integer columns)
    "claims": (CLAIM_COLUMNS, ("start", "end")),
    "documents": (DOCUMENT_COLUMNS, ("characters", "claims")),
    "articles": (ARTICLE_COLUMNS, ("start", "end", "claims")),
    "sources": (SOURCE_COLUMNS, ()),
}
# The tables the dashboard loads whole are Arrow IPC (Feather v2, lz4): at a million claims they
# load in ~0.5 s where Parquet takes ~3 s. The texts are Parquet, sorted by doc_id in small row
# groups, so that document_text() reads one row group instead of every text.
FILES = {"claims": "claims.arrow", "documents": "documents.arrow", "articles": "articles.arrow",
         "sources": "sources.parquet"}
TEXT_ROW_GROUP = 16

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Tables:
    claims: pd.DataFrame
    documents: pd.DataFrame
    articles: pd.DataFrame


@dataclass
class AddReport:
    added: int = 0
    skipped: int = 0               # same content hash as a stored document (or up to date, in refresh)
    errors: list[str] = field(default_factory=list)  # one line each: "PATH: reason"
    doc_ids: list[str] = field(default_factory=list)  # of the documents added


def load(data_dir: str | Path = DATA_DIR) -> Tables:
    """The stored claims, documents and articles; empty frames with DESIGN columns if none."""
    gen = _generation(Path(data_dir))
    return Tables(*(_read_table(gen, name) for name in ("claims", "documents", "articles")))


def document_text(doc_id: str, data_dir: str | Path = DATA_DIR) -> str:
    """The text of one stored document exactly as read (claim offsets index it)."""
    gen = _generation(Path(data_dir))
    if gen is not None:
        table = pq.read_table(gen / FILES["sources"], columns=["text"],
                              filters=[("doc_id", "==", doc_id)])
        if table.num_rows:
            return table.column("text")[0].as_py()
    raise ValueError(f"no stored document {doc_id!r} in {data_dir}")


def is_stale(data_dir: str | Path = DATA_DIR) -> bool:
    """True when nothing is stored, or something was extracted by another extractor version."""
    manifest = _manifest(Path(data_dir))
    return not manifest.get("documents") or manifest.get("fingerprints") != [extractor_fingerprint()]


def add_paths(paths: Iterable[str | Path], data_dir: str | Path = DATA_DIR, published: str | None = None,
              workers: int = 2, progress: bool = False,
              progress_callback: Progress | None = None) -> AddReport:
    """Read, extract and store files (folders recursively); documents whose text is stored already
    are skipped. published fills documents that state no date. Unreadable files become
    report.errors lines; the rest is still stored."""
    data_dir = Path(data_dir)
    paths = [Path(p) for p in paths]
    report = AddReport(errors=[f"{p}: no such file or folder" for p in paths if not p.exists()])
    files = [str(f) for f in iter_paths([p for p in paths if p.exists()])]
    with _locked(data_dir):
        store = _read_store(data_dir)
        results = _run(_ingest_path, [(f, published) for f in files], workers, progress, progress_callback,
                       context=_known(store))
        _merge(data_dir, store, results, report, replace_docs=False)
    return report


def add_text(name: str, data: bytes, data_dir: str | Path = DATA_DIR,
             published: str | None = None) -> AddReport:
    """Store one uploaded file (bytes of .txt/.pdf/.docx/.html); name gives format and doc_id."""
    data_dir = Path(data_dir)
    try:
        doc = read_bytes(name, data, published)
    except ReadError as err:
        return AddReport(errors=[str(err)])
    report = AddReport()
    with _locked(data_dir):
        store = _read_store(data_dir)
        result = _ingest(doc, published, *_known(store))
        _merge(data_dir, store, [result], report, replace_docs=False)
    return report


def refresh(data_dir: str | Path = DATA_DIR, progress: bool = False,
            progress_callback: Progress | None = None, workers: int = 2) -> AddReport:
    """Re-extract, from their stored text, the documents extracted by another extractor version."""
    data_dir = Path(data_dir)
    report = AddReport()
    with _locked(data_dir):
        store = _read_store(data_dir)
        sources = store["sources"]
        stale = sources[sources["fingerprint"] != extractor_fingerprint()]
        report.skipped = len(sources) - len(stale)
        if stale.empty:
            return report
        jobs = [(_stored_document(row), row["sha256"]) for row in stale.to_dict("records")]
        results = _run(_extract, jobs, workers, progress, progress_callback)
        _merge(data_dir, store, results, report, replace_docs=True)
    return report


def ensure_seed_corpus(data_dir: str | Path = DATA_DIR, seeds_dir: str | Path = SEEDS_DIR,
                       progress_callback: Progress | None = None) -> None:
    """If nothing is stored or the extractor changed: re-extract what is stored, add new seeds.

    progress_callback(done, total) is called as documents finish."""
    if not is_stale(data_dir):
        return
    report = refresh(data_dir, progress_callback=progress_callback)
    added = add_paths([seeds_dir], data_dir, progress_callback=progress_callback)
    for line in report.errors + added.errors:
        logger.warning("seed corpus: %s", line)


def export(out_dir: str | Path, data_dir: str | Path = DATA_DIR) -> None:
    """Write claims.csv, documents.csv, articles.csv (UTF-8 with BOM) into out_dir."""
    gen = _generation(Path(data_dir))
    _write_csvs(Path(out_dir), {name: _read_arrow(gen, name) for name in ("claims", "documents", "articles")})


# --- extraction (runs in worker processes) ------------------------------------------------

_CONTEXT: tuple[set, set] = (set(), set())  # known hashes and doc_ids, set once per worker


def _known(store: dict[str, pd.DataFrame]) -> tuple[set, set]:
    """Content hashes and doc_ids already stored."""
    return set(store["sources"]["sha256"]), set(store["sources"]["doc_id"])


def _init_worker(context) -> None:
    global _CONTEXT
    _CONTEXT = context


def _ingest_path(path: str, published: str | None) -> dict:
    try:
        doc = read_document(path)
    except ReadError as err:
        return {"error": str(err)}
    return _ingest(replace(doc, path=_portable(doc.path)), published, *_CONTEXT)


def _portable(path: str) -> str:
    """A path inside the project as relative to it (seeds/….txt), so that the
    bundled data/ reads the same on every machine; others as they are."""
    try:
        return Path(path).resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return path


def _ingest(doc: Document, published: str | None, known_hashes: set, known_ids: set) -> dict:
    sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    if sha in known_hashes:
        return {"skipped": doc.path or doc.doc_id}
    if doc.doc_id in known_ids:  # another document with the same file name
        doc = replace(doc, doc_id=f"{doc.doc_id}_{sha[:8]}")
    return _extract(replace(doc, published=doc.published or published or ""), sha)


def _extract(doc: Document, sha: str) -> dict:
    try:
        result = pipeline.extract_document(doc)
    except Exception as err:  # an extractor bug on one document must not lose the batch
        logger.exception("extractor failed on %s", doc.doc_id)
        return {"error": f"{doc.path or doc.doc_id}: extractor failed: {type(err).__name__}: {err}"}
    document = {**result.document_row, "sha256": sha, "format": doc.format, "encoding": doc.encoding}
    source = {"doc_id": doc.doc_id, "sha256": sha, "fingerprint": extractor_fingerprint(),
              "path": doc.path, "format": doc.format, "encoding": doc.encoding, "title": doc.title,
              "published": doc.published, "text": doc.text}
    return {"doc_id": doc.doc_id, "sha256": sha, "source": source, "document": document,
            "claims": claims_frame(result.claims), "articles": articles_frame(result.article_rows)}


def _stored_document(row: dict) -> Document:
    return Document(doc_id=row["doc_id"], text=row["text"], path=row["path"], format=row["format"],
                    encoding=row["encoding"], title=row["title"], published=row["published"])


def _run(func, jobs: list[tuple], workers: int, progress: bool, callback: Progress | None,
         context: tuple[set, set] | None = None) -> list[dict]:
    """func(*job) for each job, in job order; in worker processes when there are several jobs."""
    from tqdm import tqdm

    results: list[dict | None] = [None] * len(jobs)
    bar = tqdm(total=len(jobs), unit="doc", disable=not progress)
    try:
        if workers <= 1 or len(jobs) <= 1:
            if context is not None:
                _init_worker(context)
            for i, job in enumerate(jobs):
                results[i] = func(*job)
                _tick(bar, callback, i + 1, len(jobs))
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                     initargs=(context or (set(), set()),)) as pool:
                futures = {pool.submit(func, *job): i for i, job in enumerate(jobs)}
                for done, future in enumerate(as_completed(futures), 1):
                    results[futures[future]] = future.result()
                    _tick(bar, callback, done, len(jobs))
    finally:
        bar.close()
    return results


def _tick(bar, callback: Progress | None, done: int, total: int) -> None:
    bar.update(1)
    if callback is not None:
        callback(done, total)


# --- storage ------------------------------------------------------------------------------

def _merge(data_dir: Path, store: dict, results: list[dict], report: AddReport, replace_docs: bool) -> None:
    """Fold extraction results into the store and write a new generation if anything changed."""
    new: dict[str, list] = {name: [] for name in TABLES}
    hashes, ids = _known(store)
    for result in results:
        if "error" in result:
            report.errors.append(result["error"])
        elif "skipped" in result or (not replace_docs and result["sha256"] in hashes):
            report.skipped += 1
        else:
            if not replace_docs and result["doc_id"] in ids:  # same name twice in one batch
                doc = _stored_document(result["source"])
                result = _extract(replace(doc, doc_id=f"{doc.doc_id}_{result['sha256'][:8]}"),
                                  result["sha256"])
            hashes.add(result["sha256"])
            ids.add(result["doc_id"])
            report.added += 1
            report.doc_ids.append(result["doc_id"])
            new["sources"].append(result["source"])
            new["documents"].append(result["document"])
            new["claims"].append(result["claims"])
            new["articles"].append(result["articles"])
    if not report.added:
        return
    frames = {
        "sources": pd.DataFrame(new["sources"], columns=list(SOURCE_COLUMNS)),
        "documents": documents_frame(new["documents"]),
        "claims": pd.concat(new["claims"], ignore_index=True),
        "articles": pd.concat(new["articles"], ignore_index=True),
    }
    replaced = set(report.doc_ids) if replace_docs else set()
    merged = {}
    for name, frame in frames.items():
        old = store[name]
        if replaced:
            old = old[~old["doc_id"].isin(replaced)]
        merged[name] = pd.concat([old, _typed(frame, name)], ignore_index=True)
    _save(data_dir, merged)


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """DESIGN columns in order; integers as Int64, everything else as strings ('' for missing)."""
    columns, ints = TABLES[name]
    frame = frame.reindex(columns=list(columns))
    out = {}
    for col in columns:
        if col in ints:
            out[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
        else:
            out[col] = frame[col].astype("object").where(frame[col].notna(), "").astype(str)
    return pd.DataFrame(out, columns=list(columns))


def _schema(name: str) -> pa.Schema:
    columns, ints = TABLES[name]
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in columns])


def _save(data_dir: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write a new generation and point CURRENT.json at it; on any failure the old one stays."""
    data_dir.mkdir(parents=True, exist_ok=True)
    frames["sources"] = frames["sources"].sort_values("doc_id", ignore_index=True)
    tables = {name: _arrow(frame, name) for name, frame in frames.items()}
    tmp = data_dir / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for name, table in tables.items():
            _write_file(table, tmp / FILES[name])
        gen = data_dir / f"gen-{dt.datetime.now().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        os.rename(tmp, gen)
        tmp = gen
        _publish(data_dir, {"generation": gen.name,
                            "fingerprints": sorted(set(frames["sources"]["fingerprint"])),
                            "documents": tables["sources"].num_rows, "claims": tables["claims"].num_rows,
                            "written": dt.datetime.now().isoformat(timespec="seconds")})
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # CURRENT.json still names the previous generation
        raise
    _collect_garbage(data_dir)
    _write_csvs(data_dir, tables)


def _arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    columns, ints = TABLES[name]
    frame = frame.copy(deep=False)
    for col in ints:  # Int64 in memory, float after a concat with missing values: int64 on disk
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return pa.Table.from_pandas(frame, schema=_schema(name), preserve_index=False)


def _write_file(table: pa.Table, path: Path) -> None:
    if path.suffix == ".parquet":
        pq.write_table(table, path, row_group_size=TEXT_ROW_GROUP)
    else:
        feather.write_feather(table, path, compression="lz4")


def _publish(data_dir: Path, manifest: dict) -> None:
    """Point CURRENT.json at a new generation: one atomic rename."""
    tmp = data_dir / f".{POINTER}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    try:
        os.replace(tmp, data_dir / POINTER)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _collect_garbage(data_dir: Path) -> None:
    """Drop generations but the current and the previous one, and leftovers of crashed writes."""
    current = _manifest(data_dir).get("generation")
    gens = sorted((p for p in data_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    keep = {current, *[p.name for p in gens if p.name != current][-1:]}
    for p in gens:
        if p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
    for p in data_dir.glob(".tmp-*"):
        shutil.rmtree(p, ignore_errors=True)


def _write_csvs(out_dir: Path, tables: dict[str, pa.Table]) -> None:
    """claims.csv, documents.csv, articles.csv as UTF-8 with BOM, each replaced atomically.

    Arrow's CSV writer, not pandas (table.write_csv): a million claims take ~1 s, not ~25 s."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("claims", "documents", "articles"):
        path = out_dir / f"{name}.csv"
        tmp = out_dir / f".{name}.csv.{uuid.uuid4().hex}"
        try:
            with open(tmp, "wb") as fh:
                fh.write(codecs.BOM_UTF8)
                pa_csv.write_csv(neutralise_arrow(tables[name]), fh)   # reliab: no live formulas for people
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _manifest(data_dir: Path) -> dict:
    try:
        return json.loads((data_dir / POINTER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        logger.warning("unreadable %s: %s; treating the corpus as empty", data_dir / POINTER, err)
        return {}


def _generation(data_dir: Path) -> Path | None:
    name = _manifest(data_dir).get("generation")
    return data_dir / name if name and (data_dir / name).is_dir() else None


def _read_arrow(gen: Path | None, name: str) -> pa.Table:
    if gen is None:
        return _schema(name).empty_table()
    path = gen / FILES[name]
    return pq.read_table(path) if path.suffix == ".parquet" else feather.read_table(path)


def _read_table(gen: Path | None, name: str) -> pd.DataFrame:
    """As pandas: strings as str, integers as nullable Int64."""
    return _read_arrow(gen, name).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def _read_store(data_dir: Path) -> dict[str, pd.DataFrame]:
    gen = _generation(data_dir)
    return {name: _read_table(gen, name) for name in TABLES}


@contextlib.contextmanager
def _locked(data_dir: Path):
    """One writer at a time (flock on data/.lock); readers never wait."""
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no flock; single-writer use only
        yield
        return
    with open(data_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
