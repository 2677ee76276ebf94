"""`kompass demo`: the main job end to end on the bundled sample reports.

The sample PDFs are served from a local HTTP server on 127.0.0.1 (its directory listing is the
"listing page"), so the real discover → download → parse → load path runs, into the default
SQLite warehouse and raw_reports/.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_folder(folder: Path = SAMPLES) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yields the listing page URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


#: The query `kompass demo` shows after the run.
SAMPLE_SQL = (
    "SELECT municipality, evaluation_year, instrument_version, total_points, "
    "warning_count FROM evaluations ORDER BY municipality"
)
