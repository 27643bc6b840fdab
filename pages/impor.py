"""Impor Data (admin and operator): upload XLSX/CSV files in the operator format, preview what
would change, see every problem, then write. Layout only: reading, checking and writing are
``data_access.importer`` (the same code as ``python -m data_access.importer``, so the page and the
command line give the same verdict on the same file)."""
import hashlib

import streamlit as st

from data_access import importer, users
from data_access.queries import reference
from ui import auth, data, filters, i18n, md

COPY = {
    "caption": ("Unggah berkas Excel (.xlsx, satu lembar per dataset) atau CSV (satu berkas per dataset). "
                "Setiap berkas diperiksa lebih dulu; berkas disimpan utuh atau tidak sama sekali. "
                "Panduan: docs/PANDUAN_IMPOR.md."),
    "template": "Unduh templat kosong (.xlsx)",
    "upload": "Berkas laporan",
    "upload_help": "Boleh beberapa berkas sekaligus. Berkas Excel diproses lebih dulu, lalu CSV pemilihan, "
                   "paslon, tps, kegiatan, pengawasan, pelanggaran, formulir_c. Ukuran maksimum {mb} MB per berkas.",
    "reference": "Unduh data acuan Pilkada 2024 Bangka Selatan (.xlsx)",
    "reference_help": "Pemilihan gubernur dan bupati 2024 beserta pasangan calonnya. Basis data baru diisi "
                      "berurutan: pemilihan, paslon, tps, lalu laporan.",
    "checking": "Memeriksa {name}",
    "ok": "{name}: lolos pemeriksaan.",
    "rejected": "{name}: ditolak, {n} masalah. Perbaiki berkas lalu unggah ulang; tidak ada yang disimpan.",
    "preview": "Pratinjau: baris baru / berubah / sama per dataset",
    "changed_rows": "Baris yang akan ditambah atau diubah ({n})",
    "problems": "Masalah",
    "download_problems": "Unduh daftar masalah (CSV)",
    "warnings": "Peringatan ({n})",
    "save": "Simpan ke basis data",
    "blocked": "Simpan tidak tersedia: masih ada berkas yang ditolak. Hapus atau perbaiki berkas itu.",
    "nothing": "Tidak ada perubahan: semua baris sudah sama dengan basis data.",
    "saved": "{name}: tersimpan ({summary}).",
    "save_failed": "{name}: tidak disimpan.",
    "recent": "Impor terakhir",
    "recent_empty": "Belum ada impor.",
    "recent_columns": {"waktu_utc": "Waktu (WIB)", "pengguna": "Pengguna", "berkas": "Berkas", "hasil": "Hasil",
                       "baris": "Baris per dataset", "masalah": "Masalah", "sha256": "SHA-256"},
    "columns": {"berkas": "Berkas", "dataset": "Dataset", "baru": "Baru", "berubah": "Berubah", "sama": "Sama",
                "baris": "Baris", "kunci": "Kunci", "perubahan": "Perubahan", "kolom_berubah": "Kolom berubah",
                "lembar": "Lembar/berkas", "kolom": "Kolom", "masalah": "Masalah", "tingkat": "Tingkat"},
}

filters.current()
user = auth.require_role("admin", "operator")
engine = data.engine()
st.title(i18n.PAGES["impor"])
st.caption(COPY["caption"])


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    return importer.blank_template()


