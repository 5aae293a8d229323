"""zhibiao extractors: quantitative claims from Chinese text.

    >>> from extractors import extract
    >>> [c.text for c in extract("全年实现营业收入110.06亿元，同比增长24%。")]
    ['110.06亿元', '24%']
"""
from .model import Article, Claim, Document
from .numbers import parse_number
from .pipeline import extract, extract_document

__all__ = ["Article", "Claim", "Document", "extract", "extract_document", "parse_number"]
