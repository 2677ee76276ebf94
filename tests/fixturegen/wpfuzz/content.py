"""Random report content (the spec): what a report says, independent of how it is laid out.

Every number is consistent by construction (question maxes add up to 100, an area's points are
the sum of its questions' points, a percentage is the rounded share, the history "Totalt" is the
sum of its column and the evaluation year's column equals the area totals), so the expected
record carries no warnings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from schema.instruments import instrument
from schema.kommuner import Kommun, kommuner
from tests.fixturegen.synth import QUESTIONS_2016
from tests.fixturegen.wpfuzz import sentences as S
from tests.fixturegen.wpfuzz import words as W
from tests.fixturegen.wpfuzz.layout import Layout

SKL = "Sveriges Kommuner och Landsting"
SKR = "Sveriges Kommuner och Regioner"
#: SKL became SKR in the autumn of 2019.
RENAMED = date(2019, 11, 29)
YEARS = {"2002": (2002, 2009), "2010": (2010, 2015), "2016": (2016, 2019), "2019": (2020, 2024)}


@dataclass
class Question:
    id: str
    text: str
    points: int
    max: int

    @property
    def percent(self) -> int:
        return percent(self.points, self.max)


@dataclass
class AreaSpec:
    number: int
    name: str  # as printed in headings and the score table
    history_name: str  # as printed in the history table (a variant may differ)
    questions: list[Question]
    strengths: list[str]
    improvements: list[str]
    inspiration: list[str]
    general: list[str]  # "Allmänt" paragraphs
    comment: list[str]  # "Kommentar" paragraphs

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)

    @property
    def max(self) -> int:
        return sum(q.max for q in self.questions)


@dataclass
class Spec:
    case: str
    version: str
    kommun: Kommun
    year: int
    report_date: str
    publisher: str
    evaluators: list[str]
    areas: list[AreaSpec]
    history_years: list[int]
    history: dict[int, list[int]]  # year -> the eight area values (the evaluation year: totals)
    intro: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(a.points for a in self.areas)


def percent(points: int, mx: int) -> int:
    """Half-up rounding, as a word processor user types it (not Python's banker's rounding)."""
    return (200 * points + mx) // (2 * mx)


def _sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:]


def _question_text(rng: random.Random, target_chars: int, base: str | None = None) -> str:
    text = base or f"{rng.choice(W.Q_OPENERS)} {rng.choice(W.Q_TOPICS)}?"
    tails = rng.sample(W.Q_TAILS, len(W.Q_TAILS))
    while len(text) < target_chars and tails and text.endswith("?"):
        text = text.rstrip("?") + " " + tails.pop() + "?"
    return text


def _question_lengths(rng: random.Random, layout: Layout, n: int) -> list[int]:
    """Target characters per question: 1 to ~6 wrapped lines in a 9–11 cm cell."""
    mode = layout.question_length
    out = []
    for _ in range(n):
        if mode == "short":
            out.append(rng.randint(20, 70))
        elif mode == "long":
            out.append(rng.randint(150, 380))
        else:
            out.append(rng.choice([30, 60, 90, 140, 200, 300]))
    return out


def _maxes(rng: random.Random, n: int) -> list[int]:
    """n maxes in steps of 5, each 5–30, adding up to 100."""
    while True:
        cuts = sorted(rng.sample(range(1, 20), n - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]
        if all(1 <= p <= 6 for p in parts):
            return [5 * p for p in parts]


def _finding(rng: random.Random, kind: str, lines: int) -> str:
    if kind == "strengths":
        text = f"{rng.choice(W.S_HEADS)} {rng.choice(W.S_NOUNS)} {rng.choice(W.S_OBJECTS)}"
    else:
        text = f"{rng.choice(W.I_HEADS)} {rng.choice(W.I_OBJECTS)} {rng.choice(W.S_OBJECTS)}"
    target = {1: 30, 2: 75, 3: 120, 4: 165, 5: 210}[lines]
    ext = rng.sample(W.EXTENSIONS, len(W.EXTENSIONS))
    while len(text) < target and ext:
        text += " " + ext.pop()
    return _sentence_case(text) + rng.choice([".", ".", ""])


#: Bold lead-ins a writer puts before an item ("Medborgardialog: …"), issue 21.
LEAD_INS = [
    "Medborgardialog",
    "Webbplatsen",
    "Styrning",
    "Uppföljning",
    "Kompetensutveckling",
    "Arbetsmiljö",
    "Jämförelser",
    "Synpunktshantering",
    "E-tjänster",
    "Budget",
    "Chefsstöd",
    "Kvalitetsarbete",
    "Samverkan",
    "Värdegrund",
    "Näringsliv",
    "Information",
    "Delegation",
    "Ledarskap",
]
#: Item starts the seed text has too few of: numbers, proper nouns, hyphenated compounds.
STARTS = [
    "2017 infördes en ny modell för medborgardialog i samtliga nämnder.",
    "12 av 14 chefer har genomgått kommunens ledarutbildning.",
    "Tre gånger per år redovisas måluppfyllelsen för kommunfullmäktige.",
    "SCB:s medborgarundersökning genomförs vartannat år och resultaten publiceras.",
    "Kolada används för jämförelser med andra kommuner av samma storlek.",
    "KKiK-resultaten redovisas i årsredovisningen och på webbplatsen.",
    "E-tjänster finns för bygglov, skolval och ansökan om bistånd.",
    "En whistleblower-funktion finns för medarbetare och förtroendevalda.",
    "HME-enkäten används för att följa upp medarbetarnas engagemang.",
    "{kommun} kommun har en tydlig plan för mål och resultat.",
    "{kommun}s politiker deltar i dialogmöten med invånarna i byarna.",
    "IT-stödet för uppföljning är gemensamt för alla förvaltningar.",
    "Medarbetarsamtal genomförs årligen enligt en gemensam mall med tydlig plan.",
]


def _sentence_item(rng: random.Random, lines: int, kommun: str, lead_ins: bool) -> str:
    """A finding from real report sentences: one to six lines (~45 characters a line)."""
    pool = S.ITEMS + STARTS
    text = rng.choice(pool)
    extra = rng.sample(S.PROSE, 8)
    while len(text) < 45 * lines - 30 and extra:
        text += " " + extra.pop()
    text = text.replace("{kommun}", kommun)
    if lead_ins and rng.random() < 0.7:
        text = f"{rng.choice(LEAD_INS)}: {text[:1].lower() if text[1:2].islower() else text[:1]}{text[1:]}"
    return text


def _sentence_question(rng: random.Random, target_chars: int, kommun: str) -> str:
    text = rng.choice(S.PROSE)
    extra = rng.sample(S.PROSE, 6)
    while len(text) < target_chars and extra:
        text += " " + extra.pop()
    return text.replace("{kommun}", kommun)


def _key(text: str) -> str:
    """The first three words, after a lead-in ("Medborgardialog: …") if there is one: the same
    sentence with and without a lead-in would be found in two places."""
    head, sep, rest = text.partition(": ")
    if sep and head in LEAD_INS:
        text = rest
    return " ".join(text.split()[:3]).casefold()


def _findings(
    rng: random.Random, kind: str, n: int, used: set[str], layout: Layout, kommun: str
) -> list[str]:
    """n items whose first three words are unique in the report (so each item's page can be
    found in the PDF text without doubt); fewer when real sentences run out."""
    out: list[str] = []
    tries = 0
    while len(out) < n:
        if layout.text == "sentences":
            tries += 1
            if tries > 200:
                break
            item = _sentence_item(
                rng, rng.choice([1, 1, 2, 2, 3, 4, 5, 6]), kommun, layout.lead_ins
            )
        else:
            item = _finding(rng, kind, rng.choice([1, 1, 2, 2, 3, 4, 5]))
        if _key(item) in used:
            continue
        used.add(_key(item))
        out.append(item)
    return out


SOFT = "\u00ad"
VOWELS = set("aeiouyåäöé")


def soft_hyphens(rng: random.Random, text: str) -> str:
    """Mark places where a long word may break, as Word's automatic hyphenation does: a break
    prints "handlings-" / "planer"; the text read back has no hyphen there."""
    out = []
    for word in text.split(" "):
        m = re.fullmatch(r"([a-zåäöé]+)([.,?”]*)", word, re.I)
        core = m.group(1) if m else ""
        # before a consonant that starts a syllable, as Swedish hyphenation does: "verk-samheten"
        cuts = [
            i
            for i in range(5, len(core) - 3)
            if core[i].lower() not in VOWELS and core[i + 1].lower() in VOWELS
        ]
        if len(core) >= 11 and cuts and rng.random() < 0.7:
            cut = rng.choice(cuts)
            word = core[:cut] + SOFT + core[cut:] + m.group(2)
        out.append(word)
    return " ".join(out)


def _prose(rng: random.Random, sentences: int, pool: list[str] = W.PROSE, kommun: str = "") -> str:
    return " ".join(rng.sample(pool, min(sentences, len(pool)))).replace("{kommun}", kommun)


def sample_content(rng: random.Random, layout: Layout, case: str = "fuzz") -> Spec:
    version = rng.choice(["2002", "2010", "2016", "2019"])
    inst = instrument(version)
    first, last = YEARS[version]
    year = rng.randint(first, last)
    eligible = [k for k in kommuner() if not re.search(r"\d", k.name)]
    kommun = rng.choice(eligible)
    report = date(year, rng.randint(9, 12), rng.randint(1, 28)) + timedelta(days=rng.randint(0, 80))
    publisher = SKL if report < RENAMED else SKR
    others = [k.name for k in eligible if k.code != kommun.code]
    used: set[str] = set()
    areas = []
    for adef in inst.areas:
        n = adef.number
        if version == "2016":
            ids = list(adef.questions)
            maxes = [int(adef.questions[i]) for i in ids]
            lengths = _question_lengths(rng, layout, len(ids))
            texts = [
                _question_text(rng, ln, QUESTIONS_2016.get(i))
                for i, ln in zip(ids, lengths, strict=True)
            ]
        else:
            k = rng.randint(4, 7)
            ids = [f"{n}.{m}" for m in range(1, k + 1)]
            maxes = _maxes(rng, k)
            if layout.text == "sentences":
                texts = [
                    _sentence_question(rng, ln, kommun.name)
                    for ln in _question_lengths(rng, layout, k)
                ]
            else:
                texts = [_question_text(rng, ln) for ln in _question_lengths(rng, layout, k)]
        questions = [
            Question(i, t, rng.randint(0, mx), mx)
            for i, t, mx in zip(ids, texts, maxes, strict=True)
        ]
        strengths = _findings(rng, "strengths", rng.randint(1, 10), used, layout, kommun.name)
        improvements = _findings(rng, "improvements", rng.randint(1, 10), used, layout, kommun.name)
        if not strengths or not improvements:
            raise ValueError("sentence pool exhausted")  # cannot happen with 150 sentences
        if layout.hyphenation == "soft":
            strengths = [soft_hyphens(rng, t) for t in strengths]
            improvements = [soft_hyphens(rng, t) for t in improvements]
        general = {"short": (1, 3), "mixed": (1, 9), "long": (6, 16)}[layout.prose]
        pool = S.PROSE if layout.text == "sentences" else W.PROSE
        name = rng.choice(adef.names)
        history_name = rng.choice(adef.names)
        areas.append(
            AreaSpec(
                number=n,
                name=name,
                history_name=history_name,
                questions=questions,
                strengths=strengths,
                improvements=improvements,
                inspiration=rng.sample(others, rng.randint(0, 3)) if layout.inspiration else [],
                general=[
                    _prose(rng, rng.randint(*general), pool, kommun.name)
                    for _ in range(rng.randint(1, 2))
                ],
                comment=[
                    _prose(rng, rng.randint(2, 12), pool, kommun.name)
                    for _ in range(rng.randint(1, 3))
                ],
            )
        )
    n_years = layout.history_years
    earlier = sorted(rng.sample(range(max(1998, year - 12), year), n_years - 1)) if n_years else []
    history_years = [*earlier, year] if n_years else []
    history = {y: [rng.randint(15, 90) for _ in areas] for y in earlier}
    history[year] = [a.points for a in areas]
    return Spec(
        case=case,
        version=version,
        kommun=kommun,
        year=year,
        report_date=report.isoformat(),
        publisher=publisher,
        evaluators=rng.sample(W.EVALUATORS, 2),
        areas=areas,
        history_years=history_years,
        history=history,
        intro=[_prose(rng, rng.randint(3, 8)) for _ in range(2)],
    )
