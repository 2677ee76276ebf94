"""Byte-level fuzzing of the parser under the worker's limits.

    .venv/bin/python benchmarks/fuzz_bytes.py N [--seed S] [--jobs J] [--json] [--out F] [--keep D]
                                                [--crafted-runs R] [--runs R] [--parsed-sample K]
                                                [--seeds-under KB] [--log F]

Makes N mutants of the fixture reports (tests/fixtures/*.pdf) and parses each exactly as an
ingest worker does: `pipeline.limits.parse_limited`, a forked child with the address-space
limit and the wall-clock deadline of `parsers/limits.py`. Mutations:

    flip        1-20 random bytes replaced
    truncate    cut at a random offset
    junk        1 KB-200 KB of junk appended after %%EOF
    duplicate   an object repeated (same number), 1-2000 times
    length      a /Length made huge (2^31-1 … 10^15)
    nested      an array nested 1,000-200,000 deep put into an object
    pageloop    the page tree made to name one page 1,000-200,000 times, or itself
    bomb        a page's content stream replaced by one that inflates to 20-400 MB
    textbomb    a page's content stream replaced by 0.3-20 million characters of text

Outcomes: parsed (a record), refused (a named ReportError: not a report, corrupt, a limit),
timeout (killed at the deadline), over memory (the child hit its address-space limit),
crash (the PDF library died, or the parser raised an unexpected exception: a traceback
without the worker's catch-all), plus the peak RSS of any parse child.

Anything at all on stderr while a document is parsed is a failure ("noise"), not only a
"Traceback": a refused document is one line, printed by the command from the error, and
the parse itself says nothing (a "Fatal Python error", a stack dump, "Task was destroyed"
were all missed when only "Traceback" was looked for).

The crafted files of `tests/hostile.py` (text bombs, a page-tree loop, an inflate bomb, the
inflate-check bypasses of issue 28) are parsed `--crafted-runs` times each (default 5):
the same file must get the same outcome and the same message every time. Mutants are
repeated too (`--runs`, default 5): every mutant that was not parsed (each refusal is an
error code and a message that must not depend on the run) and every `--parsed-sample`-th
mutant that was (it must not become a timeout or a memory refusal on another run).

Affordable runs: `--seeds-under KB` mutates only the fixture reports smaller than that (the
mutations do not depend on the report's size; a small report parses faster), `--log F`
appends one JSON line per parse as it ends (a run stopped half-way still has its counts),
and the mutant's file is written once and parsed `--runs` times.

Exit code 1 when there is a crash, a timeout, noise on stderr or a file (crafted or mutant)
whose outcome changed between runs.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
OUTCOMES = ("parsed", "refused", "timeout", "over memory", "crash")

_OBJ = re.compile(rb"(\d+) 0 obj\b.*?endobj", re.S)
_LENGTH = re.compile(rb"/Length (\d+)")
_CONTENTS = re.compile(rb"/Contents\s+(\d+)\s+0\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_COUNT = re.compile(rb"/Count\s+\d+")


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(16, len(data) - 1)]


def junk(rng: random.Random, data: bytes) -> bytes:
    size = rng.randint(1 << 10, 200 << 10)
    if rng.random() < 0.5:
        return data + rng.randbytes(size)
    return data + (b"<!-- appended by a proxy -->\r\n" * (size // 30 + 1))[:size]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    objs = list(_OBJ.finditer(data))
    obj = rng.choice(objs)
    copies = obj.group(0) + b"\n"
    where = rng.choice([obj.end(), rng.randrange(len(data))])
    return data[:where] + b"\n" + copies * rng.choice([1, 2, 10, 2000]) + data[where:]


def length(rng: random.Random, data: bytes) -> bytes:
    found = list(_LENGTH.finditer(data))
    m = rng.choice(found)
    huge = str(rng.choice([2**31 - 1, 2**32 + 7, 10**12, 10**15])).encode()
    return data[: m.start(1)] + huge + data[m.end(1) :]


def nested(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([1000, 10_000, 100_000, 200_000])
    objs = list(_OBJ.finditer(data))
    obj = rng.choice(objs)
    at = data.find(b"<<", obj.start(), obj.end())
    if at < 0:
        at = obj.start()
    value = b"/Fuzz " + b"[" * depth + b"0" + b"]" * depth + b" "
    return data[: at + 2] + value + data[at + 2 :]


def pageloop(rng: random.Random, data: bytes) -> bytes:
    m = _KIDS.search(data)
    if m is None:
        return data
    refs = re.findall(rb"\d+\s+0\s+R", m.group(1))
    if rng.random() < 0.3:  # the page tree names itself
        root = data.rfind(b" 0 obj", 0, m.start())
        number = re.findall(rb"(\d+)$", data[max(0, root - 12) : root])
        kids = (number[0] if number else b"1") + b" 0 R"
        times = 1
    else:
        kids = rng.choice(refs) if refs else b"3 0 R"
        times = rng.choice([1000, 10_000, 100_000, 200_000])
    out = data[: m.start(1)] + b" ".join([kids] * times) + data[m.end(1) :]
    if rng.random() < 0.5:  # a /Count that tells the truth about the loop
        out = _COUNT.sub(b"/Count %d" % times, out, count=1)
    return out


def _replace_content(rng: random.Random, data: bytes, body: bytes) -> bytes:
    """Put `body` (raw content, compressed here) in place of a page's content stream."""
    refs = _CONTENTS.findall(data)
    number = rng.choice(refs) if refs else b"1"
    m = re.search(rb"\b" + number + rb" 0 obj\b.*?endobj", data, re.S)
    if m is None:
        return data
    packed = zlib.compress(body, 9)
    obj = (
        number
        + b" 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream\nendobj"
    )
    return data[: m.start()] + obj + data[m.end() :]


