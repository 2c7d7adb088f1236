"""French and English words of the write stage (:mod:`avs_geo.write`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["GPKG_ALIASES", "GPKG_STYLE_NAMES", "REPORT_SHEETS", "REPORT_TITLES"]

# used by avs_geo/write/workbook.py
REPORT_SHEETS = {
    "fr": {
        "summary": "Synthèse",
        "by": "Synthèse par {by}",
        "qpv": "QPV",
        "zones": "Structures",
        "no_zone": "Sans zone",
    },
    "en": {
        "summary": "Summary",
        "by": "Summary by {by}",
        "qpv": "QPV",
        "zones": "Structures",
        "no_zone": "No zone",
    },
}

# used by avs_geo/write/workbook.py (lines above the summary tables)
REPORT_TITLES = {
    "fr": {
        "title": "Couverture des QPV{territory} par l'offre d'animation de la vie sociale",
        "at": "Situation au {date}",
        "all_dates": "Toutes les structures, sans date de situation",
    },
    "en": {
        "title": "Coverage of the QPV{territory} by the social-life (AVS) offer",
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
    },
}
"""Readable names (aliases) of the GeoPackage fields, by language; same for every layer."""

GPKG_STYLE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "qpv_couverture": "Couverture des QPV",
        "zones": "Zones d'intervention",
        "structures": "Centres sociaux et EVS",
        "communes": "Communes",
        "sites_candidats": "Sites candidats",
        "description": "Style avs_geo (couleurs de la carte)",
    },
    "en": {
        "qpv_couverture": "QPV coverage",
        "zones": "Intervention zones",
        "structures": "Social centres and EVS",
        "communes": "Municipalities",
        "sites_candidats": "Candidate sites",
        "description": "avs_geo style (the map's colours)",
    },
}
"""Names of the styles stored in the GeoPackage, by layer."""
