"""The benchmark corpus: N invented reports of all four versions, their layouts rotating
through table/list findings, bullets, producers and history columns.

Lives here, with the other generators, so the benchmarks (benchmarks/corpus.py,
benchmarks/ingest_speed.py) and the tests (tests/test_corpus.py) import it from one place
and the tests never import the benchmarks.
"""

from __future__ import annotations

from pathlib import Path

from schema.kommuner import kommuner
from tests.fixturegen.layout import layout
from tests.fixturegen.producers import producer
from tests.fixturegen.synth import synth_spec

YEARS = {"2002": 2006, "2010": 2013, "2016": 2018, "2019": 2021}


def params(i: int) -> dict:
    """Parameters of the i-th report: the layout rotates with i."""
    munis = kommuner()
    version = ["2002", "2010", "2016", "2019"][i % 4]
    k = munis[(i * 37) % len(munis)]
    prod_name = "reportlab" if i % 3 else "fpdf2"
    year = YEARS[version] + i % 3
    return {
        "case": f"bench-{i:03d}",
        "producer": prod_name,
        "seed": 1000 + i,
        "version": version,
        "municipality": {"name": k.name, "code": k.code, "county": k.county},
        "year": year,
        "publisher": "Sveriges Kommuner och Landsting",
        "report_date": f"{year + 1}-02-0{1 + i % 9}",
        "history_years": [[], [year], [2000 + i % 5, year]][i % 3],
        "findings": "list" if i % 4 == 3 else "table",
        "bullet": ["•", "§", "–", "-"][i % 4],
        "valign": [["first"], ["middle"], ["last"]][i % 3],
        "split_findings": [2, 5] if i % 2 else [],
        "style": {
            "font": "Helvetica" if prod_name == "reportlab" else "DejaVuSerif",
            "rules": ["grid", "none", "horizontal"][i % 3],
            "footer": "{publisher}    {date}    {n} ({m})",
        },
    }


def make(out: Path, n: int) -> list[Path]:
    """Write the first n reports of the corpus into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = params(i)
        spec = synth_spec(p)
        prod = producer(p["producer"], p["style"]["font"])
        pages, _ = layout(spec, prod.measure())
        path = out / f"bench-{i:03d}-{p['municipality']['code']}.pdf"
        path.write_bytes(prod.render(pages, title=p["case"]))
        paths.append(path)
    return paths
