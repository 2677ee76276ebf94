"""Text normalization shared by every parser: joining wrapped lines and reading printed numbers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from parsers.tolerances import (
    AUTO_HYPHENATION_MIN_BREAKS,
    BROKEN_WORD_NEXT_LETTERS,
    BROKEN_WORD_RIGHT_EM,
    FRAGMENT_MAX_LETTERS,
)
from parsers.words import KEEPS_SUSPENDED_HYPHEN, STARTS_WRAPPED_LINE, bare

BULLETS = "•§–-▪■●○◦*·►➢✓"
#: The character of a hyphenation break (a tagged PDF's /ActualText for one: PDF 32000-1,
#: 14.9.4, the text that replaces the element's content when text is extracted).
SOFT_HYPHEN = "\u00ad"
HYPHENS = "-‐‑\u00ad¬"
_CLOSING = "?!.,;:)]}"
_QUOTES = '”"»’'
#: quotation marks printed alike on both sides of a quotation (`_closes_open_quote`)
_BOTH_SIDES = '”"'
_NUMBER = re.compile(r"^[−-]?\d+(?:[.,]\d+)?$")
_PERCENT = re.compile(r"^([−-]?\d+(?:[.,]\d+)?)\s?%$")


#: Punctuation around a printed word, not part of it (for the document's own word list).
_WORD_EDGES = "\"”“'’()[]{}.,;:!?…«»"

#: The words printed whole in the document being parsed (`printed_words`): a word printed on
#: one line anywhere in the document ("webb-sändningar", "verksamhetsplanering") is the
#: evidence that decides a line-end hyphen of the same word elsewhere. LibreOffice prints a
#: hyphenation break and a compound's own hyphen as the same glyph mapped to U+002D, so the
#: PDF itself does not tell them apart.
_PRINTED: ContextVar[Counter[str] | None] = ContextVar("printed_words", default=None)
#: Whether the document being parsed hyphenates automatically (`printed_words`). A line-end
#: hyphen the document's words do not decide is a hyphenation break in one that does, and the
#: compound's own hyphen ("whistleblower-funktion") in one that never breaks a word; outside a
#: document, a break.
_HYPHENATES: ContextVar[bool] = ContextVar("hyphenates", default=True)
#: Whether the document being parsed tells its hyphenation breaks from its words' own
#: hyphens (`printed_words`), so that every line-end hyphen printed as U+002D is the word's
#: own. A tagged PDF must (PDF Reference 1.7, 10.8.2, "Incidental artifacts": "the producer
#: of a Tagged PDF document must distinguish explicitly between soft and hard hyphens so
#: that the consumer does not have to guess"): one that shows a soft hyphen at a line end
#: (`reader.soft_hyphens`) does; a tagged one that shows none is taken at its word unless its
#: words show it breaking words with plain hyphens (`_HYPHENATES`).
_TELLS_HYPHENS: ContextVar[bool] = ContextVar("tells_hyphens", default=False)
#: The words the document being parsed prints after another word on their line
#: (`printed_words`): a broken word's rest starts its line, so a short one printed inside a
#: line elsewhere ("sker") is a word of its own.
_INSIDE: ContextVar[frozenset[str]] = ContextVar("inside_words", default=frozenset())


@contextmanager
def document_words() -> Iterator[None]:
    """A scope (one parsed document) for `printed_words`; the previous words come back after."""
    token, hyphenates, inside = _PRINTED.set(None), _HYPHENATES.set(True), _INSIDE.set(frozenset())
    tells = _TELLS_HYPHENS.set(False)
    try:
        yield
    finally:
        _TELLS_HYPHENS.reset(tells)
        _INSIDE.reset(inside)
        _PRINTED.reset(token)
        _HYPHENATES.reset(hyphenates)


def printed_words(lines: Iterable[str], tagged: bool = False) -> None:
    """Note the words printed whole in the current document (inside `document_words`): every
    word but a last one that ends in a hyphen (it may be broken), casefolded, without the
    punctuation around it. And note whether the document hyphenates: at least
    `AUTO_HYPHENATION_MIN_BREAKS` of its line-end hyphens join into a word it prints whole
    elsewhere ("verksamhets-" / "planeringen" beside "verksamhetsplaneringen"). A document
    that never breaks a word shows none: its line-end hyphens are only its compounds'. And
    note whether the document tells its breaks from its hyphens (`_TELLS_HYPHENS`): a line
    ends in a soft hyphen, or it is `tagged` and does not hyphenate by its words."""
    whole: Counter[str] = Counter()
    inside: set[str] = set()  # the words printed after another on their line
    ends: list[tuple[str, str]] = []  # (a line's hyphenated last word, the next line's first)
    last = None
    for line in lines:
        tokens = line.split()
        if last is not None and tokens:
            ends.append((last, tokens[0]))
        last = None
        if tokens and tokens[-1][-1] in HYPHENS:
            last = tokens.pop()
        words = [t.casefold() for t in (t.strip(_WORD_EDGES) for t in tokens)]
        whole.update(w for w in words if len(w) >= 2)
        inside.update(words[1:])
    _PRINTED.set(whole)
    _INSIDE.set(frozenset(inside))
    # a name's compound ("Götene-" / "appen" beside "Göteneappen") is no hyphenation break:
    # Swedish writes it either way (fresh seed 4003 case 14)
    breaks = sum(
        _printed_form(stem, nxt) is False and not _is_place_name(stem)
        for end, nxt in ends
        if len(end) >= 2 and end[-2].isalnum()
        for stem in [end[:-1].strip(_WORD_EDGES)]
    )
    hyphenates = breaks >= AUTO_HYPHENATION_MIN_BREAKS
    _HYPHENATES.set(hyphenates)
    marked = any(end.endswith(SOFT_HYPHEN) for end, _ in ends)
    _TELLS_HYPHENS.set(marked or (tagged and not hyphenates))


def _printed_form(stem: str, nxt: str) -> bool | None:
    """True if the document prints "stem-nxt" whole somewhere and never "stemnxt", False for
    the opposite, None when it prints neither (or both)."""
    words = _PRINTED.get()
    if not words:
        return None
    tail = nxt.strip(_WORD_EDGES)
    joined, hyphened = (stem + tail).casefold(), f"{stem}-{tail}".casefold()
    if (hyphened in words) == (joined in words):
        return None
    return hyphened in words


def _keeps_hyphen(prefix: str, nxt: str) -> bool:
    """A line-end hyphen that belongs to the word: "e-tjänster", "HME-enkäten", "10-gruppen",
    "KKiK-resultaten"; or one the document prints whole elsewhere ("webb-sändningar")."""
    stem = prefix.rstrip(HYPHENS)
    stem = re.split(r"[\s(\"”“']", stem)[-1]
    if not stem or not nxt:
        return False
    if _TELLS_HYPHENS.get():  # it tells breaks from hyphens: an unmarked one is the word's
        return True
    # what no hyphenator does, whatever the document prints elsewhere ("10gruppen" once, as
    # a typo): leave one letter ("e-tjänster"), break after a digit ("10-gruppen"), split
    # after a capital: an abbreviation ends the stem ("HME-", "KKiK-", "IT-"), which Swedish
    # joins to the rest of a compound with a hyphen
    if len(stem) == 1 and stem.isalpha():
        return True
    if stem[-1].isdigit():
        return True
    if len(stem) >= 2 and stem[-1].isupper() and stem[-2].isalpha():
        return True
    # (a document that shows one line-end hyphen, joined elsewhere, is no evidence either
    # way: "budgetp-" / "rocessen" beside "budgetprocessen" in a short one that hyphenates,
    # CI sample seed 10 case 17; "webb-" / "sändningar" beside "Webbsändningar" in one that
    # never does, fresh seed 4003 case 3: the printed form decides, and is wrong there)
    printed = _printed_form(stem, nxt)
    if printed is not None:
        return printed
    if _is_place_name(stem):  # "Mönsterås-" / "appen": a name joins its compound by a hyphen
        return True
    return nxt[0].isupper() or not _HYPHENATES.get()


def _is_place_name(stem: str) -> bool:
    """A municipality's name (or its genitive): Swedish joins a name to the rest of a compound
    with a hyphen ("Bengtsfors-appen", "Åre-appen"), and a hyphenator breaking a word there
    would split the name's compound where the text writes the hyphen anyway."""
    from schema.kommuner import by_name

    if not stem[:1].isupper():
        return False
    return by_name(stem) is not None or (stem.endswith("s") and by_name(stem[:-1]) is not None)


