"""French and English words of the report stage (:mod:`avs_geo.report`): headers, labels, phrases."""

from __future__ import annotations

__all__ = [
    "CHANGE_LABELS",
    "COMPARISON_HEADERS",
    "DEFAULT_NAMES",
    "EVOLUTION_HEADERS",
    "GROUP_HEADERS",
    "METHOD_TEXT",
    "MISSING_GROUP",
    "NO_ZONE_HEADERS",
    "OFFER",
    "POPULATION_UNKNOWN",
    "QPV_HEADERS",
    "SENTENCE_CAF",
    "SENTENCE_PHRASES",
    "SENTENCE_VERBS",
    "SUMMARY_HEADERS",
    "TOTAL_LABEL",
]

# used by avs_geo/report/tables.py
NO_ZONE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "structure_id": "Identifiant",
        "nom": "Nom",
        "type": "Type",
        "commune": "Commune",
        "position_approchee": "Localisation approximative",
        "note": "Remarque",
        "note_value": "sans zone d'intervention (« à définir » ou vide) : hors de la couverture",
    },
    "en": {
        "structure_id": "Structure id",
        "nom": "Name",
        "type": "Type",
        "commune": "Municipality",
        "position_approchee": "Approximate location",
        "note": "Note",
        "note_value": 'no intervention zone ("to be defined" or empty): left out of the coverage',
    },
}
"""Headers of ``no_zone_table`` (the "Sans zone" table), by language."""

QPV_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "code_qpv": "Code QPV",
        "nom_qpv": "Nom du QPV",
        "communes": "Commune(s)",
        "departement": "Département",
        "epci": "EPCI",
        "territoire": "Territoire",
        "nom_departement": "Nom du département",
        "population": "Population",
        "qpv_area_m2": "Surface du QPV (ha)",
        "covered_area_m2": "Surface couverte (ha)",
        "coverage_ratio": "Taux de couverture (%)",
        "coverage_status": "Couverture",
        "structure_ids": "Structures",
        "n_structures": "Nombre de structures",
        "covered_population": "Population couverte (estimée)",
    },
    "en": {
        "code_qpv": "QPV code",
        "nom_qpv": "QPV name",
        "communes": "Municipality(ies)",
        "departement": "Department",
        "epci": "EPCI",
        "territoire": "Territory",
        "nom_departement": "Department name",
        "population": "Population",
        "qpv_area_m2": "QPV area (ha)",
        "covered_area_m2": "Covered area (ha)",
        "coverage_ratio": "Coverage rate (%)",
        "coverage_status": "Coverage",
        "structure_ids": "Structures",
        "n_structures": "Number of structures",
        "covered_population": "Covered population (estimated)",
    },
}
"""Headers of :func:`qpv_table`, by language (one per coverage column)."""

# used by avs_geo/report/summary.py
SUMMARY_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "status": "Couverture",
        "n": "Nombre de QPV",
        "share": "Part des QPV (%)",
        "population": "Population des QPV",
        "population_share": "Part de la population (%)",
    },
    "en": {
        "status": "Coverage",
        "n": "Number of QPV",
        "share": "Share of QPV (%)",
        "population": "QPV population",
        "population_share": "Share of population (%)",
    },
}
"""Headers of :func:`coverage_summary`, by language."""

# used by avs_geo/report/tables.py (and the maps' popups, in _i18n/maps.py)
POPULATION_UNKNOWN = {"fr": "non connue", "en": "unknown"}
"""How every table and map shows a population that is not known."""

# used by avs_geo/report/summary.py
TOTAL_LABEL = {"fr": "Total", "en": "Total"}

# used by avs_geo/report/summary.py
MISSING_GROUP = {"fr": "Non renseigné", "en": "Not given"}

