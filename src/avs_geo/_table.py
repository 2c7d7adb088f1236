"""A planner's table: a DataFrame that declares how each of its columns is printed.

The report functions (:func:`avs_geo.coverage_summary`, :func:`avs_geo.qpv_table`,
:func:`avs_geo.structure_table`, the comparison and site tables) know what each of
their columns holds: a count, a share in percent, an area in hectares, a change with
its sign. They say it with the table, as :attr:`Table.formats` (header -> kind), and the
writers (Excel, Markdown) use that declaration; they never guess from the header's
words. A plain DataFrame gets a format from its dtype only (:func:`dtype_kind`).

:class:`Table` is a DataFrame (it prints, filters and writes as one); ``formats`` is a
typed attribute kept through selections (``table[mask]``, ``table.iloc[...]``), as
``crs`` is on a GeoDataFrame. Building a new frame (``pd.concat``, ``merge``) gives
no declaration: pass ``formats=`` to the writer, or wrap it with :func:`with_formats`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, get_args

import numpy as np
import pandas as pd

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import ParameterError, format_ids

__all__ = [
    "EXCEL_FORMATS",
    "FormatKind",
    "Table",
    "check_formats",
    "column_kind",
    "dtype_kind",
    "with_formats",
]

FormatKind = Literal[
    "text", "date", "integer", "decimal2", "percent1", "+integer", "+decimal2", "+percent1"
]
"""How a column is printed: text, a date, a whole number (``12 345``), a number with two
decimals (hectares, kilometres), a share or rate in percent with one decimal (``76,9``);
a leading ``+`` shows the sign (changes between two situations)."""

EXCEL_FORMATS: dict[str, tuple[str | None, int | None]] = {
    "text": (None, None),
    "date": (None, None),
    "integer": ("#,##0", 0),
    "decimal2": ("#,##0.00", 2),
    "percent1": ("0.0", 1),
    "+integer": ("+#,##0;-#,##0;#,##0", 0),
    "+decimal2": ("+#,##0.00;-#,##0.00;#,##0.00", 2),
    "+percent1": ("+0.0;-0.0;0.0", 1),
}
"""Kind -> (Excel number format, decimals shown). Excel format codes always use ``,``
and ``.``; French Excel shows them as ``1 234`` and ``76,9``."""


def check_formats(formats: Mapping[str, str], name: str = "formats") -> dict[str, FormatKind]:
    """Return ``formats`` as a dict, or raise :class:`ParameterError` naming the unknown kinds.

    Examples
    --------
    >>> check_formats({"Part (%)": "percent1"})
    {'Part (%)': 'percent1'}
    >>> check_formats({"Part (%)": "0.0"})
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: formats donne des sortes inconnues : 'Part (%)': '0.0'. ...
    """
    if not isinstance(formats, Mapping):
        raise ParameterError(
            message(MESSAGES, "formats_mapping", name=name, got=type(formats).__name__),
            parameters=(name,),
        )
    kinds = get_args(FormatKind)
    bad = [f"{h!r}: {k!r}" for h, k in formats.items() if k not in kinds]
    if bad:
        raise ParameterError(
            message(
                MESSAGES, "formats_unknown", name=name, bad=", ".join(bad), kinds=format_ids(kinds)
            ),
            parameters=(name,),
        )
    return {str(h): k for h, k in formats.items()}  # type: ignore[misc]


class Table(pd.DataFrame):
    """A planner table: a DataFrame whose ``formats`` maps headers to number formats.

    The writers (:func:`avs_geo.to_excel`, :func:`avs_geo.to_csv`, :func:`avs_geo.to_markdown`)
    use the declared format of each column, never a guess from its header.

    Examples
    --------
    >>> table = with_formats(pd.DataFrame({"QPV": ["a", "b"], "Taux": [76.94, 8.8]}),
    ...                      {"Taux": "percent1"})
    >>> table[table["Taux"] > 50].formats
    {'Taux': 'percent1'}
    """

    _metadata: ClassVar[list[str]] = ["formats"]
    formats: Mapping[str, FormatKind] = MappingProxyType({})

    @property
    def _constructor(self) -> Any:
        return type(self)

    def __finalize__(self, other: Any, method: str | None = None, **kwargs: Any) -> Any:
        """Keep the declared formats (and the other ``_metadata``) through concat and merge.

        pandas copies ``_metadata`` from the frame an operation starts from, but not
        through ``pd.concat`` or ``merge``: there, the formats of every Table put
        together are kept (the first one's where two declare the same header), and
        the other fields are the first Table's. This is pandas' documented hook for
        DataFrame subclasses.
        """
        result = super().__finalize__(other, method=method, **kwargs)  # type: ignore[misc]
        if method == "concat":
            sources = [o for o in getattr(other, "objs", ()) if isinstance(o, Table)]
        elif method == "merge":
            sides = (getattr(other, "left", None), getattr(other, "right", None))
            sources = [o for o in sides if isinstance(o, Table)]
        else:
            return result
        if not sources:
            return result
        for name in self._metadata:
            if name != "formats" and hasattr(sources[0], name):
                object.__setattr__(result, name, getattr(sources[0], name))
        formats: dict[str, FormatKind] = {}
        for source in reversed(sources):
            formats.update(source.formats)
        result.formats = {h: k for h, k in formats.items() if h in result.columns}
        return result

    @property
    def _constructor_sliced(self) -> Any:
        return pd.Series


def with_formats(
    frame: pd.DataFrame, formats: Mapping[str, str], *, cls: type[Table] = Table
) -> Any:
    """``frame`` as a :class:`Table` (or ``cls``) declaring ``formats`` (unknown headers ignored)."""
    table = cls(frame)
    declared = check_formats(formats)
    table.formats = {h: k for h, k in declared.items() if h in table.columns}
    return table


def dtype_kind(values: pd.Series) -> FormatKind:
    """The kind of an undeclared column, from its dtype and values only.

    Booleans and text are ``text``; datetimes ``date``; numbers that are all whole
    ``integer``, other numbers ``decimal2``.

    Examples
    --------
    >>> dtype_kind(pd.Series([1.0, 2.0])), dtype_kind(pd.Series([0.5])), dtype_kind(pd.Series(["a"]))
    ('integer', 'decimal2', 'text')
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return "date"
    if values.dtype == bool or not pd.api.types.is_numeric_dtype(values.dtype):
        return "text"
    numbers = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    whole = bool(np.all(np.mod(numbers[np.isfinite(numbers)], 1) == 0))
    return "integer" if whole else "decimal2"


def column_kind(
    table: pd.DataFrame, header: str, formats: Mapping[str, str] | None = None
) -> FormatKind:
    """The kind of one column: ``formats`` given to the writer, then the table's own
    declaration (:attr:`Table.formats`), then :func:`dtype_kind`.

    A declared numeric kind on a column that holds text is printed as text, unless the
    column holds numbers and a word for the values that are not known (``"non
    connue"``): the numbers keep their format, the word is written as text.
    """
    declared: Mapping[str, str] = table.formats if isinstance(table, Table) else {}
    kind = (formats or {}).get(header, declared.get(header))
    values = table[header]
    if kind is None:
        return dtype_kind(values)
    if kind not in ("text", "date") and (
        values.dtype == bool
        or (not pd.api.types.is_numeric_dtype(values.dtype) and not _numbers_and_words(values))
    ):
        return "text"
    return kind  # type: ignore[return-value]


def _numbers_and_words(values: pd.Series) -> bool:
    """True when ``values`` holds numbers, and words only where a number is not known."""
    is_number = values.map(
        lambda v: isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_)
    )
    is_word = values.map(lambda v: isinstance(v, str))
    return bool(is_number.any() and (is_number | is_word | values.isna()).all())
