"""Code lists: commune and QPV codes in zones (split, look up, name the unknown), departments.

Structures and candidate sites describe their zone the same way (communes, QPV); these
helpers serve both so that a code is read, padded and reported identically. Department
codes typed by a planner (``9``, ``"2a"``) are normalised here for every reader and job.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from avs_geo.errors import UnknownCodeError, format_ids

__all__ = [
    "QPV_GENERATIONS",
    "cell_text",
    "departement_codes",
    "explode_codes",
    "geometries_of_codes",
    "qpv_generation",
    "split_codes",
]

QPV_GENERATIONS: dict[str, str] = {"QP": "2015", "QN": "2024"}
"""Prefix of a QPV code -> its generation: ``QP...`` (2015-2023), ``QN...`` (from 2024)."""


def qpv_generation(code: object) -> str | None:
    """The generation (``"2015"`` or ``"2024"``) of a QPV code, None for another prefix.

    Examples
    --------
    >>> qpv_generation("QP031001"), qpv_generation("qn03101m"), qpv_generation("X1")
    ('2015', '2024', None)
    """
    return QPV_GENERATIONS.get(str(code)[:2].upper())


_SEPARATORS = re.compile(r"[;,|\s]+")


def departement_codes(departement: object) -> list[str]:
    """Department codes as the QPV and commune layers write them.

    Accepts one code or several (a list, a tuple): spaces stripped, upper case, two
    digits at least (``9`` -> ``'09'``), whole floats from a spreadsheet read as
    integers; Corsica (``'2A'``, ``'2B'``) and overseas (``'974'``) codes kept.

    Examples
    --------
    >>> departement_codes("9"), departement_codes([31, " 2a", "974", 9.0])
    (['09'], ['31', '2A', '974', '09'])
    """
    items = [departement] if isinstance(departement, str | int | float) else list(departement)  # type: ignore[call-overload]
    return [_departement(d) for d in items]


def _departement(value: object) -> str:
    return cell_text(value).upper().zfill(2)


def cell_text(value: object) -> str:
    """A spreadsheet cell as stripped text; a whole float loses its ``.0``.

    Excel and pandas store ``59001`` as ``59001.0``: ids and codes read from a number
    cell come back as they were typed.

    Examples
    --------
    >>> cell_text(59001.0), cell_text(" A1 "), cell_text(2.5)
    ('59001', 'A1', '2.5')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def split_codes(value: object, *, pad_insee: bool = False) -> list[str]:
    """A cell of codes as a list: ``'31555;31069'``, a tuple, or a number from Excel.

    With ``pad_insee``, a 4-digit code gets its leading zero back (a spreadsheet turns
    ``'01004'`` into ``1004``). Empty cells give ``[]``.

    Examples
    --------
    >>> split_codes("31555; 31069")
    ['31555', '31069']
    >>> split_codes(1004.0, pad_insee=True), split_codes(("qp031001",)), split_codes(None)
    (['01004'], ['QP031001'], [])
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, tuple | list | set | frozenset | np.ndarray):
        items = [str(v).strip().upper() for v in value]
    else:
        items = [c.upper() for c in _SEPARATORS.split(cell_text(value))]
    return [c.zfill(5) if pad_insee and c.isdigit() and len(c) == 4 else c for c in items if c]


def explode_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, codes as str) of a column of code lists; empty cells skipped."""
    series = pd.Series(
        [tuple(split_codes(v)) for v in values.to_numpy()],
        index=np.arange(len(values)),
        dtype=object,
    )
    long = series.explode().dropna()
    return long.index.to_numpy(dtype=np.intp), long.astype(str).to_numpy()


def geometries_of_codes(
    pos: np.ndarray,
    codes: np.ndarray,
    *,
    ids: np.ndarray,
    index: pd.Index,
    geometries: np.ndarray,
    column: str,
    layer_name: str,
    owner: str,
) -> np.ndarray:
    """The geometries of ``codes`` in a reference layer, or an error naming each unknown one.

    ``pos`` gives, for each code, the row of its owner (whose id is ``ids[pos]``);
    ``index`` holds the layer's codes in the order of ``geometries``.
    """
    found = index.get_indexer(pd.Index(codes))
    unknown = found < 0
    if unknown.any():
        pairs = sorted(
            {f"{ids[p]}: {c}" for p, c in zip(pos[unknown], codes[unknown], strict=True)}
        )
        raise UnknownCodeError(
            f"{int(unknown.sum())} code(s) in '{column}' are not in the '{layer_name}' layer "
            f"({owner}: code): {format_ids(pairs)}. Correct the codes (INSEE codes keep their "
            "leading zero, e.g. '09122'; QPV codes look like 'QP031001'), or pass a "
            f"'{layer_name}' layer that holds them (every department the zones reach)."
        )
    return np.asarray(geometries, dtype=object)[found]
