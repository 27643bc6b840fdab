"""``python -m data_access COMMAND [OPTIONS]``: the operators' commands, on the database of
``DATABASE_URL`` (default: data/pantau.db). Each command's options: ``python -m data_access COMMAND --help``.

Operator files are imported with ``python -m data_access import`` (docs/PANDUAN_IMPOR.md).
"""
from __future__ import annotations

import sys

from data_access.cli import demo, importer, rollup, users

COMMANDS = {  # name: (entry point, what it does, in the operators' language)
    "import": (importer.main, "periksa (--check) dan impor berkas operator (docs/PANDUAN_IMPOR.md)"),
    "users": (users.main, "kelola akun: create, reset-password, disable, enable, list"),
    "demo": (demo.main, "isi basis data dengan data contoh Bangka Selatan (sintetis), atau --scale"),
    "rollup": (rollup.main, "bangun ulang tabel ringkasan kegiatan (mis. setelah perbaikan data manual)"),
}
USAGE = "\n".join([
    "Penggunaan: python -m data_access PERINTAH [OPSI ...]   (basis data: DATABASE_URL)",
    "",
    "Perintah:",
    *(f"  {name:<8}{about}" for name, (_, about) in COMMANDS.items()),
    "",
    "Opsi tiap perintah: python -m data_access PERINTAH --help",
])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if not argv or argv[0] not in COMMANDS:
        if argv:
            print(f"Perintah tidak dikenal: {argv[0]}", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    entry, _ = COMMANDS[argv[0]]
    return entry(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
