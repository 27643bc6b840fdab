"""``python -m data_access users ...``: create, reset, disable, enable and list accounts
(``data_access.users``) in the database of ``DATABASE_URL``."""
from __future__ import annotations

import argparse
import getpass
import sys

from data_access import schema
from data_access.engine import make_engine
from data_access.setup import ensure_database
from data_access.users import AccountError, create_user, set_active, set_password, users


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise AccountError("Kedua kata sandi tidak sama.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access users",
                                     description="Kelola akun Pantau (basis data: DATABASE_URL).")
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("create", help="buat akun")
    c.add_argument("username")
    c.add_argument("--role", required=True, choices=schema.ROLES)
    c.add_argument("--name", default="")
    c.add_argument("--kecamatan", default="", help="kode kecamatan dipisah koma (khusus koordinator)")
    c.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")
    r = sub.add_parser("reset-password", help="ganti kata sandi dan buka kunci")
    r.add_argument("username")
    r.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable"):
        sub.add_parser(name, help=f"{'nonaktifkan' if name == 'disable' else 'aktifkan'} akun").add_argument("username")
    sub.add_parser("list", help="daftar akun")
    args = parser.parse_args(argv)

    engine = make_engine()
    ensure_database(engine, demo_if_empty=False)
    try:
        if args.cmd == "create":
            scope = tuple(k for k in args.kecamatan.split(",") if k.strip())
            create_user(engine, args.username, args.name, args.role, _read_password(args), scope)
            print(f"Akun {args.username.lower()} ({args.role}) dibuat.")
        elif args.cmd == "reset-password":
            set_password(engine, args.username, _read_password(args))
            print(f"Kata sandi {args.username} diganti.")
        elif args.cmd in ("disable", "enable"):
            set_active(engine, args.username, args.cmd == "enable")
            print(f"Akun {args.username} {'diaktifkan' if args.cmd == 'enable' else 'dinonaktifkan'}.")
        else:
            with engine.connect() as conn:
                print(users(conn).to_string(index=False))
    except AccountError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    return 0
