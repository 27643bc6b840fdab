"""Where an area breakdown starts (metrics.areas.breakdown_levels), on hand-worked cases."""
from __future__ import annotations

import pandas as pd

from data_access.filters import Filters
from metrics.areas import breakdown_levels, drill_filters, upper_areas, upper_counts

ALL = ("provinsi", "kabupaten", "kecamatan", "desa", "tps")
# Three kabupaten: two in provinsi 19, one in provinsi 21.
KAB = pd.DataFrame({"kode": ["19.01", "19.03", "21.71"], "provinsi_kode": ["19", "19", "21"]})


def test_one_regency_starts_at_kecamatan_as_before():
    assert breakdown_levels(1, 1) == ("kecamatan", "desa", "tps")
    assert breakdown_levels(1, 1, kecamatan=("19.03.01",)) == ("kecamatan", "desa", "tps")


def test_national_data_starts_at_provinsi():
    assert breakdown_levels(38, 514) == ALL


def test_one_provinsi_of_several_kabupaten_starts_at_kabupaten():
    assert breakdown_levels(1, 7) == ALL[1:]


def test_a_chosen_kecamatan_or_desa_is_narrower_than_any_upper_level():
    assert breakdown_levels(38, 514, kecamatan=("19.03.01",)) == ALL[2:]
    assert breakdown_levels(2, 3, desa=("19.03.01.2001",)) == ALL[2:]


def test_counts_in_scope_follow_the_area_filter():
    assert upper_counts(KAB) == (2, 3)
    assert upper_counts(KAB, provinsi=("19",)) == (1, 2)
    assert upper_counts(KAB, provinsi=("21",)) == (1, 1)
    assert upper_counts(KAB, chosen_kabupaten=("19.03",)) == (1, 1)
    assert upper_counts(KAB, chosen_kabupaten=("19.01", "21.71")) == (2, 2)
    # a chosen kabupaten wins over a chosen provinsi (the narrowest area decides)
    assert upper_counts(KAB, provinsi=("19",), chosen_kabupaten=("21.71",)) == (1, 1)


def test_levels_from_counts_of_each_filter():
    assert breakdown_levels(*upper_counts(KAB)) == ALL
    assert breakdown_levels(*upper_counts(KAB, provinsi=("19",))) == ALL[1:]
    assert breakdown_levels(*upper_counts(KAB, provinsi=("21",))) == ALL[2:]
    assert breakdown_levels(*upper_counts(KAB, chosen_kabupaten=("19.03",))) == ALL[2:]
    # two kabupaten of two provinsi chosen: still one bar per provinsi first
    assert breakdown_levels(*upper_counts(KAB, chosen_kabupaten=("19.01", "21.71"))) == ALL


def test_drill_filters_narrow_to_one_area():
    f = Filters(election_ids=(1,))
    assert drill_filters(f, "provinsi", "19") == Filters(election_ids=(1,), provinsi=("19",))
    assert drill_filters(f, "kabupaten", "19.03") == Filters(election_ids=(1,), kabupaten=("19.03",))
    assert drill_filters(f, "kecamatan", "19.03.01") == Filters(election_ids=(1,), kecamatan=("19.03.01",))
    # chosen kabupaten of two provinsi: drilling into provinsi 19 keeps only its chosen kabupaten
    two = Filters(kabupaten=("19.01", "21.71"))
    assert drill_filters(two, "provinsi", "19") == Filters(kabupaten=("19.01",), provinsi=("19",))


def test_upper_areas_in_scope():
    kab = KAB.assign(nama=["Bangka", "Bangka Selatan", "Batam"],
                     provinsi=["Kepulauan Bangka Belitung", "Kepulauan Bangka Belitung", "Kepulauan Riau"])
    prov = upper_areas(kab, "provinsi")
    assert prov.to_dict("list") == {"provinsi_kode": ["19", "21"],
                                    "provinsi": ["Kepulauan Bangka Belitung", "Kepulauan Riau"]}
    assert upper_areas(kab, "kabupaten", provinsi=("19",)).to_dict("list") == {
        "kabupaten_kode": ["19.01", "19.03"], "kabupaten": ["Bangka", "Bangka Selatan"]}
    assert list(upper_areas(kab, "kabupaten", chosen_kabupaten=("21.71",))["kabupaten"]) == ["Batam"]
