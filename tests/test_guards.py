"""Guard rails (issue 13): layers in different places stop the run; a QPV generation that
does not match the date warns."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely import Point, box

import avs_geo
from avs_geo import cli
from avs_geo.datasets import get_path
from avs_geo.errors import AvsGeoWarning, InputFileError
from avs_geo.workflows import load_inputs
from avs_geo.workflows.guards import check_overlap, structure_departements, warn_generation
from tests.nord_qpv import write_nord_qpv

NORD = get_path("structures_exemple_nord_2022")
OCCITANIE = {
    "structures": get_path("structures_exemple_occitanie"),
    "perimeters": get_path("zones_exemple_occitanie"),
}
NO_OVERLAP = (
    r"Les structures et les QPV ne se recouvrent pas : les structures \(fichier '.*"
    r"exemple_structures_nord_2022.csv'\) sont dans le\(s\) département\(s\) Nord \(59\), "
    r"les QPV \(les QPV 2015 d'Occitanie embarqués .*\) dans le\(s\) département\(s\) "
    r"Ariège \(09\), .*Haute-Garonne \(31\).* --qpv FICHIER"
)


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_nord_structures_with_the_embedded_qpv_stop(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=NO_OVERLAP) as caught:
        load_inputs(structures=NORD)
    assert caught.value.layer == "qpv" and caught.value.parameters == ("qpv",)
    with pytest.raises(InputFileError, match=NO_OVERLAP):
        avs_geo.run_coverage(tmp_path / "out", structures=NORD, date="31/12/2022", maps=False)
    assert not (tmp_path / "out" / "couverture_qpv.csv").exists()


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_cli_nord_structures_without_qpv_exit_2(tmp_path: Path) -> None:
    argv = ["couverture", "--structures", str(NORD), "--date", "31/12/2022", "--sans-cartes"]
    code, out, err = _cli([*argv, "--sortie", str(tmp_path / "a")])
    assert code == 2
    assert "ne sont pas couverts" not in out
    assert "Erreur : Les structures et les QPV ne se recouvrent pas" in err
    assert "Nord (59)" in err and "--qpv FICHIER" in err
    # With the QPV of the Nord, the same run goes on.
    qpv = write_nord_qpv(tmp_path / "qpv nord.geojson")
    code, out, err = _cli([*argv, "--qpv", str(qpv), "--sortie", str(tmp_path / "b")])
    assert code == 0, err
    assert "3 QPV" in out


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_departement_kept_is_named(tmp_path: Path) -> None:
    """QPV kept for one department, structures of another: the message says so."""
    qpv = write_nord_qpv(tmp_path / "qpv.geojson")
    structures = tmp_path / "s.csv"
    structures.write_text(
        "structure_id;type;lat;lon;zone_communes\nA;CS;43.6045;1.4440;31555\n", encoding="utf-8"
    )
    with pytest.raises(
        InputFileError,
        match=r"Haute-Garonne \(31\), les QPV \(fichier '.*qpv.geojson'\) dans le\(s\) "
        r"département\(s\) Nord \(59\)",
    ):
        load_inputs(structures=structures, qpv=qpv)
    with pytest.raises(InputFileError, match=r"gardés pour --departement 31\) .*Haute-Garonne"):
        load_inputs(structures=NORD, departement="31")


def _layers(radius: float) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Two communes side by side (dept 11 | dept 31), a QPV 300 m past the border, and a
    structure 100 m before it with a radius."""
    crs = "EPSG:2154"
    communes = gpd.GeoDataFrame(
        {"code_insee": ["11001", "31001"], "departement": ["11", "31"]},
        geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)],
        crs=crs,
    )
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP031001"], "departement": ["31"]},
        geometry=[box(1300, 400, 1500, 600)],
        crs=crs,
    )
    structures = gpd.GeoDataFrame(
        {"zone_communes": [()], "zone_qpv": [()], "zone_rayon_m": [radius]},
        geometry=[Point(900, 500)],
        crs=crs,
    )
    return qpv, structures, communes


def test_a_radius_crossing_the_border_lets_the_run_go_on() -> None:
    qpv, structures, communes = _layers(radius=500.0)  # reaches x = 1400: inside the QPV
    assert structure_departements(structures, communes) == {"11"}
    check_overlap(qpv, structures, communes, qpv_source=None, structures_source="s")
    qpv, structures, communes = _layers(radius=300.0)  # stops at x = 1200: short of it
    with pytest.raises(InputFileError, match=r"structures \(s\) sont dans le\(s\) "
                       r"département\(s\) Aude \(11\), .*Haute-Garonne \(31\)"):  # fmt: skip
        check_overlap(qpv, structures, communes, qpv_source=None, structures_source="s")


