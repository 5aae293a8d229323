"""Plain result types shared by every stage of the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Column order of claims.csv, fixed by DESIGN.md.
CLAIM_COLUMNS = (
    "claim_id", "doc_id", "article", "start", "end", "text", "sentence",
    "value", "value_high", "multiplier", "value_normalized", "unit", "currency",
    "kind", "measure", "status", "direction", "bound", "qualifier",
    "indicator", "subject", "period", "published", "rule",
)
DOCUMENT_COLUMNS = ("doc_id", "path", "title", "published", "characters", "claims",
                    "format", "encoding", "sha256", "error")
ARTICLE_COLUMNS = ("doc_id", "article", "start", "end", "byline", "claims")


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantity stated in a document; offsets index the original text."""
    doc_id: str
    start: int
    end: int
    text: str
    value: Decimal
    multiplier: Decimal
    value_normalized: Decimal
    unit: str
    kind: str
    rule: str
    value_high: Decimal | None = None
    currency: str = ""
    sentence: str = ""
    article: str = ""
    measure: str = ""
    status: str = ""
    direction: str = ""
    bound: str = "exact"
    qualifier: str = ""
    indicator: str = ""
    subject: str = ""
    period: str = ""
    published: str = ""
    norm_start: int = -1
    norm_end: int = -1
    claim_id: str = ""
    # which scope or clause decided period, subject and status (for tests and
    # the dashboard's "why"); not a column of claims.csv
    why: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """A span of a newspaper page that belongs to one article."""
    start: int
    end: int
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    continued: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read from disk: its text and what was learnt about it."""
    doc_id: str
    text: str
    path: str = ""
    format: str = "txt"
    encoding: str = "utf-8"
    title: str = ""
    published: str = ""
    meta: dict = field(default_factory=dict)
