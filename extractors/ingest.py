"""Read documents from disk (or upload bytes) into Document values.

Formats: plain text (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030/GBK,
Big5, else charset-normalizer's guess), PDF with a text layer (columns in
reading order), Word .docx, HTML (main text only). The format comes from the
file's signature first (%PDF-, zip), then its suffix. Every failure is a
ReadError whose reason is one line; no parser exception escapes.

Size limits keep memory bounded: text and HTML files over MAX_FILE_BYTES are
refused before they are read (20 MB of text is ~7 million hanzi, far beyond any
news page or government document; split larger files), PDFs over MAX_PDF_BYTES,
and any document whose text passes readers.MAX_TEXT_CHARS.

Publication date, first found wins: the NAME.meta.json sidecar, the HTML
metadata, a date the document states about itself in its first lines (a
masthead line such as "2022年6月15日 星期三", only when exactly one such date).
The --published option of the CLI fills documents that have none.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import logging
import re
from pathlib import Path

from .model import Document
from .readers import Read, Unreadable
from .readers.docx import read_docx
from .readers.html import read_html
from .readers.pdf import read_pdf
from .readers.text import decode_text, sniff_binary

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MAX_FILE_BYTES = 20 * 2**20    # text and HTML files
MAX_PDF_BYTES = 200 * 2**20
MAX_DOCX_BYTES = 50 * 2**20    # compressed; the zip check bounds what it unpacks to

MASTHEAD_LINES = 8             # a masthead date sits in the first lines of a page
DIGITS = dict(zip("〇零○一二三四五六七八九", "001123456789"))
# 2022年6月15日, 二〇二二年六月十五日, 2022-06-15, 2022/6/15, 2022.06.15
STATED_DATE = re.compile(r"""
    (?P<y>(?:19|20)\d\d|[〇零○一二三四五六七八九]{4}) \s*年\s*
    (?P<m>\d{1,2}|[一二三四五六七八九十]{1,2}) \s*月\s*
    (?P<d>\d{1,2}|[一二三四五六七八九十]{1,3}) \s*日
  | (?P<iy>(?:19|20)\d\d) (?P<sep>[-/.]) (?P<im>\d{1,2}) (?P=sep) (?P<id>\d{1,2}) (?!\d)
""", re.VERBOSE)
# What else a masthead line holds: weekday, lunar date, page number, issue number.
MASTHEAD_EXTRAS = re.compile(r"""
    星期[一二三四五六日天] | 周[一二三四五六日天] | 农历\S* | 第?\s*[A-Z]?\d+\s*版 | 第\s*\d+\s*期
  | 总第\s*\d+\s*期 | [\s|│·•/,、:：()（）【】\[\]-]
""", re.VERBOSE)
SENTENCE_MARKS = set("，。；！？")


class ReadError(Exception):
    """A file that cannot be read as a document; str() is the one-line reason."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{one_line(str(path))}: {one_line(reason)}")
        self.path = str(path)
        self.reason = reason


def one_line(text: str) -> str:
    r"""Control characters escaped (a file name holding a newline), so that
    an error stays one line.

    >>> one_line("年报\n2022.txt")
    '年报\\n2022.txt'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def read_sidecar(path: Path) -> dict:
    """The NAME.meta.json beside a document, or {} when there is none."""
    meta = path.with_suffix(".meta.json")
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        logger.warning("ignoring unreadable sidecar %s: %s", meta, err)
        return {}
    return data if isinstance(data, dict) else {}


def read_document(path: str | Path) -> Document:
    """Read one file into a Document; raise ReadError naming why it cannot be read."""
    path = Path(path)
    try:
        if path.is_symlink() and not path.exists():
            target = os.readlink(path)
            if _loops(path):
                raise ReadError(path, "symbolic link loop")
            raise ReadError(path, f"dangling symbolic link (to {target}, which does not exist)")
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK) or not _listable(path):
                raise ReadError(path, "folder cannot be read (permission denied)")
            raise ReadError(path, "is a folder, not a file")
        size = path.stat().st_size
        limit = _size_limit(path.name)
        if size > limit:
            raise ReadError(path, f"file too large: {size / 2**20:,.1f} MB, the limit for this format is "
                                  f"{limit // 2**20} MB per document (split the file)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as err:
        raise ReadError(path, err.strerror or str(err)) from None
    meta = read_sidecar(path)
    return _document(path, path.stem, raw, meta)


def read_bytes(name: str, data: bytes, published: str | None = None) -> Document:
    """A Document from uploaded bytes; name (a file name) picks the format and the doc_id.

    >>> read_bytes("报告.txt", "全年增长24%。".encode("gbk")).encoding
    'gb18030'
    """
    name = Path(str(name).replace("\\", "/")).name or "upload.txt"
    if len(data) > _size_limit(name):
        raise ReadError(name, f"file too large: {len(data) / 2**20:,.1f} MB, the limit for this format is "
                              f"{_size_limit(name) // 2**20} MB per document (split the file)")
    meta = {"published": published} if published else {}
    return _document(Path(name), safe_stem(name), data, meta, path_text="")


def safe_stem(name: str) -> str:
    """A doc_id from a file name: its stem without path or characters that trouble files and URLs.

    >>> safe_stem("../2022 年报/聊城 日报.pdf")
    '聊城_日报'
    """
    stem = Path(str(name).replace("\\", "/")).stem
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._")
    return stem or "document"


def iter_paths(paths: list[str | Path]) -> list[Path]:
    """Files named or found (recursively) under folders, sidecars left out, sorted.

    Symbolic links to folders are not followed (no loops). What cannot be
    walked or read is listed too, so that reading it gives its one-line
    error: an unreadable subfolder, a dangling link, a link loop.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found: list[Path] = []
            for root, _dirs, files in os.walk(p, onerror=lambda err: found.append(Path(err.filename))):
                for name in files:
                    f = Path(root, name)
                    if name.endswith(".meta.json") or name.startswith("."):
                        continue
                    if f.is_file() or (f.is_symlink() and not f.exists()):
                        found.append(f)
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def _listable(path: Path) -> bool:
    try:
        with os.scandir(path):
            return True
    except OSError:
        return False


