"""French and English words of the report stage (:mod:`avs_geo.report`): headers, labels, phrases."""

from __future__ import annotations

__all__ = [
    "CHANGE_LABELS",
    "COMPARISON_HEADERS",
    "DEFAULT_NAMES",
    "EVOLUTION_HEADERS",
    "GROUP_HEADERS",
    "MESSAGES",
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

# used by every module of avs_geo/report
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "names": "names doit contenir deux textes non vides, reçu {got!r}.",
        "generations_differ": (
            " Les générations de QPV diffèrent (2015 'QP...' et 2024 'QN...') : calculez les "
            "deux situations sur la même couche de QPV."
        ),
        "only_one_side": (
            "{n_before} QPV figurent seulement {before} ({ids_before}) et {n_after} "
            "seulement {after} ({ids_after}) ; ils sont gardés et signalés.{hint}"
        ),
        "other_language": " Ses en-têtes sont en {other!r} : passez language={other!r}.",
        "not_summary": (
            "'summary' doit être le tableau rendu par avs_geo.coverage_summary avec "
            "language={language!r} ; il a {columns}.{hint}"
        ),
        "not_grouped": "group= a été donné mais le résumé n'est pas groupé (by=None).",
        "which_group": ("Le résumé a {n} groupes ({columns}) ; passez group= parmi {groups}."),
        "unknown_group": "group={group!r} n'est pas dans le résumé ; les groupes sont {groups}.",
        "summary_type": (
            "'summary' doit être un DataFrame rendu par coverage_summary, reçu {got}."
        ),
        "summary_is_coverage": (
            "'summary' ressemble à un tableau de couverture ; passez plutôt "
            "coverage_summary(coverage, date=..., territory=...)."
        ),
        "style": "style doit être 'default' ou 'caf', reçu {got!r}.",
        "summary_rows": (
            "Il manque à 'summary' la ou les lignes {rows} ; passez le tableau entier rendu "
            "par coverage_summary."
        ),
        "epci_hint": "epci= associe des codes INSEE.",
        "epci_unknown": (
            "epci= ne donne pas d'EPCI pour {n} commune(s) de 'coverage' : {ids}. Complétez "
            "la correspondance (code INSEE -> EPCI)."
        ),
        "epci_column": (
            " Ajoutez une colonne 'epci' : avs_geo.attach_epci(coverage, communes) avec les "
            "communes d'un millésime (avs_geo.load_communes(..., vintage=2022)) trouve l'EPCI "
            "de chaque QPV ; ou passez epci={{code INSEE: nom de l'EPCI}}."
        ),
        "territory_column": (
            " Ajoutez une colonne 'territoire' : avs_geo.attach_territories(coverage, "
            "avs_geo.load_territories(chemin), communes) avec les communes d'un millésime."
        ),
        "no_group_column": (
            "'coverage' n'a pas de colonne {column!r} pour grouper ; elle a {columns}.{hint}"
        ),
        "decimals": "decimals doit être un entier >= 0, reçu {got!r}.",
        "by_distinct": "by doit nommer des colonnes distinctes, reçu {got!r}.",
        "population_unknown": (
            "La population de {n} des {total} QPV est inconnue ; les colonnes de population "
            "ne comptent que les autres : {ids}."
        ),
        "levels": "by doit être l'un de {levels} ou une suite de ceux-ci, reçu {got!r}.",
        "territories_type": (
            "territories doit associer un code commune ou un SIREN d'EPCI à un nom de "
            "territoire (load_territories, un dict ou une Series), reçu {got}."
        ),
        "territories_needed": (
            "by='territoire' demande territories= (code commune ou SIREN d'EPCI -> nom du "
            "territoire, par ex. par load_territories)."
        ),
        "communes_hint": "Utilisez avs_geo.load_communes().",
        "epci_vintage_hint": "Chargez les communes d'un millésime (EPCI).",
        "structures_hint": "Utilisez load_structures().",
        "commune_coverage_hint": "Passez le résultat de commune_coverage(communes, zones).",
        "commune_coverage_short_hint": "Utilisez commune_coverage().",
        "structures_outside": (
            "{n} structure(s) ne sont dans aucune des communes données (ni leur "
            "emplacement, ni une commune de leur zone) et sont comptées sous {unassigned!r} : "
            "{ids}."
        ),
        "structures_type": (
            "structures doit être le tableau rendu par avs_geo.load_structures, reçu {got}."
        ),
        "commune_coverage_type": (
            "communes doit être le tableau rendu par "
            "avs_geo.coverage.communes.commune_coverage, reçu {got}."
        ),
        "no_level_column": (
            "'coverage' n'a pas de colonne pour le niveau {level!r} (attendu {expected}) ; "
            "elle a {columns}. Placez d'abord les QPV dans leurs communes et EPCI, ou "
            "retirez coverage=."
        ),
        "missing_group": "{n} QPV n'ont pas de valeur dans la colonne {column!r} : {ids}. Ils forment le bloc « Non renseigné » ; complétez les communes ou les territoires pour les placer.",
    },
    "en": {
        "names": "names should be two non-empty strings, got {got!r}.",
        "generations_differ": (
            " The QPV generations differ (2015 'QP...' and 2024 'QN...'): compute both "
            "situations on the same QPV layer."
        ),
        "only_one_side": (
            "{n_before} QPV appear only {before} ({ids_before}) and {n_after} only {after} "
            "({ids_after}); they are kept and marked.{hint}"
        ),
        "other_language": " Its headers are in {other!r}: pass language={other!r}.",
        "not_summary": (
            "'summary' should be the table returned by avs_geo.coverage_summary in "
            "language={language!r}; it has {columns}.{hint}"
        ),
        "not_grouped": "group= was given but the summary is not grouped (by=None).",
        "which_group": "The summary has {n} groups ({columns}); pass group= one of {groups}.",
        "unknown_group": "group={group!r} is not in the summary; groups are {groups}.",
        "summary_type": "'summary' should be a DataFrame from coverage_summary, got {got}.",
        "summary_is_coverage": (
            "'summary' looks like a coverage frame; pass coverage_summary(coverage, "
            "date=..., territory=...) instead."
        ),
        "style": "style should be 'default' or 'caf', got {got!r}.",
        "summary_rows": (
            "'summary' lacks the row(s) {rows}; pass the whole table returned by coverage_summary."
        ),
        "epci_hint": "epci= maps INSEE codes.",
        "epci_unknown": (
            "epci= gives no EPCI for {n} commune(s) of 'coverage': {ids}. Complete the "
            "mapping (INSEE code -> EPCI)."
        ),
        "epci_column": (
            " Add an 'epci' column: avs_geo.attach_epci(coverage, communes) with the "
            "communes of a vintage (avs_geo.load_communes(..., vintage=2022)) finds the EPCI "
            "of each QPV; or pass epci={{INSEE code: EPCI name}}."
        ),
        "territory_column": (
            " Add a 'territoire' column: avs_geo.attach_territories(coverage, "
            "avs_geo.load_territories(path), communes) with the communes of a vintage."
        ),
        "no_group_column": "'coverage' has no column {column!r} to group by; it has {columns}.{hint}",
        "decimals": "decimals should be an integer >= 0, got {got!r}.",
        "by_distinct": "by should name distinct columns, got {got!r}.",
        "population_unknown": (
            "The population of {n} of {total} QPV is unknown; population columns count the "
            "others only: {ids}."
        ),
        "levels": "by should be one of {levels} or a sequence of them, got {got!r}.",
        "territories_type": (
            "territories should map a commune code or an EPCI SIREN to a territory name "
            "(load_territories, a dict or a Series), got {got}."
        ),
        "territories_needed": (
            "by='territoire' needs territories= (commune code or EPCI SIREN -> territory "
            "name, e.g. from load_territories)."
        ),
        "communes_hint": "Use avs_geo.load_communes().",
        "epci_vintage_hint": "Load the communes of a vintage (EPCI).",
        "structures_hint": "Use load_structures().",
        "commune_coverage_hint": "Pass the result of commune_coverage(communes, zones).",
        "commune_coverage_short_hint": "Use commune_coverage().",
        "structures_outside": (
            "{n} structure(s) lie in none of the communes given (no location inside them, no "
            "commune of their zone among them) and are counted under {unassigned!r}: {ids}."
        ),
        "structures_type": "structures should be the frame of avs_geo.load_structures, got {got}.",
        "commune_coverage_type": (
            "communes should be the frame of avs_geo.coverage.communes.commune_coverage, got {got}."
        ),
        "no_level_column": (
            "'coverage' has no column for the level {level!r} (expected {expected}); it has "
            "{columns}. Place the QPV in their communes and EPCI first, or leave coverage= out."
        ),
        "missing_group": "{n} QPV have no value in the column {column!r}: {ids}. They form the 'Non renseigné' block; complete the communes or the territories to place them.",
    },
}
"""Message templates of the report stage, by language."""
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
