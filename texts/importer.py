"""The importer's messages to the operator (data_access/importer): named templates whose
``{placeholders}`` the importer fills with ``.format(...)``. Grouped by where the message arises:
the file, a cell value, a sheet's header and rows, each dataset's checks, the pipeline, the
command line and the template workbook. Column names and dataset names inside the texts are the
file contract (docs/IMPORT_SPEC.md), not wording to translate."""

# ------------------------------------------------------------------------------ cell values (values.py)
TEXT_TOO_LONG = "teks terlalu panjang ({length} karakter, paling banyak {max_length})"
DATE_IS_NUMBER = ("'{value}' bukan tanggal; tulis sebagai TTTT-BB-HH atau HH/BB/TTTT, "
                  "atau format sel sebagai tanggal")
DATE_NOT_IN_CALENDAR = "tanggal '{value}' tidak ada di kalender"
DATE_UNKNOWN = "'{value}' bukan tanggal yang dikenali (gunakan TTTT-BB-HH, HH/BB/TTTT atau HH-BB-TTTT)"
TIME_OUT_OF_RANGE = "jam '{value}' tidak ada (jam 00-23, menit 00-59)"
TIME_UNKNOWN = "'{value}' bukan jam; tulis sebagai JJ:MM (24 jam), misalnya 14:30"
WHOLE_NOT_WHOLE = "'{value}' bukan bilangan bulat"
WHOLE_NEGATIVE = "'{value}' negatif; jumlah tidak boleh negatif"
WHOLE_BAD_TEXT = "'{value}' bukan bilangan bulat (hanya angka, titik sebagai pemisah ribuan, misalnya 1.234)"
WHOLE_TOO_LARGE = "'{value}' terlalu besar"
YES_NO_UNKNOWN = "'{value}' bukan ya/tidak (isi 'ya' atau 'tidak')"
ENUM_UNKNOWN = "'{value}' tidak dikenal; isi salah satu: {allowed}"
ELECTION_REF_UNKNOWN = ("'{value}' bukan jenis pemilihan ({kinds}) maupun kode pemilihan "
                        "(paling banyak 40 karakter)")
YES, NO = "ya", "tidak"  # a yes/no cell read as text, and the export's yes/no cells

# ------------------------------------------------------------------------------ where a problem is
FILE_LABEL = "berkas '{name}'"
SHEET_LABEL = "lembar '{name}'"
COLUMN_LETTER = "kolom {letter}"  # a cell's column when its header is unknown
PROBLEM_ROW = ", baris {row}"
PROBLEM_COLUMN = ", kolom '{column}'"
PROBLEM_PLACE = "{where}: {prefix}{message}"
WARNING_PREFIX = "Peringatan: "
LEVEL_ERROR, LEVEL_WARNING = "galat", "peringatan"  # the problem table's tingkat column

# ------------------------------------------------------------------------------ reading a file (reading.py)
FILE_UNREADABLE = "berkas tidak dapat dibaca ({error})."
FILE_NO_ROWS = "berkas tidak berisi baris data (kosong)."
FILE_EMPTY = "berkas kosong."
FILE_TOO_BIG = "berkas terlalu besar (lebih dari {mb} MB)."
OLD_XLS_HINT = " Format .xls lama tidak didukung; simpan ulang sebagai .xlsx."
NOT_XLSX = "bukan lembar kerja Excel (.xlsx) yang sah; mungkin berkas lain yang diganti namanya.{hint}"
UNKNOWN_FILE_TYPE = "jenis berkas tidak dikenali; gunakan .xlsx atau .csv."
# XLSX
PART_TOO_BIG = ("bagian '{part}' berkas ini berukuran {mb} MB setelah dibuka (paling besar {limit} MB "
                "per lembar). Hapus baris dan kolom kosong yang diformat, atau pecah berkasnya.")
WORKBOOK_TOO_BIG = ("isi berkas ini {mb} MB setelah dibuka (paling besar {limit} MB untuk semua lembar); "
                    "pecah berkasnya.")
XLSX_BROKEN = ("bukan lembar kerja Excel (.xlsx) yang sah atau berkasnya rusak; buka dan simpan ulang di Excel, "
               "atau gunakan templat.")
