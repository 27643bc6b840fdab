"""The page list of the app (one line per page). The entry point builds ``st.navigation`` from it."""
from __future__ import annotations

import streamlit as st

from texts import catalogue

# (file, url path and catalogue.PAGES key, icon, default page)
PAGES = [
    ("pages/ringkasan.py", "ringkasan", ":material/dashboard:", True),
    ("pages/cakupan.py", "cakupan", ":material/fact_check:", False),
    ("pages/pelanggaran.py", "pelanggaran", ":material/gavel:", False),
    ("pages/formulir_c.py", "formulir_c", ":material/mail:", False),
    ("pages/peta.py", "peta", ":material/map:", False),
    ("pages/kualitas.py", "kualitas", ":material/rule:", False),
    ("pages/impor.py", "impor", ":material/upload_file:", False),
    ("pages/pengguna.py", "pengguna", ":material/admin_panel_settings:", False),
]


# Pages only some roles may open (the others are readable by every logged-in role).
ROLES_ALLOWED = {
    "impor": ("admin", "operator"),
    "pengguna": ("admin",),
}


def allowed(key: str, user) -> bool:
    return user is None or key not in ROLES_ALLOWED or user.role in ROLES_ALLOWED[key]


def pages(user=None) -> list:
    """The pages this user may open (all of them while nobody is logged in, so that a deep link
    still resolves to its page after the login form)."""
    return [st.Page(path, title=catalogue.PAGES.get(key, key), icon=icon, url_path=key, default=default)
            for path, key, icon, default in PAGES if allowed(key, user)]


def key_of(page) -> str:
    """The PAGES key of a page returned by ``st.navigation`` (the default page's url_path is "")."""
    return page.url_path or next(key for _, key, _, default in PAGES if default)
