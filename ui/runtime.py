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
"""
from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def freeze_startup_objects() -> bool:
    """Freeze what is alive now, i.e. the modules the entry point imported (once per process)."""
    gc.collect()
    gc.freeze()
    return True
