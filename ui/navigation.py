"""The page list of the app (one line per page). The entry point builds ``st.navigation`` from it."""
from __future__ import annotations

import streamlit as st

from ui import i18n

# (file, url path and i18n.PAGES key, icon, default page)
PAGES = [
    ("pages/ringkasan.py", "ringkasan", ":material/dashboard:", True),
    ("pages/cakupan.py", "cakupan", ":material/fact_check:", False),
    ("pages/pelanggaran.py", "pelanggaran", ":material/gavel:", False),
    ("pages/formulir_c.py", "formulir_c", ":material/mail:", False),
    ("pages/peta.py", "peta", ":material/map:", False),
    ("pages/kualitas.py", "kualitas", ":material/rule:", False),
    ("pages/impor.py", "impor", ":material/upload_file:", False),
]


def pages() -> list:
    return [st.Page(path, title=i18n.PAGES[key], icon=icon, url_path=key, default=default)
            for path, key, icon, default in PAGES]
