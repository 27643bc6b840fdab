"""What the browser tests read off the page (metrics, captions, tables, downloads), where their
pictures go, and their skip rule. Starting the app and driving Chromium is devkit's job
(devkit/server.py, devkit/browser.py); nothing here talks to the database or computes a number: the
tests compare what the browser shows with facts worked out by hand (published regency totals) or
with another view of the same page.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from devkit import browser
from devkit.server import ROOT

REQUIRE = "PANTAU_REQUIRE_BROWSER"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can. With PANTAU_REQUIRE_BROWSER=1
    (set by .ci/run) a missing browser fails the run instead of skipping the browser tests."""
    reason = browser.chromium_missing()
    if reason and os.environ.get(REQUIRE) == "1":
        pytest.fail(f"browser tests {reason}; {REQUIRE}=1 forbids skipping them", pytrace=False)
    return reason and f"browser tests {reason}"


# ---- reading the page ---------------------------------------------------------------------

def metric_values(page) -> list[str]:
    return [t.strip() for t in page.get_by_test_id("stMetricValue").all_inner_texts()]


def header_caption(page) -> str:
    """The page header's stamp line: "Data contoh <filters> · Data per ... WIB"."""
    return page.locator("[data-testid='stCaptionContainer']", has_text="Data per").first.inner_text().strip()


def kecamatan_box(page):
    """The sidebar's kecamatan multiselect (a react-aria combobox labelled "Kecamatan")."""
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_role("combobox", name="Kecamatan", exact=True))


def chips(multiselect):
    """The selected options (tags) of a multiselect, for expect(...).to_have_text([...])."""
    return multiselect.locator("[data-tag]")


def chosen_in(multiselect) -> list[str]:
    return [t.strip() for t in chips(multiselect).all_inner_texts()]


def parse_int_id(text: str) -> int:
    """ "8.266" -> 8266 (Indonesian thousands separator)."""
    return int(text.strip().replace(".", "").replace("\u00a0", ""))


def read_csv_download(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """A "Unduh CSV" file: the '#' stamp lines, the header, the rows (';' separated, UTF-8 BOM)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    stamp = [ln[2:] for ln in lines if ln.startswith("# ")]
    body = "\n".join(ln for ln in lines if not ln.startswith("#"))
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    return stamp, rows[0], rows[1:]


def grid(dataframe) -> tuple[int, int, dict[int, str], dict[int, dict[int, str]]]:
    """What a st.dataframe shows, read from its accessible grid (glide-data-grid renders a hidden ARIA
    table of the cells in view, numbered by aria-colindex): the column and data-row counts, the
    rendered headers {column index (0-based): text} and rendered rows {row index (0-based): cells}."""
    table = dataframe.locator("table[role='grid']")
    table.wait_for(state="attached", timeout=browser.TIMEOUT_MS)
    n_cols = int(table.get_attribute("aria-colcount"))
    n_rows = int(table.get_attribute("aria-rowcount")) - 1

    def cells(row, role):
        return {int(c.get_attribute("aria-colindex")) - 1: c.inner_text().strip()
                for c in row.locator(f"[role='{role}']").all()}

    headers = cells(table.locator("thead"), "columnheader")
    rows = {int(r.get_attribute("aria-rowindex")) - 2: cells(r, "gridcell")
            for r in table.locator("tbody tr[role='row']").all()}
    return n_cols, n_rows, headers, rows


UPDATE_DOCS = "PANTAU_UPDATE_SCREENSHOTS"


def docs_screenshots(name: str) -> list[Path]:
    """Where the README's picture ``name`` goes: docs/screenshots/, but only when the run is asked to
    refresh them (``PANTAU_UPDATE_SCREENSHOTS=1``); an ordinary test run must not leave the
    tracked pictures changed. Every run still saves its pictures under test-results/."""
    return [ROOT / "docs" / "screenshots" / name] if os.environ.get(UPDATE_DOCS) == "1" else []


def results_dir() -> Path:
    return ROOT / "test-results"
