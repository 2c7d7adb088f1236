"""Checks of the coverage frame that every table, comparison and export receives."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from avs_geo._i18n import STATUSES
from avs_geo._validate import check_columns
from avs_geo.errors import DuplicateIdError, InputTypeError, SchemaError, format_ids

__all__ = [
    "check_coverage",
    "numeric_column",
]


def check_coverage(
    coverage: object, name: str = "coverage", *, required: Sequence[str] = ()
) -> pd.DataFrame:
    """Return ``coverage`` if it is a usable coverage frame, else raise naming the bad QPV.

    Checks that it is a DataFrame with ``code_qpv`` and ``coverage_status`` (plus
    ``required``), that codes are present and unique and that every status is one of
    ``"full"``, ``"partial"``, ``"none"``.
    """
    if not isinstance(coverage, pd.DataFrame):
        raise InputTypeError(
            f"'{name}' should be a DataFrame (the result of avs_geo.compute_coverage), "
            f"got {type(coverage).__name__}."
        )
    check_columns(
        coverage,
        ["code_qpv", "coverage_status", *required],
        name,
        hint="Pass the frame returned by avs_geo.compute_coverage.",
    )
    codes = coverage["code_qpv"]
    if codes.isna().any():
        rows = list(coverage.index[codes.isna().to_numpy()])
        raise SchemaError(f"'{name}' has {len(rows)} rows without code_qpv: {format_ids(rows)}.")
    duplicated = codes[codes.duplicated()].unique().tolist()
    if duplicated:
        raise DuplicateIdError(
            f"'{name}' lists {len(duplicated)} QPV more than once: {format_ids(duplicated)}. "
            "Each QPV must appear once (drop the duplicates or fix the codes)."
        )
    status = coverage["coverage_status"]
    bad = ~status.isin(STATUSES).to_numpy()
    if bad.any():
        values = sorted({str(v) for v in status[bad]})
        raise SchemaError(
            f"'{name}' column 'coverage_status' should hold {format_ids(STATUSES)}; "
            f"{int(bad.sum())} QPV hold {format_ids(values)}: "
            f"{format_ids(codes[bad])}. Use avs_geo.compute_coverage, or map your own "
            "labels to these codes."
        )
    if "population" in coverage.columns:
        population = pd.to_numeric(coverage["population"], errors="coerce")
        wrong = (population.isna() & coverage["population"].notna()) | (population < 0)
        if wrong.any():
            raise SchemaError(
                f"'{name}' column 'population' should hold non-negative numbers (NaN when "
                f"unknown); {int(wrong.sum())} QPV do not: {format_ids(codes[wrong])}."
            )
    return coverage


def numeric_column(coverage: pd.DataFrame, column: str = "population") -> np.ndarray:
    """A numeric column as floats (NaN where missing or absent)."""
    if column not in coverage.columns:
        return np.full(len(coverage), np.nan)
    return pd.to_numeric(coverage[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
