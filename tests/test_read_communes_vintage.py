"""load_communes(vintage=...): the current communes of a year, dissolved from 2018 contours."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import avs_geo
from avs_geo.read.communes import (
    VINTAGE_COLUMNS,
    _to_vintage,
    commune_metadata,
    current_code_map,
)


def _squares(path: Path, codes: list[str], sides: list[float]) -> Path:
    """Squares side by side in Lambert-93 (x from 700 km), one per code."""
    x = 700_000.0
    geoms = []
    for side in sides:
        geoms.append(shapely.box(x, 7_000_000.0, x + side, 7_000_000.0 + side))
        x += side
    gpd.GeoDataFrame({"code_insee": codes}, geometry=geoms, crs=2154).to_file(path)
    return path


def test_nord_2022_real_figures() -> None:
    nord = avs_geo.load_communes(departement="59", vintage=2022)
    assert list(nord.columns) == list(VINTAGE_COLUMNS)
    assert len(nord) == 648
    assert int(nord["population"].sum()) == 2_607_746
    assert nord["epci_siren"].nunique() == 17
    assert nord["epci_siren"].notna().all() and nord["code_insee"].is_unique
    lille = nord.set_index("code_insee").loc["59350"]
    assert lille["nom"] == "Lille" and lille["epci_nom"] == "Métropole Européenne de Lille"
    assert "59355" in lille["anciens_codes"]  # Lomme, commune associée


def test_former_commune_maps_to_current_one() -> None:
    # Canteleux (62210) merged into Bonnières (62154) after 2018; Lomme (59355) is a
    # commune associée of Lille; the Paris arrondissements belong to Paris.
    for vintage in (2022, 2026):
        codes = current_code_map(vintage)
        assert codes["62210"] == "62154" and codes["62154"] == "62154"
        assert codes["59355"] == "59350" and codes["75112"] == "75056"


def test_dissolved_commune_keeps_sum_of_areas() -> None:
    raw = avs_geo.load_communes(departement="62").set_index("code_insee")
    current = avs_geo.load_communes(departement="62", vintage=2022).set_index("code_insee")
    assert len(raw) == 891 and len(current) == 890
    assert "62210" not in current.index
    expected = raw.loc["62154"].geometry.area + raw.loc["62210"].geometry.area
    assert current.loc["62154"].geometry.area == pytest.approx(expected, rel=1e-9)
    assert current.loc["62154", "nom"] == "Bonnières"
    assert current.area.sum() == pytest.approx(raw.area.sum(), rel=1e-12)


def test_squares_dissolved_by_hand(tmp_path: Path) -> None:
    # 100 m and 200 m squares: Bonnières (62154) gets 10,000 + 40,000 m2.
    path = _squares(tmp_path / "c.gpkg", ["62154", "62210", "59350"], [100.0, 200.0, 300.0])
    with pytest.warns(avs_geo.AvsGeoWarning, match=r"commune\(s\) du millésime 2022.*'59001'"):
        got = avs_geo.load_communes(path, vintage=2022)
    assert got["code_insee"].tolist() == ["59350", "62154"]
    assert got.area.round(6).tolist() == [90_000.0, 50_000.0]
    assert got["population"].tolist() == [
        int(commune_metadata(2022).set_index("code_insee").loc[c, "population"])
        for c in ("59350", "62154")
    ]


def test_unknown_code_is_an_error_naming_it(tmp_path: Path) -> None:
    path = _squares(tmp_path / "c.gpkg", ["62154", "59999"], [100.0, 100.0])
    with pytest.raises(avs_geo.UnknownCodeError, match=r"millésime 2022.*: '59999'") as info:
        avs_geo.load_communes(path, vintage=2022)
    assert info.value.layer == "communes"


@pytest.mark.parametrize("vintage", [2018, "2022", True, 2030])
def test_unknown_vintage(vintage: object) -> None:
    with pytest.raises(avs_geo.ParameterError, match=r"Millésime de communes inconnu.*2022, 2026"):
        avs_geo.load_communes(departement="59", vintage=vintage)  # type: ignore[arg-type]
    with pytest.raises(avs_geo.ParameterError, match="Millésime"):
        commune_metadata(vintage)  # type: ignore[arg-type]


def test_embedded_vintages_map_every_code() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no commune of the vintage without a contour
        for vintage in (2022, 2026):
            got = avs_geo.load_communes(departement=["59", "62", "95", "31"], vintage=vintage)
            meta = commune_metadata(vintage)
            assert len(got) == meta["departement"].isin(["59", "62", "95", "31"]).sum()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["62154", "62210", "59350", "59001"]), min_size=1, max_size=6))
def test_dissolving_preserves_total_area(codes: list[str]) -> None:
    sides = [50.0 + 10 * i for i in range(len(codes))]
    geoms = []
    x = 700_000.0
    for side in sides:
        geoms.append(shapely.box(x, 7_000_000.0, x + side, 7_000_000.0 + side))
        x += side + 1.0  # apart: no shared edge
    layer = gpd.GeoDataFrame({"code_insee": codes}, geometry=geoms, crs=2154)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        got = _to_vintage(layer.assign(departement=[c[:2] for c in codes]), 2022, "test")
    assert got.area.sum() == pytest.approx(sum(s * s for s in sides), rel=1e-12)
    assert got["code_insee"].is_unique
    assert set(got["code_insee"]) == {current_code_map(2022)[c] for c in codes}
