"""What a check or an import of a file gives: a plan per dataset, and the file's verdict."""
from __future__ import annotations

from dataclasses import dataclass, field

from data_access.importer.spec import Problem


@dataclass
class DatasetPlan:
    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"baru": 0, "berubah": 0, "sama": 0})
    changes: list[dict] = field(default_factory=list)  # preview: one entry per row
    extra: dict = field(default_factory=dict)

    def note(self, row: int, key: str, status: str, columns: list[str] | None = None) -> None:
        self.counts[status] += 1
        self.changes.append({"baris": row, "kunci": key, "perubahan": status,
                             "kolom_berubah": ", ".join(columns or [])})


@dataclass
class ImportResult:
    file_name: str
    sha256: str
    problems: list[Problem]
    counts: dict[str, dict[str, int]]
    changes: dict[str, list[dict]]
    written: bool = False
    import_id: int | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def verdict(self) -> str:
        return "berhasil" if self.ok else "ditolak"
