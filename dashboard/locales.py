"""The dashboard's words: one table per language, looked up with t().

The language of the current script run is set once at the top of the page
(use_language) and read by every section and chart builder; a context
variable, not a module global, because Streamlit runs each session's script
in its own thread.

    >>> _ = use_language("en"); t("status.target")
    'Target'
    >>> _ = use_language("zh"); t("source.line", first="2025年政府工作报告", n=12)
    '来源：2025年政府工作报告 等 12 份文件'
"""
from __future__ import annotations

import contextvars

LANGUAGES = ("zh", "en")
BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("zhibiao_lang", default="zh")

ZH: dict[str, str] = {
    "title": "指标 zhibiao", "subtitle": "中文经济新闻与政府文件中的数据：可追溯、可作图、可下载",
    "lang": "语言 / Language",
    # indicator view
    "series": "指标走势", "series.indicator": "指标", "series.measure": "度量",
    "series.places": "地区 / 主体", "series.none": "数据集中尚无可识别的指标。",
    "series.empty": "所选指标和地区没有数据。", "series.pick": "点击图中的点，查看原文出处。",
    "source.line": "来源：{first} 等 {n} 份文件", "source.line.one": "来源：{first}",
    "series.vintages": "不同文件对同一时期的数值", "series.vintages.note":
        "同一时期、同一地区有多个文件给出不同数值（修订或不同版本），逐一列出并注明发布日期。",
    "series.pairs": "各时期目标与实际", "series.unit": "单位：{unit}",
    "series.places.placeholder": "选择地区",
    "source.target": "目标出处", "source.actual": "实际出处",
    # compare
    "compare": "文件对比", "compare.a": "文件 A", "compare.b": "文件 B",
    "compare.need_two": "至少需要两份含有指标的文件。",
    "compare.same": "两份文件都有的指标", "compare.only_a": "仅见于 A", "compare.only_b": "仅见于 B",
    "compare.change": "变化（B − A）", "compare.nothing": "无",
    # explorer
    "explore": "全部数据点", "filters": "筛选", "reset": "清除筛选",
    "doc_id": "文档", "article": "文章", "kind": "类型", "measure": "度量", "status": "状态",
    "unit": "单位", "period": "时期", "search": "搜索（指标、主体、句子）",
    "search.help": "在指标、主体和原句中查找，不区分大小写",
    "metric.documents": "文档", "metric.articles": "文章", "metric.claims": "数据点",
    "metric.claims.help": "筛选后 / 全部", "metric.targets": "目标 / 实际",
    "chart.money": "金额（对数刻度）", "chart.percent": "百分比（%）",
    "chart.pp": "百分点", "chart.ta": "目标与实际（同一时期）", "chart.counts": "数据点分布",
    "by": "分组", "by.article": "按文章", "by.doc_id": "按文档",
    "sampled": "图中显示 {shown} 个抽样点，共 {total} 个（表格和下载包含全部）",
    "empty": "当前筛选下没有此类数据", "nodata": "尚无数据：数据集中还没有提取到数据点。",
    "pick.hint": "点击图中的点或表格中的一行，查看原文出处。",
    "source": "原文出处", "source.sentence": "原句", "source.context": "原文上下文",
    "source.meta": "文章：{article}　文档：{doc}　发布：{published}　时期：{period}",
    "doc_view": "文档全文", "doc_pick": "选择文档",
    "doc_view.note": "共标出 {n} 个数据点；悬停查看数值",
    "table": "数据表", "table.note": "显示前 {shown} 行，共 {total} 行；完整数据请下载。",
    "downloads": "下载", "dl.filtered": "筛选结果", "dl.all": "全部数据点", "dl.indicators": "指标表",
    "dl.documents": "文档表", "dl.articles": "文章表",
    "dl.chart": "图表图片（vl-convert 生成）", "dl.chart.pick": "选择图表",
    "upload": "添加文档", "upload.files": "上传 .txt / .pdf / .docx / .html 文件",
    "upload.limit": "单个文件不超过 {mb} MB。文档会立即提取并保存到数据目录。",
    "upload.drop": "把文件拖到这里", "upload.browse": "选择文件",
    "upload.date": "发布日期（可选）", "upload.button": "提取并添加",
    "upload.added": "已添加 {added} 个文档，跳过 {skipped} 个", "upload.none": "请先选择文件",
    "upload.progress": "正在提取第 {i}/{n} 个文件：{name}", "upload.done": "提取完成",
    "regen": "正在从种子文档生成数据…", "regen.done": "数据已生成",
    "value": "数值", "indicator": "指标", "subject": "主体", "sentence": "原句", "text": "原文",
    "document": "文件", "published": "发布日期", "bound": "界限", "place": "地区",
    "target": "目标", "actual": "实际", "claim_id": "编号",
    "none": "（未注明）", "other": "其他",
    "axis.money": "金额（对数刻度）", "axis.percent": "百分比", "axis.pp": "百分点",
    "axis.count": "数据点数", "axis.period": "时期",
    "status.target": "目标", "status.actual": "实际",
    "kind.money": "金额", "kind.percent": "百分比", "kind.percentage_point": "百分点",
    "kind.count": "计数", "kind.quantity": "数量", "kind.multiple": "倍数", "kind.rank": "排名",
    "measure.level": "水平", "measure.change": "变化", "measure.share": "占比", "measure.rank": "排名",
    "bound.exact": "＝ 确数", "bound.approx": "≈ 左右", "bound.min": "≥ 不低于", "bound.max": "≤ 不超过",
    "bound.range": "区间",
}

