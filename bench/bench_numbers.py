"""Calls per second of split_magnitude on short Arabic inputs.

    .venv/bin/python bench/bench_numbers.py

Prints two figures: cold (every input new, the lru_cache never hits) and warm
(a realistic mix of repeated candidates, as the engine sees in one document).
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors.numbers import _parse, _split, split_magnitude  # noqa: E402

SUFFIXES = ["", "万", "亿", "万亿", "千万"]


def inputs(n: int, offset: int = 0) -> list[str]:
    """n distinct short Arabic candidates: 1234.5万, 82,225, 17亿 ..."""
    out = []
    for i in range(offset, offset + n):
        head = f"{i % 100000}.{i % 97}" if i % 3 else f"{i:,}"
        out.append(head + SUFFIXES[i % len(SUFFIXES)])
    return out


def rate(texts: list[str]) -> float:
    start = time.perf_counter()
    for t in texts:
        split_magnitude(t)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    n = 200_000
    _split.cache_clear()
    cold = rate(inputs(n, offset=10**6))  # all distinct: fast path, no cache hits
    warm_set = inputs(2_000)
    rate(warm_set)
    warm = rate(warm_set * (n // len(warm_set)))
    print(f"split_magnitude, short Arabic inputs: cold {cold:,.0f} calls/s, warm (cached) {warm:,.0f} calls/s")
    chinese = ["一千二百万", "四十五亿四千零四万", "三万五", "二〇二四", "十余万"]
    rounds = 2_000
    start = time.perf_counter()
    for _ in range(rounds):
        _split.cache_clear()
        _parse.cache_clear()
        for t in chinese:
            split_magnitude(t)
    chinese_rate = rounds * len(chinese) / (time.perf_counter() - start)
    print(f"split_magnitude, Chinese numerals, uncached: {chinese_rate:,.0f} calls/s")

if __name__ == "__main__":
    main()