SHEET_UNKNOWN = "lembar ini bukan dataset yang dikenal dan diabaikan (nama lembar yang dikenal: {known})."
NO_DATASET_SHEET = "tidak ada lembar dataset; beri nama lembar {known} (lihat templat)."
MERGED_CELLS = "sel gabungan (merged cells: {ref}); pisahkan sel dan isi setiap baris lengkap."
MORE_MERGED_CELLS = "dan {count} sel gabungan lainnya; pisahkan semua sel gabungan di lembar ini."
FORMULA_CELL = "sel berisi rumus (formula); salin lalu tempel sebagai nilai (Paste Values)."
ERROR_CELL = "sel berisi galat Excel ({value})."
TOO_MANY_COLUMNS = "terlalu banyak kolom: {count} kolom berisi (paling banyak {limit}); hapus kolom yang tidak dipakai."
TOO_MANY_ROWS = "terlalu banyak baris (paling banyak {limit})."
SHEET_EMPTY = "lembar kosong: tidak ada baris judul kolom."
DUPLICATE_HEADER = "judul kolom ganda (sama dengan kolom '{first}')"
DUPLICATE_HEADER_KNOWN = "."  # a known column twice: an error
DUPLICATE_HEADER_IGNORED = "; kolom kedua diabaikan."  # an unknown column twice: the second is ignored
# CSV
CSV_NAME = "nama berkas CSV harus diawali nama dataset: {names} (atau <dataset>_<apa saja>.csv)."
CSV_FILE_NAME = "{dataset}.csv"
CSV_BINARY = "bukan berkas CSV teks (isi biner)."
CSV_LINE_TOO_WIDE = "terlalu banyak kolom: lebih dari {limit} kolom dalam satu baris."
CSV_LINE_UNREADABLE = "baris CSV tidak dapat dibaca ({error})."
# progress
PROGRESS_READING = "Membaca {label}: {rows:,} baris"

# ---------------------------------------------------------------------------- a sheet's header and rows (sheetcheck.py)
HEADER_UNKNOWN = "kolom '{header}' tidak dikenal dan diabaikan."
HEADER_ROW_UNKNOWN = ("baris ini seharusnya berisi judul kolom (mis. {examples}, ...); tidak ada judul yang dikenal. "
                      "Gunakan templat.")
HEADER_MISSING = "kolom wajib '{column}' tidak ada pada baris judul."
AREA_HEADER_MISSING = "kolom wajib '{column}' tidak ada (atau gunakan kolom kode_wilayah)."
REQUIRED = "wajib diisi."
VALUE_UNREADABLE = "nilai '{value}' tidak dapat dibaca."
PROGRESS_CHECKING = "Memeriksa {label}: {done:,} dari {total:,} baris"
# areas: kecamatan + desa, or kode_wilayah
KECAMATAN_UNKNOWN = "kecamatan '{kecamatan}' tidak dikenal di Kabupaten Bangka Selatan (yang ada: {known})."
AREA_CODE_UNKNOWN = ("kode wilayah '{kode}' bukan kode desa/kelurahan di Kabupaten Bangka Selatan (contoh: "
                     "19.03.01.2004).")
AREA_CODE_OTHER_KECAMATAN = ("kode wilayah {kode} ({desa}) ada di Kecamatan {kecamatan_kode}, bukan "
                             "di Kecamatan {kecamatan}.")
DESA_NOT_THE_CODE = "desa '{desa}' tidak cocok dengan kode wilayah {kode} ({desa_kode})."
AREA_REQUIRED = "wajib diisi (atau isi kode_wilayah)."
DESA_IN_OTHER_KECAMATAN = "desa '{desa}' bukan bagian dari Kecamatan {kecamatan} (desa itu ada di Kecamatan {where})."
DESA_UNKNOWN = "desa/kelurahan '{desa}' tidak dikenal di Kecamatan {kecamatan}."

# ------------------------------------------------------------------------------ every dataset (base.py)
DAY_SPAN = "{start} s.d. {end}"
PERSONAL_KEPT = ("kolom data pribadi ({columns}) pada baris yang sudah tersimpan tidak dibandingkan dan tidak diubah, "
                 "karena peran Anda tidak dapat melihat data pribadi; koreksi nama pada baris "
                 "lama dilakukan oleh admin.")
DUPLICATE_KEY = "{label} muncul lebih dari sekali dalam berkas (juga di baris {first_row})."
NO_ELECTIONS = "belum ada data pemilihan di basis data."
OUTSIDE_ELECTION_PERIODS = ("{what} {day} di luar masa pemilihan di basis data ({spans}: {days_before} hari sebelum "
                            "masa kampanye sampai {days_after} hari sesudah hari pemungutan suara). Periksa tahunnya.")
