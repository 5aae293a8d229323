"""Presentation helpers for the dashboard: Chinese number reading, filtering,
chart specs, safe HTML highlighting and spreadsheet-safe exports.

Pure data work only: no Streamlit here (app.py holds widgets and layout).

    >>> format_cn(11006000000, "元", "money")
    '110.06亿元'
"""
from __future__ import annotations

import html
import io
import math
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .model import CLAIM_COLUMNS

# Columns of claims.csv that hold numbers; everything else is text.
NUMERIC_COLUMNS = ("start", "end", "value", "value_high", "multiplier", "value_normalized")
# Low-cardinality text columns: categorical makes filtering 1,000,000 rows cheap.
CATEGORY_COLUMNS = ("doc_id", "article", "unit", "currency", "kind", "measure", "status",
                    "direction", "bound", "qualifier", "indicator", "subject", "period",
                    "published", "rule")
# Columns the sidebar filters on (URL parameter name == column name).
FILTER_COLUMNS = ("doc_id", "article", "kind", "measure", "status", "unit", "period")
# Free text searches these columns.
SEARCH_COLUMNS = ("indicator", "subject", "sentence")

# Chinese reading of magnitudes, largest first: 1.2万亿元, 110.06亿元, 8250万美元.
CN_MAGNITUDES = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
EN_MAGNITUDES = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"),
                 (Decimal(10) ** 3, "K"))
# Units read without a magnitude word: 42.1%, 3个百分点, 2.5倍, 第2位.
PLAIN_KINDS = {"percent", "percentage_point", "multiple", "rank"}

# Cells a spreadsheet would run as a formula (OWASP CSV injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit minus the header row


# ---------------------------------------------------------------- numbers ---

