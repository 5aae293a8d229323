"""Compare two documents (two reports, two years): the indicators both state,
the change, and what appears in only one. `?cmp_a=DOC&cmp_b=DOC` opens it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import data
from .formatting import format_bounded, format_value
from .locales import language, t, t_value
from .state import cached, from_url, keep_valid, to_url

documents_with_indicators = cached(data.documents_with_indicators)
KEY = ["indicator_id", "measure", "status"]


def one_per_indicator(rows: pd.DataFrame) -> pd.DataFrame:
    """One value per indicator, measure and status of a document: the one
    about the document's main place (its most frequent), then its latest period."""
    if rows.empty:
        return rows
    place = rows["subject_id"].where(rows["subject_id"] != "", rows["subject"])
    main = place.mode().iloc[0] if len(place.mode()) else ""
    rows = rows.assign(_main=(place == main) | (place == ""))
    rows = rows.sort_values(["_main", "period"], ascending=[False, False], kind="stable")
    return rows.drop_duplicates(KEY).drop(columns="_main")


def comparison(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Outer join of two documents' indicators; `side` is both / a / b;
    `change` is B − A where both have a value in the same unit."""
    merged = one_per_indicator(a).merge(one_per_indicator(b), on=KEY, how="outer", suffixes=("_a", "_b"),
                                        indicator="side")
    merged["side"] = merged["side"].map({"both": "both", "left_only": "a", "right_only": "b"})
    same_unit = merged["unit_a"] == merged["unit_b"]
    merged["change"] = (merged["value_b"] - merged["value_a"]).where(same_unit)
    return merged


@cached
def compared(db, doc_a: str, doc_b: str) -> pd.DataFrame:
    """comparison() of two documents, once per pair."""
    return comparison(data.indicator_rows(db, doc_a), data.indicator_rows(db, doc_b))


def render(db) -> None:
    st.header(t("compare"))
    docs = documents_with_indicators(db)
    if len(docs) < 2:
        st.info(t("compare.need_two"))
        return
    ids = docs["doc_id"].astype(str).tolist()  # oldest first
    titles = {d: (f"{title} · {pub}" if pub else title) or d for d, title, pub in
              zip(ids, docs["title"].fillna(""), docs["published"].fillna(""))}
    from_url("cmp_a", ids, many=False)
    from_url("cmp_b", ids, many=False)
    keep_valid("cmp_a", ids, many=False, default=ids[-2])
    keep_valid("cmp_b", ids, many=False, default=ids[-1])
    left, right = st.columns(2)
    doc_a = left.selectbox(t("compare.a"), ids, key="cmp_a", format_func=titles.get)
    doc_b = right.selectbox(t("compare.b"), ids, key="cmp_b", format_func=titles.get)
    to_url({"cmp_a": doc_a, "cmp_b": doc_b})
    merged = compared(db, doc_a, doc_b)
    lang = language()

    def reading(side: str) -> list[str]:
        return [format_bounded(v, vh, u, "", bd, lang) if pd.notna(v) else "" for v, vh, u, bd in
                zip(merged[f"value_{side}"], merged[f"value_high_{side}"], merged[f"unit_{side}"],
                    merged[f"bound_{side}"])]

    name = merged["en_a"].fillna(merged["en_b"]) if lang == "en" else merged["zh_a"].fillna(merged["zh_b"])
    unit = merged["unit_b"].fillna(merged["unit_a"]).fillna("")
    change_unit = ["百分点" if u == "%" else u for u in unit]  # 5.2% -> 5% is -0.2 个百分点
    table = pd.DataFrame({
        t("indicator"): name.fillna(merged["indicator_id"]),
        t("measure"): merged["measure"].map(lambda m: t_value("measure", m)),
        t("status"): merged["status"].map(lambda s: t_value("status", s)),
        "A": reading("a"), t("period") + " A": merged["period_a"].fillna(""),
        "B": reading("b"), t("period") + " B": merged["period_b"].fillna(""),
        t("compare.change"): [format_value(c, u, "", lang) if pd.notna(c) else "" for c, u in
                              zip(merged["change"], change_unit)],
        "side": merged["side"],
    })
    for side, label, cols in (("both", t("compare.same"), None),
                              ("a", t("compare.only_a"), [t("indicator"), t("measure"), t("status"), "A",
                                                          t("period") + " A"]),
                              ("b", t("compare.only_b"), [t("indicator"), t("measure"), t("status"), "B",
                                                          t("period") + " B"])):
        part = table[table["side"] == side].drop(columns="side")
        if cols:
            part = part[cols]
        st.subheader(f"{label}（{len(part)}）" if lang == "zh" else f"{label} ({len(part)})")
        if part.empty:
            st.caption(t("compare.nothing"))
        else:
            st.dataframe(part, hide_index=True, key=f"compare_{side}", width="stretch")
