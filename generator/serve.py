"""Serve the built site on 127.0.0.1 under its base path, as GitHub Pages would; watch and reload.

`serve` builds, serves, watches content/, templates/ and site.yaml, rebuilds incrementally on a
change and reloads the open pages. The reload script is added to HTML responses by this server
only: the files in _site/ never contain it, and pages need no JavaScript to be read.
"""
from __future__ import annotations

import functools
import http.server
import io
import os
import threading
import traceback
from pathlib import Path
from typing import Callable

from .options import BuildOptions, site_config
from .render import TEMPLATES

RELOAD_ENDPOINT = "__quotewire/generation"
# Asks the server every half second which build it serves; reloads when that changes.
RELOAD_SCRIPT = """<script>/* added by `quotewire serve`, never written to _site/ */
(function () {{
  var seen = "{generation}";
  function poll() {{
    fetch("{endpoint}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (now) {{ if (now !== seen) location.reload(); }})
      .catch(function () {{}}).then(function () {{ setTimeout(poll, 500); }});
  }}
  setTimeout(poll, 500);
}})();
</script>
"""


class LocalServer(http.server.ThreadingHTTPServer):
    """A local server that does not reset a browser's burst of parallel connections."""

    request_queue_size = 128
    daemon_threads = True


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_url = "/"

    def outside_base(self) -> bool:
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        return not clean.startswith(self.base_url) and clean + "/" != self.base_url

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path("/" + clean[len(self.base_url):])

    def send_head(self):
        if self.outside_base():       # GitHub Pages serves a project site under /<repo>/ only
            self.send_error(404)
            return None
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = self.decorate(page.read_bytes())
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def decorate(self, html: bytes) -> bytes:
        return html

    def log_message(self, format: str, *args) -> None:  # quiet: one line per request is noise
        pass


class Generation:
    """Which build the server shows; bumped by the watcher after a rebuild that changed files."""

    def __init__(self) -> None:
        self.number = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.number += 1


class _LiveHandler(_Handler):
    """Adds the reload script to every HTML page and answers the script's question."""

    generation: Generation

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == self.base_url + RELOAD_ENDPOINT:
            body = str(self.generation.number).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if self.outside_base() or not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        body = self.decorate(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def decorate(self, html: bytes) -> bytes:
        script = RELOAD_SCRIPT.format(generation=self.generation.number,
                                      endpoint=self.base_url + RELOAD_ENDPOINT).encode()
        at = html.rfind(b"</body>")
        return html[:at] + script + html[at:] if at >= 0 else html + script


def make_server(output: Path, base_url: str, port: int, generation: Generation | None = None):
    """A threading server for `output` under `base_url`; live-reloading when given a Generation."""
    attrs = {"base_url": base_url} if generation is None else {"base_url": base_url, "generation": generation}
    handler = type("Handler", (_LiveHandler if generation else _Handler,), attrs)
    server = LocalServer(("127.0.0.1", port), functools.partial(handler, directory=str(output)))
    server.daemon_threads = True
    return server


def watched_paths(options: BuildOptions) -> list[Path]:
    paths = [options.content, TEMPLATES]
    return paths + ([options.config] if options.config.is_file() else [])


def watch_and_rebuild(options: BuildOptions, rebuild: Callable[[], bool], generation: Generation,
                      stop: threading.Event | None = None) -> None:
    """Rebuild after each batch of changes; a rebuild that changed files reloads the pages."""
    import watchfiles

    output = options.output.resolve()
    cache = options.cache_folder.resolve() if options.cache_folder else None

    def relevant(change, path: str) -> bool:
        p = Path(path)
        inside = any(folder is not None and (p == folder or folder in p.parents) for folder in (output, cache))
        return not inside and watchfiles.DefaultFilter()(change, path)

    for _changes in watchfiles.watch(*watched_paths(options), watch_filter=relevant, debounce=300,
                                     stop_event=stop, raise_interrupt=True):
        if rebuild():
            generation.bump()


def serve_command(options: BuildOptions, port: int, *, watch: bool,
                  build_once: Callable[[BuildOptions], int]) -> int:
    """Build, serve, and (unless watch=False) rebuild on changes until Ctrl-C."""
    if build_once(options) != 0 and not options.output.is_dir():
        return 1
    base_url = site_config(options).base_url
    generation = Generation() if watch else None
    server = make_server(options.output, base_url, port, generation)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    watching = ", watching content, templates and settings" if watch else ""
    print(f"serving {options.output} at http://127.0.0.1:{server.server_address[1]}{base_url}"
          f"{watching} (Ctrl-C stops)", flush=True)

    def rebuild() -> bool:
        before = _state(options.output)
        try:
            build_once(options)
        except Exception:     # a bug, or a template being edited: show it and keep serving
            traceback.print_exc()
        return _state(options.output) != before

    try:
        if watch:
            watch_and_rebuild(options, rebuild, generation)
        else:
            thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    print("stopped", flush=True)
    return 0


def _state(output: Path) -> dict[str, tuple[int, int]]:
    from .memo import output_state
    return output_state(output)
