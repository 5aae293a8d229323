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
        return _streamed_text(html)
    for el in tree.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line) or _streamed_text(html)


# -- reliab: text of markup nested deeper than libxml2 builds trees (256 levels) --

_HIDDEN = {"script", "style", "noscript", "template", "head"}
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
           "article", "blockquote", "pre"}


def _streamed_text(html: str) -> str:
    """Visible text read tag by tag (html.parser builds no tree, so depth
    costs nothing): what a 100,000-deep page holds is kept."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag, attrs):
            if tag in _HIDDEN:
                self.hidden += 1
            elif tag in _BLOCKS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _HIDDEN:
                self.hidden = max(0, self.hidden - 1)
            elif tag in _BLOCKS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    collector = Collector()
    collector.feed(html)
    collector.close()
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
