"""Find report documents: links on a listing page (following "next page"), a folder of PDFs,
a text file of URLs, or single files. Municipality and year are never taken from here; the
link text is kept only as a hint for people reading the log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import httpx

from pipeline.download import USER_AGENT

MAX_LISTING_PAGES = 50
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
    path = urlparse(href).path.lower()
    return path.endswith(".pdf") or bool(re.search(r"\bpdf\b", text, re.I))


def parse_listing(html: str, base_url: str) -> tuple[list[Document], list[str]]:
    """PDF links (absolute, in page order) and "next page" links of one listing page."""
    parser = _Links()
    parser.feed(html)
    docs, nexts = [], []
    for href, text, rel in parser.links:
        if not href or href.startswith(("mailto:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href)).url
        remote = urlparse(url).scheme in ("http", "https")
        if rel == "next" or _NEXT.match(text):
            if remote:
                nexts.append(url)
        elif _is_pdf_link(href, text):
            # a file: (or ftp:, data:, …) link on a web page must never be read locally
            scheme = urlparse(url).scheme or "?"
            why = None if remote else f"refused: a {scheme}: link on a web page (only http(s))"
            docs.append(Document(url, text or None, refused=why))
    return docs, nexts


def discover_listing(url: str, client: httpx.Client) -> list[Document]:
    """Every PDF link of a listing page and the pages after it, each URL once."""
    seen_pages: set[str] = set()
    queue = [url]
    docs: dict[str, Document] = {}
    while queue and len(seen_pages) < MAX_LISTING_PAGES:
        page = queue.pop(0)
        if page in seen_pages:
            continue
        seen_pages.add(page)
        try:
            resp = client.get(page)
            resp.raise_for_status()
        except httpx.HTTPError as e:
            if page == url:
                raise DiscoveryError(f"{url}: listing page cannot be read ({_why(e)})") from e
            continue  # a broken later page must not hide the reports already found
        found, nexts = parse_listing(resp.text, str(resp.url))
        for d in found:
            docs.setdefault(d.location, d)
        queue.extend(n for n in nexts if n not in seen_pages)
    return list(docs.values())


def _why(e: httpx.HTTPError) -> str:
    if isinstance(e, httpx.HTTPStatusError):
        return f"HTTP {e.response.status_code}"
    return type(e).__name__


def discover(sources: list[str], client: httpx.Client | None = None) -> list[Document]:
    """Documents from each source, in order, without repeats.

    A source is a listing page URL, a direct PDF URL, a folder (its *.pdf), a text file of
    URLs or paths (one per line, # comments), or one PDF file.
    """
    own = client is None
    client = client or httpx.Client(
        headers={"User-Agent": USER_AGENT}, follow_redirects=True, timeout=30
    )
    out: dict[str, Document] = {}
    try:
        for source in sources:
            for d in _one(source, client):
                out.setdefault(d.location, d)
    finally:
        if own:
            client.close()
    return list(out.values())


def _one(source: str, client: httpx.Client) -> list[Document]:
    if source.startswith(("http://", "https://")):
        if urlparse(source).path.lower().endswith(".pdf"):
            return [Document(source)]
        return discover_listing(source, client)
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
                docs.extend(_one(line, client) if line.startswith("http") else [Document(line)])
        return docs
    return [Document(str(path))]
