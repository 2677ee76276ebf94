"""Damaged variants of fuzzed reports (issue 22): the same spec and layout with one part of one
area (or the history) damaged the way real reports lose text. Each damage names the
completeness codes one of which the parser must raise, and where (the area), so that a lost
value is never silent:

- `score_picture`: an area's score table printed as a picture of itself
- `findings_picture`: an area's findings printed as a picture
- `history_picture`: the history table printed as a picture
- `table_cut`: a score table cut after its first rows (the rest and the total row gone)
- `table_split`: a score table cut after its first rows, the rest after a sub-heading
- `no_total`: a score table without its total row
- `empty_cell`: the improvements column (or list) printed with its heading but empty
- `floating_item`: one strength moved out of the findings into a floating text box
- `history_plain_header`: the history table's header row in regular weight, its first cell
  wrapped in a narrow label column (not damage: a layout the parser must read or flag)

    spec, layout, damage = damaged_case(seed, index)
    pdf, expected = build_damaged(spec, layout, damage, out_dir)
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docx.shared import Cm

from tests.fixturegen.wpfuzz import _Converter, _source_hash, case
from tests.fixturegen.wpfuzz.content import AreaSpec, Spec
from tests.fixturegen.wpfuzz.docxbuild import Builder
from tests.fixturegen.wpfuzz.layout import Layout

#: damage → the completeness codes of which at least one must name the damaged place
CODES: dict[str, tuple[str, ...]] = {
    "score_picture": ("missing_area",),
    "findings_picture": ("missing_findings",),
    "history_picture": ("incomplete_history",),
    "table_cut": ("question_sum_mismatch", "question_count", "missing_area_total"),
    "table_split": (
        "unread_numbers",
        "unread_text",
        "question_sum_mismatch",
        "question_count",
        "missing_area_total",
    ),
    "no_total": ("missing_area_total",),
    "empty_cell": ("missing_findings",),
    "floating_item": ("unread_text", "missing_findings"),
    "history_plain_header": ("incomplete_history",),
}
#: Damages after which reading the part correctly is as good as flagging it.
READABLE = ("history_plain_header",)
#: Damages no text-layer reader can see (the words are pixels): OCR's business (issue 24).
PICTURE_ONLY = ("history_picture",)
KINDS = tuple(CODES)
DAMAGE_VERSION = "3"  # 2: newspaper findings damaged too; 3: floating_item in an area it fits


@dataclass(frozen=True)
class Damage:
    kind: str
    area: int | None  # None: the history table


#: The layouts damaged: the layout fuzzer's default mix (generation 2, a share of them tagged).
#: `generation=1, tags=False` gives the layouts the first measurement was made on (issue 22).
GENERATION = 2
TAGS = True


def damaged_case(
    seed: int, index: int, generation: int = GENERATION, tags: bool = TAGS
) -> tuple[Spec, Layout, Damage]:
    """Case `index` of `seed` (the clean case's spec and layout) with one damage."""
    spec, layout = case(seed, index, generation=generation, tags=tags)
    rng = random.Random(f"wpfuzz-damage:{seed}:{index}")
    kinds = [k for k in KINDS if not k.startswith("history") or spec.history_years]
    kind = rng.choice(kinds)
    area = None if kind.startswith("history") else rng.randint(1, 8)
    if kind == "floating_item":  # a strength moved out needs one left behind: the next such area
        fit = [a.number for a in spec.areas if len(a.strengths) > 1]
        if fit and area not in fit:
            area = min(fit, key=lambda n: (n - area) % 8)
    if kind == "history_plain_header":
        layout = replace(layout, history_label="narrow")
    if kind == "empty_cell" and layout.findings == "side" and layout.cell_items == "row_per_item":
        layout = replace(layout, cell_items="one_cell")  # an empty cell, not missing rows
    return spec, layout, Damage(kind, area)


def _picture(lines: list[str], width_cm: float, size: float) -> io.BytesIO:
    """The text as pixels (a screenshot pasted into the report)."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 150
    px = round(size / 72 * dpi)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", px)
    except OSError:
        font = ImageFont.load_default()
    width = round(width_cm / 2.54 * dpi)
    height = (len(lines) + 1) * round(px * 1.5)
    img = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        d.text((8, 8 + i * round(px * 1.5)), text, fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    return buf


_VML = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


class DamagedBuilder(Builder):
    def __init__(self, spec: Spec, layout: Layout, damage: Damage):
        super().__init__(spec, layout)
        self.damage = damage

    def _hit(self, a: AreaSpec | None, *kinds: str) -> bool:
        d = self.damage
        return d.kind in kinds and (a is None or d.area == a.number)

    def history(self) -> None:
        s = self.spec
        if self._hit(None, "history_plain_header"):
            return self._plain_header_history()
        if not self._hit(None, "history_picture"):
            return super().history()
        rows = ["Poäng i Kommunkompassen  " + "  ".join(map(str, s.history_years))]
        for i, a in enumerate(s.areas):
            values = "  ".join(str(s.history[y][i]) for y in s.history_years)
            rows.append(f"{a.number}. {a.history_name}  {values}")
        rows.append("Totalt  " + "  ".join(str(sum(s.history[y])) for y in s.history_years))
        self.doc.add_picture(_picture(rows, 12, self.lay.size), width=Cm(min(12, self.width_cm)))

    def _plain_header_history(self) -> None:
        """The history as `Builder.history` makes it, its header row not bold: the table's
        first row, or the first of the tab-aligned paragraphs (generation 3's `history_form`);
        a transposed table's title line too (generation 4's `history_orientation`)."""
        super().history()
        if self.lay.history_form == "tabs":
            header = next(p for p in reversed(self.doc.paragraphs) if p.text.startswith("Poäng i "))
            runs = list(header.runs)
        else:
            runs = [r for c in self.doc.tables[-1].rows[0].cells for r in c.paragraphs[0].runs]
        if self.lay.history_orientation == "years_as_rows":  # and its title above (generation 4)
            title = next(p for p in reversed(self.doc.paragraphs) if p.text.startswith("Poäng i "))
            runs += list(title.runs)
        for run in runs:
            run.bold = False

    def score_table(self, a: AreaSpec) -> None:
        if self._hit(a, "score_picture"):
            rows = [f"{a.number} {a.name}  Uppnått  Max  Procent"]
            rows += [
                f"{q.id} {q.text[:60]}  {q.points}  {q.max}  {q.percent}%" for q in a.questions
            ]
            rows.append(f"{a.points}  {a.max}")
            self.doc.add_picture(
                _picture(rows, self.width_cm, self.lay.size), width=Cm(self.width_cm)
            )
            return
        if self._hit(a, "table_cut"):
            return super().score_table(replace(a, questions=a.questions[:2]), total=False)
        if self._hit(a, "no_total"):
            return super().score_table(a, total=False)
        if self._hit(a, "table_split"):
            super().score_table(replace(a, questions=a.questions[:2]), total=False)
            self.para("")
            self.subheading("", "Delpoäng, fortsättning")
            return super().score_table(replace(a, questions=a.questions[2:]), header=False)
        return super().score_table(a)

    def findings(self, a: AreaSpec) -> None:
        if self._hit(a, "findings_picture"):
            rows = ["Styrkor"] + [f"• {t[:70]}" for t in a.strengths]
            rows += [self.lay.findings_header] + [f"• {t[:70]}" for t in a.improvements]
            self.doc.add_picture(
                _picture(rows, self.width_cm, self.lay.size), width=Cm(self.width_cm)
            )
            return
        if self._hit(a, "empty_cell"):
            return super().findings(replace(a, improvements=[]))
        if self._hit(a, "floating_item") and len(a.strengths) > 1:
            super().findings(replace(a, strengths=a.strengths[:-1]))
            self._text_box(a.strengths[-1])
            return
        return super().findings(a)

    def newspaper(self, a: AreaSpec) -> None:
        """Findings in newspaper columns (generation 2) damaged as `findings` damages them."""
        if self._hit(a, "findings_picture"):
            return self.findings(a)  # the picture, across the text block
        if self._hit(a, "empty_cell"):
            return super().newspaper(replace(a, improvements=[]))
        if self._hit(a, "floating_item") and len(a.strengths) > 1:
            super().newspaper(replace(a, strengths=a.strengths[:-1]))
            self._text_box(a.strengths[-1])
            return
        return super().newspaper(a)

    def _text_box(self, text: str) -> None:
        """A floating text box (VML, as Word writes one) anchored in a paragraph of its own,
        over the right half of the page."""
        half = self.width_cm / 2 * 28.35
        p = self.para("")
        shape = parse_xml(
            f'<w:r {_VML}><w:pict><v:shape type="#_x0000_t202" style="position:absolute;'
            f"margin-left:{half:.0f}pt;margin-top:0;width:{half * 0.9:.0f}pt;height:60pt;"
            "z-index:1;mso-position-horizontal-relative:text;"
            'mso-position-vertical-relative:text"><v:textbox><w:txbxContent><w:p><w:r>'
            f'<w:t xml:space="preserve">{_xml(text)}</w:t></w:r></w:p></w:txbxContent>'
            "</v:textbox></v:shape></w:pict></w:r>"
        )
        p._p.append(shape)


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fingerprint(spec: Spec, layout: Layout, damage: Damage) -> str:
    blob = json.dumps(
        [
            DAMAGE_VERSION,
            _source_hash(),
            Path(__file__).read_text("utf-8"),
            asdict(spec),
            asdict(layout),
            asdict(damage),
        ],
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def build_damaged_many(
    items: list[tuple[Spec, Layout, Damage]], out_dir: Path, jobs: int = 1
) -> list[Path | None]:
    """PDFs of damaged cases (cached in `out_dir` by fingerprint); None where LibreOffice made
    none."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, todo = [], []
    for spec, layout, damage in items:
        stem = f"{spec.case}-{damage.kind}-{fingerprint(spec, layout, damage)}"
        pdf = out_dir / f"{stem}.pdf"
        paths.append(pdf)
        if not pdf.exists():
            todo.append(((spec, layout, damage), out_dir / f"{stem}.docx"))
    if todo:
        import tempfile
        from concurrent.futures import ThreadPoolExecutor

        by_tags: dict[bool, list[Path]] = {False: [], True: []}  # tagged export or not
        for (spec, layout, damage), docx in todo:
            DamagedBuilder(spec, layout, damage).build(docx)
            by_tags[layout.tagged].append(docx)
        with tempfile.TemporaryDirectory(prefix="wpfuzz-damage-") as tmp:
            conv = _Converter(max(1, jobs), tmp)
            batches = [
                (docs[i : i + 8], tagged)
                for tagged, docs in by_tags.items()
                for i in range(0, len(docs), 8)
            ]
            with ThreadPoolExecutor(max(1, jobs)) as pool:
                running = [pool.submit(conv, b, out_dir, tagged=t) for b, t in batches]
                for r in running:
                    r.result()
    return [p if p.exists() else None for p in paths]


def flagged(
    record: dict[str, Any], damage: Damage, history_years: list[int] | None = None
) -> tuple[bool, str]:
    """Did the parsed record say what the damage lost, with the right code and place? A
    READABLE damage may instead be read right: every year of `history_years` (the spec's)."""
    years = sorted({h["year"] for h in record.get("history", [])})
    if damage.kind in READABLE and years and years == sorted(history_years or []):
        return True, f"read: history for {years}"
    if record.get("complete", True):
        return False, "complete: true"
    codes = CODES[damage.kind]
    hits = [w for w in record["warnings"] if w["code"] in codes]
    if damage.area is not None:
        hits = [w for w in hits if w["message"].startswith(f"area {damage.area}")]
    if hits:
        return True, f"{hits[0]['code']}: {hits[0]['message']}"
    got = "; ".join(f"{w['code']}: {w['message']}" for w in record["warnings"][:4])
    return False, f"no {'/'.join(codes)} for area {damage.area} ({got})"
