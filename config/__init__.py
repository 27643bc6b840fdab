"""Pantau settings, read once from ``config/pantau.toml`` (or the file named by PANTAU_CONFIG).

Only values that the office may need to change without a code release live here: legal
deadlines whose day counts are UNCONFIRMED, thresholds of highlights and data-quality checks,
and the refresh interval. Everything else is code.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("pantau.toml")


@dataclass(frozen=True)
class CaseSettings:
    decision_days: int
    extension_days: int
    status_max_days: dict[str, int] = field(default_factory=dict)

    @property
    def deadline_days(self) -> int:
        """Days after receipt by which a case must have a decision (3 + 2 by default)."""
        return self.decision_days + self.extension_days


@dataclass(frozen=True)
class QualitySettings:
    report_missing_after_days: int
    report_late_after_days: int
    implausible_undelivered_rate: float
    zero_rate_min_dpt: int
    max_dpt_per_tps: int
    # Date relations (issue 18): an LHP dated more than this many days after its activity (1: an
    # evening activity reported the next day), and whether an LHP naming no activity on a day its
    # desa had none is flagged (off by default: prevention patrols are such LHPs).
    lhp_after_activity_days: int = 1
    lhp_without_activity_check: bool = False


@dataclass(frozen=True)
class AccessSettings:
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    session_idle_minutes: int = 30
    min_password_length: int = 10
    first_delay_seconds: int = 60
    throttle_reset_hours: int = 24
    client_address_header: str = ""
    audit_window_minutes: int = 15
    # Login sessions (issue 20): a session row also ends this long after its login, however active
    # (the wall screen's own, longer limit: it never ends on idle); the cookie is marked Secure when
    # the request came over HTTPS (X-Forwarded-Proto) or always when secure_cookies is true.
    session_absolute_hours: int = 12
    layar_session_days: int = 30
    secure_cookies: bool = False


@dataclass(frozen=True)
class ImportSettings:
    """Plausible dates of imported supervision reports (LHP) and violation cases: from this many
    days before an election's campaign starts to this many days after its voting day."""
    days_before_campaign: int = 30
    days_after_voting: int = 30
    # Upload limits (issue 17), each checked before the work it prevents: filled cells in one row
    # (header or data), data rows in one file, MB of any part of an XLSX once decompressed.
    max_columns: int = 100
    max_rows: int = 250_000
    max_sheet_mb: int = 150


@dataclass(frozen=True)
class Settings:
    timezone: str
    cases: CaseSettings
    quiet_days: int
    formulir_c_highlight_rate: float
    quality: QualitySettings
    ttl_seconds: int
    access: AccessSettings = field(default_factory=AccessSettings)
    imports: ImportSettings = field(default_factory=ImportSettings)
    download_on_click_rows: int = 1000
    screen_rows: int = 1000


def load(path: str | os.PathLike | None = None) -> Settings:
    path = Path(path or os.environ.get("PANTAU_CONFIG") or DEFAULT_PATH)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = raw["cases"]
    return Settings(
        timezone=raw.get("timezone", "Asia/Jakarta"),
        cases=CaseSettings(
            decision_days=int(cases["decision_days"]),
            extension_days=int(cases["extension_days"]),
            status_max_days={k: int(v) for k, v in cases.get("status_max_days", {}).items()},
        ),
        quiet_days=int(raw["coverage"]["quiet_days"]),
        formulir_c_highlight_rate=float(raw["formulir_c"]["highlight_rate"]),
        quality=QualitySettings(**raw["quality"]),
        ttl_seconds=int(raw["live"]["ttl_seconds"]),
        access=AccessSettings(**raw.get("access", {})),
        imports=ImportSettings(**raw.get("import", {})),
        download_on_click_rows=int(raw.get("tables", {}).get("download_on_click_rows", 1000)),
        screen_rows=int(raw.get("tables", {}).get("screen_rows", 1000)),
    )


@lru_cache(maxsize=1)
def get() -> Settings:
    """The settings in force (read once per process)."""
    return load()
