"""Run every benchmark: ``make bench`` (``python -m benchmarks``).

Each module compares avs_geo with the plain way (geopandas alone, or spopt) in the same
process and prints its figures; the README quotes them.
"""

from __future__ import annotations

import importlib
import sys

MODULES = (
    "benchmarks.bench_coverage",
    "benchmarks.bench_sites",
    "benchmarks.bench_dates",
    "benchmarks.bench_communes",
    "benchmarks.bench_white_zones",
    "benchmarks.bench_national",
    "benchmarks.bench_dense",
    "benchmarks.bench_crs",
)


def main() -> int:
    status = 0
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            print(f"{name}: not available ({exc})")
            status = 1
            continue
        print(f"== {name}")
        status |= int(module.main([]) or 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
