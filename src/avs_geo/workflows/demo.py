"""The demo: the whole job on the embedded data, with the EXAMPLE network of Occitanie."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from avs_geo._dates import format_date, parse_date
from avs_geo._i18n import Language, _check_language
from avs_geo._i18n.workflows import (
    CANDIDATES_SOURCE,
    DEMO_TERRITORY,
    DEMO_TITLE,
    EXAMPLE_NOTE,
    EXAMPLE_SITES,
    STRUCTURES_SOURCE,
)
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX
from avs_geo.datasets import get_path
from avs_geo.read._files import PathLike
from avs_geo.workflows.comparison import ComparisonRun, comparison_job
from avs_geo.workflows.coverage import CoverageRun, coverage_job
from avs_geo.workflows.evolution import EvolutionRun, evolution_job
from avs_geo.workflows.inputs import staged_job
from avs_geo.workflows.outputs import (
    COMPARISON_FILES,
    COVERAGE_FILES,
    EVOLUTION_FILES,
    SITES_FILES,
)
from avs_geo.workflows.progress import Progress, demo_plan
from avs_geo.workflows.sites import SitesRun, sites_job
from avs_geo.workflows.territories import NORD_FILES, TerritoryRun, nord_example

__all__ = ["DEMO_BEFORE", "DEMO_DATE", "DEMO_K", "DEMO_SERIES", "DemoRun", "run_demo"]

DEMO_DATE = "2022-12-31"
"""Date of the demo's coverage: the end of the 2018-2022 Cog."""

DEMO_BEFORE = "2021-12-31"
"""Earlier date the demo compares with :data:`DEMO_DATE`."""

DEMO_K = 5
"""Number of sites the demo chooses among the example candidates."""

DEMO_SERIES = ("2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31")
"""Dates of the demo's evolution (``evolution.csv``, ``evolution.png``...)."""


@dataclass(frozen=True, eq=False)
class DemoRun:
    """What :func:`run_demo` computed and wrote: the coverage, the sites, the comparison."""

    coverage: CoverageRun
    sites: SitesRun
    comparison: ComparisonRun
    nord: TerritoryRun | None = None
    evolution: EvolutionRun | None = None

    @property
    def files(self) -> dict[str, Path]:
        """Every file written, by file name."""
        runs = [self.coverage.files, self.sites.files, self.comparison.files]
        if self.evolution is not None:
            runs.append(self.evolution.files)
        if self.nord is not None:
            runs.append(self.nord.files)
        return {path.name: path for files in runs for path in files.values()}


