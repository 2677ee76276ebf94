"""Layout cases the fixtures do not show, built directly from positioned words."""

from __future__ import annotations

from parsers.findings import find_findings
from parsers.history import find_history
from parsers.pdf import Line, PageText, Word
from parsers.scores import find_tables

CHAR = 5.0  # width of one character in these made-up lines


def line(
    top: float, *words: tuple[str, float], page: int = 1, size: float = 10, bold=False
) -> Line:
    """A line from (text, x0) pairs; every word is CHAR points per character wide."""
    return Line(
        [Word(t, x, x + CHAR * len(t), top, top + size, size, bold) for t, x in words], page
    )


def prose(top: float, text: str, x0: float = 70, page: int = 1) -> Line:
    out, x = [], x0
    for t in text.split():
        out.append((t, x))
        x += CHAR * len(t) + 3
    return line(top, *out, page=page)


def test_wrapped_column_header_is_not_part_of_the_area_name() -> None:
    lines = [
        line(
            100,
            ("1", 70),
            ("Offentlighet", 80),
            ("och", 145),
            ("demokrati", 165),
            ("Uppnådd", 380),
            ("Max", 450),
            ("Procent", 500),
        ),
        line(112, ("poäng", 380)),
        line(
            130,
            ("1.1", 70),
            ("Finns", 90),
            ("en", 120),
            ("plan?", 135),
            ("13", 395),
            ("15", 455),
            ("85%", 510),
        ),
        line(148, ("13", 395), ("15", 455), ("85%", 510)),
    ]
    (table,) = find_tables(lines)
    assert table.name == "Offentlighet och demokrati"
    assert [(q.id, q.text, q.numbers) for q in table.questions] == [
        ("1.1", "Finns en plan?", {"points": 13, "max": 15, "percent": 85})
    ]
    assert table.total == {"points": 13, "max": 15, "percent": 85}


def test_contents_with_dot_leaders_is_not_a_history_table() -> None:
    lines = [line(90, ("2018", 300))] + [
        line(100 + 12 * n, (f"{n}.", 70), ("Område", 85), ("." * 30, 130), (str(8 + n), 300))
        for n in range(1, 9)
    ]
    assert find_history(lines) is None


def _findings_page(body: list[Line]) -> tuple[list[Line], dict[int, PageText]]:
    header = line(80, ("Styrkor", 75), ("Förbättringsmöjligheter", 305), bold=True)
    lines = [header, *body]
    return lines, {1: PageText(1, 595, 842, lines)}


def test_prose_after_a_findings_table_without_heading_is_not_a_finding() -> None:
    lines, pages = _findings_page(
        [
            line(
                100,
                ("•", 75),
                ("Tydlig", 90),
                ("vision", 125),
                ("•", 305),
                ("Fler", 320),
                ("e-tjänster", 345),
            ),
            line(112, ("•", 75), ("Bra", 90), ("webb", 110)),
            prose(
                140,
                "Kommunen har sedan länge arbetat med dialog och det märks i hela organisationen idag.",
            ),
        ]
    )
    found = find_findings(lines, pages, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig vision", "Bra webb"]
    assert [i.text for i in found.improvements] == ["Fler e-tjänster"]


def test_headed_list_ends_at_unindented_prose_and_at_a_bold_numbered_heading() -> None:
    lines = [
        line(80, ("Styrkor", 70), bold=True),
        line(95, ("–", 72), ("Tydlig", 85), ("vision", 120)),
        line(107, ("som", 85), ("är", 105), ("förankrad", 120)),
        prose(125, "Här börjar vanlig text som inte hör till listan."),
        line(150, ("Förbättringsområden", 70), bold=True),
        line(165, ("–", 72), ("Fler", 85), ("e-tjänster", 110)),
        line(185, ("3.", 70), ("Politisk", 85), ("styrning", 130), bold=True),
        line(200, ("–", 72), ("Hör", 85), ("inte", 110), ("hit", 135)),
    ]
    found = find_findings(lines, {1: PageText(1, 595, 842, lines)}, lambda i: 2)[2]
    assert [i.text for i in found.strengths] == ["Tydlig vision som är förankrad"]
    assert [i.text for i in found.improvements] == ["Fler e-tjänster"]


def test_columns_without_bullets_split_items_at_paragraph_gaps() -> None:
    lines, pages = _findings_page(
        [
            line(100, ("Tydlig", 75), ("vision", 110), ("Fler", 305), ("e-tjänster", 330)),
            line(112, ("och", 75), ("mål", 95)),
            line(132, ("Bra", 75), ("webb", 95), ("Extern", 305), ("revision", 345)),
        ]
    )
    found = find_findings(lines, pages, lambda i: 1)[1]
    assert [i.text for i in found.strengths] == ["Tydlig vision och mål", "Bra webb"]
    assert [i.text for i in found.improvements] == ["Fler e-tjänster", "Extern revision"]


def test_report_with_only_a_closing_summary_gets_area_points_and_is_incomplete(tmp_path) -> None:
    """Old reports may print no per-area tables, only the closing "Poängsammanställning"."""
    from parsers import parse_report
    from tests.fixturegen.layout import layout
    from tests.fixturegen.producers import producer
    from tests.fixturegen.synth import synth_spec

    spec = synth_spec(
        {
            "case": "summary-only",
            "producer": "reportlab",
            "seed": 4,
            "version": "2002",
            "municipality": {"name": "Lidköping", "code": "1494", "county": "Västra Götalands län"},
            "year": 2002,
            "history_years": [],
            "summary_table": True,
        }
    )
    spec["pages"] = [[b for b in page if "scores" not in b] for page in spec["pages"]]
    summary = next(b["summary"] for page in spec["pages"] for b in page if "summary" in b)
    prod = producer("reportlab")
    pages, placed = layout(spec, prod.measure())
    path = tmp_path / "summary-only.pdf"
    path.write_bytes(prod.render(pages, title="summary only"))
    record = parse_report(path)
    assert record.instrument_version == "2002" and record.evaluation_year == 2002
    assert [(a.number, a.points, a.max, a.questions) for a in record.areas] == [
        (r["number"], r["points"][0], 100, []) for r in summary["rows"]
    ]
    assert record.total.points == summary["total"][0]
    page = placed.pages[("summary",)]
    # points only: honest about it, the record is incomplete (no sub-question scores)
    assert record.complete is False
    assert [(w.code, w.message, w.page) for w in record.warnings] == [
        (
            "no_question_scores",
            f"area {n}: no score table; points from the closing summary",
            page,
        )
        for n in range(1, 9)
    ] + [
        ("missing_questions", f"area {n}: no sub-question scores found", page) for n in range(1, 9)
    ]
    assert all(a.strengths for a in record.areas)  # findings still found by their headings
