"""French and English words of the territory diagnostic (``avs_geo.report.territories``)."""

from __future__ import annotations

__all__ = [
    "COMMUNE_HEADERS",
    "COMMUNE_STATUS_LABELS",
    "GROUP_LEVEL_HEADERS",
    "NETWORK_HEADERS",
    "NORD_WORDS",
    "NO_OFFER_LABEL",
    "TERRITORY_HEADERS",
    "UNASSIGNED",
    "WHITE_ZONE_SENTENCE",
]

GROUP_LEVEL_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "territoire": "Territoire",
        "epci": "EPCI",
        "departement": "Département",
        "commune": "Commune",
    },
    "en": {
        "territoire": "Territory",
        "epci": "EPCI",
        "departement": "Department",
        "commune": "Municipality",
    },
}
"""Header of each grouping level."""

UNASSIGNED = {"fr": "Non renseigné", "en": "Not given"}
"""Group of the communes or structures the grouping does not place."""

NO_OFFER_LABEL = {"fr": "Commune sans offre AVS", "en": "Municipality without AVS offer"}
"""Class of a commune that no zone reaches."""

COMMUNE_STATUS_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "full": "Couverte en totalité",
        "partial": "Couverte partiellement",
        "none": "Non couverte",
    },
    "en": {"full": "Fully covered", "partial": "Partly covered", "none": "Not covered"},
}
"""Coverage class of a commune (feminine in French; a QPV's class is masculine)."""

# used by avs_geo/report/territories.py (territory_table)
TERRITORY_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "n_communes": "Nombre de communes",
        "population": "Population",
        "n_no_offer": "Communes sans offre AVS",
        "population_no_offer": "Habitants des communes sans offre",
        "uncovered_population": "Habitants hors de toute zone (estimation)",
        "uncovered_share": "Part des habitants hors de toute zone (%)",
        "n_centre_social": "Centres sociaux",
        "n_evs": "EVS",
        "per_centre_social": "Habitants par centre social",
        "per_evs": "Habitants par EVS",
        "qpv_full": "QPV couverts en totalité",
        "qpv_partial": "QPV couverts partiellement",
        "qpv_none": "QPV non couverts",
    },
    "en": {
        "n_communes": "Number of municipalities",
        "population": "Population",
        "n_no_offer": "Municipalities without AVS offer",
        "population_no_offer": "Inhabitants of municipalities without offer",
        "uncovered_population": "Inhabitants outside every zone (estimate)",
        "uncovered_share": "Share of inhabitants outside every zone (%)",
        "n_centre_social": "Social centres",
        "n_evs": "EVS",
        "per_centre_social": "Inhabitants per social centre",
        "per_evs": "Inhabitants per EVS",
        "qpv_full": "QPV fully covered",
        "qpv_partial": "QPV partly covered",
        "qpv_none": "QPV not covered",
    },
}
"""Headers of :func:`avs_geo.report.territories.territory_table`."""

# used by avs_geo/report/territories.py (network_table)
NETWORK_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "active_centre_social": "Centres sociaux en activité au {date}",
        "active_evs": "EVS en activité au {date}",
        "created_centre_social": "Centres sociaux créés en {year}",
        "created_evs": "EVS créés en {year}",
        "closed_centre_social": "Centres sociaux fermés en {year}",
        "closed_evs": "EVS fermés en {year}",
    },
    "en": {
        "active_centre_social": "Social centres active on {date}",
        "active_evs": "EVS active on {date}",
        "created_centre_social": "Social centres created in {year}",
        "created_evs": "EVS created in {year}",
        "closed_centre_social": "Social centres closed in {year}",
        "closed_evs": "EVS closed in {year}",
    },
}
"""Headers of :func:`avs_geo.report.territories.network_table` (``{date}``, ``{year}``)."""

# used by avs_geo/report/territories.py (commune_table)
COMMUNE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "code_insee": "Code INSEE",
        "nom": "Commune",
        "epci_nom": "EPCI",
        "territoire": "Territoire",
        "population": "Population",
        "coverage_ratio": "Part de la surface couverte (%)",
        "covered_population": "Habitants couverts (estimation)",
        "uncovered_population": "Habitants hors de toute zone (estimation)",
        "class": "Couverture",
        "structure_ids": "Structures",
    },
    "en": {
        "code_insee": "INSEE code",
        "nom": "Municipality",
        "epci_nom": "EPCI",
        "territoire": "Territory",
        "population": "Population",
        "coverage_ratio": "Share of the area covered (%)",
        "covered_population": "Inhabitants covered (estimate)",
        "uncovered_population": "Inhabitants outside every zone (estimate)",
        "class": "Coverage",
        "structure_ids": "Structures",
    },
}
"""Headers of :func:`avs_geo.report.territories.commune_table`."""

