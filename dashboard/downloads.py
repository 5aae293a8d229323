"""Downloads: claims (filtered and all), indicators, documents and articles
as Excel-safe CSV (UTF-8 with BOM, formulas neutralised, 4 not 4.0) and
XLSX; chart images. Each file is built only when its button is clicked."""
from __future__ import annotations

import streamlit as st

from . import charts, data, present
from .locales import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(db, w: data.Where, images: dict) -> None:
    st.header(t("downloads"))
    tables = [("indicators", t("dl.indicators"), lambda: data.indicators_table(db)),
              ("filtered", t("dl.filtered"), lambda: data.claims_table(db, w)),
              ("claims", t("dl.all"), lambda: data.claims_table(db)),
              ("documents", t("dl.documents"), lambda: data.table(db, "documents")),
              ("articles", t("dl.articles"), lambda: data.table(db, "articles"))]
    grid = st.columns(len(tables))
    for box, (name, label, get) in zip(grid, tables):
        box.markdown(f"**{label}**")
        box.download_button("CSV", lambda g=get: present.to_csv_bytes(g()), file_name=f"{name}.csv",
                            mime="text/csv", key=f"dl_{name}_csv", on_click="ignore", icon=":material/download:")
        box.download_button("XLSX", lambda g=get, n=name: present.to_xlsx_bytes({n: g()}), file_name=f"{name}.xlsx",
                            key=f"dl_{name}_xlsx", on_click="ignore", mime=XLSX, icon=":material/download:")
    if images:
        names = {"chart_series": t("series"), "chart_money": t("chart.money"), "chart_percent": t("chart.percent"),
                 "chart_pp": t("chart.pp"), "chart_ta": t("chart.ta"), "chart_counts": t("chart.counts")}
        st.markdown(f"**{t('dl.chart')}**")
        a, b, c = st.columns([3, 1, 1], vertical_alignment="bottom")
        which = a.selectbox(t("dl.chart.pick"), list(images), format_func=names.get, key="dl_chart")
        chart = images[which]  # the spec is built when the button is clicked
        b.download_button("PNG", lambda: charts.chart_image(chart.to_dict(), "png"), file_name=f"{which}.png",
                          mime="image/png", key="dl_png", on_click="ignore")
        c.download_button("SVG", lambda: charts.chart_image(chart.to_dict(), "svg"), file_name=f"{which}.svg",
                          mime="image/svg+xml", key="dl_svg", on_click="ignore")
