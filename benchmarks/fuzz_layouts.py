"""Word-processor layout fuzzer: N random Word documents, converted by LibreOffice, parsed and
compared field by field with the record each must parse to (issue 10).

    .venv/bin/python -m benchmarks.fuzz_layouts N --seed S [--jobs J] [--keep DIR]
        [--only I ...] [--report FILE] [--show K]
    .venv/bin/python -m benchmarks.fuzz_layouts --pin NAME --seed S --only I

Case i of seed S depends only on (S, i), so `--only I` regenerates one case. With `--keep DIR`
the PDFs are cached there (keyed by the case's content), so a rerun after a parser change skips
LibreOffice. `--pin NAME` writes tests/fixtures/wp/NAME.pdf and NAME.expected.json (a pinned
fixture that tests/test_layout_fuzz.py compares golden-style). Needs soffice and the dev extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixturegen.wpfuzz import build_many, case, dimensions, fingerprint  # noqa: E402
from tests.fixturegen.wpfuzz.compare import (  # noqa: E402
    differences,
    exactness,
    normalize_got,
    readings,
)
from tests.fixturegen.wpfuzz.layout import GENERATIONS  # noqa: E402

PINNED = ROOT / "tests" / "fixtures" / "wp"


def _parse(pdf: str) -> tuple[dict | None, str | None]:
    from parsers import parse_report

    try:
        return parse_report(pdf).to_dict(), None
    except Exception as e:
        return None, f"{type(e).__name__}: {e}"


def _case_or_why(seed: int, index: int, generation: int) -> tuple[Any, str | None]:
    """(spec, layout) of the case, or why the generator cannot make it (a content pool that
    runs out in a long report: seed 5121 case 211 lost a batch of 50 in issue 21's big run)."""
    try:
        return case(seed, index, generation), None
    except ValueError as e:
        return None, f"generator: {e}"


def _tagged(seed: int, index: int, generation: int) -> bool:
    made, _ = _case_or_why(seed, index, generation)
    return made is not None and made[1].tagged


def run(
    n: int,
    seed: int,
    jobs: int,
    keep: Path | None,
    only: list[int] | None,
    tagged_only: bool = False,
    generation: int = 3,
) -> dict[str, Any]:
    indices = only if only else list(range(n))
    if tagged_only and not only:  # the first n cases of the seed that are exported tagged
        indices = [i for i in range(40 * n) if _tagged(seed, i, generation)][:n]
    made = {i: _case_or_why(seed, i, generation) for i in indices}
    # a case the generator cannot make is one unusable row, not the end of the run
    unmade = {i: why for i, (_, why) in made.items() if why}
    indices = [i for i in indices if i not in unmade]
    items = [made[i][0] for i in indices]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = keep or Path(tmp)
        cached = sum(
            1 for s, lay in items if (out_dir / f"{s.case}-{fingerprint(s, lay)}.pdf").exists()
        )
        built = build_many(items, out_dir, jobs)
        gen_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        with ProcessPoolExecutor(max(1, jobs)) as pool:
            parsed = list(pool.map(_parse, [str(p) for p, _, _ in built]))
        parse_s = time.perf_counter() - t1
    cases = []
    for i, (spec, layout), (pdf, exp, why), (got, err) in zip(
        indices, items, built, parsed, strict=True
    ):
        c: dict[str, Any] = {
            "index": i,
            "case": spec.case,
            "version": spec.version,
            "pdf": str(pdf) if keep else None,
            "layout": asdict(layout),
        }
        if exp is None:
            c["status"] = "unusable"
            c["why"] = why
        elif got is None:
            c["status"] = "parse_error"
            c["error"] = err
            c.update(exactness(None, exp))
        else:
            got = normalize_got(got, exp)
            said, problem = readings(got, layout)
            c["readings_differ"] = len(said)
            diffs = differences(got, exp)
            if problem:
                diffs.append(("readings_differ", None, problem))
            c["status"] = "exact" if not diffs else "differs"
            c["diffs"] = [{"path": p, "expected": e, "got": g} for p, e, g in diffs]
            c.update(exactness(got, exp))
        cases.append(c)
    for i, why in unmade.items():
        cases.append({"index": i, "case": f"s{seed}-{i}", "status": "unusable", "why": why})
    usable = [c for c in cases if c["status"] != "unusable"]
    failing = [c for c in usable if c["status"] != "exact"]
    per_dim: dict[str, dict[str, list[int]]] = {d: {} for d in dimensions()}
    for c in usable:
        for d in dimensions():
            v = str(c["layout"][d])
            tot = per_dim[d].setdefault(v, [0, 0])
            tot[0] += 1
            tot[1] += c["status"] != "exact"
    nums = sum(c["numbers"] for c in usable)
    texts = sum(c["texts"] for c in usable)
    return {
        "seed": seed,
        "generation": generation,
        "n": len(indices),
        "usable": len(usable),
        "unusable": [
            {"index": c["index"], "why": c["why"]} for c in cases if c["status"] == "unusable"
        ],
        "numbers_exact_pct": 100.0 * sum(c["numbers_exact"] for c in usable) / max(1, nums),
        "texts_exact_pct": 100.0 * sum(c["texts_exact"] for c in usable) / max(1, texts),
        "records_exact": len(usable) - len(failing),
        "parse_errors": sum(1 for c in usable if c["status"] == "parse_error"),
        "generation_seconds": round(gen_s, 1),
        "generated": len(items) - cached,
        "parse_seconds": round(parse_s, 1),
        "per_dimension": per_dim,
        "tagged": _tagged_summary(usable),
        "cases": cases,
    }


def _tagged_summary(usable: list[dict[str, Any]]) -> dict[str, Any]:
    """Tagged cases (issue 23): how many came out exact, and how many of them had the layout
    reading agree with the tags (no readings_differ), apart from numbered Word lists."""
    tagged = [c for c in usable if c["layout"].get("tagged")]
    plain = [c for c in tagged if c["layout"].get("list_format") != "decimal"]
    numbered = [c for c in tagged if c["layout"].get("list_format") == "decimal"]
    return {
        "cases": len(tagged),
        "exact": sum(c["status"] == "exact" for c in tagged),
        "layout_agrees": sum(c.get("readings_differ") == 0 for c in plain),
        "agreement_cases": len(plain),
        "numbered_lists": len(numbered),
        "numbered_exact": sum(c["status"] == "exact" for c in numbered),
    }


def _short(v: Any, width: int = 70) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= width else s[: width - 1] + "…"


def print_summary(r: dict[str, Any], show: int) -> None:
    print(
        f"reports: {r['n']} (seed {r['seed']}, generation {r['generation']}), usable {r['usable']}"
    )
    if r["generated"]:
        print(
            f"generation: {r['generation_seconds']} s for {r['generated']} new PDFs "
            f"({r['generation_seconds'] / r['generated']:.2f} s per report), "
            f"parse {r['parse_seconds']} s"
        )
    print(f"numbers exact: {r['numbers_exact_pct']:.1f}%")
    print(f"texts exact:   {r['texts_exact_pct']:.1f}%")
    print(f"records fully exact: {r['records_exact']} of {r['usable']}")
    print(f"parse errors: {r['parse_errors']}")
    t = r["tagged"]
    print(
        f"tagged: {t['cases']} cases, {t['exact']} exact; layout agrees with the tags in "
        f"{t['layout_agrees']} of {t['agreement_cases']}; numbered Word lists "
        f"{t['numbered_exact']} of {t['numbered_lists']} exact (through the tags)"
    )
    for u in r["unusable"]:
        print(f"  unusable case {u['index']}: {u['why']}")
    print("\nfailing reports per layout value (failing / with that value):")
    for dim, values in r["per_dimension"].items():
        cells = ", ".join(f"{v} {f}/{t}" for v, (t, f) in sorted(values.items()))
        print(f"  {dim:16} {cells}")
    failing = [c for c in r["cases"] if c["status"] in ("differs", "parse_error")]
    if failing:
        print(f"\nfailing cases ({len(failing)}):")
    for c in failing[:show]:
        lay = " ".join(f"{k}={v}" for k, v in c["layout"].items())
        print(f"\n#{c['index']} ({c['version']}) {c['status']}: {lay}")
        if c["status"] == "parse_error":
            print(f"    {c['error']}")
            continue
        print(
            f"    {len(c['diffs'])} differences; numbers {c['numbers_exact']}/{c['numbers']}, "
            f"texts {c['texts_exact']}/{c['texts']}"
        )
        for d in c["diffs"][:4]:
            print(f"    {d['path']}: expected {_short(d['expected'])}, got {_short(d['got'])}")


def pin(name: str, seed: int, index: int, generation: int = 3) -> None:
    """Keep one case as a fixture: tests/fixtures/wp/NAME.pdf + NAME.expected.json."""
    PINNED.mkdir(parents=True, exist_ok=True)
    spec, layout = case(seed, index, generation)
    with tempfile.TemporaryDirectory() as tmp:
        ((pdf, exp, why),) = build_many([(spec, layout)], Path(tmp))
        if exp is None:
            raise SystemExit(f"case {index} of seed {seed} is unusable: {why}")
        (PINNED / f"{name}.pdf").write_bytes(pdf.read_bytes())
    exp["_fuzz"] = {
        "seed": seed,
        "index": index,
        "generation": generation,
        "layout": asdict(layout),
    }
    (PINNED / f"{name}.expected.json").write_text(
        json.dumps(exp, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    print(f"wrote {PINNED / name}.pdf and .expected.json (seed {seed}, case {index})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="cache folder for the generated PDFs")
    ap.add_argument("--only", type=int, nargs="+", help="only these case indices")
    ap.add_argument("--report", type=Path, help="write the JSON summary here")
    ap.add_argument("--show", type=int, default=30, help="failing cases to print")
    ap.add_argument("--pin", metavar="NAME", help="write case --only I as a pinned fixture")
    ap.add_argument(
        "--tagged-only", action="store_true", help="only the seed's cases exported tagged"
    )
    ap.add_argument(
        "--generation",
        type=int,
        default=3,
        choices=GENERATIONS,
        help="layout dimensions sampled: 1 (issue 10), 2 (+ issue 21 lists, columns, …), "
        "3 (+ page size, orientation, spacing, shading, tab tables, frames; the default), "
        "4 (+ transposed history, findings titled on the left, a question-number column)",
    )
    a = ap.parse_args(argv)
    if a.pin:
        if not a.only or len(a.only) != 1:
            ap.error("--pin needs exactly one --only index")
        pin(a.pin, a.seed, a.only[0], a.generation)
        return 0
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
    r = run(a.n, a.seed, a.jobs, a.keep, a.only, a.tagged_only, a.generation)
    if a.report:
        a.report.write_text(json.dumps(r, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print_summary(r, a.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