def _forced_break(fragment: str, nxt: str) -> bool:
    """A word longer than its narrow column, broken where the line ran out, with no hyphen
    ("medarbetarundersö" / "kningar"): the fragment is its line's only word, and the document
    prints the joined word whole elsewhere."""
    words = _PRINTED.get()
    tail = nxt.strip(_WORD_EDGES)
    if not words or not tail[:1].islower() or not fragment[-1:].isalpha():
        return False
    return (fragment + tail).casefold() in words


def fills_to_edge(x1: float, right: float, size: float, next_letter: float) -> bool:
    """Does a line ending at `x1` leave less room before the column's edge `right` than the
    next letter needs? A word processor breaks a word too long for its column exactly there:
    the slack is under `BROKEN_WORD_RIGHT_EM` of the font size, or under
    `BROKEN_WORD_NEXT_LETTERS` of the next line's mean letter width (a wide font's "n" is
    0.63 em)."""
    return x1 >= right - max(BROKEN_WORD_RIGHT_EM * size, BROKEN_WORD_NEXT_LETTERS * next_letter)


def broken_word_rest(head: str, tail: str, counts: Mapping[str, int] | None = None) -> bool:
    """Is `tail`, first on its line, the rest of the word `head` that fills the line before to
    its edge (`fills_to_edge`)? A long word that simply wrapped fills its line as well
    ("brukarundersökningar" / "och …"), so the text decides, with `counts` the document's
    printed words (`printed_words` by default):
    - a rest in lower case of at most `FRAGMENT_MAX_LETTERS` letters that is no short Swedish
      word ("r", "nde", "tion"), nor a word the document prints inside a line elsewhere
      ("Näringslivsarbetet" / "sker");
    - a joined word the document prints whole elsewhere;
    - a rest the document prints nowhere inside a line, but as the end of longer words
      ("pporter" of "rapporter", "kningar" of "undersökningar", "neringen" of "planeringen",
      however often the same question breaks it the same way): the end of a word, not a word
      ("verksamhetsuppföljning" / "avseende" is two words, though each is printed once).
    """
    rest = bare(tail)
    if not (head[-1:].isalpha() and tail[:1].islower() and rest):
        return False
    counts = _PRINTED.get() if counts is None else counts
    if counts and counts.get(bare(head + tail), 0) > 0:
        return True
    if rest in STARTS_WRAPPED_LINE or _printed_inside(rest):
        return False  # a word of its own: a short function word, or one printed mid-line
    if len(rest) <= FRAGMENT_MAX_LETTERS:
        return True
    return bool(counts) and _ends_printed_words(rest, counts)


