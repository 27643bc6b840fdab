"""The Formulir C view: the headline cards (undelivered forms first) and the TPS still to report,
as the page draws them and the briefing prints them.

Numbers: ``data_access.queries.formulir_c`` (sums in SQL, through ``load``) -> ``metrics.formulir_c``
(rates recomputed from summed counts); copy from ``texts.catalogue.FORMULIR_C``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import config
from data_access.filters import Filters
from data_access.queries import formulir_c as q
from metrics import formulir_c as m
from texts import catalogue, formatting
from views.blocks import Card, Loader

T = catalogue.FORMULIR_C


@dataclass(frozen=True)
class FormulirC:
    empty: bool  # neither a recap nor a TPS list: the page shows its "no data" notice
    total: pd.Series  # the recap summed, with rates and the count above the threshold
    voting_day: object
    deadline: object
    n_missing: int  # TPS in the TPS list without a recap, and their DPT
    dpt_missing: int
    cards: tuple[Card, ...] = ()  # empty while no recap exists

    @property
    def reported(self) -> bool:
        return bool(self.total["tps"])


def build(load: Loader, f: Filters, settings=None) -> FormulirC:
    settings = settings or config.get()
    calendar = load(q.recap_calendar, f).iloc[0]
    voting_day, deadline = calendar["voting_day"], calendar["formulir_c_deadline"]
    total = m.with_rates(load(q.delivery, f, threshold=settings.formulir_c_highlight_rate)).iloc[0]
    missing = load(q.not_reported, f).iloc[0]  # TPS in the TPS list without a recap
    n_missing, dpt_missing = int(missing["tps_not_reported"]), int(missing["dpt_not_reported"])
    empty = not total["tps"] and not n_missing
    if not total["tps"]:
        return FormulirC(empty, total, voting_day, deadline, n_missing, dpt_missing)
    # Every card has a grey line under the value (no arrow): a note, not a change against a period.
    cards = (
        Card("undelivered", T["kpi_undelivered"], formatting.fmt_int(total["undelivered"]),
             T["of_dpt"].format(pct=formatting.fmt_pct(total["undelivered_rate"]))),
        Card("rate", T["kpi_rate"], formatting.fmt_pct(total["undelivered_rate"]), T["note_rate"].format(
            undelivered=formatting.fmt_int(total["undelivered"]), dpt=formatting.fmt_int(total["dpt"])),
            help=T["kpi_rate_help"]),
        Card("dpt", T["kpi_dpt"], formatting.fmt_int(total["dpt"]), T["note_dpt_missing"].format(
            tps=formatting.fmt_int(total["tps"]), missing=formatting.fmt_int(n_missing),
            dpt=formatting.fmt_int(dpt_missing)) if n_missing else T["note_dpt"].format(tps=formatting.fmt_int(total["tps"])),
            help=T["kpi_dpt_help"]),
        Card("delivered", T["kpi_delivered"], formatting.fmt_int(total["delivered"]),
             T["of_dpt"].format(pct=formatting.fmt_pct(total["delivered_rate"]))),
        Card("tps", T["kpi_tps"], formatting.fmt_int(total["tps"]),
             T["note_tps"].format(date=formatting.fmt_date(total["last_report_date"])), help=T["kpi_tps_help"]),
        Card("late", T["kpi_late"], formatting.fmt_int(total["late_reports"]),
             T["note_late"].format(date=formatting.fmt_date(deadline)),
             help=T["kpi_late_help"].format(deadline=formatting.fmt_date(deadline, "long"))),
    )
    return FormulirC(False, total, voting_day, deadline, n_missing, dpt_missing, cards)
