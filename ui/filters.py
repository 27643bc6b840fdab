"""The one shared filter bar (sidebar of the entry point), bound to the URL.

Every widget has ``bind="query-params"``, so the selection survives page switches and lives in the
URL: a coordinator can paste the link into a chat and the receiver sees the same view. Values in
a URL are checked before the widgets read them; unknown or malformed ones are dropped with a
visible notice (never a traceback). URL keys: ``pemilihan``, ``paslon``, ``tanggal``, ``kec``,
``desa``. Bound widgets put their visible labels in the URL, so links stay readable:
``?kec=Toboali&desa=Rias+(Toboali)&tanggal=2024-10-01&tanggal=2024-10-31``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from data_access.filters import Filters
from data_access.queries import reference
from texts import catalogue, code_labels, formatting, markdown
from ui import cache, filter_choices

ALL = "semua"
KEYS = ("pemilihan", "paslon", "tanggal", "prov", "kab", "kec", "desa")
# A list longer than this is not offered whole: the level above must be chosen first (national data).
MAX_AREA_OPTIONS = 600
_STATE = "_pantau_selection"


@dataclass(frozen=True)
class Selection:
    """What the filter bar chose: the query ``Filters`` plus the labels to stamp on screen."""

    filters: Filters
    election_label: str
    paslon_labels: tuple[str, ...] = ()
    paslon_short: tuple[str, ...] = ()  # election and nomor urut, for file names: ("Pilgub 2",)
    kecamatan_labels: tuple[str, ...] = ()
    desa_labels: tuple[str, ...] = ()
    # What "no area chosen" means in this database: its kecamatan, or (several regencies) its
    # kabupaten/kota or provinsi; one of catalogue.FILTER's *_placeholder texts.
    all_areas: str = catalogue.FILTER["kecamatan_placeholder"]
    default_range: tuple[dt.date, dt.date] | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)
    # The selection as URL parameters (widget labels), for links to other pages: ((key, values), ...)
    url_params: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)

    def describe(self) -> str:
        """One line for stamps and file headers: "Pilbup 2024 · Toboali · 25 Sep 2024 – 23 Nov 2024"."""
        parts = [self.election_label]
        if self.paslon_labels:
            parts.append(", ".join(self.paslon_labels))
        parts.append(", ".join(self.desa_labels or self.kecamatan_labels) or self.all_areas)
        parts.append(formatting.fmt_range(self.filters.start, self.filters.end))
        return " · ".join(parts)

    def slug(self) -> str:
        """Short ASCII text for download file names: "toboali_2024-09-25_2024-11-23", with the
        election and pair when chosen: "pemilihan-gubernur-2024_pilgub-2_toboali_2024-10-01_2024-10-31"
        (the pair by election and nomor urut: its names would make the name long)."""
        area = "_".join(self.desa_labels or self.kecamatan_labels) or self.all_areas
        parts = [*self.paslon_short, area]
        if self.filters.election_ids:
            parts.insert(0, self.election_label)
        if self.filters.start and self.filters.end:
            parts.append(f"{self.filters.start:%Y-%m-%d}_{self.filters.end:%Y-%m-%d}")
        return re.sub(r"[^a-z0-9_-]+", "-", "_".join(parts).lower()).strip("-")[:120]


def current() -> Selection:
    """The selection made by the filter bar in this run (the entry point renders it first).

    We keep page files in ``pages/``, the folder Streamlit's legacy multipage mode scans. Until some
    session has run the entry point (which calls ``st.navigation``), a deep link such as
    ``/cakupan`` on a freshly started server runs the page file alone, without the filter bar.
    Every page starts here, so this is where such a run switches the legacy mode off and reruns
    through the entry point."""
    if PagesManager.uses_pages_directory or _STATE not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state[_STATE]


def link_params(**area: list[str] | None) -> dict[str, list[str]]:
    """URL parameters for ``st.page_link(..., query_params=...)``: the current filter bar's values
    (``Selection.url_params``: labels, as the URL holds them) with the area replaced, e.g.
    ``link_params(kec=["Toboali"], desa=None)``. A link then opens the other page on the same
    election, pair and dates, narrowed to that area (page_link clears every parameter it is not
    given)."""
    selection = st.session_state.get(_STATE)
    current_params = dict(selection.url_params) if selection is not None else {}
    params = {key: list(values) for key, values in current_params.items() if key not in area}
    params.update({key: list(values) for key, values in area.items() if values})
    return {key: values for key, values in params.items() if values}


_PAGE = "_pantau_page"


def _follow_area_link(kec_codes: dict[str, str], desa_codes: dict[str, str]) -> None:
    """Apply the area of a link followed inside the app (``st.page_link(..., query_params=
    link_params(kec=[...]))``). Streamlit seeds a bound widget from the URL only on first load; on a
    page switch a widget that already has a value keeps it. So on a page switch whose URL names
    another area than the filter bar holds, the URL's area wins (labels -> codes; unknown labels
    are dropped here and reported by ``_validate_url`` on a fresh load)."""
    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx is not None else None
    previous = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = page
    if previous is None or previous == page:
        return
    url_kec, url_desa = st.query_params.get_all("kec"), st.query_params.get_all("desa")
    if not url_kec and not url_desa:
        return
    kec = [kec_codes[v] for v in url_kec if v in kec_codes]
    desa = [desa_codes[v] for v in url_desa if v in desa_codes]
    if kec != list(st.session_state.get("kec") or []) or desa != list(st.session_state.get("desa") or []):
        st.session_state["kec"], st.session_state["desa"] = kec, desa


def _follow_upper_link(key: str, codes: dict[str, str]) -> None:
    """``_follow_area_link`` for the provinsi (``prov``) and kabupaten/kota (``kab``) pickers: on a
    page switch whose URL names other areas than the picker holds, the URL wins (labels -> codes).
    Called before the picker is drawn; ``_follow_area_link`` records the page afterwards."""
    ctx = get_script_run_ctx()
    previous = st.session_state.get(_PAGE)
    if previous is None or previous == (ctx.page_script_hash if ctx is not None else None):
        return
    url = st.query_params.get_all(key)
    chosen = [codes[v] for v in url if v in codes]
    if url and chosen != list(st.session_state.get(key) or []):
        st.session_state[key] = chosen


def _all_areas(kab: pd.DataFrame) -> str:
    """How the stamp names "no area chosen": "Semua kecamatan" in a regency's database, "Semua
    kabupaten/kota" or "Semua provinsi" in a province's or the country's (not "Semua kecamatan" over
    7,300 kecamatan of 38 provinsi)."""
    if kab["provinsi_kode"].nunique() > 1:
        return catalogue.FILTER["provinsi_placeholder"]
    if len(kab) > 1:
        return catalogue.FILTER["kabupaten_placeholder"]
    return catalogue.FILTER["kecamatan_placeholder"]


def _named_desa() -> pd.DataFrame:
    """``reference.desa`` rows of the desa the URL names (by their label "Rias (Toboali)") or the
    desa picker holds (by code): enough to check a link's desa and to label the chosen ones."""
    names = tuple(sorted({v.rsplit(" (", 1)[0] for v in st.query_params.get_all("desa")}))
    codes = tuple(sorted(str(c) for c in st.session_state.get("desa") or ()))
    return cache.load(reference.desa_of, names=names, kode=codes)


