"""The "Unduh Bahan Briefing" button: the briefing PDF for the filters in force, made on demand.

Making the PDF draws its charts in Chromium (several seconds), so nothing is made while pages are
drawn: ``st.download_button`` gets a callable, which Streamlit runs on a worker thread only when
the button is clicked. That thread has no Streamlit session, so everything it needs is taken in
the script run: the filters and their description, the user (whose kecamatan scope clamps every
query, as ``ui.cache.load`` does on the pages) and the read-only engine. The click is written to
the audit log like a table download, by the callable once the PDF is made (``ui.auth.audited_file``).
"""
from __future__ import annotations

import functools
import logging
import time

import streamlit as st

from reports import briefing_data, briefing_pdf
from texts import catalogue
from ui import auth, cache
from ui.filters import Selection

log = logging.getLogger(__name__)
P = catalogue.BRIEFING_PDF


def make_pdf(engine, selection: Selection, user) -> bytes:
    """The briefing PDF for ``selection``, read through ``engine`` within ``user``'s scope."""
    started = time.monotonic()
    with engine.connect() as conn:
        plain = briefing_data.connection_loader(conn)

        def load(fn, filters=None, **kwargs):
            return plain(fn, cache.scoped(filters, user) if filters is not None else None, **kwargs)

        briefing = briefing_data.gather(load, selection.filters, filters_text=selection.describe())
    pdf = briefing_pdf.build(briefing)
    log.info("briefing PDF for %s: %d bytes in %.1f s", user.username if user else "-", len(pdf),
             time.monotonic() - started)
    return pdf


def briefing_button(selection: Selection, user) -> None:
    """The sidebar button; the PDF is made when it is clicked."""
    file_name = P["file_name"].format(slug=selection.slug())
    # The callable writes the audit row after making the PDF; the click does not rerun the app (a
    # rerun re-registers the callable while the browser asks for the file: ui.components.table).
    made = auth.audited_file(functools.partial(make_pdf, cache.read_engine(), selection, user), what=P["audit_what"],
                             file_format="pdf", file_name=file_name, filters=selection.describe())
    st.sidebar.download_button(
        P["button"], made, file_name, "application/pdf", key="briefing_pdf", help=P["button_help"],
        icon=":material/picture_as_pdf:", width="stretch", on_click="ignore")
