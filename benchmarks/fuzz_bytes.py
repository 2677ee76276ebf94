"""Byte-level fuzzing of the parser under the worker's limits.

    .venv/bin/python benchmarks/fuzz_bytes.py N [--seed S] [--jobs J] [--json] [--out F] [--keep D]
                                                [--crafted-runs R]

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
the same file must get the same outcome and the same message every time.

Exit code 1 when there is a crash, a timeout, noise on stderr or a crafted file whose
outcome changed between runs.
"""

from __future__ import annotations

import argparse
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


def mutants(n: int, seed: int) -> list[tuple[int, str, str]]:
    """(index, seed report, mutation) for n mutants, the same for the same seed."""
    rng = random.Random(seed)
    names = list(MUTATIONS)
    return [(i, rng.choice(SEEDS).name, names[i % len(names)]) for i in range(n)]


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


def run_one(job: tuple[int, str, str, int, str]) -> dict:
    """In a driver process: write the mutant, parse it like a worker, classify."""
    i, report, mutation, seed, folder = job
    path = Path(folder) / f"m{i:05d}-{mutation}-{report}"
    path.write_bytes(make(i, report, mutation, seed))
    row = _parse(path, Path(folder) / f"m{i:05d}.stderr")
    return {"index": i, "report": report, "mutation": mutation, **row}


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
    args = ap.parse_args(argv)

    from parsers import limits

    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        jobs = [(i, r, m, args.seed, str(folder)) for i, r, m in mutants(args.n, args.seed)]
        crafted_jobs = [
            (name, run, str(folder)) for name in CRAFTED for run in range(args.crafted_runs)
        ]
        with ProcessPoolExecutor(args.jobs, initializer=_base_rss) as pool:
            base = max(pool.map(_ignore, range(args.jobs)))
            rows = list(pool.map(run_one, jobs, chunksize=1))
            crafted_rows = list(pool.map(run_crafted, crafted_jobs, chunksize=1))
    elapsed = time.monotonic() - started
    table = {m: Counter() for m in MUTATIONS}
    for r in rows:
        table[r["mutation"]][r["outcome"]] += 1
    totals = Counter(r["outcome"] for r in rows)
    peak = max((r["peak_rss"] for r in rows), default=0)
    summary = {
        "mutants": len(rows),
        "seed": args.seed,
        "jobs": args.jobs,
        "seconds": round(elapsed, 1),
        "outcomes": {o: totals[o] for o in OUTCOMES},
        "by_mutation": {m: {o: c[o] for o in OUTCOMES} for m, c in table.items()},
        "tracebacks": sum(r["traceback"] for r in rows),
        "noise": sum(r["noise"] for r in rows + crafted_rows),
        "crafted": _crafted_summary(crafted_rows),
        "peak_rss_mb": round(peak / 2**20),
        "base_rss_mb": round(base / 2**20),
        "limit_mb": round(limits.ADDRESS_SPACE_BYTES / 2**20),
        "slowest_s": max((r["seconds"] for r in rows), default=0),
        "bad": [
            r
            for r in rows + crafted_rows
            if r["outcome"] in ("crash", "timeout") or r["traceback"] or r["noise"]
        ],
    }
    summary["unstable"] = [n for n, c in summary["crafted"].items() if len(c["answers"]) != 1]
    if args.out:
        args.out.write_text(json.dumps({**summary, "rows": rows}, ensure_ascii=False), "utf-8")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(_table(summary))
    return 1 if summary["bad"] or summary["unstable"] else 0


def _crafted_summary(rows: list[dict]) -> dict:
    out: dict[str, dict] = {}
    for r in rows:
        c = out.setdefault(r["report"], {"runs": 0, "answers": {}, "max_s": 0.0})
        c["runs"] += 1
        message = (r["message"] or "").split(": ", 1)[-1]  # without the run's file name
        answer = f"{r['outcome']}: {message}"
        c["answers"][answer] = c["answers"].get(answer, 0) + 1
        c["max_s"] = max(c["max_s"], r["seconds"])
    return out


def _ignore(_: int) -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _table(s: dict) -> str:
    head = f"| mutation | {' | '.join(OUTCOMES)} |"
    out = [
        f"{s['mutants']} mutants, seed {s['seed']}, {s['jobs']} jobs, {s['seconds']} s",
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
    ]
    out.append("")
    out.append("| crafted file | runs | outcome (every run) | slowest |")
    out.append("|---|---|---|---|")
    for name, c in s["crafted"].items():
        answers = "; ".join(f"{a} (x{k})" for a, k in c["answers"].items())
        out.append(f"| {name} | {c['runs']} | {answers} | {c['max_s']} s |")
    for name in s["unstable"]:
        out.append(f"UNSTABLE {name}: {s['crafted'][name]['answers']}")
    for r in s["bad"]:
        where = f"m{r['index']} {r['mutation']} {r['report']}"
        out.append(f"BAD {r['outcome']} {where}: {r['message']} {r['stderr'][:200]}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
