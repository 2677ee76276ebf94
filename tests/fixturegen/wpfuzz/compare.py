"""Parsed record vs expected record: field-by-field differences and exactness counts."""

from __future__ import annotations

from collections import Counter
from typing import Any


def normalize_got(got: dict[str, Any], exp: dict[str, Any]) -> dict[str, Any]:
    """Drop what the expected record cannot know (path, url, parser version; the reader is
    not under test here, the readers' differential tests hold it). A parser that
    predates the contract's "complete" field is not failed for lacking it."""
    got = dict(got)
    got["source"] = {k: v for k, v in got.get("source", {}).items() if k not in ("path", "url")}
    if "reader" in exp.get("source", {}):
        got["source"]["reader"] = exp["source"]["reader"]
    got.pop("parser_version", None)
    if "complete" not in got and "complete" in exp:
        got["complete"] = exp["complete"]
    return got


def readings(got: dict[str, Any], layout: Any) -> tuple[list[str], str | None]:
    """The `readings_differ` warnings of a parsed record (taken out of it: the expected record
    cannot know the layout reading's mistakes) and what is wrong with them, if anything. Two
    readings, one answer (issue 23): a tagged case's layout reading must agree with its tags.
    (Numbered Word lists were the layout's known misreading until the layout learned list
    labels in issue 21; now they must agree too.)"""
    warnings = got.get("warnings", [])
    said = [w["message"] for w in warnings if w.get("code") == "readings_differ"]
    got["warnings"] = [w for w in warnings if w.get("code") != "readings_differ"]
    if not getattr(layout, "tagged", False):
        return said, "readings_differ on an untagged PDF" if said else None
    return said, (f"the readings differ: {said[0]}" if said else None)


def differences(got: Any, exp: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(path, expected, got) for every differing leaf; lists compared item by item."""
    if isinstance(got, dict) and isinstance(exp, dict):
        out = []
        for k in [*exp, *(k for k in got if k not in exp)]:
            out += differences(got.get(k, "<missing>"), exp.get(k, "<missing>"), f"{path}.{k}")
        return out
    if isinstance(got, list) and isinstance(exp, list):
        out = [(f"{path}.length", len(exp), len(got))] if len(got) != len(exp) else []
        for i, (g, e) in enumerate(zip(got, exp, strict=False)):
            out += differences(g, e, f"{path}[{i}]")
        return out
    if got == exp and type(got) is type(exp):
        return []
    return [(path, exp, got)]


def _numbers(rec: dict[str, Any]) -> dict[tuple, Any]:
    out: dict[tuple, Any] = {("total",): (rec.get("total") or {}).get("points")}
    for a in rec.get("areas", []):
        for f in ("points", "max", "percent"):
            out[("area", a["number"], f)] = a.get(f)
        for q in a.get("questions", []):
            for f in ("points", "max", "percent"):
                out.setdefault(("question", q["id"], f), q.get(f))
    for h in rec.get("history", []):
        out.setdefault(("history", h["year"], h["area_number"]), h.get("points"))
    return out


def _texts(rec: dict[str, Any]) -> Counter:
    out: Counter = Counter()
    for a in rec.get("areas", []):
        for q in a.get("questions", []):
            out[("question", q["id"], q["text"])] += 1
        for kind in ("strengths", "improvements"):
            for f in a.get(kind, []):
                out[(kind, a["number"], f["text"])] += 1
    return out


def exactness(got: dict[str, Any] | None, exp: dict[str, Any]) -> dict[str, int]:
    """How many expected numbers and texts the parsed record has exactly (texts as a multiset
    per area and kind, so one lost item does not shift the others)."""
    en, et = _numbers(exp), _texts(exp)
    if got is None:
        return {"numbers": len(en), "numbers_exact": 0, "texts": sum(et.values()), "texts_exact": 0}
    gn, gt = _numbers(got), _texts(got)
    n_ok = sum(1 for k, v in en.items() if k in gn and gn[k] == v and type(gn[k]) is type(v))
    t_ok = sum(min(c, gt[k]) for k, c in et.items())
    return {
        "numbers": len(en),
        "numbers_exact": n_ok,
        "texts": sum(et.values()),
        "texts_exact": t_ok,
    }
