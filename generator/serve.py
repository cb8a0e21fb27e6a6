"""Serve the built site on 127.0.0.1 under its base path, as GitHub Pages would."""
from __future__ import annotations

import functools
import http.server
from pathlib import Path

from .build import BuildOptions, site_config


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_url = "/"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.base_url) and clean + "/" != self.base_url:
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + clean[len(self.base_url):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args) -> None:  # quiet: one line per request is noise
        pass


def serve_forever(output: Path, port: int, options: BuildOptions) -> int:
    base_url = site_config(options).base_url
    handler = type("Handler", (_Handler,), {"base_url": base_url})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(output)))
    print(f"serving {output} at http://127.0.0.1:{port}{base_url} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
    return 0
