"""Find report documents: links on a listing page (following "next page"), a folder of PDFs,
a text file of URLs, or single files. Municipality and year are never taken from here; the
link text is kept only as a hint for people reading the log.

A listing page is read with the bounds of a download (`pipeline.download.fetch_page`): at
most `MAX_PAGE_BYTES` decoded bytes, `PAGE_DEADLINE_S` for the whole request, the stop
request (SIGTERM/Ctrl-C) honoured while waiting. A link that cannot be a URL (`[::1`, a
port out of range, a host with spaces) is one refused document (`BadUrl`), a PDF link in
another scheme (`file:`, `javascript:`, any case) one `RefusedScheme`, a later listing page
that cannot be read one row with its download error code: the other links go on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import httpx

from pipeline import signals
from pipeline.download import DownloadError, fetch_page, make_client

MAX_LISTING_PAGES = 50
#: A listing page of SKR's site is ~100 KB; 50x that is no listing.
MAX_PAGE_BYTES = 5 << 20
#: Whole request for one listing page, connect to last byte (redirects included); the
#: ingest gives its `--download-deadline` (a listing page gets the bounds of a PDF).
PAGE_DEADLINE_S = 120.0
#: Links that are no document and no page: dropped without a word.
_IGNORED = ("mailto:", "tel:", "#")
#: Characters no host name contains (urlparse and httpx let them through).
_BAD_HOST = re.compile(r"[\s%<>\"{}|\\^`\x00-\x1f\x7f]")
_NEXT = re.compile(r"^(nästa|next|nästa sida|fler|›|»|>)\b|^(›|»|>)$", re.I)


class DiscoveryError(Exception):
    """A source that cannot be read at all (the run cannot start)."""


@dataclass(frozen=True)
class Document:
    """One report to ingest: a URL to download or a local path."""

    location: str
    hint: str | None = None  # link text, e.g. "Norsjö kommun 2018 (PDF, nytt fönster)"
    #: Why it is not fetched: a link on a remote page that is not http(s), e.g. file:
    refused: str | None = None
    #: ingest_log.error_code of a refused document
    refused_code: str = "RefusedScheme"

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (href, text, rel)
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            a = dict(attrs)
            self._open.append([a.get("href") or "", "", (a.get("rel") or "").lower()])
        elif tag == "link":
            a = dict(attrs)
            if (a.get("rel") or "").lower() == "next" and a.get("href"):
                self.links.append((a["href"], "", "next"))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, text, rel = self._open.pop()
            self.links.append((href, " ".join(text.split()), rel))


def _is_pdf_link(href: str, text: str) -> bool:
    path = href.split("#", 1)[0].split("?", 1)[0].lower()  # no urlparse: href may be malformed
    return path.endswith(".pdf") or bool(re.search(r"\bpdf\b", text, re.I))


class BadLink(ValueError):
    """A link that cannot be made a usable URL."""


def absolute(href: str, base_url: str) -> str:
    """`href` resolved against the page, fragment dropped; `BadLink` when the result cannot
    be a URL (an unclosed IPv6 bracket, a port out of range, a host with spaces)."""
    try:
        url = urldefrag(urljoin(base_url, href)).url
        parts = urlparse(url)
        port = parts.port  # ValueError when out of range
        if parts.scheme.lower() in ("http", "https"):
            host = parts.hostname or ""
            if not host or _BAD_HOST.search(host) or port == 0:
                raise ValueError(f"no usable host in {href!r}")
            _ = httpx.URL(url).host  # what the client would refuse (IDNA, control characters)
    except BadLink:
        raise
    except Exception as e:  # ValueError, httpx.InvalidURL, idna's errors
        raise BadLink(f"malformed link {href[:200]!r} ({_first_line(e)})") from None
    return url


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:120] if text else type(e).__name__


def parse_listing(html: str, base_url: str) -> tuple[list[Document], list[str]]:
    """PDF links (absolute, in page order) and "next page" links of one listing page.

    Malformed PDF or next-page links come back as refused documents (`BadUrl`)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    docs, nexts = [], []
    for raw, text, rel in parser.links:
        href = raw.strip()
        if not href or href.lower().startswith(_IGNORED):
            continue
        is_next = rel == "next" or bool(_NEXT.match(text))
        if not is_next and not _is_pdf_link(href, text):
            continue
        try:
            url = absolute(href, base_url)
        except BadLink as e:
            what = "next-page link" if is_next else "link"
            docs.append(
                Document(
                    href,
                    text or None,
                    refused=f"refused: a {what} that is no URL: {e}",
                    refused_code="BadUrl",
                )
            )
            continue
        scheme = urlparse(url).scheme.lower()
        remote = scheme in ("http", "https")
        if is_next:
            if remote:
                nexts.append(url)
        else:
            # a file: (or ftp:, data:, javascript:, …) link on a web page is never followed
            why = (
                None if remote else f"refused: a {scheme or '?'}: link on a web page (only http(s))"
            )
            docs.append(Document(url, text or None, refused=why))
    return docs, nexts


