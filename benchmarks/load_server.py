"""The server the load benchmark (benchmarks/load_sessions.py) measures: one ``streamlit run`` (the
devkit's AppServer) or ``scripts/serve --processes N`` (N Streamlit processes behind HAProxy, the
devkit's Served, as the proxy tests start it), on free local ports, against one database; which of
its processes are the app's (their CPU and memory are the server's figures) and their memory read
from /proc."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from devkit.serve import Served
from devkit.server import AppServer


@dataclass
class Server:
    """What the benchmark needs of either kind of server."""
    url: str
    root_pid: int         # the whole tree: left out of the client's CPU
    app_pids: list[int]   # the Streamlit processes: the server's CPU and memory
    kind: str             # for the report
    processes: int        # 0: a plain ``streamlit run``
    handle: AppServer | Served

    def stop(self) -> None:
        self.handle.stop()

    def log(self) -> str:
        return self.handle.log(tail=None)


def start_server(database_url: str, workdir: Path, processes: int | None) -> Server:
    """``streamlit run`` when ``processes`` is None, else ``scripts/serve --processes N`` (HAProxy)."""
    if processes is None:
        app = AppServer(database_url, workdir / "streamlit.log").start(timeout_s=180)
        return Server(app.url, app.proc.pid, [app.proc.pid], "1 process (streamlit run, no proxy)", 0, app)
    served = Served(database_url, workdir / "serve", processes).start(timeout_s=240)
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