# used by avs_geo/report/summary.py
GROUP_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "departement": "Département",
        "commune": "Commune",
        "communes": "Commune",
        "code_insee": "Code commune",
        "epci": "EPCI",
        "epci_siren": "SIREN de l'EPCI",
        "territoire": "Territoire",
    },
    "en": {
        "departement": "Department",
        "commune": "Municipality",
        "communes": "Municipality",
        "code_insee": "Municipality code",
        "epci": "EPCI",
        "epci_siren": "EPCI SIREN",
        "territoire": "Territory",
    },
}

# used by avs_geo/report/sentence.py
OFFER = {
    "fr": "une offre d'animation de la vie sociale",
    "en": "a social-life (AVS) offer",
}

# used by avs_geo/report/sentence.py
SENTENCE_PHRASES: dict[str, dict[str, str]] = {
    "fr": {
        "at": "Au {date}, ",
        "of": "sur les {n} QPV{territory}, ",
        "none_listed": "aucun QPV{territory} n'est recensé.",
        "the_one": "le QPV{territory}",
        "the_all": "les {n} QPV{territory}",
        "and": " et ",
    },
    "en": {
        "at": "At {date}, ",
        "of": "of the {n} QPV{territory}, ",
        "none_listed": "no QPV{territory} is listed.",
        "the_one": "the QPV{territory}",
        "the_all": "the {n} QPV{territory}",
        "and": " and ",
    },
}

# used by avs_geo/report/sentence.py
SENTENCE_VERBS: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "full": ("est couvert en totalité par {offer}", "sont couverts en totalité par {offer}"),
        "partial": (
            "est couvert partiellement par {offer}",
            "sont couverts partiellement par {offer}",
        ),
        "partial_after_full": ("partiellement", "partiellement"),
        "none": ("n'est pas couvert", "ne sont pas couverts"),
        "none_alone": ("n'est pas couvert par {offer}", "ne sont pas couverts par {offer}"),
    },
    "en": {
        "full": ("is fully covered by {offer}", "are fully covered by {offer}"),
        "partial": ("is partly covered by {offer}", "are partly covered by {offer}"),
        "partial_after_full": ("partly", "partly"),
        "none": ("is not covered", "are not covered"),
        "none_alone": ("is not covered by {offer}", "are not covered by {offer}"),
    },
}

# used by avs_geo/report/sentence.py (style="caf", the phrasing of the CAF reports)
SENTENCE_CAF: dict[str, dict[str, str | tuple[str, str]]] = {
    "fr": {
        "lead": "la couverture des {n} QPV{territory} par {offer} est la suivante\u00a0: ",
        "lead_one": "la couverture du QPV{territory} par {offer} est la suivante\u00a0: ",
        "clause": "{share} ({n} QPV) {verb}",
        "full": ("est couvert en totalité", "sont couverts en totalité"),
        "partial": ("est couvert partiellement", "sont couverts partiellement"),
        "partial_after_full": ("partiellement", "partiellement"),
        "none": ("n'est pas couvert", "ne sont pas couverts"),
    },
    "en": {
        "lead": "the coverage of the {n} QPV{territory} by {offer} is as follows: ",
        "lead_one": "the coverage of the QPV{territory} by {offer} is as follows: ",
        "clause": "{share} ({n} QPV) {verb}",
        "full": ("is fully covered", "are fully covered"),
        "partial": ("is partly covered", "are partly covered"),
        "partial_after_full": ("partly", "partly"),
        "none": ("is not covered", "are not covered"),
    },
}

