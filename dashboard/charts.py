"""Altair chart builders. Pure: frames in, charts out (no Streamlit here).

Field names in the chart data are the labels of the current language, so
that Streamlit's "Show data" table reads 数值 / 时期 / 文件, not value_normalized.
Status has the same colours in every chart (STATUS_COLOURS); a place has one
colour in the series chart; empty layers are left out (no "Infinite extent" warnings).
"""
from __future__ import annotations

import functools
import math
from typing import Sequence


import pandas as pd

from .formatting import BOUND_SIGNS, format_bounded, format_value
from .locales import language, t, t_value

SELECTION = "pick"  # name of the point selection (on the claim id) in every claim chart
TOOLTIP_SENTENCE = 90  # characters of the sentence shipped to the browser per point
STATUS_COLOURS = {"target": "#e8590c", "actual": "#1c7ed6"}  # orange goals, blue reported values
PLACE_COLOURS = ["#1c7ed6", "#e03131", "#2f9e44", "#9c36b5", "#f08c00", "#0c8599", "#5c940d",
                 "#c2255c", "#495057", "#3b5bdb"]
BOUND_SHAPES = {"exact": "circle", "min": "triangle-up", "max": "triangle-down", "approx": "diamond",
                "": "circle"}
FONT = "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
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


def field(key: str) -> str:
    """The chart-data column name of `key` in the current language (escaped for Vega-Lite)."""
    return t(key).replace(".", "\\.").replace("[", "\\[").replace("]", "\\]")


def selection_field() -> str:
    return t("claim_id")