def _plain(number: Decimal, places: int = 4) -> str:
    """Positional notation, at most `places` decimals, no trailing zeros."""
    text = format(number.quantize(Decimal(1).scaleb(-places)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_cn(value, unit: str = "", kind: str = "") -> str:
    """A normalised value as a Chinese reader writes it.

    >>> format_cn(82500000, "美元", "money"), format_cn(3, "百分点", "percentage_point")
    ('8250万美元', '3个百分点')
    """
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if not number.is_finite():
        return str(value)
    unit = unit if isinstance(unit, str) else ""
    kind = kind if isinstance(kind, str) else ""
    if not kind:
        kind = {"%": "percent", "百分点": "percentage_point", "倍": "multiple"}.get(unit, "")
    if kind == "percent" or unit == "%":
        return f"{_plain(number)}%"
    if kind == "percentage_point" or unit == "百分点":
        return f"{_plain(number)}个百分点"
    if kind == "rank":
        return f"第{_plain(number)}{unit}"
    if kind in PLAIN_KINDS:
        return f"{_plain(number)}{unit}"
    for size, word in CN_MAGNITUDES:
        if abs(number) >= size:
            return f"{_plain(number / size)}{word}{unit}"
    return f"{_plain(number)}{unit}"


def format_en(value, unit: str = "", kind: str = "") -> str:
    """English reading for the English switch: 11.01B 元, 42.1%, 3 pp."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = Decimal(str(value))
    if kind == "percent" or unit == "%":
        return f"{_plain(number)}%"
    if kind == "percentage_point" or unit == "百分点":
        return f"{_plain(number)} pp"
    if kind == "rank":
        return f"#{_plain(number)}"
    for size, word in EN_MAGNITUDES:
        if abs(number) >= size and kind not in PLAIN_KINDS:
            return f"{_plain(number / size, 2)}{word} {unit}".strip()
    return f"{_plain(number)} {unit}".strip()


def add_labels(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Copy of `frame` with a `label` column (the value in reading form).
    Call it on the few rows that are shown, not on a million."""
    fmt = format_en if lang == "en" else format_cn
    out = frame.copy()
    out["label"] = [fmt(v, u, k) for v, u, k in
                    zip(out["value_normalized"], out["unit"], out["kind"])]
    return out


# ------------------------------------------------------------ the table -----

def prepare_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as loaded (strings from CSV or typed from Parquet) -> numbers as
    float, text as str ('' for missing), low-cardinality text as category."""
    out = claims.copy()
    for col in CLAIM_COLUMNS:
        if col not in out.columns:
            out[col] = pd.NA if col in NUMERIC_COLUMNS else ""
    for col in NUMERIC_COLUMNS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in CLAIM_COLUMNS:
        if col in NUMERIC_COLUMNS:
            continue
        if col in CATEGORY_COLUMNS:
            if not isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].fillna("").astype(str).astype("category")
        else:
            if not pd.api.types.is_string_dtype(out[col].dtype) or out[col].hasnans:
                out[col] = out[col].fillna("").astype(str)
            out[col] = _contiguous(out[col])
    return out.reset_index(drop=True)


def _contiguous(series: pd.Series) -> pd.Series:
    """One Arrow chunk instead of many: taking 2,000 random rows from a
    chunked column of a million costs ~40x more."""
    arr = getattr(series.array, "_pa_array", None)
    if arr is None or arr.num_chunks <= 1:
        return series
    import pyarrow as pa
    return pd.Series(type(series.array)(pa.chunked_array([arr.combine_chunks()])),
                     index=series.index, name=series.name)


def options(claims: pd.DataFrame, column: str) -> list[str]:
    """Distinct non-empty values of a column, most frequent first."""
    if column not in claims.columns or claims.empty:
        return []
    counts = claims[column].value_counts(sort=True)
    return [str(v) for v, n in counts.items() if n > 0 and str(v) != ""]


def _contains(series: pd.Series, needle: str) -> pd.Series:
    """Case-insensitive substring test; on categoricals test each category once."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = pd.Series(series.cat.categories.astype(str))
        hit = cats.str.contains(needle, case=False, regex=False).to_numpy()
        codes = series.cat.codes.to_numpy()
        return pd.Series((codes >= 0) & hit[codes.clip(0)], index=series.index)
    return series.astype(str).str.contains(needle, case=False, regex=False)


def filter_mask(claims: pd.DataFrame, selected: Mapping[str, Sequence[str]] | None = None,
                query: str = "") -> np.ndarray:
    """Boolean row mask: columns in the selected values (an empty selection
    keeps all) and indicator, subject or sentence containing `query`. A mask,
    not a frame: at a million claims copying the rows costs more than the test."""
    query = (query or "").strip()
    mask = np.ones(len(claims), dtype=bool)
    for col, values in (selected or {}).items():
        if values and col in claims.columns:
            mask &= claims[col].isin(list(values)).to_numpy()
    if query:
        hit = np.zeros(len(claims), dtype=bool)
        for col in SEARCH_COLUMNS:
            if col in claims.columns:
                hit |= _contains(claims[col], query).to_numpy(dtype=bool)
        mask &= hit
    return mask


def filter_claims(claims: pd.DataFrame, selected: Mapping[str, Sequence[str]] | None = None,
                  query: str = "") -> pd.DataFrame:
    """The rows of filter_mask (the frame itself when nothing filters).

    >>> df = pd.DataFrame({"kind": ["money", "percent"], "indicator": ["营业收入", "增速"],
    ...                    "subject": ["", ""], "sentence": ["", ""]})
    >>> filter_claims(df, {"kind": ["percent"]}).indicator.tolist()
    ['增速']
    """
    mask = filter_mask(claims, selected, query)
    return claims if mask.all() else claims[mask]


def target_actual_pairs(claims: pd.DataFrame, mask=None, limit: int = 8) -> pd.DataFrame:
    """One representative claim (latest period) per indicator, unit and status,
    for the `limit` most frequent indicators that have both a target and an
    actual. Groups on the few key columns first; whole rows only at the end."""
    keys = ["indicator", "unit"]
    ok = claims["status"].isin(["target", "actual"]).to_numpy() \
        & (claims["indicator"] != "").to_numpy() & claims["value_normalized"].notna().to_numpy()
    if mask is not None:
        ok &= np.asarray(mask, dtype=bool)
    # integer key per (indicator, unit) from the categorical codes: grouping
    # 700,000 ints is ~20 ms where grouping the strings takes ~300 ms
    ind, unit = (_codes(claims[k])[ok] for k in keys)
    key = ind.astype(np.int64) * (int(unit.max(initial=0)) + 1) + unit
    target = (claims["status"] == "target").to_numpy()[ok]
    stats = pd.DataFrame({"key": key, "target": target}).groupby("key")["target"].agg(["size", "sum"])
    both = stats[(stats["sum"] > 0) & (stats["sum"] < stats["size"])]
    if both.empty:
        return claims.iloc[0:0]
    top = both["size"].sort_values(ascending=False, kind="stable").index[:limit].to_numpy()
    rows = np.flatnonzero(ok)[np.isin(key, top)]
    # latest period (then publication) per indicator, unit and status; ISO
    # strings sort in time order. Only the few winning rows are copied whole.
    cols = keys + ["status", "period", "published"]
    sub = claims[cols].iloc[rows].astype(str).assign(_row=rows)
    sub = sub.sort_values(["period", "published"], kind="stable").groupby(keys + ["status"]).tail(1)
    mine = claims.iloc[np.sort(sub["_row"].to_numpy())]
    mine = mine.assign(**{c: mine[c].astype(str) for c in cols})
    return mine.sort_values(keys + ["status"]).reset_index(drop=True)


def _codes(series: pd.Series) -> np.ndarray:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy()
    return pd.factorize(series)[0]


def pick_rows(frame: pd.DataFrame, mask, limit: int, sample: bool = True) -> tuple[pd.DataFrame, int]:
    """The rows under `mask`, at most `limit` of them (a deterministic sample,
    or the first ones), and how many there were: index first, copy only what is drawn."""
    idx = np.flatnonzero(np.asarray(mask))
    total = len(idx)
    if total > limit:
        idx = np.sort(np.random.default_rng(0).choice(idx, size=limit, replace=False)) if sample \
            else idx[:limit]
    return frame.iloc[idx], total


def sample_rows(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """At most `limit` rows, a deterministic sample when there are more."""
    if len(frame) <= limit:
        return frame
    return frame.sample(n=limit, random_state=0)


def top_values(series: pd.Series, limit: int) -> list[str]:
    counts = series.astype(str).value_counts()
    return [v for v in counts.index[:limit]]


# ----------------------------------------------------------------- charts ---

# Vega expressions: Chinese (or English) reading of axis numbers instead of 1e+10 / 11G.
AXIS_CN = ("abs(datum.value) >= 1e12 ? format(datum.value / 1e12, '~g') + '万亿' : "
           "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '~g') + '亿' : "
           "abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '~g') + '万' : "
           "format(datum.value, '~g')")
AXIS_EN = ("abs(datum.value) >= 1e12 ? format(datum.value / 1e12, '~g') + 'T' : "
           "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, '~g') + 'B' : "
           "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '~g') + 'M' : "
           "abs(datum.value) >= 1e3 ? format(datum.value / 1e3, '~g') + 'K' : "
           "format(datum.value, '~g')")
ZH_LOCALE = {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]},
             "time": {"dateTime": "%x %A %X", "date": "%Y年%-m月%-d日", "time": "%H:%M:%S",
                      "periods": ["上午", "下午"],
                      "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
                      "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
                      "months": [f"{m}月" for m in range(1, 13)],
                      "shortMonths": [f"{m}月" for m in range(1, 13)]}}
FONT = "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
SELECTION = "pick"  # name of the point selection (on claim_id) in every claim chart
TOOLTIP_SENTENCE = 90  # characters of the sentence shipped to the browser per point


def chart_frame(claims: pd.DataFrame, labels: Mapping[str, str], lang: str = "zh",
                top: int = 15) -> pd.DataFrame:
    """The few columns a claim chart needs, as plain strings, with the reading
    label, a shortened sentence and indicators beyond the `top` grouped."""
    df = add_labels(claims, lang)
    indicator = df["indicator"].astype(str).replace("", labels["none"])
    keep = set(top_values(indicator, top))
    return pd.DataFrame({
        "claim_id": df["claim_id"].astype(str),
        "indicator": indicator.where(indicator.isin(keep), labels["other"]),
        "value_normalized": df["value_normalized"].astype(float),
        "label": df["label"],
        "unit": df["unit"].astype(str),
        "period": df["period"].astype(str),
        "status": df["status"].astype(str).map(lambda s: labels.get(f"status.{s}", s)),
        "sentence": df["sentence"].astype(str).str.slice(0, TOOLTIP_SENTENCE),
    })


def _fast_altair(build):
    """Altair validates every channel object as it is made (~70 ms a chart);
    build without that: the finished spec is still validated once by to_dict()."""
    import functools

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        from altair.utils.schemapi import debug_mode
        with debug_mode(False):
            return build(*args, **kwargs)
    return wrapper


def _tooltip(labels: Mapping[str, str]):
    import altair as alt
    return [alt.Tooltip("label:N", title=labels["value"]),
            alt.Tooltip("indicator:N", title=labels["indicator"]),
            alt.Tooltip("period:N", title=labels["period"]),
            alt.Tooltip("sentence:N", title=labels["sentence"])]


def _finish(chart, lang: str):
    if lang == "en":
        return chart.configure(font=FONT)
    return chart.configure(font=FONT, locale=ZH_LOCALE)


@_fast_altair
def claim_points_chart(frame: pd.DataFrame, labels: Mapping[str, str], *, log: bool,
                       axis_expr: str, x_title: str, lang: str = "zh", shape_by_unit: bool = False):
    """Dot plot: one point per claim, x the value, y the indicator, colour the
    status; selecting a point selects its claim_id."""
    import altair as alt
    pick = alt.selection_point(name=SELECTION, fields=["claim_id"], on="click",
                               clear="dblclick", empty=False)
    scale = alt.Scale(type="log") if log else alt.Scale(zero=False)
    axis = dict(labelExpr=axis_expr, labelFlush=False)
    values = frame["value_normalized"]
    if log and len(values):  # ticks at powers of ten: 1亿, 10亿, 100亿 (not 8亿, 70亿)
        lo, hi = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
        axis["values"] = [10.0 ** k for k in range(lo, hi + 1)]
        axis["grid"] = True
    extra = {}
    if shape_by_unit:
        extra["shape"] = alt.Shape("unit:N", title=labels["unit"], legend=alt.Legend(orient="top"))
    chart = alt.Chart(frame).mark_point(filled=True, size=90, opacity=0.8).encode(
        x=alt.X("value_normalized:Q", scale=scale, title=x_title,
                axis=alt.Axis(**axis)),
        y=alt.Y("indicator:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
        color=alt.Color("status:N", title=labels["status"],
                        legend=alt.Legend(orient="top")),
        stroke=alt.condition(pick, alt.value("#000"), alt.value(None)),
        strokeWidth=alt.condition(pick, alt.value(2), alt.value(0)),
        tooltip=_tooltip(labels), **extra,
    ).add_params(pick).properties(height=alt.Step(30))
    return _finish(chart, lang)


def money_chart(frame: pd.DataFrame, labels: Mapping[str, str], lang: str = "zh"):
    """Money claims on a log scale grouped by indicator (values must be > 0)."""
    frame = frame[frame["value_normalized"] > 0]
    expr = AXIS_EN if lang == "en" else AXIS_CN
    return claim_points_chart(frame, labels, log=True, axis_expr=expr,
                              x_title=labels["axis.money"], lang=lang, shape_by_unit=True)


def percent_chart(frame: pd.DataFrame, labels: Mapping[str, str], lang: str = "zh", *,
                  points: bool = False):
    """Percentages (%) or percentage points (百分点), never mixed with money."""
    suffix = (" pp" if lang == "en" else "个百分点") if points else "%"
    expr = f"format(datum.value, '~g') + '{suffix}'"
    title = labels["axis.pp"] if points else labels["axis.percent"]
    return claim_points_chart(frame, labels, log=False, axis_expr=expr, x_title=title, lang=lang)


@_fast_altair
def target_actual_chart(pairs: pd.DataFrame, labels: Mapping[str, str], lang: str = "zh"):
    """Side-by-side bars: target and actual of the same indicator (and unit),
    each indicator in its own panel with its own scale."""
    import altair as alt
    fmt = format_en if lang == "en" else format_cn
    df = pd.DataFrame({
        "claim_id": pairs["claim_id"].astype(str),
        "panel": pairs["indicator"].astype(str) + "（" + pairs["unit"].astype(str) + "）",
        "status": pairs["status"].astype(str).map(lambda s: labels.get(f"status.{s}", s)),
        "value_normalized": pairs["value_normalized"].astype(float),
        "label": [fmt(v, u, k) for v, u, k in zip(pairs["value_normalized"], pairs["unit"],
                                                  pairs["kind"])],
        "indicator": pairs["indicator"].astype(str),
        "period": pairs["period"].astype(str),
        "sentence": pairs["sentence"].astype(str).str.slice(0, TOOLTIP_SENTENCE),
    })
    pick = alt.selection_point(name=SELECTION, fields=["claim_id"], on="click", empty=False)
    order = [labels["status.target"], labels["status.actual"]]
    expr = AXIS_EN if lang == "en" else AXIS_CN
    base = alt.Chart().mark_bar().encode(
        x=alt.X("status:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value_normalized:Q", title=None, axis=alt.Axis(labelExpr=expr)),
        color=alt.Color("status:N", sort=order, title=labels["status"], legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.75)),
        tooltip=_tooltip(labels),
    ).add_params(pick).properties(width=110, height=150)
    chart = alt.FacetChart(data=df, spec=base, facet=alt.Facet("panel:N", title=None),
                           columns=4).resolve_scale(y="independent")
    return _finish(chart, lang)


@_fast_altair
def count_chart(claims: pd.DataFrame, by: str, labels: Mapping[str, str], lang: str = "zh",
                top: int = 20, mask=None):
    """Claims per article or document, stacked by kind (aggregated in pandas:
    a handful of bars whatever the number of claims)."""
    import altair as alt
    keys = claims[[by, "kind"]] if mask is None else claims.loc[np.asarray(mask, dtype=bool), [by, "kind"]]
    df = keys.groupby([by, "kind"], observed=True).size().reset_index(name="n")
    df = df[df["n"] > 0].assign(group=lambda d: d[by].astype(str).replace("", labels["none"]),
                                kind=lambda d: d["kind"].astype(str))
    keep = df.groupby("group")["n"].sum().sort_values(ascending=False).index[:top]
    df = df[df["group"].isin(keep)][["group", "kind", "n"]]
    df["kind"] = df["kind"].map(lambda k: labels.get(f"kind.{k}", k))
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("group:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("sum(n):Q", title=labels["axis.count"], axis=alt.Axis(format=",d", tickMinStep=1)),
        color=alt.Color("kind:N", title=labels["kind"], legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=[alt.Tooltip("group:N", title=labels[by]),
                 alt.Tooltip("kind:N", title=labels["kind"]),
                 alt.Tooltip("n:Q", title=labels["axis.count"], format=",d")],
    ).properties(height=alt.Step(26))
    return _finish(chart, lang)


def chart_image(spec: dict, fmt: str) -> bytes:
    """A Vega-Lite spec as PNG or SVG via vl-convert (CJK fonts from the system)."""
    import vl_convert as vlc
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    raise ValueError(f"unknown image format: {fmt!r}")


# --------------------------------------------------------------- HTML -------

def highlight_span(text: str, start: int, end: int, css: str = "") -> str:
    """`text` as escaped HTML with text[start:end] inside <mark>.

    >>> highlight_span("增长<b>24%</b>", 5, 8)
    '增长&lt;b&gt;<mark>24%</mark>&lt;/b&gt;'
    """
    start, end = max(0, int(start)), min(len(text), int(end))
    attr = f' class="{html.escape(css)}"' if css else ""
    return (html.escape(text[:start]) + f"<mark{attr}>" + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:]))


