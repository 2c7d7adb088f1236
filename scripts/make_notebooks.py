"""Write the planners' notebooks of notebooks/ from the cells below (no outputs).

The notebooks are generated so that they stay reviewable (this file is the source) and
are committed without outputs. tests/test_notebooks.py runs each of them top to bottom
on the embedded data and checks that they match this file. Run from the repository root:

    python scripts/make_notebooks.py          # write notebooks/*.ipynb
    python scripts/make_notebooks.py --check  # exit 1 if a notebook differs from this file
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

OUT = Path(__file__).resolve().parents[1] / "notebooks"

Cell = tuple[str, str]  # ("md" or "code", source)

EXAMPLE_WARNING = """\
> **Réseau d'EXEMPLE.** Les QPV 2015 et les communes d'Occitanie sont des données
> officielles (Licence Ouverte, voir `data/README.md`). Les structures et les sites
> candidats de ce notebook sont un **exemple fabriqué** pour montrer l'outil : ce n'est
> pas le réseau réel des centres sociaux et EVS, que détient chaque CAF."""

FILES = """\
from pathlib import Path

import avs_geo
from avs_geo.datasets import get_path

# Avec vos propres fichiers : remplacez ces chemins par ceux de vos fichiers,
# par exemple FICHIER_STRUCTURES = "C:/Sdsf/structures_2022.xlsx".
FICHIER_STRUCTURES = get_path("structures_exemple_occitanie")  # réseau d'EXEMPLE
FICHIER_PERIMETRES = get_path("zones_exemple_occitanie")  # périmètres dessinés ; None s'il n'y en a pas
FICHIER_QPV = None  # None : les QPV 2015 d'Occitanie embarqués
FICHIER_COMMUNES = None  # None : les communes embarquées
DATE = "2022-12-31"  # la date de la situation
TERRITOIRE = "de la région Occitanie"  # comment la phrase du rapport nomme le territoire

DOSSIER = Path("resultats")  # où écrire les fichiers : le dossier resultats à côté du notebook
DOSSIER.mkdir(exist_ok=True)"""

LOAD = """\
qpv = avs_geo.load_qpv(FICHIER_QPV)
communes = avs_geo.load_communes(FICHIER_COMMUNES)
structures = avs_geo.load_structures(
    FICHIER_STRUCTURES, perimeters=FICHIER_PERIMETRES, communes=communes, qpv=qpv
)
zones = avs_geo.build_zones(structures, communes=communes, qpv=qpv, at=DATE)
couverture = avs_geo.compute_coverage(qpv, zones)
structures_actives = structures[structures["structure_id"].isin(zones["structure_id"])]
print(f"{len(qpv)} QPV, {len(structures_actives)} structures agréées au {DATE}")"""

LOAD_NOTE = """\
Un avertissement signale que 32 contours de QPV du fichier publié ont été réparés :
c'est connu et sans effet sur les résultats (voir `data/README.md`)."""

