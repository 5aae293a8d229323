"""Composed national government work reports (2022–2025 style, four tiny ones)
for the dashboard tests, until tests/fixtures/national_reports/ (by the
indicator work) is there; then that folder is used instead.

Each report reviews last year (actuals) and sets this year's targets, as the
real ones do; the GDP growth series they give is 2021–2025.
"""
from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national_reports"

# (year of the report, published, review paragraph, targets paragraph)
REPORTS = [
    (2022, "2022-03-05",
     "2021年，我国经济发展和疫情防控保持全球领先地位。国内生产总值达到114万亿元，增长8.1%。"
     "城镇新增就业1269万人，城镇调查失业率平均为5.1%。居民消费价格上涨0.9%。粮食产量1.37万亿斤。",
     "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上；"
     "城镇调查失业率全年控制在5.5%以内；居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上。"),
    (2023, "2023-03-05",
     "2022年，国内生产总值达到121万亿元，增长3%。城镇新增就业1206万人，年末城镇调查失业率降到5.5%。"
     "居民消费价格上涨2%。粮食产量1.37万亿斤。",
     "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右；"
     "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上。"),
    (2024, "2024-03-05",
     "2023年，国内生产总值超过126万亿元，增长5.2%。城镇新增就业1244万人，城镇调查失业率平均为5.2%。"
     "居民消费价格上涨0.2%。粮食产量1.39万亿斤。",
     "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；"
     "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上。"),
    (2025, "2025-03-05",
     "2024年，国内生产总值达到134.9万亿元，增长5%。城镇新增就业1256万人，城镇调查失业率平均为5.1%。"
     "居民消费价格上涨0.2%。粮食产量1.41万亿斤。",
     "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；"
     "城镇调查失业率5.5%左右；居民消费价格涨幅2%左右；粮食产量1.4万亿斤左右。"),
]


def compose(folder: Path) -> Path:
    """Write the reports as .txt with .meta.json sidecars (title, published) into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for year, published, review, targets in REPORTS:
        title = f"{year}年政府工作报告"
        text = (f"{title}\n——{published[:4]}年3月5日在全国人民代表大会上\n\n"
                f"一、{year - 1}年工作回顾\n\n{review}\n\n"
                f"二、{year}年经济社会发展总体要求和政策取向\n\n{targets}\n")
        stem = f"gov_report_{year}"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.meta.json").write_text(
            json.dumps({"title": title, "published": published}, ensure_ascii=False), encoding="utf-8")
    return folder


def national_reports(tmp: Path) -> Path:
    """The fixture folder when it exists, else the composed reports in tmp."""
    if FIXTURES.is_dir() and any(FIXTURES.glob("*.txt")):
        return FIXTURES
    return compose(tmp)
