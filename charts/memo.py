"""Figures remembered by their inputs: a chart function called again with the same arguments
returns the figure it built before, not a new one built through plotly.

A chart is a pure function of its arguments (DataFrame in, figure out; the look and the texts are
module constants), so the figure is fully named by them: the key is a hash of the function's name
and its pickled arguments, equal only for equal content. No user, scope or filter is part of it
and none is needed: two sessions share a figure only when they pass the same data.

Building a figure through plotly (every property checked, every update parsed) took 10-20 ms, on
every run of every page for every viewer (benchmarks/load_sessions.py, py-spy); rebuilding it from
the remembered plain dict without the check (it was checked when first built) takes under 1 ms.
What is kept is the pickled dict, one bytes object per figure (the per-run garbage collection walks
no figure objects), in a bounded least-recently-used table shared by the process. Each call
returns a new figure: the caller may change it freely.
"""
from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict

import plotly.graph_objects as go

MAX_FIGURES = 512  # ~10 KB each pickled, a map ~100-300 KB (it holds its outlines)
MAX_FIGURE_BYTES = 48_000_000  # and at most this much together

_figures: OrderedDict[bytes, bytes] = OrderedDict()
_lock = threading.Lock()
_file_tables: list[tuple[OrderedDict, threading.Lock, list[int]]] = []  # one per ``remembered_bytes`` function
_figure_bytes = [0]


def _key(name: str, args: tuple, kwargs: dict) -> bytes | None:
    try:
        data = pickle.dumps((name, args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None  # an argument pickle cannot write (a lambda): built as always
    return hashlib.blake2b(data, digest_size=20).digest()


def _spec(fig: go.Figure) -> bytes:
    # The figure's own checked properties, as they are (numpy arrays, dates): ``to_dict`` would
    # write arrays as base64 text for the browser, which a caller reading ``fig.data[0].x`` (a test,
    # the briefing PDF) does not expect. Pickling copies them.
    props = {"data": fig._data, "layout": fig._layout}
    if fig._frame_objs:
        props["frames"] = [frame._props for frame in fig._frame_objs]
    return pickle.dumps(props, protocol=pickle.HIGHEST_PROTOCOL)


def _restore(spec: bytes) -> go.Figure:
    return go.Figure(pickle.loads(spec), _validate=False)


def remembered(fn):
    """Decorate a chart function (module level, returns a ``go.Figure``) so repeated calls with
    equal arguments rebuild the figure from the remembered one."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = _key(name, args, kwargs)
        if key is None:
            return fn(*args, **kwargs)
        with _lock:
            spec = _figures.get(key)
            if spec is not None:
                _figures.move_to_end(key)
        if spec is None:
            spec = _spec(fn(*args, **kwargs))
            with _lock:
                if key not in _figures:
                    _figures[key] = spec
                    _figure_bytes[0] += len(spec)
                while len(_figures) > MAX_FIGURES or _figure_bytes[0] > MAX_FIGURE_BYTES:
                    _figure_bytes[0] -= len(_figures.popitem(last=False)[1])
        return _restore(spec)  # the same path for a new and a remembered figure
    return wrapper


def remembered_bytes(fn, *, max_items: int = 256, max_bytes: int = 32_000_000, max_size: int = 4_000_000):
    """Decorate a function that returns ``bytes`` (a download file) so repeated calls with equal
    arguments return the same bytes object (immutable: safe to share), from a table of its own of
    at most ``max_items`` files and ``max_bytes`` together; a file larger than ``max_size`` bytes
    is made but not kept."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    files: OrderedDict[bytes, bytes] = OrderedDict()
    lock = threading.Lock()
    held = [0]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = _key(name, args, kwargs)
        if key is None:
            return fn(*args, **kwargs)
        with lock:
            content = files.get(key)
            if content is not None:
                files.move_to_end(key)
                return content
        content = fn(*args, **kwargs)
        if len(content) <= max_size:
            with lock:
                if key not in files:
                    files[key] = content
                    held[0] += len(content)
                while len(files) > max_items or held[0] > max_bytes:
                    held[0] -= len(files.popitem(last=False)[1])
        return content
    _file_tables.append((files, lock, held))
    return wrapper


def clear() -> None:
    """Forget every remembered figure and file (tests, benchmarks/run.py's cold runs)."""
    with _lock:
        _figures.clear()
        _figure_bytes[0] = 0
    for files, lock, held in _file_tables:
        with lock:
            files.clear()
            held[0] = 0


def size() -> int:
    with _lock:
        return len(_figures)
