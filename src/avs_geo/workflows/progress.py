"""The steps of a job: which ones it runs, and reporting each to a ``progress`` callback.

A job first lists the steps it will run (its plan: :func:`coverage_plan`,
:func:`comparison_plan`, :func:`sites_plan`, :func:`demo_plan`), then reports each one
as it starts it. The total a progress bar shows is the length of that plan, and a step
reported out of plan is a defect the tests catch, so the total cannot drift from the
steps actually run.

A long step can also report its parts (the pages of a map split per department, the
sheets of the workbook): when the ``progress`` callback has a method
``part(label, done, total)``, ``Steps.part`` calls it, and the command line shows
it as a second bar under the step bar. The writers of those parts
(``avs_geo.to_excel``, ``avs_geo.maps.save_map_pages``) take ``Steps.part`` as their
``progress``, a ``PartProgress``.
"""

from __future__ import annotations

from collections.abc import Callable

from avs_geo._i18n import Language
from avs_geo._i18n.workflows import STEPS

__all__ = [
    "READING",
    "PartProgress",
    "Progress",
    "Steps",
    "comparison_plan",
    "coverage_plan",
    "demo_plan",
    "evolution_plan",
    "sites_plan",
]

Progress = Callable[[str, int, int], None]
"""``progress(label, step, total)``, called before each step of a run (``step`` from 1)."""

PartProgress = Callable[[int, int], None]
"""``part(done, total)``: a long step reporting its parts (``done`` from 1 to ``total``)."""

READING: tuple[str, ...] = ("qpv", "communes", "structures")
"""Reading the QPV, the communes and the structures: the first steps of every job."""


def _coverage_outputs(*, maps: bool, map_pages: bool = False) -> tuple[str, ...]:
    written = ("zones", "coverage", "tables", "workbook", "geopackage")
    drawn = ("map_html", "map_png", "map_report") if maps else ()
    return written + drawn + (("map_pages",) if maps and map_pages else ())


def _choosing(*, maps: bool) -> tuple[str, ...]:
    chosen = ("candidates", "scores", "selection", "with_sites", "sites_tables")
    return chosen + (("sites_map",) if maps else ())


_COMPARING: tuple[str, ...] = ("zones_at", "zones_at", "compare")


def coverage_plan(*, maps: bool = True, map_pages: bool = False) -> tuple[str, ...]:
    """The steps :func:`avs_geo.run_coverage` runs, in order.

    Examples
    --------
    >>> len(coverage_plan()), len(coverage_plan(maps=False)), coverage_plan(map_pages=True)[-1]
    (11, 8, 'map_pages')
    """
    return READING + _coverage_outputs(maps=maps, map_pages=map_pages)


def comparison_plan() -> tuple[str, ...]:
    """The steps :func:`avs_geo.run_comparison` runs: reading, each date, the comparison.

    Examples
    --------
    >>> comparison_plan()[3:]
    ('zones_at', 'zones_at', 'compare')
    """
    return READING + _COMPARING


def sites_plan(*, maps: bool = True) -> tuple[str, ...]:
    """The steps :func:`avs_geo.workflows.run_sites` runs, in order.

    Examples
    --------
    >>> len(sites_plan()), len(sites_plan(maps=False))
    (11, 10)
    """
    return (*READING, "zones", "coverage", *_choosing(maps=maps))


def evolution_plan(n_dates: int, *, maps: bool = True) -> tuple[str, ...]:
    """The steps :func:`avs_geo.workflows.evolution.run_evolution` runs: reading, each
    date, the tables, and the chart and map.

    Examples
    --------
    >>> evolution_plan(3)[3:]
    ('zones_at', 'zones_at', 'zones_at', 'series_tables', 'series_chart', 'series_map')
    >>> len(evolution_plan(2, maps=False))
    6
    """
    maps_steps = ("series_chart", "series_map") if maps else ()
    return (*READING, *("zones_at",) * n_dates, "series_tables", *maps_steps)


def demo_plan(*, maps: bool = True, series_dates: int = 4) -> tuple[str, ...]:
    """The steps :func:`avs_geo.run_demo` runs: one reading, then coverage, sites, comparison,
    the evolution over ``series_dates`` dates, and the Nord example (white zones and rural
    EVS).

    Examples
    --------
    >>> len(demo_plan()), len(demo_plan(maps=False))
    (28, 22)
    """
    evolution = evolution_plan(series_dates, maps=maps)[len(READING) :]
    return (
        READING
        + _coverage_outputs(maps=maps)
        + _choosing(maps=maps)
        + _COMPARING
        + evolution
        + ("nord",)
    )


class Steps:
    """Reports the steps of a plan, in order, to a ``progress`` callback.

    Parameters
    ----------
    progress : callable or None
        ``progress(label, step, total)``; None reports nothing.
    plan : tuple of str
        The keys of the steps the job will run (labels in ``avs_geo._i18n.workflows.STEPS``).
    language : {"fr", "en"}
        Language of the labels.

    Examples
    --------
    >>> seen = []
    >>> steps = Steps(lambda *step: seen.append(step), ("qpv", "zones_at"), "fr")
    >>> steps("qpv"); steps("zones_at", date="31/12/2022")
    >>> seen
    [('Lecture des QPV', 1, 2), ('Zones et couverture au 31/12/2022', 2, 2)]
    """

    def __init__(
        self, progress: Progress | None, plan: tuple[str, ...], language: Language
    ) -> None:
        self.progress = progress
        self.plan = plan
        self.done = 0
        self.labels = STEPS[language]
        self.current = ""

    @property
    def total(self) -> int:
        """Number of steps of the plan."""
        return len(self.plan)

    def __call__(self, key: str, **values: str) -> None:
        """Report the start of step ``key``, the next one of the plan."""
        assert self.done < self.total and self.plan[self.done] == key, (
            f"step {key!r} reported out of plan {self.plan} after {self.done} steps"
        )
        self.done += 1
        self.current = self.labels[key].format(**values)
        if self.progress is not None:
            self.progress(self.current, self.done, self.total)

    def part(self, done: int, total: int) -> None:
        """Report that ``done`` of the ``total`` parts of the current step are done.

        Calls ``progress.part(label, done, total)`` when the callback has that method
        (the command line's second bar); otherwise nothing.

        Examples
        --------
        >>> class Shown:
        ...     def __call__(self, label, step, total): pass
        ...     def part(self, label, done, total): print(label, done, total)
        >>> steps = Steps(Shown(), ("workbook",), "fr")
        >>> steps("workbook"); steps.part(2, 5)
        Classeur Excel 2 5
        """
        part = getattr(self.progress, "part", None)
        if part is not None:
            part(self.current, done, total)
