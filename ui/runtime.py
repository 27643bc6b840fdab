"""Process-wide tuning of the Streamlit server, done once per process.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``, on by
default, which keeps memory in check). A full collection walks every object the collector tracks,
and most of those are the modules' own: plotly's figure classes, pandas, Streamlit, SQLAlchemy
(~160,000 objects, ~0.1 s per collection on the 2-core test machine). Under 10 concurrent sessions
that was about a sixth of the server's CPU (benchmarks/load_sessions.py, py-spy). Those objects
live as long as the process, so they are moved out of the collector's sight once with
``gc.freeze()``; each run's collection then only looks at what the runs made. Turning
``postScriptGC`` off instead saved the same CPU but doubled the server's peak memory.
"""
from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def freeze_startup_objects() -> bool:
    """Import the heavy modules every page uses, then freeze what is alive now (once per process)."""
    import plotly.graph_objects  # noqa: F401 - the bulk of the long-lived objects

    import charts.cases  # noqa: F401
    import charts.coverage  # noqa: F401
    import charts.formulir_c  # noqa: F401
    import charts.maps  # noqa: F401
    import charts.quality  # noqa: F401
    import charts.summary  # noqa: F401
    import ui.components  # noqa: F401

    gc.collect()
    gc.freeze()
    return True
