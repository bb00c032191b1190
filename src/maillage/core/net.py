"""Outbound HTTP (watch feeds, webhooks, codelist downloads), safe against request forgery.

A user who can type an address the server then fetches could make it reach what only the
server sees: the cloud metadata service (169.254.169.254), the database, an admin page on
localhost. `fetch` therefore

- accepts only http and https;
- resolves the host once and refuses loopback, private, link-local, multicast, reserved
  and unspecified addresses, IPv4 and IPv6 alike (an IPv4 address hidden in an IPv6 one,
  `::ffff:127.0.0.1`, is judged as that IPv4 address), unless an administrator listed the
  host name in `OUTBOUND_ALLOWED_HOSTS`;
- connects to the very address it vetted (the Host header and the TLS server name stay the
  original host, and the certificate is checked against it), so a second DNS answer cannot
  swap in another address between the check and the connection (DNS rebinding);
- follows at most three redirects, vetting each hop the same way;
- stops at a total time limit (DNS, connection, headers and body together) and at a size
  limit, reading the body in pieces and stopping as soon as it is passed.

Proxy variables (HTTP_PROXY…) are ignored on purpose: the vetted address is the one reached.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_REDIRECTS = 3
USER_AGENT = "Maillage"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Headers a redirect to another host must not carry along.
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})

# Checked beside the `ipaddress` flags, which some Python releases get wrong (CVE-2024-4032)
# and which call `::127.0.0.1` or multicast IPv6 "global".
_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT: someone's internal network
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",  # unique local
        "fec0::/10",  # site-local (deprecated, still routed internally by some)
    )
)
_RESERVED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "240.0.0.0/4",
        "::/96",  # IPv4-compatible (deprecated): ::127.0.0.1
        "::ffff:0:0:0/96",  # IPv4-translated
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class OutboundError(Exception):
    """An outbound request that did not give a usable answer; the message says why."""

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message


class OutboundRequestRefused(OutboundError):
    """The address is not one the server may reach (scheme, private address, redirects)."""


class ResponseTooLarge(OutboundError):
    """The answer is larger than the caller's limit; reading stopped there."""


class OutboundTimeout(OutboundError):
    """No complete answer within the total time limit."""


class HostNotFound(OutboundError):
    """The host name does not resolve."""


