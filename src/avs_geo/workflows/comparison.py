"""The comparison job: the coverage of the QPV at two dates, and what changed.

:func:`run_comparison` measures the coverage at each date with the same structures file
(their agreement dates decide which count) and writes the files of
:data:`avs_geo.workflows.outputs.COMPARISON_FILES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._dates import report_day
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.workflows import MESSAGES, TEXT
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.errors import ParameterError
from avs_geo.read._files import PathLike
from avs_geo.report.comparison import CoverageComparison, compare_coverage
from avs_geo.workflows.coverage import (
    active_zones,
    check_grouping,
    grouped_summaries,
    grouping_vintage,
    measure_coverage,
    with_groups,
)
from avs_geo.workflows.guards import warn_generation
from avs_geo.workflows.inputs import Inputs, staged_job
from avs_geo.workflows.outputs import (
    COMPARISON_FILES,
    threshold_note,
    write_markdown,
)
from avs_geo.workflows.progress import Progress, Steps, comparison_plan
from avs_geo.write.excel import to_excel
from avs_geo.write.text import to_csv

__all__ = ["ComparisonRun", "comparison_job", "run_comparison"]


@dataclass(frozen=True, eq=False)
class ComparisonRun:
    """What :func:`run_comparison` computed and wrote.

    Attributes
    ----------
    inputs : Inputs
    dates : (datetime.date, datetime.date)
    before, after : GeoDataFrame
        Per-QPV coverage at each date.
    comparison : CoverageComparison
        :func:`avs_geo.compare_coverage` of the two.
    headline : str
        One sentence: QPV better and worse covered, population newly covered and lost.
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`~avs_geo.workflows.outputs.COMPARISON_FILES`.
    """

    inputs: Inputs
    dates: tuple[dt.date, dt.date]
    before: gpd.GeoDataFrame
    after: gpd.GeoDataFrame
    comparison: CoverageComparison
    headline: str
    files: dict[str, Path] = field(default_factory=dict)


def run_comparison(
    output: PathLike,
    *,
    before: object,
    after: object,
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    departement: str | Iterable[str] | None = None,
    language: Language = "fr",
    progress: Progress | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    by: str | None = None,
    vintage: int | None = None,
    territories: PathLike | pd.DataFrame | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> ComparisonRun:
    """Compare the coverage of the QPV at two dates and write the comparison to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    before, after : str ('2021-12-31' or '31/12/2021') or date
        The two dates; ``before`` must come first.
    structures, qpv, communes, perimeters, departement, indicators, crs, source_crs
        As for :func:`avs_geo.workflows.load_inputs`.
    full_min, none_max : float, default 0.95 and 0.05
        Class thresholds, the same at both dates.
    language : {"fr", "en"}, default "fr"
    progress : callable, optional
        ``progress(label, step, total)`` before each step
        (:func:`avs_geo.workflows.progress.comparison_plan`).
    zones : path or GeoDataFrame, optional
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.
    by : {"epci", "territoire", "commune", "departement"}, optional
        Also write the summary of each date grouped by it, one under the other
        (``comparaison_par_groupe.csv`` and a sheet of the workbook).
    vintage, territories : optional
        As for :func:`avs_geo.run_coverage`: communes of a vintage (EPCI) and the
        planner's territories, that ``by`` groups by.

    Returns
    -------
    ComparisonRun
        The coverage at each date, the :class:`avs_geo.CoverageComparison` and the files
        of :data:`~avs_geo.workflows.outputs.COMPARISON_FILES`: per-QPV changes and
        summary (CSV), the headline with the summary (Markdown), and a workbook with
        the three tables.

    Examples
    --------
    >>> import tempfile, warnings
    >>> from avs_geo.datasets import get_path
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     run = run_comparison(folder, before="2021-12-31", after="31/12/2022",
    ...                          structures=get_path("structures_exemple_occitanie"),
    ...                          perimeters=get_path("zones_exemple_occitanie"))
    >>> print(run.comparison.changed().iloc[:, [0, 2, 3]].to_string(index=False))
    Code QPV Couverture (31/12/2021) Couverture (31/12/2022)
    QP066002             Non couvert   Couvert partiellement
    QP081003             Non couvert   Couvert partiellement
    QP031014             Non couvert   Couvert partiellement
    QP030004             Non couvert   Couvert partiellement
    QP034018     Couvert en totalité             Non couvert
    """
    perimeters = perimeters_argument("run_comparison", perimeters, zones)
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    days = report_day(before, "before"), report_day(after, "after")
    if days[0] is None or days[1] is None:
        raise ParameterError(message(MESSAGES, "dates_needed"))
    first, second = days[0], days[1]
    if not first < second:
        raise ParameterError(
            message(MESSAGES, "dates_order", first=first, second=second),
            parameters=("before", "after"),
        )
    check_grouping(by, territories)
    vintage = grouping_vintage(by, vintage, communes)
    given = {
        "structures": structures,
        "qpv": qpv,
        "communes": communes,
        "perimetres": perimeters,
        "indicateurs": indicators,
        "territoires": territories,
    }
    with staged_job(
        output,
        names=COMPARISON_FILES.values(),
        plan=comparison_plan(),
        progress=progress,
        given=given,
        departement=departement,
        language=language,
        vintage=vintage,
        crs=crs,
        source_crs=source_crs,
    ) as job:
        run = comparison_job(
            job.steps,
            job.inputs,
            job.stage.work,
            days=(first, second),
            full_min=full_min,
            none_max=none_max,
            language=language,
            by=by,
        )
        options = {
            "commande": "comparer",
            "avant": first,
            "apres": second,
            "seuils": [full_min, none_max],
            "departement": departement,
            "langue": language,
            "par": by,
            "millesime": vintage,
        }
        return job.commit(run, options)


def day_text(day: dt.date, language: Language) -> str:
    """A date as a column header of the comparison names it: ``31/12/2022`` in French."""
    return day.strftime("%d/%m/%Y") if language == "fr" else day.isoformat()


def comparison_job(
    steps: Steps,
    inputs: Inputs,
    folder: Path,
    *,
    days: tuple[dt.date, dt.date],
    full_min: float,
    none_max: float,
    language: Language,
    by: str | None = None,
) -> ComparisonRun:
    """The steps of :func:`run_comparison` once the inputs are read (the demo runs them too)."""
    coverages = []
    warn_generation(inputs.qpv, days)  # once for both dates
    for day in days:
        steps("zones_at", date=day_text(day, language))
        zones = active_zones(inputs, day, check_generation=False)
        measured = measure_coverage(inputs, zones, full_min, none_max)
        coverages.append(measured if by is None else with_groups(measured, inputs, by))
    steps("compare")
    names = (day_text(days[0], language), day_text(days[1], language))
    comparison = compare_coverage(coverages[0], coverages[1], names=names, language=language)
    files = {key: folder / name for key, name in COMPARISON_FILES.items()}
    to_csv(comparison.qpv, files["qpv"])
    to_csv(comparison.summary, files["summary"])
    text = TEXT[language]
    # The headline of the comparison, as its repr and Jupyter display print it.
    headline = comparison.headline()
    write_markdown(
        files["summary_md"],
        title=text["comparison"],
        lead=headline,
        table=comparison.summary,
        notes=[threshold_note(full_min, none_max, language)],
        sources=inputs.sources,
        language=language,
    )
    tables = comparison.tables()
    if by is None:
        del files["grouped"]
    else:
        grouped = grouped_summaries(
            dict(zip(names, coverages, strict=True)),
            by,
            language=language,
            situation=text["situation"],
        )
        to_csv(grouped, files["grouped"])
        tables = {**tables, text["grouped_sheet"]: grouped}
    to_excel(tables, files["workbook"], method=inputs.sources, language=language)
    return ComparisonRun(
        inputs=inputs,
        dates=days,
        before=coverages[0],
        after=coverages[1],
        comparison=comparison,
        headline=headline,
        files=files,
    )
