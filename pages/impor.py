"""Impor Data (admin and operator): upload XLSX/CSV files in the operator format, preview what
would change, see every problem, then write. Layout only: reading, checking and writing are
``data_access.importer`` (the same code as ``python -m data_access.importer``, so the page and the
command line give the same verdict on the same file)."""
import streamlit as st

from data_access import importer, users
from ui import auth, data, filters, i18n

COPY = {
    "caption": ("Unggah berkas Excel (.xlsx, satu lembar per dataset) atau CSV (satu berkas per dataset). "
                "Setiap berkas diperiksa lebih dulu; berkas disimpan utuh atau tidak sama sekali. "
                "Panduan: docs/PANDUAN_IMPOR.md."),
    "template": "Unduh templat kosong (.xlsx)",
    "upload": "Berkas laporan",
    "upload_help": "Boleh beberapa berkas sekaligus. Berkas Excel diproses lebih dulu, lalu CSV kegiatan, "
                   "pengawasan, pelanggaran, formulir_c. Ukuran maksimum {mb} MB per berkas.",
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

uploads = st.file_uploader(COPY["upload"], type=["xlsx", "csv"], accept_multiple_files=True,
                           help=COPY["upload_help"].format(mb=importer.reading.MAX_BYTES // 2**20),
                           key="impor_files")
uploads = sorted(uploads or [], key=lambda f: importer.dependency_rank(f.name))

results = []
for up in uploads:
    bar = st.progress(0.0, text=COPY["checking"].format(name=up.name))
    result = importer.check_file(engine, up.getvalue(), up.name,
                                 progress=lambda f, m, bar=bar: bar.progress(min(max(f, 0.0), 1.0), text=m))
    bar.empty()
    results.append((up, result))
    if result.ok:
        st.success(COPY["ok"].format(name=up.name), icon=":material/check_circle:")
    else:
        st.error(COPY["rejected"].format(name=up.name, n=len(result.errors)), icon=":material/error:")
        problems = importer.problems_frame(result.problems).rename(columns=COPY["columns"])
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button(COPY["download_problems"], data=importer.problems_csv(result.problems),
                           file_name=f"masalah_{up.name}.csv", mime="text/csv", key=f"impor_problems_{up.name}")
    if result.ok and result.warnings:
        with st.expander(COPY["warnings"].format(n=len(result.warnings))):
            st.dataframe(importer.problems_frame(result.warnings).rename(columns=COPY["columns"]),
                         hide_index=True, width="stretch")

if results:
    st.subheader(COPY["preview"])
    st.dataframe(importer.counts_frame([r for _, r in results]).rename(columns=COPY["columns"]),
                 hide_index=True, width="stretch")
    for up, result in results:
        changed = importer.changes_frame(result)
        if result.ok and len(changed):
            with st.expander(f"{up.name}: " + COPY["changed_rows"].format(n=i18n.fmt_int(len(changed)))):
                st.dataframe(changed.rename(columns=COPY["columns"]), hide_index=True, width="stretch")
    all_ok = all(r.ok for _, r in results)
    anything = any(c["baru"] + c["berubah"] for _, r in results for c in r.counts.values())
    if not all_ok:
        st.warning(COPY["blocked"], icon=":material/block:")
    elif not anything:
        st.info(COPY["nothing"], icon=":material/info:")
    if st.button(COPY["save"], type="primary", disabled=not all_ok or not anything, key="impor_save",
                 icon=":material/save:"):
        for up, _ in results:
            bar = st.progress(0.0, text=up.name)
            done = importer.import_file(engine, up.getvalue(), up.name, user.username,
                                        progress=lambda f, m, bar=bar: bar.progress(min(max(f, 0.0), 1.0), text=m))
            users.audit(engine, user.username, "impor", {"berkas": up.name, "sha256": done.sha256,
                                                        "hasil": done.verdict, "baris": done.counts})
            if done.ok:
                summary = "; ".join(f"{n}: {c['baru']} baru, {c['berubah']} berubah" for n, c in done.counts.items())
                st.success(COPY["saved"].format(name=up.name, summary=summary), icon=":material/check_circle:")
            else:
                st.error(COPY["save_failed"].format(name=up.name), icon=":material/error:")
                st.dataframe(importer.problems_frame(done.problems).rename(columns=COPY["columns"]),
                             hide_index=True, width="stretch")
        data.clear()

st.subheader(COPY["recent"])
recent = importer.recent_imports(engine)
if recent.empty:
    st.caption(COPY["recent_empty"])
else:
    recent["waktu_utc"] = recent["waktu_utc"].map(i18n.fmt_datetime_wib)
    st.dataframe(recent.rename(columns=COPY["recent_columns"]), hide_index=True, width="stretch")
