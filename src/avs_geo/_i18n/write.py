"""French and English words of the write stage (:mod:`avs_geo.write`): headers, labels, phrases."""

from __future__ import annotations

from typing import Any

__all__ = [
    "GPKG_ALIASES",
    "GPKG_STYLE_NAMES",
    "MESSAGES",
    "REPORT_SHEETS",
    "REPORT_TITLES",
    "TEMPLATE",
]

# used by avs_geo/write/workbook.py
REPORT_SHEETS = {
    "fr": {
        "summary": "Synthèse",
        "by": "Synthèse par {by}",
        "qpv": "QPV",
        "zones": "Structures",
        "no_zone": "Sans zone",
        "communes": "Communes",
        "territories": "Territoires",
        "network": "Réseau",
    },
    "en": {
        "summary": "Summary",
        "by": "Summary by {by}",
        "qpv": "QPV",
        "zones": "Structures",
        "no_zone": "No zone",
        "communes": "Municipalities",
        "territories": "Territories",
        "network": "Network",
    },
}

# used by avs_geo/write/workbook.py (lines above the summary tables)
REPORT_TITLES = {
    "fr": {
        "title": "Couverture des QPV{territory} par l'offre d'animation de la vie sociale",
        "territories": "Communes sans offre et réseau d'animation de la vie sociale{territory}",
        "at": "Situation au {date}",
        "all_dates": "Toutes les structures, sans date de situation",
    },
    "en": {
        "title": "Coverage of the QPV{territory} by the social-life (AVS) offer",
        "territories": "Municipalities without offer and social-life network{territory}",
        "at": "Situation at {date}",
        "all_dates": "Every structure, no date of situation",
    },
}

