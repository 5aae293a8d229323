"""zhibiao extractors: quantitative claims from Chinese text.

    >>> from extractors import extract
    >>> [c.text for c in extract("全年实现营业收入110.06亿元，同比增长24%。")]
    ['110.06亿元', '24%']
"""
import importlib

__all__ = ["Article", "Claim", "Document", "extract", "extract_document", "parse_number"]
# Loaded on first use (PEP 562), so that `python -m extractors --help` and the modules that
# need no extraction (corpus readers, the dashboard's loading) skip the rules and jieba.
_LAZY = {"Article": "model", "Claim": "model", "Document": "model", "parse_number": "numbers",
         "extract": "pipeline", "extract_document": "pipeline"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])