def _printed_inside(word: str) -> bool:
    """Does the document print `word` after another word on a line (`printed_words`)?"""
    return word in _INSIDE.get()


def _ends_printed_words(rest: str, counts: Mapping[str, int]) -> bool:
    """Is `rest` the end of a longer word the document prints ("pporter" of "rapporter")?"""
    return any(len(word) > len(rest) and word.endswith(rest) for word in counts)


def _closing_quote(line: str) -> bool:
    """Does the line start with a closing quotation mark ("”." after "…ungdomsfullmäktige")?
    Swedish prints ” on both sides of a quotation; one that opens it is followed by its first
    word, one that closes it by punctuation, a space or nothing."""
    return line[0] in _QUOTES and (len(line) == 1 or line[1] in _CLOSING or line[1] == " ")


def _closes_open_quote(before: str, line: str) -> bool:
    """Does the line start with the mark that closes a quotation left open on the line
    `before` it ("… ”Ungdomsinitiativet" / "”och Pizzakväll")? Swedish prints ” (or ") on
    both sides of a quotation, so a mark at a line start followed by a letter is either. The
    text decides: one closed again on the same line ("”lättläst” finns") opens a quotation of
    its own; one after a mark on the line before that opened a quotation (a space before it,
    a letter after it) and was not closed yet closes it (fresh seed 4013 case 226). Only the
    line before counts: a mark that opened a quotation further back and was never closed
    ("”best practice." in fresh seed 4021 case 48, "”demokrati- och …" before it) or one that
    only closes ("tum-märket 12” står": the Norsjö seed joined as one text) glues nothing."""
    mark = line[0]
    if mark not in _BOTH_SIDES or _closed_on(line[1:], mark):
        return False
    return _opens_at(before, before.rfind(mark))


