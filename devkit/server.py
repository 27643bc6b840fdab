"""The real app in a subprocess: ``streamlit run dashboard.py`` on a free localhost port against one
database (a SQLite file path, or any ``DATABASE_URL``), logging to a file, in its own process group
so stopping it stops only its processes."""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, url: str, log_path: Path, timeout_s: float = 120) -> None:
    """Until ``url``'s ``/_stcore/health`` answers "ok"; RuntimeError (with the log) when the server
    exits first or does not answer within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)  # polling an HTTP endpoint: there is no event to wait on
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout_s:.0f} s:\n{_tail(log_path)}")


def _tail(log_path: Path, lines: int | None = 120) -> str:
    try:
        text = Path(log_path).read_text(errors="replace")
    except OSError:
        return "(no log)"
    return text if lines is None else "\n".join(text.splitlines()[-lines:])


class AppServer:
    """``streamlit run dashboard.py`` against one database with default settings (``PANTAU_CONFIG``
    only when ``config_path`` is given); ``start()`` returns once the health check answers."""

    def __init__(self, database: Path | str, log_path: Path, *, config_path: Path | None = None):
        self.database_url = f"sqlite:///{database}" if isinstance(database, Path) else database
        self.config_path = config_path
        self.log_path = Path(log_path)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self, timeout_s: float = 120) -> AppServer:
        env = {**os.environ, "DATABASE_URL": self.database_url}
        for name in ("PANTAU_CONFIG", "DATABASE_URL_READONLY"):  # only this database, default settings
            env.pop(name, None)
        if self.config_path is not None:
            env["PANTAU_CONFIG"] = str(self.config_path)
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_healthy(self.proc, self.url, self.log_path, timeout_s)
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: only this server's processes
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()

    def log(self, tail: int | None = 120) -> str:
        """The last ``tail`` lines of the server's log (all of it with ``tail=None``)."""
        return _tail(self.log_path, tail)

    def peak_mb(self) -> float | None:
        """The server process's peak resident memory so far (VmHWM), in MB."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
            return kb / 1024
        except (OSError, StopIteration, AttributeError):
            return None


def copy_sqlite(src: Path, dst: Path) -> Path:
    """A private copy of a SQLite database (the app may write to its own: accounts, audit log)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst
