"""Plain text: which encoding the bytes are in, and whether they are text at all.

Order: a byte-order mark decides; then an encoding the file declares (HTML
<meta charset>); then strict UTF-8; then GB18030 and Big5 (both strict, and
when both decode, the one whose characters are the common ones of its own
standard wins); then charset-normalizer's guess. Whatever decodes must still
look like text: few control characters, few private-use code points.
"""
from __future__ import annotations

import codecs
import re

from . import Read, Unreadable, check_text

BOMS = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of binary formats that people rename to .txt by mistake.
MAGIC = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "zip/Office"), (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "executable"), (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "old Office .doc/.xls"), (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)

# GB 2312 names its 3,755 most frequent hanzi level 1 (lead bytes B0-D7);
# Big5 its 5,401 frequent ones A440-C67E. Text decoded with the wrong one of the
# two lands mostly outside that common block (GBK read as Big5 gives rare
# traditional characters; Big5 read as GBK gives kana, box drawing, rare hanzi).
SAMPLE_CHARS = 20_000
ALLOWED_CONTROLS = set("\t\n\r\f\v\x1c\x1d\x1e\x85")  # \x1c-\x1e, \x85: str.splitlines breaks
# Characters no text holds: other controls, private use (Co) and surrogates (Cs), in one scan.
_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x20) if chr(c) not in ALLOWED_CONTROLS)
                  + "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\ud800-\udfff]")


def sniff_binary(raw: bytes) -> str:
    """Name of the binary format raw starts with, or ''."""
    return next((name for magic, name in MAGIC if raw.startswith(magic)), "")


def decode_text(raw: bytes, declared: str | None = None) -> Read:
    """Decode the bytes of a text file; raise Unreadable when they are not text.

    >>> decode_text("营业收入110.06亿元".encode("gbk")).encoding
    'gb18030'
    """
    if not raw:
        raise Unreadable("empty file")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return Read(_checked(_strict(raw, encoding, f"byte-order mark says {encoding}")),
                        encoding=encoding)
    kind = sniff_binary(raw)
    if kind:
        raise Unreadable(f"binary file ({kind}), not text")
    if b"\x00" in raw:
        raise Unreadable("NUL bytes: binary data, or UTF-16 without a byte-order mark")
    if declared:
        encoding = _codec(declared)
        if encoding:
            try:
                return Read(_checked(raw.decode(encoding)), encoding=encoding)
            except UnicodeDecodeError:
                pass  # the declaration is wrong more often than the bytes are; guess below
    try:
        return Read(_checked(raw.decode("utf-8")), encoding="utf-8")
    except UnicodeDecodeError as err:
        _refuse_mixed(raw, err)
    scores = {}  # only one decoded text is held at a time: memory stays ~ file + text
    for encoding in ("gb18030", "cp950", "big5hkscs"):
        if encoding == "big5hkscs" and "cp950" in scores:
            break
        try:
            scores[encoding] = _common_share(raw.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    if scores:
        encoding = max(scores, key=scores.get)
        return Read(_checked(raw.decode(encoding)), encoding=encoding)
    return _detect(raw)


def _strict(raw: bytes, encoding: str, why: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise Unreadable(f"{why} but byte {err.start} is invalid ({err.reason})") from None


def _codec(name: str) -> str:
    """A Python codec for a declared charset; GB2312/GBK widen to GB18030, Big5 to cp950."""
    try:
        name = codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return ""
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}.get(name, name)


def _refuse_mixed(raw: bytes, err: UnicodeDecodeError) -> None:
    """Refuse a file whose lines are partly UTF-8 with hanzi, partly not.

    Two or more lines of valid UTF-8 hanzi do not happen by chance in GBK or
    Big5 bytes, so such a file was pasted together from two encodings (or is
    UTF-8 with corrupt bytes); guessing one encoding would garble the rest.
    """
    good = 0
    for line in raw.splitlines():
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        good += sum(1 for ch in text if "\u3400" <= ch <= "\u9fff") >= 2
        if good >= 2:
            line_no = raw.count(b"\n", 0, err.start) + 1
            raise Unreadable(f"mixed encodings or corrupt bytes: UTF-8 text, but line {line_no} "
                             f"(byte {err.start}) is not UTF-8")


def _common_share(text: str, encoding: str) -> float:
    """Share of the hanzi in a sample that are in the common block of that encoding."""
    hanzi = [ch for ch in text[:SAMPLE_CHARS] if "\u3400" <= ch <= "\u9fff"]
    if not hanzi:
        return 0.0
    common = 0
    for ch in hanzi:
        if encoding == "gb18030":
            try:
                common += 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
            except UnicodeEncodeError:
                pass
        else:
            code = int.from_bytes(ch.encode(encoding)[:2], "big")
            common += 0xA440 <= code <= 0xC67E
    return common / len(hanzi)


def _detect(raw: bytes) -> Read:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise Unreadable("undecodable: not UTF-8, GB18030 or Big5, and no other encoding detected")
    return Read(_checked(str(best)), encoding=best.encoding)


def _checked(text: str) -> str:
    """The decoded text, unless control or private-use characters say it was binary."""
    text = check_text(text)
    sample = text[:SAMPLE_CHARS]
    odd = len(_ODD.findall(sample))
    if odd > max(2, len(sample) // 100):
        raise Unreadable(f"binary data: {odd} control or private-use characters in the first "
                         f"{len(sample)}, not text")
    return text
