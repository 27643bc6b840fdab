"""Table downloads: short tables have their files ready with the page (cached bytes); tables longer
than ``download_on_click_rows`` get a callable that makes the same file when clicked."""
import dataclasses
import io

import openpyxl
import pandas as pd

import config
from ui import components


def test_long_tables_make_their_files_on_click(monkeypatch):
    settings = dataclasses.replace(config.get(), download_on_click_rows=2)
    monkeypatch.setattr(config, "get", lambda: settings)
    lines = ["Judul", "Filter: Semua kecamatan"]
    two = pd.DataFrame({"Desa": ["Rias", "Malik"], "Kegiatan": [3, 4]})
    three = pd.DataFrame({"Desa": ["Rias", "Malik", "Payung"], "Kegiatan": [3, 4, 5]})

    ready = components.download_data(two, lines, "csv")
    assert isinstance(ready, bytes)
    made = components.download_data(three, lines, "csv")
    assert callable(made)
    text = made().decode("utf-8-sig").splitlines()
    assert text == ["# Judul", "# Filter: Semua kecamatan", "Desa;Kegiatan", "Rias;3", "Malik;4", "Payung;5"]

    assert isinstance(components.download_data(two, lines, "xlsx"), bytes)
    made = components.download_data(three, lines, "xlsx")
    assert callable(made)
    sheet = openpyxl.load_workbook(io.BytesIO(made())).active
    assert sheet["A1"].value == "Judul"
    assert [r for r in sheet.iter_rows(min_row=5, values_only=True)] == [
        ("Desa", "Kegiatan"), ("Rias", 3), ("Malik", 4), ("Payung", 5)]


def test_a_table_given_its_first_rows_reads_all_of_them_on_click(monkeypatch):
    lines = ["Judul"]
    first = pd.DataFrame({"Nomor": ["K1", "K2"]})
    every = pd.DataFrame({"Nomor": ["K1", "K2", "K3", "K4"]})
    reads = []

    def everything():
        reads.append(1)
        return every

    made = components.download_data(first, lines, "csv", total=4, everything=everything)
    assert callable(made) and reads == []  # nothing read with the page
    assert made().decode("utf-8-sig").splitlines() == ["# Judul", "Nomor", "K1", "K2", "K3", "K4"]
    assert reads == [1]
    # all rows already on the page: the cached bytes, nothing read again
    assert isinstance(components.download_data(every, lines, "csv", total=4, everything=everything), bytes)
    assert reads == [1]