NOT_YET = "tanggal {day} belum terjadi (sesudah hari ini)."
PAIR_UNKNOWN = "nomor urut {nomor} tidak ada pada {election} (yang ada: {known})."
NONE_LISTED = "-"

# ------------------------------------------------------------------------------ kegiatan (kegiatan.py)
KEGIATAN_KEY = "kode_kegiatan '{kode}'"
KEGIATAN_KOLOM_KOSONG = ("nomor urut {nomor} pada {election} adalah kolom kosong; kolom kosong tidak berkampanye, "
                         "jadi tidak punya kegiatan kampanye.")
KEGIATAN_AFTER_ITS_LHP = ("tanggal kegiatan '{kode}' menjadi {day}, sesudah LHP '{nomor}' yang mengawasinya "
                          "({lhp_day}). Perbaiki tanggal LHP itu dalam berkas yang sama, atau "
                          "periksa tanggal kegiatan.")
KEGIATAN_FIELD_FINDING_UNTIL = "; kegiatan temuan lapangan boleh sampai {day}"
KEGIATAN_OUTSIDE_CAMPAIGN = "tanggal {day} di luar masa kampanye {election} ({start} s.d. {end}){extra}."
KEGIATAN_IN_QUIET_PERIOD = ("tanggal {day} di luar masa kampanye {election} ({start} s.d. {end}): tanggal itu masa "
                            "tenang, dan kegiatan bersumber {sumber} harus di dalam masa kampanye. Kampanye yang "
                            "ditemukan di masa tenang dicatat dengan sumber temuan_lapangan.")

# ------------------------------------------------------------------------------ pengawasan (pengawasan.py)
LHP_KEY = "nomor_lhp '{nomor}'"
LHP_WHAT = "tanggal pengawasan"  # {what} of OUTSIDE_ELECTION_PERIODS
LHP_ACTIVITY_UNKNOWN = "kegiatan '{kode}' tidak ditemukan di basis data maupun di lembar kegiatan berkas ini."
LHP_BEFORE_ACTIVITY = "tanggal pengawasan {day} sebelum tanggal kegiatan '{kode}' yang diawasi ({activity_day})."
LHP_FILED_BEFORE = "tanggal lapor {filed} sebelum tanggal pengawasan {day}."

# ------------------------------------------------------------------------------ pelanggaran (pelanggaran.py)
CASE_STATUS_KEY = "status '{status}' tanggal {day} untuk nomor '{nomor}'"
CASE_CHANGE_KEY = "{nomor} / {status} {day}"  # a row in the preview of changes
CASE_WHAT = "tanggal diterima"  # {what} of OUTSIDE_ELECTION_PERIODS
CASE_ELECTION_REQUIRED = "wajib diisi bila nomor_urut diisi."
CASE_ELECTION_SPAN = "{kode}: {start} s.d. {end}"
CASE_NO_ELECTION_THEN = ("tidak ada {kind} di wilayah ini yang masanya meliputi tanggal kasus {day} ({spans}); "
                         "tulis kode pemilihannya.")
CASE_NOT_THE_SAME = ("nomor '{nomor}' di baris {first_row} tercatat dengan {column} {first}, di baris ini {value}; "
                     "satu kasus hanya punya satu {column}. Samakan, atau beri nomor lain bila ini kasus lain.")
CASE_KEJADIAN_AFTER_DITERIMA = "tanggal kejadian {kejadian} sesudah tanggal diterima {diterima}."
CASE_STATUS_BEFORE_DITERIMA = "tanggal status {status_day} sebelum tanggal diterima {diterima}."
CASE_STORED_STATUS_NEWER = ("nomor '{nomor}': status terbaru yang tersimpan ({status}, {day}) lebih baru dari baris "
                            "ini, jadi data kasus tidak diubah oleh baris ini ({columns} berbeda); "
                            "statusnya ditambahkan ke riwayat.")
CASE_DITERIMA_AFTER_HISTORY = ("tanggal diterima {diterima} sesudah status yang sudah tercatat pada {earliest} untuk "
                               "nomor '{nomor}'.")

# ------------------------------------------------------------------------------ formulir_c (formulir_c.py) and tps
TPS_KEY = "TPS {nomor} desa {desa}"
TPS_CHANGE_KEY = "{desa} TPS {nomor:03d}"  # a row in the preview of changes
FORMULIR_C_NO_VOTING_DAY = ("tanggal laporan {day} tidak cocok dengan hari pemungutan suara mana pun ({days}); laporan "
                            "harus antara {before} hari sebelum dan {after} hari sesudah hari pemungutan suara.")
