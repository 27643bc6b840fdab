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
    server: str | None = None  # the process its websocket reached (behind scripts/serve)


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


def cpu_seconds(root: int, exclude: int | None = None, table: dict[int, tuple[int, float]] | None = None) -> float:
    """CPU time used so far by ``root`` and every live descendant (a finished child's time is in
    its parent's "children" counters once reaped), leaving out the subtree of ``exclude``; from
    ``table`` (one ``_proc_table()`` snapshot) when given, so several sums are of the same moment."""
    table = _proc_table() if table is None else table
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
    """Wall time and where the CPU went during one phase of the run: the app's Streamlit processes,
    the proxy (HAProxy and scripts/serve's supervisor; 0 without one) and this client."""
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    browser_cpu_s: float = 0.0
    proxy_cpu_s: float = 0.0

    @classmethod
    def measure(cls, root_pid: int, app_pids: list[int]):
        def now() -> dict[str, float]:
            table = _proc_table()
            app = sum(cpu_seconds(pid, table=table) for pid in app_pids)
            return {"wall_s": time.perf_counter(), "server_cpu_s": app,
                    "proxy_cpu_s": cpu_seconds(root_pid, table=table) - app,
                    "browser_cpu_s": cpu_seconds(os.getpid(), exclude=root_pid, table=table)}

        start = now()

        def done() -> Phase:
            end = now()
            return cls(**{k: end[k] - start[k] for k in start})
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
        mf, sf = m["first"], s["first"]
        rows.append(f"Ratio concurrent / single, first chart: median {mf['median'] / sf['median']:.1f}x, "
                    f"p95 {mf['p95'] / sf['p95']:.1f}x, max {mf['max'] / sf['max']:.1f}x"
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
                   log_issues: list[str], notes: str, load: str, server_kind: str, processes: int) -> None:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    option = f" --processes {processes}" if processes else ""
    out = ["", f"## Beban: {sessions} sesi bersamaan ({engine}, {server_kind}, {stamp})", "",
           f"`.venv/bin/python -m benchmarks.load_sessions --sessions {sessions}{option}` · machine: {machine()} · "
           f"engine: {engine} (own demo database) · server: {server_kind} · {single_n} single sessions one after "
           "another, then "
           f"{sessions} at once, after one uncounted warm-up session; each session its own account (the demo "
           "accounts, then pimpinan and kecamatan koordinator load accounts). "
           "First chart: URL opened -> login -> first plotly chart of Ringkasan. "
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
    """Where the time went: CPU seconds of the Streamlit processes (summed), of the proxy, and of
    the client side per phase."""
    rows = [f"| phase | wall s | server CPU s | proxy CPU s | {client} CPU s | server CPU per session s |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, n, p in ((f"{single_n} single, one after another", single_n, phases[0]),
                        (f"{sessions} concurrent", sessions, phases[1])):
        rows.append(f"| {label} | {p.wall_s:.1f} | {p.server_cpu_s:.1f} | {p.proxy_cpu_s:.1f} | "
                    f"{p.browser_cpu_s:.1f} | {p.server_cpu_s / max(n, 1):.2f} |")
    return rows


# Issue 20's targets for the protocol client (2 cores, demo data): {sessions at once: [(label, check)]}.
TARGET_FIRST_CHART = {20: (2.0, 4.0), 50: (None, 8.0)}  # median, p95 limits in seconds
TARGET_RATIO = 5.0           # 20 at once: median first chart, concurrent / single
TARGET_CPU_PER_WALK = 0.6    # server CPU seconds per six-page walk (login included), both phases
TARGET_MEMORY_MB = 500       # the Streamlit processes' peak resident memory, summed, 20 sessions


def target_lines(single: list[SessionResult], many: list[SessionResult], phases: tuple[Phase, Phase],
                 peak_sum_mb: float | None) -> list[str]:
    """Issue 20's targets that apply to this run (20 or 50 at once), marked ok / **missed**."""
    n = len(many)
    s, m = summary(single), summary(many)
    rows = ["| target | limit | measured | |", "| --- | ---: | ---: | --- |"]

    def row(label: str, limit: str, value: float | None, ok: bool, unit: str = " s") -> None:
        shown = "-" if value is None else f"{value:.0f}{unit}" if unit == " MB" else f"{value:.2f}{unit}"
        rows.append(f"| {label} | {limit} | {shown} | {'ok' if ok and value is not None else '**missed**'} |")

    rows.append(f"| {n} at once: errors | 0 | {m['errors']} | {'ok' if m['errors'] == 0 else '**missed**'} |")
    median_limit, p95_limit = TARGET_FIRST_CHART.get(n, (None, None))
    first = m["first"] or {}
    if median_limit is not None:
        row(f"{n} at once: first chart median", f"< {median_limit:g} s", first.get("median"),
            (first.get("median") or 1e9) < median_limit)
    if p95_limit is not None:
        row(f"{n} at once: first chart p95", f"< {p95_limit:g} s", first.get("p95"),
            (first.get("p95") or 1e9) < p95_limit)
    if n == 20:
        ratio = m["first"]["median"] / s["first"]["median"] if s["first"] and m["first"] else None
        row("20 at once: concurrent / single, first chart median", f"< {TARGET_RATIO:g}x", ratio,
            (ratio or 1e9) < TARGET_RATIO, "x")
        row("server peak memory (sum of the processes' VmHWM)", f"< {TARGET_MEMORY_MB} MB", peak_sum_mb,
            (peak_sum_mb or 1e9) < TARGET_MEMORY_MB, " MB")
    per_walk = [p.server_cpu_s / max(k, 1) for p, k in zip(phases, (len(single), n), strict=True)]
    row("server CPU per six-page walk (worse of single and concurrent)", f"< {TARGET_CPU_PER_WALK:g} s",
        max(per_walk), max(per_walk) < TARGET_CPU_PER_WALK)
    return rows


def servers_line(results: list[SessionResult]) -> str | None:
    """How the sessions were spread over the processes (behind the proxy), or None without one."""
    counts: dict[str, int] = {}
    for r in results:
        if r.server:
            counts[r.server] = counts.get(r.server, 0) + 1
    return ("Sessions per process: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))) if counts else None


def soak_lines(results: list[SessionResult], phase: Phase, baseline_at: int, baseline, final, peak,
               growth: float) -> tuple[list[str], bool]:
    """The soak's report: errors, the summed resident memory after the first ``baseline_at`` sessions
    and after all (``load_server.Memory`` or None), their ratio against ``1 + growth``; and whether
    memory grew too much (or could not be read)."""
    n = len(results)
    ratio = final.sum_mb / baseline.sum_mb if final and baseline else None
    grew = ratio is None or ratio > 1 + growth
    s = summary(results)
    walk = s["all"] or {}

    def mb(m, attr: str) -> str:
        return "-" if m is None else f"{getattr(m, attr):.0f} MB"

    lines = [f"| sessions | errors | memory after the first {baseline_at} | after all {n} | ratio | limit | |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
             f"| {n} | {s['errors']} | {mb(baseline, 'sum_mb')} | {mb(final, 'sum_mb')} | {fmt(ratio)} | "
             f"{1 + growth:.2f} | {'ok' if not grew and s['errors'] == 0 else '**missed**'} |", "",
             f"Largest process: {mb(baseline, 'max_mb')} after {baseline_at}, {mb(final, 'max_mb')} after {n}. "
             f"Peak (VmHWM) summed {mb(peak, 'sum_mb')}, largest {mb(peak, 'max_mb')}. Walk (GET / to the last "
             f"page) median {fmt(walk.get('median'))} s, p95 {fmt(walk.get('p95'))} s; {phase.wall_s:.0f} s in "
             f"all; server CPU {phase.server_cpu_s / max(n, 1):.2f} s per session, proxy "
             f"{phase.proxy_cpu_s / max(n, 1):.3f} s."]
    if spread := servers_line(results):
        lines.append(spread + ".")
    return lines, grew


def append_soak(lines: list[str], *, engine: str, server_kind: str, processes: int, sessions: int,
                notes: str) -> None:
    """The soak run's entry in RESULTS.md (section "Soak")."""
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    option = f" --processes {processes}" if processes else ""
    out = ["", f"## Soak: {sessions} sesi berurutan ({engine}, {server_kind}, {stamp})", "",
           f"`.venv/bin/python -m benchmarks.load_sessions --soak {sessions}{option}` · machine: {machine()} · "
           f"engine: {engine} (own demo database) · server: {server_kind}. Each session, one after another"
           f"{', through the proxy' if processes else ''}: GET /, the login form, POST /masuk, Ringkasan, "
           "Cakupan, Pelanggaran, Formulir C, "
           "Peta, Kualitas, then the sidebar's logout form (POST /keluar). Memory: resident now (VmRSS) of the "
           "Streamlit processes, summed.", "", *lines, ""]
    if notes:
        out += [notes, ""]
    with open(RESULTS, "a", encoding="utf-8") as fh:
        fh.write("\n".join(out))