def highlight_in(sentence: str, needle: str) -> str:
    """The sentence as escaped HTML with the first occurrence of the mention
    marked; the sentence has layout breaks removed, so try the mention
    without whitespace too ("110.06 亿元" is "110.06亿元" in the sentence)."""
    sentence, needle = str(sentence or ""), str(needle or "")
    for probe in (needle, "".join(needle.split())):
        if probe and probe in sentence:
            i = sentence.index(probe)
            return highlight_span(sentence, i, i + len(probe))
    return html.escape(sentence)


def context_html(source: str, start: int, end: int, width: int = 160) -> str:
    """A window of the original text around [start, end) with the span marked."""
    a, b = max(0, int(start) - width), min(len(source), int(end) + width)
    body = highlight_span(source[a:b], int(start) - a, int(end) - a)
    return ("…" if a > 0 else "") + body + ("…" if b < len(source) else "")


def mark_claims(source: str, spans: Iterable[tuple[int, int, str, str]], selected: str = "",
                limit: int = 5000) -> str:
    """The whole document as escaped HTML with every claim span in <mark>;
    spans are (start, end, claim_id, title). Overlapping spans keep the first;
    the selected claim gets class "sel" and an id to scroll to."""
    out, pos, n = [], 0, 0
    for start, end, claim_id, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = int(start), int(end)
        if start < pos or end > len(source) or end <= start:
            continue
        if n >= limit:
            break
        sel = claim_id == selected and selected != ""
        attrs = f' title="{html.escape(str(title))}" data-claim="{html.escape(str(claim_id))}"'
        if sel:
            attrs += ' class="sel" id="claim-selected"'
        out.append(html.escape(source[pos:start]))
        out.append(f"<mark{attrs}>{html.escape(source[start:end])}</mark>")
        pos, n = end, n + 1
    out.append(html.escape(source[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- exports ---

def _neutralise_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy where every text cell that a spreadsheet would run as a formula
    (starting with = + - @ tab or CR) gets a leading apostrophe. Numeric
    columns stay numbers: -3.5 in value_normalized is not text.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok"], "b": [-3.5, 2.0]})).values.tolist()
    [["'=1+1", -3.5], ['ok', 2.0]]
    """
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            continue
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = [_neutralise_text(c) for c in s.cat.categories]
            if len(set(cats)) == len(cats):
                out[col] = s.cat.rename_categories(cats)
                continue
            s = s.astype(object)
        out[col] = s.map(_neutralise_text, na_action="ignore")
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for people: UTF-8 with BOM (Excel shows the Chinese), formulas neutralised."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: pd.DataFrame | Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook (one sheet per frame), formulas neutralised, numbers
    kept as numbers, rows beyond Excel's limit cut."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    if isinstance(sheets, pd.DataFrame):
        sheets = {"claims": sheets}
    wb = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=str(name)[:31])
        ws.append([str(c) for c in frame.columns])
        safe = neutralise_formulas(frame.head(XLSX_MAX_ROWS))
        for row in safe.itertuples(index=False, name=None):
            cells = []
            for v in row:
                if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                    cells.append(None)
                elif isinstance(v, str):
                    cell = WriteOnlyCell(ws, value=v)
                    cell.data_type = "s"  # text stays text, never a formula
                    cells.append(cell)
                else:
                    cells.append(v.item() if hasattr(v, "item") else v)
            ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
