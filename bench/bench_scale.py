"""Corpus scale (issue 13): the Dask path against one process, per-worker memory, incremental add.

    .venv/bin/python bench/bench_scale.py [--docs 960] [--chars 3000] [--base 600] [--new 20]

Prints, in one run, on a synthetic corpus (the seed, the dev set and the genre fixtures cut to
--chars characters, every digit changed per copy, so values and claim ids differ):
- throughput of `extract --format parquet` in one process and on a Dask LocalCluster of 2
  single-threaded worker processes (cluster start excluded and shown apart), and whether both
  give the same claim ids;
- each Dask worker's peak RSS on the corpus and on 4x the corpus (a fresh cluster each);
- `add` of --new documents into a corpus of --base: bytes written against the size of a
  corpus of those --new documents alone (goal <= 5x), and its time against adding them to an
  empty corpus;
- `add` of --big-new short documents into a synthetic corpus of --big-base documents (parts
  written directly, as that many earlier adds would leave them) against the same add into an
  empty corpus: the time should follow the new documents, not the corpus;
- --kill-trials kill -9 trials of an `add --jobs 2` at moments spread over its run: processes
  left behind, the time of the next `add` (both batches), documents stored.
The machine may be shared: the load average is printed with the figures.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import corpus, parallel  # noqa: E402

DEV = Path("/work/shared/dev/corpus")


def base_texts(chars: int) -> list[str]:
    paths = [ROOT / "seeds" / "000_8a114bd477087453.txt", *sorted(DEV.glob("*.txt")),
             *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    return [p.read_text(encoding="utf-8")[:chars] for p in paths if p.is_file()]


def make_folder(folder: Path, count: int, chars: int, offset: int = 0) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    texts = base_texts(chars)
    total = 0
    for i in range(offset, offset + count):
        rng = random.Random(i)
        text = "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in texts[i % len(texts)])
        (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def claim_ids(folder: Path) -> list[str]:
    import pyarrow.parquet as pq

    return [i for p in sorted(folder.glob("part-*.parquet")) for i in pq.read_table(p).column("claim_id").to_pylist()]


def dask_run(folder: Path, out: Path) -> tuple[float, float, list[float], list[float]]:
    """(seconds to start the cluster, seconds to extract, each worker's peak RSS in MB, each
    worker's CPU seconds during the extraction)."""
    from distributed import Client

    start = time.perf_counter()
    cluster = parallel.local_cluster(2)
    client = Client(cluster)
    client.run(_warm_worker)  # imports and jieba's dictionary, once per worker
    cpu_before = client.run(_cpu_s)
    started = time.perf_counter()
    try:
        parallel.run_dask([folder], out, address=cluster.scheduler_address, fmt="parquet", workers=2,
                          on_error=print)
        took = time.perf_counter() - started
        peaks = client.run(_peak_mb)
        cpu = [after - cpu_before[w] for w, after in client.run(_cpu_s).items()]
    finally:
        client.close()
        cluster.close()
    return started - start, took, sorted(peaks.values()), cpu


def _warm_worker() -> None:
    import pyarrow.parquet  # noqa: F401  (the one process had it imported already)

    parallel.warm_up()


def _cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_bytes(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=960)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--base", type=int, default=600)
    parser.add_argument("--new", type=int, default=20)
    parser.add_argument("--kill-trials", type=int, default=10)
    parser.add_argument("--big-base", type=int, default=100_000)
    parser.add_argument("--big-new", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        chars = make_folder(tmp / "x1", args.docs, args.chars)
        for k in range(4):
            make_folder(tmp / "x4", args.docs, args.chars, offset=k * args.docs)
        print(f"corpus: {args.docs} documents, {chars:,} characters; load {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        parallel.warm_up()
        start, cpu_start = time.perf_counter(), time.process_time()
        one = parallel.run_local([tmp / "x1"], tmp / "one", fmt="parquet")
        one_s, one_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        print(f"one process: {one_s:.2f} s ({one_cpu:.2f} s CPU), {chars / one_s / 1e3:.0f} k chars/s, "
              f"{one.claims:,} claims")
        boot, dask_s, peaks1, cpu1 = dask_run(tmp / "x1", tmp / "dask1")
        same = claim_ids(tmp / "dask1" / "claims") == claim_ids(tmp / "one" / "claims")
        print(f"dask, LocalCluster of 2 workers: {dask_s:.2f} s, {chars / dask_s / 1e3:.0f} k chars/s "
              f"-> {one_s / dask_s:.2f}x one process (goal >= 1.7 on 2 free cores; cluster start "
              f"{boot:.1f} s apart); same claim ids in the same order: {same}; load {os.getloadavg()[0]:.1f}")
        print(f"  CPU per worker {', '.join(f'{c:.2f}' for c in cpu1)} s against {one_cpu:.2f} s in one "
              f"process: with a free core each, {one_cpu / max(cpu1):.2f}x")
        _, dask4_s, peaks4, _ = dask_run(tmp / "x4", tmp / "dask4")
        print(f"per-worker peak RSS: 1x {', '.join(f'{m:.0f}' for m in peaks1)} MB; "
              f"4x {', '.join(f'{m:.0f}' for m in peaks4)} MB ({dask4_s:.1f} s) -> "
              f"{max(peaks4) / max(peaks1):.2f}x")

        data = tmp / "data"
        make_folder(tmp / "base", args.base, 1500, offset=10_000)
        make_folder(tmp / "new", args.new, 1500, offset=20_000)
        corpus.add_paths([tmp / "base"], data_dir=data)
        before = tree_bytes(data)
        start = time.perf_counter()
        corpus.add_paths([tmp / "new"], data_dir=data)
        add_s = time.perf_counter() - start
        after = tree_bytes(data)
        written = sum(size for p, (size, mtime) in after.items() if before.get(p, (None, None))[1] != mtime)
        start = time.perf_counter()
        corpus.add_paths([tmp / "new"], data_dir=tmp / "alone")
        alone_s = time.perf_counter() - start
        alone = sum(size for size, _ in tree_bytes(tmp / "alone").values())
        print(f"add {args.new} into {args.base}: wrote {written / 1e3:.1f} kB in {add_s:.2f} s; those "
              f"{args.new} alone take {alone / 1e3:.1f} kB ({alone_s:.2f} s) -> {written / alone:.2f}x "
              f"(goal <= 5)")
        shutil.rmtree(data, ignore_errors=True)
        if args.big_base:
            big_add(tmp, args.big_base, args.big_new)
        if args.kill_trials:
            kill_trials(tmp, args.kill_trials)


def synthetic_corpus(data: Path, documents: int, per_part: int = 1000, claims_per_doc: int = 5) -> None:
    """A corpus of `documents` made-up documents in parts of `per_part`, without extraction."""
    import pyarrow as pa

    parts = []
    for first in range(0, documents, per_part):
        ids = [f"old{i:07d}" for i in range(first, min(first + per_part, documents))]
        n = len(ids) * claims_per_doc
        columns = {"doc_id": [d for d in ids for _ in range(claims_per_doc)],
                   "claim_id": [f"{first * claims_per_doc + i:012x}" for i in range(n)],
                   "start": list(range(n)), "end": list(range(1, n + 1))}
        claims = {c: columns.get(c, ["增长24%"] * n) for c in corpus._schema("claims").names}
        documents_ = {c: ids if c in ("doc_id", "sha256") else [0] * len(ids) if c in ("characters", "claims")
                      else [""] * len(ids) for c in corpus._schema("documents").names}
        sources = {c: ids if c in ("doc_id", "sha256") else ["bench"] * len(ids) if c == "fingerprint"
                   else ["全年增长24%。" * 40] * len(ids) if c == "text" else [""] * len(ids)
                   for c in corpus._schema("sources").names}
        tables = {"claims": pa.table(claims, schema=corpus._schema("claims")),
                  "documents": pa.table(documents_, schema=corpus._schema("documents")),
                  "sources": pa.table(sources, schema=corpus._schema("sources")),
                  "articles": corpus._schema("articles").empty_table(),
                  "indicators": corpus._schema("indicators").empty_table()}
        parts.append(corpus._write_part(data, tables))
    corpus._publish(data, {"parts": parts})


def big_add(tmp: Path, base: int, new: int) -> None:
    make_folder(tmp / "big_new", new, 300, offset=50_000)
    start = time.perf_counter()
    synthetic_corpus(tmp / "big", base)
    built = time.perf_counter() - start
    timings = {}
    for name, data in (("empty", tmp / "big_empty"), (f"{base:,}", tmp / "big")):
        start = time.perf_counter()
        report = corpus.add_paths([tmp / "big_new"], data_dir=data)
        timings[name] = time.perf_counter() - start
        assert report.added == new, report
    print(f"add {new:,} documents: into an empty corpus {timings['empty']:.1f} s, into {base:,} documents "
          f"({base // 1000} parts, built in {built:.0f} s) {timings[f'{base:,}']:.1f} s -> "
          f"{timings[f'{base:,}'] / timings['empty']:.2f}x; load {os.getloadavg()[0]:.1f}")


def kill_trials(tmp: Path, trials: int) -> None:
    import signal
    import subprocess

    import psutil

    batch_a, batch_b = tmp / "kill_a", tmp / "kill_b"
    make_folder(batch_a, 24, 6000, offset=30_000)
    make_folder(batch_b, 24, 6000, offset=40_000)
    expected = {p.stem for folder in (batch_a, batch_b) for p in folder.glob("*.txt")}
    command = [sys.executable, "-m", "extractors", "add"]
    start = time.perf_counter()
    subprocess.run([*command, str(batch_a), "--data", str(tmp / "probe"), "--jobs", "2"], cwd=ROOT,
                   check=True, capture_output=True)
    full = time.perf_counter() - start
    ok = 0
    for trial in range(trials):
        data = tmp / f"kill{trial}"
        # the first trial kills while imports run; the others 0, 0.4, 0.8 s… after the first worker
        moment = 0.3 if trial == 0 else 0.4 * (trial - 1)
        add = subprocess.Popen([*command, str(batch_a), "--data", str(data), "--jobs", "2"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        children: set[int] = set()
        began = time.perf_counter()
        deadline = began + (moment if trial == 0 else 120)
        while time.perf_counter() < deadline and add.poll() is None:
            try:
                found = {c.pid for c in psutil.Process(add.pid).children(recursive=True)}
            except psutil.NoSuchProcess:
                break
            if found and not children and trial:
                deadline = time.perf_counter() + moment
            children |= found
            time.sleep(0.01)
        moment = time.perf_counter() - began
        ran = add.poll() is None
        add.send_signal(signal.SIGKILL)
        add.wait()
        time.sleep(0.5)
        left = [p for p in children if psutil.pid_exists(p)
                and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        start = time.perf_counter()
        subprocess.run([*command, str(batch_b), str(batch_a), "--data", str(data), "--jobs", "2"], cwd=ROOT,
                       check=True, capture_output=True, timeout=600)
        next_s = time.perf_counter() - start
        stored = set(corpus.load(data).documents["doc_id"])
        good = not left and stored == expected
        ok += good
        print(f"kill trial {trial + 1}: at {moment:.1f} s ({'mid-run' if ran else 'after it ended'}, "
              f"{len(children)} workers seen), {len(left)} left behind, next add {next_s:.1f} s, "
              f"{len(stored)}/{len(expected)} documents stored")
    print(f"kill -9 of add: {ok} of {trials} trials clean (an uninterrupted add of one batch: {full:.1f} s)")


if __name__ == "__main__":
    main()
