"""Articles of a newspaper page and sentences of a text, as spans.

A PDF-extracted newspaper page is a sequence of units: bodies (opened by a
byline such as `本报讯（记者 薛蓓蓓）`, `■ 本报记者 曹天伟`, `新华社北京6月14日电`)
and heading blocks (a headline of one to three short lines, optionally closed
by a `——` subtitle line).  Extraction order is layout order, and it is not
always reading order: on many pages the headline box comes AFTER the body it
belongs to ([byline, body, （下转7版）, title, ——subtitle] then the next
byline).  `split_articles` therefore

1. finds heading blocks by context, not by looks alone: a run of short lines
   without sentence punctuation, right after the end of a body (a line
   ending in 。！？, a continuation mark, another heading) and either closed
   by a `——` subtitle or followed by a byline, the end of the text or
   another heading.  A cross-head inside an article (`培育一批先进制造业集群`)
   is followed by more body and stays body;
2. decides whether the page puts titles after bodies ("trailing") or before
   them ("leading"): trailing when the page opens with a body and ends with a
   heading, leading otherwise (and on a tie);
3. gives each body the adjacent heading block on that side; a heading block
   left over is a headline-only article (its body is on another page).

An article's span runs from its start (byline, or first body character, or
for leading titles the headline) to the next article's start, so trailing
titles belong to the article before them.  A text without bylines or
continuation marks (a work report, a bulletin, a plain article) is one
article whose title is its first line when that line looks like a heading.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.model import Article

__all__ = ["split_articles", "split_sentences", "article_title_for"]

# A byline at the start of a line.  Ornaments ■□● mark feature bylines.
BYLINE = re.compile(r"""
    [ \t\u3000]*[■□●▲◆★][ \t\u3000]*(?:记者|通讯员)[ \t\u3000][^\n。，]{1,30}$    # ■记者　罗小川　通讯员　王三妹
  | [ \t\u3000]*[■□●▲◆★]?[ \t\u3000]*
    (?:
        本报讯[ \t\u3000]*(?:[（(][^（）()\n]{1,40}[）)])?               # 本报讯（记者 薛蓓蓓）
      | (?:据)?(?:本报|新华社|中新社|人民日报|经济日报|央视新闻|大众日报)   # 新华社北京6月14日电, 本报济南11月2日讯
        [\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日[电讯]
        [ \t\u3000]*(?:[（(][^（）()\n]{1,40}[）)])?
      | (?:本报|特约)(?:记者|评论员|通讯员|特约评论员)[^\n。，]{0,30}$   # ■ 本报记者 曹天伟 (whole line)
      | [（(]记者[^（）()\n]{1,30}[）)]                                   # （记者 王五）
    )
""", re.VERBOSE | re.MULTILINE)
# （下转7版） ends a body continued on another page; （上接1版） opens one. PDF text
# may wrap it: （下转第\n2版）.
CONTINUATION = re.compile(r"[（(][ \t\u3000\n]{0,3}(?P<mark>(?:下转|上接|转|接)[ \t\u3000\n]{0,3}第?[ \t\u3000\n]{0,3}"
                          r"[A-Z]?\d{1,2}[ \t\u3000\n]{0,3}版)[ \t\u3000\n]{0,3}[）)]")
# A line ends a body when it ends a sentence: 。！？ then closing quotes, and a brief's byline.
BODY_END = re.compile(r"[。！？!?…][”’」』）)]*(?:[（(][\u4e00-\u9fff \t\u3000]{1,16}[）)])?[ \t\u3000]*$")   # …27.5%。（王珂）
# Sentence punctuation never found in a headline (a comma can be:
# `困难面前有我们，我们面前无困难`).
# A colon inside one is a headline's (山下湖镇：一颗珍珠撑起百亿产业); one at the end opens a list.
NOT_IN_HEADING = re.compile(r"[。！？；;]|[：:，、,（(“]$")
SUBTITLE = re.compile(r"^[ \t\u3000]*(?:——|－－|--)(?P<text>.*)$")
# A body closed by its byline: …增长7.4%。（李想） / …说。（记者 孙若岚　通讯员 王海涛）; a line break may cut it.
CLOSING_BYLINE = re.compile(r"[。！？!?…][”’」』]*[（(][\u4e00-\u9fff \t\u3000\n]{1,24}[）)][ \t\u3000]*$")
BYLINE_OPENED = re.compile(r"[。！？!?…][”’」』]*[（(][\u4e00-\u9fff \t\u3000]{0,20}$")
# Page furniture: masthead dates, page numbers, editors' credits.
FURNITURE = re.compile(r"星期[一二三四五六日天]|责任编辑|责编|美编|校对|版式设计|^\s*第?\s*[A-Z]?\d{1,2}\s*版\s*$"
                       r"|^(?:本版)?编辑[ \t\u3000：:]|(?:^|[ \t\u3000])(?:版式|制图|排版)[ \t\u3000：:]"  # 编辑　何静怡　版式　周越
                       r"|^【[^】\n]{1,8}】$"                     # a column's kicker: 【简讯】
                       r"|^[A-H]\d{1,2}[ \t\u3000]{1,4}[\u4e00-\u9fff]{2,6}$"   # the page and its section: A09　楼市
                       r"|^\S{2,8}(?:日报|晚报|都市报|商报|时报)$"   # the masthead's name on its own line
                       r"|来源[：:]|^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s{0,3}\d{1,2}:\d{2}")   # 2024-07-21 07:45 来源：…
SPACES = re.compile(r"[ \t\u3000\xa0]+")
KICKER = re.compile(r"^【(?P<title>[^】\n]{1,8})】$")
# Two ideographic spaces open a paragraph (a centred headline has more, or none).
# Cells apart: a TAB, or two numbers each after two spaces or more (a space-aligned table's row;
# not a two-part headline that PDF text spaced out)
TABLE_ROW = re.compile(r"\t|(?: {2,}-?\d[\d.,%]*){2}")
PARAGRAPH_INDENT = re.compile(r"\u3000\u3000(?![ \t\u3000\xa0])")
MAX_HEADING_CHARS = 40      # a headline line longer than this is body text
MAX_HEADING_LINES = 3


@dataclass(slots=True)
class _Line:
    start: int              # offset of the first non-space character
    end: int                # offset after the last non-space character
    text: str               # stripped
    kind: str = "body"      # blank, byline, subtitle, heading, furniture, table, body
    ends_mark: bool = False  # the line ends a continuation mark or a closing byline begun on the line before


@dataclass(slots=True)
class _Block:
    """A heading block: title lines and an optional subtitle."""
    start: int
    end: int
    title: str
    subtitle: str
    first_line: int
    last_line: int
    split: bool = False     # cut out of a subtitle line (`——…之五 生态农场鱼菜“混搭”`)


def _lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\r\u3000\xa0")
        lead = len(raw) - len(raw.lstrip(" \t\r\u3000\xa0"))
        line = _Line(pos + lead, pos + lead + len(stripped), stripped)
        if not stripped:
            line.kind = "blank"
        elif BYLINE.match(raw):
            line.kind = "byline"
        elif FURNITURE.search(stripped):
            line.kind = "furniture"
        elif SUBTITLE.match(stripped) and not re.search("[。！？]", stripped):
            line.kind = "subtitle"
        elif TABLE_ROW.search(stripped):
            line.kind = "table"     # 历城区\t1486\t17.42: a table's row, no headline (a table ends a body)
        elif (len(stripped) <= MAX_HEADING_CHARS and not NOT_IN_HEADING.search(stripped)
              and not CONTINUATION.search(stripped) and not PARAGRAPH_INDENT.match(raw)):
            line.kind = "heading"
        if lines and stripped and lines[-1].text:
            m = CONTINUATION.search(text, max(lines[-1].start, lines[-1].end - 12), line.end)
            if m and m.end() == line.end and m.start() < lines[-1].end:
                line.kind, line.ends_mark = "body", True      # 2版） of a wrapped （下转第\n2版）
            elif BYLINE_OPENED.search(lines[-1].text) and CLOSING_BYLINE.search(lines[-1].text + "\n" + stripped):
                line.kind, line.ends_mark = "body", True      # 者 孙若岚）of a wrapped 。（记\n者 孙若岚）
        lines.append(line)
        pos += len(raw) + 1
    # a kicker over a body without a headline (【简讯】 then ◆…, 【图片新闻】 then its caption) heads it
    for i, line in enumerate(lines):
        if line.kind == "furniture" and KICKER.match(line.text):
            nxt = next((ln for ln in lines[i + 1:] if ln.kind not in ("blank", "furniture")), None)
            if nxt is not None and nxt.kind == "body":
                line.kind = "heading"
    return lines


def _is_long(line: _Line) -> bool:
    """A line longer than any headline: where such lines follow one another, paragraphs are not wrapped."""
    return line.end - line.start > MAX_HEADING_CHARS


def _clean_title(parts: list[str]) -> str:
    """Join headline lines: layout breaks go, the space of a two-part title stays."""
    joined = "".join(SPACES.sub(" ", p.strip()) for p in parts)
    kicker = KICKER.match(joined)
    if kicker:
        return kicker["title"]
    tokens = joined.split(" ")
    if len(tokens) > 2 and all(len(t) == 1 for t in tokens):   # 市 场 监 管: justification
        return "".join(tokens)
    return joined


def _ends_body(line: _Line) -> bool:
    return bool(BODY_END.search(line.text) or CONTINUATION.search(line.text) or line.ends_mark
                or line.kind in ("subtitle", "table"))


def _candidate_blocks(lines: list[_Line]) -> list[_Block]:
    """Heading blocks by their looks; acceptance by context comes later."""
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if lines[i].kind not in ("heading", "subtitle"):
            i += 1
            continue
        j = i
        # where paragraphs are not wrapped (the line before holds a whole one), a headline
        # is one line: the next short line is a headline of its own
        prev = i - 1
        while prev >= 0 and lines[prev].kind == "blank":
            prev -= 1
        one_line = prev >= 0 and _is_long(lines[prev])
        most = 1 if one_line else MAX_HEADING_LINES
        if one_line and i + 2 < len(lines) and lines[i + 1].kind == "heading":
            after = next((ln for ln in lines[i + 2:] if ln.kind != "blank"), None)
            if after is not None and after.kind == "byline":
                most = 2    # a headline and its second line right over the byline: one title
        while j < len(lines) and lines[j].kind == "heading" and j - i < most:
            j += 1
        title_lines = lines[i:j]
        if not one_line and j < len(lines) and lines[j].kind == "heading":       # too many lines: body
            while j < len(lines) and lines[j].kind == "heading":
                j += 1
            i = j
            continue
        sub_line = lines[j] if j < len(lines) and lines[j].kind == "subtitle" else None
        extra = None
        subtitle = ""
        end = title_lines[-1].end if title_lines else 0
        if sub_line is not None:
            subtitle = SUBTITLE.match(sub_line.text).group("text").strip()
            end = sub_line.end
            # Two text boxes on one baseline: `——…解读之五 生态农场鱼菜“混搭”`.
            head, sep, tail = subtitle.rpartition(" ")
            if sep and len(tail) >= 4 and not NOT_IN_HEADING.search(tail) and " " not in head.strip():
                subtitle = head.strip()
                tail_start = sub_line.end - len(tail)
                end = tail_start
                extra = _Block(tail_start, sub_line.end, _clean_title([tail]), "", j, j, split=True)
        start = title_lines[0].start if title_lines else sub_line.start
        last = j if sub_line is not None else j - 1
        blocks.append(_Block(start, end, _clean_title([ln.text for ln in title_lines]),
                             subtitle, i, last))
        if extra is not None:
            blocks.append(extra)
        i = last + 1
    return blocks


def _accept(lines: list[_Line], blocks: list[_Block]) -> list[_Block]:
    """Keep the candidate blocks that stand between bodies, not inside one.

    Stacked blocks chain: a block after a block that follows a body follows
    a body too, and a block before a block that precedes a byline (or the
    end) precedes one too (`5月份CPI同比上涨2.1%` then `夏粮丰收在望` at the
    end of a page).  One pass forwards, one backwards."""
    near = []
    for b in blocks:
        nxt = b.last_line + 1
        while nxt < len(lines) and lines[nxt].kind in ("blank", "furniture"):
            nxt += 1
        prev = b.first_line - 1
        while prev >= 0 and lines[prev].kind in ("blank", "furniture"):
            prev -= 1
        near.append((prev, nxt))
    after_body = [False] * len(blocks)
    ends_at: set[int] = set()
    for k, b in enumerate(blocks):
        prev = near[k][0]
        after_body[k] = b.split or prev < 0 or _ends_body(lines[prev]) or prev in ends_at
        if after_body[k]:
            ends_at.add(b.last_line)
    # a headline over a body without a byline of its own, closed by one: …说。（记者 孙若岚）; set
    # apart from the bodies around it by blank lines, by whole-paragraph lines or by another
    # headline (a body line without punctuation before the end of a brief is none of these)
    first_line_of = {b.first_line: k for k, b in enumerate(blocks)}
    last_line_of = {b.last_line for b in blocks}

    def long_line(i: int) -> bool:
        return 0 <= i < len(lines) and _is_long(lines[i])

    apart = [any(lines[i].kind == "blank" for i in range(near[k][0] + 1, b.first_line)) or long_line(near[k][0])
             or near[k][0] in last_line_of for k, b in enumerate(blocks)]      # (or stacked under a headline)
    closed_by_byline = [False] * len(blocks)
    for k, b in enumerate(blocks):
        if not (apart[k] and (any(lines[i].kind == "blank" for i in range(b.last_line + 1, near[k][1]))
                              or long_line(near[k][1]) or near[k][1] in first_line_of
                              or KICKER.match(lines[b.first_line].text))):
            continue
        last = None
        for i in range(near[k][1], len(lines)):
            j = first_line_of.get(i)
            if lines[i].kind == "byline" or (j is not None and after_body[j] and apart[j]):
                break
            if lines[i].kind not in ("blank", "furniture"):
                last = i
        closed_by_byline[k] = last is not None and (bool(CLOSING_BYLINE.search(lines[last].text))
                                                    or lines[last].ends_mark)
    before_byline = [False] * len(blocks)
    starts_at: set[int] = set()
    for k in range(len(blocks) - 1, -1, -1):
        b, nxt = blocks[k], near[k][1]
        before_byline[k] = (b.split or nxt >= len(lines) or lines[nxt].kind == "byline"
                            or nxt in starts_at)
        if before_byline[k] or closed_by_byline[k]:
            starts_at.add(b.first_line)
    return [b for k, b in enumerate(blocks)
            if b.split or (after_body[k] and (bool(b.subtitle) or before_byline[k] or closed_by_byline[k]
                                              or KICKER.match(lines[b.first_line].text)))]


def split_articles(text: str) -> list[Article]:
    """Articles of a page, in layout order; one article for any other text.

    >>> page = ("本报讯（记者 张三）全市签约项目35个。\\n（下转2版）\\n\\n签约项目35个\\n"
    ...         "本报讯（记者 李四）会议召开。\\n会议召开\\n")
    >>> [(a.title, a.byline, a.continued) for a in split_articles(page)]
    [('签约项目35个', '本报讯（记者 张三）', '下转2版'), ('会议召开', '本报讯（记者 李四）', '')]
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    lines = _lines(text)
    has_byline = any(ln.kind == "byline" for ln in lines)
    if not has_byline and not CONTINUATION.search(text):
        return [_single_article(text, lines)]
    blocks = _accept(lines, _candidate_blocks(lines))
    in_block: dict[int, list[_Block]] = {}
    for b in blocks:
        for i in range(b.first_line, b.last_line + 1):
            in_block.setdefault(i, []).append(b)
    # Units in layout order: ("H", block) or ("B", first line index of a body).
    units: list[tuple[str, object]] = []
    body_open = False
    for i, ln in enumerate(lines):
        if i in in_block:
            for b in in_block[i]:
                if not any(unit[1] is b for unit in units[-2:]):
                    units.append(("H", b))
            body_open = False
            continue
        if ln.kind in ("blank", "furniture"):
            continue
        if ln.kind == "byline" or not body_open:
            units.append(("B", i))
            body_open = True
    if not units:
        return [_single_article(text, lines)]
    score = 0
    first_body_continued = units[0][0] == "B" and re.match(r"[（(]\s*(?:上接|接)", lines[units[0][1]].text)
    if not first_body_continued:
        score += 1 if units[0][0] == "B" else -1
    score += 1 if units[-1][0] == "H" else -1
    trailing = score > 0

    title_of: dict[int, _Block] = {}
    used: set[int] = set()
    for u, (kind, value) in enumerate(units):
        if kind != "B":
            continue
        neighbour = u + 1 if trailing else u - 1
        if 0 <= neighbour < len(units) and units[neighbour][0] == "H" and id(units[neighbour][1]) not in used:
            title_of[u] = units[neighbour][1]
            used.add(id(units[neighbour][1]))

    after_body: set[int] = set()        # bodies whose headline follows them
    if not trailing:
        # a body with no headline before it whose headline follows it (a page mixes both
        # layouts): 山下湖镇：… after its body, before the next article's own headline
        for u, (kind, value) in enumerate(units):
            nxt = u + 1
            if (kind == "B" and u not in title_of and nxt < len(units) and units[nxt][0] == "H"
                    and id(units[nxt][1]) not in used
                    and (nxt + 1 >= len(units) or units[nxt + 1][0] == "H" or nxt + 1 in title_of)):
                title_of[u] = units[nxt][1]
                used.add(id(units[nxt][1]))
                after_body.add(u)
    if not trailing:
        # 总投资26亿元…签约落户 / 达产后年产值可达40亿元 / 本报讯…: a shorter heading stacked right
        # under the headline, before the body, is the headline's subtitle, no article of its own
        for u in sorted(title_of):
            if u in after_body:
                continue
            lower = title_of[u]
            k = u - 2
            if k < 0 or units[k][0] != "H" or id(units[k][1]) in used or (k > 0 and units[k - 1][0] == "H"):
                continue
            upper = units[k][1]
            if (not upper.subtitle and not lower.subtitle and len(lower.title) < len(upper.title)
                    and lower.first_line - upper.last_line <= 2):
                title_of[u] = _Block(upper.start, lower.end, upper.title, lower.title, upper.first_line,
                                     lower.last_line)
                used.add(id(upper))
    starts: list[tuple[int, Article]] = []
    for u, (kind, value) in enumerate(units):
        if kind == "H":
            if id(value) in used:
                continue
            starts.append((value.start, Article(value.start, 0, value.title, value.subtitle)))
            continue
        line = lines[value]
        block = title_of.get(u)
        start = line.start if trailing or block is None or u in after_body else block.start
        byline = ""
        if line.kind == "byline":
            byline = SPACES.sub(" ", BYLINE.match(text, line.start).group().strip())
        starts.append((start, Article(start, 0, block.title if block else "",
                                      block.subtitle if block else "", byline)))
    starts.sort(key=lambda s: s[0])
    articles = []
    for k, (start, art) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        marks = [m.group("mark") for m in CONTINUATION.finditer(text, start, end)]
        down = [re.sub(r"\s", "", m) for m in marks if not m.startswith(("上接", "接"))]
        up = [re.sub(r"\s", "", m) for m in marks if m.startswith(("上接", "接"))]
        continued = down[-1] if down else (up[0] if up else "")
        articles.append(Article(start, end, art.title, art.subtitle, art.byline, continued))
    return articles


def _single_article(text: str, lines: list[_Line]) -> Article:
    title = subtitle = ""
    content = [ln for ln in lines if ln.kind not in ("blank", "furniture")]
    if content and content[0].kind == "heading":
        title = _clean_title([content[0].text])
        if len(content) > 1 and content[1].kind == "subtitle":
            subtitle = SUBTITLE.match(content[1].text).group("text").strip()
    return Article(0, len(text), title, subtitle)


def article_title_for(articles: list[Article], offset: int) -> str:
    """Title of the article holding `offset`; "" outside every article.

    >>> article_title_for([Article(0, 10, "甲"), Article(10, 20, "乙")], 12)
    '乙'
    """
    starts = [a.start for a in articles]
    k = bisect.bisect_right(starts, offset) - 1
    if k >= 0 and articles[k].start <= offset < articles[k].end:
        return articles[k].title
    return ""


# One sentence: quotations are kept whole (a 。 inside “…” does not end the
# sentence), then the terminal punctuation and any closing quotes.
SENTENCE = re.compile(r"""
    (?:
        “[^“”\n]*”              # a whole quotation, its 。 included
      | [^。！？!?\n]            # any other character (an unbalanced “ too)
    )+
    (?:[。！？!?]+[”’」』）)]*)?  # 。 ！ ？ and the quotes or brackets they close
  | [。！？!?]+[”’」』）)]*      # punctuation left alone
""", re.VERBOSE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised text: after 。！？!? and at line breaks.

    Semicolons do not end a sentence; a quotation stays in one sentence.

    >>> t = "他说：“不相信有完不成的任务。”全市增长5%；出口增长3%。\\n新段落"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说：“不相信有完不成的任务。”全市增长5%；出口增长3%。', '新段落']
    """
    spans = []
    for m in SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
