"""Named errors for input the parser refuses. `str(err)` is one line: the file name and why."""

from __future__ import annotations

from pathlib import Path


class ReportError(Exception):
    """Base class: a document that cannot be turned into a report record."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class EmptyFile(ReportError):
    """The file has no bytes (often an interrupted download)."""


class NotAPdf(ReportError):
    """The bytes are not a PDF at all."""


class HtmlNotPdf(NotAPdf):
    """An HTML page (typically a server's error page) saved under a .pdf name."""


class CorruptPdf(ReportError):
    """Starts like a PDF but cannot be read: truncated, damaged, or not finished writing."""


class EncryptedPdf(ReportError):
    """Password-protected; we do not try to break it."""


class NoTextLayer(ReportError):
    """Pages are images only (a scan); OCR would be needed first."""


class NotAKommunkompassReport(ReportError):
    """A readable PDF that is not a Kommunkompassen evaluation report."""


class UnknownInstrument(ReportError):
    """The area names match none of the known instrument versions."""


class UnknownMunicipality(ReportError):
    """No Swedish municipality could be identified as the report's subject."""


class LimitExceeded(ReportError):
    """Reading it would cost more than any report needs: too many pages or characters, a
    stream that inflates too far, too much time or memory (see parsers/limits.py)."""
