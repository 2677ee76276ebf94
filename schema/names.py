"""Tolerant comparison of printed names (areas, municipalities).

Reports print the same name in many ways: case, dashes, "Kommun"/"Kommunen", a period after
the number, added suffixes ("– personalpolitik") and the odd typo. Everything that compares
printed names goes through `normalize` so the tolerance is the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_DASHES = "-‐‑‒–—−"
_PUNCT = re.compile(rf"[{_DASHES},.;:()\"”“'’/]+")


def normalize(name: str) -> str:
    """Lowercase, NFC, punctuation and dashes to spaces, 'kommunen' → 'kommun', spaces collapsed."""
    s = unicodedata.normalize("NFC", name).casefold()
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"\bkommunen\b", "kommun", s)
    return " ".join(s.split())


def similarity(a: str, b: str) -> float:
    """How well printed name `a` matches known name `b` (both normalized), 0..1.

    An exact match is 1.0; a printed name that starts with the known name plus a suffix
    ("kommun som arbetsgivare personalpolitik") scores 0.95; otherwise difflib's ratio, which
    tolerates typos and a dropped word.
    """
    if a == b:
        return 1.0
    if a.startswith(b + " ") or (b.startswith(a + " ") and len(a) >= 0.6 * len(b)):
        return 0.95
    return SequenceMatcher(None, a, b).ratio()
