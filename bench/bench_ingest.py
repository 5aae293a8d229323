"""Ingestion figures: PDF pages per second, peak memory on a 50 MB text file, corpus load time.

    .venv/bin/python bench/bench_ingest.py [--copies 8] [--claims 1000000]

PDF: the seed page repeated --copies times, set in three columns by the test fixture
builder (needs a CJK font, see tests/test_ingest.py). Memory: tracemalloc peak (Python
allocations) and the process's peak RSS while reading; a 50 MB file is refused by its
size before it is read, so the file at the limit (20 MB) is measured too. Corpus: a
synthetic corpus of --claims rows stored and loaded the way the dashboard does.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from extractors.ingest import MAX_FILE_BYTES, ReadError, read_document  # noqa: E402

SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"


def bench_pdf(folder: Path, copies: int) -> None:
    from pypdf import PdfReader
    from test_ingest import FONT, make_pdf

    if FONT is None:
        print("pdf: skipped, no CJK font (apt-get install fonts-noto-cjk)")
        return
    path = folder / "pages.pdf"
    make_pdf("\n".join([SEED.read_text(encoding="utf-8")] * copies), path, columns=3)
    pages = len(PdfReader(path).pages)
    start = time.perf_counter()
    doc = read_document(path)
    seconds = time.perf_counter() - start
    print(f"pdf: {pages} pages, {len(doc.text):,} characters in {seconds:.2f} s "
          f"= {pages / seconds:.1f} pages/s")


def bench_text(folder: Path, megabytes: float) -> None:
    path = folder / f"big_{megabytes:g}mb.txt"
    block = SEED.read_bytes()
    with open(path, "wb") as fh:
        size = int(megabytes * 2**20)
        while fh.tell() + len(block) <= size:
            fh.write(block)
    size = path.stat().st_size
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    start = time.perf_counter()
    try:
        doc = read_document(path)
        outcome = f"read {len(doc.text):,} characters ({doc.encoding})"
    except ReadError as err:
        outcome = f"refused: {err.reason}"
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"text {size / 2**20:.1f} MB: {outcome} in {seconds:.2f} s; peak Python allocations "
          f"{peak / 2**20:.1f} MB; peak RSS {rss_after:.0f} MB (was {rss_before:.0f} MB)")


def bench_corpus(folder: Path, claims: int) -> None:
    import pandas as pd
    import pyarrow as pa

    from extractors import corpus
    from extractors.model import CLAIM_COLUMNS

    docs = max(1, claims // 500)
    frame = pd.DataFrame({c: [""] * claims for c in CLAIM_COLUMNS})
    frame["doc_id"] = [f"doc{i % docs:05d}" for i in range(claims)]
    frame["claim_id"] = [f"{i:012x}" for i in range(claims)]
    frame["start"], frame["end"] = range(claims), range(1, claims + 1)
    frame["text"], frame["value_normalized"], frame["unit"] = "110.06亿元", "11006000000", "元"
    frame["sentence"] = "全年计划总投资额110.06亿元，同比增长24%。" * 2
    frame["indicator"], frame["subject"] = "计划总投资额", "聊城市有色金属及金属深加工产业"
    ids = [f"doc{i:05d}" for i in range(docs)]
    sources = pd.DataFrame({"doc_id": ids, "sha256": ids, "fingerprint": "bench", "path": "", "format": "txt",
                            "encoding": "utf-8", "title": "", "published": "", "text": "正文" * 3000})
    documents = pd.DataFrame({"doc_id": ids, "characters": 6000, "claims": 500})
    documents = documents.reindex(columns=list(corpus._schema("documents").names), fill_value="")
    documents["characters"], documents["claims"] = 6000, 500
    tables = {name: pa.Table.from_pandas(df.reindex(columns=list(corpus._schema(name).names), fill_value=""),
                                         schema=corpus._schema(name), preserve_index=False)
              for name, df in (("claims", frame), ("documents", documents), ("sources", sources))}
    for name in ("articles", "indicators"):
        tables[name] = corpus._schema(name).empty_table()
    data = folder / "data"
    start = time.perf_counter()
    corpus._publish(data, {"parts": [corpus._write_part(data, tables)]})  # as one `add` writes them
    saved = time.perf_counter() - start
    del frame, tables
    # as the dashboard sees it: a fresh process (imports done), one load
    probe = ("import sys, time; from extractors import corpus; start = time.perf_counter(); "
             "t = corpus.load(sys.argv[1]); print(time.perf_counter() - start, len(t.claims))")
    out = subprocess.run([sys.executable, "-c", probe, str(data)], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    load_s, rows = float(out[0]), int(out[1])
    start = time.perf_counter()
    corpus.document_text(ids[docs // 2], data)
    text_s = time.perf_counter() - start
    size = sum(p.stat().st_size for p in (data / "parts").rglob("*.parquet"))
    print(f"corpus {rows:,} claims / {docs:,} documents: save {saved:.1f} s "
          f"({size / 2**20:.0f} MB of Parquet parts), load {load_s:.2f} s, document_text {text_s * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="seed pages in the PDF")
    parser.add_argument("--claims", type=int, default=1_000_000, help="rows in the synthetic corpus (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        bench_text(folder, 50)  # first: peak RSS is the process's peak so far
        bench_text(folder, MAX_FILE_BYTES / 2**20 - 0.1)
        bench_pdf(folder, args.copies)
        if args.claims:
            bench_corpus(folder, args.claims)


if __name__ == "__main__":
    main()
