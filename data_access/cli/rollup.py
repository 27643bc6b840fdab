"""``python -m data_access rollup``: rebuild the summary tables (``data_access.rollup``) of
``DATABASE_URL``, e.g. after rows were fixed by hand."""
from __future__ import annotations

import argparse
import time

from data_access import rollup
from data_access.engine import make_engine
from data_access.migrate import upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_access rollup",
                                     description="Bangun ulang tabel ringkasan kegiatan (basis data: DATABASE_URL).")
    parser.parse_args(argv)
    engine = make_engine()
    upgrade(engine)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        rollup.refresh(conn)
    print(f"Ringkasan kegiatan diperbarui dalam {time.perf_counter() - t0:.1f} s.")
    return 0
