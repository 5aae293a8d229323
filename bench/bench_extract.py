"""Extraction speed: the seed page repeated to >= 5 MB, one core.

    .venv/bin/python bench/bench_extract.py [--mb 5]

Prints characters per second for the bare candidate pass (normalise + rules +
filters) and for the full pipeline with meaning filled, and peak memory.
Every paragraph copy gets a distinct marker so that no cache can replay work.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402
from extractors.filters import blocked_spans, reason_not_claim  # noqa: E402
from extractors.normalize import normalize  # noqa: E402
from extractors.rules import find_candidates  # noqa: E402


def corpus(megabytes: float) -> str:
    seed = (ROOT / "seeds" / "000_8a114bd477087453.txt").read_text(encoding="utf-8")
    parts, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        # a varying number keeps every copy's text (and jieba contexts) distinct
        block = seed.replace("201亿元", f"{201 + n % 9973}亿元").replace("35 个", f"{35 + n % 97} 个")
        parts.append(block)
        size += len(block.encode("utf-8"))
        n += 1
    return "\n\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8")
    args = ap.parse_args()
    text = corpus(args.mb)
    chars = len(text)
    extract("预热：增长5%。", "warm")   # load lexicons and jieba once, outside the timings

    t0 = time.perf_counter()
    norm = normalize(text)
    blocked = blocked_spans(norm.text)
    kept = [c for c in find_candidates(norm.text) if not reason_not_claim(norm.text, c, blocked)]
    t1 = time.perf_counter()
    # the full pipeline, document by document as the CLI runs it (one seed page each)
    pages = text.split("\n\n\n\n") if "\n\n\n\n" in text else [text]
    t2 = time.perf_counter()
    claims = extract(text, "bench", "2022-06-15")
    t3 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus              {chars:,} characters ({len(text.encode()) / 1e6:.1f} MB UTF-8)")
    print(f"candidates pass     {chars / (t1 - t0):,.0f} chars/s  ({len(kept):,} claims, {t1 - t0:.2f} s)")
    print(f"full pipeline       {chars / (t3 - t2):,.0f} chars/s  ({len(claims):,} claims with meaning, {t3 - t2:.2f} s)")
    print(f"peak memory (RSS)   {peak_mb:,.0f} MB")
    del pages


if __name__ == "__main__":
    main()
