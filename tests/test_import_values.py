"""The cell formats of IMPORT_SPEC.md ("Values"), one parser at a time, with answers written by hand."""
import datetime as dt

import pytest
from sqlalchemy import select

from data_access import schema
from data_access.importer import import_file
from data_access.importer.spec import normalise_header
from data_access.importer.values import ValueProblem, parse_date, parse_time, parse_whole, parse_yes_no
from tests.fixtures_import import KEGIATAN, KEGIATAN_HEADER, PENGAWASAN, PENGAWASAN_HEADER, csv_bytes, elections, xlsx

T, D = dt.time, dt.date


# ------------------------------------------------------------------------------ yes/no
@pytest.mark.parametrize("value", ["ya", "Ya", " YA ", "y", "Y", "1", "true", "TRUE", "True", True, 1, 1.0])
def test_yes(value):
    assert parse_yes_no(value) is True


@pytest.mark.parametrize("value", ["tidak", "Tidak", "TIDAK ", "t", "T", "0", "false", "FALSE", False, 0, 0.0])
def test_no(value):
    assert parse_yes_no(value) is False


@pytest.mark.parametrize("value", ["mungkin", "yes", "no", "2", 2, 0.5, "ya tidak"])
def test_not_yes_or_no(value):
    with pytest.raises(ValueProblem, match="bukan ya/tidak"):
        parse_yes_no(value)


# ------------------------------------------------------------------------------ headers
@pytest.mark.parametrize("written", ["nomor_lhp", "Nomor LHP", "  NOMOR LHP ", "Nomor  LHP", "nomor lhp", "Nomor_Lhp",
                                     "NOMOR-LHP", "Nomor\tLHP"])
def test_header_nomor_lhp(written):
    assert normalise_header(written) == "nomor_lhp"


def test_headers_with_several_words():
    assert normalise_header("Tidak Terdistribusi  Meninggal Dunia") == "tidak_terdistribusi_meninggal_dunia"
    assert normalise_header(" Kode Wilayah ") == "kode_wilayah"
    assert normalise_header(None) == ""


def test_spaced_headers_import(db):
    """A pengawasan CSV whose header row is written as people type it."""
    elections(db)
    header = ["Nomor LHP", "Tanggal Pengawasan", "Kode Kegiatan", "KODE WILAYAH", " Nama Pengawas ", "Jabatan",
              "Bentuk", "Uraian", "Dugaan Pelanggaran", "Tanggal Lapor"]
    assert [normalise_header(h) for h in header] == PENGAWASAN_HEADER
    result = import_file(db, csv_bytes([header, PENGAWASAN[1]]), "pengawasan.csv", "op")
    assert result.ok and result.problems == [], [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.SupervisionReport.nomor_lhp, schema.SupervisionReport.jabatan,
                                schema.SupervisionReport.dugaan_pelanggaran)).one() == ("002/LHP", "panwascam", True)


# ------------------------------------------------------------------------------ areas
def test_area_spellings(db):
    """The spellings IMPORT_SPEC.md tolerates resolve to the Kemendagri codes (docs/domain.md
    section 1): Pulau Besar 19.03.07 (Batu Betumpang 2001, Sukajaya 2002, Fajar Indah 2005), Airgegas
    19.03.03 (Airgegas 2001, Airbara 2008), Lepar 19.03.02 (Tanjung Labu 2001)."""
    elections(db)
    spellings = [("Pulaubesar", "Batu Betumpang"), ("Pulau Besar", "Sukajaya"),
                 ("kec. PULAU  BESAR", "Desa Fajar Indah"), ("Air Gegas", "Air Gegas"), ("Airgegas", "Air Bara"),
                 ("Lepar Pongok", "Tanjung Labu"), ("Lepar", "tanjung labu")]
    rows = [[f"K/{i}", *KEGIATAN[0][1:6], kec, desa, *KEGIATAN[0][8:]] for i, (kec, desa) in enumerate(spellings)]
    result = import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, *rows]}), "a.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        got = dict(c.execute(select(schema.CampaignActivity.kode, schema.CampaignActivity.desa_kode)).all())
    assert got == {"K/0": "19.03.07.2001", "K/1": "19.03.07.2002", "K/2": "19.03.07.2005", "K/3": "19.03.03.2001",
                   "K/4": "19.03.03.2008", "K/5": "19.03.02.2001", "K/6": "19.03.02.2001"}


