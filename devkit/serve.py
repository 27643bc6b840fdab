"""``scripts/serve`` (HAProxy in front of N Streamlit processes) on free local ports, for the proxy
tests and the load benchmark: start it, wait until HAProxy's health checks see every process UP,
read HAProxy's stats from its admin socket, stop it. No pytest here (tests/served.py adds the
skip-or-fail rule)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVE = ROOT / "scripts" / "serve"


def haproxy_path() -> str | None:
    return shutil.which("haproxy", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"]))


def consecutive_free_ports(n: int, attempts: int = 50) -> int:
    """The first of ``n`` consecutive ports that are free on 127.0.0.1 right now."""
    for _ in range(attempts):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + n > 65535:
            continue
        held = []
        try:
            for port in range(first, first + n):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError(f"no {n} consecutive free ports")


def read_stats(sock_path: Path) -> dict[str, dict[str, str]]:
    """HAProxy's ``show stat`` of the Streamlit backend: {server name: row} (scur, status, check_status,
    stot, ...), plus "BACKEND"."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(str(sock_path))
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    text = data.decode().lstrip("# ")
    return {row["svname"]: row for row in csv.DictReader(io.StringIO(text)) if row["pxname"] == "streamlit"}


class Served:
    """``scripts/serve --processes N`` against one database, on 127.0.0.1, logging to a file."""

    def __init__(self, database_url: str, run_dir: Path, processes: int = 2):
        self.database_url = database_url
        self.run_dir = run_dir
        self.processes = processes
        self.log_path = run_dir / "serve.log"
        first = consecutive_free_ports(processes + 1)
        self.port, self.first_port = first, first + 1
        self.url = f"http://127.0.0.1:{self.port}"
        self.socket = run_dir / "haproxy.sock"
        self.proc: subprocess.Popen | None = None

    def command(self, timeout_s: float = 240) -> list[str]:
        return [sys.executable, str(SERVE), "--processes", str(self.processes), "--port", str(self.port),
                "--first-port", str(self.first_port), "--address", "127.0.0.1", "--run-dir", str(self.run_dir),
                "--python", sys.executable, "--start-timeout", str(timeout_s)]

    def start(self, timeout_s: float = 240) -> Served:
        env = {**os.environ, "DATABASE_URL": self.database_url}
        for name in ("PANTAU_CONFIG", "DATABASE_URL_READONLY"):
            env.pop(name, None)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.command(timeout_s), cwd=ROOT, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:  # polling: HAProxy up and every process checked UP
            if self.proc.poll() is not None:
                raise RuntimeError(f"scripts/serve exited with {self.proc.returncode}:\n{self.log()}")
            try:
                stats = read_stats(self.socket)
                if sum(row["status"] == "UP" for name, row in stats.items() if name != "BACKEND") == self.processes:
                    return self
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"scripts/serve not ready within {timeout_s:.0f} s:\n{self.log()}")

    def stats(self) -> dict[str, dict[str, str]]:
        return read_stats(self.socket)

    def app_pids(self) -> list[int]:
        """The Streamlit processes (not HAProxy nor serve itself)."""
        return [entry["pid"] for entry in self.servers().values()]

    def servers(self) -> dict[str, dict]:
        """{name: {"pid", "host", "port"}} of the Streamlit processes (serve's servers.json)."""
        return json.loads((self.run_dir / "servers.json").read_text())

    def get(self, path: str, cookie: str | None = None):
        """(status, headers, body) of a request through the proxy."""
        request = urllib.request.Request(self.url + path, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read()

    def stop(self) -> int | None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # serve stops HAProxy and the processes itself
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        return self.proc.returncode if self.proc else None

    def log(self, tail: int | None = 150) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return text if tail is None else "\n".join(text.splitlines()[-tail:])