# used by avs_geo/write/gis.py (GeoPackage field aliases, layer and style names)
GPKG_ALIASES: dict[str, dict[str, str]] = {
    "fr": {
        "code_qpv": "Code QPV",
        "nom_qpv": "Nom du QPV",
        "communes": "Code(s) commune",
        "code_insee": "Code commune (INSEE)",
        "nom_commune": "Commune(s)",
        "departement": "Département",
        "nom_departement": "Nom du département",
        "population": "Population",
        "qpv_area_m2": "Surface du QPV (m²)",
        "covered_area_m2": "Surface couverte (m²)",
        "qpv_area_ha": "Surface du QPV (ha)",
        "covered_area_ha": "Surface couverte (ha)",
        "coverage_ratio": "Taux de couverture (0 à 1)",
        "coverage_percent": "Taux de couverture (%)",
        "coverage_status": "Classe (code)",
        "coverage_label": "Couverture",
        "structure_ids": "Structures",
        "n_structures": "Nombre de structures",
        "covered_population": "Population couverte (estimée)",
        "structure_id": "Identifiant de la structure",
        "nom": "Nom",
        "type": "Type (code)",
        "type_label": "Type de structure",
        "date_agrement": "Date d'agrément",
        "date_fin": "Date de fin",
        "zone_communes": "Communes de la zone",
        "zone_qpv": "QPV de la zone",
        "zone_rayon_m": "Rayon de la zone (m)",
        "adresse_exemple": "Adresse (exemple)",
        "epci": "EPCI",
        "site_id": "Identifiant du site",
        "score": "Score",
        "rank": "Rang",
        "candidat_id": "Identifiant du site",
        "gain_population": "Population gagnée (estimée)",
        "gain_area_m2": "Surface de QPV gagnée (m²)",
        "n_qpv_reached": "Nombre de QPV atteints",
        "qpv_reached": "QPV atteints",
        "n_none_to_partial": "QPV non couverts qui deviendraient partiellement couverts",
        "n_none_to_full": "QPV non couverts qui deviendraient couverts en totalité",
        "n_partial_to_full": "QPV partiellement couverts qui deviendraient couverts en totalité",
        "dist_structure_m": "Distance à la structure la plus proche (m)",
        "nearest_structure_id": "Structure la plus proche",
        "dist_qpv_m": "Distance au QPV le plus proche (m)",
        "adds_nothing": "N'apporte rien",
        "reason": "Raison",
        "ordre_choix": "Ordre du choix",
        "epci_siren": "SIREN de l'EPCI",
        "epci_nom": "EPCI",
        "anciens_codes": "Anciens codes",
        "commune_area_m2": "Surface de la commune (m²)",
        "commune_area_ha": "Surface de la commune (ha)",
        "no_offer": "Sans offre AVS (aucune zone ne l'atteint)",
        "uncovered_population": "Habitants hors de toute zone (estimés)",
        "commune_class": "Classe de la commune (code)",
        "commune_class_label": "Couverture de la commune",
        "territoire": "Territoire",
    },
    "en": {
        "code_qpv": "QPV code",
        "nom_qpv": "QPV name",
        "communes": "Municipality code(s)",
        "code_insee": "Municipality code (INSEE)",
        "nom_commune": "Municipality(ies)",
        "departement": "Department",
        "nom_departement": "Department name",
        "population": "Population",
        "qpv_area_m2": "QPV area (m²)",
        "covered_area_m2": "Covered area (m²)",
        "qpv_area_ha": "QPV area (ha)",
        "covered_area_ha": "Covered area (ha)",
        "coverage_ratio": "Coverage rate (0 to 1)",
        "coverage_percent": "Coverage rate (%)",
        "coverage_status": "Class (code)",
        "coverage_label": "Coverage",
        "structure_ids": "Structures",
        "n_structures": "Number of structures",
        "covered_population": "Covered population (estimated)",
        "structure_id": "Structure id",
        "nom": "Name",
        "type": "Type (code)",
        "type_label": "Structure type",
        "date_agrement": "Agreement date",
        "date_fin": "End date",
        "zone_communes": "Municipalities of the zone",
        "zone_qpv": "QPV of the zone",
        "zone_rayon_m": "Zone radius (m)",
        "adresse_exemple": "Address (example)",
        "epci": "EPCI",
        "site_id": "Site id",
        "score": "Score",
        "rank": "Rank",
        "candidat_id": "Site id",
        "gain_population": "Population gained (estimated)",
        "gain_area_m2": "QPV area gained (m²)",
        "n_qpv_reached": "Number of QPV reached",
        "qpv_reached": "QPV reached",
        "n_none_to_partial": "QPV not covered that would become partly covered",
        "n_none_to_full": "QPV not covered that would become fully covered",
        "n_partial_to_full": "QPV partly covered that would become fully covered",
        "dist_structure_m": "Distance to the nearest structure (m)",
        "nearest_structure_id": "Nearest structure",
        "dist_qpv_m": "Distance to the nearest QPV (m)",
        "adds_nothing": "Adds nothing",
        "reason": "Reason",
        "ordre_choix": "Order of choice",
        "epci_siren": "EPCI SIREN",
        "epci_nom": "EPCI",
        "anciens_codes": "Former codes",
        "commune_area_m2": "Municipality area (m²)",
        "commune_area_ha": "Municipality area (ha)",
        "no_offer": "Without AVS offer (no zone reaches it)",
        "uncovered_population": "Inhabitants outside every zone (estimated)",
        "commune_class": "Municipality class (code)",
        "commune_class_label": "Municipality coverage",
        "territoire": "Territory",
    },
}
"""Readable names (aliases) of the GeoPackage fields, by language; same for every layer."""

GPKG_STYLE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "qpv_couverture": "Couverture des QPV",
        "zones": "Zones d'intervention",
        "structures": "Centres sociaux et EVS",
        "communes": "Communes",
        "communes_couverture": "Couverture des communes (zones blanches)",
        "sites_candidats": "Sites candidats",
        "sites_proposes": "Sites proposés (ordre du choix)",
        "zones_proposees": "Zones des sites proposés",
        "description": "Style avs_geo (couleurs de la carte)",
    },
    "en": {
        "qpv_couverture": "QPV coverage",
        "zones": "Intervention zones",
        "structures": "Social centres and EVS",
        "communes": "Municipalities",
        "communes_couverture": "Municipality coverage (white zones)",
        "sites_candidats": "Candidate sites",
        "sites_proposes": "Proposed sites (order of choice)",
        "zones_proposees": "Zones of the proposed sites",
        "description": "avs_geo style (the map's colours)",
    },
}
"""Names of the styles stored in the GeoPackage, by layer."""

