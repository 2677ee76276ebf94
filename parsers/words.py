"""The Swedish words the language rules of the parser know, in one list.

Three rules look at short Swedish words where geometry cannot decide:

- `ENDS_LINE_GOING_ON` (`parsers.findings`): across a page break, a line that ends in one of
  these goes on ("… i dialog med" / "de fackliga …"): the next line is no new item;
- `STARTS_WRAPPED_LINE` (`parsers.scores`): after a long word that filled its cell's line, a
  line starting with one of these is the next word, not the rest of a word broken without a
  hyphen ("medarbetarundersökninga" / "r och …");
- `KEEPS_SUSPENDED_HYPHEN` (`parsers.text`): after a line ending in a hyphen, a line starting
  with one of these continues a suspended compound ("kompetens- och medarbetarutveckling"):
  the hyphen and the space stay.

Where the words came from: written by hand when each rule was written (git log -S on the old
`findings._GOES_ON`, `scores._SHORT_WORDS`, `text._CONJUNCTIONS`), from the line ends and
wrapped cells of the golden reports, and completed with the closed word classes (conjunctions,
subjunctions, prepositions, articles and pronouns) of Svenska Akademiens grammatik that such
lines use. The word class is given for each word; a rule takes only the words marked for it, so
merging the three lists here changed no parsed value. Words are case-folded.
"""

from __future__ import annotations

# word, word class, rules: E = ENDS_LINE_GOING_ON, S = STARTS_WRAPPED_LINE,
# H = KEEPS_SUSPENDED_HYPHEN
_TABLE = """
och         konjunktion     E S H
eller       konjunktion     E H
samt        konjunktion     E S H
men         konjunktion     S H
både        konjunktion     E
respektive  konjunktion     H
resp.       konjunktion     H
&           konjunktion     H
att         subjunktion     E S
som         subjunktion     E S H
om          subjunktion     E S
när         subjunktion     E S
där         adverb          E S
hur         adverb          E S
så          adverb          E S
vilket      pronomen        E
vilka       pronomen        E
i           preposition     E S
med         preposition     E S
av          preposition     E S
för         preposition     E S
till        preposition     E S H
på          preposition     E S
vid         preposition     E S
från        preposition     E
inom        preposition     E S
kring       preposition     E
mellan      preposition     E
genom       preposition     E
under       preposition     E
efter       preposition     E
utan        preposition     E
mot         preposition     E
över        preposition     E S
via         preposition     E
per         preposition     E
hos         preposition     E
åt          preposition     E
bland       preposition     E
enligt      preposition     E
trots       preposition     E
utöver      preposition     E
förutom     preposition     E
inför       preposition     E
utifrån     preposition     E
gentemot    preposition     E
angående    preposition     E
beträffande preposition     E
inklusive   preposition     E
bakom       preposition     E
framför     preposition     E
längs       preposition     E
ovanför     preposition     E
nedanför    preposition     E
ifrån       preposition     E
eftersom    subjunktion     E
medan       subjunktion     E
innan       subjunktion     E
ifall       subjunktion     E
vars        pronomen        E
ut          partikel        S
upp         partikel        S
en          artikel         E S
ett         artikel         E S
den         pronomen        E S
det         pronomen        E S
de          pronomen        E S
dem         pronomen        S
alla        pronomen        S
har         verb            S
är          verb            S
kan         verb            S
ska         verb            S
bli         verb            S
blir        verb            S
ges         verb            S
får         verb            S
nya         adjektiv        S
ny          adjektiv        S
nu          adverb          S
mer         adverb          S
även        adverb          S
idag        adverb          S
"""


def _rows() -> list[tuple[str, str, set[str]]]:
    rows = []
    for line in _TABLE.strip().splitlines():
        word, word_class, *rules = line.split()
        rows.append((word, word_class, set(rules)))
    return rows


#: Every word the rules know, with its word class.
WORD_CLASS: dict[str, str] = {word: cls for word, cls, _ in _rows()}
ENDS_LINE_GOING_ON = frozenset(word for word, _, rules in _rows() if "E" in rules)
STARTS_WRAPPED_LINE = frozenset(word for word, _, rules in _rows() if "S" in rules)
KEEPS_SUSPENDED_HYPHEN = frozenset(word for word, _, rules in _rows() if "H" in rules)


def bare(word: str) -> str:
    """A word as the rules compare it: punctuation and quotes around it off, case-folded."""
    return word.strip(".,;:!?()”\"'").casefold()


#: Word classes that never follow an article: an article starts its noun phrase.
_NO_NOUN = ("konjunktion", "subjunktion", "preposition", "partikel")


def no_article(word: str, after: str | None) -> bool:
    """Is `word`, an article in form ("en", "ett"), no article where it stands: followed by
    sentence punctuation, by nothing, or by a conjunction, subjunction, preposition or
    particle ("verksamhetsplanering" / "en samt hur …", "… / en?")? Then it is the end of a
    word broken before it."""
    if WORD_CLASS.get(bare(word)) != "artikel":
        return False
    if word[-1:] in ".,;:!?" or after is None:
        return True
    return WORD_CLASS.get(bare(after)) in _NO_NOUN
