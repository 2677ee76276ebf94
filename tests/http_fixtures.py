"""A real HTTP server on 127.0.0.1 serving fixture PDFs and listing pages, with the ways real
servers fail: 404, a 500 that succeeds on retry, a response slower than the timeout, an HTML
page served as .pdf, a truncated PDF, a body cut off half-way, a body that trickles in
for longer than any deadline, a listing page with file: links, and ETag / 304."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = ["norsjo-2018", "angelholm-2019", "gavle-2022", "kalmar-2012"]
FLAKY_SERVES = "lidkoping-2017"


class ReportServer:
    def __init__(self, slow_seconds: float = 2.5, drip_seconds: float = 30.0):
        self.hits: Counter[str] = Counter()
        #: drip.pdf sends one byte every 50 ms (never a gap long enough for a timeout) for
        #: at most this long, then hangs up
        self.drip_seconds = drip_seconds
        self.not_modified: Counter[str] = Counter()
        self.slow_seconds = slow_seconds
        self.listing_status = 200
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> ReportServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def page1(self) -> str:
        b = self.base
        return f"""<!DOCTYPE html><html><head><title>Utvärderingsrapporter Kommunkompassen</title>
<link rel="stylesheet" href="/style.css"></head><body><h1>Utvärderingsrapporter</h1><ul>
<li><a href="norsjo-2018.pdf">Norsjö kommun 2018 (PDF, nytt fönster)</a></li>
<li><a href="{b}/reports/angelholm-2019.pdf">Ängelholms kommun 2019 (PDF)</a></li>
<li><a href="/reports/norsjo-2018.pdf#page=2">Norsjö kommun 2018, samma rapport</a></li>
<li><a href="/reports/missing.pdf">Borttagen rapport (PDF)</a></li>
<li><a href="/reports/flaky.pdf">Lidköpings kommun 2017 (PDF)</a></li>
<li><a href="/reports/slow.pdf">Långsam server (PDF)</a></li>
<li><a href="/reports/error-page.pdf">Felsida (PDF)</a></li>
<li><a href="/reports/truncated.pdf">Trasig rapport (PDF)</a></li>
<li><a href="/reports/cut.pdf">Avbruten överföring (PDF)</a></li>
<li><a href="/om-oss">Om oss</a></li>
</ul><a href="/reports/?page=2">Nästa sida</a></body></html>"""

    def page2(self) -> str:
        return """<html><body><ul>
<li><a href="/reports/gavle-2022.pdf">Gävle kommun 2022 (PDF)</a></li>
<li><a href="/reports/kalmar-2012.pdf">Kalmar kommun 2012 (PDF)</a></li>
</ul><a href="/reports/">Föregående sida</a></body></html>"""

    def hostile_listing(self) -> str:
        """Links a web page must not make kompass read from the local disk."""
        return """<html><body><ul>
<li><a href="/reports/gavle-2022.pdf">Gävle kommun 2022 (PDF)</a></li>
<li><a href="file:///secret.pdf">Hemlig rapport (PDF)</a></li>
<li><a href="file:secret.pdf">Relativ fil (PDF)</a></li>
<li><a href="ftp://127.0.0.1/x.pdf">FTP (PDF)</a></li>
</ul><a href="file:///etc/">Nästa sida</a></body></html>"""

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def send_pdf(self, data: bytes) -> None:
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    server.not_modified[self.path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.route()  # a client that gave up (the timeout case) is no error

            def route(self) -> None:
                url = urlparse(self.path)
                server.hits[self.path] += 1
                name = url.path.rsplit("/", 1)[-1]
                if url.path == "/reports/":
                    if server.listing_status != 200:
                        self.send_error(server.listing_status)
                        return
                    body = (server.page2() if "page=2" in url.query else server.page1()).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif name.removesuffix(".pdf") in GOOD:
                    self.send_pdf((FIXTURES / name).read_bytes())
                elif name == "flaky.pdf":
                    if server.hits[self.path] == 1:
                        self.send_error(500, "Internal Server Error")
                    else:
                        self.send_pdf((FIXTURES / f"{FLAKY_SERVES}.pdf").read_bytes())
                elif name == "slow.pdf":
                    time.sleep(server.slow_seconds)
                    self.send_pdf((FIXTURES / "norsjo-2018.pdf").read_bytes())
                elif name == "error-page.pdf":
                    body = (FIXTURES / "bad" / "html-error-page.pdf").read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif name == "truncated.pdf":
                    self.send_pdf((FIXTURES / "bad" / "truncated.pdf").read_bytes())
                elif name == "drip.pdf":
                    data = (FIXTURES / "norsjo-2018.pdf").read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    until = time.monotonic() + server.drip_seconds
                    for byte in data:
                        if time.monotonic() > until:
                            break
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                    self.close_connection = True
                elif url.path == "/hostile/":
                    body = server.hostile_listing().encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif name == "cut.pdf":
                    data = (FIXTURES / "strangnas-2014.pdf").read_bytes()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                else:
                    self.send_error(404, "Not Found")

        return Handler