# used by avs_geo/report/method.py
METHOD_TEXT = {
    "fr": {
        "sentence": "Phrase de synthèse",
        "date": "Date de la situation",
        "no_date": "non précisée",
        "active": "Structures comptées",
        "active_value": (
            "celles dont l'agrément couvre la date : date_agrement ≤ date ≤ date_fin, le "
            "premier et le dernier jour de l'agrément inclus (un agrément « au 31/12/2021 » "
            "compte le 31/12/2021) ; les structures sans zone d'intervention sont écartées"
        ),
        "qpv": "QPV",
        "qpv_value": "{n} QPV, {generation}",
        "generation": "génération {year} (codes {prefix}...)",
        "mixed": "générations mélangées (codes {prefixes}) : à vérifier",
        "structures": "Structures",
        "structures_value": "{n} zones d'intervention",
        "ratio": "Taux de couverture",
        "ratio_value": (
            "surface du QPV située dans l'union des zones d'intervention des structures "
            "÷ surface du QPV{crs}"
        ),
        "measured": " ; surfaces mesurées en {crs}",
        "class": "Classe «\u00a0{label}\u00a0»",
        "full": "taux ≥ {full}",
        "partial": "{none} < taux < {full}",
        "none": "taux ≤ {none}",
        "population": "Population couverte (estimée)",
        "population_value": (
            "population du QPV × taux de couverture : population supposée répartie "
            "uniformément dans le QPV, sauf si une population plus fine a été fournie au calcul"
        ),
        "shares": "Parts (%)",
        "shares_value": (
            "arrondies à {step} point par la méthode du plus fort reste (méthode de Hamilton) : "
            "les trois classes totalisent exactement 100\u00a0%"
        ),
        "grouping": "Regroupement",
        "grouping_value": (
            "un QPV situé sur plusieurs communes compte dans chacune d'elles : la somme des "
            "blocs dépasse le total"
        ),
        "lost": "Perte en cas de fermeture (feuille Structures)",
        "lost_value": (
            "partie des QPV couverte par cette structure et par aucune autre, et sa population "
            "(pondération par la surface)"
        ),
        "unknown": "QPV de population inconnue",
        "made": "Produit avec",
        "made_value": "avs_geo {version}, le {today}",
        "source": "Source\u00a0: ",
    },
    "en": {
        "sentence": "Summary sentence",
        "date": "Date of the situation",
        "no_date": "not given",
        "active": "Structures counted",
        "active_value": (
            "those whose agreement covers the date: date_agrement ≤ date ≤ date_fin, the "
            "first and last days of the agreement included (an agreement 'to 31/12/2021' "
            "counts on 31/12/2021); structures without an intervention zone are left out"
        ),
        "qpv": "QPV",
        "qpv_value": "{n} QPV, {generation}",
        "generation": "{year} generation (codes '{prefix}...')",
        "mixed": "mixed generations (codes {prefixes}): check",
        "structures": "Structures",
        "structures_value": "{n} intervention zones",
        "ratio": "Coverage rate",
        "ratio_value": "area of the QPV inside the union of the structures' zones ÷ QPV area{crs}",
        "measured": "; areas measured in {crs}",
        "class": "Class '{label}'",
        "full": "rate ≥ {full}",
        "partial": "{none} < rate < {full}",
        "none": "rate ≤ {none}",
        "population": "Covered population (estimated)",
        "population_value": (
            "QPV population × coverage rate: population assumed spread evenly in the QPV, "
            "unless a finer population layer was given to the computation"
        ),
        "shares": "Shares (%)",
        "shares_value": (
            "rounded to {step} point by the largest-remainder (Hamilton) method: the three "
            "classes add up to exactly 100%"
        ),
        "grouping": "Grouping",
        "grouping_value": (
            "a QPV spanning several municipalities counts in each of them: the blocks add up "
            "to more than the total"
        ),
        "lost": "Loss if a structure closed (Structures sheet)",
        "lost_value": (
            "part of the QPV covered by this structure and no other, and its population "
            "(area weighted)"
        ),
        "unknown": "QPV of unknown population",
        "made": "Made with",
        "made_value": "avs_geo {version}, on {today}",
        "source": "Source: ",
    },
}

# used by avs_geo/report/comparison.py
DEFAULT_NAMES = {"fr": ("avant", "après"), "en": ("before", "after")}

