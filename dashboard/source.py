"""Where a number comes from: the picked claim's sentence with the number
marked, its context in the document, and the whole document with every claim
marked. Document text reaches the page only as escaped HTML (st.html) or
escaped markdown (md_escape): nothing in a document is markup."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import data, present
from .formatting import format_value
from .locales import language, t
from .state import cached

claim = cached(data.claim)
document_spans = cached(data.document_spans)
documents = cached(data.documents)

CSS = """<style>
mark { background: #ffe066; padding: 0 .1em; border-radius: 2px; }
mark.sel { background: #ff922b; outline: 2px solid #d9480f; }
.zb-sentence { font-size: 1.1rem; line-height: 1.8; }
.zb-context { color: #444; line-height: 1.8; white-space: pre-wrap; }
.zb-source-line { color: #555; font-size: .9rem; margin: -.4rem 0 .2rem; }
.zb-doc { white-space: pre-wrap; line-height: 1.9; max-height: 32rem; overflow-y: auto;
          border: 1px solid #ddd; border-radius: .4rem; padding: .8rem 1rem; }
</style>"""


def panel(db, picked: str | None, document_text) -> None:
    """The source of the picked claim; document_text(doc_id) -> the stored text."""
    st.subheader(t("source"))
    c = claim(db, picked) if picked else None
    if not c:
        st.caption(t("pick.hint"))
        return
    titles = {d: ti for d, ti in zip(documents(db)["doc_id"], documents(db)["title"])}
    doc = str(c["doc_id"])
    value = format_value(c["value_normalized"], c["unit"], c["kind"], language())
    st.html(f'<div><b>{present.html.escape(value)}</b> · '
            f'{present.html.escape(str(c["indicator"] or t("none")))}</div>')
    st.caption(present.md_escape(t("source.meta", article=present.short_title(c["article"]) or t("none"),
                                   doc=titles.get(doc) or doc, published=c["published"] or t("none"),
                                   period=c["period"] or t("none"))))
    st.html(f'<div class="zb-sentence" data-testid="zb-sentence">'
            f'{present.highlight_in(c["sentence"], c["text"])}</div>')
    source = document_text(doc)
    start, end = c.get("start"), c.get("end")
    if source and pd.notna(start) and pd.notna(end) and source[int(start):int(end)] == c["text"]:
        st.caption(t("source.context"))
        st.html(f'<div class="zb-context">{present.context_html(source, start, end, width=90)}</div>')


def document_view(db, picked: str | None, document_text, doc_filter: list[str]) -> None:
    """The full text of one document (of those the document filter keeps) with its claims marked."""
    st.subheader(t("doc_view"))
    docs = documents(db)
    ids = [d for d in docs["doc_id"].astype(str) if not doc_filter or d in doc_filter]
    if not ids:
        return
    titles = {d: (f"{ti} · {pub}" if ti and pub else ti or d) for d, ti, pub in
              zip(docs["doc_id"], docs["title"], docs["published"])}
    if st.session_state.pop("_new_pick", False) and picked:
        c = claim(db, picked)
        if c and str(c["doc_id"]) in ids:
            st.session_state["doc_view"] = str(c["doc_id"])
    if st.session_state.get("doc_view") not in ids:
        st.session_state["doc_view"] = ids[0]
    doc = st.selectbox(t("doc_pick"), ids, key="doc_view", format_func=titles.get)
    n, marked = document_html(db, db.fingerprint, doc, picked or "", language(), document_text)
    st.caption(t("doc_view.note", n=n))
    st.html(f'<div class="zb-doc" data-testid="zb-doc">{marked}</div>')


@st.cache_data(show_spinner=False, max_entries=64)
def document_html(_db, fingerprint: str, doc: str, picked: str, lang: str, _document_text) -> tuple[int, str]:
    """A document's text as escaped HTML with its claims marked, and how many (a document of
    thousands of claims takes a while: once per document, pick and language)."""
    spans = document_spans(_db, doc)
    marks = [(s, e, cid, f"{format_value(v, u, k, lang)} {ind}") for s, e, cid, v, u, k, ind in
             zip(spans["start"], spans["end"], spans["claim_id"], spans["v"], spans["unit"], spans["kind"],
                 spans["indicator"]) if pd.notna(s) and pd.notna(e)]
    return len(marks), present.mark_claims(_document_text(doc), marks, picked)
