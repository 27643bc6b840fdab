"""The server the load benchmark (benchmarks/load_sessions.py) measures: one ``streamlit run`` (the
devkit's AppServer) or ``scripts/serve --processes N`` (N Streamlit processes behind HAProxy), on
free local ports, against one database; which of its processes are the app's (their CPU and memory
are the server's figures) and their memory read from /proc."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from devkit.server import AppServer

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "scripts" / "serve"


def _free_port_run(n: int, attempts: int = 50) -> int:
    """The first of ``n`` consecutive ports free on 127.0.0.1 right now (HAProxy's, then the processes')."""
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


def _backends_up(sock_path: Path) -> int:
    """How many Streamlit processes HAProxy's health checks see UP (``show stat`` on its socket)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(str(sock_path))
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
    return sum(r["pxname"] == "streamlit" and r["svname"] != "BACKEND" and r["status"] == "UP" for r in rows)


class ProxiedServer:
    """``scripts/serve --processes N`` on 127.0.0.1, its output (every process's, prefixed, and
    HAProxy's) in ``log_path``; ``start()`` returns once HAProxy sees every process UP."""

    def __init__(self, database_url: str, run_dir: Path, processes: int):
        self.database_url, self.run_dir, self.processes = database_url, run_dir, processes
        self.log_path = run_dir / "serve.log"
        self.port = _free_port_run(processes + 1)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self, timeout_s: float = 240) -> ProxiedServer:
        env = {**os.environ, "DATABASE_URL": self.database_url}
        for name in ("PANTAU_CONFIG", "DATABASE_URL_READONLY"):  # only this database, default settings
            env.pop(name, None)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVE), "--processes", str(self.processes), "--port", str(self.port),
             "--first-port", str(self.port + 1), "--address", "127.0.0.1", "--run-dir", str(self.run_dir),
             "--python", sys.executable, "--start-timeout", str(timeout_s)],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:  # polling HAProxy's stats: there is no event to wait on
            if self.proc.poll() is not None:
                raise RuntimeError(f"scripts/serve exited with {self.proc.returncode}:\n{self.log(tail=60)}")
            try:
                if _backends_up(self.run_dir / "haproxy.sock") == self.processes:
                    return self
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"scripts/serve not ready within {timeout_s:.0f} s:\n{self.log(tail=60)}")

    def app_pids(self) -> list[int]:
        """The Streamlit processes (serve's servers.json), not HAProxy nor serve itself."""
        return [entry["pid"] for entry in json.loads((self.run_dir / "servers.json").read_text()).values()]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # serve stops HAProxy, then the processes
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self, tail: int | None = 120) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return text if tail is None else "\n".join(text.splitlines()[-tail:])


@dataclass
class Server:
    """What the benchmark needs of either kind of server."""
    url: str
    root_pid: int         # the whole tree: left out of the client's CPU
    app_pids: list[int]   # the Streamlit processes: the server's CPU and memory
    kind: str             # for the report
    processes: int        # 0: a plain ``streamlit run``
    handle: AppServer | ProxiedServer

    def stop(self) -> None:
        self.handle.stop()

    def log(self) -> str:
        return self.handle.log(tail=None)


def start_server(database_url: str, workdir: Path, processes: int | None) -> Server:
    """``streamlit run`` when ``processes`` is None, else ``scripts/serve --processes N`` (HAProxy)."""
    if processes is None:
        app = AppServer(database_url, workdir / "streamlit.log").start(timeout_s=180)
        return Server(app.url, app.proc.pid, [app.proc.pid], "1 process (streamlit run, no proxy)", 0, app)
    served = ProxiedServer(database_url, workdir / "serve", processes).start(timeout_s=240)
    return Server(served.url, served.proc.pid, served.app_pids(),
                  f"{processes} process{'es' * (processes != 1)} behind HAProxy (scripts/serve)", processes, served)


# ---------------------------------------------------------------- memory
def status_kb(pid: int, field: str) -> int | None:
    """A ``/proc/PID/status`` field in kB (VmRSS: resident now, VmHWM: peak resident); None if gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith(field + ":")), None)
    except OSError:
        return None


@dataclass
class Memory:
    """Resident memory of the app processes, MB: the sum (what the machine holds) and the largest."""
    sum_mb: float
    max_mb: float
    n: int  # processes that answered

    def __str__(self) -> str:
        return f"{self.sum_mb:.0f} MB" + (f" (largest process {self.max_mb:.0f} MB, {self.n} processes)"
                                            if self.n > 1 else "")


def memory(pids: list[int], field: str) -> Memory | None:
    """``field`` (VmHWM or VmRSS) summed over ``pids`` and the largest one; None if none answered."""
    kbs = [kb for kb in (status_kb(pid, field) for pid in pids) if kb is not None]
    return Memory(sum(kbs) / 1024, max(kbs) / 1024, len(kbs)) if kbs else None
