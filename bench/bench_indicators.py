"""Indicator mapping and place finding speed.

    .venv/bin/python bench/bench_indicators.py [--claims 1000000]

Prints the time indicators_frame takes on N claims whose indicator phrases are
built from scope words, sector words, names and change words (about 40 % of
them distinct: no cache can replay most of the work), the same again warm,
indicator_rows on one document's claims, and find_places on a long text.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from extractors.indicators import indicator_rows, indicators_frame  # noqa: E402
from extractors.model import CLAIM_COLUMNS  # noqa: E402
from extractors.places import find_places  # noqa: E402

HEADS = ["", "全市", "全省", "一季度", "1—5月", "深圳市", "全国", "其中", "上半年", "公司"]
SECTORS = ["", "装备制造业", "规上", "地方", "国有控股企业", "民营企业", "高技术", "重点项目", "农村", "城镇",
           "第三产业", "电子信息产业", "中直"]
NAMES = ["地区生产总值", "工业增加值", "固定资产投资", "社会消费品零售总额", "利润总额", "营业收入", "进出口总额",
         "一般公共预算收入", "城镇新增就业", "粮食产量", "新造林", "项目", "企业", "专精特新企业", "签约项目",
         "计划总投资额", "居民人均可支配收入", "税收收入"]
TAILS = ["", "增长", "同比增长", "增速", "比上年增长", "下降", "占比", "比一季度提高", "年均增长", "达到"]


def claims(n: int) -> pd.DataFrame:
    rng = random.Random(1)
    phrases = [rng.choice(HEADS) + rng.choice(SECTORS) + rng.choice(NAMES) + rng.choice(TAILS)
               + (str(rng.randint(0, 40)) if rng.random() < 0.5 else "") for _ in range(n)]
    base = {c: "" for c in CLAIM_COLUMNS}
    frame = pd.DataFrame({**base, "indicator": phrases, "unit": rng.choices(["元", "%", "个", "人"], k=n),
                          "measure": rng.choices(["level", "change", ""], k=n),
                          "subject": rng.choices(["深圳市", "全国", "", "鲁西集团"], k=n),
                          "value_normalized": "5", "multiplier": "1", "doc_id": "d", "claim_id": "c"})
    return frame[list(CLAIM_COLUMNS)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1_000_000)
    args = parser.parse_args()
    find_places("深圳市")                      # jieba and the gazetteer load once
    frame = claims(args.claims)
    print(f"{len(frame):,} claims, {frame['indicator'].nunique():,} distinct phrases")
    for label in ("cold", "warm"):
        began = time.perf_counter()
        out = indicators_frame(frame)
        print(f"indicators_frame {label}: {time.perf_counter() - began:.2f} s, {len(out):,} rows")
    rows = list(frame.head(300).itertuples(index=False, name=None))
    began = time.perf_counter()
    for _ in range(100):
        indicator_rows(rows)
    print(f"indicator_rows, one document of 300 claims: {(time.perf_counter() - began) * 10:.2f} ms")
    text = ("2023年，深圳市地区生产总值增长6%，广东省进出口总额8.3万亿元；"
            "山东省聊城市阳谷县新签约项目35个，聊城日报记者报道。") * 5000
    began = time.perf_counter()
    found = find_places(text)
    elapsed = time.perf_counter() - began
    print(f"find_places: {len(text) / elapsed / 1e6:.2f} M chars/s ({len(found):,} mentions)")


if __name__ == "__main__":
    main()
