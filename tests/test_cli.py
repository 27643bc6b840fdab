"""The operators' command line, ``python -m data_access COMMAND`` (issue 19): the list of commands,
an unknown command refused, the commands' old module names pointing at the new ones instead of
silently doing nothing, and ``rollup`` rebuilding stale summary tables (on both engines)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from data_access import rollup, schema
from data_access.__main__ import main as command
from tests.builders import RIAS, TOBOALI, Builder

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_every_command(capsys):
    assert command(["--help"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.split("Perintah:\n", 1)[1].split("\n\n", 1)[0].splitlines()] == [
        "import", "users", "demo", "rollup"]


def test_an_unknown_command_is_refused(capsys):
    assert command(["user", "list"]) == 2
    assert "Perintah tidak dikenal: user" in capsys.readouterr().err
    assert command([]) == 2


@pytest.mark.parametrize("old, new", [("data_access.users", "users"), ("data_access.demo", "demo"),
                                      ("data_access.rollup", "rollup"), ("data_access.importer", "import")])
def test_an_old_command_name_says_where_it_went_and_touches_nothing(old, new, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'kantor.db'}"}
    env.pop("PANTAU_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", old, "list"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert f"python -m data_access {new}" in done.stderr
    assert not (tmp_path / "kantor.db").exists()


def test_rollup_rebuilds_stale_summaries(db, monkeypatch, capsys):
    # Two activities on 1 Oct in Kecamatan Toboali, one with an LHP, written past the summary tables
    # (as a hand-made SQL fix is): the command rebuilds them to 2 activities, 1 supervised.
    b = Builder(db)
    p = b.paslon(b.election("bupati"), 1)
    supervised = b.activity(p, "2024-10-01", TOBOALI)
    b.activity(p, "2024-10-01", RIAS)
    b.report("2024-10-01", TOBOALI, activity=supervised)
    with db.connect() as conn:
        assert not rollup.is_fresh(conn)
    monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
    assert command(["rollup"]) == 0
    assert "Ringkasan kegiatan diperbarui" in capsys.readouterr().out
    t = schema.ROLLUP_TABLES["activity_rollup_kabupaten"]
    with db.connect() as conn:
        assert rollup.is_fresh(conn)
        assert [tuple(r) for r in conn.execute(select(t))] == [("19", "19.03", dt.date(2024, 10, 1), 2, 1)]
