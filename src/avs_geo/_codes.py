"""Code lists: commune and QPV codes in zones (split, look up, name the unknown), departments.

Structures and candidate sites describe their zone the same way (communes, QPV); these
helpers serve both so that a code is read, padded and reported identically. Department
codes typed by a planner (``9``, ``"2a"``) are normalised here for every reader and job.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import AvsGeoWarning, UnknownCodeError, format_ids

__all__ = [
    "QPV_GENERATIONS",
    "cell_text",
    "current_code_lists",
    "departement_codes",
    "explode_codes",
    "former_codes",
    "geometries_of_codes",
    "qpv_generation",
    "replace_former_codes",
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
            message(
                MESSAGES,
                "unknown_codes",
                n=int(unknown.sum()),
                column=column,
                layer=layer_name,
                owner=owner,
                ids=format_ids(pairs),
            )
        )
    return np.asarray(geometries, dtype=object)[found]


def former_codes(communes: pd.DataFrame) -> pd.Series:
    """Former commune code -> current code, from the ``anciens_codes`` of a communes layer.

    Only a layer of a vintage (``load_communes(..., vintage=2022)``) has that column; for
    any other the result is empty. A code that is itself current is never replaced.

    Examples
    --------
    >>> layer = pd.DataFrame({"code_insee": ["62154", "59350"],
    ...                       "anciens_codes": [("62210",), ("59355", "59298")]})
    >>> former_codes(layer).to_dict()
    {'62210': '62154', '59355': '59350', '59298': '59350'}
    """
    if "anciens_codes" not in communes.columns:
        return pd.Series(dtype=object)
    long = communes[["code_insee", "anciens_codes"]].explode("anciens_codes")
    long = long[long["anciens_codes"].notna()]
    mapping = pd.Series(
        long["code_insee"].astype(str).to_numpy(), index=long["anciens_codes"].astype(str)
    )
    mapping = mapping[~mapping.index.isin(communes["code_insee"].astype(str))]
    return mapping[~mapping.index.duplicated()]


def replace_former_codes(
    pos: np.ndarray,
    codes: np.ndarray,
    *,
    ids: np.ndarray,
    communes: pd.DataFrame,
    column: str = "zone_communes",
    owner: str = "structure",
    source: str | None = None,
    stacklevel: int = 3,
) -> np.ndarray:
    """Codes with each former commune code replaced by its current commune, with a warning.

    THE place where a former code (a commune merged into another since) is accepted: a
    structure or candidate zone naming it takes the whole current commune, and an
    :class:`~avs_geo.errors.AvsGeoWarning` names each former code with its current
    commune (code and name). Codes unknown to ``communes`` and to its ``anciens_codes``
    are left as they are (:func:`geometries_of_codes` reports them).

    Parameters
    ----------
    pos, codes
        Row of the owner of each code, and the codes (as :func:`explode_codes` gives).
    ids
        Ids of the owners (``ids[pos]`` is the owner of each code).
    communes
        The communes layer (``code_insee``, optional ``nom`` and ``anciens_codes``).
    column, owner, source
        How the warning names the column, the owners and the file.
    stacklevel
        Passed to :func:`warnings.warn`.

    Examples
    --------
    >>> import warnings
    >>> layer = pd.DataFrame({"code_insee": ["62154"], "nom": ["Bonnières"],
    ...                       "anciens_codes": [("62210",)]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     new = replace_former_codes(np.array([0]), np.array(["62210"]),
    ...                                ids=np.array(["S1"]), communes=layer)
    >>> new.tolist(), "S1 : 62210 -> 62154 Bonnières" in str(caught[0].message)
    (['62154'], True)
    """
    codes = np.asarray(codes, dtype=object)
    if len(codes) == 0:
        return codes
    known = pd.Index(communes["code_insee"].astype(str).to_numpy())
    unknown = ~pd.Index(codes).isin(known)
    if not unknown.any():
        return codes
    former = former_codes(communes)
    hit = unknown & pd.Index(codes).isin(former.index)
    if not hit.any():
        return codes
    new = codes.copy()
    new[hit] = former.loc[codes[hit]].to_numpy()
    names = (
        dict(zip(communes["code_insee"].astype(str), communes["nom"].astype(str), strict=True))
        if "nom" in communes.columns
        else {}
    )
    pairs = sorted(
        {
            f"{ids[p]} : {old} -> {cur} {names.get(cur, '')}".rstrip()
            for p, old, cur in zip(pos[hit], codes[hit], new[hit], strict=True)
        }
    )
    where = message(MESSAGES, "former_codes_where", source=source) if source else ""
    warnings.warn(
        message(
            MESSAGES,
            "former_codes",
            n=len(pairs),
            column=column,
            where=where,
            owner=owner,
            pairs="; ".join(pairs[:20]),
            more=f" (+{len(pairs) - 20})" if len(pairs) > 20 else "",
        ),
        AvsGeoWarning,
        stacklevel=stacklevel,
    )
    return new


def current_code_lists(
    values: pd.Series,
    *,
    ids: np.ndarray,
    communes: pd.DataFrame,
    column: str = "zone_communes",
    owner: str = "structure",
    source: str | None = None,
    stacklevel: int = 4,
) -> pd.Series:
    """A column of code tuples with former codes replaced (:func:`replace_former_codes`).

    A code named twice after replacement (a former code and its current commune) is kept
    once, in the order of first appearance.
    """
    pos, codes = explode_codes(values)
    new = replace_former_codes(
        pos,
        codes,
        ids=ids,
        communes=communes,
        column=column,
        owner=owner,
        source=source,
        stacklevel=stacklevel,
    )
    if new is codes:
        return values
    lists: list[list[str]] = [[] for _ in range(len(values))]
    for p, code in zip(pos, new, strict=True):
        if code not in lists[p]:
            lists[p].append(code)
    return pd.Series([tuple(c) for c in lists], index=values.index, dtype=object)
