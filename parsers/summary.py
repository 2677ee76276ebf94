"""One record as people read it (`kompass parse` without --json): the municipality, the eight
areas in a table, counts of findings, what could not be read and the warnings, each with its
page, so a wrong value can be looked up in the PDF."""

from __future__ import annotations

from pathlib import Path

from parsers.completeness import CODES
from schema.record import ReportRecord, Warning


def summary(r: ReportRecord) -> str:
    """A human-readable account of one record."""
    m = r.municipality
    where = ", ".join(x for x in (m.code, m.county) if x)
    out = [
        f"{m.name} ({where}): evaluation {r.evaluation_year}, "
        f"instrument version {r.instrument_version}",
        f"{Path(r.source.path or '').name} · {r.source.pages} pages · "
        f"{r.publisher or 'publisher ?'} · {r.report_date or 'no date'} · "
        f"sha256 {r.source.sha256[:12]}…",
        "",
        f"  {'#':>1}  {'area':<45} {'points':>6} {'max':>5} {'%':>5}  {'questions':>9} "
        f"{'strengths':>9} {'improvements':>12}",
    ]

    def num(x: float | None) -> str:
        return "–" if x is None else f"{x:g}"

    for a in r.areas:
        name = a.name if len(a.name) <= 45 else a.name[:44] + "…"
        out.append(
            f"  {a.number:>1}  {name:<45} {num(a.points):>6} {num(a.max):>5} {num(a.percent):>5}  "
            f"{len(a.questions):>9} {len(a.strengths):>9} {len(a.improvements):>12}"
        )
    out.append(f"     {'total':<45} {num(r.total.points):>6} {num(r.total.max):>5}")
    years = sorted({h.year for h in r.history})
    out.append("")
    unread = [w for w in r.warnings if w.code == "incomplete_history" and "not read" in w.message]
    if years:
        out.append(f"history table: {', '.join(map(str, years))}")
    elif unread:  # the ledger saw one by its content: never "none printed"
        out.append(f"history table: printed but not read (p. {unread[0].page or '?'})")
    else:
        out.append("history table: none printed")
    lost = [w for w in r.warnings if w.code in CODES]
    rest = [w for w in r.warnings if w.code not in CODES]
    if not r.complete:
        out.append(f"INCOMPLETE: the parser could not read everything ({len(lost)}):")
        out += [_warning_line(w) for w in lost]
    out.append(f"warnings ({len(rest)}):" if rest else "warnings: none")
    out += [_warning_line(w) for w in rest]
    return "\n".join(out)


def _warning_line(w: Warning) -> str:
    page = f"p. {w.page}" if w.page else "p. ?"
    return f"  {page:>6}  {w.code}: {w.message}"
