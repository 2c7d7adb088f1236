"""A zone naming a former commune code takes its current commune, with a French warning."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

import avs_geo
from avs_geo._codes import former_codes, replace_former_codes
from avs_geo.sites import score_sites
from tests.test_sites import coverage_abc, zones_abc

L93 = "EPSG:2154"


@pytest.fixture(scope="module")
def pdc_2022() -> gpd.GeoDataFrame:
    return avs_geo.load_communes(departement=["59", "62"], vintage=2022)


def _structures(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "s.csv"
    lines = ["structure_id;nom;type;lat;lon;zone_communes"]
    lines += [f'{sid};{sid} (exemple);EVS;50.4;2.3;"{codes}"' for sid, codes in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_structures_file_with_former_code(tmp_path: Path, pdc_2022: gpd.GeoDataFrame) -> None:
    # Canteleux (62210) merged into Bonnières (62154); Lomme (59355) is associated to Lille.
    path = _structures(tmp_path, [("A", "62210"), ("B", "59355;59350"), ("C", "59360")])
    with pytest.warns(
        avs_geo.AvsGeoWarning,
        match=r"2 code\(s\) de commune.*A : 62210 -> 62154 Bonnières; B : 59355 -> 59350 Lille",
    ):
        s = avs_geo.load_structures(path, communes=pdc_2022)
    assert s["zone_communes"].tolist() == [("62154",), ("59350",), ("59360",)]
    zones = avs_geo.build_zones(s, communes=pdc_2022).set_index("structure_id")
    by_code = pdc_2022.set_index("code_insee")
    assert zones.loc["A"].geometry.area == pytest.approx(by_code.loc["62154"].geometry.area)
    assert zones.loc["B"].geometry.area == pytest.approx(by_code.loc["59350"].geometry.area)


def test_build_zones_replaces_former_codes_once(tmp_path: Path, pdc_2022: gpd.GeoDataFrame) -> None:
    s = avs_geo.load_structures(_structures(tmp_path, [("A", "62210")]))
    assert s["zone_communes"].tolist() == [("62210",)]
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"A : 62210 -> 62154 Bonnières"):
        zones = avs_geo.build_zones(s, communes=pdc_2022)
    by_code = pdc_2022.set_index("code_insee")
    assert zones.geometry.iloc[0].area == pytest.approx(by_code.loc["62154"].geometry.area)


def test_former_code_without_vintage_is_still_an_error(tmp_path: Path) -> None:
    # communes of 2018 have no anciens_codes: an unknown code stays an error
    communes = avs_geo.load_communes(departement="59")
    with pytest.raises(avs_geo.UnknownCodeError, match=r"A: 59355"):
        avs_geo.load_structures(_structures(tmp_path, [("A", "59355")]), communes=communes)


def test_unknown_code_with_vintage_is_an_error(tmp_path: Path, pdc_2022: gpd.GeoDataFrame) -> None:
    path = _structures(tmp_path, [("A", "59999;62210")])
    with (
        pytest.raises(avs_geo.UnknownCodeError, match=r"A: 59999\b"),
        pytest.warns(avs_geo.AvsGeoWarning, match="62210 -> 62154"),
    ):
        avs_geo.load_structures(path, communes=pdc_2022)


def test_arrondissement_is_not_widened() -> None:
    paris = avs_geo.read.communes._former_by_current(2022)
    assert "75101" not in paris["75056"]
    assert "13201" not in paris["13055"]


def test_candidates_with_former_code() -> None:
    communes = gpd.GeoDataFrame(
        {
            "code_insee": ["31001", "31002"],
            "nom": ["Un", "Deux"],
            "anciens_codes": [("31900",), ()],
        },
        geometry=[box(0, 0, 100, 100), box(100, 0, 300, 100)],
        crs=L93,
    )
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"\(candidat : .*31900 : 31900 -> 31001 Un"):
        s = score_sites(["31900"], coverage_abc(), zones=zones_abc(), communes=communes)
    assert s.loc[0, "gain_area_m2"] == pytest.approx(5_000)


def test_former_codes_by_hand() -> None:
    layer = pd.DataFrame(
        {"code_insee": ["1", "2"], "nom": ["Un", "Deux"], "anciens_codes": [("9", "2"), ()]}
    )
    assert former_codes(layer).to_dict() == {"9": "1"}  # a current code is never replaced
    assert former_codes(layer.drop(columns="anciens_codes")).empty
    same = np.array(["1", "2"], dtype=object)
    assert replace_former_codes(np.array([0, 0]), same, ids=np.array(["S"]), communes=layer) is same
