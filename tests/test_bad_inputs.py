"""Bad input gives one clear line naming the file and the reason, never a traceback,
through read_document, the CLI (`extract`, `add`) and corpus.add_paths; good files still go through."""
from __future__ import annotations

import csv
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


# -- hostile inputs (issue 10) ---------------------------------------------------

def lying_zip(real: int, declared: int, honest_crc: bool = False) -> bytes:
    """A DOCX whose word/document.xml inflates to `real` bytes while the
    headers declare `declared` (built by hand, compressed in chunks, so that
    making it costs no memory). honest_crc: the CRC of the declared prefix,
    so that only counting the inflated bytes can catch the lie."""
    import struct
    import zlib

    def deflated_spaces(size: int) -> tuple[bytes, int]:
        comp, out, crc, prefix_crc, left = zlib.compressobj(9, zlib.DEFLATED, -15), [], 0, 0, size
        head = b"<w:document>"
        out.append(comp.compress(head))
        crc = zlib.crc32(head)
        block = b" " * 2**20
        while left > 0:
            piece = block[:left]
            out.append(comp.compress(piece))
            crc = zlib.crc32(piece, crc)
            left -= len(piece)
        out.append(comp.flush())
        return b"".join(out), crc

    members = [("[Content_Types].xml", b"<Types/>")]
    blob = io.BytesIO()
    central = []
    for name, data in members:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = comp.compress(data) + comp.flush()
        central.append((name.encode(), zlib.crc32(data), len(packed), len(data), blob.tell()))
        blob.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, zlib.crc32(data),
                               len(packed), len(data), len(name), 0) + name.encode() + packed)
    packed, crc = deflated_spaces(real)
    if honest_crc:
        crc = zlib.crc32((b"<w:document>" + b" " * declared)[:declared])
    name = b"word/document.xml"
    central.append((name, crc, len(packed), declared, blob.tell()))
    blob.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), declared,
                           len(name), 0) + name + packed)
    start = blob.tell()
    for name, crc, csize, usize, offset in central:
        blob.write(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, csize, usize,
                               len(name), 0, 0, 0, 0, 0, offset) + name)
    size = blob.tell() - start
    blob.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return blob.getvalue()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")
@pytest.mark.parametrize("honest_crc", [False, True], ids=["crc-of-real-data", "crc-of-declared-prefix"])
def test_docx_lying_about_its_size_is_refused_within_the_cap(tmp_path, honest_crc):
    """1 GB of XML declared as 2 kB: refused, and reading it never holds more
    than the caps (measured as the peak memory of a child process)."""
    path = tmp_path / "liar.docx"
    path.write_bytes(lying_zip(real=2**30, declared=2000, honest_crc=honest_crc))
    assert path.stat().st_size < 3 * 2**20
    # VmHWM: the peak of this process since exec (ru_maxrss would count the forked parent)
    code = ("import sys\n"
            "from extractors.ingest import ReadError, read_document\n"
            "try:\n    read_document(sys.argv[1]); print('READ')\n"
            "except ReadError as err:\n    print(err)\n"
            "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(int(peak.split()[1]) // 1024)\n")
    result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    message, peak_mb = result.stdout.splitlines()
    assert "corrupt DOCX" in message and str(path) in message
    assert int(peak_mb) < 300, message     # the old reader inflated the whole gigabyte at once


def test_docx_streamed_cap_stops_a_bomb_that_declares_nothing(monkeypatch):
    """Members inflated beyond the cap are stopped as they inflate, whatever
    the headers say (a small cap stands in for 200 MB)."""
    from extractors.readers import Unreadable, docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED", 2**20)
    monkeypatch.setattr(docx_reader, "MAX_XML", 2**20)
    monkeypatch.setattr(docx_reader, "_check_declared", lambda infos: None)
    raw = zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<a/>" * 2**20})
    with pytest.raises(Unreadable, match="inflates beyond its limit"):
        docx_reader.check_zip(raw)


