"""Postcodes as zones (issue 13): a postcode stands for the communes it serves."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pytest

import avs_geo
from avs_geo.errors import AvsGeoWarning, UnknownCodeError
from avs_geo.read.communes import commune_metadata, postcode_communes


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    return avs_geo.load_communes(departement=["59", "62"])


def _file(tmp_path: Path, *zones: str) -> Path:
    path = tmp_path / "s.csv"
    rows = [f'S{i};EVS;50.60;3.10;"{z}"' for i, z in enumerate(zones, start=1)]
    path.write_text("\n".join(["id;type;lat;lon;communes", *rows]) + "\n", encoding="utf-8")
    return path


def test_postcodes_come_with_the_embedded_metadata() -> None:
    meta = commune_metadata(2026).set_index("code_insee")
    assert meta.loc["59350", "codes_postaux"] == ("59000", "59160", "59260", "59777", "59800")
    assert [c[0] for c in postcode_communes(2022)["59780"]] == ["59044", "59124", "59660"]


def test_a_postcode_of_one_commune(tmp_path: Path, communes: gpd.GeoDataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # one commune: nothing to say
        s = avs_geo.load_structures(_file(tmp_path, "59000", "59800"), communes=communes)
    assert s["zone_communes"].tolist() == [("59350",), ("59350",)]


def test_a_postcode_of_several_communes_takes_them_all(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    with pytest.warns(
        AvsGeoWarning,
        match=r"code\(s\) postal\(aux\) lu\(s\) comme zone, chacun pour toutes les communes "
        r"qu'il dessert : 59780 -> Baisieux \(59044\), Camphin-en-Pévèle \(59124\), Willems "
        r"\(59660\) : 'S1'",
    ):
        s = avs_geo.load_structures(_file(tmp_path, "59780;59009"), communes=communes)
    assert s["zone_communes"].tolist() == [("59044", "59124", "59660", "59009")]


def test_a_merged_commune_gets_every_piece_of_the_older_contours(tmp_path: Path) -> None:
    """30570 serves Saint-André-de-Majencoules and Val-d'Aigoual, a merger (2019) of
    Valleraugue (30339) and Notre-Dame-de-la-Rouvière (30190): on the 2018 contours,
    both pieces."""
    communes = avs_geo.load_communes(departement="30")
    with pytest.warns(AvsGeoWarning, match=r"30570 -> .*Val-d'Aigoual \(30339\)"):
        s = avs_geo.load_structures(_file(tmp_path, "30570"), communes=communes)
    assert s["zone_communes"].tolist() == [("30229", "30339", "30190")]
    current = avs_geo.load_communes(departement="30", vintage=2026)
    with pytest.warns(AvsGeoWarning, match=r"30570"):
        s = avs_geo.load_structures(_file(tmp_path, "30570"), communes=current)
    assert s["zone_communes"].tolist() == [("30229", "30339")]


def test_insee_and_postcode_at_once_is_a_problem_listing_the_candidates(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    """59350 is Lille's INSEE code and Saint-André-lez-Lille's postcode: in a file that
    writes postcodes (59780), which one is meant cannot be told."""
    with (
        pytest.raises(
            UnknownCodeError,
            match=r"code à la fois code INSEE et code postal.* ligne 3 : '59350 : code INSEE "
            r"de Lille, code postal de 59527 Saint-André-lez-Lille' \(S2\)",
        ) as caught,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", AvsGeoWarning)
        avs_geo.load_structures(_file(tmp_path, "59780", "59350"), communes=communes)
    assert caught.value.problems["ligne"].tolist() == [3]


def test_a_commune_written_by_its_name_is_never_a_postcode(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    """Lille, Wattrelos and Loos are written by name next to a postcode (59780): their
    INSEE codes (59350, 59650, 59360) are also postcodes of other communes, but the
    planner wrote names, so nothing is ambiguous; a typed 59350 still is."""
    with pytest.warns(AvsGeoWarning, match=r"59780 -> Baisieux") as caught:
        s = avs_geo.load_structures(
            _file(tmp_path, "59780", "Lille", "Roubaix ; Wattrelos", "Loos"), communes=communes
        )
    assert not [w for w in caught if "code INSEE et code postal" in str(w.message)]
    assert s["zone_communes"].tolist() == [
        ("59044", "59124", "59660"),
        ("59350",),
        ("59512", "59650"),
        ("59360",),
    ]
    with (
        pytest.raises(
            UnknownCodeError,
            match=r"code à la fois code INSEE et code postal.* ligne 3 : '59350 : code INSEE "
            r"de Lille, code postal de 59527 Saint-André-lez-Lille' \(S2\)",
        ),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", AvsGeoWarning)
        avs_geo.load_structures(_file(tmp_path, "59780", "Roubaix ; 59350"), communes=communes)


def test_a_file_of_insee_codes_reads_as_before(tmp_path: Path, communes: gpd.GeoDataFrame) -> None:
    """No postcode in the file: 59350 and 62270 are Lille and Divion, without a word."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = avs_geo.load_structures(_file(tmp_path, "59350", "62270"), communes=communes)
    assert s["zone_communes"].tolist() == [("59350",), ("62270",)]


def test_an_unknown_five_digit_code_is_still_refused(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    with pytest.raises(UnknownCodeError, match=r"S1: 59999"):
        avs_geo.load_structures(_file(tmp_path, "59999"), communes=communes)


def test_an_old_code_gone_before_the_contours_reads_as_a_postcode(
    tmp_path: Path, communes: gpd.GeoDataFrame
) -> None:
    """59510 named a commune merged into Dunkerque long before 2018: not a commune of the
    2018 contours, it reads as the postcode of Hem and Forest-sur-Marque."""
    assert "59510" not in set(communes["code_insee"])
    with pytest.warns(AvsGeoWarning, match=r"59510 -> Forest-sur-Marque \(59247\), Hem \(59299\)"):
        s = avs_geo.load_structures(_file(tmp_path, "59510"), communes=communes)
    assert s["zone_communes"].tolist() == [("59247", "59299")]
