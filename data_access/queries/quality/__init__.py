"""Data-quality checks ("Kualitas Data"): each function finds the rows that break one rule, in SQL.

Every check takes its threshold as an argument (the page reads them from ``config/pantau.toml``
through ``metrics.quality.thresholds``; nothing here reads configuration) and returns the
offending rows with the key an operator needs to correct them by import: ``kode`` (kode_kegiatan)
for activities, ``nomor_lhp`` for supervision reports, ``nomor`` for cases, desa + ``nomor_tps``
for Formulir C recaps, ``desa_kode`` for desa. Rules and the quality score are documented in
``metrics.quality``.

Which filters apply:
- activity checks: like ``queries.coverage`` (activity date, election, pair, activity desa);
- report (LHP) checks: report date, report desa; election/pair through the LHP's activity
  (an LHP without activity, e.g. a prevention patrol, drops out when an election or pair is chosen);
- case checks: like ``queries.cases`` (date received, election, pair, case desa);
- Formulir C and desa checks: kecamatan/desa only.
- date-relation checks (``DATE_CHECKS`` in ``metrics.quality``: dates outside an election's period,
  an LHP far from its activity's date, ...): the same filters WITHOUT the date range. The default
  date range is the campaign period, so a row dated outside it would be filtered away before it is
  checked (issue 18). Their rows carry ``in_range`` (the row's own date is inside the date filter),
  so the quality score can count the rows outside the range that they flag.

Durations that depend on "now" (an activity still without LHP, a case stuck in a status) are
measured against ``as_of``, the app's reference day (``metrics.cases.reference_day``: the WIB day
of the newest record, the "Data per" stamp), so old data does not look worse just because time
has passed.

Modules: ``common`` (row cap, area columns, the filters of each dataset), ``reports`` (activities and
their LHP, duplicates, spellings), ``dates`` (date relations), ``cases_tps_desa`` (stuck cases,
implausible Formulir C recaps, quiet desa), ``totals`` (rows checked per kecamatan). Callers use the
names re-exported here.
"""
from data_access.queries.quality.cases_tps_desa import formulir_c_implausible, quiet_spells, stuck_cases
from data_access.queries.quality.common import LIMIT
from data_access.queries.quality.dates import (
                                               activities_outside_campaign,
                                               cases_outside_period,
                                               formulir_c_after_voting,
                                               report_activity_gaps,
                                               reports_outside_period,
                                               reports_without_activity,
)
from data_access.queries.quality.reports import (
                                               activities_without_report,
                                               activity_duplicate_candidates,
                                               late_reports,
                                               report_conflicts,
                                               report_delays,
                                               reports_desa_mismatch,
                                               reports_with_spelling,
                                               supervisor_spellings,
)
from data_access.queries.quality.totals import row_totals

__all__ = [
    "LIMIT", "activities_outside_campaign", "activities_without_report", "activity_duplicate_candidates",
    "cases_outside_period", "formulir_c_after_voting", "formulir_c_implausible", "late_reports", "quiet_spells",
    "report_activity_gaps", "report_conflicts", "report_delays", "reports_desa_mismatch", "reports_outside_period",
    "reports_with_spelling", "reports_without_activity", "row_totals", "stuck_cases", "supervisor_spellings",
]
