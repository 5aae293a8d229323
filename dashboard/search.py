"""Text search over the claims, answered from a bigram index of each claims part.

A claim matches a query when its indicator, subject or sentence contains it, case-insensitively
when the query has Latin letters (`gdp` finds `GDP`; DuckDB's lower() on the stored text, as
`match_sql` says). Indicators and subjects are few distinct values per part, so DuckDB tests them
on the Parquet dictionary in milliseconds; sentences are nearly one per claim, and scanning ten
million of them takes seconds. So each claims part gets an index, built once and cached under
`cache_dir()` by the part's path, size and modification time (parts are never rewritten in place:
`add` and `compact` write new parts, whose indexes are built when first seen):

    indicator.npy subject.npy sentence.npy  per claim row: its value's number among the part's distinct values
    indicators.parquet subjects.parquet     those distinct indicators and subjects
    text.npy offsets.npy                    the distinct sentences, UTF-8, one after the other
    grams.npy starts.npy postings.npy       every bigram of the folded sentences (each character
                                            lower-cased alone) and the sentences holding it, sorted
    claim_id.npy value.npy                  per claim row: its id (UTF-8, fixed width) and its value as
                                            DuckDB's TRY_CAST reads value_normalized (NaN: none)

The last two let a chart sample of rows found anywhere in a part fetch its ids and values by row
number: in the Parquet they are dictionaries of nearly one entry per row, which DuckDB decodes
whole for every row group it touches (0.11 s each for 40,000 rows spread over 10 M claims).

A query's bigrams narrow the sentences to those that hold all of them; only the claims that
neither their indicator nor their subject already match need their sentence read, and those
sentences are then tested exactly by DuckDB (match_sql), after the kernel was asked to read their
pages ahead, all at once (`_prefetch`): a phrase whose bigrams are all frequent (北京市营业收入:
北京市 and 营业收入 each fill many sentences) leaves thousands of candidates per part, scattered
over its text, and read one page fault at a time from a cold page cache they took 2.7 s at
10 M claims (0.6 s read ahead; 0.12-0.18 s from the page cache). Finding the phrase in the
whole text instead (bytes.find over `text.npy`, the sentence of each match from `offsets.npy`)
was slower, warm and cold (0.5 s and 2.0 s for 北京市营业收入; ~1 µs a candidate against
0.05 s a part, and one Python step a match).

The result (`residual_rows`) is, per part, the row numbers of the claims found by their sentence
alone: the SQL filter is then `indicator or subject contains q` (cheap on the Parquet) or one of
those rows, or those rows alone where no indicator or subject holds the query (`values_contain`).

    python -m dashboard.search build PART.parquet [...]   # what the dashboard runs in the background
"""
from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

logger = logging.getLogger(__name__)

INDEX_VERSION = 2
SEARCH_COLUMNS = ("indicator", "subject", "sentence")
INLINE_ROWS = 200_000   # a part this small is indexed at once (well under a second); larger ones in the background
FILES = ("indicator.npy", "subject.npy", "sentence.npy", "indicators.parquet", "subjects.parquet",
         "text.npy", "offsets.npy", "grams.npy", "starts.npy", "postings.npy", "claim_id.npy", "value.npy",
         "meta.json")
LATIN = re.compile(r"[A-Za-z]")
VERIFY_ROWS = 131_072   # sentences tested in one DuckDB call
PREFETCH_GAP = 1 << 16  # byte ranges closer than this are read ahead as one (a request costs more than 64 KiB)
ROW_PREFETCH_GAP = 1 << 12  # single rows' ids and values: their pages only
PREFETCH_PIECE = 1 << 17  # Linux reads at most its readahead window (often 128 KiB) of one WILLNEED call
BUILD_SENTENCES = 200_000  # sentences whose bigrams are keyed in one go while building
SID_BITS = 22           # sentence number in the low bits of a (bigram, sentence) key
# what every search reads all of (the per-row codes) or at scattered places (the candidates'
# sentences), read into the page cache in the background once the index is open: from a cold
# cache these reads made a corpus's first search 0.3 s slower at 10 M claims
WARM_FILES = ("sentence.npy", "indicator.npy", "subject.npy", "offsets.npy", "text.npy")
WARM_SHARE = 4          # warmed only when they take at most this share (1/4) of the free memory