def bomb(rng: random.Random, data: bytes) -> bytes:
    return _replace_content(rng, data, b" " * (rng.choice([20, 100, 400]) << 20))


def textbomb(rng: random.Random, data: bytes) -> bytes:
    chars = rng.choice([300_000, 2_000_000, 6_000_000, 20_000_000])
    line = b"(" + b"A" * 1000 + b") Tj\n"
    body = b"BT /F1 1 Tf 10 800 Td\n" + line * (chars // 1000) + b"ET\n"
    return _replace_content(rng, data, body)


MUTATIONS = {
    "flip": flip,
    "truncate": truncate,
    "junk": junk,
    "duplicate": duplicate,
    "length": length,
    "nested": nested,
    "pageloop": pageloop,
    "bomb": bomb,
    "textbomb": textbomb,
}


def mutants(n: int, seed: int, under_kb: int | None = None) -> list[tuple[int, str, str]]:
    """(index, seed report, mutation) for n mutants, the same for the same seed (and the
    same `under_kb`: only reports smaller than that many KB are mutated)."""
    rng = random.Random(seed)
    names = list(MUTATIONS)
    seeds = [p for p in SEEDS if under_kb is None or p.stat().st_size < under_kb << 10]
    if not seeds:
        raise SystemExit(f"no fixture report under {under_kb} KB")
    return [(i, rng.choice(seeds).name, names[i % len(names)]) for i in range(n)]


def make(i: int, report: str, mutation: str, seed: int) -> bytes:
    rng = random.Random(f"{seed}/{i}")
    data = (ROOT / "tests" / "fixtures" / report).read_bytes()
    return MUTATIONS[mutation](rng, data)


def classify(error: Exception | None) -> str:
    from parsers.errors import CorruptPdf, LimitExceeded, ReportError

    if error is None:
        return "parsed"
    reason = getattr(error, "reason", "")
    if isinstance(error, LimitExceeded) and "took more than" in reason:
        return "timeout"
    if isinstance(error, LimitExceeded) and "of memory" in reason:
        return "over memory"
    if isinstance(error, CorruptPdf) and "crashed" in reason:
        return "crash"
    if type(error) is ReportError and reason.startswith("unexpected "):
        return "crash"  # the parser raised something unexpected: a traceback without the catch
    if isinstance(error, ReportError):
        return "refused"
    return "crash"


@functools.cache
def crafted() -> dict[str, bytes]:
    """The hand-made hostile files: name → bytes."""
    from tests import hostile

    return {
        "textbomb-300k.pdf": hostile.text_bomb(300_000),
        "textbomb-1m.pdf": hostile.text_bomb(1_000_000),
        "textbomb-5m.pdf": hostile.text_bomb(5_000_000),
        "pageloop-100k.pdf": hostile.page_loop(100_000),
        "inflate-300mb.pdf": hostile.inflate_bomb(300),
        **{f"{k}.pdf": v for k, v in hostile.inflate_bypasses().items()},
    }


CRAFTED = [
    "textbomb-300k.pdf",
    "textbomb-1m.pdf",
    "textbomb-5m.pdf",
    "pageloop-100k.pdf",
    "inflate-300mb.pdf",
    "bypass-image-subtype.pdf",
    "bypass-indirect-filter.pdf",
    "bypass-far-filter.pdf",
]


def run_crafted(job: tuple[str, int, str]) -> dict:
    name, run, folder = job
    path = Path(folder) / f"crafted-{run}-{name}"
    data = crafted().get(name)
    if data is None:
        return {
            "report": name,
            "outcome": "missing",
            "message": None,
            "seconds": 0.0,
            "traceback": False,
            "noise": False,
            "stderr": "",
            "mutation": "crafted",
            "index": run,
            "peak_rss": 0,
        }
    path.write_bytes(data)
    row = _parse(path, Path(folder) / f"crafted-{run}-{name}.stderr")
    return {**row, "report": name, "mutation": "crafted", "index": run}


def run_one(job: tuple[int, str, str, int, str, int]) -> dict:
    """In a driver process: write the mutant (on its first run), parse it like a worker,
    classify."""
    i, report, mutation, seed, folder, run = job
    path = Path(folder) / f"m{i:05d}-{mutation}-{report}"
    if run == 0 or not path.exists():
        path.write_bytes(make(i, report, mutation, seed))
    row = _parse(path, Path(folder) / f"m{i:05d}-{run}.stderr")
    return {"index": i, "report": report, "mutation": mutation, "run": run, **row}


def _parse(path: Path, err_path: Path) -> dict:
    """Parse like a worker with this process's stderr caught in `err_path`."""
    from pipeline.limits import parse_limited

    started = time.monotonic()
    saved = os.dup(2)
    with open(err_path, "wb") as err:  # the parse child's stderr, to look for tracebacks
        os.dup2(err.fileno(), 2)
        try:
            error = None
            try:
                parse_limited(path)
            except Exception as e:
                error = e
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    stderr = err_path.read_text("utf-8", "replace")
    return {
        "size": path.stat().st_size,
        "outcome": classify(error),
        "code": type(error).__name__ if error else None,
        "message": str(error) if error else None,
        "seconds": round(time.monotonic() - started, 3),
        "traceback": "Traceback" in stderr,
        "noise": bool(stderr.strip()),
        "stderr": stderr[:300],
        "peak_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }


def _base_rss() -> int:
    """RSS of a driver with the parser imported: what every parse child starts with."""
    import parsers  # noqa: F401
    import pipeline.limits  # noqa: F401

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of mutants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true", help="print one JSON summary")
    ap.add_argument("--out", type=Path, help="also write the JSON summary (every mutant) here")
    ap.add_argument("--keep", type=Path, help="keep the mutants (and their stderr) here")
    ap.add_argument("--crafted-runs", type=int, default=5, help="runs of each crafted file")
    ap.add_argument(
        "--runs", type=int, default=5, help="runs of each mutant not parsed (and of the sample)"
    )
    ap.add_argument(
        "--parsed-sample",
        type=int,
        default=10,
        metavar="K",
        help="repeat every K-th mutant that parsed too (0: none)",
    )
    ap.add_argument("--seeds-under", type=int, metavar="KB", help="only reports under KB")
    ap.add_argument("--log", type=Path, help="append one JSON line per parse as it ends")
    ap.add_argument(
        "--from-log", type=Path, help="only summarise the JSON lines of an earlier --log"
    )
    ap.add_argument(
        "--repeat-log",
        type=Path,
        help="parse again (runs 2..--runs) the mutants an earlier --log has a first run of, "
        "while that run goes on; the seed is the log's",
    )
    args = ap.parse_args(argv)

    if args.from_log:
        rows = [json.loads(line) for line in args.from_log.read_text("utf-8").splitlines()]
        meta: dict = {}
        for r in rows:  # the run's options first, its time at the end (if it ended)
            if r.get("mutation") == "meta":
                meta.update(r)
        rows = [r for r in rows if r.get("mutation") != "meta"]
        for key in ("seed", "jobs", "seeds_under"):
            setattr(args, key, meta.get(key, getattr(args, key)))
        return _report(args, rows, meta.get("seconds", 0.0), meta.get("base", 0))

    started = time.monotonic()
    log = args.log.open("a", encoding="utf-8") if args.log else None
    rows: list[dict] = []

    def collect(results) -> None:
        for row in results:
            rows.append(row)
            if log:
                log.write(json.dumps(row, ensure_ascii=False) + "\n")
                log.flush()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        plan = mutants(args.n, args.seed, args.seeds_under)
        jobs = [(i, r, m, args.seed, str(folder), 0) for i, r, m in plan]
        if args.repeat_log:  # only the repeats of an earlier (running) log's first runs
            first = [json.loads(line) for line in args.repeat_log.read_text("utf-8").splitlines()]
            seed = next(r["seed"] for r in first if r.get("mutation") == "meta")
            rows_before = [r for r in first if r.get("run") == 0]
            jobs = [
                (r["index"], r["report"], r["mutation"], seed, str(folder), run)
                for r in rows_before
                if _repeat(r, args.parsed_sample)
                for run in range(1, args.runs)
            ]
            args.crafted_runs, args.runs, args.seed = 0, 1, seed
        crafted_jobs = [
            (name, run, str(folder)) for name in CRAFTED for run in range(args.crafted_runs)
        ]
        with ProcessPoolExecutor(args.jobs, initializer=_base_rss) as pool:
            base = max(pool.map(_ignore, range(args.jobs)))
            if log:
                log.write(json.dumps({"mutation": "meta", "base": base, **vars(args)}, default=str))
                log.write("\n")
            collect(pool.map(run_crafted, crafted_jobs, chunksize=1))
            collect(pool.map(run_one, jobs, chunksize=1))
            again = [
                (r["index"], r["report"], r["mutation"], args.seed, str(folder), run)
                for r in rows
                if r["mutation"] != "crafted" and _repeat(r, args.parsed_sample)
                for run in range(1, args.runs)
            ]
            collect(pool.map(run_one, again, chunksize=1))
    elapsed = time.monotonic() - started
    if log:
        log.write(json.dumps({"mutation": "meta", "seconds": round(elapsed, 1), "base": base}))
        log.write("\n")
        log.close()
    return _report(args, rows, elapsed, base)


def _repeat(row: dict, sample: int) -> bool:
    """Run this mutant again: a refusal must be the same every time; a sample of the parsed."""
    return row["outcome"] != "parsed" or (sample > 0 and row["index"] % sample == 0)


def _answer(row: dict) -> str:
    """Outcome, error code and message without the run's file name."""
    message = (row["message"] or "").split(": ", 1)[-1]
    return f"{row['outcome']}: {row.get('code') or '-'}: {message}"


def _report(args: argparse.Namespace, every: list[dict], elapsed: float, base: int) -> int:
    from parsers import limits

    crafted_rows = [r for r in every if r["mutation"] == "crafted"]
    runs = [r for r in every if r["mutation"] != "crafted"]
    rows = [r for r in runs if r.get("run", 0) == 0]
    answers: dict[int, Counter] = {}
    for r in runs:
        answers.setdefault(r["index"], Counter())[_answer(r)] += 1
    repeated = {i: c for i, c in answers.items() if sum(c.values()) > 1}
    table = {m: Counter() for m in MUTATIONS}
    for r in rows:
        table[r["mutation"]][r["outcome"]] += 1
    totals = Counter(r["outcome"] for r in rows)
    peak = max((r["peak_rss"] for r in every), default=0)
    summary = {
        "mutants": len(rows),
        "parses": len(every),
        "seed": args.seed,
        "jobs": args.jobs,
        "seeds_under_kb": args.seeds_under,
        "seconds": round(elapsed, 1),
        "outcomes": {o: totals[o] for o in OUTCOMES},
        "by_mutation": {m: {o: c[o] for o in OUTCOMES} for m, c in table.items()},
        "tracebacks": sum(r["traceback"] for r in every),
        "noise": sum(r["noise"] for r in every),
        "crafted": _crafted_summary(crafted_rows),
        "repeated_mutants": len(repeated),
        "repeated_runs": sum(sum(c.values()) for c in repeated.values()),
        "unstable_mutants": {i: dict(c) for i, c in repeated.items() if len(c) > 1},
        "peak_rss_mb": round(peak / 2**20),
        "base_rss_mb": round(base / 2**20),
        "limit_mb": round(limits.ADDRESS_SPACE_BYTES / 2**20),
        "slowest_s": max((r["seconds"] for r in runs), default=0),
        "bad": [
            r for r in every if r["outcome"] in ("crash", "timeout") or r["traceback"] or r["noise"]
        ],
    }
    summary["unstable"] = [n for n, c in summary["crafted"].items() if len(c["answers"]) != 1]
    if args.out:
        args.out.write_text(json.dumps({**summary, "rows": every}, ensure_ascii=False), "utf-8")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(_table(summary))
    bad = summary["bad"] or summary["unstable"] or summary["unstable_mutants"]
    return 1 if bad else 0


def _crafted_summary(rows: list[dict]) -> dict:
    out: dict[str, dict] = {}
    for r in rows:
        c = out.setdefault(r["report"], {"runs": 0, "answers": {}, "max_s": 0.0})
        c["runs"] += 1
        answer = _answer(r)  # without the run's file name
        c["answers"][answer] = c["answers"].get(answer, 0) + 1
        c["max_s"] = max(c["max_s"], r["seconds"])
    return out


def _ignore(_: int) -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _table(s: dict) -> str:
    head = f"| mutation | {' | '.join(OUTCOMES)} |"
    out = [
        f"{s['mutants']} mutants, seed {s['seed']}, {s['jobs']} jobs, {s['seconds']} s"
        + (f", reports under {s['seeds_under_kb']} KB" if s["seeds_under_kb"] else ""),
        "",
        head,
        "|---" * (len(OUTCOMES) + 1) + "|",
    ]
    for m, c in s["by_mutation"].items():
        out.append(f"| {m} | {' | '.join(str(c[o]) for o in OUTCOMES)} |")
    out.append(f"| **all** | {' | '.join(str(s['outcomes'][o]) for o in OUTCOMES)} |")
    out += [
        "",
        f"tracebacks on stderr: {s['tracebacks']}; any stderr at all (noise): {s['noise']}",
        f"peak RSS of a parse child: {s['peak_rss_mb']} MB (driver process: "
        f"{s['base_rss_mb']} MB; address-space limit per parse: +{s['limit_mb']} MB)",
        f"slowest mutant: {s['slowest_s']} s",
        f"repeated: {s['repeated_mutants']} mutants, {s['repeated_runs']} parses in all; "
        f"outcome changed between runs: {len(s['unstable_mutants'])}",
    ]
    out.append("")
    out.append("| crafted file | runs | outcome (every run) | slowest |")
    out.append("|---|---|---|---|")
    for name, c in s["crafted"].items():
        answers = "; ".join(f"{a} (x{k})" for a, k in c["answers"].items())
        out.append(f"| {name} | {c['runs']} | {answers} | {c['max_s']} s |")
    for name in s["unstable"]:
        out.append(f"UNSTABLE {name}: {s['crafted'][name]['answers']}")
    for i, c in s["unstable_mutants"].items():
        out.append(f"UNSTABLE m{i}: {c}")
    for r in s["bad"]:
        where = f"m{r['index']} run {r.get('run', 0)} {r['mutation']} {r['report']}"
        out.append(f"BAD {r['outcome']} {where}: {r['message']} {r['stderr'][:200]}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