def _validate_url(key: str, labels: dict[str, object], what: str, notices: list[str], *,
                  multi: bool = True, silent: frozenset = frozenset(), known=(), within: str = "") -> None:
    """Before a bound widget first reads the URL: keep the valid values, report the rest.

    Bound widgets write their *labels* into the URL (``?kec=Toboali``), so ``labels`` maps each
    label to its option value, as offered under the levels already chosen. A value in ``known``
    but not offered (a desa outside the chosen kecamatan, a pair of another election) is dropped
    with its own notice naming ``within``, the choice it falls outside of; values in ``silent``
    are reported elsewhere."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    if not raw:
        return
    bad = [v for v in raw if v not in labels and v not in silent]
    outside = [v for v in bad if v in known]
    unknown = [v for v in bad if v not in known]
    if unknown:
        notices.append(catalogue.url_value_dropped(what, unknown))
    if outside:
        notices.append(catalogue.url_value_outside(what, outside, within))
    if len([v for v in raw if v in labels]) < len(raw):
        good = [labels[v] for v in raw if v in labels]
        st.session_state[key] = good if multi else (good[0] if good else None)


def _within(level: str, names) -> str:
    """The choice a URL value falls outside of, for its notice: "kecamatan Payung"."""
    return f"{level} {', '.join(names)}" if names else f"{level} yang dipilih"


def _validate_dates(notices: list[str], default: tuple[dt.date, dt.date]) -> None:
    if "tanggal" in st.session_state:
        return
    raw = st.query_params.get_all("tanggal")
    if not raw:
        return
    try:
        days = [dt.date.fromisoformat(v) for v in raw]
        if len(days) > 2 or (len(days) == 2 and days[0] > days[1]):
            raise ValueError
    except ValueError:
        notices.append(catalogue.url_value_dropped("Tanggal", raw))
        st.session_state["tanggal"] = default


def _area_multiselect(key: str, copy: str, names: dict[str, str], too_many: str | None = None,
                      total: int | None = None) -> list[str]:
    """An area picker bound to the URL (``names``: code -> label; ``copy``: its ``catalogue.FILTER`` label
    and ``<copy>_placeholder``). With ``too_many``, a list longer than MAX_AREA_OPTIONS (``total``
    when the options were not read because there are too many) is not offered: that caption asks
    for the level above first (no 7,000-item list) and nothing is chosen."""
    n = len(names) if total is None else total
    if too_many and n > MAX_AREA_OPTIONS:
        st.sidebar.caption(catalogue.FILTER[too_many].format(n=formatting.fmt_int(n)))
        return []
    return st.sidebar.multiselect(
        catalogue.FILTER[copy], list(names), key=key, bind="query-params", format_func=lambda k: names.get(k, k),
        placeholder=catalogue.FILTER[f"{copy}_placeholder"])


def kabupaten_labels(kab: pd.DataFrame) -> dict[str, str]:
    """The picker's (and the URL's) label of every kabupaten/kota in ``reference.kabupaten()``: its
    name, with its provinsi in brackets once the data has several provinsi (two provinsi may
    each have a kabupaten of the same name)."""
    several = kab["provinsi_kode"].nunique() > 1
    return {r.kode: f"{r.nama} ({r.provinsi})" if several else r.nama for r in kab.itertuples()}


def _upper_areas(notices: list[str], scope: tuple[str, ...]):
    """Provinsi and kabupaten/kota pickers, drawn only when the data has more than one (a database
    of one regency never shows them). Returns the chosen codes and their labels for the stamp."""
    if scope:  # a koordinator's kecamatan already fix the regency
        return (), (), (), ()
    kab = cache.load(reference.kabupaten)
    chosen_prov: list[str] = []
    prov_names = dict(zip(kab["provinsi_kode"], kab["provinsi"], strict=True))
    if len(prov_names) > 1:
        _follow_upper_link("prov", {v: k for k, v in prov_names.items()})
        _validate_url("prov", {v: k for k, v in prov_names.items()}, "Provinsi", notices)
        chosen_prov = _area_multiselect("prov", "provinsi", dict(sorted(prov_names.items())))
    chosen_kab: list[str] = []
    options = kab[kab["provinsi_kode"].isin(chosen_prov)] if chosen_prov else kab
    kab_names = kabupaten_labels(kab)
    if len(kab) > 1:
        _follow_upper_link("kab", {kab_names[k]: k for k in options["kode"]})
        _validate_url("kab", {kab_names[k]: k for k in options["kode"]}, "Kabupaten/kota", notices,
                      known=set(kab_names.values()), within=_within("provinsi", [prov_names[p] for p in chosen_prov]))
        if "kab" in st.session_state:  # keep only kabupaten inside the chosen provinsi
            st.session_state["kab"] = [k for k in st.session_state["kab"] or [] if k in set(options["kode"])]
        chosen_kab = _area_multiselect("kab", "kabupaten", {k: kab_names[k] for k in options["kode"]})
    labels = tuple(kab_names[k] for k in chosen_kab) or tuple(prov_names[p] for p in chosen_prov)
    url = (("prov", [prov_names[p] for p in chosen_prov]), ("kab", [kab_names[k] for k in chosen_kab]))
    return tuple(chosen_prov), tuple(chosen_kab), labels, url


def render(user=None) -> Selection:
    """Draw the filter bar in the sidebar and remember the selection for the pages. A koordinator
    limited to some kecamatan (``user.kecamatan_scope``) is only offered those areas."""
    elections = cache.load(reference.elections)
    kecamatan = cache.load(reference.kecamatan)
    # Not every desa (84,000 nationally): those the URL or the picker names, to check and label them;
    # the picker's options are read below, once the kecamatan are known.
    named = _named_desa()
    notices: list[str] = []
    scope = tuple(user.kecamatan_scope) if user is not None and user.is_scoped else ()
    outside: frozenset = frozenset()
    if scope:
        all_kec = dict(zip(kecamatan["nama"], kecamatan["kode"], strict=True))
        outside = frozenset(v for v in st.query_params.get_all("kec") if v in all_kec and all_kec[v] not in scope)
        if outside and "kec" not in st.session_state:
            notices.append(catalogue.AUTH["outside_scope"].format(names=markdown.escape(", ".join(sorted(outside)))))
        all_desa_labels = {catalogue.desa_label(r.nama, r.kecamatan) for r in named.itertuples()
                           if r.kecamatan_kode not in scope}
        outside = outside | frozenset(v for v in st.query_params.get_all("desa") if v in all_desa_labels)
        kecamatan = kecamatan[kecamatan["kode"].isin(scope)]
        named = named[named["kecamatan_kode"].isin(scope)]

    st.sidebar.header(catalogue.FILTER["header"])

    # --- election
    election_names = {r.kode: f"{code_labels.ELECTION_LABEL.get(r.jenis, r.nama)} {r.voting_day.year}"
                      for r in elections.itertuples()}
    options = [ALL, *election_names]
    election_names[ALL] = catalogue.FILTER["election_all"]
    _validate_url("pemilihan", {election_names[o]: o for o in options}, "Pemilihan", notices, multi=False)
    chosen = st.sidebar.selectbox(catalogue.FILTER["election"], options, key="pemilihan", bind="query-params",
                                  format_func=lambda k: election_names.get(k, k))
    chosen = chosen or ALL
    if chosen == ALL:
        chosen_elections = elections[elections["voting_day"] == elections["voting_day"].max()] \
            if len(elections) else elections
        election_ids: tuple[int, ...] = ()
        election_label = catalogue.FILTER["election_all"]
    else:
        chosen_elections = elections[elections["kode"] == chosen]
        election_ids = tuple(int(i) for i in chosen_elections["id"])
        election_label = election_names[chosen]

    # --- candidate pair (limited to the chosen election; the blank box has no campaign)
    choices = cache.view(filter_choices.pairs, None)
    pairs = [row for row in choices.rows if not election_ids or row[3] in election_ids]
    pair_names = {key: label for key, label, _, _ in pairs}
    pair_ids = {key: pair_id for key, _, pair_id, _ in pairs}
    # every pair of every election: one of another election than the chosen one gets its own notice
    all_pairs = set(choices.every_label)
    _validate_url("paslon", {v: k for k, v in pair_names.items()}, "Pasangan calon", notices,
                  known=all_pairs, within=election_label)
    if "paslon" in st.session_state:  # drop pairs of an election no longer chosen
        st.session_state["paslon"] = [p for p in st.session_state["paslon"] or [] if p in pair_names]
    chosen_pairs = st.sidebar.multiselect(
        catalogue.FILTER["paslon"], list(pair_names), key="paslon", bind="query-params",
        format_func=lambda k: pair_names.get(k, k), placeholder=catalogue.FILTER["paslon_placeholder"])

    # --- date range (default: the campaign period of the chosen elections)
    if len(chosen_elections):
        default = (chosen_elections["campaign_start"].min(), chosen_elections["campaign_end"].max())
    else:
        today = dt.date.today()
        default = (today - dt.timedelta(days=30), today)
    _validate_dates(notices, default)
    # A range nobody changed follows its default: when the first elections are imported during a
    # session (the default moves from the last 30 days to the campaign period), or another election
    # is chosen. A range the user picked stays.
    previous = st.session_state.get("_tanggal_default")
    if previous is not None and previous != default and tuple(st.session_state.get("tanggal") or ()) == previous:
        st.session_state["tanggal"] = default
    st.session_state["_tanggal_default"] = default
    initial = {} if "tanggal" in st.session_state else {"value": default}  # state set above wins
    picked = st.sidebar.date_input(catalogue.FILTER["dates"], key="tanggal", bind="query-params",
                                   format="DD/MM/YYYY", help=catalogue.FILTER["dates_help"], **initial)
    if isinstance(picked, dt.date):
        picked = (picked,)
    picked = tuple(picked) or default
    start, end = picked[0], picked[-1]

    # --- provinsi and kabupaten/kota: only when the database holds more than one of them
    chosen_prov, chosen_kab, upper_labels, upper_url = _upper_areas(notices, scope)
    known_kec = set(kecamatan["nama"])
    known_desa = {catalogue.desa_label(r.nama, r.kecamatan) for r in named.itertuples()}
    if chosen_kab:
        kecamatan = kecamatan[kecamatan["kode"].str[:5].isin(chosen_kab)]
    elif chosen_prov:
        kecamatan = kecamatan[kecamatan["kode"].str[:2].isin(chosen_prov)]

    # --- kecamatan and desa
    kec_names = dict(zip(kecamatan["kode"], kecamatan["nama"], strict=True))
    _follow_area_link({v: k for k, v in kec_names.items()}, {catalogue.desa_label(r.nama, r.kecamatan): r.kode
                                                              for r in named.itertuples()})
    _validate_url("kec", {v: k for k, v in kec_names.items()}, "Kecamatan", notices, silent=outside,
                  known=known_kec, within=_within("kabupaten/kota" if chosen_kab else "provinsi", upper_labels))
    chosen_kec = _area_multiselect("kec", "kecamatan", kec_names, "kecamatan_first")
    # The picker offers the desa of the chosen kecamatan, or of every kecamatan in scope while there
    # are at most MAX_AREA_OPTIONS of them (a regency's); more than that: only its count is read.
    parents = tuple(sorted(chosen_kec or kec_names))
    per_kec = cache.load(reference.desa_per_kecamatan)
    n_desa = int(per_kec.loc[per_kec["kecamatan_kode"].isin(parents), "desa"].sum())
    if n_desa <= MAX_AREA_OPTIONS:
        desa_options, offered = cache.view(filter_choices.desa, None, parents=parents)
    else:  # not offered (too many), but still valid in a URL
        desa_options = named[named["kecamatan_kode"].isin(parents)]
        offered = {r.kode: catalogue.desa_label(r.nama, r.kecamatan) for r in desa_options.itertuples()}
    desa = pd.concat([desa_options, named[named["kecamatan_kode"].isin(list(kec_names))]]).drop_duplicates("kode")
    # Labels are stable (they are what the URL holds): "Rias (Toboali)".
    desa_names = dict(offered)
    _validate_url("desa", {v: k for k, v in desa_names.items()}, "Desa", notices, silent=outside, known=known_desa,
                  within=_within("kecamatan", [kec_names[k] for k in chosen_kec if k in kec_names])
                  if chosen_kec else _within("kabupaten/kota" if chosen_kab else "provinsi", upper_labels))
    if "desa" in st.session_state:  # keep only desa inside the chosen kecamatan
        st.session_state["desa"] = [d for d in st.session_state["desa"] or [] if d in desa_names]
    chosen_desa = _area_multiselect("desa", "desa", desa_names, "desa_first", total=n_desa)

    if st.sidebar.button(catalogue.FILTER["reset"], width="stretch"):
        for key in KEYS:
            st.session_state.pop(key, None)
        st.rerun()
    st.sidebar.caption(catalogue.FILTER["share_hint"])

    desa_lookup = dict(zip(desa["kode"], desa["nama"], strict=True))
    selection = Selection(
        filters=Filters(start=start, end=end, election_ids=election_ids,
                        paslon_ids=tuple(pair_ids[p] for p in chosen_pairs if p in pair_ids),
                        kecamatan=tuple(chosen_kec) or scope, desa=tuple(chosen_desa),
                        kabupaten=tuple(chosen_kab), provinsi=tuple(chosen_prov)),
        election_label=election_label,
        paslon_labels=tuple(pair_names[p].split(" · ", 1)[-1] for p in chosen_pairs if p in pair_names),
        paslon_short=tuple(pair_names[p].split(" · ", 1)[0] for p in chosen_pairs if p in pair_names),
        kecamatan_labels=tuple(kec_names[k] for k in (chosen_kec or scope)) or upper_labels,
        desa_labels=tuple(desa_lookup[d] for d in chosen_desa if d in desa_lookup),
        all_areas=_all_areas(cache.load(reference.kabupaten)),
        default_range=(default[0], default[1]),
        notices=tuple(notices),
        url_params=tuple((key, tuple(values)) for key, values in (
            ("pemilihan", [election_names[chosen]] if chosen != ALL else []),
            ("paslon", [pair_names[p] for p in chosen_pairs if p in pair_names]),
            ("tanggal", [start.isoformat(), end.isoformat()] if (start, end) != tuple(default) else []),
            *upper_url,
            ("kec", [kec_names[k] for k in chosen_kec if k in kec_names]),
            ("desa", [desa_names[d] for d in chosen_desa if d in desa_names])) if values),
    )
    st.session_state[_STATE] = selection
    return selection