# used by avs_geo/report/comparison.py
CHANGE_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "improved": "Amélioration",
        "worsened": "Dégradation",
        "unchanged": "Inchangée",
        "only_before": "Seulement {before}",
        "only_after": "Seulement {after}",
    },
    "en": {
        "improved": "Improved",
        "worsened": "Worsened",
        "unchanged": "Unchanged",
        "only_before": "Only {before}",
        "only_after": "Only {after}",
    },
}

# used by avs_geo/report/comparison.py
COMPARISON_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "code": "Code QPV",
        "name": "Nom du QPV",
        "status": "Couverture ({side})",
        "change": "Évolution",
        "ratio": "Taux de couverture ({side}) (%)",
        "ratio_change": "Écart de taux (points)",
        "covered": "Population couverte ({side})",
        "covered_change": "Écart de population couverte",
        "n": "Nombre de QPV ({side})",
        "n_change": "Écart (nombre)",
        "share": "Part des QPV ({side}) (%)",
        "share_change": "Écart de part (points)",
        "population": "Population des QPV ({side})",
        "population_change": "Écart de population",
        "figure": "Indicateur",
        "value": "Valeur",
        "improved": "QPV mieux couverts",
        "worsened": "QPV moins bien couverts",
        "one_sided": "QPV présents dans une seule des deux situations",
        "newly": "Population nouvellement couverte (estimée)",
        "lost": "Population qui n'est plus couverte (estimée)",
    },
    "en": {
        "code": "QPV code",
        "name": "QPV name",
        "status": "Coverage ({side})",
        "change": "Change",
        "ratio": "Coverage rate ({side}) (%)",
        "ratio_change": "Rate change (points)",
        "covered": "Covered population ({side})",
        "covered_change": "Covered population change",
        "n": "Number of QPV ({side})",
        "n_change": "Change (number)",
        "share": "Share of QPV ({side}) (%)",
        "share_change": "Share change (points)",
        "population": "QPV population ({side})",
        "population_change": "Population change",
        "figure": "Figure",
        "value": "Value",
        "improved": "QPV better covered",
        "worsened": "QPV less covered",
        "one_sided": "QPV in one situation only",
        "newly": "Population newly covered (estimated)",
        "lost": "Population no longer covered (estimated)",
    },
}

# used by avs_geo/report/evolution.py
EVOLUTION_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "date": "Date",
        "n_full": "QPV couverts en totalité",
        "n_partial": "QPV couverts partiellement",
        "n_none": "QPV non couverts",
        "n_qpv": "Nombre de QPV",
        "population": "Population des QPV",
        "covered_population": "Population couverte (estimée)",
        "covered_share": "Part de la population couverte (%)",
        "code": "Code QPV",
        "name": "Nom du QPV",
        "status": "Couverture au {date}",
        "ratio_first": "Taux de couverture au {date} (%)",
        "ratio_last": "Taux de couverture au {date} (%)",
        "change": "Évolution du {first} au {last}",
        "changed_between": "A changé de classe entre deux dates",
        "better": "Mieux couvert",
        "worse": "Moins bien couvert",
        "same": "Inchangé",
        "yes": "oui",
        "no": "non",
    },
    "en": {
        "date": "Date",
        "n_full": "QPV fully covered",
        "n_partial": "QPV partly covered",
        "n_none": "QPV not covered",
        "n_qpv": "Number of QPV",
        "population": "QPV population",
        "covered_population": "Population covered (estimate)",
        "covered_share": "Share of the population covered (%)",
        "code": "QPV code",
        "name": "QPV name",
        "status": "Coverage on {date}",
        "ratio_first": "Coverage rate on {date} (%)",
        "ratio_last": "Coverage rate on {date} (%)",
        "change": "Change from {first} to {last}",
        "changed_between": "Changed class between two dates",
        "better": "Better covered",
        "worse": "Less covered",
        "same": "Unchanged",
        "yes": "yes",
        "no": "no",
    },
}
"""Headers and words of the coverage over several dates (``avs-geo evolution``)."""
