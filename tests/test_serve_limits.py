"""`briefs serve` answers one user's browser only, with bounded work: real requests to
127.0.0.1 with a wrong Host, a burst of 200, an idle connection, browsers that go away."""

from __future__ import annotations

import http.client
import logging
import shutil
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefs.preview.localserver import WORKERS
from briefs.preview.serve import PreviewServer
from briefs.project import open_project

from .conftest import MEETING, with_two_built


@pytest.fixture
def server(project_copy, two_built):
    with_two_built(project_copy, two_built)
    server = PreviewServer(open_project(project_copy), port=0, watch=False, timeout=1.0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.close()


def get(server, path="/", host=None):
    port = server.httpd.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    if host is None:
        connection.request("GET", path)  # Host: 127.0.0.1:<port>
    else:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_only_its_own_address_or_localhost_is_answered(server):
    port = server.httpd.server_address[1]
    assert get(server)[0] == 200
    assert get(server, host=f"localhost:{port}")[0] == 200
    assert get(server, f"/en/{MEETING}.html", host=f"localhost:{port}")[0] == 200
    for host in (
        f"evil.example:{port}",  # DNS rebinding: the attacker's name, this address
        f"127.0.0.1.evil.example:{port}",
        f"127.0.0.1:{port + 1}",
        f"10.0.0.1:{port}",
        "",
    ):
        status, body = get(server, f"/en/{MEETING}.html", host=host)
        assert (status, body) == (421, b"not this server's name"), host


def test_a_burst_of_200_requests_is_answered_by_a_bounded_pool(server):
    # Thread objects, not idents: a thread started but not yet running has no ident (None),
    # and an ident may be reused by a later thread; the objects are the pool's threads.
    seen: set[threading.Thread] = set()
    stop = threading.Event()

    def count_threads():
        while not stop.is_set():
            seen.update(t for t in threading.enumerate() if t.name.startswith("serve"))
            time.sleep(0.005)

    counter = threading.Thread(target=count_threads)
    counter.start()
    try:
        with ThreadPoolExecutor(max_workers=200) as clients:
            statuses = list(
                clients.map(lambda i: get(server, f"/en/{MEETING}.html")[0], range(200))
            )
    finally:
        stop.set()
        counter.join()
    assert statuses == [200] * 200  # none refused, none timed out (backlog 128, not 5)
    assert 0 < len(seen) <= WORKERS


def test_an_idle_connection_is_closed_after_the_timeout(server):
    port = server.httpd.server_address[1]
    idle = socket.create_connection(("127.0.0.1", port), timeout=30)
    started = time.monotonic()
    assert idle.recv(1024) == b""  # the server closed it, having heard nothing
    # Not before its time limit (a slow machine cannot make it sooner); no upper bound but the
    # 30 s hang guard of recv, which a loaded machine cannot reach.
    assert time.monotonic() - started > 0.9
    idle.close()
    assert get(server)[0] == 200  # and it still answers


def test_browsers_going_away_are_said_once_quietly(server, caplog):
    port = server.httpd.server_address[1]
    with caplog.at_level(logging.DEBUG, logger="briefs.preview.serve"):
        for _ in range(5):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(
                f"GET /en/{MEETING}.pdf HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
            )
            # close at once with a reset (SO_LINGER 0): the answer meets a closed connection
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        # A hang guard: the loop ends as soon as the message is logged. The half second after
        # it only gives a second message time to show (a late one could hide, never fail it).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(
            "closed a connection" in r.getMessage() for r in caplog.records
        ):
            time.sleep(0.05)
        time.sleep(0.5)
    said = [
        r for r in caplog.records if r.levelno >= logging.INFO and r.name == "briefs.preview.serve"
    ]
    assert [r.getMessage() for r in said if "connection" in r.getMessage()] == [
        "a browser closed a connection before its answer (not said again)"
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_requests_trickled_in_slowly_cannot_hold_the_threads(server):
    """Slowloris: 60 connections (more than the threads) each sending one byte of a header
    line every 0.3 s, well within any limit per read, and reconnecting when closed. GET / is
    still answered while they go on: each request has one deadline (1 s here) in all."""
    port = server.httpd.server_address[1]
    stop, ready = threading.Event(), threading.Event()
    reconnected = []

    def open_slow() -> socket.socket:
        slow = socket.create_connection(("127.0.0.1", port), timeout=30)
        slow.sendall(f"GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode())
        return slow

    def slowloris() -> None:
        sockets = [open_slow() for _ in range(60)]
        ready.set()
        while not stop.is_set():
            for i, slow in enumerate(sockets):
                try:
                    slow.sendall(b"a")
                except OSError:  # closed by the server: come back at once
                    slow.close()
                    sockets[i] = open_slow()
                    reconnected.append(i)
            stop.wait(0.3)
        for slow in sockets:
            slow.close()

    attacker = threading.Thread(target=slowloris, daemon=True)
    attacker.start()
    try:
        assert ready.wait(60)
        assert get(server)[0] == 200  # its own 30 s timeout is only a hang guard
        assert attacker.is_alive()  # answered while they go on
    finally:
        stop.set()
        attacker.join(60)


@pytest.mark.parametrize("value", ["nan", "1e400", "-1", "inf", "soon"])
def test_a_serve_timeout_that_is_no_time_is_refused_before_serving(project_copy, value):
    from click.testing import CliRunner

    from briefs.cli.commands import main

    command = ["--root", str(project_copy), "serve", "--port", "0"]
    by_variable = CliRunner().invoke(main, command, env={"BRIEFS_SERVE_TIMEOUT": value})
    by_option = CliRunner().invoke(main, [*command, "--timeout", value])
    for result, where in ((by_variable, "BRIEFS_SERVE_TIMEOUT"), (by_option, "--timeout")):
        assert result.exit_code == 1
        assert result.stdout == ""  # no "Serving ..."
        assert result.stderr == (
            f"error: {where}={value!r}: give a number of seconds from 0.1 to 3600\n"
        )


def test_a_symbolic_link_in_build_to_a_file_outside_it_is_not_served(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:not for the browser\n")
    build_dir = server.preview.project.build_dir
    brief = build_dir / "en" / f"{MEETING}.html"
    assert get(server, f"/en/{MEETING}.html")[0] == 200
    brief.unlink()
    brief.symlink_to(secret)
    status, body = get(server, f"/en/{MEETING}.html")
    assert status == 404 and b"not for the browser" not in body
    # A folder of build/ that is a link out of it is no better.
    outside = tmp_path / "elsewhere"
    shutil.move(build_dir / "id", outside)
    (outside / f"{MEETING}.pdf").write_text("not for the browser either")
    (build_dir / "id").symlink_to(outside)
    status, body = get(server, f"/id/{MEETING}.pdf")
    assert status == 404 and b"not for the browser" not in body
    # A link that stays inside build/ is followed.
    brief.unlink()
    (build_dir / "en" / "copy.html").write_text("<p>inside</p>")
    brief.symlink_to(build_dir / "en" / "copy.html")
    assert get(server, f"/en/{MEETING}.html")[0] == 200