def test_docx_restored_package_still_reads():
    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("全市生产总值增长5.5%。")
    document.save(out)
    from extractors.readers.docx import read_docx
    assert "增长5.5%" in read_docx(out.getvalue()).text


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_links_that_lead_nowhere_get_one_line_each(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.txt").write_text("全年增长24%。", encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop_a").symlink_to(folder / "loop_b")
    (folder / "loop_b").symlink_to(folder / "loop_a")
    (folder / "sub" / "up").symlink_to(folder)          # a folder loop is not followed
    result = _cli("extract", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert sum("dangling.txt: dangling symbolic link" in line for line in lines) == 1
    assert sum("loop_a: symbolic link loop" in line for line in lines) == 1
    assert sum("loop_b: symbolic link loop" in line for line in lines) == 1
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig", dtype=str)
    assert list(documents["doc_id"]) == ["good"]


def test_unreadable_subfolder_gets_one_line(tmp_path, monkeypatch):
    """Whoever runs the tests (root reads any folder): a folder the OS refuses
    to list is named with its reason, and the rest is still read."""
    from extractors.ingest import iter_paths

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.txt").write_text("增长5%。", encoding="utf-8")
    (folder / "b.txt").write_text("增长6%。", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    paths = iter_paths([folder])
    assert paths == sorted([folder / "b.txt", folder / "locked"])
    with pytest.raises(ReadError, match="folder cannot be read"):
        read_document(folder / "locked")


def test_file_name_with_a_newline_stays_one_line(tmp_path):
    path = tmp_path / "年报\n2022.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert "\n" not in str(info.value) and "年报\\n2022.txt" in str(info.value)


def test_deep_html_keeps_its_text():
    from extractors.readers.html import read_html

    depth = 100_000
    html = ("<html><body>" + "<div>" * depth + "<p>全市地区生产总值增长5.2%。</p><script>x=1</script>"
            + "</div>" * depth + "</body></html>")
    read = read_html(html.encode("utf-8"))
    assert "全市地区生产总值增长5.2%。" in read.text and "x=1" not in read.text


HOSTILE_TEXT = ("=HYPERLINK(\"http://evil.example\",\"点击\")全市增长5%。\n"
                "+SUM(1,2)签约35个项目。\n-2+3营业收入201亿元。\n@SUM(A1:A2)增长3%。\n"
                "\t=1+1 新增10家企业。\n")


def _live_formulas(path: Path) -> list[str]:
    """Cells Excel would run: text starting with = + - @ tab CR that is not a plain number."""
    from extractors.table import PLAIN_NUMBER

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN_NUMBER.fullmatch(cell)]


def test_no_live_formula_in_any_csv_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "=cmd|' -C calc'!A0.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "-2+3.txt").write_text("营业收入下降28.7%。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _cli("extract", str(folder), "--out", str(out)).returncode == 0
    data = tmp_path / "data"
    assert _cli("add", str(folder), "--data", str(data)).returncode == 0
    exported = tmp_path / "exported"
    assert _cli("export", "--data", str(data), "--out", str(exported)).returncode == 0
    written = sorted(out.glob("*.csv")) + sorted(data.glob("*.csv")) + sorted(exported.glob("*.csv"))
    assert len(written) >= 6
    for path in written:
        assert _live_formulas(path) == [], path
    claims = pd.read_csv(out / "claims.csv", encoding="utf-8-sig", dtype=str)
    assert claims["sentence"].str.startswith("'=HYPERLINK").any()      # neutralised, not dropped
    assert set(claims["value_normalized"]) >= {"5", "35", "20100000000", "28.7"}


def test_signed_numbers_stay_numbers():
    from extractors.table import neutralise_formulas

    frame = pd.DataFrame({"value": ["-28.7", "+5", "-2+3"], "n": [-28.7, 5.0, 1.0], "text": ["-28.7", "=1", "a"]})
    assert neutralise_formulas(frame).values.tolist() == [["-28.7", -28.7, "-28.7"], ["+5", 5.0, "'=1"],
                                                          ["'-2+3", 1.0, "a"]]


def test_text_the_rules_did_not_read_is_named_in_documents_csv(tmp_path):
    """A run of digits too long to be a number (a hash, a row of a table lost its
    spaces) is not read: the document's row says so, with where; the claims around
    it are still there, and a document read whole has no such line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "partial.txt").write_text("全年营业收入110.06亿元，编号" + "7" * 500 + "。利润增长5%。", encoding="utf-8")
    (folder / "whole.txt").write_text("全年营业收入110.06亿元，同比增长24%。", encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("extract", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    notes = dict(zip(documents["doc_id"], documents["error"]))
    assert notes["whole"] == ""
    assert notes["partial"].startswith("partly read: at 17: run of 500 numeral characters")
    claims = pd.read_csv(out / "claims.csv", encoding="utf-8-sig", dtype=str)
    assert set(claims[claims["doc_id"] == "partial"]["text"]) == {"110.06亿元", "5%"}


def test_odd_characters_are_controls_private_use_and_surrogates():
    """The binary check's one-scan class holds exactly what it stands for."""
    import unicodedata

    from extractors.readers.text import _ODD, ALLOWED_CONTROLS

    want = {c for c in range(0x110000) if (chr(c) < " " and chr(c) not in ALLOWED_CONTROLS)
            or unicodedata.category(chr(c)) in ("Co", "Cs")}
    assert {c for c in range(0x110000) if _ODD.match(chr(c))} == want
