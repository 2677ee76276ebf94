"""Word-processor layout fuzzer: random Word documents converted by LibreOffice, with the record
each must parse to. Page breaks, row splits and line wraps are LibreOffice's, not ours.

    layout = sample_layout(rng); spec = sample_content(rng, layout)
    pdf, expected = build(spec, layout, out_dir)

Case `i` of seed `s` is fully determined by (s, i): `case(s, i)` gives its spec and layout.
"""

from __future__ import annotations

import hashlib
import json
import queue
import random
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, replace
from functools import cache
from pathlib import Path
from typing import Any

from tests.fixturegen.wpfuzz.content import Spec, sample_content
from tests.fixturegen.wpfuzz.docxbuild import build_docx
from tests.fixturegen.wpfuzz.expected import expected_record
from tests.fixturegen.wpfuzz.layout import (
    Layout,
    dimensions,
    sample_generation2,
    sample_generation3,
    sample_generation4,
    sample_layout,
)
from tests.fixturegen.wpfuzz.pages import PageNotFound, place

#: Bump when a change alters the documents made for a given (seed, index); invalidates caches.
GENERATOR_VERSION = "1"

__all__ = [
    "GENERATOR_VERSION",
    "Layout",
    "PageNotFound",
    "Spec",
    "build",
    "build_many",
    "case",
    "dimensions",
    "sample_content",
    "sample_layout",
]