def _fast_altair(build):
    """Altair validates every channel object as it is made (~70 ms a chart);
    build without that: the finished spec is still validated once by to_dict()."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        from altair.utils.schemapi import debug_mode
        with debug_mode(False):
            return build(*args, **kwargs)
    return wrapper


def _finish(chart):
    chart = chart.configure(font=FONT) if language() == "en" else chart.configure(font=FONT, locale=ZH_LOCALE)
    return chart.configure_legend(labelLimit=0, titleLimit=0)


def status_scale():
    import altair as alt
    order = [t("status.target"), t("status.actual")]
    return alt.Scale(domain=order, range=[STATUS_COLOURS["target"], STATUS_COLOURS["actual"]])


def axis_expr(unit: str, kind: str = "") -> str:
    if unit == "%" or kind == "percent":
        return "format(datum.value, '~g') + '%'"
    if unit == "百分点" or kind == "percentage_point":
        suffix = " pp" if language() == "en" else "个百分点"
        return f"format(datum.value, '~g') + '{suffix}'"
    return AXIS_EN if language() == "en" else AXIS_CN


# ------------------------------------------------------------ the series ---

def series_frame(rows: pd.DataFrame, place_names: dict[str, str]) -> pd.DataFrame:
    """The series rows as chart data: labelled columns, the reading of each
    value (≥6%), and whether a row is the latest vintage of its place and period."""
    lang = language()
    rows = rows.sort_values(["published", "claim_id"], ascending=[False, True], kind="stable")
    latest = ~rows.duplicated(["place_key", "period", "status"], keep="first")
    # a year sits on its tick (2024 at 1 Jan 2024, labelled 2024); shorter or mixed periods at their middle
    annual = bool(len(rows)) and bool(((rows["t_end"] - rows["t_start"]).dt.days.between(364, 366)).all())
    out = pd.DataFrame({
        t("claim_id"): rows["claim_id"].astype(str),
        "t": rows["t_start"] if annual else rows["t"], "t_start": rows["t_start"], "t_end": rows["t_end"],
        t("place"): rows["place_key"].map(lambda k: place_names.get(k, k)).astype(str),
        t("value"): [format_bounded(v, vh, u, "", b, lang) for v, vh, u, b in
                     zip(rows["value"], rows["value_high"], rows["unit"], rows["bound"])],
        "v": rows["value"].astype(float),
        "vh": rows["value_high"].astype(float),
        t("period"): rows["period"].astype(str),
        "status_code": rows["status"].astype(str),
        t("status"): rows["status"].astype(str).map(lambda s: t_value("status", s)),
        "bound_code": rows["bound"].fillna("").astype(str),
        t("bound"): rows["bound"].fillna("").astype(str).map(lambda b: t_value("bound", b or "exact")),
        "sign": rows["bound"].fillna("").map(lambda b: BOUND_SIGNS.get(b, "")),
        t("document"): rows["title"].astype(str),
        t("published"): rows["published"].astype(str),
        t("sentence"): rows["sentence"].astype(str).str.slice(0, TOOLTIP_SENTENCE),
        "latest": latest.to_numpy(),
    })
    return out.sort_values("t", kind="stable").reset_index(drop=True)


@_fast_altair
def series_chart(frame: pd.DataFrame, unit: str, places: Sequence[str], height: int = 380):
    """Time series of one indicator: actuals as a line (latest vintage per
    period) with a point per value, targets as hollow marks shaped by their
    bound (≥ ▲, ≤ ▼, ≈ ◆) with the sign written above, ranges as bars, one colour per place."""
    import altair as alt
    place, value, period, status = field("place"), field("value"), field("period"), field("status")
    colour = alt.Color(f"{place}:N", title=t("place"),
                       scale=alt.Scale(domain=list(places), range=PLACE_COLOURS[:max(1, len(places))]),
                       legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0,
                                         symbolOpacity=1, symbolType="circle"))
    annual = bool(len(frame)) and bool(((frame["t_end"] - frame["t_start"]).dt.days.between(364, 366)).all())
    x = alt.X("t:T", title=t("axis.period"), scale=alt.Scale(padding=28),
              axis=alt.Axis(format="%Y" if annual else ("%Y-%m" if language() == "en" else "%Y年%m月"),
                            labelAngle=0, labelOverlap=True, grid=False,
                            tickCount={"interval": "year", "step": 1} if annual else alt.Undefined))
    y = alt.Y("v:Q", title=t("series.unit", unit=unit) if unit else None, scale=alt.Scale(zero=False),
              axis=alt.Axis(labelExpr=axis_expr(unit)))
    tooltip = [alt.Tooltip(f"{value}:N"), alt.Tooltip(f"{period}:N"), alt.Tooltip(f"{status}:N"),
               alt.Tooltip(f"{field('bound')}:N"), alt.Tooltip(f"{place}:N"),
               alt.Tooltip(f"{field('document')}:N"), alt.Tooltip(f"{field('published')}:N"),
               alt.Tooltip(f"{field('sentence')}:N")]
    pick = alt.selection_point(name=SELECTION, fields=[selection_field()], on="click", clear="dblclick",
                               empty=False)
    layers = []
    actual = frame[frame["status_code"] == "actual"]
    line = actual[actual["latest"]]
    if len(line) >= 2:
        layers.append(alt.Chart(line).mark_line(strokeWidth=2.5, interpolate="linear")
                      .encode(x=x, y=y, color=colour, detail=f"{place}:N"))
    ranges = frame[frame["vh"].notna()]
    if len(ranges):  # a range target (5%–5.5%) as a bar from its low to its high end
        layers.append(alt.Chart(ranges).mark_rule(strokeWidth=9, opacity=0.35, strokeCap="round")
                      .encode(x=x, y=y, y2="vh:Q", color=colour, tooltip=tooltip))
    long_span = frame[(frame["status_code"] == "target")
                      & ((frame["t_end"] - frame["t_start"]).dt.days > 366)]
    if len(long_span):  # a target for several years (2021/2025) spans them
        layers.append(alt.Chart(long_span).mark_rule(strokeDash=[4, 3], strokeWidth=1.5)
                      .encode(x="t_start:T", x2="t_end:T", y=y, color=colour))
    if len(frame):
        # no legend: the caption under the chart says ● 实际 ○ 目标 ▲ ≥ ▼ ≤ ◆ ≈ (a second legend is cut at 800 px)
        shape = alt.Shape("bound_code:N", legend=None,
                          scale=alt.Scale(domain=list(BOUND_SHAPES)[:4], range=list(BOUND_SHAPES.values())[:4]))
        layers.append(alt.Chart(frame).mark_point(size=110, strokeWidth=2.2, opacity=1).encode(
            x=x, y=y, color=colour, shape=shape,
            fill=alt.condition("datum.status_code == 'actual'", alt.Fill(f"{place}:N", legend=None,
                               scale=alt.Scale(domain=list(places),
                                               range=PLACE_COLOURS[:max(1, len(places))])),
                               alt.value("white")),
            strokeWidth=alt.condition(pick, alt.value(4), alt.value(2)),
            tooltip=tooltip).add_params(pick))
    signs = frame[(frame["status_code"] == "target") & (frame["sign"] != "")]
    if len(signs):
        layers.append(alt.Chart(signs).mark_text(dy=-14, fontSize=13, fontWeight="bold")
                      .encode(x=x, y=y, text="sign:N", color=colour))
    chart = alt.layer(*layers).properties(height=height)
    return _finish(chart)


# -------------------------------------------------------- claim explorer ---

def claim_frame(rows: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """A claim sample as chart data: labelled columns, the value's reading,
    indicators beyond the `top` most frequent grouped as 其他."""
    lang = language()
    indicator = rows["indicator"].astype(str).replace("", t("none"))
    keep = set(indicator.value_counts().index[:top])
    return pd.DataFrame({
        t("claim_id"): rows["claim_id"].astype(str),
        t("indicator"): indicator.where(indicator.isin(keep), t("other")),
        "v": rows["value_normalized"].astype(float),
        t("value"): [format_value(v, u, k, lang) for v, u, k in
                     zip(rows["value_normalized"], rows["unit"], rows["kind"])],
        t("unit"): rows["unit"].astype(str),
        t("period"): rows["period"].astype(str),
        t("status"): rows["status"].astype(str).map(lambda s: t_value("status", s)),
    })


def _claim_tooltip(sentence: bool = False):
    import altair as alt
    keys = ("value", "indicator", "period", "status") + (("sentence",) if sentence else ())
    return [alt.Tooltip(f"{field(k)}:N") for k in keys]


@_fast_altair
def claim_points_chart(frame: pd.DataFrame, *, log: bool, unit: str = "", kind: str = "",
                       x_title: str, shape_by_unit: bool = False):
    """Dot plot: one point per claim, x the value, y the indicator, colour the
    status; clicking a point selects its claim."""
    import altair as alt
    pick = alt.selection_point(name=SELECTION, fields=[selection_field()], on="click", clear="dblclick",
                               empty=False)
    axis = dict(labelExpr=axis_expr(unit, kind), labelFlush=False, labelOverlap=True)
    values = frame["v"]
    if log and len(values):  # ticks at powers of ten: 1亿, 10亿, 100亿 (not 8亿, 70亿)
        lo, hi = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
        axis["values"] = [10.0 ** k for k in range(lo, hi + 1)]
        axis["grid"] = True
    extra = {}
    if shape_by_unit:
        extra["shape"] = alt.Shape(f"{field('unit')}:N", title=t("unit"), legend=alt.Legend(orient="bottom"))
    chart = alt.Chart(frame).mark_point(filled=True, size=90, opacity=0.85).encode(
        x=alt.X("v:Q", scale=alt.Scale(type="log") if log else alt.Scale(zero=False), title=x_title,
                axis=alt.Axis(**axis)),
        y=alt.Y(f"{field('indicator')}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=200)),
        color=alt.Color(f"{field('status')}:N", title=t("status"), scale=status_scale(),
                        legend=alt.Legend(orient="bottom")),
        stroke=alt.condition(pick, alt.value("#000"), alt.value(None)),
        strokeWidth=alt.condition(pick, alt.value(2), alt.value(0)),
        tooltip=_claim_tooltip(), **extra,
    ).add_params(pick).properties(height=alt.Step(28))
    return _finish(chart)


def money_chart(frame: pd.DataFrame):
    """Money claims on a log scale grouped by indicator (only values > 0 have a log)."""
    return claim_points_chart(frame[frame["v"] > 0], log=True, x_title=t("axis.money"), shape_by_unit=True)


def percent_chart(frame: pd.DataFrame, points: bool = False):
    """Percentages (%) or percentage points (百分点), never mixed with money."""
    return claim_points_chart(frame, log=False, unit="百分点" if points else "%",
                              x_title=t("axis.pp") if points else t("axis.percent"))


@_fast_altair
def target_actual_chart(pairs: pd.DataFrame):
    """Target and actual of the same indicator, measure, unit and period as two
    bars, one panel per indicator and period (named in its header), each with its own scale."""
    import altair as alt
    lang = language()
    name = pairs["en" if lang == "en" else "zh"].fillna(pairs["indicator_id"]).astype(str)
    measure = pairs["measure"].astype(str).map(lambda m: t_value("measure", m))
    df = pd.DataFrame({
        t("claim_id"): pairs["claim_id"].astype(str),
        "panel": name + " · " + measure + " · " + pairs["period"].astype(str)
        + (" · " + pairs["unit"].astype(str)).where(pairs["unit"].astype(str) != "", ""),
        t("status"): pairs["status"].astype(str).map(lambda s: t_value("status", s)),
        "v": pairs["value_normalized"].astype(float),
        t("value"): [format_bounded(v, vh, u, "", b, lang) for v, vh, u, b in
                     zip(pairs["value_normalized"], pairs["value_high"], pairs["unit"], pairs["bound"])],
        t("indicator"): name,
        t("period"): pairs["period"].astype(str),
        t("sentence"): pairs["sentence"].astype(str).str.slice(0, TOOLTIP_SENTENCE),
    })
    pick = alt.selection_point(name=SELECTION, fields=[selection_field()], on="click", empty=False)
    order = [t("status.target"), t("status.actual")]
    base = alt.Chart().mark_bar(height=16).encode(
        y=alt.Y(f"{field('status')}:N", sort=order, title=None),
        x=alt.X("v:Q", title=None, axis=alt.Axis(labelExpr=AXIS_EN if lang == "en" else AXIS_CN,
                                                  labelOverlap=True, tickCount=4)),
        color=alt.Color(f"{field('status')}:N", scale=status_scale(), title=t("status"),
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.8)),
        tooltip=_claim_tooltip(sentence=True),
    ).add_params(pick).properties(width=300, height=alt.Step(20))
    chart = alt.FacetChart(data=df, spec=base, facet=alt.Facet(
        "panel:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                 labelLimit=0, labelOrient="top")),
        columns=1, spacing=14).resolve_scale(x="independent")  # one column: fits 800 px
    return _finish(chart)


@_fast_altair
def count_chart(counts: pd.DataFrame, by: str):
    """Claims per article or document, stacked by kind (counted in SQL)."""
    import altair as alt
    df = pd.DataFrame({"group": counts["grp"].astype(str).replace("", t("none")),
                       "kind": counts["kind"].astype(str).map(lambda k: t_value("kind", k)),
                       "n": counts["n"].astype(int)})
    df = df.rename(columns={"group": t(by), "kind": t("kind"), "n": t("axis.count")})
    g, k, n = field(by), field("kind"), field("axis.count")
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y(f"{g}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
        x=alt.X(f"sum({n}):Q", title=t("axis.count"), axis=alt.Axis(format=",d", tickMinStep=1)),
        color=alt.Color(f"{k}:N", title=t("kind"), legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=[alt.Tooltip(f"{g}:N"), alt.Tooltip(f"{k}:N"), alt.Tooltip(f"{n}:Q", format=",d")],
    ).properties(height=alt.Step(24))
    return _finish(chart)


def chart_image(spec: dict, fmt: str) -> bytes:
    """A Vega-Lite spec as PNG or SVG via vl-convert (CJK fonts from the system)."""
    import vl_convert as vlc
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    raise ValueError(f"unknown image format: {fmt!r}")


def selected_claim(event) -> str | None:
    """The claim id of the point picked in a chart event, if any."""
    try:
        points = event.selection.get(SELECTION) or []
    except AttributeError:
        return None
    key = selection_field()
    for point in points:
        value = point.get(key) or point.get("claim_id")
        if value:
            return str(value)
    return None



