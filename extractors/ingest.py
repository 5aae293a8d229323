"""Read documents from disk into Document values (text, title, publication date).

Formats beyond plain UTF-8 text are added by the ingestion issue; the signature
of read_document stays: one path in, one Document out, ReadError on failure.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from .model import Document

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}


class ReadError(Exception):
    """A file that cannot be read as a document; str() is the one-line reason."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


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
        raw = path.read_bytes()
    except OSError as err:
        raise ReadError(path, err.strerror or str(err)) from None
    if b"\x00" in raw[:4096]:
        raise ReadError(path, "binary file (NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    meta = read_sidecar(path)
    return Document(doc_id=path.stem, text=text, path=str(path), format="txt",
                    encoding="utf-8", title=str(meta.get("title") or ""),
                    published=str(meta.get("published") or ""), meta=meta)


def iter_paths(paths: list[str | Path]) -> list[Path]:
    """Files named or found (recursively) under folders, sidecars left out, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()
                              and not f.name.endswith(".meta.json") and not f.name.startswith(".")))
        else:
            out.append(p)
    return out
