"""The preview's HTTP server, for one user's browser: a request whose Host is not the address
it listens on (or localhost) is refused (a page elsewhere reaching it through DNS rebinding
gets 421, never a brief); a bounded pool of threads answers, each connection with a time
limit, behind a listen backlog that holds a burst; a browser closing a connection before its
answer is said once, quietly, not as a traceback."""

from __future__ import annotations

import io
import ipaddress
import logging
import math
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import urlsplit

from briefs.errors import BriefsError

log = logging.getLogger("briefs.preview.serve")

WORKERS = 32
"""Threads answering requests: a page's long poll holds one, so this many pages at most wait."""
REQUEST_TIMEOUT = 10.0
"""Seconds a connection may take to send its whole request (one deadline, not a limit per
read), and for each write of its answer."""
BACKLOG = 128
"""Connections the kernel holds until a thread is free (socketserver's default is 5)."""
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}
WILDCARDS = {"", "0.0.0.0", "::"}


LONGEST_TIMEOUT = 3600.0


def request_timeout(text: str, where: str) -> float:
    """A request time limit as given (where: the option or variable): finite seconds from 0.1
    to LONGEST_TIMEOUT, else BriefsError naming the value; float() alone takes nan and inf."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and 0.1 <= seconds <= LONGEST_TIMEOUT):
        raise BriefsError(
            f"{where}={text!r}: give a number of seconds from 0.1 to {LONGEST_TIMEOUT:g}"
        )
    return seconds


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _DeadlineReader(io.RawIOBase):
    """A connection's bytes, each read given only the time left until one deadline: a client
    that sends a byte every second gets no longer for its request than one that sends none."""

    def __init__(self, sock: socket.socket, deadline: float):
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive within its time limit")
        self._sock.settimeout(left)
        return self._sock.recv_into(buffer)


class RequestHandler(BaseHTTPRequestHandler):
    """A handler whose request (its line and headers) must arrive whole within timeout
    seconds of the connection being taken up, however its bytes trickle in (slowloris); the
    answer then has timeout seconds for each write."""

    timeout = REQUEST_TIMEOUT

    def setup(self) -> None:
        super().setup()
        assert self.timeout is not None
        deadline = time.monotonic() + self.timeout
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, deadline))

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self.connection.settimeout(self.timeout)  # the answer's writes: the usual limit
        return parsed


class LocalServer(HTTPServer):
    """An HTTP server with a bounded pool of threads, a time limit per connection and a check
    of every request's Host."""

    request_queue_size = BACKLOG
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        workers: int = WORKERS,
    ):
        self.workers = workers
        self.polls = threading.BoundedSemaphore(max(1, workers - 8))
        """Long polls that may wait at once: some threads are always free for pages."""
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="serve")
        self._disconnects = 0
        super().__init__(address, handler)

    def names(self) -> set[str]:
        """The host names a request may give: the address listened on and localhost; listening
        on every address, also any IP address (no DNS rebinding through those) and this
        machine's names."""
        host = str(self.server_address[0])
        names = {host, *LOCAL_NAMES}
        if host in WILDCARDS:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        return names

    def allows(self, host: str | None) -> bool:
        """Whether a request's Host header names this server."""
        if not host:
            return False
        try:
            url = urlsplit(f"//{host}")
            name, port = url.hostname, url.port
        except ValueError:
            return False
        if name is None or port not in (None, self.server_address[1]):
            return False
        if str(self.server_address[0]) in WILDCARDS and _is_ip(name):
            return True
        return name in self.names()

    def process_request(self, request: Any, client_address: Any) -> None:
        self._pool.submit(self._answer, request, client_address)

    def _answer(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away (a closed tab, a reload) is no error: said once."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            self._disconnects += 1
            if self._disconnects == 1:
                log.info("a browser closed a connection before its answer (not said again)")
            else:
                log.debug("%s: connection closed by the browser: %s", client_address, error)
            return
        log.error("could not answer %s", client_address, exc_info=error)

    def server_close(self) -> None:
        super().server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)
