"""Invented reports: a whole spec from a few parameters, deterministic for a given seed.

Used for fixtures other than the real Norsjö report and for the benchmark corpus. Content is
made up (real municipality names, plausible Swedish text); the layout varies by parameter.
"""

from __future__ import annotations

import random
from typing import Any

from schema.instruments import instrument

# The 2016 instrument's own questions, as printed in the Norsjö 2018 report.
QUESTIONS_2016 = {
    "1.1": "Finns en plan/strategi för demokratiutveckling och information?",
    "1.2": "Informeras invånarna om aktuella frågor i politiken?",
    "1.3": "Informeras invånare om resultat?",
    "1.4": "Främjas invånardialog och deltagande?",
    "1.5": "Etik - Hur skapas tillit genom hög etisk standard?",
    "2.1": "Finns det en kommunövergripande strategi för brukarfokus?",
    "2.2": "Hur arbetar kommunen med tillgänglighet och bemötande?",
    "2.3": "Hur informerar kommunen om service och tjänster?",
    "2.4": "Hur arbetar kommunen med brukarundersökningar?",
    "2.5": "Hur arbetar kommunen med att förtydliga tjänsternas innehåll samt synpunkts- och "
    "klagomålshantering för medborgare/brukare?",
    "3.1": "Genomsyras hela organisationen av ett helhetstänkande avseende styrning/uppföljning?",
    "3.2": "Styrs kommunen av tydliga politiska mål?",
    "3.3": "Rapporterar förvaltningen till den politiska nivån och har politikerna möjlighet att "
    "utöva tillsyn över förvaltningen?",
    "3.4": "Finns det en tydlig delegation och ansvarsfördelning mellan politisk och "
    "tjänstemannanivå?",
    "3.5": "Finns det en ömsesidig förståelse av uppgifter, roller och spelregler mellan politiker "
    "och tjänstemän?",
    "4.1": "Finns kommunövergripande strategi för ledarskap, ansvar och delegation?",
    "4.2": "Vilket ansvar har resultatenheterna för budget, personal och organisation?",
    "4.3": "Beskrivs inriktning och ansvar för tvärsektoriellt samarbete?",
    "4.4": "Tydliggörs det personliga uppdraget för alla chefer i organisationen?",
    "4.5": "Sker central ledning för underställda avdelningar/enheter?",
    "4.6": "Bedriver kommunens ledarutveckling?",
    "5.1": "Finns en strategi för resultatstyrning och effektivitetsutveckling?",
    "5.2": "Tydliggör kommunen sambandet mellan kostnader och resultat i budgetprocessen?",
    "5.3": "Arbetar kommunen med utveckling uppföljning och kontroll?",
    "5.4": "Kommuniceras och förs strategiska diskussioner kring resurser och resultat?",
    "5.5": "Används jämförelser aktivt som ett led i serviceutveckling och effektivisering?",
    "5.6": "Sker extern samverkan för att stärka serviceutbudet och öka effektivitet?",
    "6.1": "Finns en kommunövergripande personalstrategi?",
    "6.2": "Tillvaratas befintliga och hur rekryteras nya medarbetare? Kommunen som ”attraktiv "
    "arbetsgivare”.",
    "6.3": "Läggs stor vikt på kompetens- och medarbetarutveckling?",
    "6.4": "Sker individuell lönesättning och belöning av goda prestationer?",
    "6.5": "Arbetar kommunen med medarbetarundersökningar?",
    "6.6": "Arbetar kommunen med mångfald, (etnicitet, kulturellt och kön)?",
    "7.1": "Finns en strategi för ständiga förbättringar?",
    "7.2": "Arbetar verksamheterna med analys av avvikelser, brister och problem?",
    "7.3": "Sker extern omvärldsspaning och samverkan för att förbättra kvaliteten på tjänsterna?",
    "7.4": "Finns metoder för att förbättra kvaliteten på tjänsterna?",
    "7.5": "Arbetar kommunen med kreativitet och förbättringar?",
    "8.1": "Finns övergripande planer/strategier för samhällsbyggande?",
    "8.2": "Samverkar kommunen med aktörer inom civilsamhället kring utveckling av lokalsamhället?",
    "8.3": "Samverkar kommunen med kulturlivet?",
    "8.4": "Vilken är kommunens roll i utveckling av näringslivet?",
    "8.5": "Arbetar kommunen med internationella kontakter?",
    "8.6": "Arbetar kommunen med miljöfrågor?",
    "8.7": "Hur främjas social hållbarhet?",
}

