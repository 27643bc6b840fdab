"""What every dataset planner shares: the problems it reports, duplicate keys, new / changed /
unchanged rows, dates around an election, and the personal columns a role may not see."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection

from data_access.importer.context import Context
from data_access.importer.result import DatasetPlan
from data_access.importer.sheetcheck import SheetCheck
from data_access.importer.spec import Problem
from texts import importer as msg

DAY = dt.timedelta(days=1)
PERSONAL_COLUMNS = ("nama_pengawas", "terlapor", "pelapor")


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class PlannerBase:
    """A planner compares a sheet's records with the database and plans the rows to insert or
    update (``DatasetPlan``); ``planner.Planner`` combines one mixin per dataset on this base."""

    # False for a role that may not see personal data (issue 17): the personal columns of stored
    # rows are neither compared nor overwritten, so no preview, count or warning depends on them.
    personal = True

    def __init__(self, conn: Connection, ctx: Context, problems: list[Problem], now: dt.datetime, *,
                 personal: bool = True):
        self.conn, self.ctx, self.problems, self.now, self.personal = conn, ctx, problems, now, personal
        self._kept_names: set[str] = set()

    def keep_names(self, check: SheetCheck, row: int, vals: dict, source: dict, old) -> None:
        """Without ``personal``: the stored names of an existing row stay in ``vals`` (not compared,
        not written); one warning per sheet when the file gives names for such rows, whatever the
        stored names are."""
        given = [c for c in PERSONAL_COLUMNS if c in vals and source.get(c) not in (None, "")]
        for column in (c for c in PERSONAL_COLUMNS if c in vals):
            vals[column] = getattr(old, column)
        if given and check.sheet.label not in self._kept_names:
            self._kept_names.add(check.sheet.label)
            self.err(check, row, None, msg.PERSONAL_KEPT.format(columns=", ".join(given)), "warning")

    @staticmethod
    def new_plan() -> DatasetPlan:
        return DatasetPlan()

    def err(self, check: SheetCheck, row: int, column: str | None, message: str, level: str = "error"):
        check.problem(row, column, message, level)

    def duplicates(self, check: SheetCheck, records: list[dict], key, column: str, label) -> list[dict]:
        seen, out = {}, []
        for rec in records:
            k = key(rec)
            if k in seen:
                self.err(check, rec["_row"], column, msg.DUPLICATE_KEY.format(
                    label=label(rec), first_row=seen[k]))
                continue
            seen[k] = rec["_row"]
            out.append(rec)
        return out

    def in_period(self, check: SheetCheck, rec: dict, column: str, what: str) -> bool:
        """Whether ``rec[column]`` lies around an election in the database (config [import])."""
        day = rec[column]
        if not self.ctx.periods:
            self.err(check, rec["_row"], column, msg.NO_ELECTIONS)
            return False
        if any(start <= day <= end for start, end in self.ctx.periods):
            return True
        spans = "; ".join(msg.DAY_SPAN.format(start=fmt(start), end=fmt(end)) for start, end in self.ctx.periods)
        self.err(check, rec["_row"], column, msg.OUTSIDE_ELECTION_PERIODS.format(
            what=what, day=fmt(day), spans=spans, days_before=self.ctx.days_before, days_after=self.ctx.days_after))
        return False

    def upsert(self, plan: DatasetPlan, old, new: dict, fields, row: int, key: str) -> None:
        if old is None:
            plan.inserts.append({**new, "recorded_at": self.now})
            plan.note(row, key, "baru")
            return
        changed = [f for f in fields if getattr(old, f) != new[f]]
        if changed:
            plan.updates.append({**new, "_id": old.id, "recorded_at": self.now})
            plan.note(row, key, "berubah", changed)
        else:
            plan.note(row, key, "sama")
