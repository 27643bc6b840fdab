"""Process-wide tuning of the Streamlit server, done once per process.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``, on by
default, which keeps memory in check). A full collection walks every object the collector tracks,
and most of those are the modules' own: plotly's figure classes, pandas, Streamlit, SQLAlchemy
(~160,000 objects, ~0.1 s per collection on the 2-core test machine). Under 10 concurrent sessions
that was about a sixth of the server's CPU (benchmarks/load_sessions.py, py-spy). Those objects
live as long as the process, so they are moved out of the collector's sight once with
``gc.freeze()``; each run's collection then only looks at what the runs made. Turning
``postScriptGC`` off instead saved the same CPU but doubled the server's peak memory.

The entry point calls ``freeze_startup_objects`` after its own imports, which already bring in
plotly, pandas, SQLAlchemy and every chart module (through ``ui.export`` and ``reports``): about
200,000 objects. What the pages import on top of that (``ui.quality``, ``charts.quality``, the
importer, ...) adds under 1,000, so nothing is imported here just to be frozen.

Much of what stays is made on first use, not on import: SQLAlchemy's compiled statements, plotly's
property validators, babel's locale data, the pages' modules (~50,000 objects after one walk
through the pages, a 25-40 ms collection after EVERY run, a tenth of a page view's CPU; issue 20).
So the process freezes once more after its first ``WARM_RUNS`` script runs, when they exist. What
is frozen is never collected as cyclic garbage: the objects alive then that later become garbage
(an expired cache entry, a session that ended) stay, once, a few MB at most.
"""
from __future__ import annotations

import gc
import threading

WARM_RUNS = 12  # two walks through the six data pages

_lock = threading.Lock()
_runs = 0


def _freeze() -> None:
    gc.collect()
    gc.freeze()


def freeze_startup_objects() -> bool:
    """Count this script run; freeze what is alive now on the process's first run (the modules the
    entry point imported) and again on its ``WARM_RUNS``-th (what the pages made on first use)."""
    global _runs
    with _lock:
        _runs += 1
        run = _runs
        if run in (1, WARM_RUNS):
            _freeze()
    return True