# used by every module of avs_geo/write
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "table_type": "Le tableau {name!r} doit être un DataFrame, reçu {got}.",
        "sheet_name_type": "Les noms de feuilles doivent être des textes non vides, reçu {got!r}.",
        "sheet_too_long": "plus long que 31 caractères ({n})",
        "sheet_forbidden": "contient l'un de [ ] : * ? / \\",
        "sheet_twice": "employé deux fois (Excel ne distingue pas les majuscules)",
        "sheet_name": "Le nom de feuille {name!r} n'est pas permis par Excel : {problems}.",
        "method_type": (
            "method doit être un dictionnaire (élément -> valeur) ou un DataFrame, reçu {got}."
        ),
        "tables_type": (
            "tables doit être un dictionnaire non vide nom de feuille -> DataFrame, reçu {got}."
        ),
        "workbooks": "classeurs",
        "gdf_type": "'gdf' doit être un GeoDataFrame, reçu {got}.",
        "layers_type": (
            "layers doit être un dictionnaire non vide nom de couche -> GeoDataFrame, reçu {got}."
        ),
        "layer_type": "La couche {name!r} doit être un GeoDataFrame, reçu {got}.",
        "sep_decimal": "sep et decimal doivent différer, les deux valent {sep!r}.",
        "tmp_bang": "Le dossier temporaire '{folder}' contient '!' : GDAL ne peut pas y écrire ; donnez un autre dossier dans la variable TMPDIR.",
        "commune_coverage_type": "commune_coverage doit être le GeoDataFrame de commune_coverage(communes, zones), reçu {got}.",
        "commune_coverage_hint": "Passez le résultat de commune_coverage(communes, zones).",
        "communes_needed": "structures= et territories= complètent les feuilles Communes et Territoires : donnez aussi communes= (la couverture des communes, commune_coverage).",
    },
    "en": {
        "table_type": "table {name!r} should be a DataFrame, got {got}.",
        "sheet_name_type": "Sheet names should be non-empty strings, got {got!r}.",
        "sheet_too_long": "longer than 31 characters ({n})",
        "sheet_forbidden": "contains one of [ ] : * ? / \\",
        "sheet_twice": "used twice (Excel ignores case)",
        "sheet_name": "Sheet name {name!r} is not allowed in Excel: {problems}.",
        "method_type": "method should be a mapping (item -> value) or a DataFrame, got {got}.",
        "tables_type": (
            "tables should be a non-empty mapping of sheet name -> DataFrame, got {got}."
        ),
        "workbooks": "workbooks",
        "gdf_type": "'gdf' should be a GeoDataFrame, got {got}.",
        "layers_type": (
            "layers should be a non-empty mapping of layer name -> GeoDataFrame, got {got}."
        ),
        "layer_type": "The layer {name!r} should be a GeoDataFrame, got {got}.",
        "sep_decimal": "sep and decimal should differ, both are {sep!r}.",
        "tmp_bang": "The temporary folder '{folder}' holds '!': GDAL cannot write there; give another folder in the TMPDIR variable.",
        "commune_coverage_type": "commune_coverage should be the GeoDataFrame of commune_coverage(communes, zones), got {got}.",
        "commune_coverage_hint": "Pass the result of commune_coverage(communes, zones).",
        "communes_needed": "structures= and territories= complete the Communes and Territories sheets: give communes= too (the commune coverage, commune_coverage).",
    },
}
"""Message templates of the write stage, by language."""

