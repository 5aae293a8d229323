"""The indicator view: one indicator, one measure, some places, over time.

`?indicator=gdp&measure=change&subject=全国` opens it (DESIGN.md); the
subject may be a place's name or its 6-digit code, and may repeat.
"""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from . import charts, data
from .formatting import format_bounded
from .locales import language, t, t_value
from .state import cached, from_url, keep_valid, to_url

catalogue = cached(data.indicator_catalogue)
measures = cached(data.measures)
places = cached(data.places)
series = cached(data.series)


def indicator_label(row) -> str:
    """The indicator's name in the page's language only (no 国内生产总值 · GDP mix)."""
    return str((row["en"] if language() == "en" else row["zh"]) or row["indicator_id"])


def render(db, images: dict) -> str | None:
    """Draw the section; the claim id of a clicked point, if any."""
    st.header(t("series"))
    cat = catalogue(db)
    if cat.empty:
        st.info(t("series.none"))
        return None
    ids = cat["indicator_id"].astype(str).tolist()
    names = {r["indicator_id"]: indicator_label(r) for _, r in cat.iterrows()}
    from_url("indicator", ids, many=False)
    keep_valid("indicator", ids, many=False, default="gdp" if "gdp" in ids else ids[0])
    left, mid, right = st.columns([4, 2, 4], vertical_alignment="bottom")
    indicator = left.selectbox(t("series.indicator"), ids, key="indicator", format_func=names.get)

    ms = measures(db, indicator)
    if not ms:
        st.info(t("series.empty"))
        return None
    from_url("measure", ms, many=False)
    keep_valid("measure", ms, many=False, default="change" if "change" in ms else ms[0])
    measure = mid.selectbox(t("series.measure"), ms, key="measure", format_func=lambda m: t_value("measure", m))

    pl = places(db, indicator, measure)
    keys = pl["key"].astype(str).tolist()
    place_names = dict(zip(keys, pl["name"].fillna("").astype(str).replace("", t("none"))))
    by_name = {name: key for key, name in place_names.items()}
    from_url("subject", keys, aliases=by_name)
    keep_valid("subject", keys, default=keys[:1])
    if not st.session_state.get("subject") and keys:
        st.session_state["subject"] = keys[:1]
    chosen = right.multiselect(t("series.places"), keys, key="subject", format_func=place_names.get,
                               placeholder=t("series.places.placeholder"), select_all=False)
    # the URL names places by their name (readable, and what DESIGN.md's &subject= takes)
    to_url({"indicator": indicator, "measure": measure, "subject": [place_names.get(k, k) for k in chosen]})

    rows = series(db, indicator, measure, sorted(chosen)) if chosen else pd.DataFrame()
    if rows.empty:
        st.info(t("series.empty"))
        return None
    unit = rows["unit"].mode().iloc[0]
    rows = rows[rows["unit"] == unit]  # one axis, one unit (元 and 美元 are not one series)
    frame = charts.series_frame(rows, place_names)
    shown_places = [place_names.get(k, k) for k in chosen]
    chart = images["chart_series"] = charts.series_chart(frame, unit, shown_places)
    event = st.altair_chart(chart, key="chart_series", on_select="rerun", selection_mode=charts.SELECTION,
                            width="stretch")
    st.html(source_line(rows))
    st.caption("● " + t("status.actual") + "　○ " + t("status.target") + "　▲ ≥　▼ ≤　◆ ≈　"
               + t("series.pick"))
    pairs_by_period(rows, place_names)
    vintages(rows, place_names)
    return charts.selected_claim(event)


def source_line(rows: pd.DataFrame) -> str:
    """来源：2025年政府工作报告 等 12 份文件 (the latest document first), as escaped HTML."""
    docs = rows.sort_values("published", ascending=False).drop_duplicates("doc_id")
    first = str(docs["title"].iloc[0])
    n = len(docs)
    text = t("source.line", first=first, n=n, more=n - 1) if n > 1 else t("source.line.one", first=first)
    return f'<div class="zb-source-line" data-testid="zb-source-line">{html.escape(text)}</div>'


def pairs_by_period(rows: pd.DataFrame, place_names: dict) -> None:
    """Targets and actuals of the same place and period side by side (the
    latest vintage of each), with the document each comes from."""
    lang = language()
    latest = rows.sort_values("published", ascending=False).drop_duplicates(["place_key", "period", "status"])
    latest = latest.assign(reading=[format_bounded(v, vh, u, "", b, lang) for v, vh, u, b in
                                    zip(latest["value"], latest["value_high"], latest["unit"], latest["bound"])])
    wide = latest.pivot_table(index=["place_key", "period", "t_start"], columns="status",
                              values=["reading", "title"], aggfunc="first").reset_index()
    if not {("reading", "target"), ("reading", "actual")} <= set(wide.columns):
        return
    table = pd.DataFrame({
        t("place"): wide[("place_key", "")].map(lambda k: place_names.get(k, k)),
        t("period"): wide[("period", "")],
        t("target"): wide[("reading", "target")].fillna("—"),
        t("actual"): wide[("reading", "actual")].fillna("—"),
        t("source.target"): wide[("title", "target")].fillna(""),
        t("source.actual"): wide[("title", "actual")].fillna(""),
        "_t": wide[("t_start", "")],
    }).sort_values([t("place"), "_t"]).drop(columns="_t")
    st.subheader(t("series.pairs"))
    st.dataframe(table, hide_index=True, key="series_pairs", width="stretch")


def vintages(rows: pd.DataFrame, place_names: dict) -> None:
    """Where documents disagree about one place and period: each value with its document and date."""
    lang = language()
    distinct = rows.groupby(["place_key", "period", "status"])["value"].transform("nunique")
    clash = rows[distinct > 1].sort_values(["place_key", "t_start", "status", "published"])
    if clash.empty:
        return
    st.subheader(t("series.vintages"))
    st.caption(t("series.vintages.note"))
    st.dataframe(pd.DataFrame({
        t("place"): clash["place_key"].map(lambda k: place_names.get(k, k)),
        t("period"): clash["period"], t("status"): clash["status"].map(lambda s: t_value("status", s)),
        t("value"): [format_bounded(v, vh, u, "", b, lang) for v, vh, u, b in
                     zip(clash["value"], clash["value_high"], clash["unit"], clash["bound"])],
        t("document"): clash["title"], t("published"): clash["published"],
    }), hide_index=True, key="series_vintages", width="stretch")
