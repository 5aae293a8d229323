"""The command line against the library, on the same texts (issue 12's CLI figures).

    .venv/bin/python bench/bench_cli.py [--docs 300] [--memory-docs 200,2000]

Prints, in one run:
- `python -m extractors --help` wall time (median of 5);
- the CLI end to end (`extract FOLDER --out DIR`: interpreter start, imports, reading,
  articles, claims, writing the CSVs) against the library's extract() over the same texts
  in one process (import excluded, jieba's first load included), as a ratio (goal >= 0.75);
- `--jobs 2` against `--jobs 1` on those documents and on --jobs-docs (1,200) documents (goal >=
  1.7x on 2 free cores; the load average is printed, since other work on the machine takes cores
  from the second job);
- the CLI's peak RSS over a folder of N and of 10N short documents (streaming: goal <= 1.2x).
Documents: the seed, the dev set and the genre fixtures, every digit changed per copy.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/dev/corpus")


def base_texts() -> list[str]:
    paths = [ROOT / "seeds" / "000_8a114bd477087453.txt", *sorted(DEV.glob("*.txt")),
             *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in paths if p.is_file()]


def varied(text: str, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in text)


def make_folder(folder: Path, count: int, max_chars: int | None = None) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    texts = base_texts()
    chars = 0
    for i in range(count):
        text = varied(texts[i % len(texts)][:max_chars], i)
        (folder / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


CPU = {"last": 0.0}  # CPU seconds of the last cli() run, its workers included


def cli(*args: str) -> float:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractors", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return took


LIBRARY = """
import sys, time
from pathlib import Path
import extractors
files = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
start, cpu = time.perf_counter(), time.process_time()
claims = sum(len(extractors.extract(text, doc_id)) for doc_id, text in texts)
print(time.perf_counter() - start, claims, time.process_time() - cpu)
"""

PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def library(folder: Path) -> tuple[float, int, float]:
    """(wall seconds, claims, CPU seconds) of extract() over the folder's texts, imports excluded."""
    out = subprocess.run([sys.executable, "-c", LIBRARY, str(folder)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


def peak_mb(folder: Path, out: Path) -> float:
    return float(subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "extractors", "extract",
                                 str(folder), "--out", str(out)], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--memory-docs", default="200,2000")
    parser.add_argument("--jobs-docs", type=int, default=1200,
                        help="a second, larger folder for --jobs 2 (the start-up, ~1 s of imports and "
                             "jieba's dictionary, is paid once before the jobs split the work)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        chars = make_folder(tmp / "docs", args.docs)
        helps = [cli("--help") for _ in range(5)]
        print(f"--help: median {statistics.median(helps):.3f} s (min {min(helps):.3f})")
        lib_s, claims, lib_cpu = library(tmp / "docs")
        cli_s = cli("extract", str(tmp / "docs"), "--out", str(tmp / "o1"))
        cli_cpu = CPU["last"]
        print(f"{args.docs} documents, {chars:,} characters, {claims:,} claims; load {os.getloadavg()[0]:.1f}")
        print(f"library extract(): {lib_s:.2f} s ({chars / lib_s / 1e3:.0f} k chars/s)")
        print(f"CLI end to end:    {cli_s:.2f} s ({chars / cli_s / 1e3:.0f} k chars/s) "
              f"-> CLI/library speed {lib_s / cli_s:.2f}x (goal >= 0.75); in CPU seconds {lib_cpu:.2f} "
              f"against {cli_cpu:.2f} -> {lib_cpu / cli_cpu:.2f}x")
        jobs2 = cli("extract", str(tmp / "docs"), "--out", str(tmp / "o2"), "--jobs", "2")
        print(f"CPU: --jobs 1 {cli_cpu:.2f} s, --jobs 2 {CPU['last']:.2f} s in all "
              f"(the second job's overhead: {CPU['last'] / cli_cpu - 1:+.0%})")
        same = all((tmp / "o1" / n).read_bytes() == (tmp / "o2" / n).read_bytes()
                   for n in ("claims.csv", "indicators.csv", "documents.csv"))
        print(f"--jobs 2: {jobs2:.2f} s -> {cli_s / jobs2:.2f}x --jobs 1 (goal >= 1.7 on 2 free cores); "
              f"identical files: {same}; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        speedups = {args.docs: cli_s / jobs2}
        if args.jobs_docs:
            big_chars = make_folder(tmp / "big", args.jobs_docs)
            one = cli("extract", str(tmp / "big"), "--out", str(tmp / "b1"))
            two = cli("extract", str(tmp / "big"), "--out", str(tmp / "b2"), "--jobs", "2")
            same = all((tmp / "b1" / n).read_bytes() == (tmp / "b2" / n).read_bytes()
                       for n in ("claims.csv", "indicators.csv", "documents.csv"))
            speedups[args.jobs_docs] = one / two
            print(f"--jobs 2 on {args.jobs_docs} documents ({big_chars:,} characters): {one:.2f} s -> {two:.2f} s, "
                  f"{one / two:.2f}x; identical files: {same}; load {os.getloadavg()[0]:.1f}")
        small, large = (int(n) for n in args.memory_docs.split(","))
        make_folder(tmp / "small", small, max_chars=1500)
        make_folder(tmp / "large", large, max_chars=1500)
        small_mb = peak_mb(tmp / "small", tmp / "os")
        large_mb = peak_mb(tmp / "large", tmp / "ol")
        print(f"peak RSS: {small} documents {small_mb:.0f} MB, {large} documents {large_mb:.0f} MB "
              f"-> {large_mb / small_mb:.2f}x (goal <= 1.2)")
        print(json.dumps({"help_s": statistics.median(helps), "library_s": lib_s, "cli_s": cli_s,
                          "cli_vs_library": lib_s / cli_s, "jobs2_speedup": speedups,
                          "peak_small_mb": small_mb, "peak_large_mb": large_mb}))


if __name__ == "__main__":
    main()
