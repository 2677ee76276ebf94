"""Files that kompass writes for a user (exports, workbooks, the data dictionary): a file or
folder that cannot be written is `OutputError`, one line naming it, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """A file or folder kompass was asked to write cannot be written; `str()` is one line
    naming it and the operating system's reason."""


def reason(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


@contextmanager
def writing(path: str | Path, doing: str = "cannot write it") -> Iterator[None]:
    """Turn an OSError while writing `path` into OutputError ("x.xlsx: cannot write it
    (permission denied)"); a missing folder is said as such before anything is tried."""
    parent = Path(path).parent
    if not parent.is_dir():
        raise OutputError(f"{path}: {doing} (there is no folder {parent})")
    try:
        yield
    except OSError as e:
        raise OutputError(f"{path}: {doing} ({reason(e)})") from e


def folder(path: str | Path) -> Path:
    """`path` as a folder to write into, created if needed; OutputError when it cannot be."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: not a folder")
    with writing(out, "cannot create the folder"):
        out.mkdir(parents=True, exist_ok=True)
    return out