NOTEBOOKS: dict[str, list[Cell]] = {
    "01_charger_mes_donnees": [
        (
            "md",
            """\
# 1. Charger mes données

**Ce que vous obtenez** : les QPV, les communes et vos structures (centres sociaux, EVS)
lus, vérifiés et mis en Lambert-93, prêts pour le calcul de la couverture (notebook 2).
Quand un fichier a un problème, avs_geo dit lequel, quelle colonne, quelles structures,
et comment corriger.

Exécutez les cellules dans l'ordre (Maj + Entrée).

"""
            + EXAMPLE_WARNING,
        ),
        ("code", FILES),
        (
            "md",
            """\
## Les QPV

Les contours des quartiers prioritaires, tels que l'État les publie (ANCT, « SIG Ville »).

**Avec vos propres fichiers** : `FICHIER_QPV = "QP_METROPOLE_LB93.shp"` (génération 2015,
codes `QP...`, ou 2024, codes `QN...`). Pour ne garder qu'un département :
`avs_geo.load_qpv(FICHIER_QPV, departement="59")`. La population vient du tableau de
l'INSEE : `avs_geo.load_qpv(FICHIER_QPV, indicators="chemin/du/tableau_insee.csv")`.""",
        ),
        (
            "code",
            """\
qpv = avs_geo.load_qpv(FICHIER_QPV)
print(len(qpv), "QPV")
qpv[["code_qpv", "nom_qpv", "communes", "departement", "population"]].head()""",
        ),
        ("md", LOAD_NOTE),
        (
            "md",
            """\
## Les communes

Elles servent aux zones d'intervention données par une liste de communes (souvent celles
des EVS ruraux). **Avec vos propres fichiers** : le fichier des communes d'IGN Admin
Express (`COMMUNE.shp`) de votre département.""",
        ),
        (
            "code",
            """\
communes = avs_geo.load_communes(FICHIER_COMMUNES)
print(len(communes), "communes")
communes.head(3)""",
        ),
        (
            "md",
            """\
## Les structures

Une ligne par structure, dans un tableau CSV ou Excel :

| colonne | contenu | exemple |
|---|---|---|
| `structure_id` | identifiant unique | `CS-12` |
| `nom` | nom | Centre social Les Tilleuls |
| `type` | `CS`, `Centre social`, `EVS`, `Espace de vie sociale` | EVS |
| `lat`, `lon` | position (degrés) | 43.5739 ; 1.4050 |
| `date_agrement`, `date_fin` | début et fin de l'agrément | 31/12/2022 |
| `zone_communes` | codes INSEE de la zone, séparés par `;` | `31555;31069` |
| `zone_qpv` | codes des QPV de la zone, séparés par `;` | `QP031007` |
| `zone_rayon_m` | rayon de la zone autour de la structure, en mètres | 500 |

Une zone peut combiner communes, QPV et rayon ; un périmètre dessiné vient d'un fichier
à part (`FICHIER_PERIMETRES`, relié par `structure_id`). Les codes sont vérifiés dans les
couches des communes et des QPV.""",
        ),
        (
            "code",
            """\
structures = avs_geo.load_structures(
    FICHIER_STRUCTURES, perimeters=FICHIER_PERIMETRES, communes=communes, qpv=qpv
)
colonnes = ["structure_id", "nom", "type", "date_agrement", "date_fin"]
colonnes += ["zone_communes", "zone_qpv", "zone_rayon_m"]
structures[colonnes].head(8)""",
        ),
        (
            "code",
            """\
structures["type"].map(avs_geo.type_label).value_counts()""",
        ),
        (
            "md",
            """\
## Quand un fichier a un problème

Les erreurs d'avs_geo (`avs_geo.AvsGeoError`) disent ce qui était attendu, ce qui est
venu et comment corriger. Ici, un fichier de structures sans la colonne `type` :""",
        ),
        (
            "code",
            """\
import pandas as pd

tableau = pd.read_csv(FICHIER_STRUCTURES, sep=";", dtype=str)
tableau.drop(columns="type").to_csv(DOSSIER / "structures_sans_type.csv", sep=";", index=False)
try:
    avs_geo.load_structures(DOSSIER / "structures_sans_type.csv")
except avs_geo.AvsGeoError as erreur:
    print(erreur)""",
        ),
        (
            "md",
            """\
### Tous les problèmes d'un fichier, dans un tableau

Quand plusieurs cellules sont à corriger, avs_geo les signale toutes d'un coup :
`erreur.problems` est un tableau, une ligne par problème (ligne du fichier, colonne,
valeur lue, problème, correction). Triez-le, filtrez-le, ou enregistrez-le pour la
personne qui tient le fichier (`erreur.problems.to_csv("a_corriger.csv")`).

Les messages sont en français ; pour les lire en anglais (un développeur, un ticket) :
`with avs_geo.language("en"): ...` autour de l'appel.""",
        ),
        (
            "code",
            """\
abime = tableau.copy()
abime.loc[0, "type"] = "crèche"  # un type inconnu
abime.loc[2, "date_agrement"] = "31/02/2021"  # un jour qui n'existe pas
abime.loc[4, "lat"] = "quarante"  # une coordonnée qui n'est pas un nombre
abime.to_csv(DOSSIER / "structures_a_corriger.csv", sep=";", index=False)
try:
    avs_geo.load_structures(DOSSIER / "structures_a_corriger.csv")
except avs_geo.AvsGeoError as erreur:
    print(f"{len(erreur.problems)} problèmes dans le fichier :")
    print(erreur.problems[["ligne", "colonne", "valeur", "probleme"]].to_string(index=False))""",
        ),
        (
            "md",
            """\
De même, un code de commune inconnu dans `zone_communes` nomme la structure et le code ;
une date illisible nomme la structure et la valeur. Corrigez le fichier et relancez la
cellule.

**Et ensuite** : le notebook 2 calcule la couverture des QPV et le tableau du Sdsf.""",
        ),
    ],
    "02_couverture_et_tableau_sdsf": [
        (
            "md",
            """\
# 2. La couverture des QPV et le tableau du Sdsf

**Ce que vous obtenez** : pour chaque QPV, la part de sa surface couverte par les zones
d'intervention des structures agréées à une date, sa classe (couvert en totalité,
partiellement, non couvert), le tableau de synthèse et la phrase du rapport d'activité,
le tableau par QPV, et le classeur Excel du Sdsf.

"""
            + EXAMPLE_WARNING,
        ),
        ("code", FILES),
        (
            "code",
            """\
qpv = avs_geo.load_qpv(FICHIER_QPV)
communes = avs_geo.load_communes(FICHIER_COMMUNES)
structures = avs_geo.load_structures(
    FICHIER_STRUCTURES, perimeters=FICHIER_PERIMETRES, communes=communes, qpv=qpv
)""",
        ),
        (
            "md",
            """\
## Les zones d'intervention à la date

Une structure compte si son agrément court ce jour-là : `date_agrement <= DATE < date_fin`
(sans date de début : depuis toujours ; sans date de fin : toujours ouverte).""",
        ),
        (
            "code",
            """\
zones = avs_geo.build_zones(structures, communes=communes, qpv=qpv, at=DATE)
print(f"{len(zones)} structures agréées au {DATE}, sur {len(structures)} dans le fichier")""",
        ),
        (
            "md",
            """\
## La couverture de chaque QPV

Taux de couverture = surface du QPV dans l'union des zones ÷ surface du QPV. Un QPV est
**couvert en totalité** si son taux est d'au moins 95 %, **non couvert** s'il est d'au
plus 5 %, **partiellement** entre les deux : les contours des communes et ceux des QPV
ne se superposent jamais exactement, d'où cette tolérance (voir plus bas).""",
        ),
        (
            "code",
            """\
couverture = avs_geo.compute_coverage(qpv, zones, full_min=0.95, none_max=0.05)
synthese = avs_geo.coverage_summary(couverture, date=DATE, territory=TERRITOIRE)
synthese""",
        ),
        (
            "code",
            """\
print(avs_geo.coverage_sentence(synthese))""",
        ),
        ("md", "Le même tableau par département :"),
        (
            "code",
            """\
avs_geo.coverage_summary(couverture, by="departement")""",
        ),
        (
            "md",
            """\
## Le tableau par QPV

Une ligne par QPV : surface, taux, classe, structures qui le touchent, population
couverte (estimée : population du QPV × taux).""",
        ),
        (
            "code",
            """\
tableau = avs_geo.qpv_table(couverture, zones=zones)
tableau.head(10).round(1)""",
        ),
        (
            "md",
            """\
## Pourquoi ce QPV n'est-il couvert qu'en partie ?

`explain_qpv` donne les structures qui le touchent, la surface que chacune couvre, et la
partie qui reste sans offre.""",
        ),
        (
            "code",
            """\
partiels = couverture[couverture["coverage_status"] == "partial"]
code = partiels["code_qpv"].iloc[0]
explication = avs_geo.explain_qpv(code, couverture, zones)
print(
    f"{code} : {explication.coverage_ratio:.1%} couvert, "
    f"{explication.uncovered_area_m2 / 10_000:.1f} ha sans offre"
)
explication.structures[["structure_id", "nom", "area_m2", "share", "own_area_m2"]].round(3)""",
        ),
        (
            "md",
            """\
## Le choix de la tolérance

Combien de QPV changent de classe selon la tolérance `t` (couvert en totalité si le taux
≥ 1 − t, non couvert si le taux ≤ t) : de quoi justifier le seuil retenu dans le Sdsf.""",
        ),
        (
            "code",
            """\
avs_geo.coverage_sensitivity(qpv, zones)""",
        ),
        (
            "md",
            """\
## Le classeur Excel et les fichiers CSV

Le classeur a une feuille de synthèse (et par département), une feuille par QPV, une par
structure (ce qu'elle couvre, ce que sa fermeture ferait perdre) et une feuille
« Méthode » (date, seuils, formule, sources). Les CSV s'ouvrent dans Excel d'un double
clic.""",
        ),
        (
            "code",
            """\
avs_geo.write_report(
    couverture,
    DOSSIER / "rapport_couverture.xlsx",
    zones,
    by="departement",
    date=DATE,
    territory=TERRITOIRE,
)
avs_geo.to_csv(tableau, DOSSIER / "couverture_qpv.csv")
avs_geo.to_csv(synthese, DOSSIER / "synthese.csv")
print(avs_geo.to_markdown(synthese))""",
        ),
        (
            "md",
            """\
## Tout en une fois

`avs_geo.run_coverage` fait tout ce qui précède et écrit aussi les cartes et un GeoPackage pour
QGIS ; c'est ce que fait la commande `avs-geo couverture`.""",
        ),
        (
            "code",
            """\
resultat = avs_geo.run_coverage(
    DOSSIER / "couverture",
    structures=FICHIER_STRUCTURES,
    perimeters=FICHIER_PERIMETRES,
    qpv=FICHIER_QPV,
    communes=FICHIER_COMMUNES,
    date=DATE,
    territory=TERRITOIRE,
)
print(resultat.sentence)
for chemin in resultat.files.values():
    print(chemin)""",
        ),
    ],
    "03_cartes": [
        (
            "md",
            """\
# 3. Les cartes

**Ce que vous obtenez** : une carte interactive (QPV colorés par classe de couverture,
zones d'intervention, structures ; cliquez sur un QPV ou une structure pour le détail),
enregistrée en un fichier HTML qui s'ouvre hors ligne, et une carte fixe (PNG) pour un
rapport.

"""
            + EXAMPLE_WARNING,
        ),
        ("code", FILES),
        ("code", LOAD),
        (
            "md",
            """\
## La carte interactive

Les couches s'affichent ou se masquent dans le coin en haut à droite ; la légende donne
le nombre de QPV de chaque classe.""",
        ),
        (
            "code",
            """\
carte = avs_geo.coverage_map(
    couverture,
    zones=zones,
    structures=structures_actives,
    title=f"Couverture des QPV au {DATE} (réseau d'exemple)",
)
carte""",
        ),
        (
            "code",
            """\
avs_geo.save_map(carte, DOSSIER / "carte_couverture.html")""",
        ),
        (
            "md",
            """\
## Un seul département

Gardez les QPV du département, et les zones et structures qui les touchent.""",
        ),
        (
            "code",
            """\
DEPARTEMENT = "31"
qpv_dep = couverture[couverture["departement"] == DEPARTEMENT]
touchent = set().union(*qpv_dep["structure_ids"])
zones_dep = zones[zones["structure_id"].isin(touchent)]
structures_dep = structures_actives[structures_actives["structure_id"].isin(touchent)]
carte_dep = avs_geo.coverage_map(qpv_dep, zones=zones_dep, structures=structures_dep)
avs_geo.save_map(carte_dep, DOSSIER / f"carte_couverture_{DEPARTEMENT}.html")
carte_dep""",
        ),
        (
            "md",
            """\
## La carte pour un rapport (PNG)

Avec les limites des communes du département pour se repérer.""",
        ),
        (
            "code",
            """\
from IPython.display import Image

communes_dep = communes[communes["departement"] == DEPARTEMENT]
figure = avs_geo.coverage_figure(
    qpv_dep, zones=zones_dep, structures=structures_dep, communes=communes_dep
)
figure.savefig(DOSSIER / f"carte_couverture_{DEPARTEMENT}.png", dpi=150, bbox_inches="tight")
Image(filename=str(DOSSIER / f"carte_couverture_{DEPARTEMENT}.png"), width=700)""",
        ),
        (
            "md",
            """\
Pour un document en anglais : `language="en"` dans `coverage_map` et
`coverage_figure`.""",
        ),
    ],
    "04_choisir_des_sites": [
        (
            "md",
            """\
# 4. Choisir des sites pour de nouvelles structures

**Ce que vous obtenez** : pour chaque site candidat (une salle, une école...), la
population des QPV aujourd'hui sans offre qu'il couvrirait ; puis les *k* sites qui,
ensemble, en couvrent le plus, le réseau existant gardé tel quel ; la couverture et la
phrase du rapport avec ces sites ; leur carte.

"""
            + EXAMPLE_WARNING,
        ),
        ("code", FILES),
        ("code", LOAD),
        (
            "md",
            """\
## Les sites candidats

Un tableau avec `candidat_id`, `nom`, `lat`, `lon` (ou `zone_communes` pour un site
donné par ses communes, ou un GeoJSON de points ou de périmètres).

**Avec vos propres fichiers** : `FICHIER_CANDIDATS = "mes_sites.csv"`.""",
        ),
        (
            "code",
            """\
FICHIER_CANDIDATS = get_path("candidats_exemple_occitanie")  # sites d'EXEMPLE
RAYON_M = 500  # zone d'un site donné par un point : un rayon de 500 m autour

candidats = avs_geo.load_candidates(FICHIER_CANDIDATS)
candidats[["candidat_id", "nom"]].head()""",
        ),
        (
            "md",
            """\
## Le score de chaque site, pris seul

Population gagnée : habitants des parties de QPV aujourd'hui sans offre que sa zone
couvrirait (estimation : population répartie uniformément dans le QPV). Un avertissement
nomme les sites qui n'apportent rien (déjà couverts, ou loin de tout QPV).""",
        ),
        (
            "code",
            """\
scores = avs_geo.score_sites(
    candidats, couverture, zones=zones, structures=structures_actives, radius_m=RAYON_M
)
avs_geo.sites_table(scores).head(10).round(1)""",
        ),
        (
            "md",
            """\
## Choisir k sites ensemble

Deux sites voisins couvrent souvent le même manque : le choix ensemble ne compte ce
manque qu'une fois. La méthode gloutonne ajoute à chaque tour le site qui apporte le
plus ; `method="exact"` donne l'optimum (extra `optimisation`).""",
        ),
        (
            "code",
            """\
K = 5
choix = avs_geo.select_sites(candidats, couverture, zones=zones, k=K, radius_m=RAYON_M)
avs_geo.sites_table(choix).round(1)""",
        ),
        (
            "md",
            """\
## La couverture avec les sites choisis

On ajoute leurs zones à celles du réseau et on recalcule, puis on compare les deux
situations QPV par QPV.""",
        ),
        (
            "code",
            """\
import geopandas as gpd
import pandas as pd

zones_avec = gpd.GeoDataFrame(pd.concat([zones, choix.zones], ignore_index=True), crs=zones.crs)
couverture_avec = avs_geo.compute_coverage(qpv, zones_avec)
comparaison = avs_geo.compare_coverage(
    couverture, couverture_avec, names=("réseau actuel", f"avec les {K} sites")
)
comparaison""",
        ),
        (
            "code",
            """\
synthese_avec = avs_geo.coverage_summary(couverture_avec, date=DATE, territory=TERRITOIRE)
print(avs_geo.coverage_sentence(synthese_avec))""",
        ),
        (
            "md",
            """\
## La carte des sites choisis

Les sites choisis sont des carrés jaunes numérotés dans l'ordre du choix, leur zone
tracée en pointillés noirs. Les QPV sont colorés dans leur classe **après** les sites ;
le bouton « Avant / Après » (en haut à gauche) montre leur classe avec le seul réseau
actuel. Un clic sur un site ouvre sa fiche : population gagnée, QPV atteints, distance à
la structure existante la plus proche (colonnes de `scores`).""",
        ),
        (
            "code",
            """\
fiches = choix.sites.merge(
    scores[["candidat_id", "qpv_reached", "dist_structure_m", "nearest_structure_id"]],
    on="candidat_id",
    how="left",
)
carte = avs_geo.sites_map(
    couverture,
    couverture_avec,
    fiches,
    site_zones=choix.zones,
    zones=zones,
    structures=structures_actives,
    date=DATE,
    territory=TERRITOIRE,
)
avs_geo.save_map(carte, DOSSIER / "carte_sites.html")
carte""",
        ),
        (
            "md",
            """\
## Sans liste de sites : une grille sur les QPV sans offre

`candidate_grid` pose un point tous les 250 m dans les parties de QPV non couvertes :
de quoi repérer les quartiers où chercher un local.""",
        ),
        (
            "code",
            """\
grille = avs_geo.candidate_grid(couverture, zones=zones)
choix_grille = avs_geo.select_sites(grille, couverture, zones=zones, k=K, radius_m=RAYON_M)
avs_geo.sites_table(choix_grille).round(1)""",
        ),
        (
            "md",
            """\
## Tout en une fois

`avs_geo.run_sites` fait le score, le choix, la couverture avec les sites, les tableaux, le
classeur et la carte ; c'est ce que fait la commande `avs-geo sites`.""",
        ),
        (
            "code",
            """\
resultat = avs_geo.run_sites(
    DOSSIER / "sites",
    candidates=FICHIER_CANDIDATS,
    k=K,
    radius_m=RAYON_M,
    structures=FICHIER_STRUCTURES,
    perimeters=FICHIER_PERIMETRES,
    qpv=FICHIER_QPV,
    communes=FICHIER_COMMUNES,
    date=DATE,
    territory=TERRITOIRE,
)
print(resultat.headline)
for chemin in resultat.files.values():
    print(chemin)""",
        ),
        (
            "md",
            """\
## Zones blanches et EVS ruraux : l'exemple du Nord

Les EVS naissent surtout là où aucune structure n'intervient : les **zones blanches**,
souvent rurales et sans QPV. On mesure, commune par commune, la part de la surface et
des habitants (population municipale 2022, répartie au prorata de la surface) qu'au
moins une zone atteint, puis on score les six structures créées en 2022 dans le Nord
par les habitants sans aucune offre qu'elles atteignent.

> **Structures d'EXEMPLE.** Les six structures du Nord sont celles que cite le rapport
> d'activité 2022 de la CAF du Nord, avec des zones d'exemple (leurs communes) : ce
> n'est pas le réseau réel. Les communes 2022 et leur population sont officielles
> (Etalab, Licence Ouverte). **Les contours des QPV du Nord ne sont pas dans les
> données** : le gain en habitants des QPV n'est pas mesuré (colonne vide).""",
        ),
        (
            "code",
            """\
communes_nord = avs_geo.load_communes(departement="59", vintage=2022)
structures_nord = avs_geo.load_structures(get_path("structures_exemple_nord_2022"))
zones_nord = avs_geo.build_zones(structures_nord, communes=communes_nord, at=DATE)
couverture_communes = avs_geo.commune_coverage(communes_nord, zones_nord)
print(avs_geo.white_zone_sentence(couverture_communes, where=" dans le Nord"))
avs_geo.territory_table(couverture_communes, structures=structures_nord, at=DATE).round(1)""",
        ),
        (
            "md",
            """\
Le score des six structures de 2022, face au réseau **sans elles** (ici : aucune
autre structure dans le fichier d'exemple). `demand="communes"` compte les habitants
des zones blanches ; `demand="both"` y ajoute ceux des QPV, avec `qpv_weight=2.0` pour
les compter double.""",
        ),
        (
            "code",
            """\
import geopandas as gpd

creees_2022 = structures_nord["date_agrement"].dt.year == 2022
reseau_sans_elles = avs_geo.build_zones(
    structures_nord[~creees_2022], communes=communes_nord, at=DATE
)
sites_2022 = gpd.GeoDataFrame(
    {
        "candidat_id": structures_nord["structure_id"],
        "nom": structures_nord["nom"],
        "zone_communes": structures_nord["zone_communes"],
    },
    geometry=structures_nord.geometry.to_numpy(),
    crs=structures_nord.crs,
)[creees_2022.to_numpy()]
scores_2022 = avs_geo.score_sites(
    sites_2022, None, zones=reseau_sans_elles, communes=communes_nord, demand="communes"
)
print("Pas de contours de QPV du Nord dans les données : gain en habitants des QPV non mesuré.")
avs_geo.sites_table(scores_2022)[
    ["Rang", "Nom", "Habitants sans offre gagnés (estimés)", "Codes des communes en zone blanche atteintes"]
]""",
        ),
        (
            "md",
            """\
Sans liste de sites : `candidate_grid(None, mode="communes", ...)` propose chaque
commune en zone blanche, ou des groupes de communes contiguës (`max_communes=4`),
comme un EVS rural qui sert plusieurs communes.""",
        ),
        (
            "code",
            """\
groupes = avs_geo.candidate_grid(
    None, mode="communes", communes=communes_nord, zones=zones_nord, max_communes=4
)
choix_ruraux = avs_geo.select_sites(
    groupes, None, zones=zones_nord, communes=communes_nord, demand="communes", k=3
)
print(choix_ruraux.summary())""",
        ),
    ],
    "05_comparer_deux_dates": [
        (
            "md",
            """\
# 5. Comparer deux dates

**Ce que vous obtenez** : la couverture des QPV à deux dates avec le même fichier de
structures (les dates d'agrément décident lesquelles comptent), les QPV mieux ou moins
bien couverts, l'évolution du tableau de synthèse et la population nouvellement couverte
ou qui ne l'est plus.

"""
            + EXAMPLE_WARNING,
        ),
        ("code", FILES),
        (
            "code",
            """\
AVANT, APRES = "2021-12-31", "2022-12-31"

qpv = avs_geo.load_qpv(FICHIER_QPV)
communes = avs_geo.load_communes(FICHIER_COMMUNES)
structures = avs_geo.load_structures(
    FICHIER_STRUCTURES, perimeters=FICHIER_PERIMETRES, communes=communes, qpv=qpv
)""",
        ),
        (
            "md",
            """\
## Ce qui a changé dans le réseau

Une structure agréée le 1er mars 2022 compte au 31/12/2022 mais pas au 31/12/2021 ; une
structure dont l'agrément finit le 30 juin 2022 compte à la première date seulement.""",
        ),
        (
            "code",
            """\
import pandas as pd

avant, apres = pd.Timestamp(AVANT), pd.Timestamp(APRES)
ouvertes = structures[
    (structures["date_agrement"] > avant) & (structures["date_agrement"] <= apres)
]
fermees = structures[(structures["date_fin"] > avant) & (structures["date_fin"] <= apres)]
print("Agréées entre les deux dates :", ", ".join(ouvertes["nom"]))
print("Fermées entre les deux dates :", ", ".join(fermees["nom"]))""",
        ),
        (
            "md",
            """\
## La couverture à chaque date, et la comparaison""",
        ),
        (
            "code",
            """\
couvertures = []
for date in (AVANT, APRES):
    zones = avs_geo.build_zones(structures, communes=communes, qpv=qpv, at=date)
    couvertures.append(avs_geo.compute_coverage(qpv, zones))

comparaison = avs_geo.compare_coverage(*couvertures, names=("31/12/2021", "31/12/2022"))
comparaison""",
        ),
        ("md", "Les QPV qui ont changé de classe :"),
        (
            "code",
            """\
comparaison.changed().round(1)""",
        ),
        (
            "code",
            """\
comparaison.key_figures().round(0)""",
        ),
        (
            "md",
            """\
## Le classeur de l'évolution""",
        ),
        (
            "code",
            """\
avs_geo.to_excel(comparaison.tables(), DOSSIER / "comparaison.xlsx")""",
        ),
        (
            "md",
            """\
## Tout en une fois

`avs_geo.run_comparison` fait la même chose et écrit aussi les CSV et une note ; c'est ce que
fait la commande `avs-geo comparer`. Pour comparer le réseau actuel et un projet (une
structure de plus), voir le notebook 4.""",
        ),
        (
            "code",
            """\
resultat = avs_geo.run_comparison(
    DOSSIER / "comparaison",
    before=AVANT,
    after=APRES,
    structures=FICHIER_STRUCTURES,
    perimeters=FICHIER_PERIMETRES,
    qpv=FICHIER_QPV,
    communes=FICHIER_COMMUNES,
)
print(resultat.headline)
for chemin in resultat.files.values():
    print(chemin)""",
        ),
    ],
}


def build(name: str, cells: list[Cell]) -> nbformat.NotebookNode:
    """One notebook, with stable cell ids (so that regenerating changes nothing)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    number = name.split("_", 1)[0]
    for index, (kind, source) in enumerate(cells, start=1):
        make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        cell = make(source)
        cell.id = f"nb{number}-{index:02d}"
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return notebook


def texts() -> dict[Path, str]:
    """Path -> JSON text of every notebook."""
    return {
        OUT / f"{name}.ipynb": nbformat.writes(build(name, cells)) + "\n"
        for name, cells in NOTEBOOKS.items()
    }


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in texts().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"Out of date: {', '.join(stale)}. Run: python scripts/make_notebooks.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
