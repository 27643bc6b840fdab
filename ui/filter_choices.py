"""What the filter bar (``ui.filters``) offers, worked out from the reference tables.

Built once per data through ``ui.cache.view`` and shared by the sessions, rather than on every run:
the joins and row loops over the pairs and the desa were a sixth of a page view's CPU (issue 20).
Shared: the filter bar reads them and never changes them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access.filters import Filters
from data_access.queries import reference
from texts import catalogue, code_labels


def paslon_key(row) -> str:
    return f"{row.election_kode}.{row.nomor_urut}"


@dataclass(frozen=True)
class PairChoices:
    rows: tuple[tuple[str, str, int, int], ...]  # (key, label, paslon id, election id), blank boxes left out
    every_label: frozenset[str]  # the label of every pair of every election


def pairs(load, _filters: Filters | None = None) -> PairChoices:
    elections, paslon = load(reference.elections), load(reference.paslon)
    real = paslon[~paslon["is_kolom_kosong"].astype(bool)]
    pairs = real.merge(
        elections[["id", "kode"]].rename(columns={"id": "election_id", "kode": "election_kode"}), on="election_id")
    rows = tuple((paslon_key(r), f"{code_labels.ELECTION_SHORT.get(r.election_jenis, '')} {r.nomor_urut} · {r.nama}",
                  int(r.id), int(r.election_id)) for r in pairs.itertuples())
    every = frozenset(f"{code_labels.ELECTION_SHORT.get(r.election_jenis, '')} {r.nomor_urut} · {r.nama}"
                      for r in real.itertuples())
    return PairChoices(rows, every)


def desa(load, _filters: Filters | None = None, *, parents: tuple[str, ...]) -> tuple[pd.DataFrame, dict]:
    """The desa of kecamatan ``parents`` and their labels ("Rias (Toboali)"), code -> label."""
    options = load(reference.desa_of, kecamatan=parents)
    return options, {r.kode: catalogue.desa_label(r.nama, r.kecamatan) for r in options.itertuples()}
