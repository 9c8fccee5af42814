"""Importing by address, against a local HTTP server on 127.0.0.1 (no other network)."""

import http.server
import socket
import threading
import time

import pytest

from qtapp.core.errors import ImportFailed
from qtapp.core.files import MAX_IMPORT_BYTES
from qtapp.core.importers import import_paths, read_document

PAGE = b"""<!DOCTYPE html><html><head><title>Ferry fares to rise</title>
<meta name="author" content="Joana Pinto"><meta property="og:site_name" content="Island Courier">
<meta property="article:published_time" content="2025-01-14"></head><body>
<nav>Home | Sport | Weather</nav><article><h1>Ferry fares to rise</h1>
<p>Ferry fares between the two islands will rise by a tenth in the spring, the operator said on Tuesday.</p>
<p>\xe2\x80\x9cFuel has cost us more every month this year,\xe2\x80\x9d said Rui Matos, the operator's director.</p>
<p>Islanders' groups said they would ask the regional government for a subsidy.</p></article>
<footer>Island Courier, all rights reserved</footer></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/story":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/mislabelled":
            self._send(200, "application/octet-stream", PAGE)
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        elif self.path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(MAX_IMPORT_BYTES + 1))
            self.end_headers()
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"words " * 10_000
            try:
                for _ in range(MAX_IMPORT_BYTES // len(chunk) + 10):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")

    def _send(self, status, content_type, body):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_with_its_article_and_details(server):
    draft = read_document(f"{server}/story")
    assert draft.kind == "article"
    assert draft.title == "Ferry fares to rise"
    assert draft.outlet == "Island Courier"
    assert [a.display() for a in draft.authors] == ["Joana Pinto"]
    assert draft.date.iso == "2025-01-14"
    assert draft.url == f"{server}/story" and draft.accessed is not None
    assert "“Fuel has cost us more every month this year,”" in draft.text
    assert "Sport" not in draft.text


def test_what_arrives_decides_how_it_is_read_not_the_server_s_label(server):
    draft = read_document(f"{server}/mislabelled")
    assert draft.title == "Ferry fares to rise" and "Fuel has cost us more" in draft.text


def test_the_same_address_twice_is_a_duplicate(library, server):
    first = import_paths(library, [f"{server}/story"]).outcomes[0]
    again = import_paths(library, [f"{server}/story"]).outcomes[0]
    assert first.status == "added"
    assert (again.status, again.source_id) == ("duplicate", first.source_id)
    assert library.sources.get(first.source_id).url == f"{server}/story"


def test_an_error_status_is_reported_with_the_address(server):
    with pytest.raises(ImportFailed, match="404"):
        read_document(f"{server}/missing")


def test_a_server_that_does_not_answer_in_time_is_reported(server):
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=r"did not answer within 0\.5 seconds"):
        read_document(f"{server}/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_being_offline_is_reported_plainly():
    with socket.socket() as s:  # a port nobody listens on: the same refusal as being offline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ImportFailed, match=r"Could not reach 127.0.0.1.*online"):
        read_document(f"http://127.0.0.1:{port}/story", timeout=2)


@pytest.mark.parametrize("path", ["/huge-declared", "/endless"])
def test_a_huge_answer_is_refused_without_filling_memory(server, path):
    with pytest.raises(ImportFailed, match="MB"):
        read_document(f"{server}{path}", timeout=5)


def test_a_failed_address_is_one_error_among_successes(library, server, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Ferry notes\n\nThe operator will publish the new fares in March.", encoding="utf-8")
    report = import_paths(library, [f"{server}/missing", notes, f"{server}/story"])
    assert [o.status for o in report.outcomes] == ["error", "added", "added"]