def _loops(path: Path) -> bool:
    """Whether following the link comes back to a link already seen."""
    seen, current = set(), path
    while current.is_symlink():
        if current in seen:
            return True
        seen.add(current)
        current = Path(os.path.join(current.parent, os.readlink(current)))
    return False


def stated_date(text: str) -> str:
    """The date a document states about itself on a masthead line near its top, as ISO,
    or '' when there is none or more than one.

    >>> stated_date("聊城日报\\n2022年6月15日 星期三 第1版\\n本报讯 6月14日上午……")
    '2022-06-15'
    >>> stated_date("2021年12月3日，全市召开会议。")
    ''
    """
    found = set()
    lines = [line for line in text[:2000].splitlines() if line.strip()][:MASTHEAD_LINES]
    for line in lines:
        for m in STATED_DATE.finditer(line):
            rest = MASTHEAD_EXTRAS.sub("", line[:m.start()] + line[m.end():])
            if len(rest) > 20 or SENTENCE_MARKS & set(rest):
                continue  # a date inside a sentence places an event, not the page
            date = _iso(m)
            if date:
                found.add(date)
    return found.pop() if len(found) == 1 else ""


def _iso(m: re.Match) -> str:
    if m.group("iy"):
        y, mo, d = m.group("iy"), m.group("im"), m.group("id")
    else:
        y = "".join(DIGITS.get(ch, ch) for ch in m.group("y"))
        mo, d = _small_number(m.group("m")), _small_number(m.group("d"))
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return ""


def _small_number(text: str) -> str:
    """1-31 in digits or hanzi: 六 -> 6, 十五 -> 15, 二十 -> 20, 三十一 -> 31."""
    if text.isdigit():
        return text
    tens, _, ones = text.rpartition("十") if "十" in text else ("", "", text)
    value = (int(DIGITS.get(tens, "1")) * 10 if "十" in text else 0) + (int(DIGITS[ones]) if ones else 0)
    return str(value)


def _kind(name: str, raw: bytes) -> str:
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    suffix = Path(name).suffix.lower()
    if raw.startswith(b"PK\x03\x04") and suffix in (".docx", ".docm", ".dotx", ".txt", ""):
        return "docx"
    if suffix in (".pdf", ".docx"):
        return suffix[1:]
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in (".doc", ".wps", ".xls", ".ppt"):
        return "old-office"
    head = raw[:1024].lstrip().lower()
    if suffix not in TEXT_SUFFIXES and head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def _size_limit(name: str) -> int:
    suffix = Path(name).suffix.lower()
    return {".pdf": MAX_PDF_BYTES, ".docx": MAX_DOCX_BYTES}.get(suffix, MAX_FILE_BYTES)


def _document(path: Path, doc_id: str, raw: bytes, meta: dict,
              path_text: str | None = None) -> Document:
    kind = _kind(path.name, raw)
    try:
        read = _read(kind, raw)
    except Unreadable as err:
        raise ReadError(path, str(err)) from None
    except MemoryError:
        raise ReadError(path, "out of memory while reading") from None
    except Exception as err:  # last resort: a parser bug must not become a traceback
        logger.debug("reader failed on %s", path, exc_info=True)
        raise ReadError(path, f"cannot read {kind}: {type(err).__name__}: {str(err)[:120]}") from None
    published, source = _published(meta, read)
    meta = {**meta, "published_from": source} if source else meta
    return Document(doc_id=doc_id, text=read.text, path=str(path) if path_text is None else path_text,
                    format=kind, encoding=read.encoding, title=str(meta.get("title") or read.title or ""),
                    published=published, meta=meta)


def _read(kind: str, raw: bytes) -> Read:
    if kind == "pdf":
        return read_pdf(raw)
    if kind == "docx":
        return read_docx(raw)
    if kind == "html":
        return read_html(raw)
    if kind == "old-office":
        binary = sniff_binary(raw)
        raise Unreadable("old binary Office format is not supported: save it as .docx or PDF"
                         if binary or b"\x00" in raw[:4096] else "unknown Office format")
    return decode_text(raw)


def _published(meta: dict, read: Read) -> tuple[str, str]:
    if meta.get("published"):
        return str(meta["published"]), "sidecar"
    if read.published:
        return read.published, "metadata"
    stated = stated_date(read.text)
    return (stated, "text") if stated else ("", "")
