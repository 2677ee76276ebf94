"""A hostile website on 127.0.0.1: what a server can do to a crawler at the byte level.

Written on a raw socket (not `http.server`), so a response can drip its headers, never end,
lie about its encoding or redirect forever:

- `/endless/`           a chunked listing page that never ends
- `/trickle/`           a listing page sent one byte every `trickle_s`
- `/drip-headers.pdf`   the status line and headers one byte every `trickle_s`
- `/slow-redirect/N`    N redirects, each answered after `redirect_s`, then a good PDF
- `/loop.pdf`           a redirect to itself, forever
- `/gzip2.pdf`, `/gzip2/`  `Content-Encoding: gzip, gzip`: a few KB inflating to `bomb_mb` MB
- `/gzip-bomb.pdf`      one gzip layer inflating to `bomb_mb` MB of zeros
- `/broken-gzip.pdf`    `Content-Encoding: gzip` over bytes that are not gzip
- `/good/NAME.pdf`      a fixture report, gzip-encoded when asked with `?gz`
- `/crafted/NAME.pdf`   a hostile PDF of `tests/hostile.py` (inflate bomb and its three
                        pre-check bypasses, a page tree naming one page 100,000 times)
- `/bad-links/`         malformed links, other schemes (any case) and one good report
- `/all/`               every hostile link above and the good reports, on one page

Asked as an HTTP proxy (an absolute URL in the request line), it answers the same paths.
"""

from __future__ import annotations

import contextlib
import gzip
import socketserver
import threading
import time
import zlib
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = ["norsjo-2018", "angelholm-2019"]

BAD_LINKS = """<li><a href="http://[::1/x.pdf">Trasig IPv6-länk (PDF)</a></li>
<li><a href="http://127.0.0.1:99999/y.pdf">Port utanför intervallet (PDF)</a></li>
<li><a href="http://ex ample.com/z.pdf">Värd med mellanslag (PDF)</a></li>
<li><a href="javascript:open('a.pdf')">Skript, gemener (PDF)</a></li>
<li><a href="JavaScript:open('b.pdf')">Skript, versaler (PDF)</a></li>
<li><a href="mailto:kommun@example.org">E-post</a></li>
<li><a href="http://[::1/next">Nästa sida</a></li>"""


@cache
def deflated(megabytes: int) -> bytes:
    """gzip of `megabytes` MB of zeros, built in pieces (about 1 KB per MB)."""
    z = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join(z.compress(block) for _ in range(megabytes)) + z.flush()


#: Hostile PDFs served under /crafted/ (each refused by a limit before a PDF library reads it).
CRAFTED = [
    "inflate-300mb",
    "bypass-image-subtype",
    "bypass-indirect-filter",
    "bypass-far-filter",
    "pageloop-100k",
]


@cache
def crafted(name: str) -> bytes:
    from tests import hostile

    if name == "inflate-300mb":
        return hostile.inflate_bomb(300)
    if name == "pageloop-100k":
        return hostile.page_loop(100_000)
    return hostile.inflate_bypasses()[name]


