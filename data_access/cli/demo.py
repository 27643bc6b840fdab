"""``python -m data_access demo [--seed N] [--replace] [--force] [--scale national|FAKTOR]``: fill the
database of ``DATABASE_URL`` with the demo data of Bangka Selatan (``data_access.demo``) or, with
``--scale``, the synthetic national data of the scale benchmark (``data_access.scale``)."""
from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from data_access import scale
from data_access.demo import DEFAULT_SEED, DemoRefused, generate, refuse_production
from data_access.engine import make_engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access demo",
                                     description="Isi basis data dengan data contoh Bangka Selatan (sintetis).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--replace", action="store_true",
                        help="hapus data yang ada lebih dulu (akun, log audit, dan log impor tidak dihapus)")
    parser.add_argument("--force", action="store_true",
                        help="tulis juga ke basis data yang berisi akun selain akun contoh atau data hasil impor")
    parser.add_argument("--scale", metavar="national|FAKTOR",
                        help="data sintetis berskala nasional (38 provinsi, 420.000 TPS, 1 juta kegiatan, "
                             "3 juta LHP) untuk uji beban; angka = pecahan skala nasional, mis. 0.1")
    args = parser.parse_args(argv)
    engine = make_engine()
    if args.scale is not None:
        return _main_scale(engine, args)
    try:
        counts = generate(engine, args.seed, replace=args.replace, force=args.force)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Data contoh ditulis ke {engine.url.render_as_string(hide_password=True)}:")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    return 0


def _main_scale(engine: Engine, args) -> int:
    try:
        factor = 1.0 if args.scale == "national" else float(args.scale)
    except ValueError:
        factor = 0.0
    if not 0 < factor <= 10:
        print(f"--scale harus 'national' atau angka antara 0 dan 10, bukan {args.scale!r}.", file=sys.stderr)
        return 2
    if not args.force:
        try:
            with engine.connect() as conn:
                refuse_production(conn)
        except DemoRefused as exc:
            print(exc, file=sys.stderr)
            return 1
    print(f"Menulis data sintetis skala {factor:g} x nasional ke "
          f"{engine.url.render_as_string(hide_password=True)} ...")
    try:
        result = scale.write(engine, factor, args.seed, replace=args.replace)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Selesai dalam {result.seconds:.0f} s.")
    return 0
