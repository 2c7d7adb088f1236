"""The territory diagnostic tables: known answers by hand, errors, the Nord figures."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import Point, box

import avs_geo
from avs_geo import AvsGeoWarning, ParameterError, SchemaError
from avs_geo.coverage.communes import commune_coverage
from avs_geo.report.territories import (
    commune_groups,
    commune_table,
    network_table,
    territory_table,
    white_zone_sentence,
)

L93 = "EPSG:2154"

# Three communes in two EPCI; territories: the EPCI "CA A" (SIREN 1) -> "Nord", and
# commune 59003 by its own code -> "Sud" (a commune code wins over its EPCI).
COMMUNES = gpd.GeoDataFrame(
    {
        "code_insee": ["59001", "59002", "59003"],
        "nom": ["Un", "Deux", "Trois"],
        "epci_siren": ["1", "1", "2"],
        "epci_nom": ["CA A", "CA A", "CC B"],
        "population": [1000, 200, 300],
    },
    geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)],
    crs=L93,
)
TERRITORIES = {"1": "Nord", "59003": "Sud"}


def structures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "structure_id": ["CS1", "EVS1", "EVS2", "EVS3"],
            "type": ["centre_social", "evs", "evs", "evs"],
            "date_agrement": pd.to_datetime(["2015-01-01", "2022-05-01", "2019-01-01", None]),
            "date_fin": pd.to_datetime([None, None, "2022-07-01", None]),
            "zone_communes": [(), (), (), ("59003",)],
        },
        geometry=[Point(10, 10), Point(50, 50), Point(250, 50), None],
        crs=L93,
    )


def coverage_of_communes() -> gpd.GeoDataFrame:
    # CS1 covers 59001 in full, EVS3 half of 59003; 59002 has no offer.
    zones = gpd.GeoDataFrame(
        {"structure_id": ["CS1", "EVS3"]},
        geometry=[box(0, 0, 100, 100), box(200, 0, 250, 100)],
        crs=L93,
    )
    return commune_coverage(COMMUNES, zones)


def test_territory_table_by_epci_by_hand() -> None:
    table = territory_table(coverage_of_communes(), structures=structures(), at="31/12/2022")
    rows = table.set_index("EPCI")
    assert rows.index.tolist() == ["CA A", "CC B", "Total"]
    assert rows["Nombre de communes"].tolist() == [2, 1, 3]
    assert rows["Communes sans offre AVS"].tolist() == [1, 0, 1]
    assert rows["Habitants des communes sans offre"].tolist() == [200, 0, 200]
    assert rows["Habitants hors de toute zone (estimation)"].tolist() == [200, 150, 350]
    assert rows["Part des habitants hors de toute zone (%)"].tolist() == pytest.approx(
        [200 / 1200 * 100, 50.0, 350 / 1500 * 100]
    )
    # at 31/12/2022: CS1 and EVS1 in 59001, EVS3 (no location: its zone's commune) in
    # 59003; EVS2 closed on 1/7/2022.
    assert rows["Centres sociaux"].tolist() == [1, 0, 1]
    assert rows["EVS"].tolist() == [1, 1, 2]
    assert rows["Habitants par centre social"].tolist()[0] == 1200
    assert np.isnan(rows["Habitants par centre social"].iloc[1])
    assert rows["Habitants par EVS"].tolist() == [1200, 300, 750]
    assert table.formats["Part des habitants hors de toute zone (%)"] == "percent1"
    assert table.formats["EVS"] == "integer"


def test_territory_table_by_territory_then_epci_with_qpv_classes() -> None:
    qpv = pd.DataFrame(
        {
            "code_qpv": ["QP059001", "QP059002", "QP059003"],
            "coverage_status": ["full", "none", "partial"],
            "territoire": ["Nord", ("Nord", "Sud"), "Sud"],
            "epci_nom": ["CA A", ("CA A", "CC B"), "CC B"],
        }
    )
    table = territory_table(
        coverage_of_communes(),
        by=("territoire", "epci"),
        territories=TERRITORIES,
        coverage=qpv,
    )
    assert table[["Territoire", "EPCI"]].values.tolist() == [
        ["Nord", "CA A"],
        ["Sud", "CC B"],
        ["Total", ""],
    ]
    assert table["QPV couverts en totalité"].tolist() == [1, 0, 1]
    # QP059002 straddles both: it counts in each block (and twice in the total of blocks)
    assert table["QPV non couverts"].tolist() == [1, 1, 2]
    assert table["QPV couverts partiellement"].tolist() == [0, 1, 1]


def test_commune_groups_and_errors() -> None:
    groups = commune_groups(COMMUNES, ("territoire", "commune"), territories=TERRITORIES)
    assert groups["territoire"].tolist() == ["Nord", "Nord", "Sud"]
    assert groups["commune"].tolist() == ["Un (59001)", "Deux (59002)", "Trois (59003)"]
    with pytest.raises(ParameterError, match="demande territories="):
        commune_groups(COMMUNES, "territoire")
    with pytest.raises(ParameterError, match="by doit être l'un de"):
        commune_groups(COMMUNES, "region")
    with pytest.raises(SchemaError, match="pas de colonne pour le niveau 'epci'"):
        territory_table(
            coverage_of_communes(),
            coverage=pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["full"]}),
        )


def test_structure_outside_the_communes_warns_with_its_id() -> None:
    outside = structures().iloc[[0]].set_geometry([Point(5000, 5000)], crs=L93)
    with pytest.warns(AvsGeoWarning, match="comptées sous 'Non renseigné' : 'CS1'"):
        table = network_table(outside, COMMUNES, at="2022-12-31")
    assert table["EPCI"].tolist() == ["Non renseigné", "Total"]


def test_network_table_created_and_closed_by_hand() -> None:
    table = network_table(structures(), COMMUNES, at="31/12/2022").set_index("EPCI")
    assert table.loc["CA A"].tolist() == [1, 1, 0, 1, 0, 0]
    # EVS2 (created 2019, closed 1/7/2022) and EVS3 (active, no dates) in CC B
    assert table.loc["CC B"].tolist() == [0, 1, 0, 0, 0, 1]
    assert table.columns[0] == "Centres sociaux en activité au 31 décembre 2022"


def test_white_zone_sentence_and_commune_table() -> None:
    cov = coverage_of_communes()
    assert white_zone_sentence(cov) == (
        "1 commune (200 habitants) n'est couverte par aucune structure d'animation de la "
        "vie sociale. Au total, 350 habitants (estimation au prorata de la surface) vivent "
        "hors de toute zone d'intervention."
    )
    assert white_zone_sentence(cov, language="en").startswith(
        "1 municipality (200 inhabitants) is covered by no social-life structure."
    )
    table = commune_table(cov, territories=TERRITORIES)
    # A commune is feminine: "Couverte", not the QPV's "Couvert".
    assert table["Couverture"].tolist() == [
        "Couverte en totalité",
        "Commune sans offre AVS",
        "Couverte partiellement",
    ]
    none = cov.assign(coverage_status="none", no_offer=False)
    assert set(commune_table(none)["Couverture"]) == {"Non couverte"}
    assert commune_table(cov, language="en")["Coverage"].tolist()[0] == "Fully covered"
    assert table["Part de la surface couverte (%)"].tolist() == [100.0, 0.0, 50.0]
    assert table["Territoire"].tolist() == ["Nord", "Nord", "Sud"]
    assert table["Structures"].tolist() == ["CS1", "", "EVS3"]


def test_nord_white_zones_by_epci() -> None:
    communes = avs_geo.load_communes(departement="59", vintage=2022)
    s = avs_geo.load_structures(avs_geo.datasets.get_path("structures_exemple_nord_2022"))
    zones = avs_geo.build_zones(s, communes=communes, at="2022-12-31")
    cov = commune_coverage(communes, zones)
    table = territory_table(cov, structures=s, at="31/12/2022").set_index("EPCI")
    total = table.loc["Total"]
    assert total["Nombre de communes"] == 648
    assert total["Population"] == 2_607_746
    # the six example zones reach 15 communes: 633 left without any offer
    reached = {c for t in s["zone_communes"] for c in t}
    assert total["Communes sans offre AVS"] == 648 - len(reached) == 633
    assert total["Centres sociaux"] == 1
    assert total["EVS"] == 5
    pop = communes.set_index("code_insee")["population"]
    assert total["Habitants des communes sans offre"] == pop.sum() - pop.loc[list(reached)].sum()
    assert table.loc["CA du Caudrésis et du Catésis", "EVS"] == 2


def test_nord_example_files_say_there_are_no_qpv(tmp_path) -> None:
    import datetime as dt

    from avs_geo.workflows.territories import NORD_FILES, nord_example

    run = nord_example(tmp_path, day=dt.date(2022, 12, 31))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NORD_FILES.values())
    note = (tmp_path / NORD_FILES["note"]).read_text(encoding="utf-8")
    assert "Les contours des QPV du Nord ne sont pas dans les données" in note
    assert "EVS de Noordpeene (exemple) (NORD-2022-04) : +2\u00a0803 habitants sans offre" in note
    assert run.sentence.startswith("633 communes (2\u00a0513\u00a0674 habitants)")
    territories = run.territories.set_index("Territoire")
    assert territories.loc["Total", "Communes sans offre AVS"] == 633
    assert territories.loc["Flandre", "EVS"].sum() == 1  # one row per EPCI of Flandre
    sites = pd.read_csv(tmp_path / NORD_FILES["sites"], sep=";", encoding="utf-8-sig")
    assert sites["Population gagnée (estimée)"].isna().all()
    assert (
        sites.set_index("Identifiant").loc["NORD-2022-05", "Habitants sans offre gagnés (estimés)"]
        == 4759
    )


# --- outputs: workbook sheets, GeoPackage layer, network map ---------------------------------


def test_write_report_adds_communes_territories_and_network_sheets(tmp_path) -> None:
    import openpyxl

    qpv = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["full"]})
    cov = coverage_of_communes()
    path = avs_geo.write_report(
        qpv,
        tmp_path / "r.xlsx",
        date="31/12/2022",
        communes=cov,
        structures=structures(),
        territories=TERRITORIES,
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Synthèse", "QPV", "Communes", "Territoires", "Réseau", "Méthode"]
    communes = [[c.value for c in row] for row in book["Communes"].iter_rows(max_col=4)]
    assert communes[0] == ["Code INSEE", "Commune", "EPCI", "Territoire"]
    assert [r[0] for r in communes[1:]] == ["59001", "59002", "59003"]
    assert [r[3] for r in communes[1:]] == ["Nord", "Nord", "Sud"]
    sheet = book["Territoires"]
    title = sheet.cell(1, 1).value
    assert title.startswith("Communes sans offre et réseau d'animation de la vie sociale")
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(values) if r[0] == "Territoire")
    table = pd.DataFrame(values[header + 1 :], columns=values[header]).set_index("Territoire")
    # by hand: Nord = 59001 (CS1, EVS1) and 59002 (no offer, 200 inhabitants); Sud = 59003
    assert table.loc["Nord", "Communes sans offre AVS"] == 1
    assert table.loc["Nord", "Habitants des communes sans offre"] == 200
    assert table.loc["Sud", "EVS"] == 1 and table.loc["Total", "EVS"] == 2
    network = [[c.value for c in row] for row in book["Réseau"].iter_rows()]
    assert network[next(i for i, r in enumerate(network) if r[0] == "Territoire")][:3] == [
        "Territoire",
        "EPCI",
        "Centres sociaux en activité au 31 décembre 2022",
    ]
    with pytest.raises(ParameterError, match="donnez aussi communes="):
        avs_geo.write_report(qpv, tmp_path / "s.xlsx", structures=structures())


def test_no_network_sheet_without_a_date(tmp_path) -> None:
    import openpyxl

    qpv = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["full"]})
    path = avs_geo.write_report(
        qpv, tmp_path / "r.xlsx", communes=coverage_of_communes(), structures=structures()
    )
    # the communes carry their EPCI: the diagnostic is by EPCI; active, created, closed
    # need a date, so no Réseau sheet
    assert openpyxl.load_workbook(path).sheetnames == [
        "Synthèse",
        "QPV",
        "Communes",
        "Territoires",
        "Méthode",
    ]


def test_geopackage_layer_of_the_white_zones_styled_with_french_aliases(tmp_path) -> None:
    import sqlite3

    from avs_geo.write.gis import coverage_geopackage

    path = coverage_geopackage(None, tmp_path / "c.gpkg", commune_coverage=coverage_of_communes())
    layer = gpd.read_file(path, layer="communes_couverture")
    assert layer["commune_class"].tolist() == ["full", "no_offer", "partial"]
    assert layer["commune_class_label"].tolist() == [
        "Couverte en totalité",
        "Commune sans offre AVS",
        "Couverte partiellement",
    ]
    assert layer["coverage_percent"].tolist() == [100.0, 0.0, 50.0]
    assert layer["commune_area_ha"].tolist() == [1.0, 1.0, 1.0]
    with sqlite3.connect(path) as db:
        aliases = dict(
            db.execute(
                "SELECT column_name, name FROM gpkg_data_columns "
                "WHERE table_name = 'communes_couverture'"
            ).fetchall()
        )
        (qml,) = db.execute(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = 'communes_couverture'"
        ).fetchone()
    assert aliases["no_offer"] == "Sans offre AVS (aucune zone ne l'atteint)"
    assert aliases["uncovered_population"] == "Habitants hors de toute zone (estimés)"
    assert 'value="no_offer"' in qml and "Commune sans offre AVS" in qml
    assert "Couverte partiellement" in qml and "Couvert partiellement" not in qml
    with pytest.raises(SchemaError, match="no_offer"):
        coverage_geopackage(None, tmp_path / "d.gpkg", commune_coverage=COMMUNES)


def test_nord_network_map_counts_the_structures_of_each_territory() -> None:
    from avs_geo.maps import network_figure

    communes = avs_geo.load_communes(departement="59", vintage=2022)
    s = avs_geo.load_structures(avs_geo.datasets.get_path("structures_exemple_nord_2022"))
    grouping = avs_geo.load_territories(
        avs_geo.datasets.get_path("territoires_exemple_nord"), vintage=2022
    )
    fig = network_figure(communes, s, territories=grouping, at="31/12/2022")
    labels = sorted(t.get_text() for t in fig.axes[0].texts if "EVS" in t.get_text())
    # the six EXAMPLE structures of 2022: CS Espace Mosaïque and EVS Arago (Loos, MEL),
    # EVS Noordpeene (Flandre), EVS Adesa (Anzin, Valenciennes: Pévèle-Bassin minier),
    # EVS Le Riot and Trait d'Union (Cambrésis)
    assert labels == [
        "Cambrésis-Sambre-Avesnois\n0 CS · 2 EVS",
        "Flandre\n0 CS · 1 EVS",
        "Métropole européenne de Lille\n1 CS · 1 EVS",
        "Pévèle-Bassin minier\n0 CS · 1 EVS",
    ]
    assert fig.axes[0].get_title() == "Centres sociaux et EVS par territoire au 31 décembre 2022"
