"""Impor Data (admin and operator): upload XLSX/CSV files in the operator format, preview what
would change, see every problem, then write. Layout only: reading, checking and writing are
``data_access.importer`` (the same code as ``python -m data_access import``, so the page and the
command line give the same verdict on the same file)."""
import hashlib

import streamlit as st

from data_access import importer, users
from data_access.queries import reference
from texts import catalogue, formatting, markdown
from ui import auth, cache, filters

filters.current()
user = auth.require_role("admin", "operator")
engine = cache.engine()
st.title(catalogue.PAGES["impor"])
st.caption(catalogue.IMPOR["caption"])


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    return importer.blank_template()


st.download_button(catalogue.IMPOR["template"], data=template_bytes(), file_name="templat_impor_pantau.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", key="impor_template")
st.download_button(catalogue.IMPOR["reference"], data=importer.reference_workbook(),
                   file_name=importer.REFERENCE_WORKBOOK.name,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", key="impor_reference", help=catalogue.IMPOR["reference_help"])

uploads = st.file_uploader(catalogue.IMPOR["upload"], type=["xlsx", "csv"], accept_multiple_files=True,
                           help=catalogue.IMPOR["upload_help"].format(mb=importer.reading.MAX_BYTES // 2**20),
                           key="impor_files")
uploads = importer.in_order([(up.name, up.getvalue()) for up in uploads or []])
bars = []


def bar_for(label: str):
    """A progress bar for one file; returns the callback the importer reports to."""
    bar = st.progress(0.0, text=markdown.escape(label))  # labels and messages name the uploaded file and sheets
    bars.append(bar)
    return lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=markdown.escape(m))


# One batch, as the command line checks it: each file against the database as the files before it
# would leave it (an LHP file may refer to activities in a kegiatan file uploaded with it). The
# verdict is kept for the same files on the same data, so that a click elsewhere on the page (an
# expander, a download) does not check a 50,000-row file again; new data written since (the newest
# recorded_at moves) checks again.
stamp = cache.read(reference.data_stamp)  # now, not cached: the verdict is for the data as it is
batch_key = (tuple((name, hashlib.sha256(raw).hexdigest()) for name, raw in uploads), stamp)
kept = st.session_state.get("_impor_checked")
if kept is not None and kept[0] == batch_key:
    checked = kept[1]
else:
    # a role that may not see names gets no comparison of stored names (issue 17): personal=False
    checked = importer.check_batch(engine, uploads, lambda name: bar_for(catalogue.IMPOR["checking"].format(name=name)),
                                   personal=user.can_see_personal_data)
    st.session_state["_impor_checked"] = (batch_key, checked)
for bar in bars:
    bar.empty()
results = list(zip((name for name, _ in uploads), checked, strict=True))
for name, result in results:
    if result.ok:  # a file name is the uploader's text: escaped wherever markdown shows it
        st.success(catalogue.IMPOR["ok"].format(name=markdown.escape(name)), icon=":material/check_circle:")
    else:
        st.error(catalogue.IMPOR["rejected"].format(name=markdown.escape(name), n=len(result.errors)),
                 icon=":material/error:")
        problems = importer.problems_frame(result.problems).rename(columns=catalogue.IMPOR["columns"])
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button(catalogue.IMPOR["download_problems"], data=importer.problems_csv(result.problems),
                           file_name=f"masalah_{name}.csv", mime="text/csv", key=f"impor_problems_{name}")
    if result.ok and result.warnings:
        with st.expander(catalogue.IMPOR["warnings"].format(n=len(result.warnings))):
            st.dataframe(importer.problems_frame(result.warnings).rename(columns=catalogue.IMPOR["columns"]),
                         hide_index=True, width="stretch")

if results:
    st.subheader(catalogue.IMPOR["preview"])
    st.dataframe(importer.counts_frame([r for _, r in results]).rename(columns=catalogue.IMPOR["columns"]),
                 hide_index=True, width="stretch")
    for name, result in results:
        changed = importer.changes_frame(result)
        if result.ok and len(changed):
            with st.expander(f"{markdown.escape(name)}: "
                             + catalogue.IMPOR["changed_rows"].format(n=formatting.fmt_int(len(changed)))):
                st.dataframe(changed.rename(columns=catalogue.IMPOR["columns"]), hide_index=True, width="stretch")
    all_ok = all(r.ok for _, r in results)
    anything = any(c["baru"] + c["berubah"] for _, r in results for c in r.counts.values())
    if not all_ok:
        st.warning(catalogue.IMPOR["blocked"], icon=":material/block:")
    elif not anything:
        st.info(catalogue.IMPOR["nothing"], icon=":material/info:")
    if st.button(catalogue.IMPOR["save"], type="primary", disabled=not all_ok or not anything, key="impor_save",
                 icon=":material/save:"):
        for done in importer.import_batch(engine, uploads, user.username, bar_for, personal=user.can_see_personal_data):
            users.audit(engine, user.username, "impor", {"berkas": done.file_name, "sha256": done.sha256,
                                                        "hasil": done.verdict, "baris": done.counts})
            if done.ok:
                summary = "; ".join(f"{n}: {c['baru']} baru, {c['berubah']} berubah" for n, c in done.counts.items())
                st.success(catalogue.IMPOR["saved"].format(name=markdown.escape(done.file_name), summary=summary),
                           icon=":material/check_circle:")
            else:
                st.error(catalogue.IMPOR["save_failed"].format(name=markdown.escape(done.file_name)),
                         icon=":material/error:")
                st.dataframe(importer.problems_frame(done.problems).rename(columns=catalogue.IMPOR["columns"]),
                             hide_index=True, width="stretch")
        cache.clear()

st.subheader(catalogue.IMPOR["recent"])
recent = cache.read(importer.recent_imports)
if recent.empty:
    st.caption(catalogue.IMPOR["recent_empty"])
else:
    recent["waktu_utc"] = recent["waktu_utc"].map(formatting.fmt_datetime_wib)
    st.dataframe(recent.rename(columns=catalogue.IMPOR["recent_columns"]), hide_index=True, width="stretch")
