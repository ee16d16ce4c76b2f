"""Serves a built site on 127.0.0.1 for scripts/quality.sh, compressed like the
production host (gzip for text), with directory URLs as their index.html and
404.html for missing pages. Usage: quality-server.py FOLDER PORT"""
import gzip
import io
import http.server
import os
import sys

TEXT = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".json")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            path, status = os.path.join(self.directory, "404.html"), 404
        with open(path, "rb") as f:
            body = f.read()
        encoding = None
        if path.endswith(TEXT) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, mtime=0), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        if "/assets/" in path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.end_headers()
        return io.BytesIO(body)


if __name__ == "__main__":
    folder, port = sys.argv[1], int(sys.argv[2])
    handler = lambda *a, **k: Handler(*a, directory=folder, **k)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
