"""The load benchmark's own helpers (benchmarks/load_*.py): the protocol client's cookie jar and CSRF
form parsing, the server-log filter, the memory readout, issue 20's target table and the soak's
memory verdict. Hand-built inputs; the benchmark itself is run by hand (benchmarks/README.md)."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from benchmarks.load_protocol import form_token, store_cookies
from benchmarks.load_results import Phase, SessionResult, soak_lines, target_lines
from benchmarks.load_server import Memory, memory, status_kb
from benchmarks.load_sessions import log_problems


# ---------------------------------------------------------------- cookies
def test_jar_keeps_cookies_with_attributes_and_haproxys_sticky_cookie():
    jar: dict[str, str] = {}
    store_cookies(jar, ["pantau_csrf=abc123; Path=/; HttpOnly; SameSite=Lax",
                        "SERVERID=p2; path=/; HttpOnly; SameSite=Lax"])
    assert jar == {"pantau_csrf": "abc123", "SERVERID": "p2"}
    store_cookies(jar, ["SERVERID=p1; path=/"])  # a redispatch names the new process
    assert jar["SERVERID"] == "p1"


def test_jar_drops_a_cookie_the_answer_deletes():
    jar = {"pantau_sesi": "tok.sig", "pantau_csrf": "abc", "pantau_pesan": "m"}
    # as Starlette's delete_cookie sends it (the logout's 303)
    store_cookies(jar, ['pantau_sesi=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=lax'])
    assert jar == {"pantau_csrf": "abc", "pantau_pesan": "m"}
    store_cookies(jar, ["pantau_pesan=x; Max-Age=0; Path=/"])
    assert jar == {"pantau_csrf": "abc"}
    store_cookies(jar, ["nothing_here=1; Max-Age=0"])  # deleting a cookie the jar never had
    assert jar == {"pantau_csrf": "abc"}


# ---------------------------------------------------------------- CSRF tokens from the page's html
LOGIN = ('<style>.x{}</style><form class="pantau-login" method="post" action="/masuk">'
         '<input type="hidden" name="tanda" value="LOGIN&amp;TOKEN"><input type="hidden" name="tujuan" value="/">'
         '<label>Pengguna <input name="pengguna"></label><button type="submit">Masuk</button></form>')
LOGOUT = ('<form class="pantau-logout" method="post" action="/keluar">'
          '<input type="hidden" name="tanda" value="OUT-1"><button type="submit">Keluar</button></form>')


def test_form_token_reads_the_token_of_the_form_posting_to_the_action():
    assert form_token([LOGIN], "/masuk") == "LOGIN&TOKEN"  # html-unescaped
    assert form_token(["<p>Ringkasan</p>", LOGOUT], "/keluar") == "OUT-1"
    assert form_token([LOGIN + LOGOUT], "/keluar") == "OUT-1"  # both forms in one body
    assert form_token([LOGOUT], "/masuk") is None  # the logout form's token is not the login's
    assert form_token([], "/keluar") is None
    no_field = '<form method="post" action="/keluar"><button>Keluar</button></form>'
    assert form_token([no_field], "/keluar") is None


def test_form_token_takes_the_latest_form_when_a_run_draws_it_again():
    newer = LOGOUT.replace("OUT-1", "OUT-2")
    assert form_token([LOGOUT, newer], "/keluar") == "OUT-2"


# ---------------------------------------------------------------- server log
def test_log_problems_counts_haproxy_lines_and_a_dead_process_not_a_normal_stop():
    log = "\n".join([
        "pantau serve: p1: pid 12, streamlit on 127.0.0.1:8771",
        "[p1]   You can now view your Streamlit app in your browser.",
        "[p2] 2026-12-03 19:53:43.139 No runtime found, using MemoryCacheStorageManager",
        "[haproxy] 127.0.0.1:5555 [03/Dec/2026:19:54:20.000] pantau streamlit/p1 0/0/-1/-1/1 503 217 - - SC-- 1/1/0",
        "pantau serve: p2 (pid 14) exited with code -9; not restarted: HAProxy sends its users to the others",
        "[p1] 2026-12-03 19:55:00.000 WARNING ui.routes: login POST refused",
        "pantau serve: SIGTERM: stopping",
        "pantau serve: all stopped",
    ])
    assert [line[:20] for line in log_problems(log)] == [
        "[haproxy] 127.0.0.1:", "pantau serve: p2 (pi", "[p1] 2026-12-03 19:5"]


# ---------------------------------------------------------------- memory
def test_memory_sums_the_processes_and_names_the_largest():
    child = subprocess.Popen([sys.executable, "-c", "b = b'x' * (80 * 2**20); print('ready', flush=True); "
                              "import time; time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"  # its 80 MB are written: resident
        own, other = status_kb(os.getpid(), "VmHWM"), status_kb(child.pid, "VmHWM")
        both = memory([os.getpid(), child.pid, 2**22 + 7], "VmHWM")  # the last pid does not exist
        assert other > 80 * 1024
        assert both.n == 2
        assert abs(both.sum_mb - (own + other) / 1024) < 1  # this process may grow between the readings
        assert abs(both.max_mb - max(own, other) / 1024) < 1
    finally:
        child.kill()
        child.wait()
    assert memory([2**22 + 7], "VmRSS") is None


# ---------------------------------------------------------------- soak verdict
def _walks(n: int, errors: int = 0) -> list[SessionResult]:
    return [SessionResult(f"s{i}", "admin", first_chart_s=1.0, all_pages_s=4.0, server="p1" if i % 2 else "p2",
                          error="boom" if i < errors else None) for i in range(n)]


def test_soak_passes_within_ten_percent_and_fails_above():
    phase = Phase(wall_s=100, server_cpu_s=60, proxy_cpu_s=1)
    lines, grew = soak_lines(_walks(10), phase, 3, Memory(400, 200, 2), Memory(436, 220, 2), None, 0.10)
    assert not grew
    assert lines[2] == "| 10 | 0 | 400 MB | 436 MB | 1.09 | 1.10 | ok |"
    assert "server CPU 6.00 s per session" in lines[4]
    assert lines[5] == "Sessions per process: p1 5, p2 5."
    lines, grew = soak_lines(_walks(10), phase, 3, Memory(400, 200, 2), Memory(444, 222, 2), None, 0.10)
    assert grew and lines[2].endswith("| 1.11 | 1.10 | **missed** |")


def test_soak_fails_on_an_error_or_an_unreadable_memory():
    phase = Phase(wall_s=10)
    lines, grew = soak_lines(_walks(4, errors=1), phase, 2, Memory(400, 400, 1), Memory(400, 400, 1), None, 0.10)
    assert not grew and lines[2] == "| 4 | 1 | 400 MB | 400 MB | 1.00 | 1.10 | **missed** |"
    _lines, grew = soak_lines(_walks(4), phase, 2, None, Memory(400, 400, 1), None, 0.10)
    assert grew


# ---------------------------------------------------------------- issue 20's targets
def _firsts(values: list[float]) -> list[SessionResult]:
    return [SessionResult(f"s{i}", "admin", first_chart_s=v, all_pages_s=v + 3) for i, v in enumerate(values)]


def test_targets_for_20_at_once():
    single = _firsts([0.4, 0.5, 0.6])  # median 0.5
    # 1.0, 1.1 .. 2.8 and 3.0: median 1.95; p95 at position 19 * 0.95 = 18.05 (0-based), between 2.8
    # and 3.0: 2.8 + 0.05 * 0.2 = 2.81; ratio 1.95 / 0.5 = 3.9
    many = _firsts([1.0 + 0.1 * i for i in range(19)] + [3.0])
    phases = (Phase(server_cpu_s=1.5), Phase(server_cpu_s=11.0))  # 0.5 and 0.55 s per walk
    rows = target_lines(single, many, phases, 480.0)
    assert rows[2:] == [
        "| 20 at once: errors | 0 | 0 | ok |",
        "| 20 at once: first chart median | < 2 s | 1.95 s | ok |",
        "| 20 at once: first chart p95 | < 4 s | 2.81 s | ok |",
        "| 20 at once: concurrent / single, first chart median | < 5x | 3.90x | ok |",
        "| server peak memory (sum of the processes' VmHWM) | < 500 MB | 480 MB | ok |",
        "| server CPU per six-page walk (worse of single and concurrent) | < 0.6 s | 0.55 s | ok |",
    ]
    slow = _firsts([2.0 + 0.1 * i for i in range(20)])  # median 2.95 (ratio 5.9x), p95 3.8 + 0.005
    rows = target_lines(single, slow, (Phase(server_cpu_s=1.5), Phase(server_cpu_s=13.0)), 510.0)
    assert [row.rsplit("|", 2)[1].strip() for row in rows[2:]] == ["ok", "**missed**", "ok", "**missed**",
                                                                  "**missed**", "**missed**"]


def test_targets_for_50_at_once_are_errors_and_p95():
    many = _firsts([1.0] * 49 + [9.0])  # p95 at position 49 * 0.95 = 46.55, between two 1.0s: 1.0
    many[0].error = "timeout"
    rows = target_lines(_firsts([0.5]), many, (Phase(server_cpu_s=0.5), Phase(server_cpu_s=25.0)), 900.0)
    assert rows[2:] == [
        "| 50 at once: errors | 0 | 1 | **missed** |",
        "| 50 at once: first chart p95 | < 8 s | 1.00 s | ok |",
        "| server CPU per six-page walk (worse of single and concurrent) | < 0.6 s | 0.50 s | ok |",
    ]


# ---------------------------------------------------------------- CPU per phase
def test_phase_splits_cpu_between_app_and_proxy_from_one_snapshot():
    """Without a proxy the tree IS the app process: its proxy share is exactly 0, even while the
    app burns CPU between two /proc readings."""
    busy = subprocess.Popen([sys.executable, "-c", "import time\nend = time.process_time() + 30\n"
                             "while time.process_time() < end: pass"])
    try:
        done = Phase.measure(busy.pid, [busy.pid])
        while (phase := done()).server_cpu_s < 0.2:  # until the tick counters show its work
            time.sleep(0.05)
        assert phase.proxy_cpu_s == 0
        assert phase.browser_cpu_s < phase.server_cpu_s  # this test process waits meanwhile
    finally:
        busy.kill()
        busy.wait()


def test_phase_counts_the_app_processes_as_server_and_the_rest_of_the_tree_as_proxy():
    burn = "import time\nend = time.process_time() + 30\nwhile time.process_time() < end: pass"
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys\n"
                               f"p = subprocess.Popen([sys.executable, '-c', {burn!r}])\n"
                               "print(p.pid, flush=True)\np.wait()"], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        app = int(parent.stdout.readline())
        done = Phase.measure(parent.pid, [app])  # the parent waits: it stands for an idle proxy
        while (phase := done()).server_cpu_s < 0.2:
            time.sleep(0.05)
        assert phase.proxy_cpu_s < 0.05
        assert phase.browser_cpu_s < 0.1  # the burning process is in the server's tree, not the client's
    finally:
        os.killpg(parent.pid, 9)
        parent.wait()