def cache_dir() -> Path:
    """$ZHIBIAO_CACHE_DIR, else $XDG_CACHE_HOME/zhibiao/search (~/.cache), else a folder in the temp dir."""
    if os.environ.get("ZHIBIAO_CACHE_DIR"):
        return Path(os.environ["ZHIBIAO_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    root = base / "zhibiao" / "search"
    try:
        root.mkdir(parents=True, exist_ok=True)
        return root
    except OSError:
        return Path(tempfile.gettempdir()) / "zhibiao-search"


def index_dir(part: str | Path) -> Path:
    """Where the index of this version of the part lives (a rewritten file gets a new one)."""
    part = Path(part).resolve()
    st = part.stat()
    key = hashlib.sha1(f"{part}:{st.st_size}:{st.st_mtime_ns}:{INDEX_VERSION}".encode()).hexdigest()[:24]
    return cache_dir() / key


def is_indexed(part: str | Path) -> bool:
    try:
        return (index_dir(part) / "meta.json").exists()
    except OSError:
        return False


def match_sql(column: str, query: str) -> tuple[str, str]:
    """The test `column contains query` as DuckDB SQL with one parameter: lower() on both sides
    for a query with Latin letters (a no-op on 营业收入 that costs a pass over every sentence).

    >>> match_sql("s", "GDP")
    ("contains(lower(coalesce(s, '')), ?)", 'gdp')
    """
    if LATIN.search(query):
        return f"contains(lower(coalesce({column}, '')), ?)", query.lower()
    return f"contains(coalesce({column}, ''), ?)", query


# ----------------------------------------------------------------- build -----

def _fold_codes(codes: np.ndarray) -> np.ndarray:
    """Each code point lower-cased on its own (Ａ→ａ, G→g, 营→营): what DuckDB's lower() does per
    character, so a text that contains a query, or whose lower() does, holds the query's folded bigrams."""
    if not len(codes):
        return codes.astype(np.uint32)
    present = np.flatnonzero(np.bincount(codes, minlength=1))
    table = np.arange(int(present[-1]) + 1, dtype=np.uint32)
    table[present] = [ord((chr(u).lower() or chr(u))[0]) for u in present.tolist()]
    return table[codes]


def _fold_text(text: str) -> np.ndarray:
    return _fold_codes(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)) if text else \
        np.zeros(0, dtype=np.uint32)


def _grams(folded: np.ndarray) -> np.ndarray:
    return (folded[:-1].astype(np.uint64) << np.uint64(21)) | folded[1:].astype(np.uint64)


def _encode(column: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Per row the number of its value among the distinct values; those values."""
    encoded = pc.fill_null(column, "").combine_chunks().dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.uint32), encoded.dictionary


def _fixed_width(column: pa.ChunkedArray) -> np.ndarray:
    """Strings as a numpy array of UTF-8 bytes of one width (empty for null)."""
    values = pc.fill_null(column, "").combine_chunks().cast(pa.large_binary())
    if not len(values):
        return np.zeros(0, dtype="S1")
    lengths = pc.binary_length(values).to_numpy(zero_copy_only=False)
    width = max(int(lengths.max()), 1)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset:values.offset + len(values) + 1]
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8) if values.buffers()[2] is not None \
        else np.zeros(0, dtype=np.uint8)
    if (lengths == width).all():  # the usual case: ids of one length, the bytes as they lie
        return data[offsets[0]:offsets[-1]].view(f"S{width}").copy()
    out = np.zeros((len(values), width), dtype=np.uint8)
    column_of = np.arange(width)
    inside = column_of[None, :] < lengths[:, None]
    out[inside] = data[(offsets[:-1, None] + column_of[None, :])[inside]]
    return out.view(f"S{width}").ravel()


def _light_columns(part: Path) -> tuple[np.ndarray, np.ndarray]:
    """The part's claim ids and values per row (see the module's docstring)."""
    con = duckdb.connect(":memory:")
    try:
        table = con.sql("SELECT CAST(claim_id AS VARCHAR) AS claim_id, "
                        "coalesce(TRY_CAST(value_normalized AS DOUBLE), 'NaN'::DOUBLE) AS v "
                        "FROM read_parquet(?, file_row_number = true) ORDER BY file_row_number",
                        params=[str(part)]).to_arrow_table()
    finally:
        con.close()
    return (_fixed_width(table.column("claim_id")),
            table.column("v").to_numpy().astype(np.float64))


def build(part: str | Path) -> Path:
    """Index one claims part (idempotent: a finished index is kept); its folder."""
    part = Path(part)
    out = index_dir(part)
    if (out / "meta.json").exists():
        return out
    table = pq.read_table(part, columns=list(SEARCH_COLUMNS))
    codes = {c: _encode(table.column(c)) for c in SEARCH_COLUMNS}
    del table
    tmp = out.parent / f".tmp-{out.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        for c in SEARCH_COLUMNS:
            np.save(tmp / f"{c}.npy", codes[c][0])
        for c, name in (("indicator", "indicators"), ("subject", "subjects")):
            pq.write_table(pa.table({"v": codes[c][1].cast(pa.string())}), tmp / f"{name}.parquet")
        sentences = codes["sentence"][1].cast(pa.large_string())
        del codes
        pa.default_memory_pool().release_unused()  # the reader's buffers, before the bigrams
        offsets = np.frombuffer(sentences.buffers()[1], dtype=np.int64)[
            sentences.offset:sentences.offset + len(sentences) + 1]
        data = np.frombuffer(sentences.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
        np.save(tmp / "text.npy", data)
        np.save(tmp / "offsets.npy", offsets - offsets[0])
        grams, starts, postings = _postings(data.tobytes().decode("utf-8"),
                                            pc.utf8_length(sentences).to_numpy(zero_copy_only=False))
        np.save(tmp / "grams.npy", grams)
        np.save(tmp / "starts.npy", starts)
        np.save(tmp / "postings.npy", postings)
        count = len(sentences)
        del grams, starts, postings, data, offsets, sentences
        ids, values = _light_columns(part)
        np.save(tmp / "claim_id.npy", ids)
        np.save(tmp / "value.npy", values)
        (tmp / "meta.json").write_text(json.dumps({"part": str(part.resolve()), "version": INDEX_VERSION,
                                                   "sentences": count}), encoding="utf-8")
        try:
            os.replace(tmp, out)
        except OSError:  # another process finished the same index first
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _postings(text: str, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct bigrams of the concatenated sentences (never across two of them), where each
    one's sorted sentence numbers start in `postings` (one more start at the end), and `postings`.
    Keys (bigram << SID_BITS | sentence) are made a slice of sentences at a time, then sorted
    once: memory stays a few times the keys themselves."""
    n = len(lengths)
    lengths = lengths.astype(np.int64)
    bounds = np.r_[0, np.cumsum(lengths)]
    if n >= 1 << SID_BITS:  # a part of more than four million distinct sentences: sort pairs
        folded = _fold_text(text)
        sid = np.repeat(np.arange(n, dtype=np.uint32), lengths)
        same = np.flatnonzero(sid[:-1] == sid[1:])
        grams, sid = _grams(folded)[same], sid[same]
        order = np.lexsort((sid, grams))
        grams, sid = grams[order], sid[order]
        keep = np.ones(len(grams), dtype=bool)
        keep[1:] = (grams[1:] != grams[:-1]) | (sid[1:] != sid[:-1])
        grams, postings = grams[keep], sid[keep]
    else:
        keys = np.empty(int(np.maximum(lengths - 1, 0).sum()), dtype=np.uint64)  # at most one per character pair
        filled = 0
        for lo in range(0, n, BUILD_SENTENCES):
            hi = min(n, lo + BUILD_SENTENCES)
            folded = _fold_text(text[bounds[lo]:bounds[hi]])
            sid = np.repeat(np.arange(lo, hi, dtype=np.uint32), lengths[lo:hi])
            same = np.flatnonzero(sid[:-1] == sid[1:])
            piece = _grams(folded)[same]
            del folded
            piece <<= np.uint64(SID_BITS)
            piece |= sid[same]
            piece.sort()
            piece = piece[np.r_[True, piece[1:] != piece[:-1]]] if len(piece) else piece
            keys[filled:filled + len(piece)] = piece
            filled += len(piece)
        keys = keys[:filled]
        keys.sort()
        postings = keys.astype(np.uint32)  # the low 32 bits, then the sentence's 22 of them
        postings &= np.uint32((1 << SID_BITS) - 1)
        keys >>= np.uint64(SID_BITS)
        grams = keys
    starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]]) if len(grams) else np.zeros(0, np.int64)
    return grams[starts], np.r_[starts, len(grams)].astype(np.int64), postings