STRENGTHS = [
    "Tydlig vision och värdegrund som är väl förankrad i hela organisationen.",
    "Årliga medborgardialoger i samtliga kommundelar.",
    "Webbsändningar från kommunfullmäktige med möjlighet att se ärenden i efterhand.",
    "Ett väl utvecklat system för synpunkts- och klagomålshantering.",
    "Resultat från brukarundersökningar redovisas på webbplatsen.",
    "Mätbara mål med indikatorer och målvärden.",
    "Tydlig delegationsordning som revideras varje år.",
    "Ledarutvecklingsprogram för alla chefer.",
    "Systematiska jämförelser med andra kommuner via Kolada.",
    "Samverkan med grannkommunerna kring e-tjänster och IT-drift.",
    "En personalpolitik som är kopplad till kommunens mål.",
    "Medarbetarenkät vartannat år med handlingsplaner på alla arbetsplatser.",
    "Ett etablerat system för avvikelsehantering inom vård och omsorg.",
    "Aktivt näringslivsråd med representanter för det lokala näringslivet.",
    "Ett miljöprogram med mätbara mål som följs upp i årsredovisningen.",
    "Kulturskola med låga avgifter och brett utbud.",
    "Servicegarantier inom flera verksamheter.",
    "Ett kontaktcenter som besvarar de flesta frågor direkt.",
    "Politikerutbildning i början av varje mandatperiod.",
    "Chefsavtal med tydligt personligt uppdrag.",
]

IMPROVEMENTS = [
    "Utveckla rapporteringen av resultat till invånarna.",
    "Inför en extern visselblåsarfunktion för att anmäla oegentligheter.",
    "Redovisa revisionsrapporter och handlingsplaner på webbplatsen.",
    "Koppla budgeten tydligare till de politiska målen.",
    "Använd jämförelser med andra kommuner mer systematiskt i analysen.",
    "Ta fram en kommunövergripande strategi för kompetensförsörjning.",
    "Utveckla arbetet med individuella utvecklingsplaner för medarbetarna.",
    "Inför en gemensam projektmodell för tvärsektoriellt arbete.",
    "Mät politikernas nöjdhet med förvaltningens beslutsunderlag.",
    "Utveckla fler e-tjänster för invånare och företag.",
    "Sprid goda exempel på förbättringsarbete mellan förvaltningarna.",
    "Inför kollegial granskning av verksamheternas kvalitetsarbete.",
    "Formulera en strategi för kommunens internationella arbete.",
    "Redovisa inkomna klagomål och åtgärder till den politiska nivån.",
    "Tydliggör vilka tjänster invånarna kan förvänta sig genom servicedeklarationer.",
    "Utveckla lönekartläggningen så att den påverkar lönesättningen.",
]

INSPIRATION = [
    "Helsingborg",
    "Västerås",
    "Tyresö",
    "Upplands Väsby",
    "Ängelholm",
    "Vårgårda",
    "Kungälv",
    "Örnsköldsvik",
    "Huddinge",
    "Vallentuna",
    "Karlskrona",
    "Köping",
]


def _hyphenate(rng: random.Random, text: str, rate: float) -> str:
    """Mark some long words as hyphenated at a line end ("~") the way Word does."""
    out = []
    for word in text.split(" "):
        core = word.strip(",.?”")
        cuts = [i for i in range(4, len(core) - 3) if core[i - 1].isalpha() and core[i].isalpha()]
        if len(core) >= 11 and "-" not in core and cuts and rng.random() < rate:
            cut = rng.choice(cuts)
            word = word.replace(core, core[:cut] + "~" + core[cut:], 1)
        out.append(word)
    return " ".join(out)


