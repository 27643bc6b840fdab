"""The dashboard's filter selection as a plain, hashable value, and how it becomes SQL.

One ``Filters`` value travels from the sidebar to every query. Empty tuples mean "all". Each query
module documents which fields apply to its data (Formulir C, for example, has no candidate pair
and no date range); ``applies_to`` says so for the UI.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, select, true

from data_access import schema

NOWHERE = "-"  # a kecamatan code that matches no row

@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None
    end: dt.date | None = None
    election_ids: tuple[int, ...] = ()
    paslon_ids: tuple[int, ...] = ()
    kecamatan: tuple[str, ...] = ()  # kecamatan codes
    desa: tuple[str, ...] = ()  # desa codes (the UI limits them to the chosen kecamatan)
    # Areas above the regency, for a database of several regencies (a province, Bawaslu RI). The
    # narrowest area field that is set decides: desa, else kecamatan, else kabupaten, else provinsi.
    kabupaten: tuple[str, ...] = ()  # kabupaten/kota codes ("19.03")
    provinsi: tuple[str, ...] = ()  # provinsi codes ("19")

    def shifted_back(self) -> Filters:
        """The same filters over the previous period of equal length (for "change vs before")."""
        if self.start is None or self.end is None:
            raise ValueError("a previous period needs a start and an end date")
        length = (self.end - self.start).days + 1
        return replace(self, start=self.start - dt.timedelta(days=length),
                       end=self.end - dt.timedelta(days=length))

    def with_area(self, kecamatan: tuple[str, ...] = (), desa: tuple[str, ...] = (),
                  kabupaten: tuple[str, ...] = (), provinsi: tuple[str, ...] = ()) -> Filters:
        return replace(self, kecamatan=kecamatan, desa=desa, kabupaten=kabupaten, provinsi=provinsi)

    def scoped(self, kecamatan_scope: tuple[str, ...] | None) -> Filters:
        """These filters clamped to an account's kecamatan (``users.User.kecamatan_scope``; None or
        empty: not limited, the filters come back unchanged). Whatever was asked for, only rows of
        those kecamatan can match: no area asked -> the scope's kecamatan; kecamatan and desa outside
        it are dropped; a request with nothing left inside it matches no row (``NOWHERE``) rather
        than falling back to the whole scope."""
        if not kecamatan_scope:
            return self
        scope = set(kecamatan_scope)
        kecamatan = tuple(k for k in self.kecamatan if k in scope) if self.kecamatan else tuple(sorted(scope))
        desa = tuple(d for d in self.desa if d.rsplit(".", 1)[0] in scope)
        if (self.kecamatan and not kecamatan) or (self.desa and not desa):
            kecamatan, desa = (NOWHERE,), ()
        return replace(self, kecamatan=kecamatan, desa=desa)


# Which filter fields each dataset honours (the UI says so when one does not apply).
APPLIES = {
    "activities": {"start", "end", "election_ids", "paslon_ids", "kecamatan", "desa"},
    "cases": {"start", "end", "election_ids", "paslon_ids", "kecamatan", "desa"},
    "formulir_c": {"kecamatan", "desa"},
    # Supervision reports (LHP) as such, e.g. "desa sepi": an LHP belongs to no election or pair.
    "reports": {"start", "end", "kecamatan", "desa"},
}


def ignored_fields(dataset: str, f: Filters) -> list[str]:
    """Filter fields that are set but do not apply to ``dataset``."""
    set_fields = [name for name in ("election_ids", "paslon_ids") if getattr(f, name)]
    return [name for name in set_fields if name not in APPLIES[dataset]]


# The area fields, narrowest first: the first one that is set decides.
AREA_FIELDS = ("desa", "kecamatan", "kabupaten", "provinsi")


def narrowest_area(f: Filters) -> str | None:
    """The area field that decides the area part of ``f`` (None: every area)."""
    return next((name for name in AREA_FIELDS if getattr(f, name)), None)


def area_clause(desa_column, f: Filters) -> ColumnElement[bool]:
    """Condition on a ``desa_kode`` column for the area part of the filters."""
    field = narrowest_area(f)
    if field is None:
        return true()
    codes = getattr(f, field)
    if field == "desa":
        return desa_column.in_(codes)
    if field == "kecamatan":
        return desa_column.in_(select(schema.Desa.kode).where(schema.Desa.kecamatan_kode.in_(codes)))
    if field == "kabupaten":
        return desa_column.in_(select(schema.Desa.kode).join(schema.Kecamatan)
                               .where(schema.Kecamatan.kabupaten_kode.in_(codes)))
    return desa_column.in_(select(schema.Desa.kode).join(schema.Kecamatan).join(schema.Kabupaten)
                           .where(schema.Kabupaten.provinsi_kode.in_(codes)))


def date_clause(date_column, f: Filters) -> ColumnElement[bool]:
    parts = []
    if f.start is not None:
        parts.append(date_column >= f.start)
    if f.end is not None:
        parts.append(date_column <= f.end)
    return and_(true(), *parts)


def election_clause(election_column, paslon_column, f: Filters) -> ColumnElement[bool]:
    parts = []
    if f.election_ids:
        parts.append(election_column.in_(f.election_ids))
    if f.paslon_ids:
        parts.append(paslon_column.in_(f.paslon_ids))
    return and_(true(), *parts)