def test_departements_of_zone_codes_count() -> None:
    """A structure of the Aude whose zone names a commune of the Haute-Garonne overlaps."""
    qpv, structures, communes = _layers(radius=float("nan"))
    structures = structures.assign(zone_communes=[("31001",)])
    assert structure_departements(structures, communes) == {"11", "31"}
    check_overlap(qpv, structures, communes, qpv_source=None, structures_source="s")
    structures = structures.assign(zone_communes=[()], zone_qpv=[("QP031001",)])
    check_overlap(qpv, structures, communes, qpv_source=None, structures_source="s")


@pytest.mark.parametrize(
    ("codes", "day", "expected"),
    [
        (["QP059001"], dt.date(2023, 12, 31), None),
        (["QP059001"], dt.date(2024, 1, 1), "génération 2015 .* le 01/01/2024"),
        (["QP059001", "QP059002"], dt.date(2024, 12, 31), "Les 2 QPV lus sont de la génération 2015"),
        (["QN05901M"], dt.date(2024, 1, 1), None),
        (["QN05901M"], dt.date(2023, 12, 31), "génération 2024 .* le 31/12/2023 .* QPV 2015"),
        (["QN05901M"], None, None),
    ],
)  # fmt: skip
def test_generation_that_does_not_match_the_date_warns(
    codes: list[str], day: dt.date | None, expected: str | None
) -> None:
    qpv = pd.DataFrame({"code_qpv": codes})
    if expected is None:
        warn_generation(qpv, day)  # filterwarnings=error: any warning fails
    else:
        with pytest.warns(AvsGeoWarning, match=expected):
            warn_generation(qpv, day)


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_2015_qpv_at_a_2024_date_warn_in_a_run(tmp_path: Path) -> None:
    with pytest.warns(AvsGeoWarning, match=r"Les 105 QPV lus sont de la génération 2015"):
        run = avs_geo.run_coverage(tmp_path / "out", **OCCITANIE, date="31/12/2024", maps=False)
    assert len(run.coverage) == 105  # a warning: the run goes on
    with warnings.catch_warnings():
        warnings.simplefilter("error", AvsGeoWarning)
        warnings.filterwarnings("ignore", "32 géométrie")
        avs_geo.run_coverage(tmp_path / "b", **OCCITANIE, date="31/12/2023", maps=False)


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_cli_2024_qpv_at_a_2022_date_warn(tmp_path: Path) -> None:
    qpv = write_nord_qpv(tmp_path / "qpv2024.geojson", prefix="QN")
    argv = ["couverture", "--structures", str(NORD), "--qpv", str(qpv), "--sans-cartes"]
    code, _, err = _cli([*argv, "--date", "31/12/2022", "--sortie", str(tmp_path / "a")])
    assert code == 0, err
    assert "Attention : Les 3 QPV lus sont de la génération 2024 (codes QN..." in err
    assert "le 31/12/2022" in err
    code, _, err = _cli([*argv, "--date", "31/12/2024", "--sortie", str(tmp_path / "b")])
    assert code == 0 and "génération" not in err


def test_a_series_of_dates_warns_once_naming_the_dates() -> None:
    qpv = pd.DataFrame({"code_qpv": ["QN05901M", "QN05902M"]})
    days = [dt.date(2021, 12, 31), dt.date(2022, 12, 31), dt.date(2024, 12, 31)]
    with pytest.warns(AvsGeoWarning) as caught:
        warn_generation(qpv, days)
    assert len(caught) == 1
    assert re.search(
        r"^Les 2 QPV lus sont de la génération 2024 .* alors que les dates sont les "
        r"31/12/2021, 31/12/2022 : .* à ces dates\. Donnez les QPV 2015",
        str(caught[0].message),
    )


@pytest.mark.filterwarnings("ignore:32 géométrie")
def test_cli_evolution_warns_once_for_all_its_dates(tmp_path: Path) -> None:
    qpv = write_nord_qpv(tmp_path / "qpv2024.geojson", prefix="QN")
    argv = ["evolution", "--structures", str(NORD), "--qpv", str(qpv), "--sans-cartes"]
    argv += ["--dates", "31/12/2021", "31/12/2022", "31/12/2023", "--sortie", str(tmp_path)]
    code, _, err = _cli(argv)
    assert code == 0, err
    assert err.count("génération 2024") == 1, err
    assert "alors que les dates sont les 31/12/2021, 31/12/2022, 31/12/2023 :" in err