FORMULIR_C_SUM = ("terdistribusi {delivered} + tidak terdistribusi {undelivered} = {total}, tidak sama dengan "
                  "jumlah_dpt {dpt} (selisih {difference:+d}).")
FORMULIR_C_DPT_NOT_LISTED = ("jumlah_dpt {dpt} berbeda dengan jumlah_dpt {listed} TPS ini di lembar tps berkas "
                             "yang sama; samakan keduanya.")
TPS_NUMBER_FROM_1 = "nomor TPS dimulai dari 1."
TPS_DPT_ODD = "jumlah DPT {dpt} tidak wajar (harus 1 sampai 1000)."
TPS_NO_ELECTION = ("belum ada pemilihan yang meliputi desa {desa} di basis data; impor lembar pemilihan lebih dulu "
                   "(boleh di berkas yang sama).")
TPS_DPT_WITH_RECAP = ("TPS ini sudah punya rekap Formulir C dengan jumlah_dpt {recap_dpt}; "
                      "DPT {dpt} harus dikoreksi bersama rekapnya: sertakan TPS ini di lembar formulir_c berkas yang "
                      "sama dengan jumlah_dpt {dpt}.")

# ------------------------------------------------------------------------------ pemilihan (reference.py)
ELECTION_KEY = "kode pemilihan '{kode}'"
ELECTION_KODE_IS_A_KIND = ("kode '{kode}' sama dengan nama jenis pemilihan; beri kode yang memuat "
                           "tahunnya, mis. bupati-2024.")
CALENDAR_CAMPAIGN_END = "kampanye selesai {end} sebelum kampanye mulai {start}."
CALENDAR_QUIET_START = ("masa tenang mulai {quiet_start}, padahal kampanye baru selesai {campaign_end}; masa tenang "
                        "dimulai sesudah masa kampanye berakhir.")
CALENDAR_QUIET_END = "masa tenang selesai {end} sebelum masa tenang mulai {start}."
CALENDAR_VOTING_DAY = ("hari pemungutan {voting_day} tidak sesudah masa tenang selesai {quiet_end}; pemungutan suara "
                       "dilakukan sesudah masa tenang.")
CALENDAR_FORMULIR_C = ("batas Formulir C {deadline} sesudah hari pemungutan {voting_day}; batasnya sebelum hari "
                       "pemungutan (H-3).")
ELECTION_AREA_INVALID = ("kode wilayah '{kode}' tidak sah: tulis kode Kemendagri provinsi (mis. 19) atau "
                         "kabupaten/kota (mis. 19.03).")
LEVEL_PROVINSI, LEVEL_KABUPATEN_KOTA = "provinsi", "kabupaten/kota"
AREA_EXAMPLE = "{kode} {nama}"
ELECTION_AREA_UNKNOWN = "kode wilayah {kode} tidak ada di daftar {level} basis data (mis. {examples})."
GUBERNUR_NEEDS_PROVINSI = ("pemilihan gubernur dipilih oleh satu provinsi: isi kode provinsi (mis. "
                           "{provinsi}), bukan {kode}.")
ELECTION_NEEDS_KABUPATEN = ("pemilihan {jenis} dipilih oleh satu kabupaten/kota: isi kode kabupaten/kota "
                            "(mis. {kode}.03), bukan kode provinsi {kode}.")
KOTA, KABUPATEN = "kota", "kabupaten"
ELECTION_WRONG_KIND = "{kode} ({nama}) adalah {what}: pemilihan di {what} adalah pemilihan {right}, bukan {jenis}."
CORRECTION_ACTIVITIES_OUTSIDE = ("koreksi ini membuat {count} kegiatan yang tersimpan berada di luar masa kampanye "
                                 "baru ({start} s.d. {end}), mis. '{kode}' tanggal {day}. Koreksi tanggal kegiatan itu "
                                 "di lembar kegiatan berkas yang sama, atau periksa jadwalnya.")
CORRECTION_AREA = ("koreksi ini membuat kegiatan atau kasus yang tersimpan di {count} desa (mis. {desa}) berada di "
                   "luar wilayah {wilayah}; periksa kode wilayahnya.")
CORRECTION_VOTING_DAY = ("hari pemungutan tidak dapat dipindah dari {old} ke {new}: sudah ada {count} TPS untuk hari "
                         "pemungutan itu. Hubungi admin.")

