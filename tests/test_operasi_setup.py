"""docs/OPERASI.md, "Menyiapkan basis data produksi", executed as written (issue 16).

The fenced blocks of each numbered step are taken from the document and run for real against the
test PostgreSQL server: the SQL through ``psql``, the shell blocks through ``bash``, the first start as
a real ``streamlit run`` opened once in Chromium. Only names are made unique (the roles and database
``pantau``/``pantau_baca`` get a random suffix, ``db-host:5432`` becomes the test server, the port of
step 3 a free one), so a step that no longer works as documented fails here.

Every step runs here; the files of steps 5 and 6 that an office brings itself (its TPS list, its
first operator workbook) are the hand-built ones of tests/first_day.py.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from data_access import schema, users
from data_access.engine import make_engine
from devkit import browser as b
from devkit import server as srv
from tests import first_day
from tests.conftest import PG_ADMIN_URL, _skip_or_fail_pg
from tests.e2e import helpers as h

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "OPERASI.md"
SECTION = "## Menyiapkan basis data produksi"
PASSWORDS = {"kepala": "sandi-kepala-uji-01", "koord.toboali": "sandi-koord-uji-02",
             "operator.kab": "sandi-operator-uji-03", "ketua": "sandi-ketua-uji-04"}

pytestmark = pytest.mark.postgres


def documented_steps() -> dict[int, tuple[str, list[tuple[str, str]]]]:
    """{step number: (heading, [(language, code), ...])} of the section, in document order."""
    body = DOC.read_text(encoding="utf-8").split(SECTION, 1)[1]
    body = re.split(r"\n## ", body, maxsplit=1)[0]  # up to the next section
    steps = {}
    for part in re.split(r"\n### ", body)[1:]:
        heading = part.splitlines()[0]
        number = int(heading.split(".", 1)[0])
        blocks = re.findall(r"```(\w+)\n(.*?)\n```", part, flags=re.S)
        steps[number] = (heading, blocks)
    return steps


def test_the_seven_steps_are_documented_in_order_and_linked_from_readme():
    steps = documented_steps()
    assert list(steps) == [1, 2, 3, 4, 5, 6, 7]
    assert [h.split(". ", 1)[1] for h, _ in steps.values()] == [
        "Database and roles", "DATABASE_URL", "First start", "First admin", "Reference workbook",
        "First reports", "Accounts for coordinators"]
    assert "CREATE ROLE pantau_baca" in steps[1][1][0][1]  # the read-only role
    assert "python -m data_access users create" in steps[4][1][0][1]
    assert "python -m data_access import" in steps[5][1][0][1]
    assert "assets/referensi/pilkada_2024_bangka_selatan.xlsx" in steps[5][1][0][1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/OPERASI.md#menyiapkan-basis-data-produksi" in readme
    assert "python -m data_access demo" not in readme.split("## Using PostgreSQL", 1)[1].split("```bash", 1)[1].split(
        "```", 1)[0]  # the PostgreSQL set-up commands never fill production with demo data


class Names:
    """The document's names made unique for this run, and the test server in place of db-host."""

    def __init__(self):
        suffix = uuid.uuid4().hex[:8]
        self.writer, self.reader = f"pantau_{suffix}", f"pantau_{suffix}_baca"
        admin = make_url(PG_ADMIN_URL)
        self.host, self.port = admin.host or "127.0.0.1", admin.port or 5432
        self.admin_libpq = admin.set(drivername="postgresql").render_as_string(hide_password=False)
        self.app_port = srv.free_port()

    def __call__(self, code: str) -> str:
        code = re.sub(r"\bpantau_baca\b", self.reader, code)
        code = re.sub(r"\bpantau\b", self.writer, code)
        code = code.replace("db-host:5432", f"{self.host}:{self.port}")
        return code.replace("--server.port 8501", f"--server.port {self.app_port}")

    def libpq(self, role: str, password: str) -> str:
        return f"postgresql://{role}:{password}@{self.host}:{self.port}/{self.writer}"


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-f", "-"], input=sql, text=True, check=True,
                   capture_output=True, timeout=60)