def prune(keep_sources: Sequence[str] = ()) -> None:
    """Remove indexes whose part file is gone (a compacted or collected part) and stale temp folders."""
    root = cache_dir()
    if not root.is_dir():
        return
    for entry in root.iterdir():
        meta = entry / "meta.json"
        try:
            if entry.name.startswith("."):
                continue  # the lock, or another process's build in progress
            source = json.loads(meta.read_text(encoding="utf-8")).get("part", "")
            if source not in keep_sources and not Path(source).exists():
                shutil.rmtree(entry, ignore_errors=True)
        except (OSError, ValueError):
            continue


# ---------------------------------------------------------------- search -----

def _prefetch(array: np.ndarray, lo: np.ndarray, hi: np.ndarray, gap: int = PREFETCH_GAP) -> None:
    """Ask the kernel to read the bytes [lo, hi) of a memory-mapped .npy array ahead (ranges
    sorted by lo), ranges closer than PREFETCH_GAP merged: posix_fadvise returns at once and the
    reads go on together, instead of one page fault at a time."""
    path = getattr(array, "filename", None)
    if path is None or not len(lo) or not hasattr(os, "posix_fadvise"):
        return
    lo = np.asarray(lo, dtype=np.int64) + array.offset  # the header before the data
    hi = np.maximum.accumulate(np.asarray(hi, dtype=np.int64)) + array.offset  # a run ends at its furthest end
    breaks = np.flatnonzero(lo[1:] > hi[:-1] + gap)
    run_lo, run_hi = lo[np.r_[0, breaks + 1]], hi[np.r_[breaks, len(hi) - 1]]
    pieces = np.maximum(-(-(run_hi - run_lo) // PREFETCH_PIECE), 1)
    first = np.repeat(np.cumsum(pieces) - pieces, pieces)  # each piece's run, and its place in it
    starts = np.repeat(run_lo, pieces) + (np.arange(int(pieces.sum())) - first) * PREFETCH_PIECE
    ends = np.minimum(starts + PREFETCH_PIECE, np.repeat(run_hi, pieces))
    fd = os.open(path, os.O_RDONLY)
    try:
        for start, end in zip(starts.tolist(), ends.tolist()):
            os.posix_fadvise(fd, start, max(end - start, 1), os.POSIX_FADV_WILLNEED)
    finally:
        os.close(fd)


@dataclass
class PartIndex:
    """One part's index, memory-mapped (only the pages a query touches are read)."""
    path: Path

    def __post_init__(self):
        load = lambda name: np.load(self.path / name, mmap_mode="r")  # noqa: E731
        self.codes = {c: load(f"{c}.npy") for c in SEARCH_COLUMNS}
        self.values = {c: pq.read_table(self.path / f"{name}.parquet").column("v")
                       for c, name in (("indicator", "indicators"), ("subject", "subjects"))}
        self.offsets, self.text = load("offsets.npy"), load("text.npy")
        self.grams, self.starts, self.postings = load("grams.npy"), load("starts.npy"), load("postings.npy")
        self.row_ids, self.row_values = load("claim_id.npy"), load("value.npy")
        for arr in (self.offsets, self.text, self.postings, self.row_ids, self.row_values):  # read at scattered places
            self._advise(arr, "MADV_RANDOM")

    @staticmethod
    def _advise(arr: np.ndarray, advice: str) -> None:
        mapped = getattr(arr, "_mmap", None)  # numpy.memmap's mmap object
        if mapped is not None and hasattr(mmap, advice):
            mapped.madvise(getattr(mmap, advice))

    def release(self) -> None:
        """Drop the pages a query read from this process's memory (they stay in the page cache)."""
        for arr in (*self.codes.values(), self.offsets, self.text, self.grams, self.starts, self.postings,
                    self.row_ids, self.row_values):
            self._advise(arr, "MADV_DONTNEED")

    @property
    def size(self) -> int:
        """The number of distinct sentences."""
        return len(self.offsets) - 1

    def sentences(self, ids: np.ndarray) -> pa.Array:
        """The distinct sentences numbered `ids`, as Arrow strings (no copy of the rest)."""
        texts = pa.LargeStringArray.from_buffers(len(self.offsets) - 1, pa.py_buffer(self.offsets),
                                                 pa.py_buffer(self.text))
        return texts.take(pa.array(ids, type=pa.int64()))

    def candidates(self, query: str) -> np.ndarray | None:
        """Sentence numbers holding every folded bigram of the query (sorted); None: any sentence."""
        folded = _fold_text(query)
        if len(folded) < 2:
            return None
        grams = np.unique(_grams(folded))
        at = np.minimum(np.searchsorted(self.grams, grams), max(len(self.grams) - 1, 0))
        if not len(self.grams) or (self.grams[at] != grams).any():
            return np.zeros(0, dtype=np.uint32)
        lo, hi = np.asarray(self.starts[at], dtype=np.int64), np.asarray(self.starts[at + 1], dtype=np.int64)
        order = np.argsort(lo)
        size = self.postings.itemsize
        _prefetch(self.postings, lo[order] * size, hi[order] * size)
        found = [np.asarray(self.postings[a:b]) for a, b in zip(lo.tolist(), hi.tolist())]
        found.sort(key=len)
        out = found[0]
        for other in found[1:]:
            if not len(out):
                break
            at = np.minimum(np.searchsorted(other, out), len(other) - 1)
            out = out[other[at] == out]
        return out

    def read_ahead(self, ids: np.ndarray, gap: int = PREFETCH_GAP) -> None:
        """Ask for the offsets (a sentence's start and end) and the text of these sorted sentence
        numbers all at once."""
        size = self.offsets.itemsize
        _prefetch(self.offsets, ids * size, (ids + 2) * size, gap=gap)
        offsets = np.asarray(self.offsets)
        _prefetch(self.text, offsets[ids], offsets[ids + 1], gap=gap)

    def containing(self, con: duckdb.DuckDBPyConnection, query: str, ids: np.ndarray) -> np.ndarray:
        """Which sentences contain the query, tested among the sorted `ids`: per sentence, a bool."""
        hit = np.zeros(self.size, dtype=bool)
        if not len(ids):
            return hit
        ids = np.asarray(ids, dtype=np.int64)
        self.read_ahead(ids)
        for chunk in range(0, len(ids), VERIFY_ROWS):  # bounded memory for a query that leaves most sentences
            some = ids[chunk:chunk + VERIFY_ROWS]
            hit[some[_matches(con, self.sentences(some), query)]] = True
        return hit


def _matches(con: duckdb.DuckDBPyConnection, values: pa.Array, query: str) -> np.ndarray:
    """Which of `values` contain the query (match_sql: DuckDB's own test, so results equal a scan's)."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    sql, param = match_sql("v", query)
    table = pa.table({"v": values, "i": pa.array(np.arange(len(values), dtype=np.int64))})
    name = f"_search_values_{uuid.uuid4().hex[:8]}"
    con.register(name, table)
    try:
        hit = con.execute(f"SELECT i FROM {name} WHERE {sql}", [param]).fetchnumpy()["i"]
    finally:
        con.unregister(name)
    out = np.zeros(len(values), dtype=bool)
    out[np.asarray(hit, dtype=np.int64)] = True
    return out


def part_residual(con: duckdb.DuckDBPyConnection, index: PartIndex, query: str) -> np.ndarray:
    """Row numbers of the part's claims whose sentence contains the query while neither their
    indicator nor their subject does (those the SQL test on indicator and subject finds itself)."""
    try:
        return _residual(con, index, query)
    finally:
        index.release()


def _residual(con: duckdb.DuckDBPyConnection, index: PartIndex, query: str) -> np.ndarray:
    covered = None
    for c in ("indicator", "subject"):
        hit = _matches(con, index.values[c], query)
        if hit.any():
            covered = hit[index.codes[c]] if covered is None else covered | hit[index.codes[c]]
    sent = index.codes["sentence"]
    cand = index.candidates(query)
    if covered is None:  # every row's sentence is to be read: test the candidates, then one pass over the rows
        ids = np.arange(index.size) if cand is None else cand  # each distinct sentence is some row's
        return np.flatnonzero(index.containing(con, query, ids)[sent])
    rows = ~covered
    if cand is not None:
        lut = np.zeros(index.size, dtype=bool)
        lut[cand] = True
        rows &= lut[sent]
    if not rows.any():
        return np.zeros(0, dtype=np.int64)
    lut = np.zeros(index.size, dtype=bool)
    lut[sent[rows]] = True
    return np.flatnonzero(rows & index.containing(con, query, np.flatnonzero(lut))[sent])


class CorpusIndex:
    """The indexes of a corpus's claims parts: built at once for small parts, in a background
    process for large ones; `ready` once every part has one."""

    def __init__(self, parts: Sequence[str], background: bool = True):
        self.parts = list(parts)
        self._loaded: dict[str, PartIndex] = {}
        self._lock = threading.Lock()
        self._builder: subprocess.Popen | None = None
        missing = [p for p in self.parts if not is_indexed(p)]
        large, built = [], False
        for part in missing:
            try:
                rows = pq.ParquetFile(part).metadata.num_rows
            except (OSError, pa.ArrowInvalid) as err:
                logger.warning("cannot index %s: %s", part, err)
                continue
            if rows <= INLINE_ROWS or not background:
                build(part)
                built = True
            else:
                large.append(part)
        if built:
            prune(self.parts)
        if large:
            self._builder = subprocess.Popen([sys.executable, "-m", "dashboard.search", "build", *large],
                                             cwd=Path(__file__).resolve().parents[1],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        if not large and background:
            threading.Thread(target=self.warm, name="search-index-warm", daemon=True).start()

    @property
    def ready(self) -> bool:
        return all(is_indexed(p) for p in self.parts)

    def warm(self) -> int:
        """Ask the kernel to read WARM_FILES of every part ahead (posix_fadvise: the page cache,
        not this process's memory), when they fit in a WARM_SHARE of the free memory; the bytes asked for."""
        files = [index_dir(p) / name for p in self.parts for name in WARM_FILES]
        try:
            size = sum(f.stat().st_size for f in files)
            free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, AttributeError):
            return 0
        if not hasattr(os, "posix_fadvise") or size * WARM_SHARE > free:
            return 0
        for f in files:
            try:
                fd = os.open(f, os.O_RDONLY)
            except OSError:
                continue
            try:
                for start in range(0, f.stat().st_size, PREFETCH_PIECE):
                    os.posix_fadvise(fd, start, PREFETCH_PIECE, os.POSIX_FADV_WILLNEED)
            finally:
                os.close(fd)
        return size

    def _part(self, part: str) -> PartIndex:
        with self._lock:
            if part not in self._loaded:
                self._loaded[part] = PartIndex(index_dir(part))
            return self._loaded[part]

    def values_contain(self, con: duckdb.DuckDBPyConnection, query: str) -> bool:
        """Whether any claim's indicator or subject contains the query (from each part's few
        distinct values: when none does, the SQL need not test those columns on every row)."""
        values = [v for part in self.parts for c in ("indicator", "subject")
                  for v in self._part(part).values[c].chunks]
        return bool(values) and bool(_matches(con, pa.chunked_array(values, pa.string()).combine_chunks(),
                                              query).any())

    def ids_and_values(self, wanted: Sequence[tuple[str, np.ndarray]]) -> list[tuple[list[str], np.ndarray]]:
        """The claim ids and values of these rows (part, sorted row numbers), each part's in turn. Their
        pages are asked for all at once first: from a cold page cache, one fault at a time took 0.9 s
        for 5,000 rows over ten parts."""
        wanted = [(self._part(part), np.asarray(rows, dtype=np.int64)) for part, rows in wanted]
        for index, rows in wanted:
            for arr in (index.row_ids, index.row_values):
                _prefetch(arr, rows * arr.itemsize, (rows + 1) * arr.itemsize, gap=ROW_PREFETCH_GAP)
        return [([b.decode("utf-8") for b in index.row_ids[rows].tolist()],
                 np.asarray(index.row_values[rows], dtype=np.float64)) for index, rows in wanted]

    def sentences_at(self, wanted: Sequence[tuple[str, np.ndarray]]) -> list[list[str]]:
        """The sentences of these rows (part, sorted row numbers), each part's in turn ('' for none)."""
        out = []
        for part, rows in wanted:
            index, rows = self._part(part), np.asarray(rows, dtype=np.int64)
            codes = index.codes["sentence"]
            _prefetch(codes, rows * codes.itemsize, (rows + 1) * codes.itemsize, gap=ROW_PREFETCH_GAP)
            ids = np.asarray(codes[rows], dtype=np.int64)
            index.read_ahead(np.unique(ids), gap=ROW_PREFETCH_GAP)     # (in file order: the rows' are not)
            out.append(index.sentences(ids).to_pylist())
        return out

    def residual_rows(self, con: duckdb.DuckDBPyConnection, query: str) -> dict[str, np.ndarray]:
        """Per part (as named in `parts`), the rows found by their sentence alone (see part_residual)."""
        def one(part: str) -> np.ndarray:
            index = self._part(part)
            cur = con.cursor()  # one per thread
            try:
                return part_residual(cur, index, query)
            finally:
                cur.close()

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:  # numpy and DuckDB release the GIL
            found = list(pool.map(one, self.parts))
        return {part: rows for part, rows in zip(self.parts, found) if len(rows)}


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2 or argv[0] != "build":
        print("usage: python -m dashboard.search build PART.parquet [...]", file=sys.stderr)
        return 2
    import fcntl
    root = cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time (each skips what another finished)
        for part in argv[1:]:
            build(part)
        prune(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