# ------------------------------------------------------------------------------ paslon (reference.py)
PAIR_KEY = "nomor urut {nomor} pada pemilihan '{pemilihan}'"
PAIR_CHANGE_KEY = "{pemilihan} / {nomor}"  # a row in the preview of changes
PAIR_ELECTION_NOT_CHECKED = "belum diperiksa: baris pemilihan '{kode}' di lembar pemilihan berkas ini masih salah."
PAIR_KIND_HINT = " Tulis kode pemilihannya (mis. bupati-2024), bukan jenisnya."
PAIR_ELECTION_UNKNOWN = "pemilihan '{kode}' tidak ada di basis data maupun di lembar pemilihan berkas ini.{hint}"
PAIR_NUMBER_FROM_1 = "nomor urut dimulai dari 1."
PAIR_KOLOM_KOSONG_NAMED = ("nama 'Kolom Kosong' tetapi kolom_kosong 'tidak'; isi 'ya' untuk kolom kosong, atau tulis "
                           "nama pasangan calon.")
PAIR_ELECTION_LABEL = "pemilihan '{kode}'"
PAIR_TWO_BLANKS = "{label} akan punya {count} kolom kosong (nomor urut {numbers}); paling banyak satu kolom kosong."
PAIR_BLANK_NEEDS_ONE_PAIR = ("kolom kosong hanya ada pada pemilihan dengan tepat satu pasangan calon; "
                             "{label} akan punya {count} pasangan calon (nomor urut {numbers}) di samping kolom "
                             "kosong (nomor urut {blank}).")
PAIR_BLANK_HAS_ACTIVITIES = ("nomor urut {nomor} sudah punya kegiatan kampanye tersimpan; kolom kosong tidak "
                             "berkampanye, jadi pasangan ini tidak dapat diubah menjadi kolom kosong.")

# ------------------------------------------------------------------------------ the election a row names (reference.py)
ELECTION_KODE_UNKNOWN = ("pemilihan '{kode}' tidak ada di basis data maupun di lembar pemilihan berkas ini (isi kode "
                         "pemilihan, atau jenisnya: {kinds}).")
DESA_OUTSIDE_ELECTION = "desa {desa} tidak termasuk wilayah {election} (kode wilayah {wilayah})."
NO_ELECTION_OF_KIND = "belum ada {kind} di basis data."
NO_ELECTION_OF_KIND_HERE = "tidak ada {kind} yang meliputi desa {desa} di basis data."
KIND_MATCHES_SEVERAL = ("'{value}' cocok dengan {count} pemilihan pada wilayah dan tanggal baris ini ({kodes}); tulis "
                        "kode pemilihannya.")

# ------------------------------------------------------------------------------ planning a file (planner.py)
PROGRESS_COMPARING = "Membandingkan {dataset} dengan basis data"
REFERENCE_SHEET_BROKEN = ("hubungan baris lembar ini dengan pemilihan, pasangan calon dan TPS belum diperiksa, karena "
                          "lembar data acuan berkas ini masih bermasalah; perbaiki lembar itu lalu periksa ulang.")

# --------------------------------------------------------------- checking, writing, the log (core, writing, log, files)
DATABASE_UNREADABLE = "basis data tidak dapat dibaca ({error}); berkas belum diperiksa."
INTERNAL_ERROR = "kesalahan internal Pantau saat memeriksa berkas ({error}); berkas belum diperiksa. Laporkan ke admin."
NOT_CHECKED_AFTER_FAILURE = "belum diperiksa karena pemeriksaan berkas sebelumnya terhenti."
WRITE_FAILED = "gagal menulis ke basis data; tidak ada yang diubah ({error}: {detail})."
PATH_UNREADABLE = "tidak dapat dibuka ({error})."
PROGRESS_NEXT_FILE = "Menyiapkan pemeriksaan berkas berikutnya"
PROGRESS_WRITING = "Menulis {what}: {done:,} dari {total:,} baris"
PROGRESS_DONE = "Selesai"
WRITING_TPS, WRITING_HISTORY, WRITING_FORMULIR_C = "TPS", "riwayat status", "formulir C"  # {what} of PROGRESS_WRITING
UNKNOWN_USER = "tidak diketahui"  # the import_log user when none is given
COUNTS_SUMMARY = "{dataset}: {baru} baru, {berubah} berubah, {sama} sama"  # one dataset of a file (log, command line)

