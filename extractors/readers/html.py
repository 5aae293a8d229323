"""HTML: the main text by trafilatura (no scripts, menus or footers); title and date from metadata."""
from __future__ import annotations

import re

from . import Read, Unreadable, check_text
from .text import decode_text

# <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
DATE_PARAMS = {"original_date": True, "extensive_search": False}  # metadata only, not dates in the body


def read_html(raw: bytes) -> Read:
    declared = META_CHARSET.search(raw[:4096])
    decoded = decode_text(raw, declared.group(1).decode("ascii") if declared else None)
    import trafilatura

    try:
        result = trafilatura.bare_extraction(decoded.text, include_comments=False, include_tables=True,
                                             with_metadata=True, favor_recall=True,
                                             date_extraction_params=DATE_PARAMS)
    except Exception as err:  # lxml on pathological markup
        raise Unreadable(f"malformed HTML: {type(err).__name__}: {str(err)[:120]}") from None
    text = (result.text if result else "") or _fallback_text(decoded.text)
    if not text.strip():
        raise Unreadable("no readable text in HTML (only markup or scripts?)")
    title = ((result.title if result else "") or "").strip()
    date = ((result.date if result else "") or "")[:10]
    return Read(check_text(text), encoding=decoded.encoding, title=title, published=date)


def _fallback_text(html: str) -> str:
    """All visible text when trafilatura finds no main content (short pages)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # an empty or markup-free document
        return ""
    for el in tree.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)
