"""Placeholder; the engine replaces it."""
from __future__ import annotations
from dataclasses import dataclass, field
from .model import Claim, Document


@dataclass
class ExtractionResult:
    claims: list
    document_row: dict
    article_rows: list = field(default_factory=list)


def extract(text: str, doc_id: str = "x", published: str | None = None) -> list[Claim]:
    return []


def extract_document(doc: Document, published: str | None = None) -> ExtractionResult:
    claims = extract(doc.text, doc.doc_id, published or doc.published)
    return ExtractionResult(claims, {"doc_id": doc.doc_id, "path": doc.path, "title": doc.title,
                                     "published": published or doc.published,
                                     "characters": len(doc.text), "claims": len(claims),
                                     "format": doc.format, "encoding": doc.encoding})
