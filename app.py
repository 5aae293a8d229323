"""zhibiao 指标 dashboard: claims from Chinese economic documents, charted,
traced to their source sentence and downloadable.

Run with `bash scripts/run.sh` (streamlit run app.py). The data folder is
ZHIBIAO_DATA_DIR (default: the corpus module's DATA_DIR); the seed folder is
ZHIBIAO_SEEDS_DIR (default: seeds/). Widgets and layout only: data work lives
in extractors/present.py and extractors/corpus.py.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from extractors import corpus, present
from extractors.fingerprint import extractor_fingerprint
from extractors.model import CLAIM_COLUMNS

ROOT = Path(__file__).resolve().parent

DATA_DIR = Path(os.environ.get("ZHIBIAO_DATA_DIR") or corpus.DATA_DIR)
SEEDS_DIR = Path(os.environ.get("ZHIBIAO_SEEDS_DIR") or ROOT / "seeds")
TABLE_ROWS = 500       # rows of the filtered table sent to the browser
CHART_POINTS = 2000    # points per claim chart; more are sampled

# ------------------------------------------------------------------ labels --
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "指标 zhibiao", "subtitle": "中文经济新闻与政府文件中的数据：可追溯、可作图、可下载",
        "lang": "语言 / Language", "filters": "筛选", "reset": "清除筛选",
        "doc_id": "文档", "article": "文章", "kind": "类型", "measure": "度量", "status": "状态",
        "unit": "单位", "period": "时期", "search": "搜索（指标、主体、句子）",
        "search.help": "在指标、主体和原句中查找，不区分大小写",
        "metric.documents": "文档", "metric.articles": "文章", "metric.claims": "数据点",
        "metric.claims.help": "筛选后 / 全部", "metric.targets": "目标 / 实际",
        "charts": "图表", "chart.money": "金额（对数刻度）", "chart.percent": "百分比（%）",
        "chart.pp": "百分点", "chart.ta": "目标与实际", "chart.counts": "数据点分布",
        "by": "分组", "by.article": "按文章", "by.doc_id": "按文档",
        "sampled": "图中显示 {shown:,} 个抽样点，共 {total:,} 个（表格和下载包含全部）",
        "empty": "当前筛选下没有此类数据", "nodata": "尚无数据：数据集中还没有提取到数据点。",
        "pick.hint": "点击图中的点或表格中的一行，查看原文出处。",
        "source": "原文出处", "source.sentence": "原句", "source.context": "原文上下文",
        "source.meta": "文章：{article}　文档：{doc}　发布：{published}　时期：{period}",
        "doc_view": "文档全文", "doc_pick": "选择文档",
        "doc_view.note": "共标出 {n:,} 个数据点；悬停查看数值",
        "table": "数据表", "table.note": "显示前 {shown:,} 行，共 {total:,} 行；完整数据请下载。",
        "downloads": "下载", "dl.filtered": "筛选结果", "dl.all": "全部数据点", "dl.documents": "文档表",
        "dl.articles": "文章表", "dl.chart": "图表图片（vl-convert 生成）", "dl.chart.pick": "选择图表",
        "upload": "添加文档", "upload.files": "上传 .txt / .pdf / .docx / .html 文件",
        "upload.limit": "单个文件不超过 {mb} MB。文档会立即提取并保存到数据目录。",
        "upload.date": "发布日期（可选）", "upload.button": "提取并添加",
        "upload.added": "已添加 {added} 个文档，跳过 {skipped} 个", "upload.none": "请先选择文件",
        "regen": "正在从种子文档生成数据…", "regen.done": "数据已生成",
        "value": "数值", "indicator": "指标", "subject": "主体", "sentence": "原句", "text": "原文",
        "none": "（未注明）", "other": "其他",
        "axis.money": "金额（对数刻度）", "axis.percent": "百分比", "axis.pp": "百分点",
        "axis.count": "数据点数",
        "status.target": "目标", "status.actual": "实际",
        "kind.money": "金额", "kind.percent": "百分比", "kind.percentage_point": "百分点",
        "kind.count": "计数", "kind.quantity": "数量", "kind.multiple": "倍数", "kind.rank": "排名",
        "measure.level": "水平", "measure.change": "变化", "measure.share": "占比", "measure.rank": "排名",
    },
    "en": {
        "title": "zhibiao 指标", "subtitle": "Numbers from Chinese economic news and government documents: traced, charted, downloadable",
        "lang": "语言 / Language", "filters": "Filters", "reset": "Clear filters",
        "doc_id": "Document", "article": "Article", "kind": "Kind", "measure": "Measure",
        "status": "Status", "unit": "Unit", "period": "Period",
        "search": "Search (indicator, subject, sentence)",
        "search.help": "Case-insensitive search in indicator, subject and source sentence",
        "metric.documents": "Documents", "metric.articles": "Articles", "metric.claims": "Claims",
        "metric.claims.help": "filtered / all", "metric.targets": "Targets / actuals",
        "charts": "Charts", "chart.money": "Money (log scale)", "chart.percent": "Percentages (%)",
        "chart.pp": "Percentage points", "chart.ta": "Targets vs actuals", "chart.counts": "Claims by group",
        "by": "Group by", "by.article": "By article", "by.doc_id": "By document",
        "sampled": "Chart shows a sample of {shown:,} of {total:,} points (table and downloads have all)",
        "empty": "No such claims under the current filters", "nodata": "No data yet: no claims have been extracted.",
        "pick.hint": "Click a chart point or a table row to read the source.",
        "source": "Source", "source.sentence": "Sentence", "source.context": "Context in the document",
        "source.meta": "Article: {article} · Document: {doc} · Published: {published} · Period: {period}",
        "doc_view": "Full document", "doc_pick": "Document",
        "doc_view.note": "{n:,} claims marked; hover for the value",
        "table": "Claims table", "table.note": "Showing the first {shown:,} of {total:,} rows; download for all.",
        "downloads": "Downloads", "dl.filtered": "Filtered claims", "dl.all": "All claims",
        "dl.documents": "Documents", "dl.articles": "Articles",
        "dl.chart": "Chart image (rendered by vl-convert)", "dl.chart.pick": "Chart",
        "upload": "Add documents", "upload.files": "Upload .txt / .pdf / .docx / .html files",
        "upload.limit": "Up to {mb} MB per file. Documents are extracted at once and saved to the data folder.",
        "upload.date": "Publication date (optional)", "upload.button": "Extract and add",
        "upload.added": "Added {added} documents, skipped {skipped}", "upload.none": "Choose files first",
        "regen": "Building the data from the seed documents…", "regen.done": "Data built",
        "value": "Value", "indicator": "Indicator", "subject": "Subject", "sentence": "Sentence",
        "text": "Text", "none": "(not stated)", "other": "Other",
        "axis.money": "Amount (log scale)", "axis.percent": "Percent", "axis.pp": "Percentage points",
        "axis.count": "Claims",
        "status.target": "Target", "status.actual": "Actual",
        "kind.money": "Money", "kind.percent": "Percent", "kind.percentage_point": "Percentage points",
        "kind.count": "Count", "kind.quantity": "Quantity", "kind.multiple": "Multiple", "kind.rank": "Rank",
        "measure.level": "Level", "measure.change": "Change", "measure.share": "Share", "measure.rank": "Rank",
    },
}
# Sidebar filters: widget key (== URL query parameter) -> claims column.
FILTERS = {"doc": "doc_id", "article": "article", "kind": "kind", "measure": "measure",
           "status": "status", "unit": "unit", "period": "period"}
TRANSLATED = {"kind", "measure", "status"}  # columns whose values have labels
URL_DEFAULTS = {"lang": "zh", "by": "article"}

CSS = """<style>
mark { background: #ffe066; padding: 0 .1em; border-radius: 2px; }
mark.sel { background: #ff922b; outline: 2px solid #d9480f; }
.zb-sentence { font-size: 1.1rem; line-height: 1.8; }
.zb-context { color: #444; line-height: 1.8; white-space: pre-wrap; }
.zb-doc { white-space: pre-wrap; line-height: 1.9; max-height: 32rem; overflow-y: auto;
          border: 1px solid #ddd; border-radius: .4rem; padding: .8rem 1rem; }
</style>"""


# ------------------------------------------------------------------- data ---
def data_fingerprint(data_dir: Path) -> str:
    """Changes whenever the corpus is written: every write replaces the
    generation pointer CURRENT.json (atomically), so its bytes and mtime suffice."""
    pointer = data_dir / corpus.POINTER
    try:
        return hashlib.sha1(f"{pointer.stat().st_mtime_ns}:".encode() + pointer.read_bytes()).hexdigest()[:16]
    except OSError:
        return "empty"


@st.cache_resource(show_spinner=False, max_entries=2)
def load_tables(data_dir: str, data_fp: str, extractor_fp: str):
    """Tables keyed on the data and extractor fingerprints (arguments only
    key the cache). cache_resource, not cache_data: cache_data would copy a
    million-row frame on every rerun; the frames are never mutated here."""
    tables = corpus.load(data_dir=Path(data_dir))
    return (present.prepare_claims(tables.claims), tables.documents.fillna(""),
            tables.articles.fillna(""))


@st.cache_data(show_spinner=False, max_entries=32)
def document_text(doc_id: str, data_dir: str, data_fp: str) -> str:
    try:
        return corpus.document_text(doc_id, data_dir=Path(data_dir))
    except (OSError, KeyError, ValueError, LookupError):
        return ""


def ensure_data(L: dict) -> None:
    """Build data/ from seeds/ with a progress indicator when it is missing or stale."""
    if not corpus.is_stale(data_dir=DATA_DIR):
        return
    with st.status(L["regen"], expanded=True) as status:
        bar = st.progress(0.0)

        def progress(*args) -> None:
            nums = [a for a in args if isinstance(a, (int, float))]
            if len(nums) >= 2 and nums[1]:
                bar.progress(min(1.0, nums[0] / nums[1]), text=" ".join(map(str, args[2:])) or None)
            elif nums:
                bar.progress(min(1.0, float(nums[0]) if nums[0] <= 1 else 1.0))

        corpus.ensure_seed_corpus(data_dir=DATA_DIR, seeds_dir=SEEDS_DIR, progress_callback=progress)
        bar.progress(1.0)
        status.update(label=L["regen.done"], state="complete", expanded=False)


# ----------------------------------------------------------------- widgets --
def from_url(key: str, allowed=None, many: bool = True):
    """Seed a widget's state from the URL once per session (a shared link
    reproduces the view); values that are not options are dropped."""
    if key in st.session_state.setdefault("_from_url", set()):
        return
    st.session_state["_from_url"].add(key)
    if key not in st.query_params:
        return
    values = st.query_params.get_all(key)
    if allowed is not None:
        values = [v for v in values if v in allowed]
    if many:
        st.session_state[key] = values
    elif values:
        st.session_state[key] = values[0]


def to_url(state: dict) -> None:
    """Mirror widget values into the URL with raw values (?kind=percent), so
    a link works in either language."""
    for key, value in state.items():
        if value and value != URL_DEFAULTS.get(key):
            if st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def sidebar_filters(L: dict, claims: pd.DataFrame, documents: pd.DataFrame) -> tuple[dict, str]:
    sb = st.sidebar
    sb.header(L["filters"])
    titles = dict(zip(documents.get("doc_id", []), documents.get("title", [])))
    selected, state = {}, {}
    for key, col in FILTERS.items():
        opts = present.options(claims, col)
        if key == "period":
            opts = sorted(opts)  # ISO periods: chronological
        elif key == "doc":
            seen = set(opts)
            opts += [d for d in map(str, documents.get("doc_id", [])) if d not in seen]
            fmt = lambda d: f"{titles.get(d) or d}"  # noqa: E731
        elif col in TRANSLATED:
            fmt = lambda v, c=col: L.get(f"{c}.{v}", v)  # noqa: E731
        else:
            fmt = str
        from_url(key, set(opts))
        if any(v not in opts for v in st.session_state.get(key, [])):
            st.session_state[key] = [v for v in st.session_state[key] if v in opts]
        selected[col] = state[key] = sb.multiselect(L[col], opts, key=key, format_func=fmt,
                                                    placeholder="—")
    from_url("q", many=False)
    query = state["q"] = sb.text_input(L["search"], key="q", help=L["search.help"]) or ""
    if sb.button(L["reset"], key="reset", on_click=clear_filters):
        pass
    to_url(state)
    return selected, query


def clear_filters() -> None:
    for key in FILTERS:
        st.session_state[key] = []
    st.session_state["q"] = ""


def track_pick(sources: dict[str, str | None]) -> str | None:
    """The claim picked last, by chart point or table row: a source whose
    selection changed since the previous run wins."""
    prev = st.session_state.setdefault("_prev_sel", {})
    for name, claim_id in sources.items():
        if claim_id and claim_id != prev.get(name):
            st.session_state["picked"] = claim_id
            st.session_state["_new_pick"] = True
        prev[name] = claim_id
    return st.session_state.get("picked")


def chart_selection(event) -> str | None:
    try:
        points = event.selection.get(present.SELECTION) or []
    except AttributeError:
        return None
    return str(points[0].get("claim_id")) if points and points[0].get("claim_id") else None


def show_claim_chart(L, claims, mask, key, build, images):
    """Sample (index first, then copy), build and show one claim chart;
    remember it for image export. Returns the claim picked in it."""
    shown, total = present.pick_rows(claims, mask, CHART_POINTS)
    if not total:
        st.info(L["empty"])
        return None
    chart = build(present.chart_frame(shown, L, st.session_state.get("lang", "zh")))
    images[key] = chart
    event = st.altair_chart(chart, key=key, on_select="rerun", selection_mode=present.SELECTION,
                            width="stretch")
    if len(shown) < total:
        st.caption(L["sampled"].format(shown=len(shown), total=total))
    return chart_selection(event)


def source_panel(L: dict, claims: pd.DataFrame, documents: pd.DataFrame, picked: str | None,
                 data_fp: str) -> None:
    st.subheader(L["source"])
    row = claims[claims["claim_id"] == picked] if picked else claims.iloc[0:0]
    if row.empty:
        st.caption(L["pick.hint"])
        return
    c = row.iloc[0]
    titles = dict(zip(documents["doc_id"], documents["title"])) if "title" in documents else {}
    doc = str(c["doc_id"])
    fmt = present.format_en if st.session_state.get("lang") == "en" else present.format_cn
    st.markdown(f"**{fmt(c['value_normalized'], c['unit'], c['kind'])}** · "
                f"{present.html.escape(str(c['indicator']) or L['none'])}")
    st.caption(L["source.meta"].format(article=c["article"] or L["none"], doc=titles.get(doc) or doc,
                                       published=c["published"] or L["none"],
                                       period=c["period"] or L["none"]))
    st.html(f'<div class="zb-sentence" data-testid="zb-sentence">'
            f'{present.highlight_in(c["sentence"], c["text"])}</div>')
    source = document_text(doc, str(DATA_DIR), data_fp)
    if source and pd.notna(c["start"]) and source[int(c["start"]):int(c["end"])] == c["text"]:
        st.caption(L["source.context"])
        st.html(f'<div class="zb-context">{present.context_html(source, c["start"], c["end"], width=90)}</div>')


def document_view(L: dict, claims: pd.DataFrame, documents: pd.DataFrame, picked: str | None,
                  data_fp: str) -> None:
    st.subheader(L["doc_view"])
    ids = [str(d) for d in documents.get("doc_id", [])]
    if not ids:
        return
    titles = dict(zip(documents["doc_id"].astype(str), documents["title"].astype(str)))
    if st.session_state.pop("_new_pick", False) and picked:
        row = claims[claims["claim_id"] == picked]
        if not row.empty and str(row.iloc[0]["doc_id"]) in ids:
            st.session_state["doc_view"] = str(row.iloc[0]["doc_id"])
    doc = st.selectbox(L["doc_pick"], ids, key="doc_view",
                       format_func=lambda d: f"{titles.get(d) or d} ({d})")
    source = document_text(doc, str(DATA_DIR), data_fp)
    mine = present.pick_rows(claims[["doc_id", "start", "end", "claim_id", "value_normalized", "unit",
                                     "kind", "indicator"]], (claims["doc_id"] == doc).to_numpy(),
                             20_000, sample=False)[0]
    fmt = present.format_en if st.session_state.get("lang") == "en" else present.format_cn
    spans = [(s, e, cid, f"{fmt(v, u, k)} {ind}") for s, e, cid, v, u, k, ind in zip(
        mine["start"], mine["end"], mine["claim_id"], mine["value_normalized"], mine["unit"],
        mine["kind"], mine["indicator"]) if pd.notna(s) and pd.notna(e)]
    st.caption(L["doc_view.note"].format(n=len(spans)))
    st.html(f'<div class="zb-doc" data-testid="zb-doc">'
            f'{present.mark_claims(source, spans, picked or "")}</div>')


def downloads(L: dict, claims, mask, documents, articles, images: dict) -> None:
    st.subheader(L["downloads"])
    cols = list(CLAIM_COLUMNS)
    tables = [("filtered", L["dl.filtered"], lambda: claims.loc[mask, cols]),
              ("claims", L["dl.all"], lambda: claims[cols]),
              ("documents", L["dl.documents"], lambda: documents),
              ("articles", L["dl.articles"], lambda: articles)]
    grid = st.columns(len(tables))
    for box, (name, label, get) in zip(grid, tables):
        box.markdown(f"**{label}**")
        box.download_button("CSV", lambda g=get: present.to_csv_bytes(g()), file_name=f"{name}.csv",
                            mime="text/csv", key=f"dl_{name}_csv", on_click="ignore", icon=":material/download:")
        box.download_button("XLSX", lambda g=get, n=name: present.to_xlsx_bytes({n: g()}),
                            file_name=f"{name}.xlsx", key=f"dl_{name}_xlsx", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            icon=":material/download:")
    if images:
        names = {"chart_money": L["chart.money"], "chart_percent": L["chart.percent"],
                 "chart_pp": L["chart.pp"], "chart_ta": L["chart.ta"], "chart_counts": L["chart.counts"]}
        st.markdown(f"**{L['dl.chart']}**")
        a, b, c = st.columns([3, 1, 1], vertical_alignment="bottom")
        which = a.selectbox(L["dl.chart.pick"], list(images), format_func=names.get, key="dl_chart")
        chart = images[which]  # the spec is built when the button is clicked
        b.download_button("PNG", lambda: present.chart_image(chart.to_dict(), "png"), file_name=f"{which}.png",
                          mime="image/png", key="dl_png", on_click="ignore")
        c.download_button("SVG", lambda: present.chart_image(chart.to_dict(), "svg"), file_name=f"{which}.svg",
                          mime="image/svg+xml", key="dl_svg", on_click="ignore")


def upload_section(L: dict) -> None:
    with st.expander(L["upload"], icon=":material/upload_file:",
                     expanded="_upload_report" in st.session_state):
        mb = st.get_option("server.maxUploadSize")
        st.caption(L["upload.limit"].format(mb=mb))
        report = st.session_state.pop("_upload_report", None)
        if report:  # from the run that stored the files (then reran to show them)
            for err in report["errors"]:
                st.error(err, icon=":material/error:")
            if report["added"] or report["skipped"] or not report["errors"]:
                st.success(L["upload.added"].format(added=report["added"], skipped=report["skipped"]))
        files = st.file_uploader(L["upload.files"], type=["txt", "pdf", "docx", "html", "htm"],
                                 accept_multiple_files=True, key="upload")
        published = st.date_input(L["upload.date"], value=None, key="upload_date")
        if st.button(L["upload.button"], key="upload_go", type="primary"):
            if not files:
                st.warning(L["upload.none"])
                return
            added, skipped, errors = 0, 0, []
            with st.spinner():
                for f in files:
                    r = corpus.add_text(f.name, f.getvalue(), data_dir=DATA_DIR,
                                        published=published.isoformat() if published else None)
                    added, skipped = added + r.added, skipped + r.skipped
                    errors += [" ".join(str(e).split()) for e in r.errors]  # one line each
            st.session_state["_upload_report"] = {"added": added, "skipped": skipped, "errors": errors}
            st.rerun()  # reload the tables: the new documents show in filters, charts, views


# -------------------------------------------------------------------- page --
def main() -> None:
    st.set_page_config(page_title="指标 zhibiao", page_icon="📊", layout="wide")
    from_url("lang", {"zh", "en"}, many=False)
    st.session_state.setdefault("lang", "zh")
    lang = st.sidebar.segmented_control("语言 / Language", ["zh", "en"], key="lang",
                                        format_func={"zh": "中文", "en": "English"}.get,
                                        required=True) or "zh"
    to_url({"lang": lang})
    L = LABELS[lang]
    st.html(CSS)
    st.title(L["title"])
    st.caption(L["subtitle"])
    ensure_data(L)
    data_fp = data_fingerprint(DATA_DIR)
    claims, documents, articles = load_tables(str(DATA_DIR), data_fp, extractor_fingerprint())

    selected, query = sidebar_filters(L, claims, documents)
    mask = present.filter_mask(claims, selected, query)  # rows are copied only where drawn
    n_filtered = int(mask.sum())

    m = st.columns(4)
    m[0].metric(L["metric.documents"], f"{len(documents):,}")
    m[1].metric(L["metric.articles"], f"{len(articles):,}")
    m[2].metric(L["metric.claims"], f"{n_filtered:,} / {len(claims):,}", help=L["metric.claims.help"])
    status = claims["status"]
    m[3].metric(L["metric.targets"], f"{int((mask & (status == 'target').to_numpy()).sum()):,} / "
                                     f"{int((mask & (status == 'actual').to_numpy()).sum()):,}")
    if claims.empty:
        st.info(L["nodata"])

    st.header(L["charts"])
    kind = claims["kind"]  # categorical: == compares codes
    images: dict = {}
    picks: dict[str, str | None] = {}
    st.subheader(L["chart.money"])
    picks["chart_money"] = show_claim_chart(L, claims, mask & (kind == "money").to_numpy(), "chart_money",
                                            lambda f: present.money_chart(f, L, lang), images)
    left, right = st.columns(2)
    with left:
        st.subheader(L["chart.percent"])
        picks["chart_percent"] = show_claim_chart(L, claims, mask & (kind == "percent").to_numpy(), "chart_percent",
                                                  lambda f: present.percent_chart(f, L, lang), images)
    with right:
        st.subheader(L["chart.pp"])
        picks["chart_pp"] = show_claim_chart(
            L, claims, mask & (kind == "percentage_point").to_numpy(), "chart_pp",
            lambda f: present.percent_chart(f, L, lang, points=True), images)
    left, right = st.columns(2)
    with left:
        st.subheader(L["chart.ta"])
        pairs = present.target_actual_pairs(claims, mask)
        if pairs.empty:
            st.info(L["empty"])
        else:
            chart = present.target_actual_chart(pairs, L, lang)
            images["chart_ta"] = chart
            picks["chart_ta"] = chart_selection(st.altair_chart(
                chart, key="chart_ta", on_select="rerun", selection_mode=present.SELECTION))
    with right:
        st.subheader(L["chart.counts"])
        from_url("by", {"article", "doc_id"}, many=False)
        st.session_state.setdefault("by", "article")
        by = st.segmented_control(L["by"], ["article", "doc_id"], key="by",
                                  format_func=lambda b: L[f"by.{b}"], required=True,
                                  label_visibility="collapsed") or "article"
        to_url({"by": by})
        if not n_filtered:
            st.info(L["empty"])
        else:
            images["chart_counts"] = present.count_chart(claims, by, L, lang, mask=mask)
            st.altair_chart(images["chart_counts"], key="chart_counts", width="stretch")

    source_box = st.container(border=True)
    st.header(L["table"])
    shown = present.add_labels(present.pick_rows(claims, mask, TABLE_ROWS, sample=False)[0], lang)
    for col in TRANSLATED:
        shown[col] = shown[col].astype(str).map(lambda v, c=col: L.get(f"{c}.{v}", v))
    table_cols = ["label", "indicator", "subject", "period", "status", "kind", "measure", "text",
                  "sentence", "article", "doc_id", "claim_id"]
    config = {c: st.column_config.TextColumn(L.get(c, c)) for c in table_cols}
    config["label"] = st.column_config.TextColumn(L["value"])
    config["doc_id"] = st.column_config.TextColumn(L["doc_id"])
    event = st.dataframe(shown, key="table", on_select="rerun", selection_mode="single-row",
                         hide_index=True, column_order=table_cols, column_config=config, height=380)
    rows = event.selection.rows if event else []
    picks["table"] = str(shown.iloc[rows[0]]["claim_id"]) if rows and rows[0] < len(shown) else None
    if n_filtered > len(shown):
        st.caption(L["table.note"].format(shown=len(shown), total=n_filtered))

    picked = track_pick(picks)
    with source_box:
        source_panel(L, claims, documents, picked, data_fp)
    document_view(L, claims, documents, picked, data_fp)
    downloads(L, claims, mask, documents, articles, images)
    upload_section(L)


main()
