"""The raw store: every PDF the pipeline read, content-addressed as `raw_reports/<sha256>.pdf`.

A file enters the store through a temporary file in the same folder, hashed on the way in
(the one place a document's sha256 is computed), and is renamed into place only when
complete: a reader sees the whole file or none. What a server sends instead of a PDF goes to
`rejected/` for diagnosis, never among the reports (`sniff` is the one place that decides
"is this a PDF?"). `manifest.jsonl` records each download (URL, time, size, ETag,
Last-Modified) so that the next run asks with a conditional GET.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from warehouse.home import default_raw_dir

#: The store when no --raw-dir is given: raw_reports/ in the checkout (installed from a wheel:
#: in the user's data folder, `warehouse.home`).
DEFAULT_RAW_DIR = default_raw_dir()
#: How much of a file's start `sniff` needs.
HEAD_BYTES = 1024

Kind = Literal["pdf", "html", "bin"]


def sniff(head: bytes) -> Kind:
    """What a file's first bytes say it is: a PDF (`%PDF-` within them), an HTML page (a
    server's error page saved under a .pdf link), or something else."""
    if b"%PDF-" in head[:HEAD_BYTES]:
        return "pdf"
    lower = head[:HEAD_BYTES].lower()
    return "html" if b"<html" in lower or b"<!doctype" in lower else "bin"


class NotAPdfError(Exception):
    """Bytes that are not a PDF; kept under rejected/ as `path`."""

    def __init__(self, kind: Kind, path: Path):
        self.kind, self.path = kind, path
        super().__init__(f"{kind}: {path}")


@dataclass(frozen=True)
class Stored:
    """A document in the store: where it came from, its sha256 and its stored copy."""

    source: str  # what the operator named: a URL or a local path
    sha256: str
    path: Path  # raw_reports/<sha256>.pdf
    url: str | None = None
    not_modified: bool = False  # a conditional GET answered 304


@dataclass
class ManifestEntry:
    url: str
    sha256: str
    fetched_at: str
    size: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    hint: str | None = None


class RawDirError(Exception):
    """The raw folder cannot be created or written to; the message names it."""


def usable_dir(raw_dir: Path | None = None) -> Path:
    """The raw folder (default `DEFAULT_RAW_DIR`), created and checked writable by writing a
    file (as root, access() says yes to everything): a run refuses before any work, not
    document by document. Raises `RawDirError`."""
    target = raw_dir or DEFAULT_RAW_DIR
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RawDirError(f"raw folder {target}: cannot create it ({e.strerror or e})") from e
    try:
        with tempfile.TemporaryFile(dir=target, prefix=".probe-"):
            pass
    except OSError as e:
        raise RawDirError(f"raw folder {target}: not writable") from e
    return target


def hashed(path: str | Path) -> Stored:
    """A file outside any store, as its own stored copy (hashed here, once)."""
    path = Path(path)
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return Stored(str(path), h.hexdigest(), path)


class StoreWriteError(OSError):
    """The raw folder cannot take the file (full disk, read-only, no permission): not the
    document's fault. `reason` is the one line for ingest_log (code `StoreFailed`)."""

    def __init__(self, root: Path, e: OSError):
        super().__init__(e.errno, e.strerror)
        self.reason = f"cannot write to the raw folder {root}: {e.strerror or e}"


class RawStore:
    """The folder of raw PDFs and its manifest (safe for threads of one process)."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root is not None else DEFAULT_RAW_DIR
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.root / "manifest.jsonl"
        self._lock = threading.Lock()

    @property
    def ocr_cache(self) -> Path:
        """OCR'd text layers of scans, by the scan's sha256 (parsers/ocr.py): passed down to
        the parse (`parsers.ocr.Settings`), so reprocess reuses them."""
        return self.root / "ocr"

    def path_for(self, sha256: str) -> Path:
        return self.root / f"{sha256}.pdf"

    def find(self, sha_prefix: str) -> list[Path]:
        return sorted(self.root.glob(f"{sha_prefix}*.pdf"))

    def write(self, chunks: Iterable[bytes], prefix: str = ".download-") -> tuple[str, Path, bytes]:
        """Stream `chunks` into a temp file of the store, hashing them; returns (sha256, temp
        file, head). The temp file is removed if anything goes wrong (`chunks` may raise)."""
        h = hashlib.sha256()
        with self._writing():
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=self.root)
        tmp = Path(name)
        head = b""
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:  # the source's own errors pass as they are
                    if len(head) < HEAD_BYTES:
                        head += chunk[: HEAD_BYTES - len(head)]
                    h.update(chunk)
                    with self._writing():
                        f.write(chunk)
                with self._writing():
                    f.flush()
                    os.fsync(f.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return h.hexdigest(), tmp, head

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """An OSError here is the store's (`StoreWriteError`), not the document's."""
        try:
            yield
        except StoreWriteError:
            raise
        except OSError as e:
            raise StoreWriteError(self.root, e) from e

    def keep(self, tmp: Path, sha256: str, head: bytes, *, reject: bool = True) -> Path:
        """Rename a finished temp file into place (atomic). With `reject`, bytes that are not
        a PDF go to rejected/<sha256>.<kind> instead and `NotAPdfError` says where."""
        kind = sniff(head)
        if reject and kind != "pdf":
            rejected = self.root / "rejected"
            rejected.mkdir(exist_ok=True)
            target = rejected / f"{sha256}.{kind}"
            os.replace(tmp, target)
            raise NotAPdfError(kind, target)
        final = self.path_for(sha256)
        with self._writing():
            if final.exists():
                tmp.unlink()
            else:
                os.replace(tmp, final)
        return final

    def add_local(self, path: str | Path) -> Stored:
        """Copy a local file into the store (so it can be reprocessed without its origin).

        Not sniffed: the parser's refusal of a non-PDF names the file and lands in ingest_log,
        with the bytes kept for a look. Raises OSError when the file cannot be read."""
        path = Path(path)
        with path.open("rb") as src:
            sha, tmp, head = self.write(iter(lambda: src.read(1 << 20), b""), prefix=".copy-")
        return Stored(str(path), sha, self.keep(tmp, sha, head, reject=False))

    def latest(self, url: str) -> ManifestEntry | None:
        """The newest manifest entry for `url` whose file is still there."""
        if not self.manifest_path.exists():
            return None
        found = None
        with self._lock, self.manifest_path.open(encoding="utf-8") as f:
            for line in f:
                try:
                    entry = ManifestEntry(**json.loads(line))
                except (json.JSONDecodeError, TypeError):
                    continue  # a torn last line from a crash must not stop the run
                if entry.url == url:
                    found = entry
        if found and self.path_for(found.sha256).exists():
            return found
        return None

    def record(self, entry: ManifestEntry) -> None:
        line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
        with self._lock, self._writing(), self.manifest_path.open("a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())

    def remove_stale_parts(self) -> None:
        """Temp files of a run that was killed are never reports: clear them at start."""
        for part in self.root.glob(".*.part"):
            part.unlink(missing_ok=True)
