"""All claims: sidebar filters (in the URL), counts, claim charts and the table.
Every filter is a WHERE clause; only the drawn sample and the table's first page leave DuckDB."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import charts, data
from .formatting import format_count, format_value
from .locales import language, t, t_value
from .state import cached, from_url, to_url

TABLE_ROWS = 500  # rows of the filtered table sent to the browser
TRANSLATED = {"kind", "measure", "status"}  # columns whose values have labels
options = cached(data.options)
documents = cached(data.documents)
totals = cached(data.totals)
kind_status_counts = cached(data.kind_status_counts)
claim_samples = cached(data.claim_samples)
claim_rows = cached(data.claim_rows)
group_counts = cached(data.group_counts)
group_kind_status_counts = cached(data.group_kind_status_counts)
target_actual_pairs = cached(data.target_actual_pairs)


def doc_titles(db) -> dict[str, str]:
    """doc_id -> what a reader calls it: the title (with the date), the doc_id only when there is no title."""
    docs = documents(db)
    return {d: (f"{title} · {pub}" if title and pub else title or d) for d, title, pub in
            zip(docs["doc_id"], docs["title"], docs["published"])}


def sidebar_filters(db) -> tuple[dict, str]:
    sb = st.sidebar
    sb.header(t("filters"))
    titles = doc_titles(db)
    selected, state = {}, {}
    for key, col in data.FILTERS.items():
        opts = options(db, col)
        if col == "period":
            opts = sorted(opts)  # ISO periods: chronological
        elif col == "doc_id":
            present = set(opts)
            opts += [d for d in titles if d not in present]
        fmt = (titles.get if col == "doc_id" else
               (lambda v, c=col: t_value(c, v)) if col in TRANSLATED else str)
        from_url(key, opts)
        if any(v not in opts for v in st.session_state.get(key, [])):
            st.session_state[key] = [v for v in st.session_state[key] if v in opts]
        selected[col] = state[key] = sb.multiselect(t(col), opts, key=key, format_func=fmt, placeholder="—",
                                                                    select_all=False)  # its label is English
    from_url("q", many=False)
    state["q"] = sb.text_input(t("search"), key="q", help=t("search.help")) or ""
    sb.button(t("reset"), key="reset", on_click=clear_filters)
    to_url(state)
    return selected, state["q"]


def clear_filters() -> None:
    for key in data.FILTERS:
        st.session_state[key] = []
    st.session_state["q"] = ""


CHART_KINDS = {"chart_money": "money", "chart_percent": "percent", "chart_pp": "percentage_point"}


def claim_chart(samples: pd.DataFrame, total: int, key: str, build, images: dict) -> str | None:
    rows = samples[samples["kind"] == CHART_KINDS[key]]
    if rows.empty:
        st.info(t("empty"))
        return None
    chart = build(charts.claim_frame(rows))
    images[key] = chart
    event = st.altair_chart(chart, key=key, on_select="rerun", selection_mode=charts.SELECTION, width="stretch")
    if len(rows) < total:
        st.caption(t("sampled", shown=format_count(len(rows)), total=format_count(total)))
    return charts.selected_claim(event)


def render(db, images: dict) -> tuple[data.Where, dict[str, str | None]]:
    """Draw the explorer; the filter and the claims picked in its charts and table."""
    selected, query = sidebar_filters(db)
    w = data.where(selected, query, db=db)
    st.header(t("explore"))
    all_n = totals(db)
    # Counts are per kind and status, and samples per kind: read them without those filters (a
    # kind or status change then reuses the cached result) and narrow them here.
    kinds, statuses = selected.get("kind") or [], selected.get("status") or []
    rest = {c: v for c, v in selected.items() if c not in ("kind", "status")}
    all_kinds = kind_status_counts(db, data.where(rest, query, db=db))
    by_status = all_kinds[all_kinds["status"].isin(statuses)] if statuses else all_kinds
    by_kind = by_status[by_status["kind"].isin(kinds)] if kinds else by_status
    counts = by_kind.groupby("status")["n"].sum().astype(int).to_dict()
    drawable = by_kind.groupby("kind")["drawable"].sum().astype(int).to_dict()
    drawable_any_kind = by_status.groupby("kind")["drawable"].sum().astype(int).to_dict()
    m = st.columns(4)
    m[0].metric(t("metric.documents"), format_count(all_n["documents"]))
    m[1].metric(t("metric.articles"), format_count(all_n["articles"]))
    m[2].metric(t("metric.claims"), f"{format_count(sum(counts.values()))} / {format_count(all_n['claims'])}",
                help=t("metric.claims.help"))
    m[3].metric(t("metric.targets"), f"{format_count(counts.get('target', 0))} / "
                                     f"{format_count(counts.get('actual', 0))}")
    if not all_n["claims"]:
        st.info(t("nodata"))
    picks: dict[str, str | None] = {}
    samples = claim_samples(db, data.where({**rest, "status": statuses}, query, db=db),
                            {k: drawable_any_kind.get(k, 0) for k in CHART_KINDS.values()}, data.SAMPLE_ROWS,
                            statuses)
    if kinds:
        samples = samples[samples["kind"].isin(kinds)]
    st.subheader(t("chart.money"))
    picks["chart_money"] = claim_chart(samples, drawable.get("money", 0), "chart_money", charts.money_chart, images)
    left, right = st.columns(2)
    with left:
        st.subheader(t("chart.percent"))
        picks["chart_percent"] = claim_chart(samples, drawable.get("percent", 0), "chart_percent",
                                             charts.percent_chart, images)
    with right:
        st.subheader(t("chart.pp"))
        picks["chart_pp"] = claim_chart(samples, drawable.get("percentage_point", 0), "chart_pp",
                                        lambda f: charts.percent_chart(f, points=True), images)
    st.subheader(t("chart.ta"))
    pairs = target_actual_pairs(db, selected, query, w)
    if pairs.empty:
        st.info(t("empty"))
    else:
        images["chart_ta"] = charts.target_actual_chart(pairs)
        picks["chart_ta"] = charts.selected_claim(st.altair_chart(
            images["chart_ta"], key="chart_ta", on_select="rerun", selection_mode=charts.SELECTION))
    st.subheader(t("chart.counts"))
    from_url("by", {"article", "doc_id"}, many=False)
    st.session_state.setdefault("by", "article")
    by = st.segmented_control(t("by"), ["article", "doc_id"], key="by", format_func=lambda b: t(f"by.{b}"),
                              required=True, label_visibility="collapsed") or "article"
    to_url({"by": by})
    per_status = group_kind_status_counts(db, data.where(rest, query, db=db), by)
    grouped = group_counts(db, w, by) if per_status is None else data.top_groups(per_status, kinds, statuses)
    if grouped.empty:
        st.info(t("empty"))
    else:
        if by == "doc_id":
            titles = doc_titles(db)
            grouped = grouped.assign(grp=grouped["grp"].map(lambda d: titles.get(d, d)))
        images["chart_counts"] = charts.count_chart(grouped, by)
        st.altair_chart(images["chart_counts"], key="chart_counts", width="stretch")
    picks["table"] = claims_table(db, w, sum(counts.values()))
    return w, picks


def claims_table(db, w: data.Where, n_filtered: int) -> str | None:
    st.subheader(t("table"))
    rows = claim_rows(db, w, TABLE_ROWS)
    lang = language()
    shown = pd.DataFrame({
        "claim_id": rows["claim_id"].astype(str),
        "value": [format_value(v, u, k, lang) for v, u, k in zip(rows["value_normalized"], rows["unit"],
                                                                 rows["kind"])],
        **{c: rows[c].fillna("").astype(str) for c in ("indicator", "subject", "period")},
        **{c: rows[c].fillna("").astype(str).map(lambda v, c=c: t_value(c, v)) for c in
           ("status", "kind", "measure")},
        **{c: rows[c].fillna("").astype(str) for c in ("text", "sentence", "article")},
        "doc_id": rows["doc_id"].astype(str).map(lambda d, titles=doc_titles(db): titles.get(d, d)),
    })
    order = ["value", "indicator", "subject", "period", "status", "kind", "measure", "text", "sentence",
             "article", "doc_id"]
    config = {c: st.column_config.TextColumn(t(c)) for c in order}
    config["claim_id"] = None  # kept in the data to know the picked row, never shown
    event = st.dataframe(shown, key="table", on_select="rerun", selection_mode="single-row", hide_index=True,
                         column_order=order, column_config=config, height=380, width="stretch")
    if n_filtered > len(shown):
        st.caption(t("table.note", shown=format_count(len(shown)), total=format_count(n_filtered)))
    picked = event.selection.rows if event else []
    return str(shown.iloc[picked[0]]["claim_id"]) if picked and picked[0] < len(shown) else None
