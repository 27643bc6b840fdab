"""scripts/serve without a browser: the HAProxy config it writes from deploy/haproxy.cfg.template, its
refusal to start without HAProxy, and a Ctrl-C that stops every process it started.
(The browser side, stickiness and a dying process, is tests/e2e/test_proxy.py.)"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devkit.serve import ROOT, SERVE, Served, haproxy_path
from devkit.server import copy_sqlite
from tests.served import haproxy_missing


def _serve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SERVE), *args], cwd=ROOT, check=False, capture_output=True, text=True,
                          timeout=timeout)


def _config(tmp_path, *args: str) -> str:
    done = _serve("--print-config", "--run-dir", str(tmp_path), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _lines(config: str) -> list[str]:
    return [line.strip() for line in config.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_config_routes_to_n_local_processes_with_a_sticky_cookie_and_health_checks(tmp_path):
    lines = _lines(_config(tmp_path, "--processes", "3", "--port", "9000"))
    # Three processes on the three ports after the public one, on the loopback interface only.
    assert [ln for ln in lines if ln.startswith("server ")] == [
        "server p1 127.0.0.1:9001 cookie p1", "server p2 127.0.0.1:9002 cookie p2",
        "server p3 127.0.0.1:9003 cookie p3"]
    assert "bind 0.0.0.0:9000" in lines
    assert "cookie SERVERID insert indirect nocache httponly attr \"SameSite=Lax\"" in lines
    assert "option redispatch 1" in lines
    assert "http-check send meth GET uri /_stcore/health" in lines and "http-check expect string ok" in lines
    assert any(ln.startswith("default-server check inter 1s ") and " fall 2 " in ln for ln in lines)
    assert "timeout tunnel 2h" in lines
    # 60 MiB (Streamlit's maxUploadSize) + 1 MiB of multipart framing = 63,963,136 bytes.
    assert "http-request deny deny_status 413 if { req.hdr_val(content-length) gt 63963136 }" in lines
    assert f"stats socket {tmp_path / 'haproxy.sock'} mode 600 level admin" in lines
    assert not any("ssl" in ln or "secure" in ln for ln in lines)


def test_config_adds_other_hosts_and_tls(tmp_path):
    lines = _lines(_config(tmp_path, "--processes", "1", "--port", "443", "--first-port", "8502",
                           "--remote", "10.1.2.3:8502", "--remote", "app2:8503", "--tls-cert", "/etc/pantau.pem"))
    assert [ln for ln in lines if ln.startswith("server ")] == [
        "server p1 127.0.0.1:8502 cookie p1", "server r1 10.1.2.3:8502 cookie r1", "server r2 app2:8503 cookie r2"]
    assert "bind 0.0.0.0:443 ssl crt /etc/pantau.pem" in lines
    assert "cookie SERVERID insert indirect nocache httponly attr \"SameSite=Lax\" secure" in lines
    assert "http-request set-header X-Forwarded-Proto https" in lines


def test_haproxy_accepts_the_config(tmp_path):
    if (reason := haproxy_missing()) is not None:
        pytest.skip(reason)
    path = tmp_path / "haproxy.cfg"
    path.write_text(_config(tmp_path, "--processes", "2", "--remote", "127.0.0.2:8600"))
    done = subprocess.run([haproxy_path(), "-c", "-f", str(path)], check=False, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_haproxy_serve_says_so_and_starts_nothing(tmp_path):
    done = _serve("--processes", "2", "--run-dir", str(tmp_path), "--haproxy", str(tmp_path / "no-haproxy"))
    assert done.returncode == 2
    assert "HAProxy is not installed" in done.stderr and "apt-get install haproxy" in done.stderr
    assert not (tmp_path / "servers.json").exists()  # no Streamlit process was started


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too (its parent, serve, has not reaped it yet)
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def _sticky_set(headers) -> str | None:
    """The SERVERID cookie HAProxy set in a response, as "SERVERID=value", or None."""
    return next((c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith("SERVERID=")), None)


def _admin(served, command: str) -> str:
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(str(served.socket))
        s.sendall(command.encode() + b"\n")
        return s.recv(65536).decode()


def test_a_dead_process_is_routed_around_and_ctrl_c_stops_the_rest(tmp_path, _demo_sqlite):
    if (reason := haproxy_missing()) is not None:
        pytest.skip(reason)
    db = copy_sqlite(Path(_demo_sqlite.url.database), tmp_path / "demo.db")
    served = Served(f"sqlite:///{db}", tmp_path, processes=2).start()
    try:
        servers = served.servers()
        pids = [s["pid"] for s in servers.values()]
        for name in ("p1", "p2"):  # the sticky cookie picks the process
            status, headers, body = served.get("/_stcore/health", cookie=f"SERVERID={name}")
            assert (status, body, headers["X-Pantau-Server"]) == (200, b"ok", name)
            assert _sticky_set(headers) is None  # `indirect`: a valid cookie is not set again
        # p1 dies before its health check notices (checks switched off for p1): a request whose cookie
        # names p1 fails to connect, is redispatched to p2, and the browser is given p2's cookie.
        assert _admin(served, "disable health streamlit/p1").strip() == ""
        os.kill(servers["p1"]["pid"], signal.SIGKILL)
        status, headers, body = served.get("/_stcore/health", cookie="SERVERID=p1")
        assert (status, body, headers["X-Pantau-Server"]) == (200, b"ok", "p2")
        assert _sticky_set(headers) == "SERVERID=p2"
        assert served.stats()["p1"]["status"] == "no check"  # it really was the redispatch, not a check
        haproxy_pid = int(next(line.split("pid ")[1].split(",")[0] for line in served.log(400).splitlines()
                               if line.startswith("pantau serve: haproxy: pid")))
        deadline = time.monotonic() + 30
        while "not restarted" not in served.log() and time.monotonic() < deadline:
            time.sleep(0.1)  # polling serve's log: it reports p1's death on its own
        log = served.log(400)
        assert "p1 (pid" in log and "not restarted" in log and "1 left" in log
        served.proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert served.proc.wait(timeout=60) == 0
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in [*pids, haproxy_pid]) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling: nothing to wait on for another process's children
        assert not [pid for pid in [*pids, haproxy_pid] if _alive(pid)]
        log = served.log(400)
        assert "SIGINT: stopping" in log and "all stopped" in log
    finally:
        served.stop()
