"""The numeric core of site selection: maximal covering on a sparse matrix, no geometry.

:func:`greedy_mclp` (lazy greedy) and :func:`exact_mclp` (the integer programme, solved by
PuLP's bundled CBC) take a candidate x demand-unit matrix, the units' weights and ``k``;
:mod:`avs_geo.sites.select` builds that matrix from geometry and words the result. As
spopt separates ``from_cost_matrix`` from ``from_geodataframe``.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import scipy.sparse as sp

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES as COMMON_MESSAGES
from avs_geo._i18n.sites import MESSAGES
from avs_geo._optional import missing, require
from avs_geo.errors import ParameterError

__all__ = [
    "DEFAULT_TIME_LIMIT_S",
    "GAP_NOISE",
    "MclpSolution",
    "check_time_limit",
    "exact_mclp",
    "greedy_mclp",
]

DEFAULT_TIME_LIMIT_S: float = 60.0
"""Time limit given to CBC by ``method="exact"``."""

GAP_NOISE: float = 1e-12
"""A relative greedy gap smaller than this is floating-point noise (sums in another order)
and reported as 0."""


@dataclass(frozen=True)
class MclpSolution:
    """Result of a numeric core: picks in order, their marginal gains, the status."""

    picks: list[int]
    gains: list[float]
    objective: float
    status: str


def greedy_mclp(
    matrix: sp.csr_array | sp.csr_matrix,
    weights: np.ndarray,
    k: int,
    *,
    fixed: Sequence[int] = (),
    tie: np.ndarray | None = None,
) -> MclpSolution:
    """Lazy greedy maximal covering: up to ``k`` rows of ``matrix``, ``fixed`` first.

    Parameters
    ----------
    matrix : scipy.sparse CSR, shape (n_candidates, n_units)
        Non-zero where a candidate covers a unit.
    weights : numpy.ndarray, shape (n_units,)
        Weight of each unit (>= 0).
    k : int
        Number of picks, ``fixed`` included.
    fixed : sequence of int
        Rows picked first, in this order.
    tie : numpy.ndarray, optional
        Tie-break rank of each row (smaller first); default the row number.

    Returns
    -------
    MclpSolution
        Picks in order (stopping early when no row adds anything), marginal gains and
        the objective (weight of the units covered).

    Notes
    -----
    A row's marginal gain only decreases as units get covered (submodularity), so a
    stale gain is an upper bound: the row on top of the heap is re-evaluated and
    taken if it stays on top (CELF, Leskovec et al. 2007). The result is the plain
    greedy's, ties included.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> m = sp.csr_array(np.array([[1, 1, 0], [0, 1, 1], [0, 0, 1]]))
    >>> greedy_mclp(m, np.array([3.0, 2.0, 2.0]), 2).picks
    [0, 1]
    """
    csr = sp.csr_array(matrix)
    indptr, indices = csr.indptr, csr.indices
    weights = np.asarray(weights, dtype=float)
    n = csr.shape[0]
    tie = np.arange(n) if tie is None else np.asarray(tie)
    covered = np.zeros(csr.shape[1], dtype=bool)

    def gain(j: int) -> float:
        idx = indices[indptr[j] : indptr[j + 1]]
        return float(weights[idx][~covered[idx]].sum())

    picks: list[int] = []
    gains: list[float] = []
    for j in fixed:
        gains.append(gain(int(j)))
        picks.append(int(j))
        covered[indices[indptr[j] : indptr[j + 1]]] = True
    taken = set(picks)
    heap = [(-gain(j), int(tie[j]), j) for j in range(n) if j not in taken]
    heap = [h for h in heap if h[0] < 0]
    heapq.heapify(heap)
    while len(picks) < k and heap:
        _, t, j = heapq.heappop(heap)
        g = gain(j)
        if g <= 0:
            continue
        if heap and (-g, t) > heap[0][:2]:
            heapq.heappush(heap, (-g, t, j))
            continue
        picks.append(j)
        gains.append(g)
        covered[indices[indptr[j] : indptr[j + 1]]] = True
    return MclpSolution(picks, gains, float(weights[covered].sum()), "greedy")


def exact_mclp(
    matrix: sp.csr_array | sp.csr_matrix,
    weights: np.ndarray,
    k: int,
    *,
    fixed: Sequence[int] = (),
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    tie: np.ndarray | None = None,
) -> MclpSolution:
    """Solve the maximal covering integer programme with PuLP and its bundled CBC.

    Same arguments as :func:`greedy_mclp`, plus CBC's ``time_limit_s``. Units covered
    by the same set of rows are merged (weights added) before the model is built, and
    rows that cover no positive weight are left out unless fixed. Picks come in greedy
    order within the optimal set; rows that add nothing to the others are dropped.

    When several sets reach the optimum, the one whose rows come first in ``tie``
    order (smallest sum of ranks; ``tie`` ranks the ids in :func:`select_sites`) is
    returned, by a second solve with the optimum held; the model is written in
    ``tie`` order, so the rows' order never changes the answer.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> m = sp.csr_array(np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]))
    >>> w = np.array([2.0, 2.0, 1.0])
    >>> greedy_mclp(m, w, 2).objective, exact_mclp(m, w, 2).objective
    (5.0, 5.0)
    """
    pulp = require("pulp", extra="optimisation")
    csr = sp.csr_array(matrix)
    weights = np.asarray(weights, dtype=float)
    n = csr.shape[0]
    fixed_set = {int(j) for j in fixed}
    positive = weights > 0
    csc = sp.csc_array(csr[:, np.flatnonzero(positive)])
    w = weights[positive]
    # Merge units covered by the same rows: one y per distinct column of the matrix.
    csc.sort_indices()
    groups: dict[tuple[int, ...], float] = {}
    for i, weight in enumerate(w):
        rows = tuple(int(r) for r in csc.indices[csc.indptr[i] : csc.indptr[i + 1]])
        if rows:
            groups[rows] = groups.get(rows, 0.0) + float(weight)
    # The model is written in tie order (ids sorted), never in row order: the same
    # candidates in any row order give CBC the same model, hence the same answer.
    rank = np.arange(n) if tie is None else np.asarray(tie)
    useful = sorted({j for c in groups for j in c} | fixed_set, key=lambda j: (int(rank[j]), j))
    ordered = sorted(
        (
            (tuple(sorted(rows, key=lambda j: int(rank[j]))), weight)
            for rows, weight in groups.items()
        ),
        key=lambda item: [int(rank[j]) for j in item[0]],
    )
    problem = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = {j: problem.add_variable(f"x_{p}", 0, 1, cat=pulp.LpBinary) for p, j in enumerate(useful)}
    y = [problem.add_variable(f"y_{i}", 0, 1) for i in range(len(ordered))]
    covered = pulp.lpSum(weight * y[i] for i, (_, weight) in enumerate(ordered))
    problem += covered
    for i, (rows, _) in enumerate(ordered):
        problem += y[i] <= pulp.lpSum(x[j] for j in rows)
    problem += pulp.lpSum(x.values()) <= k
    for j in sorted(fixed_set, key=lambda j: int(rank[j])):
        problem += x[j] == 1
    solver = _cbc_solver(pulp, float(time_limit_s))
    problem.solve(solver)
    status = pulp.LpStatus[problem.status]
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        status = "Not proven optimal (time limit)"
    if problem.status != pulp.LpStatusOptimal and problem.sol_status not in (
        pulp.LpSolutionOptimal,
        pulp.LpSolutionIntegerFeasible,
    ):
        return MclpSolution([], [], 0.0, status)
    if problem.status == pulp.LpStatusOptimal and len(useful) > 1:
        # Ties: among the optimal sets, the one whose ids come first (smallest sum of
        # tie ranks), as greedy takes the first id among equal gains.
        best = float(pulp.value(covered) or 0.0)
        problem += covered >= best - 1e-9 * max(1.0, abs(best)), "optimum"
        problem.sense = pulp.LpMinimize
        problem.setObjective(pulp.lpSum((p + 1) * x[j] for p, j in enumerate(useful)))
        problem.solve(solver)
        if problem.status != pulp.LpStatusOptimal:  # pragma: no cover - solved just before
            status = pulp.LpStatus[problem.status]
    chosen = [j for j in useful if (x[j].value() or 0.0) > 0.5]
    order = [j for j in fixed if j in chosen] + [j for j in chosen if j not in fixed_set]
    sub = greedy_mclp(
        csr[np.array(order, dtype=np.intp)] if order else csr[:0],
        weights,
        len(order),
        fixed=list(range(len([j for j in fixed if j in chosen]))),
        tie=(np.asarray(tie) if tie is not None else np.arange(n))[np.array(order, dtype=np.intp)]
        if order
        else None,
    )
    picks = [order[p] for p in sub.picks]
    return MclpSolution(picks, sub.gains, sub.objective, status)


# ------------------------------------------------------------------------ helpers


def _cbc_solver(pulp: ModuleType, time_limit_s: float) -> object:
    """CBC as shipped in the PuLP wheel, else a ``cbc`` on the PATH (``pulp[cbc]``).

    ``COIN_CMD`` pointed at the bundled binary is what ``PULP_CBC_CMD`` does, without
    its PuLP 4 deprecation warning.
    """
    from pulp.apis import coin_api

    bundled = getattr(coin_api, "pulp_cbc_path", None)
    paths = [coin_api.COIN_CMD.executableExtension(bundled)] if bundled else []
    for path in [*paths, None]:
        if path is not None and not os.path.isfile(path):
            continue
        solver = pulp.COIN_CMD(path=path, msg=False, timeLimit=time_limit_s)
        if solver.available():
            return solver
    raise missing(
        "pulp",
        extra="optimisation",
        detail=message(COMMON_MESSAGES, "no_cbc"),
    )


def check_time_limit(time_limit_s: float) -> None:
    if (
        isinstance(time_limit_s, bool)
        or not isinstance(time_limit_s, int | float)
        or not time_limit_s > 0
    ):
        raise ParameterError(message(MESSAGES, "time_limit", got=time_limit_s))
