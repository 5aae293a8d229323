"""Extraction speed on one core: the seed page repeated to the size asked.

    .venv/bin/python bench/bench_extract.py [--mb 2] [--repeat 3]

Prints, in one run on the same text, characters per second (CPU time, the
best of --repeat runs, so that a shared machine's load counts less) of: a
bare regex scan for numerals (the floor any extractor pays), the numbers-only
pass (normalise + rules + not-claim filters), cn2an's `transform` (rewrites
numerals, no spans, no meaning) and the full pipeline with meaning; then peak
memory. Every paragraph copy gets a distinct marker so that no cache can
replay work.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import regex

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


def best_cpu(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


NUMERAL_SCAN = regex.compile(r"[0-9]{1,40}(?:\.[0-9]{1,40})?|[零〇一二两三四五六七八九十百千万亿]{1,40}")


def numbers_only(text: str) -> list:
    norm = normalize(text)
    blocked = blocked_spans(norm.text)
    return [c for c in find_candidates(norm.text) if not reason_not_claim(norm.text, c, blocked)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size in MB of UTF-8")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each fast pass; the best counts")
    args = ap.parse_args()
    text = corpus(args.mb)
    chars = len(text)
    extract("预热：增长5%。", "warm")   # load lexicons and jieba once, outside the timings
    import warnings

    import cn2an

    warnings.filterwarnings("ignore", module="cn2an")   # its notes on numerals it cannot read

    cn2an.transform("预热一百")
    rows = []
    seconds, found = best_cpu(lambda: sum(1 for _ in NUMERAL_SCAN.finditer(text)), args.repeat)
    rows.append(("bare regex scan", seconds, f"{found:,} numerals"))
    seconds, kept = best_cpu(lambda: numbers_only(text), args.repeat)
    rows.append(("numbers only", seconds, f"{len(kept):,} claims"))
    numbers_s = seconds
    seconds, _ = best_cpu(lambda: cn2an.transform(text), 1)
    rows.append(("cn2an transform", seconds, "numerals rewritten"))
    cn2an_s = seconds
    seconds, claims = best_cpu(lambda: extract(text, "bench", "2022-06-15"), 1)
    rows.append(("full pipeline", seconds, f"{len(claims):,} claims with meaning"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus              {chars:,} characters ({len(text.encode()) / 1e6:.1f} MB UTF-8)")
    for name, secs, what in rows:
        print(f"{name:19s} {chars / secs:12,.0f} chars/s  ({secs:.3f} s CPU, {what})")
    print(f"numbers only / cn2an transform   {cn2an_s / numbers_s:.2f}x")
    print(f"full pipeline / cn2an transform  {cn2an_s / rows[-1][1]:.2f}x")
    print(f"peak memory (RSS)   {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
