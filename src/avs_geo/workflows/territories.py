"""The Nord example of the demo: white zones by EPCI, the network, the rural EVS of 2022.

:func:`nord_example` runs the territory diagnostic on the embedded Nord communes of 2022
(contours, EPCI, municipal population) with the six EXAMPLE structures created in 2022
(``data/structures/exemple_structures_nord_2022.csv``), and writes its files beside the
demo's. There are no QPV contours of the Nord in the data: the files say so.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from avs_geo._dates import format_date
from avs_geo._i18n import Language
from avs_geo._i18n.territories import NORD_WORDS
from avs_geo._typography import format_number
from avs_geo.coverage.communes import commune_coverage
from avs_geo.datasets import get_path
from avs_geo.errors import AvsGeoWarning
from avs_geo.read import load_communes, load_structures, load_territories
from avs_geo.report.territories import (
    commune_table,
    network_table,
    territory_table,
    white_zone_sentence,
)
from avs_geo.sites import score_sites, sites_table
from avs_geo.workflows.outputs import write_markdown
from avs_geo.write.excel import to_excel
from avs_geo.write.gis import coverage_geopackage
from avs_geo.write.text import to_csv, to_markdown
from avs_geo.zones import build_zones

__all__ = ["NORD_FILES", "TerritoryRun", "nord_example"]

NORD_FILES: dict[str, str] = {
    "note": "nord_zones_blanches.md",
    "communes": "nord_communes.csv",
    "epci": "nord_epci.csv",
    "territories": "nord_territoires.csv",
    "network": "nord_reseau.csv",
    "sites": "nord_sites_2022.csv",
    "workbook": "nord_diagnostic.xlsx",
    "geopackage": "nord_communes.gpkg",
    "map_network": "nord_carte_reseau.png",
}
"""Files :func:`nord_example` writes, by key (the map only with ``maps=True``)."""


@dataclass(frozen=True, eq=False)
class TerritoryRun:
    """What :func:`avs_geo.workflows.territories.nord_example` computed and wrote."""

    communes: gpd.GeoDataFrame
    epci: pd.DataFrame
    territories: pd.DataFrame
    network: pd.DataFrame
    scores: gpd.GeoDataFrame
    sentence: str
    files: dict[str, Path]


def nord_example(
    folder: Path, *, day: dt.date, language: Language = "fr", maps: bool = True
) -> TerritoryRun:
    """Write the white zones, network and rural EVS scores of the Nord example in ``folder``.

    The network at ``day`` is the six example structures; their scores are measured
    against the network without them (the file holds no other structure), with
    ``demand="communes"`` and no QPV (none in the data). The GeoPackage holds the
    styled commune coverage (layer ``communes_couverture``), the zones and the
    structures; with ``maps``, ``nord_carte_reseau.png`` is the map of the network by
    territory (the "Carte des centres sociaux du Nord" of the Sdsf).
    """
    words = NORD_WORDS[language]
    communes = load_communes(departement="59", vintage=2022)
    structures = load_structures(get_path("structures_exemple_nord_2022"))
    zones = build_zones(structures, communes=communes, at=day)
    coverage = commune_coverage(communes, zones)
    grouping = load_territories(get_path("territoires_exemple_nord"), vintage=2022)
    epci = territory_table(coverage, structures=structures, at=day, language=language)
    by_territory = territory_table(
        coverage,
        by=("territoire", "epci"),
        territories=grouping,
        structures=structures,
        at=day,
        language=language,
    )
    network = network_table(
        structures,
        communes,
        at=day,
        by=("territoire", "epci"),
        territories=grouping,
        language=language,
    )
    sentence = white_zone_sentence(coverage, where=words["where"], language=language)

    created = np.asarray(pd.DatetimeIndex(structures["date_agrement"]).year == day.year)
    sites = gpd.GeoDataFrame(
        {
            "candidat_id": structures["structure_id"],
            "nom": structures["nom"],
            "zone_communes": structures["zone_communes"],
        },
        geometry=structures.geometry.to_numpy(),
        crs=structures.crs,
    ).loc[created]
    with warnings.catch_warnings():
        # The network without them is empty in the example ("no structure active"), and a
        # structure that would add nothing is named in the scores' reason column.
        warnings.simplefilter("ignore", AvsGeoWarning)
        without = build_zones(structures.loc[~created], communes=communes, at=day)
        scores = score_sites(sites, None, zones=without, communes=communes, demand="communes")

    files = {key: folder / name for key, name in NORD_FILES.items()}
    lines = [
        words["site"].format(
            name=row.nom,
            id=row.candidat_id,
            white=format_number(float(row.gain_white_population), language=language),
            n=row.n_communes_reached,
        )
        for row in scores.itertuples()
    ]
    write_markdown(
        files["note"],
        title=words["title"].format(date=format_date(day, language=language)),
        lead=sentence,
        table=epci,
        notes=[
            words["example"],
            "",
            words["no_qpv"],
            "",
            words["scores"],
            "",
            *lines,
            "",
            words["territories"],
            "",
            to_markdown(by_territory, language=language),
        ],
        sources={words["sources"]: words["source_text"]},
        language=language,
    )
    to_csv(commune_table(coverage, language=language), files["communes"])
    to_csv(epci, files["epci"])
    to_csv(by_territory, files["territories"])
    to_csv(network, files["network"])
    sheets = words["sheets"].split(",")
    to_excel(
        dict(
            zip(
                sheets,
                [
                    commune_table(coverage, territories=grouping, language=language),
                    by_territory,
                    network,
                ],
                strict=True,
            )
        ),
        files["workbook"],
        language=language,
    )
    to_csv(sites_table(scores, language=language), files["sites"])
    active = structures[structures["structure_id"].isin(zones["structure_id"])]
    coverage_geopackage(
        None,
        files["geopackage"],
        zones=zones,
        structures=active,
        commune_coverage=coverage,
        language=language,
    )
    if maps:
        from avs_geo.maps import network_figure

        figure = network_figure(
            communes, structures, territories=grouping, at=day, language=language
        )
        figure.savefig(files["map_network"], dpi=150)
    else:
        del files["map_network"]
    return TerritoryRun(
        communes=coverage,
        epci=epci,
        territories=by_territory,
        network=network,
        scores=scores,
        sentence=sentence,
        files=files,
    )
