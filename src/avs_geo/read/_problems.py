"""Collect every problem of a file, then raise once with all of them as a table.

A reader runs all its checks (ids, types, dates, radii, coordinates, codes, zones),
each adding its bad cells with :meth:`Problems.add`; :meth:`Problems.raise_if_any` then
raises one error whose message groups the problems by kind (the first few of each
shown, the count of the rest) and whose ``problems`` field holds them all: line as the
spreadsheet numbers it, column, value, problem and fix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from avs_geo._i18n.read import read_message
from avs_geo._language import get_language
from avs_geo.errors import PROBLEM_COLUMNS, AvsGeoError, SchemaError

__all__ = ["Problems", "cell_repr"]

_SHOWN = 5


def cell_repr(value: object) -> str:
    """A cell as a message shows it: ``'abc'``, ``12``, or ``(vide)``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return read_message("empty_cell")
    if isinstance(value, float) and math.isnan(value):
        return read_message("empty_cell")
    if isinstance(value, str):
        return repr(value.strip()) if value.strip() else read_message("empty_cell")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class _Kind:
    problem: str
    column: str
    fix: str
    error: type[AvsGeoError]
    rows: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class Problems:
    """The problems found in one file, grouped by kind.

    Parameters
    ----------
    source
        How messages name the file, e.g. ``"Fichier des structures 's.csv'"``.
    file
        The file path (``AvsGeoError.file``).
    """

    source: str
    file: str | None = None
    kinds: list[_Kind] = field(default_factory=list)

    def add(
        self,
        *,
        problem: str,
        column: str,
        fix: str,
        lines: Sequence[int] | np.ndarray,
        values: Sequence[object] | np.ndarray,
        ids: Sequence[object] | np.ndarray | None = None,
        error: type[AvsGeoError] = SchemaError,
    ) -> None:
        """Add the bad cells of one kind (one ``problem`` text for all of them)."""
        if len(lines) == 0:
            return
        kind = _Kind(problem=problem, column=column, fix=fix, error=error)
        id_list = [None] * len(lines) if ids is None else list(ids)
        for line, value, ident in zip(lines, values, id_list, strict=True):
            shown = cell_repr(value)
            if ident is not None and str(ident) != "" and cell_repr(ident) != shown:
                shown = f"{shown} ({ident})"
            kind.rows.append((int(line), column, shown))
        self.kinds.append(kind)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def table(self) -> pd.DataFrame:
        """Every problem, one row each, in line order."""
        rows = [
            (line, column, value, k.problem, k.fix)
            for k in self.kinds
            for line, column, value in k.rows
        ]
        frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
        return frame.sort_values("ligne", kind="stable").reset_index(drop=True)

    def message(self) -> str:
        total = sum(len(k.rows) for k in self.kinds)
        head = (
            read_message(
                "problems_head",
                label=self.source,
                n=total,
                problem_word=read_message("problem_many" if total > 1 else "problem_one"),
                kinds=len(self.kinds),
                kind_word=read_message("kind_many" if len(self.kinds) > 1 else "kind_one"),
            )
            if len(self.kinds) > 1 or total > 1
            else f"{self.source}{' :' if get_language() == 'fr' else ':'}"
        )
        parts = [head]
        for k in self.kinds:
            shown = ", ".join(
                read_message("problems_line", line=line, value=value)
                for line, _, value in k.rows[:_SHOWN]
            )
            more = (
                read_message("problems_more", n=len(k.rows) - _SHOWN)
                if len(k.rows) > _SHOWN
                else ""
            )
            parts.append(
                read_message(
                    "problems_kind",
                    problem=k.problem,
                    column=k.column,
                    shown=shown,
                    more=more,
                    fix=k.fix,
                )
            )
        return "\n".join(parts)

    def raise_if_any(self) -> None:
        """Raise one error with every problem; its class is the kinds' own when they share one."""
        if not self.kinds:
            return
        classes = {k.error for k in self.kinds}
        error = classes.pop() if len(classes) == 1 else SchemaError
        raise error(
            self.message(),
            file=self.file,
            columns=tuple(dict.fromkeys(k.column for k in self.kinds)),
            problems=self.table(),
        )
