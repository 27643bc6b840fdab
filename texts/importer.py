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
WORKBOOK_TOO_BIG = "isi berkas ini {mb} MB setelah dibuka (paling besar {limit} MB untuk semua lembar); pecah berkasnya."
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

# ------------------------------------------------------------------------------ a sheet's header and rows (sheetcheck.py)
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
AREA_CODE_UNKNOWN = "kode wilayah '{kode}' bukan kode desa/kelurahan di Kabupaten Bangka Selatan (contoh: 19.03.01.2004)."
AREA_CODE_OTHER_KECAMATAN = "kode wilayah {kode} ({desa}) ada di Kecamatan {kecamatan_kode}, bukan di Kecamatan {kecamatan}."
DESA_NOT_THE_CODE = "desa '{desa}' tidak cocok dengan kode wilayah {kode} ({desa_kode})."
AREA_REQUIRED = "wajib diisi (atau isi kode_wilayah)."
DESA_IN_OTHER_KECAMATAN = "desa '{desa}' bukan bagian dari Kecamatan {kecamatan} (desa itu ada di Kecamatan {where})."
DESA_UNKNOWN = "desa/kelurahan '{desa}' tidak dikenal di Kecamatan {kecamatan}."