EN: dict[str, str] = {
    "title": "zhibiao 指标",
    "subtitle": "Numbers from Chinese economic news and government documents: traced, charted, downloadable",
    "lang": "语言 / Language",
    "series": "Indicator over time", "series.indicator": "Indicator", "series.measure": "Measure",
    "series.places": "Places / subjects", "series.none": "No known indicator in the corpus yet.",
    "series.empty": "No data for this indicator and these places.",
    "series.pick": "Click a point to read its source sentence.",
    "source.line": "Source: {first} and {more} more ({n} documents)", "source.line.one": "Source: {first}",
    "series.vintages": "Documents that disagree about the same period", "series.vintages.note":
        "Several documents give different values for the same period and place (revisions, vintages); "
        "each is listed with its publication date.",
    "series.pairs": "Targets and actuals by period", "series.unit": "Unit: {unit}",
    "series.places.placeholder": "Choose places",
    "source.target": "Target from", "source.actual": "Actual from",
    "compare": "Compare documents", "compare.a": "Document A", "compare.b": "Document B",
    "compare.need_two": "Two documents with indicators are needed.",
    "compare.same": "Indicators in both", "compare.only_a": "Only in A", "compare.only_b": "Only in B",
    "compare.change": "Change (B − A)", "compare.nothing": "None",
    "explore": "All claims", "filters": "Filters", "reset": "Clear filters",
    "doc_id": "Document", "article": "Article", "kind": "Kind", "measure": "Measure",
    "status": "Status", "unit": "Unit", "period": "Period",
    "search": "Search (indicator, subject, sentence)",
    "search.help": "Case-insensitive search in indicator, subject and source sentence",
    "metric.documents": "Documents", "metric.articles": "Articles", "metric.claims": "Claims",
    "metric.claims.help": "filtered / all", "metric.targets": "Targets / actuals",
    "chart.money": "Money (log scale)", "chart.percent": "Percentages (%)",
    "chart.pp": "Percentage points", "chart.ta": "Targets vs actuals (same period)",
    "chart.counts": "Claims by group",
    "by": "Group by", "by.article": "By article", "by.doc_id": "By document",
    "sampled": "Chart shows a sample of {shown} of {total} points (table and downloads have all)",
    "empty": "No such claims under the current filters", "nodata": "No data yet: no claims have been extracted.",
    "pick.hint": "Click a chart point or a table row to read the source.",
    "source": "Source", "source.sentence": "Sentence", "source.context": "Context in the document",
    "source.meta": "Article: {article} · Document: {doc} · Published: {published} · Period: {period}",
    "doc_view": "Full document", "doc_pick": "Document",
    "doc_view.note": "{n} claims marked; hover for the value",
    "table": "Claims table", "table.note": "Showing the first {shown} of {total} rows; download for all.",
    "downloads": "Downloads", "dl.filtered": "Filtered claims", "dl.all": "All claims",
    "dl.indicators": "Indicators", "dl.documents": "Documents", "dl.articles": "Articles",
    "dl.chart": "Chart image (rendered by vl-convert)", "dl.chart.pick": "Chart",
    "upload": "Add documents", "upload.files": "Upload .txt / .pdf / .docx / .html files",
    "upload.limit": "Up to {mb} MB per file. Documents are extracted at once and saved to the data folder.",
    "upload.drop": "Drag and drop files here", "upload.browse": "Browse files",
    "upload.date": "Publication date (optional)", "upload.button": "Extract and add",
    "upload.added": "Added {added} documents, skipped {skipped}", "upload.none": "Choose files first",
    "upload.progress": "Extracting file {i} of {n}: {name}", "upload.done": "Extraction finished",
    "regen": "Building the data from the seed documents…", "regen.done": "Data built",
    "value": "Value", "indicator": "Indicator", "subject": "Subject", "sentence": "Sentence",
    "text": "Text", "document": "Document", "published": "Published", "bound": "Bound", "place": "Place",
    "target": "Target", "actual": "Actual", "claim_id": "Claim id",
    "none": "(not stated)", "other": "Other",
    "axis.money": "Amount (log scale)", "axis.percent": "Percent", "axis.pp": "Percentage points",
    "axis.count": "Claims", "axis.period": "Period",
    "status.target": "Target", "status.actual": "Actual",
    "kind.money": "Money", "kind.percent": "Percent", "kind.percentage_point": "Percentage points",
    "kind.count": "Count", "kind.quantity": "Quantity", "kind.multiple": "Multiple", "kind.rank": "Rank",
    "measure.level": "Level", "measure.change": "Change", "measure.share": "Share",
    "measure.rank": "Rank",
    "bound.exact": "= exact", "bound.approx": "≈ about", "bound.min": "≥ at least", "bound.max": "≤ at most",
    "bound.range": "range",
}

TABLES = {"zh": ZH, "en": EN}


def use_language(lang: str) -> str:
    """Set the language of this script run; unknown codes fall back to Chinese."""
    lang = lang if lang in TABLES else "zh"
    _LANG.set(lang)
    return lang


def language() -> str:
    return _LANG.get()


def t(key: str, **values) -> str:
    """The label `key` in the current language, formatted with `values`.
    A key missing from the table is a bug: KeyError, not a silent English word."""
    text = TABLES[_LANG.get()][key]
    return text.format(**values) if values else text


def t_value(column: str, value: str) -> str:
    """The reading of a coded value (status.target -> 目标); the value itself if it has none."""
    return TABLES[_LANG.get()].get(f"{column}.{value}", value)
