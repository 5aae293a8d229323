"""Format readers: bytes in, text out. ingest.py picks the reader and names the file.

Each reader takes the raw bytes of one file and returns a Read, or raises
Unreadable with a one-line reason (ingest.py turns it into ReadError(path, reason)).
"""
from __future__ import annotations

from dataclasses import dataclass

# A document's text is held whole in memory by every later stage (offsets index it),
# so one document may not exceed this many characters. A text file under the 20 MB
# file limit never reaches it; it bounds PDF and DOCX, whose files are compressed.
MAX_TEXT_CHARS = 20_000_000


class Unreadable(Exception):
    """The bytes cannot be read as a document; str() is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Read:
    text: str
    encoding: str = "utf-8"
    title: str = ""
    published: str = ""


def check_text(text: str) -> str:
    """The text if it holds something to read, else Unreadable naming why."""
    if len(text) > MAX_TEXT_CHARS:
        raise Unreadable(f"text too long: {len(text):,} characters, the limit is "
                         f"{MAX_TEXT_CHARS:,} per document (split the file)")
    if not text.strip():
        raise Unreadable("no text (empty or only whitespace)")
    return text