class OutboundHTTPError(OutboundError):
    """The server answered with an error status (4xx, 5xx) or a redirect without target."""

    def __init__(self, message: str, *, url: str = "", status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status


class UnexpectedContentType(OutboundError):
    """The answer is not of a type the caller accepts."""


@dataclass(frozen=True)
class FetchResult:
    content: bytes
    content_type: str  # the media type, lower-case, without parameters; "" when absent
    final_url: str  # after redirects
    status: int = 200
    charset: str | None = None


# --- Which addresses may be reached ------------------------------------------------------


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address leads to: mapped, 6to4, Teredo, NAT64."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in _NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def refusal_reason(address: IPAddress | str) -> str | None:
    """Why the server must not connect to this address ("a loopback address"…), or None."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        for embedded in _embedded_ipv4(ip):
            if reason := refusal_reason(embedded):
                return reason
    if ip.is_unspecified:
        return _("an unspecified address")
    if ip.is_loopback:
        return _("a loopback address")
    if ip.is_link_local:
        return _("a link-local address (such as a cloud metadata service)")
    if ip.is_multicast:
        return _("a multicast address")
    if any(ip in net for net in _PRIVATE_NETWORKS):
        return _("a private network address")
    if ip.is_reserved or any(ip in net for net in _RESERVED_NETWORKS):
        return _("a reserved address")
    if ip.is_private or not ip.is_global:
        return _("a non-public address")
    return None


def is_public_address(address: IPAddress | str) -> bool:
    return refusal_reason(address) is None


def allowed_hosts() -> frozenset[str]:
    """Host names an administrator allowed even though they resolve to internal addresses."""
    hosts = getattr(settings, "OUTBOUND_ALLOWED_HOSTS", ())
    return frozenset(_normalise_host(host) for host in hosts)


def _normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


# --- One request -------------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds

    def remaining(self, url: str) -> float:
        left = self.ends_at - time.monotonic()
        if left <= 0:
            raise self.expired(url)
        return left

    def expired(self, url: str) -> OutboundTimeout:
        return OutboundTimeout(
            _("no complete answer within %(seconds)s seconds") % {"seconds": self.seconds},
            url=url,
        )


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # as in the URL, IDNA-encoded, without brackets
    port: int
    path: str  # path and query, as sent on the request line
    addresses: tuple[str, ...]  # vetted, in resolver order


def _resolve(host: str, port: int, deadline: _Deadline, url: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    # getaddrinfo has no timeout of its own: it runs aside and is abandoned at the deadline.
    outcome: dict[str, object] = {}

    def resolve() -> None:
        try:
            outcome["answer"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=resolve, name="maillage-resolve", daemon=True)
    worker.start()
    worker.join(deadline.remaining(url))
    if worker.is_alive():
        raise deadline.expired(url)
    if "error" in outcome:
        raise HostNotFound(
            _("the host %(host)s cannot be found (%(error)s)")
            % {"host": host, "error": outcome["error"]},
            url=url,
        )
    answer = outcome["answer"]
    assert isinstance(answer, list)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in answer))
    if not addresses:
        raise HostNotFound(_("the host %(host)s cannot be found") % {"host": host}, url=url)
    return addresses


def _vet(url: str, deadline: _Deadline) -> _Target:
    """Parse, resolve and check one address; every address the host resolves to must pass."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise OutboundRequestRefused(
            _("%(url)s is not a valid address (%(error)s)") % {"url": url, "error": exc}, url=url
        ) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise OutboundRequestRefused(
            _("only http and https addresses can be fetched, not %(url)s") % {"url": url},
            url=url,
        )
    if parts.username is not None or parts.password is not None:
        raise OutboundRequestRefused(
            _("addresses with a user name or password are not fetched"), url=url
        )
    host = _normalise_host(parts.hostname or "")
    if not host:
        raise OutboundRequestRefused(_("%(url)s names no host") % {"url": url}, url=url)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise HostNotFound(
            _("the host %(host)s cannot be found (%(error)s)") % {"host": host, "error": exc},
            url=url,
        ) from exc
    port = port or (443 if scheme == "https" else 80)
    addresses = _resolve(host, port, deadline, url)
    if host not in allowed_hosts():
        for address in addresses:
            if reason := refusal_reason(address):
                raise OutboundRequestRefused(
                    _(
                        "%(host)s is refused: it resolves to %(address)s, %(reason)s. Only "
                        "public internet addresses are reached; an administrator can allow "
                        "this host in OUTBOUND_ALLOWED_HOSTS."
                    )
                    % {"host": host, "address": address, "reason": reason},
                    url=url,
                )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return _Target(url, scheme, host, port, path, tuple(addresses))


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class _Watchdog:
    """Cuts the connection at the deadline.

    Each read waits at most the time left, but a server that trickles a byte at a time
    would restart that wait forever; this timer shuts the socket down when time is up.
    """

    def __init__(self, deadline: _Deadline, url: str) -> None:
        self.expired = threading.Event()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(deadline.remaining(url), self._cut)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        # A duplicate of the plain socket: shutting it down also ends a TLS layer above it.
        with self._lock:
            self._sock = sock.dup()
        if self.expired.is_set():
            self._cut()

    def _cut(self) -> None:
        self.expired.set()
        with self._lock:
            if self._sock is not None:
                with contextlib.suppress(OSError):
                    self._sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a vetted address while the request names the original host."""

    def __init__(
        self, host: str, port: int, *, address: str, timeout: float, watchdog: _Watchdog
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.watchdog = watchdog

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.watchdog.watch(sock)
        self.sock = self.wrap(sock)

    def wrap(self, sock: socket.socket) -> socket.socket:
        return sock


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def wrap(self, sock: socket.socket) -> socket.socket:
        # The server name (SNI) and the certificate check use the host, not the address.
        return _tls_context().wrap_socket(sock, server_hostname=self.host)


def _connect(target: _Target, deadline: _Deadline, watchdog: _Watchdog) -> _PinnedHTTPConnection:
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    error: OSError | None = None
    for address in target.addresses:
        connection = kind(
            target.host,
            target.port,
            address=address,
            timeout=deadline.remaining(target.url),
            watchdog=watchdog,
        )
        try:
            connection.connect()
            return connection
        except OSError as exc:
            connection.close()
            if watchdog.expired.is_set() or isinstance(exc, TimeoutError):
                raise deadline.expired(target.url) from exc
            if isinstance(exc, ssl.SSLError):
                raise OutboundError(
                    _("the secure connection to %(host)s failed (%(error)s)")
                    % {"host": target.host, "error": exc},
                    url=target.url,
                ) from exc
            error = exc
    raise OutboundError(
        _("cannot connect to %(host)s (%(error)s)") % {"host": target.host, "error": error},
        url=target.url,
    )


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media_type, _sep, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _eq, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media_type.strip().lower(), charset


def _type_allowed(media_type: str, allowed: Iterable[str]) -> bool:
    for pattern in allowed:
        pattern = pattern.lower()
        if media_type == pattern or (
            pattern.endswith("/*") and media_type.startswith(pattern[:-1])
        ):
            return True
    return False


def _read_body(
    response: http.client.HTTPResponse, *, max_bytes: int, deadline: _Deadline, url: str
) -> bytes:
    # Each read waits at most the time that was left when the request went out; the
    # watchdog cuts the connection at the deadline itself.
    if response.length is not None and response.length > max_bytes:
        raise _too_large(max_bytes, url)
    pieces: list[bytes] = []
    size = 0
    while True:
        deadline.remaining(url)
        piece = response.read(min(_CHUNK, max_bytes + 1 - size))
        if not piece:
            return b"".join(pieces)
        size += len(piece)
        if size > max_bytes:
            raise _too_large(max_bytes, url)
        pieces.append(piece)


def _too_large(max_bytes: int, url: str) -> ResponseTooLarge:
    return ResponseTooLarge(
        _("the answer is larger than %(max)s") % {"max": filesizeformat(max_bytes)}, url=url
    )


def _redirect_headers(headers: dict[str, str], old: _Target, new_url: str) -> dict[str, str]:
    new_host = _normalise_host(urllib.parse.urlsplit(new_url).hostname or "")
    if new_host == old.host:
        return headers
    return {k: v for k, v in headers.items() if k.lower() not in _CREDENTIAL_HEADERS}


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allowed_content_types: Iterable[str] | None = None,
    method: str = "GET",
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchResult:
    """Request `url` and return its answer, or raise an `OutboundError` saying why not.

    `timeout` bounds the whole exchange (resolution, connection, redirects and body);
    `allowed_content_types` are media types ("application/xml") or families ("text/*").
    Errors: `OutboundRequestRefused` (scheme, internal address, too many redirects),
    `HostNotFound`, `OutboundTimeout`, `ResponseTooLarge`, `OutboundHTTPError` (4xx, 5xx),
    `UnexpectedContentType`, and `OutboundError` for a failed connection.
    """
    deadline = _Deadline(timeout)
    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    request_headers.update(headers or {})
    allowed_types = tuple(allowed_content_types) if allowed_content_types is not None else None
    current_url = url
    for hop in range(max_redirects + 1):
        try:
            target = _vet(current_url, deadline)
        except OutboundError as exc:
            if hop:  # say which hop was refused: the address asked for looked fine
                exc.message = _("redirected to %(url)s: %(reason)s") % {
                    "url": current_url,
                    "reason": exc.message,
                }
                exc.args = (exc.message,)
            raise
        watchdog = _Watchdog(deadline, current_url)
        connection: _PinnedHTTPConnection | None = None
        try:
            connection = _connect(target, deadline, watchdog)
            assert connection.sock is not None
            connection.sock.settimeout(deadline.remaining(current_url))
            connection.request(method, target.path, body=data, headers=request_headers)
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in REDIRECT_STATUSES and location:
                next_url = urllib.parse.urljoin(current_url, location.strip())
                request_headers = _redirect_headers(request_headers, target, next_url)
                if response.status == 303 or (
                    response.status in (301, 302) and method not in ("GET", "HEAD")
                ):
                    method, data = "GET", None
                current_url = urllib.parse.urldefrag(next_url).url
                continue
            if not 200 <= response.status < 300:
                raise OutboundHTTPError(
                    _("the server answered %(status)d %(reason)s")
                    % {"status": response.status, "reason": response.reason},
                    url=current_url,
                    status=response.status,
                )
            media_type, charset = _media_type(response.getheader("Content-Type"))
            if allowed_types is not None and not _type_allowed(media_type, allowed_types):
                raise UnexpectedContentType(
                    _("unexpected content type %(type)s (expected %(expected)s)")
                    % {"type": media_type or "-", "expected": ", ".join(allowed_types)},
                    url=current_url,
                )
            content = _read_body(response, max_bytes=max_bytes, deadline=deadline, url=current_url)
            return FetchResult(content, media_type, current_url, response.status, charset)
        except OutboundError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watchdog.expired.is_set() or isinstance(exc, TimeoutError):
                raise deadline.expired(current_url) from exc
            raise OutboundError(
                _("the exchange with %(host)s failed (%(error)s)")
                % {"host": target.host, "error": str(exc) or type(exc).__name__},
                url=current_url,
            ) from exc
        finally:
            watchdog.stop()
            if connection is not None:
                connection.close()
    raise OutboundRequestRefused(
        _("more than %(max)d redirects") % {"max": max_redirects}, url=current_url
    )
