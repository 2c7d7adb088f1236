"""load_candidates and the normalisation of what a planner gives as candidates."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import box

import avs_geo
from avs_geo import (
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    MissingFileError,
    ParameterError,
    SchemaError,
)
from avs_geo.datasets import get_path
from avs_geo.read.candidates import as_candidates, load_candidates

L93 = "EPSG:2154"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_old_import_paths_still_work() -> None:
    import avs_geo.sites
    import avs_geo.sites.candidates

    assert avs_geo.load_candidates is load_candidates
    assert avs_geo.sites.load_candidates is load_candidates
    assert avs_geo.sites.candidates.load_candidates is load_candidates
    assert avs_geo.sites.candidates.as_candidates is as_candidates
    assert avs_geo.read.load_candidates is load_candidates


def test_load_example_candidates() -> None:
    cands = load_candidates(get_path("candidats_exemple_occitanie"))
    assert len(cands) == 18
    assert cands["candidat_id"].is_unique
    assert cands.crs == L93
    assert set(shapely.get_type_id(cands.geometry.to_numpy())) == {0}
    assert cands["zone_communes"].map(len).eq(0).all()
    assert cands["zone_rayon_m"].isna().all()


def test_load_candidates_aliases_radius_and_communes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.csv",
        "Identifiant;Nom;Latitude;Longitude;Rayon;Communes\n"
        "1;Salle;43,6;1,44;300;\n"
        '2;Commune;;;;"31555;31069"\n'
        "3;Grande salle;43.6;1.45;1 000,5;\n",
    )
    cands = load_candidates(path)
    assert cands["candidat_id"].tolist() == ["1", "2", "3"]
    assert cands.loc[0, "zone_rayon_m"] == 300
    assert cands.loc[2, "zone_rayon_m"] == 1000.5
    assert np.isnan(cands.loc[1, "zone_rayon_m"])
    assert cands.loc[1, "zone_communes"] == ("31555", "31069")
    assert shapely.is_missing(cands.geometry.to_numpy()[1])
    back = cands.geometry.iloc[[0]].to_crs(4326)
    assert back.y.iloc[0] == pytest.approx(43.6) and back.x.iloc[0] == pytest.approx(1.44)


def test_load_candidates_excel_numbers_as_floats(tmp_path: Path) -> None:
    pd.DataFrame(
        {"id": [59001.0, 59002.0], "lat": [50.63, 50.64], "lon": [3.06, 3.07], "rayon": [250, None]}
    ).to_excel(tmp_path / "c.xlsx", index=False)
    cands = load_candidates(tmp_path / "c.xlsx")
    assert cands["candidat_id"].tolist() == ["59001", "59002"]
    assert cands["nom"].tolist() == ["59001", "59002"]
    assert cands.loc[0, "zone_rayon_m"] == 250 and np.isnan(cands.loc[1, "zone_rayon_m"])


def test_load_candidates_geojson_polygons(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {"id": ["Z1"], "nom": ["Parc"]},
        geometry=[box(574000, 6280000, 574500, 6280400)],
        crs=L93,
    ).to_crs("EPSG:4326")
    path = tmp_path / "c.geojson"
    gdf.to_file(path)
    cands = load_candidates(path)
    assert cands["candidat_id"].tolist() == ["Z1"]
    assert cands.crs == L93
    assert cands.area.iloc[0] == pytest.approx(200_000, rel=1e-3)


def test_load_candidates_errors(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="introuvable"):
        load_candidates(tmp_path / "nope.csv")
    bad = write(tmp_path, "noid.csv", "nom;lat;lon\nA;43.6;1.44\n")
    with pytest.raises(SchemaError, match=r"noid.csv' : il manque la colonne candidat_id"):
        load_candidates(bad)
    dup = write(tmp_path, "dup.csv", "id;lat;lon\nA;43.6;1.44\nA;43.7;1.45\n")
    with pytest.raises(
        DuplicateIdError,
        match=r"identifiant répété \(colonne candidat_id\) : ligne 2 : 'A', ligne 3 : 'A'",
    ):
        load_candidates(dup)
    noid = write(tmp_path, "empty_id.csv", "id;lat;lon\nA;43.6;1.44\n;43.7;1.45\n")
    with pytest.raises(
        SchemaError, match=r"ligne sans identifiant \(colonne candidat_id\) : ligne 3"
    ):
        load_candidates(noid)
    swapped = write(tmp_path, "swapped.csv", "id;lat;lon\nA;1.44;43.6\n")
    with pytest.raises(
        GeometryError, match=r"inversées sur cette ligne .*ligne 2 : '1.44, 43.6' \(A\)"
    ):
        load_candidates(swapped)
    nowhere = write(tmp_path, "nowhere.csv", "id;nom\nA;a\n")
    with pytest.raises(SchemaError, match="ne situe aucun candidat"):
        load_candidates(nowhere)
    badcode = write(tmp_path, "badcode.csv", "id;communes\nA;315\n")
    with pytest.raises(SchemaError, match=r"codes INSEE mal formés.*ligne 2 : '315' \(A\)"):
        load_candidates(badcode)
    radius = write(tmp_path, "radius.csv", "id;lat;lon;rayon\nA;43.6;1.44;-5\n")
    with pytest.raises(SchemaError, match=r"zone_rayon_m\) : ligne 2 : '-5' \(A\)"):
        load_candidates(radius)
    metres = write(tmp_path, "metres.csv", "id;lat;lon\nA;6280000;574000\n")
    with pytest.raises(
        GeometryError, match=r"ne sont pas des degrés .*ligne 2 : '6280000.0, 574000.0' \(A\)"
    ):
        load_candidates(metres)


def test_text_coordinates_are_an_error_even_with_communes(tmp_path: Path) -> None:
    """An empty lat/lon is allowed for a candidate given by its communes; a word is not."""
    ok = write(tmp_path, "ok.csv", 'id;lat;lon;communes\nA;;;"31555"\nB;43.6;1.44;\n')
    assert load_candidates(ok)["candidat_id"].tolist() == ["A", "B"]
    text = write(tmp_path, "text.csv", 'id;lat;lon;communes\nA;nord;1.44;"31555"\n')
    with pytest.raises(
        GeometryError, match=r"non numérique \(colonne lat/lon\) : ligne 2 : 'nord' \(A\)"
    ):
        load_candidates(text)
    none = write(tmp_path, "none.csv", "id;lat;lon;communes\nA;;1.44;\n")
    with pytest.raises(GeometryError, match=r"sans lat/lon .*ligne 2 : \(vide\) \(A\)"):
        load_candidates(none)


def test_as_candidates_errors() -> None:
    with pytest.raises(InputTypeError, match=r"'candidates' doit être .*reçu : int"):
        as_candidates(42, crs=L93)
    with pytest.raises(SchemaError, match=r"un DataFrame sans localisation .*'nom'"):
        as_candidates(pd.DataFrame({"candidat_id": ["A"], "nom": ["a"]}), crs=L93)
    with pytest.raises(SchemaError, match=r"Tableau 'candidates' : il manque la colonne"):
        as_candidates(pd.DataFrame({"nom": ["a"]}), crs=L93)
    with pytest.raises(ParameterError, match="aucun candidat"):
        as_candidates([], crs=L93)
    with pytest.raises(
        SchemaError, match=r"communes candidates : des codes sont vides \(positions 1"
    ):
        as_candidates(["31555", None], crs=L93)
    nowhere = gpd.GeoDataFrame(
        {"candidat_id": ["A"], "zone_communes": [()]}, geometry=[None], crs=L93
    )
    with pytest.raises(GeometryError, match=r"ni localisation ni zone_communes \(ligne 2 : A\)"):
        as_candidates(nowhere, crs=L93)
    lines = gpd.GeoDataFrame(
        {"candidat_id": ["L"]}, geometry=[shapely.LineString([(0, 0), (1, 1)])], crs=L93
    )
    with pytest.raises(GeometryError, match=r"d'autres géométries"):
        as_candidates(lines, crs=L93)


def test_as_candidates_from_frame_and_codes() -> None:
    frame = pd.DataFrame({"id": ["A"], "lat": ["43,6"], "lon": ["1,44"], "rayon_m": ["250"]})
    out = as_candidates(frame, crs=L93)
    assert out["zone_rayon_m"].tolist() == [250.0] and out.crs == L93
    assert frame["lat"].tolist() == ["43,6"]
    codes = as_candidates(np.array([31555.0, "31069"], dtype=object), crs=L93)
    assert codes["candidat_id"].tolist() == ["31555", "31069"]
    assert codes["zone_communes"].tolist() == [("31555",), ("31069",)]


def test_same_bad_radius_same_rule_in_both_readers(tmp_path: Path) -> None:
    """A radius of 0 or below is refused by both readers, with the same French message."""
    header = "structure_id;nom;type;lat;lon;zone_communes;zone_rayon_m\n"
    for radius in ("0", "-5", "0,0"):
        structures = write(tmp_path, "s.csv", header + f"A;x;CS;43.6;1.44;31555;{radius}\n")
        candidates = write(
            tmp_path, "c.csv", f"candidat_id;lat;lon;zone_rayon_m\nA;43.6;1.44;{radius}\n"
        )
        with pytest.raises(SchemaError) as from_structures:
            avs_geo.load_structures(structures)
        with pytest.raises(SchemaError) as from_candidates:
            load_candidates(candidates)
        tail = (
            f" :\n- rayon qui n'est pas un nombre de mètres supérieur à 0 (colonne "
            f"zone_rayon_m) : ligne 2 : '{radius}' (A). Écrivez le rayon en mètres"
        )
        assert f"Fichier des structures '{structures}'{tail}" in str(from_structures.value)
        assert f"Fichier des candidats '{candidates}'{tail}" in str(from_candidates.value)