class NoLibreOffice(Exception):
    """soffice is not installed."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


#: Share of cases exported as tagged PDFs (issue 23); of their Word-list cases, the share
#: with numbered ("1.") instead of bulleted lists.
TAGGED_SHARE = 0.35
NUMBERED_SHARE = 0.5

#: LibreOffice's PDF export with a structure tree ("UseTaggedPDF", LibreOffice >= 7.4).
TAGGED_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def case(seed: int, index: int, generation: int = 2, tags: bool = True) -> tuple[Spec, Layout]:
    """The spec and layout of case `index` of `seed`, independent of every other case.
    Generation 1 samples only the 32 dimensions of issue 10 (the fixed CI sample); generation 2
    adds those of issue 21, from a random stream of their own; generation 3 the page and
    paragraph features of issue 21 (page size, orientation, spacing, …), from a third;
    generation 4 tables typed the other way round (a transposed history, findings titled in a
    left column, question numbers in a column of their own), from a fourth. Tagged export
    (issue 23) is drawn from a stream of its own too, so the other dimensions stay as they
    were; `tags=False` never tags (the damage fuzz of issue 22 was built and measured on
    untagged layouts)."""
    layout = sample_layout(random.Random(f"wpfuzz:{seed}:{index}:layout"))
    if generation >= 2:
        layout = sample_generation2(random.Random(f"wpfuzz:{seed}:{index}:layout2"), layout)
    if generation >= 3:
        layout = sample_generation3(random.Random(f"wpfuzz:{seed}:{index}:layout3"), layout)
    if generation >= 4:
        layout = sample_generation4(random.Random(f"wpfuzz:{seed}:{index}:layout4"), layout)
    rng = random.Random(f"wpfuzz:{seed}:{index}:tags")  # own stream: other dimensions unchanged
    if tags and rng.random() < TAGGED_SHARE:
        numbered = layout.bullet == "word_list" and rng.random() < NUMBERED_SHARE
        layout = replace(layout, tagged=True, list_format="decimal" if numbered else "bullet")
    spec = sample_content(
        random.Random(f"wpfuzz:{seed}:{index}:content"), layout, f"s{seed}-{index}"
    )
    return spec, layout


@cache
def _source_hash() -> str:
    """The code that makes the documents: a change to it invalidates cached PDFs (the page
    finder and the comparison do not count; they work on the PDF as it is)."""
    h = hashlib.sha256()
    for name in (
        "__init__.py",
        "content.py",
        "docxbuild.py",
        "layout.py",
        "words.py",
        "sentences.py",
    ):
        h.update((Path(__file__).parent / name).read_bytes())
    return h.hexdigest()


def fingerprint(spec: Spec, layout: Layout) -> str:
    blob = json.dumps(
        [GENERATOR_VERSION, _source_hash(), asdict(spec), asdict(layout)],
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class _Converter:
    """soffice runs, each in one of `jobs` private profiles (a profile cannot be shared by two
    running instances; creating one costs seconds, so each is reused)."""

    def __init__(self, jobs: int, tmp: str):
        exe = soffice()
        if exe is None:
            raise NoLibreOffice(
                "soffice not found (Debian: apt-get install libreoffice-writer-nogui)"
            )
        self.exe = exe
        self.profiles: queue.Queue[str] = queue.Queue()
        for i in range(jobs):
            self.profiles.put(f"{tmp}/profile{i}")

    def __call__(
        self, docx_files: list[Path], out_dir: Path, timeout: float = 900, tagged: bool = False
    ) -> None:
        prof = self.profiles.get()
        try:
            subprocess.run(
                [
                    self.exe,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation=file://{prof}",
                    "--convert-to",
                    TAGGED_FILTER if tagged else "pdf",
                    "--outdir",
                    str(out_dir),
                    *map(str, docx_files),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        finally:
            self.profiles.put(prof)
            for d in docx_files:
                d.unlink(missing_ok=True)


def _build_docx(args: tuple[Spec, Layout, Path]) -> Path:
    return build_docx(*args)


def convert_many(
    todo: list[tuple[Spec, Layout, Path]], out_dir: Path, jobs: int = 1, batch: int = 8
) -> None:
    """Write the .docx files in `jobs` processes and convert them in batches of `batch` per
    soffice call (its start-up dominates a single conversion) as soon as a batch is ready."""
    with tempfile.TemporaryDirectory(prefix="wpfuzz-lo-") as tmp:
        conv = _Converter(jobs, tmp)
        with (
            ProcessPoolExecutor(max(1, jobs)) as builders,
            ThreadPoolExecutor(max(1, jobs)) as conv_pool,
        ):
            ready: dict[bool, list[Path]] = {False: [], True: []}  # by tagged export
            running = []
            for (_, layout, _), docx in zip(todo, builders.map(_build_docx, todo), strict=True):
                group = ready[layout.tagged]
                group.append(docx)
                if len(group) == batch:
                    running.append(conv_pool.submit(conv, group, out_dir, tagged=layout.tagged))
                    ready[layout.tagged] = []
            for tagged, group in ready.items():
                if group:
                    running.append(conv_pool.submit(conv, group, out_dir, tagged=tagged))
            for r in running:
                r.result()


def _expected(spec: Spec, layout: Layout, pdf_path: Path) -> dict[str, Any]:
    import pypdfium2

    pdf = pdf_path.read_bytes()
    doc = pypdfium2.PdfDocument(pdf)
    n_pages = len(doc)
    doc.close()
    return expected_record(spec, layout, pdf, n_pages, place(spec, pdf))


def build_many(
    items: list[tuple[Spec, Layout]], out_dir: Path, jobs: int = 1
) -> list[tuple[Path, dict[str, Any] | None, str | None]]:
    """PDFs and expected records for many cases; PDFs already in `out_dir` for the same
    fingerprint are reused. Returns (pdf, expected or None, why not) per case."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Spec, Layout, Path]] = []
    paths = []
    for spec, layout in items:
        stem = f"{spec.case}-{fingerprint(spec, layout)}"
        pdf = out_dir / f"{stem}.pdf"
        paths.append(pdf)
        if not pdf.exists():
            todo.append((spec, layout, out_dir / f"{stem}.docx"))
    if todo:
        convert_many(todo, out_dir, jobs)
    out = []
    for (spec, layout), pdf in zip(items, paths, strict=True):
        if not pdf.exists():
            out.append((pdf, None, "LibreOffice made no PDF"))
            continue
        try:
            out.append((pdf, _expected(spec, layout, pdf), None))
        except PageNotFound as e:
            out.append((pdf, None, f"page undetermined: {e}"))
    return out


def build(spec: Spec, layout: Layout, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """One case: its PDF (made by LibreOffice) and the record it must parse to."""
    ((pdf, exp, why),) = build_many([(spec, layout)], Path(out_dir))
    if exp is None:
        raise PageNotFound(f"{spec.case}: {why}")
    return pdf, exp
