"""Write the EXAMPLE structure and candidate files of data/structures/.

These are examples, not the real networks (held by each CAF, not open data). They are
made from the real geography (QPV and commune contours embedded in data/) so that every
feature of avs_geo has something to show: all kinds of zone, both types of structure,
dates, overlaps, QPV fully, partly and not covered. Run from the repository root:

    python scripts/make_example_data.py
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import geopandas as gpd
import shapely

import avs_geo

OUT = Path("data/structures")

# id, name, type, anchor (QPV code or INSEE code giving the location), dx, dy (m),
# communes, QPV, radius (m), drawn ("west"/"east"/"south" half of a QPV), start, end
# fmt: off
EXAMPLES: list[tuple] = [
    ('OCC-01', 'Centre social Reynerie', 'Centre social', 'QP031007', 300, 200, '', 'QP031007', '', '', '2019-01-01', ''),
    ('OCC-02', 'Centre social Bagatelle - Cépière', 'CS', 'QP031008', -200, 0, '', 'QP031008;QP031012', '', '', '2020-01-01', '2025-12-31'),
    ('OCC-03', 'Centre social Empalot', 'CS', 'QP031010', 0, 0, '', 'QP031010', '450', '', '2018-09-01', ''),
    ('OCC-04', 'Centre social Izards - Trois Cocus', 'centre social', 'QP031011', 350, 300, '', '', '500', '', '2021-01-01', ''),
    ('OCC-05', 'EVS Soupetard', 'EVS', 'QP031014', 120, -60, '', '', '250', '', '2022-03-01', ''),
    ('OCC-06', 'Centre social de Blagnac', 'CS', '31069', 0, 0, '31069', '', '', '', '2017-01-01', ''),
    ('OCC-07', 'Centre social de Colomiers', 'CS', 'QP031005', 0, 0, '31149', '', '', '', '2016-01-01', ''),
    ('OCC-08', 'EVS Saint-Jean de Muret', 'Espace de vie sociale', 'QP031001', 0, 0, '', 'QP031001', '', '', '2021-06-01', ''),
    ('OCC-09', 'Centre social Mosson', 'CS', 'QP034005', 0, 0, '', 'QP034005;QP034004', '', '', '2015-01-01', ''),
    ('OCC-10', 'Centre social Petit Bard', 'CS', 'QP034006', -100, 0, '', '', '', 'QP034006:west', '2019-01-01', ''),
    ('OCC-11', 'Centre social Figuerolles', 'CS', 'QP034010', 0, 0, '', '', '500', '', '2018-01-01', ''),
    ('OCC-12', "EVS Près d'Arènes", 'EVS', 'QP034012', 0, 0, '', 'QP034012', '', '', '2023-03-01', ''),
    ('OCC-13', 'Centre social de Béziers', 'CS', 'QP034001', 0, 0, '34032', '', '', '', '2016-01-01', ''),
    ('OCC-14', 'EVS Île de Thau', 'EVS', 'QP034017', 0, 0, '', 'QP034017', '', '', '2020-09-01', ''),
    ('OCC-15', 'Centre social Sète Centre (fermé en 2022)', 'CS', 'QP034018', 0, 0, '', 'QP034018', '', '', '2016-01-01', '2022-06-30'),
    ('OCC-16', 'EVS du Pays de Lunel', 'EVS', 'QP034021', 0, 0, '34145;34146;34294;34151', '', '', '', '2020-01-01', ''),
    ('OCC-17', 'Centre social Pissevin', 'CS', 'QP030003', 0, 0, '', '', '800', '', '2014-01-01', ''),
    ('OCC-18', 'Centre social Chemin-Bas', 'CS', 'QP030005', 0, 0, '', 'QP030005', '', '', '2017-01-01', ''),
    ('OCC-19', 'EVS Gambetta', 'EVS', 'QP030004', 0, 0, '', '', '', 'QP030004:south', '2022-01-15', ''),
    ('OCC-20', "Centre social d'Alès", 'CS', 'QP030001', 0, 0, '30007', '', '', '', '2015-01-01', ''),
    ('OCC-21', 'EVS rural des Cévennes', 'EVS', '30010', 0, 0, '30010;30129;30042;30094;30329;30330', '', '', '', '2021-01-01', ''),
    ('OCC-22', 'Centre social du Centre ancien de Perpignan', 'CS', 'QP066008', 0, 0, '', '', '700', '', '2016-01-01', ''),
    ('OCC-23', 'Centre social du Vernet', 'CS', 'QP066005', 0, 0, '', 'QP066005;QP066007;QP066004', '', '', '2018-01-01', ''),
    ('OCC-24', 'EVS Saint-Assiscle', 'EVS', 'QP066002', 0, 0, '', '', '', 'QP066002:east', '2022-05-01', ''),
    ('OCC-25', 'Centre social La Conte', 'CS', 'QP011002', 0, 0, '', 'QP011002', '', '', '2019-01-01', ''),
    ('OCC-26', 'EVS Bastide', 'EVS', 'QP011004', 0, 0, '', '', '350', '', '2021-01-01', ''),
    ('OCC-27', 'Centre social de Narbonne', 'CS', 'QP011008', 0, 0, '11262', '', '', '', '2016-01-01', ''),
    ('OCC-28', 'EVS du Pays de Foix', 'EVS', '09122', 0, 0, '09122;09121;09207;09329;09273', '', '', '', '2020-01-01', ''),
    ('OCC-29', 'Centre social de Pamiers', 'CS', 'QP009003', 0, 0, '', 'QP009003', '', '', '2018-01-01', ''),
    ('OCC-30', 'Centre social de Cantepau', 'CS', 'QP081006', 0, 0, '', 'QP081006', '', '', '2017-01-01', ''),
    ('OCC-31', 'EVS Lameilhé', 'EVS', 'QP081003', 150, 100, '', '', '300', '', '2022-02-01', ''),
    ('OCC-32', 'Centre social de Tarbes', 'CS', 'QP065003', 0, 0, '65440', '', '', '', '2016-01-01', ''),
    ('OCC-33', 'Centre social Chambord', 'CS', 'QP082002', 0, 0, '', 'QP082002', '', '', '2019-01-01', ''),
    ('OCC-34', 'EVS des Quatre Saisons', 'EVS', 'QP012001', 0, 0, '12176', '', '', '', '2021-09-01', ''),
    ('OCC-35', 'EVS du Grand Garros', 'EVS', 'QP032001', 200, 0, '', '', '300', '', '2020-01-01', ''),
]
# fmt: on

# The structures created in 2022 named in the CAF du Nord activity report 2022, with
# zones by commune codes (the Nord QPV contours are not embedded): id, name, type,
# location commune, zone communes, note.
# fmt: off
NORD_2022: list[tuple[str, str, str, str, str, str]] = [
    ('NORD-2022-01', 'Centre social Espace Mosaïque, Loos', 'Centre social', '59360', '59360', 'QPV Les Oliveaux'),
    ('NORD-2022-02', 'EVS Arago, Loos', 'EVS', '59360', '59360', 'QPV Clémenceau Kiener'),
    ('NORD-2022-03', 'EVS Adesa, Anzin', 'EVS', '59014', '59014;59606', "QPV Verrerie-Square République et QPV intercommunal Rives de l'Escaut"),
    ('NORD-2022-04', 'EVS de Noordpeene', 'EVS', '59436', '59436;59669;59433;59119', 'quatre communes'),
    ('NORD-2022-05', 'EVS Le Riot', 'EVS', '59631', '59631;59372;59624', 'communes rurales du Cambrésis'),
    ('NORD-2022-06', "EVS Trait d'Union", 'EVS', '59149', '59149;59074;59382;59118;59311', 'communes rurales du Cambrésis'),
]
# fmt: on

# Candidate sites for a new EVS: places a planner might be offered (rooms, schools).
# fmt: off
CANDIDATES: list[tuple[str, str, str, int, int]] = [
    ('CAND-01', 'Salle municipale Rangueil', 'QP031015', 0, 0),
    ('CAND-02', 'École Saint-Exupéry', 'QP031013', 0, 0),
    ('CAND-03', 'Maison de quartier Bourbaki', 'QP031009', 0, 0),
    ('CAND-04', 'Local associatif La Gloire', 'QP031019', -100, 50),
    ('CAND-05', 'Salle des fêtes de Cugnaux', 'QP031017', 0, 0),
    ('CAND-06', 'Maison des associations Muret Centre', 'QP031002', 0, 0),
    ('CAND-07', 'Local Cévennes (Montpellier)', 'QP034008', 0, 0),
    ('CAND-08', 'Salle Lemasson', 'QP034011', 0, 0),
    ('CAND-09', 'Local Centre-ville de Sète', 'QP034018', 0, 0),
    ('CAND-10', 'Salle Route de Beaucaire', 'QP030007', 0, 0),
    ('CAND-11', 'Maison pour tous de Beaucaire', 'QP030013', 0, 0),
    ('CAND-12', 'Local Quartier Gare Perpignan', 'QP066003', 0, 0),
    ('CAND-13', 'Médiathèque de Castres Centre', 'QP081005', 0, 0),
    ('CAND-14', 'Salle Veyrières (Albi)', 'QP081007', 0, 0),
    ('CAND-15', 'Local Mosson (déjà couvert)', 'QP034005', 0, 0),
    ('CAND-16', 'Salle de Cahors Terre Rouge', 'QP046001', 0, 0),
    ('CAND-17', 'Local Tarbes Nord (déjà couvert)', 'QP065002', 0, 0),
    ('CAND-18', 'Salle de Lourdes Ophite', 'QP065004', 0, 0),
]
# fmt: on


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)
        qpv = avs_geo.load_qpv().set_index("code_qpv")
        communes = avs_geo.load_communes().set_index("code_insee")

    def anchor_point(code: str, dx: float, dy: float) -> shapely.Point:
        layer = qpv if code.startswith("QP") else communes
        p = layer.geometry[code].point_on_surface()
        return shapely.Point(p.x + dx, p.y + dy)

    def to_lonlat(p: shapely.Point) -> tuple[float, float]:
        q = gpd.GeoSeries([p], crs="EPSG:2154").to_crs("EPSG:4326").iloc[0]
        return round(q.x, 5), round(q.y, 5)

    OUT.mkdir(parents=True, exist_ok=True)
    header = [
        "structure_id",
        "nom",
        "type",
        "lat",
        "lon",
        "date_agrement",
        "date_fin",
        "zone_communes",
        "zone_qpv",
        "zone_rayon_m",
        "adresse_exemple",
    ]
    drawn = []
    with open(OUT / "exemple_structures_occitanie.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        for sid, nom, typ, anchor, dx, dy, com, qp, radius, draw, start, end in EXAMPLES:
            lon, lat = to_lonlat(anchor_point(anchor, dx, dy))
            w.writerow(
                [
                    sid,
                    f"{nom} (exemple)",
                    typ,
                    lat,
                    lon,
                    start,
                    end,
                    com,
                    qp,
                    radius,
                    "adresse fictive",
                ]
            )
            if draw:
                code, side = draw.split(":")
                drawn.append((sid, _half(qpv.geometry[code], side)))
    zones = gpd.GeoDataFrame(
        {"structure_id": [d[0] for d in drawn], "source": "périmètre dessiné (exemple)"},
        geometry=[d[1] for d in drawn],
        crs="EPSG:2154",
    ).to_crs("EPSG:4326")
    zones["geometry"] = shapely.set_precision(zones.geometry.to_numpy(), 1e-6)
    zones.to_file(OUT / "exemple_zones_occitanie.geojson", driver="GeoJSON")

    with open(OUT / "exemple_structures_nord_2022.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(
            [
                "structure_id",
                "nom",
                "type",
                "lat",
                "lon",
                "date_agrement",
                "date_fin",
                "zone_communes",
                "zone_qpv",
                "zone_rayon_m",
                "source",
            ]
        )
        for sid, nom, typ, where, com, note in NORD_2022:
            lon, lat = to_lonlat(anchor_point(where, 0, 0))
            w.writerow(
                [
                    sid,
                    f"{nom} (exemple)",
                    typ,
                    lat,
                    lon,
                    "2022-01-01",
                    "",
                    com,
                    "",
                    "",
                    f"Créée en 2022 selon le rapport d'activité 2022 de la CAF du Nord ({note})",
                ]
            )

    with open(OUT / "exemple_candidats_occitanie.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["candidat_id", "nom", "lat", "lon"])
        for cid, nom, anchor, dx, dy in CANDIDATES:
            lon, lat = to_lonlat(anchor_point(anchor, dx, dy))
            w.writerow([cid, f"{nom} (exemple)", lat, lon])


def _half(geom: shapely.Geometry, side: str) -> shapely.Geometry:
    """A drawn perimeter: the given half of the QPV's bounding box, a little enlarged."""
    xmin, ymin, xmax, ymax = geom.bounds
    xmid, ymid = (xmin + xmax) / 2, (ymin + ymax) / 2
    box = {
        "west": (xmin - 50, ymin - 50, xmid, ymax + 50),
        "east": (xmid, ymin - 50, xmax + 50, ymax + 50),
        "south": (xmin - 50, ymin - 50, xmax + 50, ymid),
    }[side]
    return shapely.box(*box)


if __name__ == "__main__":
    main()
