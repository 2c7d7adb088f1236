"""The evolution job: the coverage of the QPV at several dates, and the QPV that change.

:func:`run_evolution` measures the coverage at each date with the same structures file
(their agreement dates decide which count), as :func:`avs_geo.run_comparison` does for
two, and writes the files of :data:`avs_geo.workflows.outputs.EVOLUTION_FILES`: the
table of :func:`avs_geo.coverage_series` (CSV, workbook), the class of each QPV at each
date, a note, a line chart and a map of the QPV whose class changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from avs_geo._dates import format_date
from avs_geo._deprecated import perimeters_argument
from avs_geo._i18n import Language, _check_language
from avs_geo._i18n.workflows import TEXT
from avs_geo._typography import format_number, format_ratio
from avs_geo.coverage.classify import DEFAULT_FULL_MIN, DEFAULT_NONE_MAX, check_thresholds
from avs_geo.coverage.series import check_dates, class_changes, series_table
from avs_geo.read._files import PathLike
from avs_geo.report.evolution import changes_table, day_text, evolution_table
from avs_geo.workflows.coverage import active_zones, measure_coverage
from avs_geo.workflows.guards import warn_generation
from avs_geo.workflows.inputs import Inputs, departements, staged_job, territory_of
from avs_geo.workflows.outputs import (
    EVOLUTION_FILES,
    threshold_note,
    write_markdown,
)
from avs_geo.workflows.progress import Progress, Steps, evolution_plan
from avs_geo.write.excel import to_excel
from avs_geo.write.text import to_csv

__all__ = ["EvolutionRun", "evolution_job", "run_evolution"]


@dataclass(frozen=True, eq=False)  # frames inside: no element-wise ==
class EvolutionRun:
    """What :func:`run_evolution` computed and wrote.

    Attributes
    ----------
    inputs : Inputs
    dates : tuple of datetime.date
        The dates, in order.
    coverages : dict of datetime.date to GeoDataFrame
        The per-QPV coverage at each date.
    series : DataFrame
        :func:`avs_geo.coverage_series`: one row per date.
    changes : DataFrame
        ``avs_geo.coverage.series.class_changes``: each QPV's class at each date.
    headline : str
        One sentence: the share of the population covered at the first and last date,
        and the QPV better covered, less covered and unchanged.
    files : dict of str to pathlib.Path
        Every file written, by key of :data:`~avs_geo.workflows.outputs.EVOLUTION_FILES`.
    """

    inputs: Inputs
    dates: tuple[dt.date, ...]
    coverages: dict[dt.date, gpd.GeoDataFrame]
    series: pd.DataFrame
    changes: pd.DataFrame
    headline: str
    files: dict[str, Path] = field(default_factory=dict)


def run_evolution(
    output: PathLike,
    *,
    dates: Sequence[object],
    structures: PathLike | gpd.GeoDataFrame,
    qpv: PathLike | gpd.GeoDataFrame | None = None,
    communes: PathLike | gpd.GeoDataFrame | None = None,
    perimeters: PathLike | gpd.GeoDataFrame | None = None,
    full_min: float = DEFAULT_FULL_MIN,
    none_max: float = DEFAULT_NONE_MAX,
    departement: str | Iterable[str] | None = None,
    territory: str | None = None,
    language: Language = "fr",
    maps: bool = True,
    progress: Progress | None = None,
    zones: PathLike | gpd.GeoDataFrame | None = None,
    indicators: PathLike | pd.DataFrame | None = None,
    crs: str | int | CRS | None = None,
    source_crs: str | int | CRS | None = None,
) -> EvolutionRun:
    """Measure the coverage of the QPV at several dates and write its evolution to a folder.

    Parameters
    ----------
    output : path
        The folder to write to (created if needed).
    dates : sequence of str or date
        Two dates or more (one is accepted), in any order and any form the date reader
        takes (``2021-12-31``, ``31/12/2021``...); each is given once.
    structures, qpv, communes, perimeters, departement, indicators, crs, source_crs
        As for :func:`avs_geo.workflows.load_inputs`.
    full_min, none_max : float, default 0.95 and 0.05
        Class thresholds, the same at every date.
    territory : str, optional
        As the report sentence words it (``"du Nord"``), in the titles.
    language : {"fr", "en"}, default "fr"
    maps : bool, default True
        Also draw the line chart and the map of the QPV that changed (``maps`` extra).
    progress : callable, optional
        ``progress(label, step, total)`` before each step
        (:func:`avs_geo.workflows.progress.evolution_plan`).
    zones : path or GeoDataFrame, optional
        Deprecated name of ``perimeters`` (avs_geo 0.1), removed in 0.3: warns.

    Returns
    -------
    EvolutionRun
        With the files of :data:`~avs_geo.workflows.outputs.EVOLUTION_FILES`.

    Raises
    ------
    ParameterError
        No date, a date that does not read, or a date given twice.

    Examples
    --------
    >>> import tempfile, warnings
    >>> from avs_geo.datasets import get_path
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the 32 QPV contours repaired
    ...     run = run_evolution(folder, dates=["31/12/2022", "2021-12-31"],
    ...                         structures=get_path("structures_exemple_occitanie"),
    ...                         perimeters=get_path("zones_exemple_occitanie"), maps=False)
    >>> run.series[["date", "n_full", "n_partial", "n_none"]].to_string(index=False)
    '      date  n_full  n_partial  n_none\\n2021-12-31      36          6      63\\n2022-12-31      35         10      60'
    """
    perimeters = perimeters_argument("run_evolution", perimeters, zones)
    _check_language(language)
    full_min, none_max = check_thresholds(full_min, none_max)
    days = tuple(check_dates(dates))
    given = {
        "structures": structures,
        "qpv": qpv,
        "communes": communes,
        "perimetres": perimeters,
        "indicateurs": indicators,
    }
    with staged_job(
        output,
        names=EVOLUTION_FILES.values(),
        plan=evolution_plan(len(days), maps=maps),
        progress=progress,
        given=given,
        departement=departement,
        language=language,
        crs=crs,
        source_crs=source_crs,
    ) as job:
        run = evolution_job(
            job.steps,
            job.inputs,
            job.stage.work,
            days=days,
            full_min=full_min,
            none_max=none_max,
            territory=territory_of(territory, departements(departement), language),
            language=language,
            maps=maps,
        )
        options = {
            "commande": "evolution",
            "dates": list(days),
            "seuils": [full_min, none_max],
            "departement": departement,
            "langue": language,
            "cartes": maps,
        }
        return job.commit(run, options)


def evolution_job(
    steps: Steps,
    inputs: Inputs,
    folder: Path,
    *,
    days: tuple[dt.date, ...],
    full_min: float,
    none_max: float,
    territory: str | None,
    language: Language,
    maps: bool,
) -> EvolutionRun:
    """The steps of :func:`run_evolution` once the inputs are read."""
    coverages: dict[dt.date, gpd.GeoDataFrame] = {}
    warn_generation(inputs.qpv, days)  # once for all the dates
    for day in days:
        steps("zones_at", date=day_text(day, language))
        zones = active_zones(inputs, day, check_generation=False)
        coverages[day] = measure_coverage(inputs, zones, full_min, none_max)
    steps("series_tables")
    series = series_table(coverages)
    changes = class_changes(coverages)
    files = {key: folder / name for key, name in EVOLUTION_FILES.items()}
    table = evolution_table(series, language=language)
    per_qpv = changes_table(changes, language=language)
    to_csv(table, files["series"])
    to_csv(per_qpv, files["qpv"])
    text = TEXT[language]
    first, last = days[0], days[-1]
    counts = changes["change"].value_counts()
    shares = series["covered_share"]
    headline = text["evolution_lead"].format(
        first=format_date(first, language=language),
        last=format_date(last, language=language),
        share_first=format_ratio(float(shares.iloc[0]), language=language) or "?",
        share_last=format_ratio(float(shares.iloc[-1]), language=language) or "?",
        better=format_number(int(counts.get("better", 0)), language=language),
        worse=format_number(int(counts.get("worse", 0)), language=language),
        same=format_number(int(counts.get("same", 0)), language=language),
    )
    title = text["evolution"].format(
        territory=f" {territory.strip()}" if territory and territory.strip() else "",
        first=format_date(first, language=language),
        last=format_date(last, language=language),
    )
    write_markdown(
        files["summary_md"],
        title=title,
        lead=headline,
        table=table,
        notes=[threshold_note(full_min, none_max, language)],
        sources=inputs.sources,
        language=language,
    )
    sheets = text["evolution_sheets"].split("|")
    to_excel(
        dict(zip(sheets, (table, per_qpv), strict=True)),
        files["workbook"],
        method=inputs.sources,
        language=language,
        titles={sheets[0]: [title, headline]},
    )
    if maps:
        from avs_geo.maps.figure import changes_figure, series_figure

        steps("series_chart")
        chart = series_figure(series, language=language, title=title)
        chart.savefig(files["chart"], dpi=150, bbox_inches="tight")
        steps("series_map")
        communes = inputs.communes
        last_coverage = coverages[last]
        if "departement" in communes and "departement" in last_coverage:
            communes = communes[communes["departement"].isin(last_coverage["departement"])]
        figure = changes_figure(
            last_coverage, changes, communes=communes, territory=territory, language=language
        )
        figure.savefig(files["map_png"], dpi=150, bbox_inches="tight")
    else:
        del files["chart"], files["map_png"]
    return EvolutionRun(
        inputs=inputs,
        dates=days,
        coverages=coverages,
        series=series,
        changes=changes,
        headline=headline,
        files=files,
    )
