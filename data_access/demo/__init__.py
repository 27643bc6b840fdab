"""Demo data of Kabupaten Bangka Selatan for Pilkada Serentak 2024 (``python -m data_access demo``).

True to the published regency figures (docs/domain.md, sections 0 and 6):
- 300 TPS over the 53 desa/kelurahan, at most 600 voters each, DPT summing to 151,742;
- Formulir C.Pemberitahuan: 143,476 delivered and 8,266 not delivered, of which tidak dikenal
  5,360, tidak di tempat 1,786, meninggal dunia 467, pindah domisili 467, and 186 split between
  pindah memilih and lainnya;
- the three real candidate pairs (one bupati pair against the kolom kosong, two gubernur pairs)
  and the real 2024 calendar, read from the reference workbook an office imports
  (assets/referensi/pilkada_2024_bangka_selatan.xlsx).

SYNTHETIC (never published): every breakdown below the regency (TPS and DPT per desa, Formulir C
per TPS, the 186 split), all campaign activities, supervision reports and cases, and every
personal name. The UI labels demo data "Data contoh".

Deterministic for a given ``--seed``. Rows are written in bulk through Core inserts.

The parts: ``published`` (the real figures and the reference workbook), ``rows`` (every row, built in
memory), ``safety`` (what marks a real office's database, refused unless forced) and ``writing``
(one transaction, the demo marker, the summary tables, the demo accounts). This package only names
their public parts in one place.
"""
from __future__ import annotations

from data_access.demo.published import (
                                        CALENDAR_2024,
                                        CAMPAIGN_END,
                                        CAMPAIGN_START,
                                        DPT_TOTAL,
                                        ELECTIONS,
                                        MAX_DPT_PER_TPS,
                                        PASLON,
                                        REFERENCE_WORKBOOK,
                                        TPS_TOTAL,
                                        UNDELIVERED_BY_REASON,
                                        UNDELIVERED_TOTAL,
                                        reference_elections,
)
from data_access.demo.rows import DEFAULT_SEED, QUIET_FINDINGS, allocate, build
from data_access.demo.safety import (
                                        DEMO_ACCOUNTS,
                                        KEPT_TABLES,
                                        DemoRefused,
                                        clear_or_refuse,
                                        is_demo_account,
                                        production_signs,
                                        refuse_production,
)
from data_access.demo.writing import INSERT_ORDER, TABLES, create_demo_accounts, finish, generate

__all__ = [
    "CALENDAR_2024", "CAMPAIGN_END", "CAMPAIGN_START", "DEFAULT_SEED", "DEMO_ACCOUNTS", "DPT_TOTAL", "ELECTIONS",
    "INSERT_ORDER", "KEPT_TABLES", "MAX_DPT_PER_TPS", "PASLON", "QUIET_FINDINGS", "REFERENCE_WORKBOOK", "TABLES",
    "TPS_TOTAL", "UNDELIVERED_BY_REASON", "UNDELIVERED_TOTAL", "DemoRefused", "allocate", "build",
    "clear_or_refuse", "create_demo_accounts", "finish", "generate", "is_demo_account", "production_signs",
    "reference_elections", "refuse_production",
]