# ------------------------------------------------------------------------------ dates and whole numbers
@pytest.mark.parametrize("value, expected", [
    ("2024-10-01", D(2024, 10, 1)), ("01/10/2024", D(2024, 10, 1)), ("1/10/2024", D(2024, 10, 1)),
    ("01-10-2024", D(2024, 10, 1)), ("2024-10-01 00:00:00", D(2024, 10, 1)), (D(2024, 10, 1), D(2024, 10, 1)),
    (dt.datetime(2024, 10, 1, 0, 0), D(2024, 10, 1)), ("29/02/2024", D(2024, 2, 29)),
])
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, message", [
    ("31/02/2024", "tidak ada di kalender"), ("29/02/2023", "tidak ada di kalender"), ("10/01/24", "bukan tanggal"),
    ("1 Oktober 2024", "bukan tanggal"), (45566, "bukan tanggal"), ("2024/10/01", "bukan tanggal"),
])
def test_not_dates(value, message):
    with pytest.raises(ValueProblem, match=message):
        parse_date(value)


@pytest.mark.parametrize("value, expected", [
    ("1250", 1250), ("1.250", 1250), ("1.234.567", 1_234_567), (40, 40), (40.0, 40), (" 7 ", 7), ("0", 0)])
def test_whole_numbers(value, expected):
    assert parse_whole(value) == expected


@pytest.mark.parametrize("value, message", [
    ("-5", "negatif"), (-5, "negatif"), ("1,5", "bukan bilangan bulat"), ("12.34", "bukan bilangan bulat"),
    (2.5, "bukan bilangan bulat"), ("sekitar 50", "bukan bilangan bulat"), (True, "bukan bilangan bulat"),
    ("٣", "bukan bilangan bulat"),
])
def test_not_whole_numbers(value, message):
    with pytest.raises(ValueProblem, match=message):
        parse_whole(value)


# ------------------------------------------------------------------------------ times
@pytest.mark.parametrize("value, expected", [
    ("14:30", T(14, 30)), ("14.30", T(14, 30)), ("9:05", T(9, 5)), ("09.05", T(9, 5)), ("14:30:00", T(14, 30)),
    (" 07:00 ", T(7, 0)), (T(14, 30, 15), T(14, 30)), (dt.datetime(2024, 10, 1, 8, 15), T(8, 15)),
    # HH.MM typed into an Excel cell is a number: 14.30 -> 14.3, 09.05 -> 9.05, 14.00 -> 14
    (14.3, T(14, 30)), (9.05, T(9, 5)), (14.0, T(14, 0)), (14, T(14, 0)), (0.0, T(0, 0)), (23.59, T(23, 59)),
    (14.5, T(14, 50)), (10.1, T(10, 10)),
    # ... and Excel shows and saves to CSV 14.30 as "14.3"
    ("14.3", T(14, 30)), ("8.5", T(8, 50)),
])
def test_times(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize("value, message", [
    (14.75, "jam '14.75' tidak ada (jam 00-23, menit 00-59)"),
    (24.0, "jam '24' tidak ada (jam 00-23, menit 00-59)"),
    ("25:99", "jam '25:99' tidak ada (jam 00-23, menit 00-59)"),
    (0.604166, "'0.604166' bukan jam; tulis sebagai JJ:MM (24 jam), misalnya 14:30"),  # a day fraction
    (14.305, "'14.305' bukan jam"), (-1.3, "'-1.3' bukan jam"), (130.0, "'130' bukan jam"),
    (float("nan"), "'nan' bukan jam"), (True, "'True' bukan jam"), ("14:3", "'14:3' bukan jam"),
    ("siang", "'siang' bukan jam"),
])
def test_not_times(value, message):
    with pytest.raises(ValueProblem) as exc:
        parse_time(value)
    assert str(exc.value).startswith(message)


def test_excel_number_time_is_imported(db):
    """jam_mulai typed as 14.30 in Excel is stored in the workbook as the number 14.3."""
    elections(db)
    row = [*KEGIATAN[0][:5], 14.3, *KEGIATAN[0][6:]]
    result = import_file(db, xlsx({"kegiatan": [KEGIATAN_HEADER, row]}), "a.xlsx", "op")
    assert result.ok, [str(p) for p in result.problems]
    with db.connect() as c:
        assert c.execute(select(schema.CampaignActivity.jam_mulai)).scalar_one() == T(14, 30)
