"""French and English words of the sites stage (:mod:`avs_geo.sites`): headers, labels, phrases."""

from __future__ import annotations

__all__ = [
    "MESSAGES",
    "METHOD_LABELS",
    "NETWORK_ROW",
    "REASONS",
    "SITE_HEADERS",
    "SUMMARY_WORDS",
]

# used by avs_geo/sites/select.py
METHOD_LABELS: dict[str, dict[str, str]] = {
    "fr": {"greedy": "gloutonne", "exact": "exacte"},
    "en": {"greedy": "greedy", "exact": "exact"},
}
"""How the methods of :func:`select_sites` are named in a note."""

# used by avs_geo/sites/select.py
SUMMARY_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "headline": "Avec {sites} ({method}), la part de la population des QPV "
        "couverte passe de {before} à {after} (+{gain} habitants, estimation).",
        "white_headline": "{sites} ({method}) atteignent {gain} habitants sans aucune "
        "offre d'animation de la vie sociale (estimation au prorata de la surface).",
        "white_after": " {gain} habitants sans aucune offre d'animation de la vie sociale "
        "sont aussi atteints (estimation au prorata de la surface).",
        "one_site": "le site choisi",
        "sites": "les {n} sites choisis",
        "method": "méthode {name}",
        "weighted": "méthode {name}, poids : {weight}",
        "none": "Aucun site candidat n'ajoute de couverture : aucun n'est choisi.",
        "site": "{k}. {name} ({id}) : +{gain} habitants",
        "site_white": "{k}. {name} ({id}) : +{white} habitants sans offre",
        "site_both": "{k}. {name} ({id}) : +{gain} habitants des QPV, +{white} habitants "
        "sans offre",
        "gap": "Écart de la méthode gloutonne à l'optimum : {gap} (solveur : {status}).",
        "area_headline": "Avec {sites} ({method}), {gain} ha de QPV de plus sont couverts.",
        "weight_headline": "Avec {sites} ({method}), les QPV couverts gagnent {gain} en "
        "{weight} (somme pondérée par la part de chaque QPV couverte).",
        "population_after": " La part de la population des QPV couverte passe de {before} à "
        "{after} (+{gain} habitants, estimation).",
        "site_area": "{k}. {name} ({id}) : +{gain} ha de QPV",
        "site_weight": "{k}. {name} ({id}) : +{gain} en {weight}",
        "weights": "area=surface",
    },
    "en": {
        "headline": "With {sites} ({method}), the share of the QPV population "
        "covered goes from {before} to {after} (+{gain} inhabitants, estimate).",
        "white_headline": "{sites} ({method}) reach {gain} inhabitants without any "
        "social-life offer (estimate pro rata of the area).",
        "white_after": " {gain} inhabitants without any social-life offer are reached too "
        "(estimate pro rata of the area).",
        "one_site": "the chosen site",
        "sites": "the {n} chosen sites",
        "method": "{name} method",
        "weighted": "{name} method, weight: {weight}",
        "none": "No candidate site adds coverage: none is chosen.",
        "site": "{k}. {name} ({id}): +{gain} inhabitants",
        "site_white": "{k}. {name} ({id}): +{white} inhabitants without offer",
        "site_both": "{k}. {name} ({id}): +{gain} QPV inhabitants, +{white} inhabitants "
        "without offer",
        "gap": "Gap of the greedy method to the optimum: {gap} (solver: {status}).",
        "area_headline": "With {sites} ({method}), {gain} ha more of QPV are covered.",
        "weight_headline": "With {sites} ({method}), the QPV covered gain {gain} in {weight} "
        "(sum weighted by the covered share of each QPV).",
        "population_after": " The share of the QPV population covered goes from {before} to "
        "{after} (+{gain} inhabitants, estimate).",
        "site_area": "{k}. {name} ({id}): +{gain} ha of QPV",
        "site_weight": "{k}. {name} ({id}): +{gain} in {weight}",
        "weights": "area=area",
    },
}
"""Words of :meth:`SiteSelection.summary`, by language."""

# used by avs_geo/sites/score.py
REASONS: dict[str, dict[str, str]] = {
    "fr": {
        "already_covered": "n'ajoute rien : déjà couvert",
        "outside_qpv": "n'ajoute rien : hors QPV",
        "zero_weight": "n'ajoute rien : poids nul",
    },
    "en": {
        "already_covered": "adds nothing: already covered",
        "outside_qpv": "adds nothing: outside the QPV",
        "zero_weight": "adds nothing: zero weight",
    },
}
"""Why a candidate adds nothing (codes of the ``reason`` column and their labels)."""

