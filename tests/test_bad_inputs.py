"""Bad input gives one clear line naming the file and the reason, never a traceback,
through read_document, the CLI (`extract`, `add`) and corpus.add_paths; good files still go through."""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extractors import corpus
from extractors.ingest import ReadError, read_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def latin_pdf(text: str = "Revenue 110 million yuan, up 24%.", encrypt: str = "") -> bytes:
    """A small PDF in a core font: the bad-PDF cases need no CJK font."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    raw = bytes(pdf.output())
    if encrypt:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
        writer.encrypt(user_password=encrypt, owner_password=encrypt + "-owner")
        out = io.BytesIO()
        writer.write(out)
        raw = out.getvalue()
    return raw


def scanned_pdf() -> bytes:
    """A page that is only an image, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("L", (200, 100), color=255)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    return bytes(pdf.output())


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def mixed_encodings() -> bytes:
    lines = ["全市生产总值增长5.5%。", "规模以上工业增加值增长7.1%。", "固定资产投资增长6.2%。"]
    return (lines[0] + "\n" + lines[1] + "\n").encode("utf-8") + (lines[2] + "\n").encode("gbk")


def random_bytes() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL: the decoder must notice


def big_file(path: Path) -> None:
    with open(path, "wb") as fh:  # sparse: 50 MB on paper, no time to write
        fh.truncate(50 * 2**20)


# name, file name, bytes (or a writer), expected reason (a substring)
CASES = [
    ("empty", "empty.txt", b"", "empty file"),
    ("whitespace", "blank.txt", b" \n\r\n\t  \n", "no text"),
    ("png-renamed-txt", "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)), "binary file (PNG image)"),
    ("nul-bytes", "nul.txt", "全年增长24%".encode() + b"\x00\x00\x01\x02" * 50, "NUL bytes"),
    ("random-binary", "noise.txt", random_bytes(), "undecodable"),
    ("mixed-encodings", "mixed.txt", mixed_encodings(), "mixed encodings"),
    ("bad-utf8-after-bom", "bom.txt", b"\xef\xbb\xbf" + "增长".encode() + b"\xff\xfe\xfa", "byte-order mark"),
    ("truncated-pdf", "cut.pdf", latin_pdf()[:400], "truncated PDF"),
    ("malformed-pdf", "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF\n", "malformed PDF"),
    ("encrypted-pdf", "secret.pdf", latin_pdf(encrypt="s3cret"), "encrypted PDF"),
    ("scanned-pdf", "scan.pdf", scanned_pdf(), "no text layer (scanned PDF?)"),
    ("docx-zip-bomb", "bomb.docx", zip_bytes({"[Content_Types].xml": b"<x/>",
                                               "word/document.xml": b"<a/>" * (8 * 2**20)}), "zip bomb"),
    ("docx-corrupt", "corrupt.docx", b"PK\x03\x04" + b"\x14\x00" * 100, "corrupt DOCX"),
    ("docx-not-word", "sheet.docx", zip_bytes({"xl/workbook.xml": b"<x/>"}), "not a Word .docx"),
    ("old-doc", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old binary Office"),
    ("html-only-scripts", "ads.html", b"<html><head><script>var a='110\xe4\xba\xbf';</script></head>"
                                      b"<body><script>track()</script><style>p{}</style></body></html>",
     "no readable text"),
    ("50MB-text", "huge.txt", big_file, "file too large"),
]


def _make(folder: Path, name: str, content) -> Path:
    path = folder / name
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("name, content, reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_read_document_refuses(tmp_path, name, content, reason):
    path = _make(tmp_path, name, content)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert reason in info.value.reason
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(ReadError, match="is a folder"):
        read_document(tmp_path)


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root reads files whatever their mode")
def test_no_read_permission(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("全年增长24%。", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ReadError, match="permission denied"):
        read_document(path)


def test_no_read_permission_reported(tmp_path, monkeypatch):
    """Whoever runs the tests (root ignores modes): an EACCES from the OS becomes a reason."""
    path = tmp_path / "locked.txt"
    path.write_text("全年增长24%。", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ReadError, match="permission denied"):
        read_document(path)


def test_large_text_refused_before_reading(tmp_path, monkeypatch):
    """The size check uses stat: a 50 MB file is never loaded."""
    path = _make(tmp_path, "huge.txt", big_file)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(ReadError, match=r"50\.0 MB.*limit"):
        read_document(path)


@pytest.fixture
def mixed_folder(tmp_path):
    """Good files (UTF-8 seed, GBK seed, DOCX) and every bad case in one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "good_utf8.txt").write_text(text, encoding="utf-8")
    (folder / "good_gbk.txt").write_bytes(text.replace("本报记者", "记者").encode("gbk"))
    import docx

    document = docx.Document()
    document.add_paragraph("全市生产总值增长5.5%，规模以上工业增加值增长7.1%。")
    document.save(str(folder / "good_word.docx"))
    for _, name, content, _ in CASES:
        _make(folder, name, content)
    return folder


GOOD = {"good_utf8", "good_gbk", "good_word"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _check_lines(stderr: str, folder: Path) -> None:
    assert "Traceback" not in stderr
    for _, name, _, reason in CASES:
        lines = [line for line in stderr.splitlines() if str(folder / name) in line]
        assert len(lines) == 1, (name, stderr)
        assert reason in lines[0]


def test_cli_extract_reports_each_bad_file(mixed_folder, tmp_path):
    out = tmp_path / "out"
    result = _cli("extract", str(mixed_folder), str(tmp_path / "missing.txt"), "--out", str(out))
    assert result.returncode != 0
    _check_lines(result.stderr, mixed_folder)
    assert "missing.txt" in result.stderr
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig", dtype=str)
    assert set(documents["doc_id"]) == GOOD
    assert (out / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_add_reports_each_bad_file(mixed_folder, tmp_path):
    data = tmp_path / "data"
    result = _cli("add", str(mixed_folder), "--data", str(data))
    assert result.returncode != 0
    _check_lines(result.stderr, mixed_folder)
    assert set(corpus.load(data).documents["doc_id"]) == GOOD


def test_add_paths_reports_each_bad_file(mixed_folder, tmp_path):
    data = tmp_path / "data"
    report = corpus.add_paths([mixed_folder, tmp_path / "missing.txt"], data_dir=data)
    assert report.added == len(GOOD)
    assert len(report.errors) == len(CASES) + 1
    _check_lines("\n".join(report.errors), mixed_folder)
    assert set(corpus.load(data).documents["doc_id"]) == GOOD


def test_add_text_reports_bad_upload(tmp_path):
    report = corpus.add_text("scan.pdf", scanned_pdf(), data_dir=tmp_path / "data")
    assert (report.added, report.errors) == (0, ["scan.pdf: no text layer (scanned PDF?)"])
