"""Scanned reports (issue 24): scan text PDFs the way the paper reports were scanned (seeded,
`tests.fixturegen.scan`), parse the scans with OCR and compare with the text-PDF's expected
record.

    nice .venv/bin/python -m benchmarks.scanned [--keep DIR] [--limit N] [--only NAME ...]

Sources: the fixtures (tests/fixtures/*.pdf) and the pinned fuzzer reports
(tests/fixtures/wp/*.pdf), all four instrument versions. Report i is scanned with seed i. With
`--keep DIR` the scans and the OCR cache stay in DIR, so a rerun after a parser change costs
no OCR. Figures:

- numbers exact: question and area points/max/percent and the report total equal to the
  expected record's; every number that is not exact must be *flagged*: the record is not
  complete and a completeness warning names its area (or question).
- finding texts exact after whitespace normalisation (strengths and improvements).
- seconds per page of OCR (a cache miss) and of the parse.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schema.record import COMPLETENESS_CODES  # noqa: E402
from tests.fixturegen.scan import scan_file  # noqa: E402


def sources() -> list[Path]:
    fx = ROOT / "tests" / "fixtures"
    return sorted(fx.glob("*.pdf")) + sorted((fx / "wp").glob("*.pdf"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _flagged(rec: dict, area: int, qid: str | None) -> bool:
    if rec["complete"]:
        return False
    for w in rec["warnings"]:
        if w["code"] not in COMPLETENESS_CODES:
            continue
        msg = w["message"]
        if re.search(rf"\barea {area}\b", msg) or (
            qid and re.search(rf"\b{re.escape(qid)}\b", msg)
        ):
            return True
    return False


def compare(expected: dict, got: dict) -> dict:
    numbers = exact = flagged = 0
    misses: list[str] = []
    by_area = {a["number"]: a for a in got["areas"]}
    for a in expected["areas"]:
        b = by_area.get(a["number"], {"questions": []})
        items = [(None, a, b)]
        got_q = {q["id"]: q for q in b["questions"]}
        items += [(q["id"], q, got_q.get(q["id"], {})) for q in a["questions"]]
        for qid, e, g in items:
            for k in ("points", "max", "percent"):
                if e.get(k) is None:
                    continue
                numbers += 1
                if g.get(k) == e[k]:
                    exact += 1
                elif _flagged(got, a["number"], qid):
                    flagged += 1
                else:
                    misses.append(
                        f"area {a['number']} {qid or 'total'} {k}: {e[k]} read {g.get(k)}"
                    )
    if expected["total"]["points"] is not None:
        numbers += 1
        if got["total"]["points"] == expected["total"]["points"]:
            exact += 1
        elif not got["complete"]:
            flagged += 1
        else:
            misses.append(f"total: {expected['total']['points']} read {got['total']['points']}")
    texts = texts_exact = 0
    for a in expected["areas"]:
        b = by_area.get(a["number"])
        for kind in ("strengths", "improvements"):
            want = [_norm(f["text"]) for f in a[kind]]
            have = {_norm(f["text"]) for f in (b or {}).get(kind, [])}
            texts += len(want)
            texts_exact += sum(1 for t in want if t in have)
    return {
        "numbers": numbers,
        "exact": exact,
        "flagged": flagged,
        "unflagged": misses,
        "texts": texts,
        "texts_exact": texts_exact,
        "complete": got["complete"],
        "codes": sorted({w["code"] for w in got["warnings"]}),
    }


def run_one(i: int, pdf: Path, keep: Path, records: Path | None = None) -> dict:
    from parsers import parse_report

    scan = keep / f"{pdf.stem}.scan.pdf"
    if not scan.exists():
        scan_file(pdf, scan, seed=i)
    expected = json.loads(pdf.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
    t0 = time.perf_counter()
    try:
        got = parse_report(scan, ocr="auto", ocr_cache=keep / "ocr").to_dict()
    except Exception as e:
        return {"name": pdf.stem, "error": f"{type(e).__name__}: {e}"}
    secs = time.perf_counter() - t0
    if records is not None:  # for a per-field diff later (`--records`)
        records.mkdir(parents=True, exist_ok=True)
        (records / f"{pdf.stem}.json").write_text(json.dumps(got, ensure_ascii=False), "utf-8")
    out = compare(expected, got)
    out.update(
        name=pdf.stem,
        version=expected["instrument_version"],
        pages=got["source"]["pages"],
        seconds=round(secs, 1),
        confidence=(got["source"]["ocr"] or {}).get("mean_confidence"),
    )
    return out


def _cached(keep: Path, pdf: Path) -> bool:
    import hashlib

    scan = keep / f"{pdf.stem}.scan.pdf"
    if not scan.exists():
        return False
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    return (keep / "ocr" / f"{sha}.json").exists()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, default=Path("/tmp/kompass-scanned"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--out", type=Path, help="write the per-report results as JSON lines")
    ap.add_argument("--records", type=Path, help="write each scan's record here (NAME.json)")
    ap.add_argument(
        "--cached-only", action="store_true", help="only reports whose OCR is in --keep already"
    )
    args = ap.parse_args(argv)
    args.keep.mkdir(parents=True, exist_ok=True)
    todo = list(enumerate(sources()))
    if args.only:
        todo = [(i, p) for i, p in todo if p.stem in args.only]
    if args.cached_only:
        todo = [(i, p) for i, p in todo if _cached(args.keep, p)]
    if args.limit:
        todo = todo[: args.limit]
    results = []
    for i, pdf in todo:
        r = run_one(i, pdf, args.keep, args.records)
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)
        if args.out:
            with args.out.open("a", encoding="utf-8") as f:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary(results)


def summary(results: list[dict]) -> None:
    ok = [r for r in results if "error" not in r]
    n = sum(r["numbers"] for r in ok)
    ex = sum(r["exact"] for r in ok)
    fl = sum(r["flagged"] for r in ok)
    t = sum(r["texts"] for r in ok)
    te = sum(r["texts_exact"] for r in ok)
    pages = sum(r["pages"] for r in ok)
    secs = sum(r["seconds"] for r in ok)
    print(
        f"reports {len(ok)}/{len(results)} (versions {sorted({r['version'] for r in ok})}); "
        f"numbers exact {ex}/{n} = {100 * ex / max(n, 1):.1f} %, flagged {fl}, "
        f"unflagged {n - ex - fl}; finding texts exact {te}/{t} = {100 * te / max(t, 1):.1f} %; "
        f"{secs / max(pages, 1):.2f} s/page over {pages} pages"
    )


if __name__ == "__main__":
    main()
