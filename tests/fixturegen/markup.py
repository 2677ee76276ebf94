"""Line-break markup used in specs for table cells and bullets.

"|"  a line break at a space            "informationen|om"   -> "informationen om"
"~"  a line-end hyphen inside a word    "handlingspla~ner"   -> "handlingsplaner"
"-|" a real hyphen at a line end        "HME-|enkäten"       -> "HME-enkäten"
"- |" a real hyphen then a space        "kompetens- |och"    -> "kompetens- och"
"""

from __future__ import annotations


def expected_text(marked: str) -> str:
    """The whole text a parser must recover."""
    text = marked.replace("~", "").replace("-|", "-").replace("|", " ")
    return " ".join(text.split())  # extraction cannot tell one space from two


def forced_lines(marked: str) -> list[str]:
    """The printed lines, hyphens included, before any automatic wrapping."""
    lines, cur = [], ""
    for ch in marked:
        if ch == "|":
            lines.append(cur.rstrip())
            cur = ""
        elif ch == "~":
            lines.append(cur + "-")
            cur = ""
        else:
            cur += ch
    lines.append(cur.rstrip())
    return lines