def _split_points(rng: random.Random, maxes: list[int], share: float) -> list[int]:
    return [
        max(0, min(m, round(m * min(1.0, max(0.1, share + rng.uniform(-0.25, 0.25))))))
        for m in maxes
    ]


def _questions(version: str, number: int) -> list[tuple[str, str, int]]:
    """(id, text, max) for an area. Versions other than 2016 have invented questions: the
    2016 questions of the area with the same cross-version theme, renumbered."""
    inst = instrument(version)
    theme = inst.area(number).theme
    source = next(a for a in instrument("2016").areas if a.theme == theme)
    out = []
    for i, (qid, mx) in enumerate(source.questions.items(), start=1):
        out.append((f"{number}.{i}", QUESTIONS_2016[qid], int(mx)))
    return out


LONG_TAIL = (
    " Hur följs arbetet upp, hur återkopplas resultaten till förtroendevalda, medarbetare och "
    "invånare, och hur används uppföljningen för att utveckla verksamheten vidare?"
)


def synth_spec(params: dict[str, Any]) -> dict[str, Any]:
    """Expand a small parameter block (see specs/*.yaml with `synth:`) into a full spec."""
    rng = random.Random(params["seed"])
    m = params["municipality"]
    year = params["year"]
    version = str(params.get("version", "2016"))
    inst = instrument(version)
    bullet = params.get("bullet", "•")
    hyph = params.get("hyphenation", 0.3)
    names = params.get("names", {})
    misprint = params.get("misprint_percent", {})
    long_q = params.get("long_question")
    pages: list[list[dict]] = []

    cover = params.get("cover", ["Kommunkompassen", f"Analys av {m['name']} kommun {year}"])
    pages.append([{"cover": cover}])

    areas = []
    for adef in inst.areas:
        qs = _questions(version, adef.number)
        points = _split_points(rng, [mx for _, _, mx in qs], rng.uniform(0.35, 0.85))
        total = max(0, min(100, sum(points) + rng.choice([0, 0, 0, 1, -1])))
        rows = []
        for (qid, text, mx), p in zip(qs, points, strict=True):
            if qid == long_q:
                text += LONG_TAIL
            pct = misprint.get(qid, round(100 * p / mx))
            rows.append(
                {
                    "id": qid,
                    "text": _hyphenate(rng, text, hyph),
                    "points": p,
                    "max": mx,
                    "percent": pct,
                }
            )
        others = [k for k in INSPIRATION if k != m["name"]]
        areas.append(
            {
                "number": adef.number,
                "name": names.get(adef.number, adef.canonical_name),
                "rows": rows,
                "total": [total, 100, total],
                "strengths": [
                    _hyphenate(rng, t, hyph) for t in rng.sample(STRENGTHS, rng.randint(3, 6))
                ],
                "improvements": [
                    _hyphenate(rng, t, hyph) for t in rng.sample(IMPROVEMENTS, rng.randint(2, 5))
                ],
                "inspiration": rng.sample(others, 3),
            }
        )

    history_years = params.get("history_years", [year])
    summary: list[dict] = [
        {
            "text": f"1. Sammanfattning av {m['name']} kommuns resultat\n\n"
            f"Utvärderingen av {m['name']} kommun genomfördes under hösten {year}.\n"
        }
    ]
    printed_total = None
    if history_years:
        hist_rows = []
        for a in areas:
            vals = [
                a["total"][0] if y == year else max(0, a["total"][0] - rng.randint(0, 15))
                for y in history_years
            ]
            hist_rows.append({"number": a["number"], "name": a["name"], "points": vals})
        totals = [sum(r["points"][i] for r in hist_rows) for i in range(len(history_years))]
        if year in history_years:
            printed_total = totals[history_years.index(year)]
        summary.append(
            {
                "history": {
                    "title": params.get("history_title", "Poäng i Kommunkompassen"),
                    "years": history_years,
                    "rows": hist_rows,
                    "total": totals,
                }
            }
        )
    pages.append(summary)

    valigns = params.get("valign", ["first"])
    splits = params.get("split_findings", {})
    if isinstance(splits, list):
        splits = {n: 2 for n in splits}
    for a in areas:
        n = a["number"]
        heading = params.get("heading", "{chapter}.{n} {name}").format(
            chapter=2, n=n, name=a["name"]
        )
        for i, r in enumerate(a["rows"]):
            r["numbers_line"] = valigns[(i + n) % len(valigns)]
        scores = {
            "area": n,
            "label": params.get("table_label", "{n}").format(n=n),
            "name": a["name"],
            "rows": a["rows"],
            "total": a["total"],
        }
        if params.get("total_label"):
            scores["total_label"] = params["total_label"]
        first = [
            {"text": f"{heading}\n"},
            {"text": f"2.{n}.1 Delpoäng\n"},
            {"scores": scores},
            {"text": f"2.{n}.2 Styrkor och förbättringsmöjligheter\n"},
        ]
        s, im = a["strengths"], a["improvements"]
        more: list[list[dict]] = []
        if params.get("findings") == "list":
            first += [
                {
                    "list": {
                        "area": n,
                        "kind": "strengths",
                        "heading": "Styrkor",
                        "bullet": bullet,
                        "items": s,
                    }
                },
                {
                    "list": {
                        "area": n,
                        "kind": "improvements",
                        "heading": params.get("improvement_heading", "Förbättringsområden"),
                        "bullet": bullet,
                        "items": im,
                    }
                },
            ]
        elif n in splits:
            # The table breaks: the right column ends on the first page, the left one goes on
            # over the next page(s), the first break in the middle of an item.
            parts = splits[n]
            s = s + rng.sample([x for x in STRENGTHS if x not in s], 2 * (parts - 1))
            a["strengths"] = s
            cut = max(1, len(s) - 2 * (parts - 1) - 1)
            words = s[cut].split(" ")
            half = max(1, len(words) // 2)
            first.append(
                {
                    "findings": {
                        "area": n,
                        "bullet": bullet,
                        "left": [*s[:cut], " ".join(words[:half])],
                        "right": im,
                    }
                }
            )
            rest = ["…" + " ".join(words[half:]), *s[cut + 1 :]]
            per = max(1, len(rest) // (parts - 1))
            for k in range(parts - 1):
                chunk = rest[k * per :] if k == parts - 2 else rest[k * per : (k + 1) * per]
                more.append(
                    [
                        {
                            "findings": {
                                "area": n,
                                "header": False,
                                "bullet": bullet,
                                "left": chunk,
                                "right": [],
                            }
                        }
                    ]
                )
        else:
            first.append({"findings": {"area": n, "bullet": bullet, "left": s, "right": im}})
        tail = [
            {
                "text": f"2.{n}.3 Inspiration\n\nKommuner som har fått höga poäng inom området "
                f"är {a['inspiration'][0]}, {a['inspiration'][1]} och "
                f"{a['inspiration'][2]}.\n"
            }
        ]
        if more:
            pages.append(first)
            pages.extend(more[:-1])
            pages.append(more[-1] + tail)
        else:
            pages.append(first + tail)

    if params.get("summary_table"):
        rows = [
            {"number": a["number"], "name": a["name"], "points": [a["total"][0], 100]}
            for a in areas
        ]
        grand = sum(a["total"][0] for a in areas)
        pages.append(
            [
                {"text": "3. Poängsammanställning\n"},
                {"summary": {"rows": rows, "total": [grand, 800]}},
            ]
        )
        if not history_years:
            printed_total = grand

    return {
        "case": params["case"],
        "producer": params["producer"],
        "style": params.get("style", {}),
        "expected": {
            "municipality": m,
            "evaluation_year": year,
            "report_date": params.get("report_date"),
            "publisher": params.get("publisher"),
            "instrument_version": version,
            "total": {"points": printed_total, "max": 800},
            "inspiration": {a["number"]: a["inspiration"] for a in areas},
            "warnings": params.get("warnings", []),
        },
        "pages": pages,
    }