def run_demo(
    output: PathLike,
    *,
    language: Language = "fr",
    maps: bool = True,
    progress: Progress | None = None,
) -> DemoRun:
    """The whole job on the embedded data, with the EXAMPLE network of Occitanie.

    The QPV (2015 generation) and communes of Occitanie are real open data; the
    structures (``data/structures/exemple_structures_occitanie.csv`` and their drawn
    perimeters) and the candidate sites (``exemple_candidats_occitanie.csv``) are
    EXAMPLES made for the demonstration: the real list of centres sociaux and EVS is
    held by each CAF.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    language : {"fr", "en"}, default "fr"
    maps : bool, default True
        Also write the maps (needs the ``maps`` extra).
    progress : callable, optional
        ``progress(label, step, total)`` before each step
        (:func:`avs_geo.workflows.progress.demo_plan`).

    Returns
    -------
    DemoRun
        The coverage at :data:`DEMO_DATE` (:func:`avs_geo.run_coverage`), the choice of
        :data:`DEMO_K` sites among the example candidates
        (:func:`avs_geo.workflows.run_sites`) and the comparison with
        :data:`DEMO_BEFORE` (:func:`avs_geo.run_comparison`), and the evolution over
        :data:`DEMO_SERIES` (:func:`avs_geo.workflows.evolution.run_evolution`), all
        written in ``output``; the inputs are read once for all. Then the Nord example
        (:func:`avs_geo.workflows.territories.nord_example`): white zones by EPCI,
        network and the scores of the six EXAMPLE structures created in 2022, in the
        ``nord_*`` files.

    Examples
    --------
    >>> import tempfile, warnings
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     demo = run_demo(folder, maps=False)
    >>> demo.coverage.summary.iloc[:, 1].tolist()
    [35, 10, 60, 105]
    >>> demo.sites.selection.chosen
    ('CAND-11', 'CAND-07', 'CAND-01', 'CAND-12', 'CAND-10')
    """
    _check_language(language)
    structures = get_path("structures_exemple_occitanie")
    perimeters = get_path("zones_exemple_occitanie")
    candidates = get_path("candidats_exemple_occitanie")
    names = [
        *COVERAGE_FILES.values(),
        *SITES_FILES.values(),
        *COMPARISON_FILES.values(),
        *EVOLUTION_FILES.values(),
        *NORD_FILES.values(),
    ]
    given = {"structures": structures, "perimetres": perimeters, "candidats": candidates}
    with staged_job(
        output,
        names=names,
        plan=demo_plan(maps=maps, series_dates=len(DEMO_SERIES)),
        progress=progress,
        given=given,
        language=language,
    ) as job:
        steps, inputs, stage = job.steps, job.inputs, job.stage
        inputs.sources[STRUCTURES_SOURCE[language]] = EXAMPLE_NOTE[language]
        day = parse_date(DEMO_DATE)
        before = parse_date(DEMO_BEFORE)
        assert before is not None and day is not None
        territory = DEMO_TERRITORY[language]
        coverage = coverage_job(
            steps,
            inputs,
            stage.work,
            day=day,
            full_min=DEFAULT_FULL_MIN,
            none_max=DEFAULT_NONE_MAX,
            territory=territory,
            title=DEMO_TITLE[language].format(date=format_date(day, language=language)),
            sources=None,
            language=language,
            maps=maps,
        )
        sites = sites_job(
            steps,
            inputs,
            coverage.zones,
            coverage.coverage,
            stage.work,
            candidates=candidates,
            k=DEMO_K,
            date=day,
            territory=territory,
            radius_m=None,
            method="greedy",
            weight="population",
            fixed=None,
            language=language,
            maps=maps,
            sources={CANDIDATES_SOURCE[language]: EXAMPLE_SITES[language]},
        )
        comparison = comparison_job(
            steps,
            inputs,
            stage.work,
            days=(before, day),
            full_min=DEFAULT_FULL_MIN,
            none_max=DEFAULT_NONE_MAX,
            language=language,
        )
        series_days = tuple(d for d in (parse_date(x) for x in DEMO_SERIES) if d is not None)
        evolution = evolution_job(
            steps,
            inputs,
            stage.work,
            days=series_days,
            full_min=DEFAULT_FULL_MIN,
            none_max=DEFAULT_NONE_MAX,
            territory=territory,
            language=language,
            maps=maps,
        )
        steps("nord")
        nord = nord_example(stage.work, day=day, language=language, maps=maps)
        files = stage.commit(
            {
                path.name: path
                for run in (coverage, sites, comparison, evolution, nord)
                for path in run.files.values()
            },
            inputs=given,
            options={"commande": "demo", "langue": language, "cartes": maps},
        )
    final = {path.name: path for path in files.values()}

    def moved(run_files: dict[str, Path]) -> dict[str, Path]:
        return {key: final[path.name] for key, path in run_files.items()}

    return DemoRun(
        coverage=dataclasses.replace(coverage, files=moved(coverage.files)),
        sites=dataclasses.replace(sites, files=moved(sites.files)),
        comparison=dataclasses.replace(comparison, files=moved(comparison.files)),
        nord=dataclasses.replace(nord, files=moved(nord.files)),
        evolution=dataclasses.replace(evolution, files=moved(evolution.files)),
    )