st.download_button(COPY["template"], data=template_bytes(), file_name="templat_impor_pantau.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", key="impor_template")
st.download_button(COPY["reference"], data=importer.reference_workbook(), file_name=importer.REFERENCE_WORKBOOK.name,
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:", key="impor_reference", help=COPY["reference_help"])

uploads = st.file_uploader(COPY["upload"], type=["xlsx", "csv"], accept_multiple_files=True,
                           help=COPY["upload_help"].format(mb=importer.reading.MAX_BYTES // 2**20),
                           key="impor_files")
uploads = importer.in_order([(up.name, up.getvalue()) for up in uploads or []])
bars = []


def bar_for(label: str):
    """A progress bar for one file; returns the callback the importer reports to."""
    bar = st.progress(0.0, text=md.escape(label))  # labels and messages name the uploaded file and sheets
    bars.append(bar)
    return lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=md.escape(m))


# One batch, as the command line checks it: each file against the database as the files before it
# would leave it (an LHP file may refer to activities in a kegiatan file uploaded with it). The
# verdict is kept for the same files on the same data, so that a click elsewhere on the page (an
# expander, a download) does not check a 50,000-row file again; new data written since (the newest
# recorded_at moves) checks again.
with engine.connect() as conn:
    stamp = reference.data_stamp(conn)
batch_key = (tuple((name, hashlib.sha256(raw).hexdigest()) for name, raw in uploads), stamp)
kept = st.session_state.get("_impor_checked")
if kept is not None and kept[0] == batch_key:
    checked = kept[1]
else:
    # a role that may not see names gets no comparison of stored names (issue 17): personal=False
    checked = importer.check_batch(engine, uploads, lambda name: bar_for(COPY["checking"].format(name=name)),
                                   personal=user.can_see_personal_data)
    st.session_state["_impor_checked"] = (batch_key, checked)
for bar in bars:
    bar.empty()
results = list(zip((name for name, _ in uploads), checked))
for name, result in results:
    if result.ok:  # a file name is the uploader's text: escaped wherever markdown shows it
        st.success(COPY["ok"].format(name=md.escape(name)), icon=":material/check_circle:")
    else:
        st.error(COPY["rejected"].format(name=md.escape(name), n=len(result.errors)), icon=":material/error:")
        problems = importer.problems_frame(result.problems).rename(columns=COPY["columns"])
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button(COPY["download_problems"], data=importer.problems_csv(result.problems),
                           file_name=f"masalah_{name}.csv", mime="text/csv", key=f"impor_problems_{name}")
    if result.ok and result.warnings:
        with st.expander(COPY["warnings"].format(n=len(result.warnings))):
            st.dataframe(importer.problems_frame(result.warnings).rename(columns=COPY["columns"]),
                         hide_index=True, width="stretch")

if results:
    st.subheader(COPY["preview"])
    st.dataframe(importer.counts_frame([r for _, r in results]).rename(columns=COPY["columns"]),
                 hide_index=True, width="stretch")
    for name, result in results:
        changed = importer.changes_frame(result)
        if result.ok and len(changed):
            with st.expander(f"{md.escape(name)}: " + COPY["changed_rows"].format(n=i18n.fmt_int(len(changed)))):
                st.dataframe(changed.rename(columns=COPY["columns"]), hide_index=True, width="stretch")
    all_ok = all(r.ok for _, r in results)
    anything = any(c["baru"] + c["berubah"] for _, r in results for c in r.counts.values())
    if not all_ok:
        st.warning(COPY["blocked"], icon=":material/block:")
    elif not anything:
        st.info(COPY["nothing"], icon=":material/info:")
    if st.button(COPY["save"], type="primary", disabled=not all_ok or not anything, key="impor_save",
                 icon=":material/save:"):
        for done in importer.import_batch(engine, uploads, user.username, bar_for, personal=user.can_see_personal_data):
            users.audit(engine, user.username, "impor", {"berkas": done.file_name, "sha256": done.sha256,
                                                        "hasil": done.verdict, "baris": done.counts})
            if done.ok:
                summary = "; ".join(f"{n}: {c['baru']} baru, {c['berubah']} berubah" for n, c in done.counts.items())
                st.success(COPY["saved"].format(name=md.escape(done.file_name), summary=summary),
                           icon=":material/check_circle:")
            else:
                st.error(COPY["save_failed"].format(name=md.escape(done.file_name)), icon=":material/error:")
                st.dataframe(importer.problems_frame(done.problems).rename(columns=COPY["columns"]),
                             hide_index=True, width="stretch")
        data.clear()

st.subheader(COPY["recent"])
with engine.connect() as conn:
    recent = importer.recent_imports(conn)
if recent.empty:
    st.caption(COPY["recent_empty"])
else:
    recent["waktu_utc"] = recent["waktu_utc"].map(i18n.fmt_datetime_wib)
    st.dataframe(recent.rename(columns=COPY["recent_columns"]), hide_index=True, width="stretch")