WHITE_ZONE_SENTENCE: dict[str, dict[str, str]] = {
    "fr": {
        "some": (
            "{n} {communes} ({population} habitants) {verb} couverte{s} par aucune "
            "structure d'animation de la vie sociale{where}."
        ),
        "one_commune": "commune",
        "communes": "communes",
        "verb_one": "n'est",
        "verb_many": "ne sont",
        "none": (
            "Toutes les communes{where} sont atteintes par au moins une structure "
            "d'animation de la vie sociale."
        ),
        "uncovered": (
            " Au total, {uncovered} habitants (estimation au prorata de la surface) vivent "
            "hors de toute zone d'intervention."
        ),
        "unknown": " Population inconnue pour {n} commune(s) : {codes}.",
    },
    "en": {
        "some": (
            "{n} {communes} ({population} inhabitants) {verb} covered by no social-life "
            "structure{where}."
        ),
        "one_commune": "municipality",
        "communes": "municipalities",
        "verb_one": "is",
        "verb_many": "are",
        "none": "Every municipality{where} is reached by at least one social-life structure.",
        "uncovered": (
            " In all, {uncovered} inhabitants (estimate pro rata of the area) live outside "
            "every intervention zone."
        ),
        "unknown": " Population unknown for {n} municipality(ies): {codes}.",
    },
}
"""The white-zone sentence of :func:`avs_geo.report.territories.white_zone_sentence`."""

# used by avs_geo/workflows/territories.py (the Nord example of the demo)
NORD_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Zones blanches et EVS ruraux dans le Nord au {date} : structures d'EXEMPLE",
        "where": " dans le Nord",
        "example": (
            "Structures d'EXEMPLE : les six structures créées en 2022 que cite le rapport "
            "d'activité 2022 de la CAF du Nord, avec des zones d'exemple (leurs communes) ; "
            "ce n'est pas le réseau réel. Communes 2022, EPCI et population municipale 2022 : "
            "Etalab (Licence Ouverte)."
        ),
        "no_qpv": (
            "Les contours des QPV du Nord ne sont pas dans les données : la couverture des "
            "QPV et le gain en habitants des QPV ne sont pas mesurés (colonnes vides)."
        ),
        "scores": (
            "Score des six structures créées en 2022, face au réseau sans elles : habitants "
            "sans aucune offre que chacune atteint (population 2022 au prorata de la surface)."
        ),
        "site": "- {name} ({id}) : +{white} habitants sans offre ({n} commune(s))",
        "territories": (
            "Par territoire (regroupement d'EXEMPLE des EPCI du Nord en quatre territoires ; "
            "la composition réelle est celle de la CAF) :"
        ),
        "sheets": "Communes,Territoires,Réseau",
        "sources": "Communes 2022",
        "source_text": (
            "contours IGN Admin Express COG 2018 fusionnés par code 2022 ; métadonnées "
            "Etalab (@etalab/decoupage-administratif), Licence Ouverte"
        ),
    },
    "en": {
        "title": "White zones and rural EVS in the Nord at {date}: EXAMPLE structures",
        "where": " in the Nord",
        "example": (
            "EXAMPLE structures: the six structures created in 2022 named by the CAF du Nord's "
            "2022 activity report, with example zones (their communes); not the real network. "
            "2022 communes, EPCI and municipal population: Etalab (Licence Ouverte)."
        ),
        "no_qpv": (
            "The QPV contours of the Nord are not in the data: the QPV coverage and the QPV "
            "inhabitants gained are not measured (empty columns)."
        ),
        "scores": (
            "Score of the six structures created in 2022, against the network without them: "
            "inhabitants without any offer each reaches (2022 population pro rata of the area)."
        ),
        "site": "- {name} ({id}): +{white} inhabitants without offer ({n} municipality(ies))",
        "territories": (
            "By territory (EXAMPLE grouping of the Nord's EPCI into four territories; the "
            "real composition is the CAF's):"
        ),
        "sheets": "Communes,Territories,Network",
        "sources": "2022 communes",
        "source_text": (
            "IGN Admin Express COG 2018 contours merged by 2022 code; Etalab metadata "
            "(@etalab/decoupage-administratif), Licence Ouverte"
        ),
    },
}
"""Words of the Nord example written by the demo (``nord_zones_blanches.md``)."""