def _opens_at(text: str, at: int) -> bool:
    """Does the mark at `at` open a quotation: nothing or a space before it, a word after?"""
    return 0 <= at < len(text) - 1 and (at == 0 or text[at - 1] == " ") and text[at + 1] != " "


def _closed_on(rest: str, mark: str) -> bool:
    """Does `rest` hold `mark` closing a quotation: a word before it, nothing, a space or
    punctuation after it ("lättläst” finns")?"""
    for at, char in enumerate(rest):
        if char != mark:
            continue
        after = rest[at + 1 : at + 2]
        if at > 0 and rest[at - 1] != " " and (not after or after == " " or after in _CLOSING):
            return True
    return False


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph, cell or bullet into one string.

    A word split at a line end ("handlingspla-" / "ner") is rejoined without the hyphen; a
    hyphen that belongs to the text is kept ("kompetens- och", "e-tjänster", "HME-enkäten").
    """
    out = last = ""
    alone = False  # the line before held one word only
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        before, last = last, line
        if not out:
            out, alone = line, " " not in line
            continue
        first = line.split(" ", 1)[0]
        fragment, alone = (out.rsplit(" ", 1)[-1] if alone else ""), " " not in line
        if line[0] in _CLOSING or _closing_quote(line) or _closes_open_quote(before, line):
            out = out + line  # "…planeringen" / "?" or "”.": a break before closing punctuation
        elif fragment and _forced_break(fragment.strip(_WORD_EDGES), first):
            out = out + line  # a word broken in a narrow column, without a hyphen
        elif out[-1] in HYPHENS and len(out) >= 2 and out[-2].isalnum():
            if out[-1] == SOFT_HYPHEN:  # always a break inside a word
                out = out[:-1] + line
            elif first.casefold() in KEEPS_SUSPENDED_HYPHEN:  # "kompetens- och …"
                out = out + " " + line
            elif _keeps_hyphen(out, first):
                out = out + line
            else:
                out = out[:-1] + line
        elif out[-1] == "/":  # "planer/" + "strategier": a break after a slash adds no space
            out = out + line
        else:
            out = out + " " + line
    return out.replace(SOFT_HYPHEN, "")


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token) or _PERCENT.match(token))


def is_percent(token: str) -> bool:
    return bool(_PERCENT.match(token))


def number(token: str) -> int | float | None:
    """A printed number as printed: "13" → 13, "12,5" → 12.5, "85%" → 85."""
    m = _PERCENT.match(token)
    s = m.group(1) if m else token
    if not _NUMBER.match(s):
        return None
    s = s.replace(",", ".").replace("−", "-")
    return float(s) if "." in s else int(s)


_CID = re.compile(r"^\(cid:\d+\)\s*")


def strip_bullet(text: str) -> tuple[str | None, str]:
    """Split a leading bullet glyph off a line: ("•", "rest") or (None, text).

    A glyph the PDF gives no Unicode for comes out of pdfminer as "(cid:127)"; at the start of
    a line that is a bullet from a symbol font.
    """
    text = text.strip()
    if not text:
        return None, text
    m = _CID.match(text)
    if m:
        return "•", text[m.end() :].strip()
    ch = text[0]
    if ch in "-–*" and (len(text) == 1 or text[1] == " "):
        return ch, text[1:].strip()
    if ch in BULLETS and ch not in "-–*":
        return ch, text[1:].strip()
    return None, text


#: Letters as list labels: "a" … "z", then run on as Word and LibreOffice do ("aa" … "zz",
#: "aaa" …, seen up to "mmmm" in a long report), or LibreOffice's "aa, ab, ac" style.
#: Word and LibreOffice run a lettered list on past "z)" by repeating the letter ("aa)",
#: "aaa)", …): a list numbered on from list to list over a whole report reaches 200 items.
LABEL_LETTERS_MAX = 10
_LETTERS = rf"(?P<letter>[a-zA-Z])(?P=letter){{0,{LABEL_LETTERS_MAX - 1}}}"
#: Roman numerals i–xxxix (either case), only before ")": "vi." is a Swedish word ending a
#: sentence.
_ROMAN = r"(?=[ivxIVX])(?:x{0,3}(?:ix|iv|v?i{0,3})|X{0,3}(?:IX|IV|V?I{0,3}))"
#: A list label other than a glyph: "1." "12)" "a)" "B." "bb)" "mmm)" "ab)" "iv)" (Word's or
#: LibreOffice's automatic numbering, or typed).
LABEL_TEXT = rf"(?:\d{{1,3}}[.)]|{_LETTERS}[.)]|(?:[a-z]{{2}}|{_ROMAN})\))"
#: A list label other than a glyph (`LABEL_TEXT`) and a space after it.
_LABEL = re.compile(rf"^{LABEL_TEXT}(?=\s|$)")
#: A label glued to the item's first word: a label wider than the list's tab stop ("mmm)" in
#: a long lettered list) or a narrow tab: "10)Värdegrund:", "13.Formulera", "mmm)Webb…",
#: "33)2017 infördes …" (a number and ")" before a digit is no text of its own), "68.2017 …"
#: (a number and "." before a year: no Swedish number, whose decimal sign is a comma).
_GLUED_LABEL = re.compile(
    r"^(?:\d{1,3}(?:\)(?=[^\W_])|\.(?=[A-ZÅÄÖ]|\d{4}(?!\d)))"
    rf"|(?P<g>[a-z])(?P=g){{0,{LABEL_LETTERS_MAX - 1}}}\)(?=[A-ZÅÄÖ]))"
)


#: Letters a list's labels run through ("a)" … "z)") before they double ("aa)").
LETTERS = 26
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10}


def label_ordinal(label: str | None) -> int | None:
    """The place of a list label in its list: "3." 3, "c)" 3, "bb)" 28 (letters run on
    doubled, as Word and LibreOffice number them), "iv)" 4; None for a glyph or no label. A
    single "i)" or a doubled "ii)" reads as letters: "h)" comes before it far more often."""
    core = (label or "").rstrip(".)")
    if core.isdigit():
        return int(core)
    low = core.casefold()
    if low.isalpha() and len(set(low)) == 1 and core in (low, low.upper()):
        return ord(low[0]) - ord("a") + 1 + LETTERS * (len(low) - 1)
    if core and re.fullmatch(_ROMAN, core):
        values = [_ROMAN_VALUE[c] for c in low]
        return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return None


def strip_label(text: str) -> tuple[str | None, str]:
    """Split a list item's label off a line: any bullet glyph (`strip_bullet`), or a number or
    letter with "." or ")"; the label is never part of the item's text. Only for text already
    known to be a list (a findings region): a heading "3. Styrning" is read elsewhere."""
    glyph, rest = strip_bullet(text)
    if glyph is not None:
        return glyph, rest
    text = text.strip()
    m = _LABEL.match(text) or _GLUED_LABEL.match(text)
    if m:
        return m.group(0), text[m.end() :].strip()
    return None, text


def _vocabulary() -> frozenset[str]:
    """Words of every known area name (all versions and variants), case-folded."""
    from schema.instruments import instruments

    words = set()
    for inst in instruments():
        for area in inst.areas:
            for name in area.names:
                words.update(re.findall(r"\w+", name.casefold()))
    return frozenset(words)


_VOCABULARY: frozenset[str] | None = None


def join_label(lines: list[str]) -> str:
    """Join the wrapped lines of an area-name cell.

    A narrow label column makes a word processor break a long word without a hyphen
    ("Verksamhetsutveckli" / "ng"). Where the two pieces make a word of a known area name (or
    the start of one, broken again further on) and the first piece alone is not one, they are
    joined without a space; otherwise as `join_lines`.
    """
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _vocabulary()
    parts: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if parts:
            tail = re.findall(r"\w+$", parts[-1])
            head = re.findall(r"^\w+", line)
            if tail and head:
                joined = (tail[0] + head[0]).casefold()
                # a word of a known name, or the start of one broken twice in a very narrow
                # cell ("Kvalitets" / "utvecklin" / "g")
                known = joined in _VOCABULARY or any(
                    v.startswith(joined) for v in _VOCABULARY if len(v) > len(joined)
                )
                if known and tail[0].casefold() not in _VOCABULARY:
                    parts[-1] = parts[-1] + line
                    continue
        parts.append(line)
    return join_lines(parts)
