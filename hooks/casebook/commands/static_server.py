"""A static file server on a free loopback port, for the browser tests and Lighthouse.

Built pages are opened from here as a reader's browser would open them from a host;
with ``gzip`` the server compresses text as any real host does (what Lighthouse and the
byte figures should see). An address with no file gets the site's top 404.html with the
status 404, as a static host (GitHub Pages) answers it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import io
import threading
from pathlib import Path
from typing import Iterator

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _Handler(http.server.SimpleHTTPRequestHandler):
    gzip = False

    def send_head(self):
        if not self.gzip:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip_module.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, *args):  # quiet: the callers print what matters
        pass


class _GzipHandler(_Handler):
    gzip = True


@contextlib.contextmanager
def serve(folder: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve ``folder``; yields the base URL (``http://127.0.0.1:PORT/``)."""
    handler = functools.partial(_GzipHandler if gzip else _Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
