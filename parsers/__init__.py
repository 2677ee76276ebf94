"""PDF → report record. Parsers read files only: no network, no database."""

from parsers.errors import (
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    HtmlNotPdf,
    LimitExceeded,
    NotAKommunkompassReport,
    NotAPdf,
    NoTextLayer,
    ReportError,
    UnknownInstrument,
    UnknownMunicipality,
)
from parsers.report import PARSER_VERSION, parse_report

__all__ = [
    "PARSER_VERSION",
    "CorruptPdf",
    "EmptyFile",
    "EncryptedPdf",
    "HtmlNotPdf",
    "LimitExceeded",
    "NoTextLayer",
    "NotAKommunkompassReport",
    "NotAPdf",
    "ReportError",
    "UnknownInstrument",
    "UnknownMunicipality",
    "parse_report",
]
