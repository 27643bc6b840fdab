"""Pengguna & Audit (admin only): the accounts and the audit log of logins, imports and exports.

Accounts are created, disabled and reset on the command line (python -m data_access users), so
that no password ever passes through the browser's session state of another user.
"""
import json

import streamlit as st

import config
from data_access import users
from texts import catalogue, formatting
from ui import auth, cache, components, filters

selection = filters.current()
auth.require_role("admin")
st.title(catalogue.PAGES["pengguna"])
st.caption(catalogue.ADMIN["intro"])

# Not cached (cache.read): an admin checks what just happened (a login, an export, a disabled account).
accounts = cache.read(users.users)
log = cache.read(users.recent_audit, limit=1000, failed_logins=False)  # guesses never push real events out
failed = cache.read(users.recent_audit, limit=200, failed_logins=True)

st.subheader(catalogue.ADMIN["accounts"])
accounts = accounts.assign(
    role=accounts["role"].map(lambda r: users.ROLE_LABELS.get(r, r)),
    kecamatan_scope=accounts["kecamatan_scope"].fillna(formatting.DASH),
    active=accounts["active"].map(lambda a: catalogue.ADMIN["active_labels"][bool(a)]),
    last_login_at=accounts["last_login_at"].map(formatting.fmt_datetime_wib),
    created_at=accounts["created_at"].map(formatting.fmt_datetime_wib),
).drop(columns=["locked_until"]).rename(columns=catalogue.ADMIN["account_columns"])
st.dataframe(accounts, hide_index=True, width="stretch")

st.subheader(catalogue.ADMIN["audit"])


def detail_text(action: str, raw) -> str:
    """One readable line per entry. A download reads "XLSX · formulir_c_desa · <filter line>" (its
    file name, kept in the database, is that table plus the filters); other entries list their fields."""
    if not isinstance(raw, str):
        return ""
    detail = json.loads(raw)
    if action == "ekspor" and {"format", "tabel", "filter"} <= detail.keys():
        return f"{str(detail['format']).upper()} · {detail['tabel']} · {detail['filter']}"
    return ", ".join(f"{k}: {v}" for k, v in detail.items())


if log.empty:
    components.empty_state(catalogue.ADMIN["audit_empty"])
else:
    log = log.assign(
        at=log["at"].map(formatting.fmt_datetime_wib),
        action=log["action"].map(lambda a: catalogue.ADMIN["actions"].get(a, a)),
        detail=[detail_text(a, d) for a, d in zip(log["action"], log["detail"], strict=True)],
    ).drop(columns=["repeat_count"]).rename(columns=catalogue.ADMIN["audit_columns"])
    components.table(log, title=catalogue.ADMIN["audit"], name="audit", selection=selection, key="audit_log")

st.subheader(catalogue.ADMIN["failed"])
st.caption(catalogue.ADMIN["failed_intro"].format(minutes=config.get().access.audit_window_minutes))
if failed.empty:
    components.empty_state(catalogue.ADMIN["failed_empty"])
else:
    failed = failed.assign(at=failed["at"].map(formatting.fmt_datetime_wib))[["at", "username", "repeat_count"]]
    components.table(failed.rename(columns=catalogue.ADMIN["failed_columns"]), title=catalogue.ADMIN["failed"],
                     name="gagal_masuk", selection=selection, key="failed_logins")
