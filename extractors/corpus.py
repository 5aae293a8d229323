"""The stored corpus in data/: documents, their text, their claims; what the dashboard reads.

Storage is a set of Parquet parts and a manifest naming the current ones:

    data/CURRENT.json                 {"format": 2, "parts": [{"id", "documents", "claims",
                                       "fingerprints"}, ...], totals}
    data/PREVIOUS.json                the manifest before, whose files stay for readers still on it
    data/parts/claims/ID.parquet      DESIGN.md claim columns
    data/parts/indicators/ID.parquet  indicators.csv columns (extractors.indicators)
    data/parts/documents/ID.parquet   documents.csv columns; articles/ likewise
    data/parts/sources/ID.parquet     each document's text, its sha256 and extractor fingerprint,
                                      sorted by doc_id in small row groups (document_text)

`add` writes one new part per table for its new documents and then replaces CURRENT.json
(os.replace is atomic): it never rewrites what is stored, so adding 20 documents to 600 writes
about what those 20 take alone. `refresh` rewrites only the parts whose extractor changed,
`compact` merges small parts. A crash or kill at any point leaves the previous manifest and its
files as they were; parts no manifest names are removed by the next writer. Readers never take
a lock: current_files() is one read of CURRENT.json. Writers serialise on a POSIX record lock
(fcntl.lockf) of data/.lock: it belongs to the writing process alone (a forked worker does
not inherit it) and the kernel drops it when that process dies, however it dies.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import batch, parallel
from .fingerprint import extractor_fingerprint
from .ingest import ReadError, read_bytes
from .model import ARTICLE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS, Document

logger = logging.getLogger(__name__)

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
SEEDS_DIR = PROJECT_DIR / "seeds"
POINTER = "CURRENT.json"
PREVIOUS = "PREVIOUS.json"
FORMAT = 2
SOURCE_COLUMNS = ("doc_id", "sha256", "fingerprint", "path", "format", "encoding", "title",
                  "published", "text")
TABLE_NAMES = ("claims", "indicators", "documents", "articles", "sources")
TEXT_ROW_GROUP = 16
PART_DOCS = 2000          # documents per part while adding: bounds the memory of a large add
COMPACT_CLAIMS = 2_000_000  # claims per part after compact

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Tables:
    claims: pd.DataFrame
    documents: pd.DataFrame
    articles: pd.DataFrame
    indicators: pd.DataFrame | None = None


@dataclass
class AddReport:
    added: int = 0
    skipped: int = 0               # same content hash as a stored document (or up to date, in refresh)
    errors: list[str] = field(default_factory=list)  # one line each: "PATH: reason"
    doc_ids: list[str] = field(default_factory=list)  # of the documents added


# --- readers ------------------------------------------------------------------------------

def current_files(data_dir: str | Path = DATA_DIR) -> dict[str, list[str]]:
    """The Parquet files of the corpus as it is now, per table: 'claims', 'indicators',
    'documents' (and 'articles', 'sources'). One atomic view: files a writer adds later are
    not named, and the files named stay until two more writes have happened.

    >>> current_files("/nonexistent")["claims"]
    []
    """
    data_dir = Path(data_dir)
    manifest = _manifest(data_dir)
    if manifest.get("generation"):  # a corpus written before the parts layout
        with _locked(data_dir):
            _migrate(data_dir)
        manifest = _manifest(data_dir)
    return {name: [str(p) for p in _files(data_dir, manifest, name)] for name in TABLE_NAMES}


def load(data_dir: str | Path = DATA_DIR) -> Tables:
    """The stored claims, documents, articles and indicators as pandas; empty frames with the
    DESIGN columns if none."""
    files = current_files(data_dir)
    return Tables(*(_read_frame(files[name], name) for name in ("claims", "documents", "articles",
                                                                  "indicators")))


def document_text(doc_id: str, data_dir: str | Path = DATA_DIR) -> str:
    """The text of one stored document exactly as read (claim offsets index it)."""
    for path in current_files(data_dir)["sources"]:
        table = pq.read_table(path, columns=["text"], filters=[("doc_id", "==", doc_id)])
        if table.num_rows:
            return table.column("text")[0].as_py()
    raise ValueError(f"no stored document {doc_id!r} in {data_dir}")


def is_stale(data_dir: str | Path = DATA_DIR) -> bool:
    """True when nothing is stored, or something was extracted by another extractor version."""
    manifest = _manifest(Path(data_dir))
    return not manifest.get("documents") or manifest.get("fingerprints") != [extractor_fingerprint()]


def export(out_dir: str | Path, data_dir: str | Path = DATA_DIR) -> None:
    """Write claims.csv, indicators.csv, documents.csv, articles.csv (UTF-8 with BOM) into
    out_dir, part by part (a corpus larger than memory exports too)."""
    files = current_files(data_dir)
    out = batch.TablesOut(out_dir, "csv")
    try:
        for name in batch.OUTPUT_TABLES:
            writer = out.files[name][2]
            for path in files[name]:
                table = pq.read_table(path).select(list(batch.table_schema(name).names))
                for chunk in table.to_batches(max_chunksize=50_000):
                    writer.writerows(batch.csv_rows(zip(*(col.to_pylist() for col in chunk.columns))))
        out.close()
    except BaseException:
        out.abort()
        raise


# --- writers ------------------------------------------------------------------------------

def add_paths(paths: Iterable[str | Path], data_dir: str | Path = DATA_DIR, published: str | None = None,
              workers: int = 2, progress: bool = False,
              progress_callback: Progress | None = None) -> AddReport:
    """Read, extract and store files (folders recursively); documents whose text is stored already
    are skipped. published fills documents that state no date. Unreadable files become
    report.errors lines; the rest is still stored (a worker that dies costs its own document)."""
    data_dir = Path(data_dir)
    report = AddReport()
    items = list(batch.iter_items(paths, report.errors))
    with _locked(data_dir):
        _migrate(data_dir)
        manifest = _manifest(data_dir)
        known = _known(data_dir, manifest)
        jobs = [(item, published) for item in items]
        outcomes = _run(_ingest_item, jobs, workers, progress, progress_callback, context=known)
        new_parts = _write_results(data_dir, outcomes, report, known)
        if new_parts:
            _publish(data_dir, {**manifest, "parts": [*manifest.get("parts", []), *new_parts]})
    return report


def add_text(name: str, data: bytes, data_dir: str | Path = DATA_DIR,
             published: str | None = None) -> AddReport:
    """Store one uploaded file (bytes of .txt/.pdf/.docx/.html); name gives format and doc_id."""
    data_dir = Path(data_dir)
    try:
        doc = read_bytes(name, data, published)
    except ReadError as err:
        return AddReport(errors=[batch.one_line(str(err))])
    report = AddReport()
    with _locked(data_dir):
        _migrate(data_dir)
        manifest = _manifest(data_dir)
        known = _known(data_dir, manifest)
        outcome = parallel.Outcome(0, doc, value=_ingest(doc, published, *known))
        new_parts = _write_results(data_dir, [outcome], report, known)
        if new_parts:
            _publish(data_dir, {**manifest, "parts": [*manifest.get("parts", []), *new_parts]})
    return report


def refresh(data_dir: str | Path = DATA_DIR, progress: bool = False,
            progress_callback: Progress | None = None, workers: int = 2) -> AddReport:
    """Re-extract, from their stored text, the documents extracted by another extractor version.
    Only the parts that hold them are rewritten."""
    data_dir = Path(data_dir)
    report = AddReport()
    with _locked(data_dir):
        _migrate(data_dir)
        manifest = _manifest(data_dir)
        current = extractor_fingerprint()
        parts = manifest.get("parts", [])
        stale = [p for p in parts if p.get("fingerprints") != [current]]
        report.skipped = sum(p["documents"] for p in parts if p not in stale)
        if not stale:
            return report
        new_parts = []
        for part in stale:  # one part at a time: memory bounded by the largest part
            sources = pq.read_table(_part_path(data_dir, "sources", part["id"])).to_pylist()
            jobs = [(_stored_document(row), row["sha256"]) for row in sources]
            fresh = sum(row["fingerprint"] == current for row in sources)
            outcomes = list(_run(_extract, jobs, workers, progress, progress_callback))
            failed = {o.item[0].doc_id for o in outcomes if o.error or "error" in o.value}
            new_parts.extend(_write_results(data_dir, outcomes, report, None))
            report.added -= fresh  # documents of a compacted part that were up to date already
            report.skipped += fresh
            if failed:  # keep what the old extractor found for documents the new one fails on
                new_parts.extend(_carry_over(data_dir, [part], failed))
        kept = [p for p in parts if p not in stale]
        _publish(data_dir, {**manifest, "parts": [*kept, *new_parts]})
    return report


def compact(data_dir: str | Path = DATA_DIR) -> tuple[int, int]:
    """Merge the parts into as few as hold COMPACT_CLAIMS claims each; returns (before, after)."""
    data_dir = Path(data_dir)
    with _locked(data_dir):
        _migrate(data_dir)
        manifest = _manifest(data_dir)
        parts = manifest.get("parts", [])
        groups: list[list[dict]] = []
        for part in parts:
            if not groups or sum(p["claims"] for p in groups[-1]) + part["claims"] > COMPACT_CLAIMS:
                groups.append([])
            groups[-1].append(part)
        if len(groups) >= len(parts):
            return len(parts), len(parts)
        merged = []
        for group in groups:
            if len(group) == 1:
                merged.append(group[0])
                continue
            tables = {name: pa.concat_tables([pq.read_table(_part_path(data_dir, name, p["id"]),
                                                            schema=_schema(name)) for p in group])
                      for name in TABLE_NAMES}
            merged.append(_write_part(data_dir, tables))
        _publish(data_dir, {**manifest, "parts": merged})
        return len(parts), len(merged)


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


# --- extraction (runs in worker processes) ------------------------------------------------

_CONTEXT: tuple[set, set] = (set(), set())  # known hashes and doc_ids, set once per worker


def _init_worker(context) -> None:
    global _CONTEXT
    _CONTEXT = context


def _ingest_item(item, published: str | None) -> dict:
    try:
        doc = batch.read_item(item)
    except ReadError as err:
        return {"error": batch.one_line(str(err))}
    return _ingest(replace(doc, path=_portable(doc.path)), published, *_CONTEXT)


def _portable(path: str) -> str:
    """A path inside the project as relative to it (seeds/….txt), so that the
    bundled data/ reads the same on every machine; others as they are."""
    try:
        return Path(path).resolve().relative_to(PROJECT_DIR).as_posix()
    except (ValueError, OSError):
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
        rows = batch.document_rows(doc)
    except Exception as err:  # an extractor bug on one document must not lose the batch
        logger.exception("extractor failed on %s", doc.doc_id)
        return {"error": batch.one_line(f"{doc.path or doc.doc_id}: extractor failed: "
                                           f"{type(err).__name__}: {err}")}
    source = (doc.doc_id, sha, extractor_fingerprint(), doc.path, doc.format, doc.encoding, doc.title,
              doc.published, doc.text)
    return {"doc_id": doc.doc_id, "sha256": sha, "source": source, **rows}


def _stored_document(row: dict) -> Document:
    return Document(doc_id=row["doc_id"], text=row["text"], path=row["path"], format=row["format"],
                    encoding=row["encoding"], title=row["title"], published=row["published"])


def _run(func, jobs: list[tuple], workers: int, progress: bool, callback: Progress | None,
         context: tuple[set, set] | None = None) -> Iterator[parallel.Outcome]:
    """func(*job) per job, in job order, in worker processes when there are several jobs."""
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), unit="doc", disable=not progress)
    workers = workers if len(jobs) > 1 else 1
    if workers > 1:
        parallel.warm_up()
    try:
        outcomes = parallel.imap_ordered(_star(func), jobs, jobs=workers, initializer=_init_worker,
                                         initargs=(context or (set(), set()),))
        for done, outcome in enumerate(outcomes, 1):
            bar.update(1)
            if callback is not None:
                callback(done, len(jobs))
            yield outcome
    finally:
        bar.close()


class _star:
    """func(*job) as a picklable one-argument callable."""

    def __init__(self, func) -> None:
        self.func = func

    def __call__(self, job: tuple):
        return self.func(*job)


# --- storage ------------------------------------------------------------------------------

def _write_results(data_dir: Path, outcomes: Iterable[parallel.Outcome], report: AddReport,
                   known: tuple[set, set] | None) -> list[dict]:
    """Write the extracted documents as new parts (one per PART_DOCS); report the rest.
    known (hashes, doc_ids) deduplicates within the batch; None in refresh."""
    hashes, ids = known if known is not None else (set(), set())
    hashes, ids = set(hashes), set(ids)
    parts, pending = [], []
    for outcome in outcomes:
        result = outcome.value
        if outcome.error:
            result = {"error": batch.one_line(f"{_item_name(outcome.item)}: {outcome.error}")}
        if "error" in result:
            report.errors.append(result["error"])
            continue
        if "skipped" in result or (known is not None and result["sha256"] in hashes):
            report.skipped += 1
            continue
        if known is not None and result["doc_id"] in ids:  # same name twice in one batch
            doc = _stored_document(dict(zip(SOURCE_COLUMNS, result["source"])))
            result = _extract(replace(doc, doc_id=f"{doc.doc_id}_{result['sha256'][:8]}"), result["sha256"])
            if "error" in result:
                report.errors.append(result["error"])
                continue
        hashes.add(result["sha256"])
        ids.add(result["doc_id"])
        report.added += 1
        report.doc_ids.append(result["doc_id"])
        pending.append(result)
        if len(pending) >= PART_DOCS:
            parts.append(_write_part(data_dir, _tables(pending)))
            pending = []
    if pending:
        parts.append(_write_part(data_dir, _tables(pending)))
    return parts


def _item_name(item) -> str:
    job = item[0] if isinstance(item, tuple) else item
    if isinstance(job, Document):
        return job.path or job.doc_id
    return batch.item_name(job)


def _tables(results: list[dict]) -> dict[str, pa.Table]:
    tables = {name: batch.arrow_table(name, [row for r in results for row in r[name]])
              for name in ("claims", "indicators", "articles")}
    tables["documents"] = batch.arrow_table("documents", [r["document"] for r in results])
    tables["sources"] = pa.Table.from_arrays([pa.array(col, pa.string()) for col in
                                              zip(*(r["source"] for r in results))], schema=_schema("sources"))
    return tables


def _schema(name: str) -> pa.Schema:
    if name == "sources":
        return pa.schema([(c, pa.string()) for c in SOURCE_COLUMNS])
    return batch.table_schema(name)


def _part_path(data_dir: Path, name: str, part_id: str) -> Path:
    return data_dir / "parts" / name / f"{part_id}.parquet"


def _write_part(data_dir: Path, tables: dict[str, pa.Table]) -> dict:
    """Write one part of every table; nothing names it until a manifest does."""
    part_id = f"{dt.datetime.now().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    sources = tables["sources"].sort_by("doc_id")
    for name in TABLE_NAMES:
        path = _part_path(data_dir, name, part_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = sources if name == "sources" else tables[name]
        _write_file(table, path)
    fingerprints = sorted(set(sources.column("fingerprint").to_pylist()))
    return {"id": part_id, "documents": sources.num_rows, "claims": tables["claims"].num_rows,
            "fingerprints": fingerprints}


def _write_file(table: pa.Table, path: Path) -> None:
    # Texts in small row groups, so that document_text() reads one group, not every text.
    pq.write_table(table, path, row_group_size=TEXT_ROW_GROUP if path.parent.name == "sources" else None)


def _carry_over(data_dir: Path, stale: list[dict], doc_ids: set[str]) -> list[dict]:
    """The stored rows of doc_ids, out of stale parts, as one new part."""
    tables = {}
    for name in TABLE_NAMES:
        pieces = []
        for part in stale:
            table = pq.read_table(_part_path(data_dir, name, part["id"]), schema=_schema(name))
            mask = pc.is_in(table.column("doc_id"), value_set=pa.array(sorted(doc_ids)))
            pieces.append(table.filter(mask))
        tables[name] = pa.concat_tables(pieces)
    return [_write_part(data_dir, tables)]


def _publish(data_dir: Path, manifest: dict) -> None:
    """Make a manifest current: one atomic rename. The one it replaces becomes PREVIOUS.json,
    and files neither names are removed."""
    parts = manifest.get("parts", [])
    fingerprints = sorted({f for p in parts for f in p.get("fingerprints", [])})
    manifest = {"format": FORMAT, "parts": parts, "fingerprints": fingerprints,
                "documents": sum(p["documents"] for p in parts), "claims": sum(p["claims"] for p in parts),
                "written": dt.datetime.now().isoformat(timespec="seconds")}
    data_dir.mkdir(parents=True, exist_ok=True)
    pointer = data_dir / POINTER
    old = pointer.read_bytes() if pointer.exists() else None
    if old is not None:
        _replace_text(data_dir / PREVIOUS, old)
    _replace_text(pointer, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    _collect_garbage(data_dir)


def _replace_text(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _collect_garbage(data_dir: Path) -> None:
    """Remove part files and old generations that neither CURRENT.json nor PREVIOUS.json names
    (leftovers of a crashed write, or replaced two writes ago)."""
    import shutil

    manifests = [_manifest(data_dir), _manifest(data_dir, PREVIOUS)]
    keep = {p["id"] for m in manifests for p in m.get("parts", [])}
    generations = {m.get("generation") for m in manifests}
    for name in TABLE_NAMES:
        for path in (data_dir / "parts" / name).glob("*.parquet"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
    for path in [*data_dir.glob("gen-*"), *data_dir.glob(".tmp-*")]:
        if path.is_dir() and path.name not in generations:
            shutil.rmtree(path, ignore_errors=True)


def _manifest(data_dir: Path, name: str = POINTER) -> dict:
    try:
        return json.loads((data_dir / name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        logger.warning("unreadable %s: %s; treating the corpus as empty", data_dir / name, err)
        return {}


def _files(data_dir: Path, manifest: dict, name: str) -> list[Path]:
    return [_part_path(data_dir, name, p["id"]) for p in manifest.get("parts", [])]


def _known(data_dir: Path, manifest: dict) -> tuple[set, set]:
    """Content hashes and doc_ids already stored (two columns of the documents parts)."""
    hashes, ids = set(), set()
    for path in _files(data_dir, manifest, "documents"):
        table = pq.read_table(path, columns=["sha256", "doc_id"])
        hashes.update(table.column("sha256").to_pylist())
        ids.update(table.column("doc_id").to_pylist())
    return hashes, ids


def _read_frame(paths: list[str], name: str) -> pd.DataFrame:
    """As pandas: strings as str, integers as nullable Int64."""
    schema = _schema(name)
    tables = [pq.read_table(p, schema=schema) for p in paths]
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def _migrate(data_dir: Path) -> None:
    """Rewrite a corpus of the one-generation layout (gen-*/claims.arrow…) as one part. Under the lock."""
    manifest = _manifest(data_dir)
    if not manifest.get("generation"):
        return
    import pyarrow.feather as feather

    gen = data_dir / manifest["generation"]
    if not gen.is_dir():
        _publish(data_dir, {"parts": []})
        return
    tables = {name: feather.read_table(gen / f"{name}.arrow") for name in ("claims", "documents", "articles")}
    tables["sources"] = pq.read_table(gen / "sources.parquet")
    claims = tables["claims"].select(list(CLAIM_COLUMNS))
    tables["claims"] = claims
    tables["documents"] = tables["documents"].select(list(DOCUMENT_COLUMNS))
    tables["articles"] = tables["articles"].select(list(ARTICLE_COLUMNS))
    rows = list(zip(*(col.to_pylist() for col in claims.columns)))
    indicators = []
    for doc_rows in _by_doc(rows):
        indicators.extend(batch.indicator_rows(doc_rows))
    tables["indicators"] = batch.arrow_table("indicators", indicators)
    tables = {name: table.cast(_schema(name)) for name, table in tables.items()}
    _publish(data_dir, {"parts": [_write_part(data_dir, tables)]})


def _by_doc(rows: list[tuple]) -> Iterator[list[tuple]]:
    index = CLAIM_COLUMNS.index("doc_id")
    group: list[tuple] = []
    for row in rows:
        if group and row[index] != group[-1][index]:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


_THREAD_LOCKS: dict[str, threading.RLock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


@contextlib.contextmanager
def _locked(data_dir: Path):
    """One writer at a time: a POSIX record lock on data/.lock between processes, owned by this
    process only (forked workers do not inherit it) and released by the kernel when the process
    dies; a lock per folder between the threads of this process (two dashboard sessions), which
    a POSIX lock does not separate."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key = str(data_dir.resolve())
    with _THREAD_LOCKS_GUARD:
        thread_lock = _THREAD_LOCKS.setdefault(key, threading.RLock())
    with thread_lock:
        if getattr(_HELD, key, False):  # nested (current_files inside a write): closing would unlock
            yield
            return
        try:
            import fcntl
        except ImportError:  # Windows: no fcntl; the thread lock alone
            yield
            return
        with open(data_dir / ".lock", "a+") as fh:
            fcntl.lockf(fh, fcntl.LOCK_EX)
            setattr(_HELD, key, True)
            try:
                yield
            finally:
                setattr(_HELD, key, False)
                fcntl.lockf(fh, fcntl.LOCK_UN)


_HELD = threading.local()
