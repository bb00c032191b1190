"""Outbound requests reach only public addresses, follow few redirects, stop in time and size.

Nothing here touches the internet: a small HTTP server runs on 127.0.0.1 in a thread, and
the only other addresses asked for are refused before any connection is made.
"""

import ipaddress
import socket
import ssl
import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from maillage.core import net
from maillage.core.net import (
    HostNotFound,
    OutboundError,
    OutboundHTTPError,
    OutboundRequestRefused,
    OutboundTimeout,
    ResponseTooLarge,
    UnexpectedContentType,
    fetch,
    is_public_address,
    refusal_reason,
)


class Handler(BaseHTTPRequestHandler):
    """Answers from `server.routes` (path → status, headers, body) and records requests."""

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        if self.path == "/stream":
            # No Content-Length: the size cap must hold while reading, not from the header.
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 1024)
            return
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.requests = []
    port = httpd.server_address[1]
    base = f"http://127.0.0.1:{port}"
    httpd.routes = {
        "/feed.xml": (200, {"Content-Type": "application/rss+xml; charset=utf-8"}, b"<rss/>"),
        "/page": (200, {"Content-Type": "text/html"}, b"<html></html>"),
        "/to-feed": (302, {"Location": "/feed.xml"}, b""),
        "/to-metadata": (
            302,
            {"Location": "http://169.254.169.254/latest/meta-data/iam/"},
            b"",
        ),
        "/to-private": (301, {"Location": "http://10.0.0.7/admin"}, b""),
        "/to-mapped": (307, {"Location": "http://[::ffff:192.168.1.1]/"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"y" * 5000),
        "/gone": (410, {}, b"gone"),
    }
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.base = base
    httpd.port = port
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_local(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


@contextmanager
def silent_server(trickle=False):
    """A server that accepts and then never answers (or answers one byte at a time)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve():
        listener.settimeout(0.1)
        connections = []
        while not stop.is_set():
            try:
                conn, _addr = listener.accept()
                connections.append(conn)
            except TimeoutError:
                pass
            for conn in connections if trickle else ():
                with suppress(OSError):
                    conn.send(b"H")
        for conn in connections:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join()
        listener.close()


# --- The address check -------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
        "127.0.0.1",
        "127.254.3.1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",
        "224.0.0.251",
        "255.255.255.255",
        "240.0.0.1",
        "198.18.0.1",
        "192.0.2.1",
        "::",
        "::1",
        "fe80::1",
        "fe80::1%1",
        "fc00::1",
        "fd12:3456:789a::1",
        "ff02::1",
        "ff0e::1",  # global-scope multicast: `ipaddress` calls it global
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "::127.0.0.1",  # IPv4-compatible: `ipaddress` calls it global
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 around 192.168.1.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
        "2001:db8::1",
        "fec0::1",
    ],
)
def test_internal_addresses_are_refused(address):
    assert refusal_reason(address) is not None
    assert not is_public_address(ipaddress.ip_address(address.split("%")[0]))


@pytest.mark.parametrize(
    "address",
    ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4007:80e::200e"],
)
def test_public_addresses_are_allowed(address):
    assert refusal_reason(address) is None


def test_the_refusal_names_the_kind_of_address():
    assert "loopback" in refusal_reason("::ffff:127.0.0.1")
    assert "metadata" in refusal_reason("169.254.169.254")
    assert "private" in refusal_reason("10.0.0.1")


# --- Requests to a local server ----------------------------------------------------------


def test_the_local_server_is_refused_by_default(server):
    with pytest.raises(OutboundRequestRefused) as refused:
        fetch(f"{server.base}/feed.xml", max_bytes=1000, timeout=2)
    message = str(refused.value)
    assert "127.0.0.1" in message and "loopback" in message
    assert "OUTBOUND_ALLOWED_HOSTS" in message
    assert server.requests == []  # refused before connecting


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:{port}/feed.xml",
        "http://2130706433:{port}/feed.xml",  # 127.0.0.1 written as a number
        "http://127.1:{port}/feed.xml",
        "http://[::ffff:127.0.0.1]:{port}/feed.xml",
        "http://0.0.0.0:{port}/feed.xml",
    ],
)
def test_other_spellings_of_the_local_server_are_refused(server, url):
    with pytest.raises(OutboundRequestRefused):
        fetch(url.format(port=server.port), max_bytes=1000, timeout=2)
    assert server.requests == []


def test_the_local_server_is_reached_when_an_administrator_allows_it(server, allow_local):
    result = fetch(f"{server.base}/feed.xml", max_bytes=1000, timeout=2)
    assert result.content == b"<rss/>"
    assert result.content_type == "application/rss+xml"
    assert result.charset == "utf-8"
    assert result.final_url == f"{server.base}/feed.xml"
    _path, headers = server.requests[0]
    assert headers["User-Agent"] == "Maillage"


def test_the_allow_list_names_hosts_not_addresses(server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["localhost"]
    assert fetch(f"http://localhost:{server.port}/feed.xml", max_bytes=100, timeout=2).content
    with pytest.raises(OutboundRequestRefused):
        fetch(f"{server.base}/feed.xml", max_bytes=100, timeout=2)


def test_the_host_is_resolved_once_and_its_address_is_the_one_connected_to(
    server, settings, monkeypatch
):
    settings.OUTBOUND_ALLOWED_HOSTS = ["feeds.example.org"]
    real = socket.getaddrinfo
    asked = []

    def resolver(host, port, *args, **kwargs):
        if host == "feeds.example.org":
            asked.append(host)
            # A rebinding resolver would answer differently the second time.
            address = "127.0.0.1" if len(asked) == 1 else "203.0.113.9"
            return real(address, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    result = fetch(f"http://feeds.example.org:{server.port}/feed.xml", max_bytes=100, timeout=2)
    assert result.content == b"<rss/>"
    assert asked == ["feeds.example.org"]
    # The server was reached on the vetted address with the original host name.
    assert server.requests[0][1]["Host"] == f"feeds.example.org:{server.port}"


def test_tls_names_the_original_host_while_connecting_to_the_vetted_address(
    server, settings, monkeypatch
):
    settings.OUTBOUND_ALLOWED_HOSTS = ["secure.example.org"]
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: real(
            "127.0.0.1" if host == "secure.example.org" else host, port, *a, **k
        ),
    )
    seen = {}

    class Context:
        def wrap_socket(self, sock, server_hostname):
            seen["peer"] = sock.getpeername()[0]
            seen["server_hostname"] = server_hostname
            raise ssl.SSLError("test stops here")

    monkeypatch.setattr(net, "_tls_context", lambda: Context())
    with pytest.raises(OutboundError, match="secure connection"):
        fetch(f"https://secure.example.org:{server.port}/", max_bytes=100, timeout=2)
    assert seen == {"peer": "127.0.0.1", "server_hostname": "secure.example.org"}


def test_a_redirect_on_the_same_allowed_server_is_followed(server, allow_local):
    result = fetch(f"{server.base}/to-feed", max_bytes=100, timeout=2)
    assert result.content == b"<rss/>"
    assert result.final_url == f"{server.base}/feed.xml"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/to-metadata", "169.254.169.254"),
        ("/to-private", "10.0.0.7"),
        ("/to-mapped", "::ffff:192.168.1.1"),
        ("/to-file", "file:///etc/passwd"),
    ],
)
def test_a_redirect_from_an_allowed_server_to_an_internal_address_is_refused(
    server, allow_local, path, expected
):
    with pytest.raises(OutboundRequestRefused) as refused:
        fetch(f"{server.base}{path}", max_bytes=100, timeout=2)
    assert "redirected to" in str(refused.value)
    assert expected in str(refused.value)


def test_at_most_three_redirects_are_followed(server, allow_local):
    with pytest.raises(OutboundRequestRefused, match="more than 3 redirects"):
        fetch(f"{server.base}/loop", max_bytes=100, timeout=2)
    assert len(server.requests) == 4


def test_an_answer_larger_than_the_cap_is_refused(server, allow_local):
    with pytest.raises(ResponseTooLarge):
        fetch(f"{server.base}/big", max_bytes=4999, timeout=2)
    assert len(fetch(f"{server.base}/big", max_bytes=5000, timeout=2).content) == 5000


def test_reading_stops_at_the_cap_without_a_declared_length(server, allow_local):
    with pytest.raises(ResponseTooLarge, match="larger than"):
        fetch(f"{server.base}/stream", max_bytes=10_000, timeout=2)


def test_a_server_that_never_answers_is_abandoned_in_time(allow_local):
    with silent_server() as url:
        started = time.monotonic()
        with pytest.raises(OutboundTimeout, match=r"within 0\.5 seconds"):
            fetch(url, max_bytes=100, timeout=0.5)
        assert time.monotonic() - started < 3


def test_a_server_that_trickles_is_abandoned_at_the_total_limit(allow_local):
    with silent_server(trickle=True) as url:
        started = time.monotonic()
        with pytest.raises(OutboundTimeout):
            fetch(url, max_bytes=10_000, timeout=0.7)
        assert time.monotonic() - started < 3


def test_an_unknown_host_gives_a_clear_error():
    # .invalid never resolves (RFC 6761); the resolver answers without the internet.
    with pytest.raises(HostNotFound, match=r"the host maillage-test\.invalid cannot be found"):
        fetch("https://maillage-test.invalid/feed", max_bytes=100, timeout=2)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:x"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(OutboundRequestRefused, match="only http and https"):
        fetch(url, max_bytes=100, timeout=1)


def test_addresses_with_credentials_are_refused():
    with pytest.raises(OutboundRequestRefused):
        fetch("http://user:secret@example.org/", max_bytes=100, timeout=1)


def test_an_error_status_is_an_error(server, allow_local):
    with pytest.raises(OutboundHTTPError) as failed:
        fetch(f"{server.base}/gone", max_bytes=100, timeout=2)
    assert failed.value.status == 410
    assert "410" in str(failed.value)


def test_an_unexpected_content_type_is_refused(server, allow_local):
    with pytest.raises(UnexpectedContentType, match="text/html"):
        fetch(
            f"{server.base}/page",
            max_bytes=100,
            timeout=2,
            allowed_content_types={"application/rss+xml", "application/xml"},
        )
    assert fetch(
        f"{server.base}/feed.xml", max_bytes=100, timeout=2, allowed_content_types={"application/*"}
    ).content


def test_a_closed_port_gives_a_connection_error(allow_local):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(OutboundError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/", max_bytes=100, timeout=2)