# ------------------------------------------------------------------------------ command line (__main__.py)
CLI_DESCRIPTION = "Impor berkas data operator (XLSX/CSV) ke basis data Pantau."
CLI_FILES_HELP = "berkas .xlsx atau .csv"
CLI_USER_HELP = "nama pengguna yang dicatat di log impor"
CLI_CHECK_HELP = "hanya periksa; tidak menulis apa pun"
CLI_NO_ROWS = "tidak ada baris"
CLI_CHECKED, CLI_IMPORTED = "LOLOS PEMERIKSAAN", "BERHASIL"
CLI_OK = "{file}: {verb} ({summary})"
CLI_REJECTED = "{file}: DITOLAK, tidak ada yang disimpan. {count} masalah:"
CLI_PROBLEM = "  - {problem}"

# ------------------------------------------------------------------------------ the template workbook (workbook.py)
README_INTRO = [
    "Templat impor data Pantau - Bawaslu Kabupaten Bangka Selatan",
    "",
    "Cara mengisi:",
    "1. Isi lembar sesuai jenis data: kegiatan, pengawasan, pelanggaran, formulir_c. Lembar yang tidak "
    "dipakai boleh dibiarkan kosong atau dihapus.",
    "   Data acuan (sekali per pemilihan, sebelum laporan apa pun): pemilihan (pemilihan dan jadwal tahapannya), "
    "paslon (pasangan calon dan kolom kosong), tps (daftar TPS dan DPT-nya, opsional). Basis data baru diisi "
    "berurutan: pemilihan, paslon, tps, lalu laporan; boleh dalam satu berkas, karena lembar data acuan selalu "
    "disimpan lebih dulu. Data acuan Pilkada 2024 Bangka Selatan sudah tersedia: "
    "assets/referensi/pilkada_2024_bangka_selatan.xlsx.",
    "2. Baris pertama setiap lembar adalah judul kolom: jangan diubah. Kolom berwarna jingga wajib diisi.",
    "3. Tanggal: TTTT-BB-HH, HH/BB/TTTT, HH-BB-TTTT atau sel bertipe tanggal. Jam: JJ:MM (24 jam).",
    "4. Bilangan bulat: hanya angka, titik boleh sebagai pemisah ribuan (1.234); tidak boleh negatif.",
    "5. Ya/tidak: ya atau tidak (juga y/t, 1/0, true/false).",
    "6. Pilihan (daftar tarik-turun): kode pada daftar, atau rumusan resminya (huruf besar/kecil bebas).",
    "7. Wilayah: nama kecamatan dan desa, atau kolom kode_wilayah berisi kode Kemendagri desa "
    "(mis. 19.03.01.2004). Desa harus berada di kecamatan yang ditulis.",
    "8. Jangan memakai rumus (formula) atau sel gabungan (merge). Baris kosong dilewati.",
    "9. Satu berkas diimpor utuh atau tidak sama sekali: bila ada satu baris salah, tidak ada yang "
    "disimpan dan semua masalah ditampilkan (lembar, baris, kolom).",
    "10. Mengimpor berkas yang sama dua kali tidak mengubah apa pun. Berkas berikutnya dengan kunci yang "
    "sama (kode pemilihan, pemilihan + nomor_urut, kode_kegiatan, nomor_lhp, desa + nomor_tps) mengoreksi "
    "baris lama; untuk pelanggaran, status baru ditambahkan ke riwayat. Impor tidak pernah menghapus baris.",
    "",
    "Panduan lengkap: docs/PANDUAN_IMPOR.md.",
]


DATASET_NOTES = {
    "pemilihan": ("Urutan jadwal: kampanye_mulai <= kampanye_selesai < masa_tenang_mulai <= masa_tenang_selesai "
                  "< hari_pemungutan; batas_formulir_c tidak sesudah hari_pemungutan.",
                  "Koreksi (kode sama) tidak boleh membuat kegiatan yang sudah tersimpan keluar dari masa kampanye."),
    "paslon": ("Kolom kosong: nama 'Kolom Kosong' dan kolom_kosong = ya; paling banyak satu per pemilihan, dan hanya "
               "bila pemilihan itu punya tepat satu pasangan calon. Kolom kosong tidak punya kegiatan kampanye.",),
    "tps": ("Lembar ini tidak bertanggal: TPS masuk ke hari pemungutan terdekat yang belum lewat dari pemilihan yang "
            "meliputi desanya (bila semua sudah lewat: yang terakhir).",
            "TPS yang belum mengirim rekap formulir_c dihitung 'belum melapor'. DPT TPS yang sudah punya rekap hanya "
            "dapat dikoreksi bersama rekapnya (lembar formulir_c di berkas yang sama)."),
    "formulir_c": ("terdistribusi + semua kolom tidak_terdistribusi_* harus sama dengan jumlah_dpt.",),
}
README_SHEET = "Lembar '{name}': {title}"
README_TABLE_HEADERS = ("kolom", "wajib", "aturan", "nilai yang diizinkan (kode = rumusan resmi)")
README_ALLOWED = "{code} = {wording}"
README_YES_NO = "ya / tidak"
TEMPLATE_LIST_TITLE = "Nilai di luar daftar"
TEMPLATE_LIST_ERROR = "Nilai tidak ada di daftar. Kode atau rumusan resmi tetap diterima."
TEMPLATE_DATE_ERROR = "Isi tanggal (HH/BB/TTTT)."
TEMPLATE_WHOLE_ERROR = "Isi bilangan bulat >= 0."