# used by avs_geo/sites/score.py
SITE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "rank": "Rang",
        "k": "Nombre de nouveaux sites",
        "candidat_id": "Identifiant",
        "nom": "Nom",
        "fixed": "Imposé",
        "score": "Score",
        "gain": "Gain",
        "gain_population": "Population gagnée (estimée)",
        "gain_area_m2": "Surface de QPV gagnée (ha)",
        "n_qpv_reached": "QPV gagnés",
        "qpv_reached": "Codes des QPV gagnés",
        "gain_white_population": "Habitants sans offre gagnés (estimés)",
        "n_communes_reached": "Communes en zone blanche atteintes",
        "communes_reached": "Codes des communes en zone blanche atteintes",
        "n_none_to_partial": "QPV non couverts → partiellement",
        "n_none_to_full": "QPV non couverts → en totalité",
        "n_partial_to_full": "QPV partiellement → en totalité",
        "dist_structure_m": "Distance à la structure la plus proche (m)",
        "nearest_structure_id": "Structure la plus proche",
        "dist_qpv_m": "Distance au QPV le plus proche (m)",
        "reason": "Remarque",
        "population_covered": "Population des QPV couverte (cumul)",
        "share_covered_pct": "Part de la population des QPV couverte (%)",
    },
    "en": {
        "rank": "Rank",
        "k": "Number of new sites",
        "candidat_id": "Id",
        "nom": "Name",
        "fixed": "Imposed",
        "score": "Score",
        "gain": "Gain",
        "gain_population": "Population gained (estimated)",
        "gain_area_m2": "QPV area gained (ha)",
        "n_qpv_reached": "QPV gained",
        "qpv_reached": "Codes of the QPV gained",
        "gain_white_population": "Inhabitants without offer gained (estimated)",
        "n_communes_reached": "White-zone municipalities reached",
        "communes_reached": "Codes of the white-zone municipalities reached",
        "n_none_to_partial": "QPV none → partly covered",
        "n_none_to_full": "QPV none → fully covered",
        "n_partial_to_full": "QPV partly → fully covered",
        "dist_structure_m": "Distance to the nearest structure (m)",
        "nearest_structure_id": "Nearest structure",
        "dist_qpv_m": "Distance to the nearest QPV (m)",
        "reason": "Note",
        "population_covered": "QPV population covered (cumulative)",
        "share_covered_pct": "Share of the QPV population covered (%)",
    },
}
"""Headers of :func:`sites_table`, by language."""

# used by avs_geo/sites/score.py
NETWORK_ROW: dict[str, str] = {"fr": "Réseau actuel", "en": "Current network"}
"""Name shown on the first row of a selection's curve (no new site yet)."""

