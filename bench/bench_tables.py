"""Table benchmark: extraction speed on a large statistics table beside prose, and
how many of a release's claims survive when it is read as HTML, Word or PDF.

    .venv/bin/python bench/bench_tables.py [--rows 5000] [--release PATH]

1. chars/s of pipeline.extract on a composed table of --rows data rows (and on
   1/5 of it, to show the time grows linearly), beside prose of the same size
   (the dev set's texts with their tables cut out, repeated).
2. The release (a TXT with TAB tables, default the dev set's NBS release) written
   as HTML (<table>), DOCX (Word table) and PDF (ruled, fpdf2): the share of the
   text's table claims, by (value, unit, indicator), each format gives.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.pipeline import extract  # noqa: E402
from extractors.readers.docx import read_docx  # noqa: E402
from extractors.readers.html import read_html  # noqa: E402
from extractors.readers.pdf import read_pdf  # noqa: E402
from extractors.tabular import find_tables  # noqa: E402

RELEASE = ROOT.parent.parent / "shared" / "dev" / "corpus" / "nbs_industrial_profits_2021_01_11.txt"
FONT = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)


def big_table(rows: int) -> str:
    lines = ["表9 2023年1—6月份各企业主要财务指标", "企业名称\t营业收入\t\t利润总额",
             "\t1-6月（万元）\t同比增长（%）\t1-6月（万元）\t同比增长（%）"]
    lines += [f"第{k}号企业\t{1000 + k}.5\t{k % 50 - 25}.1\t{k * 3}\t{k % 7}.2" for k in range(rows)]
    return "\n".join(lines) + "\n"


def rate(text: str, repeat: int = 1) -> tuple[float, int]:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        claims = extract(text, "bench")
        best = min(best, time.perf_counter() - t0)
    return len(text) / best, len(claims)


def blocks(text: str):
    """The release as ('p', line) and ('table', rows of cells) in order."""
    tables = find_tables(text)
    pos, out = 0, []
    for t in tables:
        out += [("p", line) for line in text[pos:t.start].splitlines() if line.strip()]
        out.append(("table", [line.split("\t") for line in text[t.start:t.end].splitlines()]))
        pos = t.end
    out += [("p", line) for line in text[pos:].splitlines() if line.strip()]
    return out


def as_html(parts) -> bytes:
    from html import escape

    body = []
    for kind, value in parts:
        if kind == "p":
            body.append(f"<p>{escape(value)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in value)
            body.append(f"<table>{rows}</table>")
    return f"<html><body><article>{''.join(body)}</article></body></html>".encode()


def as_docx(parts) -> bytes:
    import docx

    document = docx.Document()
    for kind, value in parts:
        if kind == "p":
            document.add_paragraph(value)
            continue
        table = document.add_table(rows=len(value), cols=max(map(len, value)))
        for r, row in enumerate(value):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(parts) -> bytes:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    pdf = FPDF(orientation="L", format="A3", unit="pt")
    pdf.add_font("cjk", fname=FONT[0], collection_font_number=FONT[1])
    pdf.add_page()
    pdf.set_font("cjk", size=7)
    for kind, value in parts:
        if kind == "p":
            pdf.multi_cell(0, 10, value, new_x="LMARGIN", new_y="NEXT")
            continue
        width = max(map(len, value))
        widths = (200,) + (95,) * (width - 1)
        with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT",
                       first_row_as_headings=False, line_height=10) as table:
            for row in value:
                cells = table.row()
                for cell in row + [""] * (width - len(row)):
                    cells.cell(cell)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    for page in writer.pages:      # fpdf2's CMap is one pdfminer cannot read (see tests/test_ingest.py)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cells(text: str) -> Counter:
    return Counter((c.value, c.unit, c.indicator) for c in extract(text, "bench") if c.rule == "table.cell")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--release", type=Path, default=RELEASE)
    args = ap.parse_args()

    small, big = big_table(args.rows // 5), big_table(args.rows)
    r_small, n_small = rate(small, 3)
    r_big, n_big = rate(big, 2)
    print(f"table {args.rows // 5:>5} rows: {len(small):>8,} chars {n_small:>6,} claims {r_small:>10,.0f} chars/s")
    print(f"table {args.rows:>5} rows: {len(big):>8,} chars {n_big:>6,} claims {r_big:>10,.0f} chars/s")
    if not args.release.is_file():
        print(f"no release at {args.release}: cross-format part skipped")
        return
    text = args.release.read_text(encoding="utf-8")
    # prose of a size like the big table's: the dev set's texts with their tables cut, repeated
    docs = [p.read_text(encoding="utf-8") for p in sorted(args.release.parent.glob("*.txt"))]
    one = "\n".join("".join(d[a:b] for a, b in _gaps(d)) for d in docs)
    prose = "\n".join([one] * max(1, len(big) // max(len(one), 1)))
    r_prose, n_prose = rate(prose, 2)
    print(f"prose (dev set, tables cut): {len(prose):>8,} chars {n_prose:>6,} claims {r_prose:>10,.0f} chars/s")

    parts = blocks(text)
    want = cells(text)
    print(f"release as TXT: {sum(want.values())} table claims")
    for name, build, read in (("HTML", as_html, read_html), ("DOCX", as_docx, read_docx), ("PDF", as_pdf, read_pdf)):
        t0 = time.perf_counter()
        got = cells(read(build(parts)).text)
        same = sum((got & want).values())
        print(f"release as {name}: {sum(got.values())} table claims, {same / sum(want.values()):.1%} of the TXT's "
              f"by (value, unit, indicator) [{time.perf_counter() - t0:.1f}s]")


def _gaps(text: str):
    pos = 0
    for t in find_tables(text):
        yield pos, t.start
        pos = t.end
    yield pos, len(text)


if __name__ == "__main__":
    main()
