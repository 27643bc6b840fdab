"""``Filters.scoped``: a koordinator's kecamatan scope clamps whatever area a page asks for.

Hand-built filters; codes of Bangka Selatan: Toboali 19.03.01, Payung 19.03.05, Air Gegas 19.03.03.
"""
import datetime as dt

from data_access.filters import NOWHERE, Filters

TOBOALI, PAYUNG, AIR_GEGAS = "19.03.01", "19.03.05", "19.03.03"
TOBOALI_DESA, PAYUNG_DESA = "19.03.01.2008", "19.03.05.2001"


def test_asking_for_nothing_gets_the_own_kecamatan():
    assert Filters().scoped((TOBOALI,)) == Filters(kecamatan=(TOBOALI,))


def test_a_scope_of_two_kecamatan_asking_for_nothing_gets_both_in_code_order():
    assert Filters().scoped((PAYUNG, TOBOALI)).kecamatan == (TOBOALI, PAYUNG)


def test_asking_for_another_kecamatan_gets_no_rows():
    scoped = Filters(kecamatan=(PAYUNG,)).scoped((TOBOALI,))
    assert scoped.kecamatan == (NOWHERE,) and scoped.desa == ()


def test_asking_for_a_desa_of_another_kecamatan_gets_no_rows():
    scoped = Filters(desa=(PAYUNG_DESA,)).scoped((TOBOALI,))
    assert scoped.kecamatan == (NOWHERE,) and scoped.desa == ()


def test_kecamatan_and_desa_outside_the_scope_are_dropped():
    asked = Filters(kecamatan=(TOBOALI, PAYUNG), desa=(TOBOALI_DESA, PAYUNG_DESA))
    scoped = asked.scoped((TOBOALI,))
    assert scoped.kecamatan == (TOBOALI,) and scoped.desa == (TOBOALI_DESA,)


def test_a_desa_inside_the_scope_is_kept_with_the_scope_as_kecamatan():
    scoped = Filters(desa=(TOBOALI_DESA,)).scoped((AIR_GEGAS, TOBOALI))
    assert scoped.kecamatan == (TOBOALI, AIR_GEGAS) and scoped.desa == (TOBOALI_DESA,)


def test_an_unscoped_account_gets_the_filters_unchanged():
    asked = Filters(kecamatan=(PAYUNG,), desa=(PAYUNG_DESA,))
    assert asked.scoped(()) is asked
    assert asked.scoped(None) is asked


def test_fields_other_than_the_area_are_kept():
    asked = Filters(start=dt.date(2024, 10, 1), end=dt.date(2024, 10, 31), election_ids=(2,), paslon_ids=(5,),
                    kecamatan=(PAYUNG,))
    scoped = asked.scoped((TOBOALI,))
    assert (scoped.start, scoped.end, scoped.election_ids, scoped.paslon_ids) == \
        (dt.date(2024, 10, 1), dt.date(2024, 10, 31), (2,), (5,))
