"""Silent-path fuzzer (issue 22): damaged variants of the layout fuzzer's cases must come out
`complete: false` with the right code and area. A clean case whose record comes out exact must
be `complete: true` with no unaccounted word (else a false alarm); one whose record differs
from the expected one should say so (an alarm there is right; none is a silent loss).

    .venv/bin/python -m benchmarks.fuzz_damage N --seed S [--jobs J] [--keep DIR] [--report F]

Case i of seed S is the layout fuzzer's case i of seed S (tests/fixturegen/wpfuzz) and one
damage drawn for it (tests/fixturegen/wpfuzz/damage.py). Needs soffice and the dev extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixturegen.wpfuzz import build_many, case  # noqa: E402
from tests.fixturegen.wpfuzz.compare import differences, normalize_got  # noqa: E402
from tests.fixturegen.wpfuzz.damage import (  # noqa: E402
    GENERATION,
    PICTURE_ONLY,
    TAGS,
    Damage,
    build_damaged_many,
    damaged_case,
    flagged,
)


def _parse(pdf: str) -> tuple[dict | None, int, str | None]:
    """(record, unaccounted words, error)."""
    from parsers import parse_report

    try:
        trace: dict = {}
        rec = parse_report(pdf, trace=trace).to_dict()
        return rec, len(trace["ledger"].unaccounted()), None
    except Exception as e:
        return None, 0, f"{type(e).__name__}: {e}"


#: the verdicts of a clean case whose expected record and parse exist
CLEAN_USABLE = ("ok", "false_alarm", "alarm", "silent")


def _clean_verdict(rec: dict, unaccounted: int, exp: dict) -> str:
    """What the parser said of an undamaged case: 'ok' (exact, no alarm), 'false_alarm'
    (exact, yet `complete: false` or unaccounted words: the only false alarm), 'alarm' (the
    record differs and the parser said so: right), 'silent' (it differs, nothing said)."""
    alarm = not rec["complete"] or unaccounted > 0
    exact = not differences(normalize_got(rec, exp), exp)
    if exact:
        return "false_alarm" if alarm else "ok"
    return "alarm" if alarm else "silent"


def run(
    n: int,
    seed: int,
    jobs: int,
    keep: Path | None,
    generation: int = GENERATION,
    tags: bool = TAGS,
    start: int = 0,
) -> dict[str, Any]:
    idx = range(start, start + n)
    items = [damaged_case(seed, i, generation, tags) for i in idx]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        clean = build_many(
            [case(seed, i, generation=generation, tags=tags) for i in idx], out, jobs
        )
        damaged = build_damaged_many(items, out, jobs)
        gen_s = time.perf_counter() - t0
        with ProcessPoolExecutor(max(1, jobs)) as pool:
            got_clean = list(pool.map(_parse, [str(p) for p, _, _ in clean]))
            got_damaged = list(pool.map(_parse, [str(p) if p else "" for p in damaged]))
    cases = []
    for i, (spec, lay, dmg), (_, exp, why), (crec, cun, cerr), (drec, _dun, derr) in zip(
        idx, items, clean, got_clean, got_damaged, strict=True
    ):
        c: dict[str, Any] = {"index": i, "version": spec.version, "damage": dmg.kind}
        c["tagged"] = lay.tagged
        c["area"] = dmg.area
        if exp is None or crec is None:
            c["clean"] = "unusable" if exp is None else "parse_error"
            c["clean_why"] = why or cerr
        else:
            c["clean"] = _clean_verdict(crec, cun, exp)
            if c["clean"] != "ok":
                c["clean_why"] = [f"{w['code']}: {w['message']}" for w in crec["warnings"]][:4]
        if drec is None:
            ok, why_d = (derr is not None and "NotAKommunkompass" in derr), derr or "no PDF"
        else:
            ok, why_d = flagged(drec, Damage(dmg.kind, dmg.area), spec.history_years)
        c["damaged"] = "flagged" if ok else "silent"
        c["damaged_why"] = why_d
        cases.append(c)
    usable = [c for c in cases if c["clean"] in CLEAN_USABLE]
    per_kind: dict[str, list[int]] = {}
    for c in cases:
        k = per_kind.setdefault(c["damage"], [0, 0])
        k[0] += 1
        k[1] += c["damaged"] == "flagged"
    text_kinds = [c for c in cases if c["damage"] not in PICTURE_ONLY]
    return {
        "seed": seed,
        "n": n,
        "seconds": round(time.perf_counter() - t0, 1),
        "generation_seconds": round(gen_s, 1),
        "clean_usable": len(usable),
        "clean_false_alarms": sum(c["clean"] == "false_alarm" for c in usable),
        "clean_exact": sum(c["clean"] in ("ok", "false_alarm") for c in usable),
        "clean_wrong_said": sum(c["clean"] == "alarm" for c in usable),
        "clean_wrong_silent": sum(c["clean"] == "silent" for c in usable),
        "damaged_flagged": sum(c["damaged"] == "flagged" for c in cases),
        "damaged_text_flagged": sum(c["damaged"] == "flagged" for c in text_kinds),
        "damaged_text_total": len(text_kinds),
        "per_kind": per_kind,
        "cases": cases,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="cache folder for the generated PDFs")
    ap.add_argument("--report", type=Path, help="write the JSON summary here")
    ap.add_argument("--start", type=int, default=0, help="first case index (default 0)")
    ap.add_argument(
        "--generation", type=int, default=GENERATION, help="layout generation (default 2)"
    )
    ap.add_argument(
        "--untagged", action="store_true", help="never a tagged PDF (the first measurement's mix)"
    )
    a = ap.parse_args(argv)
    r = run(a.n, a.seed, a.jobs, a.keep, a.generation, TAGS and not a.untagged, a.start)
    if a.report:
        a.report.write_text(json.dumps(r, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(
        f"cases: {r['n']} damaged + {r['n']} clean (seed {r['seed']}, from {a.start}, "
        f"generation {a.generation}, {'untagged' if a.untagged else 'tagged share'}), "
        f"{r['seconds']} s"
    )
    print(f"damaged flagged: {r['damaged_flagged']} / {r['n']}")
    print(
        f"  text-layer damages: {r['damaged_text_flagged']} / {r['damaged_text_total']} "
        f"(pictures of the history need OCR)"
    )
    for kind, (tot, ok) in sorted(r["per_kind"].items()):
        print(f"  {kind:18} {ok}/{tot}")
    for tagged in (False, True):
        part = [c for c in r["cases"] if c["tagged"] == tagged]
        ok = sum(c["damaged"] == "flagged" for c in part)
        alarms = sum(c["clean"] == "false_alarm" for c in part)
        exact = sum(c["clean"] in ("ok", "false_alarm") for c in part)
        name = "tagged" if tagged else "untagged"
        print(f"  {name:9} damaged flagged {ok}/{len(part)}, clean false alarms {alarms}/{exact}")
    print(
        f"clean: {r['clean_usable']} usable, {r['clean_exact']} exact, false alarms on them "
        f"{r['clean_false_alarms']}; wrong records said {r['clean_wrong_said']}, silent "
        f"{r['clean_wrong_silent']}"
    )
    for c in r["cases"]:
        if c["damaged"] == "silent":
            print(f"  silent #{c['index']} {c['damage']} area {c['area']}: {c['damaged_why']}")
        if c["clean"] not in ("ok",):
            print(f"  clean #{c['index']} {c['clean']}: {c.get('clean_why')}")
    print(Counter(c["damage"] for c in r["cases"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
