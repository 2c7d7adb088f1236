"""Coverage over several dates (coverage_series) and its line chart, on squares by hand."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import Point, box

from avs_geo.coverage.series import coverage_series
from avs_geo.errors import AvsGeoWarning, ParameterError

L93 = "EPSG:2154"
# Three communes of 100 x 100 m side by side; QPV 1 is commune A, QPV 2 commune C.
COMMUNES = gpd.GeoDataFrame(
    {"code_insee": ["09001", "09002", "31003"], "nom": ["A", "B", "C"]},
    geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)],
    crs=L93,
)
QPV = gpd.GeoDataFrame(
    {
        "code_qpv": ["QP009001", "QP031002"],
        "nom_qpv": ["Un", "Deux"],
        "departement": ["09", "31"],
        "population": [1000.0, 3000.0],
    },
    geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100)],
    crs=L93,
)


def _structures() -> gpd.GeoDataFrame:
    """S1 covers commune A from 2020; S2 the west half of QPV 2, in the first half of 2022."""
    frame = pd.DataFrame(
        {
            "structure_id": ["S1", "S2"],
            "nom": ["Centre A", "EVS C"],
            "type": ["centre_social", "evs"],
            "date_agrement": pd.to_datetime(["2020-01-01", "2022-01-01"]),
            "date_fin": pd.to_datetime([None, "2022-06-30"]),
            "zone_communes": [("09001",), ()],
            "zone_qpv": [(), ()],
            "zone_rayon_m": [np.nan, np.nan],
        }
    )
    frame["zone_polygon"] = gpd.GeoSeries([None, box(200, 0, 250, 100)], crs=L93)
    return gpd.GeoDataFrame(frame, geometry=[Point(50, 50), Point(225, 50)], crs=L93)


def test_series_counts_classes_and_population_at_each_date() -> None:
    with pytest.warns(AvsGeoWarning, match="No structure of 2 is active at 2019-12-31"):
        series = coverage_series(
            QPV,
            _structures(),
            communes=COMMUNES,
            dates=["2022-03-31", "31/12/2019", "2021-12-31", "2022-12-31"],
        )
    assert series["date"].tolist() == [
        dt.date(2019, 12, 31),
        dt.date(2021, 12, 31),
        dt.date(2022, 3, 31),
        dt.date(2022, 12, 31),
    ]
    assert series[["n_full", "n_partial", "n_none"]].values.tolist() == [
        [0, 0, 2],  # no structure yet
        [1, 0, 1],  # S1: QPV 1
        [1, 1, 0],  # S1 and S2: half of QPV 2
        [1, 0, 1],  # S2 closed
    ]
    assert series["n_qpv"].tolist() == [2, 2, 2, 2]
    # 1000 + half of 3000 = 2500 of 4000 at 31/03/2022
    assert series["covered_population"].tolist() == pytest.approx([0, 1000, 2500, 1000])
    assert series["covered_share"].tolist() == pytest.approx([0, 0.25, 0.625, 0.25])


def test_series_by_department_and_errors() -> None:
    series = coverage_series(
        QPV, _structures(), communes=COMMUNES, dates=["2022-03-31"], by="departement"
    )
    assert series[["departement", "n_full", "n_partial", "n_none"]].values.tolist() == [
        ["09", 1, 0, 0],
        ["31", 0, 1, 0],
    ]
    assert series["covered_share"].tolist() == pytest.approx([1.0, 0.5])
    with pytest.raises(
        ParameterError, match="Les dates doivent être distinctes : 2022-01-01 est donnée 2 fois"
    ):
        coverage_series(QPV, _structures(), communes=COMMUNES, dates=["2022-01-01", "01/01/2022"])
    with pytest.raises(ParameterError, match="Il faut une date ou plus"):
        coverage_series(QPV, _structures(), communes=COMMUNES, dates=[])


def test_series_figure_draws_one_line_per_class_and_the_share() -> None:
    from matplotlib.colors import to_hex

    from avs_geo._i18n import STATUS_COLORS
    from avs_geo.maps.figure import series_figure

    with pytest.warns(AvsGeoWarning, match="No structure of 2 is active"):
        series = coverage_series(
            QPV, _structures(), communes=COMMUNES, dates=["2019-12-31", "2022-03-31"]
        )
    fig = series_figure(series)
    lines = fig.axes[0].get_lines()
    assert [to_hex(line.get_color()) for line in lines] == list(STATUS_COLORS.values())
    assert lines[0].get_ydata().tolist() == [0, 1]
    assert fig.axes[1].get_lines()[0].get_ydata().tolist() == pytest.approx([0.0, 62.5])