# ------------------------------------------------------------------------------ the import format (spec.py)
# The README sheet of the template: each dataset's title and each column's rule (docs/IMPORT_SPEC.md).
DATASET_TITLES = {
    "pemilihan": "Pemilihan dan jadwal tahapannya (data acuan, diimpor sekali per pemilihan)",
    "paslon": "Pasangan calon, dan kolom kosong pada pemilihan dengan satu pasangan calon",
    "kegiatan": "Kegiatan kampanye (STTP, jadwal KPU, temuan lapangan)",
    "pengawasan": "Laporan hasil pengawasan (Formulir Model A, LHP)",
    "pelanggaran": "Dugaan pelanggaran (temuan dan laporan) dan status penanganannya",
    "formulir_c": "Penyampaian Formulir Model C.Pemberitahuan-KWK per TPS",
    "tps": "Daftar TPS dan DPT-nya, diketahui sebelum pemungutan (data acuan, opsional)",
}
COLUMN_HELP = {
    "pemilihan": {
        "kode": ("Kode unik pemilihan, mis. bupati-2024. Kunci: baris dengan kode yang sama di berkas "
                 "berikutnya mengoreksi pemilihan ini."),
        "jenis": "Jenis pemilihan.",
        "nama": "Nama resmi, mis. Pemilihan Bupati dan Wakil Bupati Bangka Selatan 2024.",
        "kode_wilayah": ("Kode Kemendagri wilayah yang memilih: provinsi (19) untuk gubernur, "
                         "kabupaten/kota (19.03) untuk bupati/wali kota."),
        "kampanye_mulai": "Hari pertama masa kampanye.",
        "kampanye_selesai": "Hari terakhir masa kampanye; tidak sebelum kampanye_mulai.",
        "masa_tenang_mulai": "Hari pertama masa tenang; sesudah kampanye_selesai.",
        "masa_tenang_selesai": "Hari terakhir masa tenang; tidak sebelum masa_tenang_mulai.",
        "hari_pemungutan": "Hari pemungutan suara; sesudah masa tenang.",
        "batas_formulir_c": ("Batas penyampaian Formulir Model C.Pemberitahuan oleh KPPS (H-3); tidak "
                             "sesudah hari pemungutan."),
    },
    "paslon": {
        "pemilihan": ("Kode pemilihan (mis. bupati-2024), dari basis data atau lembar pemilihan berkas"
                      " yang sama."),
        "nomor_urut": "Nomor urut, mulai 1; unik dalam satu pemilihan. Kunci koreksi bersama pemilihan.",
        "nama": "Calon - Wakil, mis. Riza Herdavid - Debby Vita Dewi; kolom kosong: Kolom Kosong.",
        "kolom_kosong": ("Kolom kosong? ya/tidak (kosong = tidak, kecuali nama 'Kolom Kosong'). Paling"
                         " banyak satu per pemilihan, dan hanya bila pemilihan itu punya tepat satu "
                         "pasangan calon."),
        "partai_pengusul": "Partai pengusul (teks bebas).",
    },
    "kegiatan": {
        "kode_kegiatan": ("Kode unik kegiatan, mis. nomor STTP. Kunci: baris dengan kode yang sama di "
                          "berkas berikutnya mengoreksi kegiatan ini."),
        "nomor_urut": ("Nomor urut pasangan calon pada pemilihan tersebut (bukan kolom kosong: kolom "
                       "kosong tidak berkampanye)."),
        "metode": "Metode kampanye.",
        "tanggal": ("Tanggal kegiatan; harus di dalam masa kampanye pemilihan (2024: 25/09 s.d. "
                    "23/11). Kegiatan bersumber temuan_lapangan boleh juga di masa tenang, sampai "
                    "sehari sebelum pemungutan."),
        "jam_mulai": "Jam mulai, JJ:MM (24 jam) atau JJ.MM.",
        "lokasi": "Tempat kegiatan (teks bebas).",
        "perkiraan_peserta": "Perkiraan jumlah peserta (bilangan bulat).",
        "sumber": "Sumber data kegiatan.",
    },
    "pengawasan": {
        "nomor_lhp": "Nomor LHP, unik. Kunci koreksi.",
        "tanggal_pengawasan": ("Tanggal pengawasan dilakukan; tidak sebelum tanggal kegiatan yang "
                               "diawasi, dan di sekitar masa pemilihan (2024: 26/08 s.d. 27/12)."),
        "kode_kegiatan": ("Kode kegiatan yang diawasi; harus ada di basis data atau di lembar kegiatan"
                          " berkas yang sama. Kosongkan untuk patroli/pencegahan tanpa kegiatan."),
        "nama_pengawas": "Nama pengawas (data pribadi: tidak tampil pada mode paparan).",
        "jabatan": "Jabatan pengawas.",
        "bentuk": "Bentuk pengawasan.",
        "uraian": "Uraian singkat hasil pengawasan (teks bebas).",
        "dugaan_pelanggaran": "Ada dugaan pelanggaran? ya/tidak.",
        "tanggal_lapor": ("Tambahan (opsional): tanggal LHP diterima Bawaslu Kabupaten; tidak boleh "
                          "sebelum tanggal_pengawasan."),
    },
    "pelanggaran": {
        "nomor": ("Nomor temuan/laporan. Satu baris = status kasus pada tanggal_status; baris dengan "
                  "nomor sama menambah riwayat status."),
        "sumber": "temuan atau laporan.",
        "tanggal_kejadian": "Tanggal kejadian; tidak boleh sesudah tanggal_diterima.",
        "tanggal_diterima": ("Tanggal temuan ditetapkan atau laporan diterima; di sekitar masa "
                             "pemilihan (2024: 26/08 s.d. 27/12)."),
        "pemilihan": "Pemilihan yang terkait (boleh kosong): kode atau jenisnya.",
        "nomor_urut": "Nomor urut pasangan calon terkait (boleh kosong; perlu kolom pemilihan).",
        "jenis_dugaan": "Jenis dugaan pelanggaran.",
        "status": "Status penanganan pada tanggal_status.",
        "tanggal_status": "Tanggal status; tidak boleh sebelum tanggal_diterima.",
        "kategori": "Kategori pelanggaran (jika sudah diputuskan).",
        "terlapor": "Terlapor (data pribadi).",
        "pelapor": "Pelapor (data pribadi).",
    },
    "formulir_c": {
        "nomor_tps": "Nomor TPS di desa tersebut (1, 2, ...). (desa, nomor_tps) unik; kunci koreksi.",
        "jumlah_dpt": "Jumlah pemilih DPT di TPS, 1 s.d. 1000.",
        "terdistribusi": "Jumlah formulir yang tersampaikan.",
        "tanggal_laporan": "Tanggal rekap dilaporkan.",
    },
    "tps": {
        "nomor_tps": "Nomor TPS di desa tersebut (1, 2, ...). (desa, nomor_tps) unik; kunci koreksi.",
        "jumlah_dpt": "Jumlah pemilih DPT di TPS, 1 s.d. 1000.",
    },
}
AREA_HELP = {  # the area columns of every dataset that names a desa
    "kecamatan": "Nama kecamatan (mis. Toboali, Air Gegas, Lepar Pongok). Wajib, kecuali kode_wilayah diisi.",
    "desa": "Nama desa/kelurahan di kecamatan tersebut. Wajib, kecuali kode_wilayah diisi.",
    "kode_wilayah": "Boleh menggantikan kecamatan dan desa: kode Kemendagri desa, mis. 19.03.01.2004.",
}
PEMILIHAN_HELP = (  # a row's pemilihan: kode or jenis
    "Pemilihan: kode pemilihan (mis. bupati-2024), atau jenisnya (bupati, gubernur, walikota): "
    "jenis berarti satu-satunya pemilihan jenis itu yang meliputi desa baris ini pada tanggalnya.")
UNDELIVERED_HELP = "Tidak tersampaikan: {wording}."  # each tidak_terdistribusi_* column of formulir_c