# used by every module of avs_geo/sites
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "candidates_hint": "Utilisez avs_geo.sites.load_candidates.",
        "coverage_hint": "Passez le résultat de avs_geo.compute_coverage(qpv, zones).",
        "communes_hint": "Utilisez avs_geo.load_communes().",
        "zones_hint": "Construisez-les avec avs_geo.build_zones().",
        "structures_hint": "Utilisez load_structures().",
        "vintage_hint": ("Chargez les communes d'un millésime : load_communes(..., vintage=2022)."),
        "radius": (
            "radius_m doit être un nombre de mètres positif (ou None pour {default} m), "
            "reçu {got!r}."
        ),
        "radius_no_point": (
            "Les candidats {ids} ont un zone_rayon_m mais pas de point autour duquel le "
            "tracer (leur géométrie est un polygone ou absente). Retirez le rayon ou donnez "
            "un point."
        ),
        "no_zone": (
            "Les candidats {ids} n'ont pas de zone : donnez-leur un point, un polygone ou "
            "des zone_communes."
        ),
        "communes_mode": (
            "mode='communes' demande communes= et zones= (les zones existantes) : les "
            "candidats sont les communes qu'aucune zone n'atteint."
        ),
        "mode": "mode doit être 'grid' ou 'communes', reçu {got!r}.",
        "spacing": "spacing_m doit être un nombre de mètres positif, reçu {got!r}.",
        "statuses": "statuses doit être parmi 'none', 'partial', 'full', reçu {got}.",
        "max_communes": "max_communes doit être un nombre entier >= 1, reçu {got!r}.",
        "no_communes": (
            "Les candidats {ids} sont donnés par commune (zone_communes) mais aucune couche "
            "'communes' n'a été passée : ajoutez communes=avs_geo.load_communes()."
        ),
        "duplicate_communes": "'communes' a des valeurs de code_insee en double : {ids}.",
        "time_limit": "time_limit_s doit être un nombre de secondes positif, reçu {got!r}.",
        "no_coverage": (
            "coverage vaut None : sans QPV, seules les zones blanches peuvent être notées. "
            "Passez demand='communes' et communes= (avec leur population), ou la couverture "
            "des QPV donnée par avs_geo.compute_coverage."
        ),
        "demand": "demand doit être l'une de {choices}, reçu {got!r}.",
        "factor": ("{name} doit être un nombre >= 0 (ce que compte un habitant), reçu {got!r}."),
        "demand_communes": (
            "demand={demand!r} demande communes= avec leur population (par ex. "
            "avs_geo.load_communes(departement='59', vintage=2022))."
        ),
        "both_area": (
            "demand='both' additionne les habitants des QPV et des zones blanches : "
            "weight='area' (mètres carrés) ne s'additionne pas à des habitants. Utilisez "
            "weight='population' ou une colonne de personnes."
        ),
        "commune_population": (
            "La colonne 'population' de 'communes' doit contenir des nombres d'habitants "
            "positifs ou nuls ; les communes {ids} n'en ont pas."
        ),
        "communes_unknown_population": (
            "{n} commune(s) atteintes par des candidats n'ont pas de population et pèsent 0 "
            "dans les zones blanches : {ids}."
        ),
        "weight_type": (
            "weight doit être 'population', 'area' ou le nom d'une colonne numérique de "
            "'coverage', reçu {kind} {got!r}."
        ),
        "weight_numbers": (
            "La colonne {weight!r} de 'coverage' doit contenir des nombres ; les QPV {ids} "
            "n'en ont pas. Convertissez-la avec pd.to_numeric."
        ),
        "weight_negative": (
            "La colonne de poids {weight!r} a des valeurs négatives pour les QPV {ids} : un "
            "poids est une quantité de besoin (personnes, allocataires, un taux), jamais "
            "au-dessous de 0."
        ),
        "ratio_differs": (
            "Les zones donnent un autre taux de couverture que celui de 'coverage' pour {n} "
            "QPV ({ids}) : 'coverage' n'a pas été calculé avec ces zones. Les gains sont "
            "mesurés par rapport aux zones données."
        ),
        "not_ranked": (
            "{n} des {total} candidats n'ajoutent rien à la couverture et ne sont pas "
            "classés : {shown}."
        ),
        "result_type": (
            "'result' doit être le résultat de score_sites (un DataFrame) ou de select_sites "
            "(une SiteSelection), reçu {got}."
        ),
        "method": "method doit être 'greedy' ou 'exact', reçu {got!r}.",
        "k_type": "k doit être un nombre entier de sites, reçu {got!r}.",
        "k_range": "k doit être entre 1 et le nombre de candidats ({n}), reçu k={k}.",
        "not_optimal": (
            "CBC s'est arrêté avec le statut {status!r} (limite de temps {limit} s) : la "
            "solution n'est pas prouvée optimale. Augmentez time_limit_s."
        ),
        "none": "aucun",
        "stops_early": (
            "k={k} sites étaient demandés mais seuls {n} ajoutent de la couverture une fois "
            "les autres choisis : la sélection s'arrête à {n}. Candidats qui n'ajoutent rien "
            "seuls : {ids}."
        ),
        "fixed_unknown": (
            "fixed nomme {n} identifiant(s) qui ne sont pas des candidats : {ids}. Les "
            "candidats sont nommés par candidat_id, par ex. {examples}."
        ),
        "fixed_too_many": (
            "{n} sites imposés ({ids}), c'est plus que k={k} : k compte aussi les sites "
            "imposés. Augmentez k ou imposez moins de sites."
        ),
        "relation_type": "relation doit être une SiteRelation construite par build_relation(candidates, coverage, zones=...), pas {got} ; ou ne la donnez pas : elle est alors construite à partir des autres arguments.",
        "weight_missing": "Le poids weight={weight!r} (--poids) n'est pas une colonne des QPV. Colonnes numériques : {numeric} ; ou weight='area' (--poids surface). Pour peser par un indicateur de l'INSEE, joignez sa table par code de QPV : --indicateurs FICHIER (avs-geo), indicators=... (Python).",
        "weight_unknown": "{n} QPV sans valeur de {weight!r} pèsent 0 dans les scores : {ids}. Complétez la colonne (pour la population : --indicateurs FICHIER, indicators=...).",
    },
    "en": {
        "candidates_hint": "Use avs_geo.sites.load_candidates.",
        "coverage_hint": "Pass the output of avs_geo.compute_coverage(qpv, zones).",
        "communes_hint": "Use avs_geo.load_communes().",
        "zones_hint": "Build them with avs_geo.build_zones().",
        "structures_hint": "Use load_structures().",
        "vintage_hint": "Load the communes of a vintage: load_communes(..., vintage=2022).",
        "radius": (
            "radius_m should be a positive number of metres (or None for {default} m), got {got!r}."
        ),
        "radius_no_point": (
            "Candidates {ids} have a zone_rayon_m but no Point location to draw it around "
            "(their geometry is a polygon or missing). Remove the radius or give a point."
        ),
        "no_zone": (
            "Candidates {ids} have no zone: give them a point, a polygon or zone_communes."
        ),
        "communes_mode": (
            "mode='communes' needs communes= and zones= (the existing zones): the candidates "
            "are the communes no zone reaches."
        ),
        "mode": "mode should be 'grid' or 'communes', got {got!r}.",
        "spacing": "spacing_m should be a positive number of metres, got {got!r}.",
        "statuses": "statuses should be among 'none', 'partial', 'full', got {got}.",
        "max_communes": "max_communes should be a whole number >= 1, got {got!r}.",
        "no_communes": (
            "Candidates {ids} are given by commune (zone_communes) but no 'communes' layer "
            "was passed: add communes=avs_geo.load_communes()."
        ),
        "duplicate_communes": "'communes' has duplicate code_insee values: {ids}.",
        "time_limit": "time_limit_s should be a positive number of seconds, got {got!r}.",
        "no_coverage": (
            "coverage is None: without QPV, only the white zones can be scored. Pass "
            "demand='communes' and communes= (with their population), or the QPV coverage "
            "of avs_geo.compute_coverage."
        ),
        "demand": "demand should be one of {choices}, got {got!r}.",
        "factor": "{name} should be a number >= 0 (how much one inhabitant counts), got {got!r}.",
        "demand_communes": (
            "demand={demand!r} needs communes= with their population (e.g. "
            "avs_geo.load_communes(departement='59', vintage=2022))."
        ),
        "both_area": (
            "demand='both' adds QPV and white-zone inhabitants: weight='area' (square "
            "metres) cannot be added to inhabitants. Use weight='population' or a column of "
            "people."
        ),
        "commune_population": (
            "'communes' column 'population' should hold non-negative numbers of "
            "inhabitants; communes {ids} do not."
        ),
        "communes_unknown_population": (
            "{n} communes reached by candidates have no population and weigh 0 in the white "
            "zones: {ids}."
        ),
        "weight_type": (
            "weight should be 'population', 'area' or the name of a numeric column of "
            "'coverage', got {kind} {got!r}."
        ),
        "weight_numbers": (
            "'coverage' column {weight!r} should hold numbers; QPV {ids} do not. Convert it "
            "with pd.to_numeric."
        ),
        "weight_negative": (
            "weight column {weight!r} has negative values for QPV {ids}: a weight is an "
            "amount of need (people, beneficiaries, a rate), never below 0."
        ),
        "ratio_differs": (
            "The zones give another coverage ratio than 'coverage' holds for {n} QPV ({ids}): "
            "'coverage' was not computed with these zones. Gains are measured against the "
            "zones given."
        ),
        "not_ranked": (
            "{n} of {total} candidates add nothing to the coverage and are not ranked: {shown}."
        ),
        "result_type": (
            "'result' should be the output of score_sites (a DataFrame) or of select_sites "
            "(a SiteSelection), got {got}."
        ),
        "method": "method should be 'greedy' or 'exact', got {got!r}.",
        "k_type": "k should be an integer number of sites, got {got!r}.",
        "k_range": "k should be between 1 and the number of candidates ({n}), got k={k}.",
        "not_optimal": (
            "CBC stopped with status {status!r} (time limit {limit} s): the solution is not "
            "proven optimal. Raise time_limit_s."
        ),
        "none": "none",
        "stops_early": (
            "k={k} sites were asked but only {n} add coverage once the others are chosen: "
            "the selection stops at {n}. Candidates that add nothing on their own: {ids}."
        ),
        "fixed_unknown": (
            "fixed names {n} id(s) that are not candidates: {ids}. Candidates are named by "
            "candidat_id, e.g. {examples}."
        ),
        "fixed_too_many": (
            "{n} fixed sites ({ids}) is more than k={k}: k counts the fixed sites too. Raise "
            "k or fix fewer sites."
        ),
        "relation_type": "relation should be a SiteRelation built by build_relation(candidates, coverage, zones=...), not {got}; or leave it out: it is then built from the other arguments.",
        "weight_missing": "The weight weight={weight!r} (--poids) is not a column of the QPV. Numeric columns: {numeric}; or weight='area' (--poids surface). To weigh by an INSEE indicator, join its table by QPV code: --indicateurs FILE (avs-geo), indicators=... (Python).",
        "weight_unknown": "{n} QPV with no {weight!r} value weigh 0 in the scores: {ids}. Complete the column (for the population: --indicateurs FILE, indicators=...).",
    },
}
"""Message templates of the sites stage, by language."""
