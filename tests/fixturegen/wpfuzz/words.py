"""Swedish building blocks for invented report text, in the style of real Kommunkompassen reports.

Kept apart from the sampling code so the vocabulary can grow without touching the logic. Rules
the lists obey (so that every text is parseable in principle and its page can be found):
- no word that is also a municipality name ("vara", "mark", "berg" …), no "Uppnått", no
  question ids or other "N.M" numbers, no line that could read as a heading;
- real hyphens only in the forms a reader can tell from a line-end hyphenation: a one-letter or
  upper-case prefix ("e-tjänster", "HME-enkäten") or a suspended compound before a conjunction
  ("kompetens- och medarbetarutveckling").
"""

from __future__ import annotations

# --- questions ---------------------------------------------------------------------------------
Q_OPENERS = [
    "Finns det en kommunövergripande strategi för",
    "Hur arbetar kommunen med",
    "Finns en plan för",
    "Hur säkerställer kommunen",
    "Arbetar kommunen systematiskt med",
    "Hur följs arbetet med",
    "Har kommunen tydliga mål för",
    "Används resultat från",
    "Hur informeras invånarna om",
    "Sker en regelbunden uppföljning av",
    "Finns rutiner för",
    "Hur stöds cheferna i arbetet med",
]
Q_TOPICS = [
    "demokratiutveckling och information",
    "invånardialog och deltagande",
    "tillgänglighet och bemötande",
    "synpunkts- och klagomålshantering",
    "brukarundersökningar",
    "e-tjänster och digital service",
    "politiska mål och uppdrag",
    "delegation och ansvarsfördelning",
    "tvärsektoriellt samarbete",
    "kompetens- och medarbetarutveckling",
    "resultatstyrning och effektivitet",
    "jämförelser med andra kommuner",
    "medarbetarundersökningar som HME-enkäten",
    "lönesättning och belöning av goda prestationer",
    "mångfald och jämställdhet",
    "analys av avvikelser och klagomål",
    "omvärldsbevakning",
    "kvalitetsutveckling i verksamheterna",
    "samverkan med civilsamhället",
    "näringslivsutveckling",
    "miljö- och klimatfrågor",
    "social hållbarhet",
    "internationella kontakter",
    "ledarutveckling och chefsstöd",
    "IT-stöd för uppföljning",
    "budgetprocessen",
]
Q_TAILS = [
    "och hur redovisas resultaten för kommunstyrelsen",
    "samt hur följs arbetet upp i nämnderna",
    "och hur involveras medarbetarna i arbetet",
    "och finns det tydliga mål och indikatorer för arbetet",
    "samt hur kommuniceras resultaten till invånarna och till de förtroendevalda",
    "och på vilket sätt används resultaten i verksamhetsplaneringen",
    "och hur säkerställs att arbetet får genomslag i hela organisationen",
    "samt finns det rutiner för återkoppling till dem som berörs",
    "och hur stöds cheferna i det arbetet",
    "och sker jämförelser med andra kommuner",
]

# --- findings ----------------------------------------------------------------------------------
S_HEADS = [
    "Tydlig",
    "Väl fungerande",
    "Systematisk",
    "Regelbunden",
    "Årlig",
    "Gemensam",
    "Strukturerad",
    "Aktiv",
    "Bred",
    "Utvecklad",
    "Kommunövergripande",
    "God",
    "Etablerad",
    "Ambitiös",
    "Genomtänkt",
]
S_NOUNS = [
    "uppföljning av",
    "dialog med",
    "information om",
    "samverkan kring",
    "planering för",
    "styrning av",
    "rapportering av",
    "redovisning av",
    "satsning på",
    "struktur för",
    "modell för",
    "analys av",
]
S_OBJECTS = [
    "mål och resultat",
    "invånarnas synpunkter",
    "e-tjänster",
    "brukarundersökningar",
    "resultaten i HME-enkäten",
    "kompetens- och medarbetarutveckling",
    "mål- och resultatstyrning",
    "nyckeltal i Kolada",
    "lokala företag",
    "föreningslivet",
    "kommunens värdegrund",
    "chefernas uppdrag",
    "förbättringsarbetet",
    "IT-stöd i verksamheterna",
    "budget och verksamhetsplan",
    "klagomål och synpunkter",
    "tillgänglighet på webbplatsen",
    "ungdomars inflytande",
]
I_HEADS = [
    "Utveckla",
    "Förtydliga",
    "Stärk",
    "Se över",
    "Inför",
    "Säkerställ",
    "Tydliggör",
    "Redovisa",
    "Samordna",
    "Prioritera",
    "Formulera",
    "Följ upp",
    "Dokumentera",
    "Involvera",
]
I_OBJECTS = [
    "arbetet med",
    "rutinerna för",
    "strategin för",
    "informationen om",
    "uppföljningen av",
    "ansvaret för",
    "målen för",
    "stödet till",
    "kopplingen mellan",
    "dialogen kring",
    "formerna för",
]
EXTENSIONS = [
    "i samtliga förvaltningar",
    "så att den når alla verksamheter",
    "samt koppla detta till budgetprocessen",
    "med tydliga indikatorer och målvärden",
    "och gör resultaten kända för medarbetarna",
    "exempelvis genom e-tjänster och sociala medier",
    "inom ramen för kompetens- och medarbetarutveckling",
    "med särskilt fokus på unga och äldre invånare",
    "och redovisa utfallet i årsredovisningen",
    "i dialog med de fackliga organisationerna",
    "så att den politiska nivån får bättre beslutsunderlag",
    "vilket uppskattas av både chefer och medarbetare",
    "med stöd av resultaten från HME-enkäten",
    "och följ upp effekterna varje år",
    "genom gemensamma forum för chefer",
    "även i de gemensamma nämnderna",
]

# --- prose -------------------------------------------------------------------------------------
PROSE = [
    "Kommunen har under senare år arbetat med att utveckla styrningen av verksamheterna.",
    "Utvärderarna har tagit del av styrdokument, protokoll och kommunens webbplats.",
    "I intervjuerna framkommer att arbetet uppfattas som väl förankrat bland cheferna.",
    "Det finns samtidigt skillnader mellan förvaltningarna i hur långt arbetet har kommit.",
    "Flera av de intervjuade lyfter fram dialogen mellan politiker och tjänstemän som en styrka.",
    "En utmaning är att få resultaten att påverka planeringen inför kommande år.",
    "Kommunen deltar i flera nätverk för jämförelser och erfarenhetsutbyte.",
    "Informationen på webbplatsen är omfattande men kan göras mer lättillgänglig.",
    "Arbetet följs upp i delårsrapporter och i årsredovisningen.",
    "Det är viktigt att de goda exemplen sprids till hela organisationen.",
    "Medarbetarna ges möjlighet att lämna förslag på förbättringar i verksamheten.",
    "Utvärderarna ser positivt på den samverkan som sker med grannkommunerna.",
    "Det saknas dock en samlad bild av hur arbetet bidrar till de politiska målen.",
    "Kommunen bör överväga att tydligare redovisa vilka åtgärder som vidtagits.",
    "Många av de intervjuade efterfrågar ett tydligare stöd från den centrala förvaltningen.",
    "Det finns en stark vilja att utveckla verksamheten tillsammans med invånarna.",
]
EVALUATORS = [
    "Anna Lindqvist",
    "Lars Bergström",
    "Maria Sandberg",
    "Per Holmgren",
    "Karin Ekström",
    "Johan Nyberg",
    "Eva Forsberg",
    "Erik Lundgren",
]
