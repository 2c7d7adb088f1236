"""French and English words of the sites stage (:mod:`avs_geo.sites`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["METHOD_LABELS", "NETWORK_ROW", "REASONS", "SITE_HEADERS", "SUMMARY_WORDS"]

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
