"""What the load benchmark (benchmarks/load_sessions.py) measures and how it reports it: one
session's timings, where the CPU went in a phase (read from /proc), the median / p95 / max tables and
the entry appended to benchmarks/RESULTS.md."""
from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DATA_PAGES = ("cakupan", "pelanggaran", "formulir_c", "peta", "kualitas")  # the walk after the landing page


@dataclass
class SessionResult:
    name: str
    account: str
    first_chart_s: float | None = None   # URL opened -> first plotly chart drawn (login included)
    login_to_chart_s: float | None = None  # "Masuk" clicked -> first plotly chart drawn
    all_pages_s: float | None = None     # URL opened -> last data page drawn
    pages: dict[str, float] = field(default_factory=dict)
    error: str | None = None


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds of the process and its reaped children) from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after "pid (comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based overall
        out[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]) / tick)
    return out


def cpu_seconds(root: int, exclude: int | None = None) -> float:
    """CPU time used so far by ``root`` and every live descendant (a finished child's time is in
    its parent's "children" counters once reaped), leaving out the subtree of ``exclude``."""
    table = _proc_table()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _cpu) in table.items():
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid == exclude or pid not in table:
            continue
        total += table[pid][1]
        todo += kids.get(pid, [])
    return total


@dataclass
class Phase:
    """Wall time and where the CPU went during one phase of the run."""
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    browser_cpu_s: float = 0.0

    @classmethod
    def measure(cls, server_pid: int):
        wall, srv, brw = time.perf_counter(), cpu_seconds(server_pid), cpu_seconds(os.getpid(), exclude=server_pid)

        def done() -> Phase:
            return cls(time.perf_counter() - wall, cpu_seconds(server_pid) - srv,
                       cpu_seconds(os.getpid(), exclude=server_pid) - brw)
        return done


def pct(values: list[float], q: float) -> float:
    """The q-quantile by linear interpolation between closest ranks (q=0.95 -> p95)."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(results: list[SessionResult]) -> dict:
    ok = [r for r in results if r.error is None]
    firsts = [r.first_chart_s for r in results if r.first_chart_s is not None]
    afters = [r.login_to_chart_s for r in results if r.login_to_chart_s is not None]
    alls = [r.all_pages_s for r in ok if r.all_pages_s is not None]

    def stats(xs):
        return {"median": statistics.median(xs), "p95": pct(xs, 0.95), "max": max(xs)} if xs else None

    return {"n": len(results), "errors": len(results) - len(ok), "first": stats(firsts), "after_login": stats(afters),
            "all": stats(alls)}


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def report(single: list[SessionResult], many: list[SessionResult]) -> list[str]:
    s, m = summary(single), summary(many)
    rows = ["| sessions | n | errors | first chart median s | p95 s | max s | (after login, median s) "
            "| all pages median s | p95 s | max s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, x in (("1 (one after another)", s), (f"{m['n']} concurrent", m)):
        f, a, al = x["first"] or {}, x["all"] or {}, x["after_login"] or {}
        rows.append(f"| {label} | {x['n']} | {x['errors']} | {fmt(f.get('median'))} | {fmt(f.get('p95'))} | "
                    f"{fmt(f.get('max'))} | {fmt(al.get('median'))} | {fmt(a.get('median'))} | {fmt(a.get('p95'))} | "
                    f"{fmt(a.get('max'))} |")
    if s["first"] and m["first"]:
        rows.append("")
        rows.append(f"Ratio concurrent / single, first chart: median {m['first']['median'] / s['first']['median']:.1f}x, "
                    f"p95 {m['first']['p95'] / s['first']['p95']:.1f}x, max {m['first']['max'] / s['first']['max']:.1f}x"
                    + (f"; all pages: median {m['all']['median'] / s['all']['median']:.1f}x" if s["all"] and m["all"]
                       else ""))
    return rows


def per_session_lines(results: list[SessionResult]) -> list[str]:
    out = []
    for r in results:
        pages = " ".join(f"{k}={v:.1f}" for k, v in r.pages.items())
        out.append(f"  {r.name:<8} {r.account:<12} first chart {fmt(r.first_chart_s):>6} s "
                   f"(after login {fmt(r.login_to_chart_s):>6} s)  all pages {fmt(r.all_pages_s):>6} s  "
                   f"[{pages}]" + (f"  ERROR {r.error}" if r.error else ""))
    return out


def machine() -> str:
    try:
        mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        ram = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {ram}, {platform.system()} " \
           f"{platform.release()}" + (f", {cpu}" if cpu else "")


def append_results(blocks: list[tuple[str, list[str]]], *, engine: str, sessions: int, single_n: int,
                   log_issues: list[str], notes: str, load: str) -> None:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    out = ["", f"## Beban: {sessions} sesi bersamaan ({engine}, {stamp})", "",
           f"`.venv/bin/python -m benchmarks.load_sessions --sessions {sessions}` · machine: {machine()} · "
           f"engine: {engine} (own demo database) · {single_n} single sessions one after another, then "
           f"{sessions} at once, after one uncounted warm-up session; accounts admin, operator, pimpinan, "
           "koordinator in turn. First chart: URL opened -> login -> first plotly chart of Ringkasan. "
           "All pages: until Cakupan, Pelanggaran, Formulir C, Peta and Kualitas were opened one after another "
           "through the navigation and finished.", ""]
    for title, lines in blocks:
        out += [title, "", *lines, ""]
    out += [f"Server log: {len(log_issues)} warning/error lines. Load average (1 min) of the shared machine "
            f"{load}." + (f" {notes}" if notes else ""), ""]
    with open(RESULTS, "a", encoding="utf-8") as fh:
        if not RESULTS.exists() or RESULTS.stat().st_size == 0:
            fh.write("# Benchmark results\n")
        fh.write("\n".join(out))


def cpu_lines(single_n: int, sessions: int, phases: tuple[Phase, Phase], client: str) -> list[str]:
    """Where the time went: CPU seconds of the server process and of the client side per phase."""
    rows = [f"| phase | wall s | server CPU s | {client} CPU s | server CPU per session s |",
            "| --- | ---: | ---: | ---: | ---: |"]
    for label, n, p in ((f"{single_n} single, one after another", single_n, phases[0]),
                        (f"{sessions} concurrent", sessions, phases[1])):
        rows.append(f"| {label} | {p.wall_s:.1f} | {p.server_cpu_s:.1f} | {p.browser_cpu_s:.1f} | "
                    f"{p.server_cpu_s / max(n, 1):.2f} |")
    return rows
