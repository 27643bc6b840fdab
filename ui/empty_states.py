"""What a page shows before its numbers exist: a new office's database (issue 16).

Two states, each built once here rather than on every page:

- **No election yet** (only the areas): the entry point asks ``no_election`` before running a data
  page; the page is replaced by one notice. Admins and operators are pointed to Impor Data and the
  reference workbook, everyone else to the admin. No chart, no empty filter bar values.
- **Elections but no reports yet**: a page whose data is missing calls ``no_data`` where it would
  say "nothing matches the filter". When the database holds no report of the page's kinds at all
  (within the user's area scope; dates, elections and pairs ignored), it shows cards of zeros with
  "belum ada laporan" instead: never a NaN, a blank chart or a 0% of nothing. Otherwise the page's
  own "change the filter" message.
"""
from __future__ import annotations

import streamlit as st

from data_access.filters import Filters
from data_access.queries import reference
from texts import catalogue, formatting
from ui import auth, cache, components

T = catalogue.SETUP
# The pages that show numbers (Impor Data and Pengguna & Audit work on an empty database).
DATA_PAGES = ("ringkasan", "cakupan", "pelanggaran", "formulir_c", "peta", "kualitas")
IMPORT_PAGE = "pages/impor.py"


def no_election(page_key: str, user) -> bool:
    """On a data page of a database without any election: draw the page's title and the notice and
    return True (the caller stops); else draw nothing and return False."""
    if page_key not in DATA_PAGES or len(cache.load(reference.elections)):
        return False
    st.title(catalogue.PAGES[page_key])
    st.subheader(T["no_election_title"])
    if user is not None and user.can_import:
        st.info(T["no_election_importer"].format(workbook=catalogue.REFERENCE_WORKBOOK), icon=":material/upload_file:")
        st.page_link(IMPORT_PAGE, label=T["import_link"], icon=":material/arrow_forward:")
    else:
        st.info(T["no_election_reader"], icon=":material/contact_support:")
    return True


def present_kinds() -> dict[str, bool]:
    """Which report kinds the database holds within the user's area scope (``reference.report_presence``)."""
    row = cache.load(reference.report_presence, Filters()).iloc[0]
    return {kind: bool(row[kind]) for kind in reference.REPORT_KINDS}


def no_data(message: str | None = None, kinds: tuple[str, ...] = reference.REPORT_KINDS, *,
            key: str = "kosong") -> None:
    """The page's data is empty under the filters. When the database has none of ``kinds`` at all:
    zero cards and "belum ada laporan"; otherwise ``message`` (the usual "change the filter")."""
    present = present_kinds()
    if any(present[k] for k in kinds):
        components.empty_state(message)
        return
    user = auth.current_user()
    for col, kind in zip(st.columns(len(kinds)), kinds, strict=True):
        with col:
            components.kpi(T["cards"][kind], formatting.fmt_int(0), note=T["card_note"], key=f"{key}_{kind}")
    copy = T["no_reports_importer"] if user is not None and user.can_import else T["no_reports_reader"]
    st.info(copy.format(what=catalogue.kinds_text(kinds)), icon=":material/hourglass_empty:")
    if user is not None and user.can_import:
        st.page_link(IMPORT_PAGE, label=T["import_link"], icon=":material/arrow_forward:")
