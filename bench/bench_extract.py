"""Extraction speed on one core, on two corpora of real text with every digit changed.

    .venv/bin/python bench/bench_extract.py [--mb 1] [--repeat 3]

Prints, per corpus and in one run on the same text, characters per second (CPU
time; the best of --repeat runs for the fast passes, so that a shared machine's
load counts less) of: a bare regex scan for numerals (the floor any extractor
pays), the numbers-only pass (normalise + rules + not-claim filters), cn2an's
`transform` (rewrites numerals, no spans, no meaning) and the full pipeline
with meaning, tables and context, one extract() per document; then peak memory.

- newspaper: the seed page (聊城日报), copies with every digit changed;
- mixed: the seed, the dev set (work report, bureau analysis, NBS release with
  tables), the composed genre, held-out and national-report documents, copies
  with every digit changed. Claims are ~8x denser than on the newspaper page,
  and the meaning of each claim is most of the cost.

Every digit is drawn again per copy, so no cache keyed on a sentence can replay
work; caches keyed on digit-free phrases (jieba's tags of 全市规模以上工业增加值)
do hit across copies, as they do across a real corpus that repeats its phrases.
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


DOCUMENTS = {
    "newspaper": ["seeds/000_8a114bd477087453.txt"],
    "mixed": ["seeds/000_8a114bd477087453.txt", "/work/shared/dev/corpus/*.txt", "tests/fixtures/*.txt",
              "tests/fixtures/genres/corpus/*.txt", "tests/fixtures/holdout/corpus/*.txt",
              "tests/fixtures/national_reports/*.txt"],
}


def corpus(name: str, megabytes: float) -> list[str]:
    """Documents of the named corpus, every digit drawn again per copy, up to `megabytes` of UTF-8."""
    import glob
    import random

    paths = [p for pattern in DOCUMENTS[name] for p in sorted(glob.glob(str(ROOT / pattern)))]
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    docs, size = [], 0
    while size < megabytes * 1_000_000:
        rng = random.Random(len(docs))
        text = "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in texts[len(docs) % len(texts)])
        docs.append(text)
        size += len(text.encode("utf-8"))
    return docs


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
    ap.add_argument("--mb", type=float, default=1.0, help="size of each corpus in MB of UTF-8")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each fast pass; the best counts")
    args = ap.parse_args()
    extract("预热：增长5%。", "warm")   # load lexicons and jieba once, outside the timings
    import warnings

    import cn2an

    warnings.filterwarnings("ignore", module="cn2an")   # its notes on numerals it cannot read
    cn2an.transform("预热一百")
    for name in DOCUMENTS:
        docs = corpus(name, args.mb)
        chars = sum(map(len, docs))
        rows = []
        seconds, found = best_cpu(lambda: sum(1 for d in docs for _ in NUMERAL_SCAN.finditer(d)), args.repeat)
        rows.append(("bare regex scan", seconds, f"{found:,} numerals"))
        seconds, kept = best_cpu(lambda: sum(len(numbers_only(d)) for d in docs), args.repeat)
        rows.append(("numbers only", seconds, f"{kept:,} claims"))
        numbers_s = seconds
        cn2an_s, _ = best_cpu(lambda: [cn2an.transform(d) for d in docs], 1)
        rows.append(("cn2an transform", cn2an_s, "numerals rewritten"))
        full_s, claims = best_cpu(lambda: sum(len(extract(d, f"bench{i}", "2022-06-15"))
                                              for i, d in enumerate(docs)), 1)
        rows.append(("full pipeline", full_s, f"{claims:,} claims with meaning"))
        print(f"{name}: {len(docs)} documents, {chars:,} characters ({sum(len(d.encode()) for d in docs) / 1e6:.1f} MB UTF-8), "
              f"{claims / chars * 1000:.1f} claims per 1,000 characters")
        for label, secs, what in rows:
            print(f"  {label:19s} {chars / secs:12,.0f} chars/s  ({secs:.3f} s CPU, {what})")
        print(f"  numbers only / cn2an transform   {cn2an_s / numbers_s:.2f}x")
        print(f"  full pipeline / cn2an transform  {cn2an_s / full_s:.2f}x")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS)   {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
