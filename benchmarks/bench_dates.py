"""Benchmark: the vectorised date column reader against the old one-Timestamp-per-cell way.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_dates.py``. No data file is
needed: the cells are generated.

Two sizes: 7,800 cells (the ``date_agrement`` and ``date_fin`` columns of a national
structures file, 3,900 structures) and 100,000 cells. The cells mix what a structures
file holds: ``31/12/2022`` (55 %), ``2022-12-31`` (20 %), ``2022-12-31 00:00:00`` (5 %),
Excel date cells (``datetime``, 10 %) and empty cells (10 %), the forms the old reader
also read, so both must give the same days.

The old way is the 0.1 reader of ``read/structures.py`` (``_one_date``), kept here as it
was: a regular expression and a ``pd.to_datetime`` call per cell. The new way is
:func:`avs_geo._dates.parse_date_column`: one regular expression per form over the
column, the days built with numpy.
"""

from __future__ import annotations

import argparse
import re
import sys

import numpy as np
import pandas as pd

from avs_geo._dates import ParsedDates, parse_date_column
from benchmarks._timing import timed

SIZES = (7_800, 100_000)


def generate_cells(n: int, rng: np.random.Generator) -> pd.Series:
    """``n`` date cells as a structures file gives them (text, Excel dates, empty)."""
    days = pd.Timestamp("1990-01-01") + pd.to_timedelta(rng.integers(0, 15_000, n), unit="D")
    kind = rng.choice(5, size=n, p=[0.55, 0.20, 0.05, 0.10, 0.10])
    cells = np.empty(n, dtype=object)
    cells[kind == 0] = days[kind == 0].strftime("%d/%m/%Y")
    cells[kind == 1] = days[kind == 1].strftime("%Y-%m-%d")
    cells[kind == 2] = days[kind == 2].strftime("%Y-%m-%d %H:%M:%S")
    cells[kind == 3] = list(days[kind == 3].to_pydatetime())
    cells[kind == 4] = None
    return pd.Series(cells, dtype=object)


def old_one_date(value: object) -> pd.Timestamp | None:
    """The 0.1 per-cell reader (``read/structures._one_date``), as it was."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "year"):
        return pd.Timestamp(value)  # type: ignore[arg-type]
    text = str(value).strip()
    if not text:
        return None
    iso = re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", text)
    french = re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text)
    if not (iso or french):
        return None
    try:
        return pd.to_datetime(
            text, dayfirst=bool(french), format="%d/%m/%Y" if french else "ISO8601"
        )
    except (ValueError, OverflowError):
        return None


def old_column(cells: pd.Series) -> pd.Series:
    """The 0.1 column reader: one Timestamp per cell."""
    return pd.Series([old_one_date(v) for v in cells], index=cells.index, dtype="datetime64[ns]")


def run_case(n: int, rng: np.random.Generator) -> dict[str, object]:
    cells = generate_cells(n, rng)
    t_old, old = timed(lambda: old_column(cells), repeat=1 if n > 10_000 else 3)
    t_new, new = timed(lambda: parse_date_column(cells), repeat=3)
    assert isinstance(old, pd.Series) and isinstance(new, ParsedDates)
    same = bool(new.values.equals(old)) and new.failed.size == 0
    return {
        "cells": n,
        "per cell (0.1) s": round(t_old, 3),
        "parse_date_column s": round(t_new, 4),
        "speed-up": round(t_old / t_new, 1),
        "same days": same,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    rng = np.random.default_rng(2022)
    rows = [run_case(n, rng) for n in args.sizes]
    table = pd.DataFrame(rows)
    print(table.to_markdown(index=False) if _has_tabulate() else table.to_string(index=False))
    print(f"(python {sys.version.split()[0]}, pandas {pd.__version__}, numpy {np.__version__})")
    return 0 if all(bool(r["same days"]) for r in rows) else 1


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
