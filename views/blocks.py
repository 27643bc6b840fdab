"""The building blocks of a view: what a page draws and the briefing PDF prints, as plain values."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from metrics import summary as summary_metrics

Loader = Callable[..., object]  # load(fn, filters=None, **kwargs): a data_access read, maybe cached


@dataclass(frozen=True)
class Card:
    """One KPI card. ``change``: the line under the value. With a ``direction`` (up/down/flat/none)
    it is a change against the previous period, coloured by ``tone`` and followed by ``change_note``
    ("vs periode sebelumnya"); without one it is a plain grey line ("8,4% dari DPT")."""

    key: str
    label: str
    value: str
    change: str = ""
    direction: str = ""
    tone: str = summary_metrics.NEUTRAL
    change_note: str = ""
    notes: tuple[str, ...] = ()
    help: str | None = None

    @property
    def delta_text(self) -> str:
        """The change line as printed (paper has no arrow icon, so the arrow is a character)."""
        if not self.change:
            return ""
        if self.direction in ("", "none"):
            return self.change
        arrow = {"up": "▲ ", "down": "▼ "}.get(self.direction, "")
        return f"{arrow}{self.change}" + (f" {self.change_note}" if self.change_note else "")


@dataclass(frozen=True)
class Item:
    """One line of a ranked list and the area it names (``level`` and the row's area columns), so a
    page can link it to the page that explains it, filtered to that area."""

    text: str
    level: str = ""
    area: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RankedList:
    """A titled list ("Perlu perhatian"): ``items`` worst first, ``empty`` said when there are none
    (blank: nothing is said), ``note`` the caption under it."""

    key: str
    title: str
    items: tuple[Item, ...] = ()
    empty: str = ""
    note: str = ""

    def lines(self) -> tuple[str, ...]:
        return tuple(i.text for i in self.items) or ((self.empty,) if self.empty else ())


@dataclass(frozen=True)
class Table:
    """A display frame (``charts.*_table``) and the column formatters for its cells."""

    title: str
    frame: pd.DataFrame
    formats: Mapping[str, Callable] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Figure:
    title: str
    figure: go.Figure
    alt: str = ""


def area_of(row, level: str) -> dict:
    """The area columns of a query row (whichever it has), for ``Item.area``."""
    keys = ("provinsi", "kabupaten_kode", "kecamatan", "kecamatan_kode", "desa", "desa_kode")
    return {k: row[k] for k in keys if k in row.index}