class HostileServer:
    def __init__(self, *, trickle_s: float = 0.2, redirect_s: float = 1.0, bomb_mb: int = 200):
        self.trickle_s, self.redirect_s, self.bomb_mb = trickle_s, redirect_s, bomb_mb
        self.hits: dict[str, int] = {}
        self.proxied: list[str] = []  # absolute URLs asked of it as an HTTP proxy
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                with contextlib.suppress(OSError):
                    line = self.rfile.readline(65537).decode("latin-1")
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    path = line.split(" ")[1] if line.count(" ") >= 2 else "/"
                    if "://" in path:  # asked as a proxy: "GET http://host/path HTTP/1.1"
                        server.proxied.append(path)
                        path = "/" + path.split("://", 1)[1].partition("/")[2]
                    server.hits[path] = server.hits.get(path, 0) + 1
                    server.route(path, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        # the bombs are built before the first request: built on demand, they took longer
        # than a 3 s download deadline on a loaded machine (Timeout instead of their code)
        deflated(self.bomb_mb)
        for name in CRAFTED:
            crafted(name)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- pages -------------------------------------------------------------------------

    def good_links(self) -> str:
        return (
            "\n".join(f'<li><a href="/good/{n}.pdf">{n} (PDF)</a></li>' for n in GOOD)
            + '\n<li><a href="/good/kalmar-2012.pdf?gz">Kalmar, gzip (PDF)</a></li>'
        )

    def all_links(self) -> str:
        hostile = [
            "/drip-headers.pdf",
            "/slow-redirect/20",
            "/loop.pdf",
            "/gzip2.pdf",
            "/gzip-bomb.pdf",
            "/broken-gzip.pdf",
            *(f"/crafted/{name}.pdf" for name in CRAFTED),
        ]
        return (
            self.good_links()
            + "\n"
            + BAD_LINKS.replace("Nästa sida", "Next")
            + "\n"
            + "\n".join(f'<li><a href="{h}">{h} (PDF)</a></li>' for h in hostile)
            + '\n<a href="/endless/">Nästa sida</a> <a href="/gzip2/" rel="next">more</a>'
            + ' <a href="/trickle/" rel="next">more</a>'
        )

    def route(self, path: str, out) -> None:
        html = "<html><body><ul>{}</ul></body></html>"
        if path == "/bad-links/":
            send(out, 200, html.format(self.good_links() + "\n" + BAD_LINKS).encode(), "text/html")
        elif path == "/all/":
            send(out, 200, html.format(self.all_links()).encode(), "text/html")
        elif path.startswith("/good/"):
            name = path.split("/")[-1].split("?")[0]
            data = (FIXTURES / name).read_bytes()
            if path.endswith("?gz"):
                send(out, 200, gzip.compress(data), "application/pdf", ["Content-Encoding: gzip"])
            else:
                send(out, 200, data, "application/pdf")
        elif path.startswith("/crafted/"):
            name = path.removeprefix("/crafted/").removesuffix(".pdf")
            if name in CRAFTED:
                send(out, 200, crafted(name), "application/pdf")
            else:
                send(out, 404, b"not found", "text/plain")
        elif path == "/endless/":
            out.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            out.write(b"Transfer-Encoding: chunked\r\n\r\n")
            piece = b"<p>" + b"Kommunkompassen " * 4000 + b"</p>\n"
            chunk = b"%x\r\n" % len(piece) + piece + b"\r\n"
            while True:
                out.write(chunk)
        elif path in ("/trickle/", "/drip-headers.pdf"):
            body = html.format(self.good_links()).encode()
            head = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
                b"text/html" if path == "/trickle/" else b"application/pdf",
                len(body),
            )
            for byte in head + body:
                out.write(bytes([byte]))
                out.flush()
                time.sleep(self.trickle_s)
        elif path.startswith("/slow-redirect/"):
            left = int(path.rsplit("/", 1)[1])
            time.sleep(self.redirect_s)
            if left <= 0:
                send(out, 200, (FIXTURES / "norsjo-2018.pdf").read_bytes(), "application/pdf")
            else:
                redirect(out, f"/slow-redirect/{left - 1}")
        elif path == "/loop.pdf":
            redirect(out, "/loop.pdf")
        elif path in ("/gzip2.pdf", "/gzip2/"):
            body = gzip.compress(deflated(self.bomb_mb))
            send(out, 200, body, "application/pdf", ["Content-Encoding: gzip, gzip"])
        elif path == "/gzip-bomb.pdf":
            send(out, 200, deflated(self.bomb_mb), "application/pdf", ["Content-Encoding: gzip"])
        elif path == "/broken-gzip.pdf":
            body = b"%PDF-1.4 this is not gzip at all " * 100
            send(out, 200, body, "application/pdf", ["Content-Encoding: gzip"])
        else:
            send(out, 404, b"not found", "text/plain")


def send(out, status: int, body: bytes, kind: str, extra: list[str] | None = None) -> None:
    head = [f"HTTP/1.1 {status} X", f"Content-Type: {kind}", f"Content-Length: {len(body)}"]
    head += [*(extra or []), "Connection: close"]
    out.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    out.flush()


def redirect(out, location: str) -> None:
    out.write(
        f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()
    )
    out.flush()
