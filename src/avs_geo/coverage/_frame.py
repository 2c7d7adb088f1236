"""Checks of the coverage frame that every table, comparison and export receives."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from avs_geo._i18n import STATUSES, message
from avs_geo._i18n.coverage import MESSAGES
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
        raise InputTypeError(message(MESSAGES, "not_frame", name=name, got=type(coverage).__name__))
    check_columns(
        coverage,
        ["code_qpv", "coverage_status", *required],
        name,
        hint=message(MESSAGES, "frame_hint"),
    )
    codes = coverage["code_qpv"]
    if codes.isna().any():
        rows = list(coverage.index[codes.isna().to_numpy()])
        raise SchemaError(
            message(MESSAGES, "no_code", name=name, n=len(rows), ids=format_ids(rows))
        )
    duplicated = codes[codes.duplicated()].unique().tolist()
    if duplicated:
        raise DuplicateIdError(
            message(
                MESSAGES, "duplicate_qpv", name=name, n=len(duplicated), ids=format_ids(duplicated)
            )
        )
    status = coverage["coverage_status"]
    bad = ~status.isin(STATUSES).to_numpy()
    if bad.any():
        values = sorted({str(v) for v in status[bad]})
        raise SchemaError(
            message(
                MESSAGES,
                "bad_status",
                name=name,
                statuses=format_ids(STATUSES),
                n=int(bad.sum()),
                values=format_ids(values),
                ids=format_ids(codes[bad]),
            )
        )
    if "population" in coverage.columns:
        population = pd.to_numeric(coverage["population"], errors="coerce")
        wrong = (population.isna() & coverage["population"].notna()) | (population < 0)
        if wrong.any():
            raise SchemaError(
                message(
                    MESSAGES,
                    "bad_population",
                    name=name,
                    n=int(wrong.sum()),
                    ids=format_ids(codes[wrong]),
                )
            )
    return coverage


def numeric_column(coverage: pd.DataFrame, column: str = "population") -> np.ndarray:
    """A numeric column as floats (NaN where missing or absent)."""
    if column not in coverage.columns:
        return np.full(len(coverage), np.nan)
    return pd.to_numeric(coverage[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
