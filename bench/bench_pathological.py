"""The pathological families of issue 10: time at 1,000 and 4,000 units.

    .venv/bin/python bench/bench_pathological.py [--full]

Prints, per family, the CPU time of the numbers stage (normalise, rules,
filters) at both sizes and their ratio (linear time: about 4); with --full
also the whole pipeline with meaning. The families are those of
tests/test_pathological.py.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402
from tests.test_pathological import FAMILIES, LARGE, SMALL, cpu_time, engine  # noqa: E402

logging.getLogger("extractors.rules").setLevel(logging.ERROR)   # the table, not a line per skipped run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--full", action="store_true", help="also time the full pipeline (slow where it is quadratic)")
    args = ap.parse_args()
    extract("预热：增长5%。")
    header = f"{'family':28s} {'chars@1k':>9s} {'numbers 1k':>11s} {'4k':>8s} {'ratio':>6s}"
    if args.full:
        header += f" {'full 1k':>9s} {'4k':>8s} {'ratio':>6s}"
    print(header)
    for name, make in FAMILIES.items():
        small, large = make(SMALL), make(LARGE)
        t1, t4 = cpu_time(engine, small), cpu_time(engine, large)
        row = f"{name:28s} {len(small):9,d} {t1:10.4f}s {t4:7.4f}s {t4 / max(t1, 1e-4):6.1f}"
        if args.full:
            f1, f4 = cpu_time(extract, small, runs=1), cpu_time(extract, large, runs=1)
            row += f" {f1:8.3f}s {f4:7.3f}s {f4 / max(f1, 1e-4):6.1f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
