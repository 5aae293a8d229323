"""Add documents from the browser: each file is extracted into the corpus with a
progress bar naming it; the box is emptied afterwards and the report shown.
File names and error lines are a document's words: escaped before they reach markdown."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from extractors import corpus

from .locales import t
from .present import md_escape


UPLOADER_CSS = """<style>
[data-testid=stFileUploaderDropzoneInstructions] > div > span {{ display: none; }}
[data-testid=stFileUploaderDropzoneInstructions] > div::before {{ content: "{drop}"; font-size: .875rem; }}
[data-testid=stFileUploaderDropzone] button, [data-testid=stFileUploaderDropzone] button * {{
  font-size: 0 !important; }}
[data-testid=stFileUploaderDropzone] button::after {{ content: "{browse}"; font-size: .875rem; }}
</style>"""


def render(data_dir: Path) -> None:
    report = st.session_state.pop("_upload_report", None)
    with st.expander(t("upload"), icon=":material/upload_file:", expanded=report is not None):
        mb = st.get_option("server.maxUploadSize")
        st.caption(t("upload.limit", mb=mb))
        if report:  # from the run that stored the files (then reran to show them)
            for err in report["errors"]:
                st.error(md_escape(err), icon=":material/error:")
            if report["added"] or report["skipped"] or not report["errors"]:
                st.success(t("upload.added", added=report["added"], skipped=report["skipped"]))
        # Streamlit's drop zone speaks English only: its words replaced by the page's own
        st.html(UPLOADER_CSS.format(drop=t("upload.drop"), browse=t("upload.browse")))
        # a new key per batch: the stored files leave the box
        box = f"upload_{st.session_state.setdefault('_upload_batch', 0)}"
        files = st.file_uploader(t("upload.files"), type=["txt", "pdf", "docx", "html", "htm"],
                                 accept_multiple_files=True, key=box)
        published = st.date_input(t("upload.date"), value=None, key="upload_date")
        if st.button(t("upload.button"), key="upload_go", type="primary"):
            if not files:
                st.warning(t("upload.none"))
                return
            added, skipped, errors = 0, 0, []
            bar = st.progress(0.0)
            for i, f in enumerate(files, 1):
                bar.progress((i - 1) / len(files), text=md_escape(t("upload.progress", i=i, n=len(files),
                                                                    name=f.name)))
                r = corpus.add_text(f.name, f.getvalue(), data_dir=data_dir,
                                    published=published.isoformat() if published else None)
                added, skipped = added + r.added, skipped + r.skipped
                errors += [" ".join(str(e).split()) for e in r.errors]  # one line each
            bar.progress(1.0, text=t("upload.done"))
            st.session_state["_upload_report"] = {"added": added, "skipped": skipped, "errors": errors}
            st.session_state["_upload_batch"] += 1
            st.rerun()  # reload the corpus: the new documents show in filters, charts, views
