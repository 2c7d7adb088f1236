"""The France check of every reader: done on one point per feature in the layer's own CRS."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

import avs_geo
from avs_geo import datasets


@pytest.fixture(scope="module")
def communes_95() -> gpd.GeoDataFrame:
    return gpd.read_file(datasets.get_path("communes_95")).head(12)


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:2154", "EPSG:3857", "EPSG:4171"])
def test_france_in_any_declared_crs(
    tmp_path: Path, communes_95: gpd.GeoDataFrame, crs: str
) -> None:
    path = tmp_path / "communes.gpkg"
    communes_95.to_crs(crs).to_file(path)
    if crs == "EPSG:3857":  # never measured as it came: reprojected, with a word
        with pytest.warns(
            avs_geo.AvsGeoWarning,
            match=r"communes .* Web-Mercator .* reprojetée en EPSG:2154 \(Lambert-93\)",
        ):
            got = avs_geo.load_communes(path)
    else:
        got = avs_geo.load_communes(path)
    assert got.crs == "EPSG:2154"
    assert len(got) == len(communes_95)
    reference = communes_95.to_crs("EPSG:2154").geometry.area.sum()
    assert got.geometry.area.sum() == pytest.approx(reference, rel=1e-6)


def test_projected_layer_outside_france_names_the_features(
    tmp_path: Path, communes_95: gpd.GeoDataFrame
) -> None:
    # Two communes moved 3,000 km east in Lambert-93: the check runs on points in the
    # layer's own CRS and still sees that they lie outside France.
    gdf = communes_95.to_crs("EPSG:2154")
    moved = gdf.index[:2]
    gdf.loc[moved, "geometry"] = shapely.transform(
        gdf.geometry.loc[moved].to_numpy(), lambda xy: xy + np.array([3_000_000, 0])
    )
    path = tmp_path / "communes.gpkg"
    gdf.to_file(path)
    codes = sorted(gdf.loc[moved, "code"])
    with pytest.raises(avs_geo.GeometryError, match=r"2 objet\(s\) .* hors de France") as err:
        avs_geo.load_communes(path)
    assert all(code in str(err.value) for code in codes)


def test_degrees_declared_as_lambert(tmp_path: Path, communes_95: gpd.GeoDataFrame) -> None:
    # Longitude/latitude written with a Lambert-93 CRS: every feature falls off the map.
    gdf = communes_95.to_crs("EPSG:4326").set_crs("EPSG:2154", allow_override=True)
    path = tmp_path / "communes.gpkg"
    gdf.to_file(path)
    with pytest.raises(avs_geo.GeometryError, match=rf"{len(gdf)} objet\(s\) .* hors de France"):
        avs_geo.load_communes(path)


def test_polygons_are_not_reprojected_to_degrees(
    tmp_path: Path, communes_95: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A projected layer (Lambert CC49, used in Val-d'Oise) is checked without sending its
    # polygons to EPSG:4326, then reprojected to Lambert-93 (its working CRS).
    path = tmp_path / "communes.gpkg"
    communes_95.to_crs("EPSG:3949").to_file(path)
    targets: list[str] = []
    for cls in (gpd.GeoSeries, gpd.GeoDataFrame):
        original = cls.to_crs

        def spy(self, crs=None, epsg=None, *, _original=original):
            targets.append(str(crs if crs is not None else epsg))
            return _original(self, crs=crs, epsg=epsg)

        monkeypatch.setattr(cls, "to_crs", spy)
    avs_geo.load_communes(path)
    assert targets, "the spy saw no reprojection at all"
    assert not [t for t in targets if "4326" in t], targets
