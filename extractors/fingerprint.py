"""A hash of the extractor's code and lexicons: tables built by another version are stale."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Short hex digest over extractors/**/*.py and extractors/data/*.

    >>> len(extractor_fingerprint())
    16
    """
    digest = hashlib.sha256()
    files = sorted(p for p in PACKAGE_DIR.rglob("*")
                   if p.is_file() and (p.suffix == ".py" or p.parent.name == "data")
                   and "__pycache__" not in p.parts)
    for p in files:
        digest.update(str(p.relative_to(PACKAGE_DIR)).encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:16]