def shell(code: str, env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    """A documented shell block, in the repository, without a terminal (getpass then reads stdin)."""
    return subprocess.run(["bash", "-e", "-c", code], cwd=ROOT, env=env, input=stdin, text=True,
                          capture_output=True, timeout=300, start_new_session=True)


def first_visit(url: str) -> None:
    """Open the app once in Chromium and wait for the login form (what the document asks for)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = b.launch(pw)
        try:
            page = browser.new_page()
            page.goto(url, timeout=b.TIMEOUT_MS)
            page.locator("input[type='password']").wait_for(timeout=b.TIMEOUT_MS)
        finally:
            browser.close()


def test_the_seven_steps_from_an_empty_server(pg_server, tmp_path):
    if pg_server is None:
        _skip_or_fail_pg()
    missing = h.chromium_missing()
    if missing:
        pytest.skip(missing)
    steps = documented_steps()
    names = Names()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_URL_READONLY", "PANTAU_CONFIG")}
    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    server = writer = reader = None
    try:
        # 1. database and roles: the superuser's block, then the owner's block inside the new database
        (lang1, as_superuser), (lang2, as_owner) = steps[1][1]
        assert (lang1, lang2) == ("sql", "sql")
        psql(names.admin_libpq, names(as_superuser))
        psql(names.libpq(names.writer, "ganti-sandi-penulis"), names(as_owner))

        # 2. DATABASE_URL: the exports, as bash reads them
        (lang, exports), = steps[2][1]
        out = shell(names(exports) + '\nprintf "%s\\n%s\\n" "$DATABASE_URL" "$DATABASE_URL_READONLY"', env)
        assert out.returncode == 0, out.stderr
        env["DATABASE_URL"], env["DATABASE_URL_READONLY"] = out.stdout.splitlines()
        writer, reader = make_engine(env["DATABASE_URL"]), make_engine(env["DATABASE_URL_READONLY"])
        assert make_url(env["DATABASE_URL_READONLY"]).username == names.reader

        # 3. first start: the documented command, opened once in a browser
        (lang, start), = steps[3][1]
        log = tmp_path / "streamlit.log"
        with open(log, "wb") as sink:
            server = subprocess.Popen(["bash", "-c", "exec " + names(start) + " --server.address 127.0.0.1"
                                       " --server.fileWatcherType none --browser.gatherUsageStats false"],
                                      cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{names.app_port}"
        srv.wait_healthy(server, url, log)
        first_visit(url)
        with writer.connect() as conn:
            assert conn.execute(select(func.count()).select_from(schema.Kecamatan)).scalar() == 8
            assert conn.execute(select(func.count()).select_from(schema.Desa)).scalar() == 53
            assert conn.execute(select(func.count()).select_from(schema.Election)).scalar() == 0  # no demo data
            assert conn.execute(select(func.count()).select_from(schema.AppUser)).scalar() == 0
        with reader.connect() as conn:  # the read-only role reads every table the migrations made ...
            assert conn.execute(select(func.count()).select_from(schema.Desa)).scalar() == 53
            with pytest.raises(ProgrammingError, match="permission denied"):  # ... and cannot write
                conn.execute(text("DELETE FROM audit_log"))

        # 4. first admin: the password typed twice
        (lang, create_admin), = steps[4][1]
        out = shell(names(create_admin), env, stdin=f"{PASSWORDS['kepala']}\n" * 2)
        assert out.returncode == 0, out.stderr
        user = users.authenticate(writer, "kepala", PASSWORDS["kepala"]).user
        assert (user.role, user.full_name) == ("admin", "Kepala Sekretariat")

        # 5. the reference workbook and the office's TPS list; 6. the first reports, checked then imported
        (tmp_path / "tps.csv").write_bytes(first_day.TPS_CSV)
        (tmp_path / "laporan_pertama.xlsx").write_bytes(first_day.operator_workbook())
        for step in (5, 6):
            (lang, block), = steps[step][1]
            assert lang == "bash"
            for line in filter(None, (raw.strip() for raw in block.splitlines())):
                line = re.sub(r"(?<=\s)(tps\.csv|laporan_pertama\.xlsx)\b", lambda m: str(tmp_path / m.group(1)), line)
                out = shell(names(line), env)
                assert out.returncode == 0, (line, out.stdout, out.stderr)
                assert ("LOLOS PEMERIKSAAN" if "--check" in line else "BERHASIL") in out.stdout, out.stdout
        with reader.connect() as conn:
            counted = {table.__tablename__: conn.execute(select(func.count()).select_from(table)).scalar()
                       for table in (schema.Election, schema.Paslon, schema.Tps, schema.FormulirC,
                                     schema.CampaignActivity, schema.SupervisionReport, schema.ViolationCase)}
        assert counted == {"election": 2, "paslon": 4, "tps": 4, "formulir_c": 2, "campaign_activity": 4,
                           "supervision_report": 3, "violation_case": 2}

        # 7. accounts for coordinators (and the others): each create asks for its password twice, so
        # the block runs a command at a time, as a person types them (each reads its own input)
        (lang, accounts), = steps[7][1]
        creates = re.findall(r"users create (\S+)", accounts)
        assert creates == ["koord.toboali", "operator.kab", "ketua"]
        for line in filter(None, (raw.strip() for raw in accounts.splitlines())):
            created = re.search(r"users create (\S+)", line)
            out = shell(names(line), env, stdin=f"{PASSWORDS[created.group(1)]}\n" * 2 if created else "")
            assert out.returncode == 0, (line, out.stderr)
        for username, role, scope in (("koord.toboali", "koordinator", ("19.03.01",)),
                                      ("operator.kab", "operator", ()), ("ketua", "pimpinan", ())):
            account = users.authenticate(writer, username, PASSWORDS[username]).user
            assert (account.role, account.kecamatan_scope) == (role, scope), username
            assert username in out.stdout  # the list at the end names every account
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # its own session: only this server's processes
            server.wait(timeout=30)
        for engine in (writer, reader):
            if engine is not None:
                engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{names.writer}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{names.reader}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{names.writer}"'))
        admin.dispose()