def discover_listing(
    url: str, client: httpx.Client, deadline: float = PAGE_DEADLINE_S
) -> list[Document]:
    """Every PDF link of a listing page and the pages after it, each URL once.

    A later page that cannot be read is a refused document (its download error code); the
    first one is a `DiscoveryError`. A stop request ends the walk with what was found."""
    seen_pages: set[str] = set()
    queue = [url]
    docs: dict[str, Document] = {}
    while queue and len(seen_pages) < MAX_LISTING_PAGES and not signals.stopping():
        page = queue.pop(0)
        if page in seen_pages:
            continue
        seen_pages.add(page)
        try:
            html, final = fetch_page(
                page,
                client,
                max_bytes=MAX_PAGE_BYTES,
                deadline=deadline,
                should_stop=signals.stopping,
            )
        except DownloadError as e:
            if e.code == "Interrupted":
                break
            if page == url:
                why = f"HTTP {e.code[4:]}" if e.code.startswith("HTTP") else e.reason
                raise DiscoveryError(f"{url}: listing page cannot be read ({why})") from None
            # a broken later page must not hide the reports already found
            why = f"refused: listing page cannot be read ({e.reason})"
            docs.setdefault(page, Document(page, None, refused=why, refused_code=e.code))
            continue
        found, nexts = parse_listing(html, final)
        for d in found:
            docs.setdefault(d.location, d)
        queue.extend(n for n in nexts if n not in seen_pages)
    return list(docs.values())


def discover(
    sources: list[str], client: httpx.Client | None = None, *, deadline: float = PAGE_DEADLINE_S
) -> list[Document]:
    """Documents from each source, in order, without repeats.

    A source is a listing page URL, a direct PDF URL, a folder (its *.pdf), a text file of
    URLs or paths (one per line, # comments), or one PDF file.
    """
    own = client is None
    client = client or make_client()
    out: dict[str, Document] = {}
    try:
        for source in sources:
            for d in _one(source, client, deadline):
                out.setdefault(d.location, d)
    finally:
        if own:
            client.close()
    return list(out.values())


def _one(source: str, client: httpx.Client, deadline: float) -> list[Document]:
    if source.startswith(("http://", "https://")):
        if urlparse(source).path.lower().endswith(".pdf"):
            return [Document(source)]
        return discover_listing(source, client, deadline)
    path = Path(source)
    if path.is_dir():
        return [Document(str(p)) for p in sorted(path.glob("*.pdf")) + sorted(path.glob("*.PDF"))]
    if not path.exists():
        raise DiscoveryError(f"{source}: no such file, folder or URL")
    if path.suffix.lower() in (".txt", ".list", ".urls"):
        docs = []
        for line in path.read_text("utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                docs.extend(
                    _one(line, client, deadline) if line.startswith("http") else [Document(line)]
                )
        return docs
    return [Document(str(path))]