# used by avs_geo/write/template.py: the fill-in workbook is a French document.
TEMPLATE: dict[str, Any] = {
    "workbooks": "classeurs",
    "notice_sheet": "Notice",
    "data_sheet": "Structures",
    "title": "Liste des structures d'animation de la vie sociale : comment la remplir",
    "paragraphs": (
        "Remplissez la feuille « Structures » : une ligne par centre social ou espace de vie "
        "sociale (EVS). Gardez la ligne d'en-tête telle quelle ; remplacez ou supprimez la "
        "ligne d'exemple (EXEMPLE-01).",
        "Chaque structure a un identifiant unique (par ex. CS-059-012), un type (liste "
        "déroulante : Centre social ou EVS) et une position : latitude et longitude en "
        "degrés (virgule décimale acceptée, par ex. 50,6292 et 3,0573) ou, à défaut, sa "
        "commune (colonne Commune, code INSEE ou nom) : elle est alors placée au centre de "
        "la commune (position approchée).",
        "Dates d'agrément : tapez-les en JJ/MM/AAAA (les cellules sont au format date). "
        "Formes comprises : {date_forms}. La fin d'agrément est le dernier jour inclus : "
        "« au 31/12/2025 » compte encore le 31/12/2025. Vide : pas de limite.",
        "Zone d'intervention : au moins une des trois colonnes, on peut les combiner (la "
        "zone est leur union). Communes : codes INSEE (59350) ou noms (Lille, "
        "Marcq-en-Barœul), séparés par « ; ». QPV : codes (QP059012, QN05912M) ou noms des "
        "quartiers, séparés par « ; ». Rayon (m) : un cercle autour de la structure, en "
        "mètres (par ex. 800).",
        "Une structure dont la zone est encore « à définir » peut rester : elle est "
        "signalée et laissée hors de la couverture.",
        "Puis lancez : avs-geo couverture --structures ce_fichier.xlsx --qpv "
        "qpv.geojson --communes communes.gpkg (ou, en Python, "
        'avs_geo.load_structures("ce_fichier.xlsx")). La feuille Notice est passée.',
    ),
    "table_headers": ("Colonne", "Obligatoire", "Contenu"),
    "columns": {
        "structure_id": ("oui", "Identifiant unique de la structure (texte)."),
        "nom": ("non", "Nom de la structure, repris dans les tableaux et les cartes."),
        "type": ("oui", "Centre social ou EVS (liste déroulante)."),
        "lat": ("oui, ou Commune", "Latitude en degrés (WGS84), par ex. 50,6292."),
        "lon": ("oui, ou Commune", "Longitude en degrés (WGS84), par ex. 3,0573."),
        "date_agrement": ("non", "Premier jour de l'agrément (JJ/MM/AAAA)."),
        "date_fin": ("non", "Dernier jour de l'agrément, inclus (JJ/MM/AAAA)."),
        "zone_communes": (
            "une zone au moins",
            "Communes de la zone : codes INSEE ou noms, séparés par « ; ».",
        ),
        "zone_qpv": (
            "une zone au moins",
            "QPV de la zone : codes ou noms, séparés par « ; ».",
        ),
        "zone_rayon_m": (
            "une zone au moins",
            "Rayon de la zone autour de la structure, en mètres (nombre > 0).",
        ),
        "commune": (
            "sans latitude ni longitude",
            "Commune où se trouve la structure (code INSEE ou nom), pas sa zone : sans "
            "latitude ni longitude, la structure est placée au centre de la commune "
            "(position approchée, signalée).",
        ),
    },
    "comments": {
        "structure_id": "Obligatoire. Un identifiant unique par structure, par ex. CS-059-012.",
        "nom": "Facultatif. Le nom affiché dans les tableaux et les cartes.",
        "type": "Obligatoire. Choisissez Centre social ou EVS dans la liste.",
        "lat": "Obligatoire (ou la colonne Commune). Latitude en degrés WGS84, par ex. 50,6292.",
        "lon": "Obligatoire (ou la colonne Commune). Longitude en degrés WGS84, par ex. 3,0573.",
        "date_agrement": "Facultatif. Premier jour de l'agrément, JJ/MM/AAAA.",
        "date_fin": "Facultatif. Dernier jour de l'agrément, inclus, JJ/MM/AAAA. Vide : en cours.",
        "zone_communes": (
            "Zone : codes INSEE ou noms des communes, séparés par « ; » (59350 ; 59009)."
        ),
        "zone_qpv": "Zone : codes ou noms des QPV, séparés par « ; » (QP059012).",
        "zone_rayon_m": "Zone : rayon autour de la structure, en mètres (800).",
        "commune": (
            "Sans latitude ni longitude : la commune de la structure (code INSEE ou nom), "
            "au centre de laquelle elle est placée. Ce n'est pas sa zone."
        ),
    },
    "type_error_title": "Type inconnu",
    "type_error": "Choisissez Centre social ou EVS dans la liste.",
    "type_prompt": "Centre social ou EVS",
    "date_error_title": "Date attendue",
    "date_error": "Tapez une date, par ex. 31/12/2025.",
}
"""The words of the fill-in structures workbook (French: a document for planners)."""
