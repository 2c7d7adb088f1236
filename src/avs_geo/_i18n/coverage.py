"""French and English words of the coverage stage (:mod:`avs_geo.coverage`): headers, labels, phrases."""

from __future__ import annotations

__all__ = ["EXPLANATION_SUMMARY", "MESSAGES", "STRUCTURE_HEADERS"]

# used by avs_geo/coverage/structures.py
STRUCTURE_HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "structure_id": "Identifiant",
        "nom": "Nom",
        "type": "Type",
        "n_qpv": "Nombre de QPV touchés",
        "qpv": "QPV touchés",
        "area": "Surface de QPV couverte (ha)",
        "population": "Population couverte (estimée)",
        "n_alone": "Nombre de QPV couverts par elle seule",
        "alone": "QPV couverts par elle seule",
        "lost_area": "Surface perdue en cas de fermeture (ha)",
        "lost_population": "Population perdue en cas de fermeture (estimée)",
        "position_approchee": "Localisation approximative",
    },
    "en": {
        "structure_id": "Structure id",
        "nom": "Name",
        "type": "Type",
        "n_qpv": "Number of QPV reached",
        "qpv": "QPV reached",
        "area": "QPV area covered (ha)",
        "population": "Covered population (estimated)",
        "n_alone": "Number of QPV covered by it alone",
        "alone": "QPV covered by it alone",
        "lost_area": "Area lost if it closed (ha)",
        "lost_population": "Population lost if it closed (estimated)",
        "position_approchee": "Approximate location",
    },
}
"""Headers of :func:`structure_table`, by language."""

# used by avs_geo/coverage/explain.py
EXPLANATION_SUMMARY: dict[str, dict[str, str]] = {
    "fr": {
        "qpv": "{code} : {ratio} de la surface couverte ({status}), soit {covered} m² sur "
        "{area} m² ; {uncovered} m² non couverts.",
        "structure": "  {id} : {area} m² ({share}), dont {own} m² couverts par elle seule",
    },
    "en": {
        "qpv": "{code}: {ratio} covered ({status}), {covered} of {area} m²; "
        "{uncovered} m² uncovered.",
        "structure": "  {id}: {area} m² ({share}), {own} m² by it alone",
    },
}

# used by every module of avs_geo/coverage
MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "not_frame": (
            "'{name}' doit être un DataFrame (le résultat de avs_geo.compute_coverage), reçu {got}."
        ),
        "no_code": "'{name}' a {n} ligne(s) sans code_qpv : {ids}.",
        "duplicate_qpv": (
            "'{name}' liste {n} QPV plusieurs fois : {ids}. Chaque QPV doit figurer une "
            "seule fois (retirez les doublons ou corrigez les codes)."
        ),
        "bad_status": (
            "La colonne 'coverage_status' de '{name}' doit contenir {statuses} ; {n} QPV "
            "portent {values} : {ids}. Utilisez avs_geo.compute_coverage, ou traduisez vos "
            "propres libellés vers ces codes."
        ),
        "bad_population": (
            "La colonne 'population' de '{name}' doit contenir des nombres positifs ou nuls "
            "(vide si inconnue) ; {n} QPV n'en ont pas : {ids}."
        ),
        "not_number": "{name} doit être un nombre entre 0 et 1, reçu {kind} {got!r}.",
        "out_of_range": (
            "{name} doit être entre 0 et 1, reçu {got!r} (full_min={full_min!r}, "
            "none_max={none_max!r}). Donnez des parts, pas des pourcentages : 0.95, pas 95."
        ),
        "order": (
            "none_max ({none_max!r}) doit être inférieur à full_min ({full_min!r}). Par "
            "défaut : full_min={default_full}, none_max={default_none}."
        ),
        "no_tolerance": "thresholds doit contenir au moins une tolérance, reçu aucune.",
        "tolerance_number": "thresholds doit contenir des nombres, reçu {got!r}.",
        "tolerance_range": (
            "chaque seuil t doit être dans [0 ; 0,5) (full_min = 1 - t, none_max = t), reçu "
            "{got!r}. Donnez des parts, pas des pourcentages : 0.05, pas 5."
        ),
        "thresholds_differ": (
            "Les deux situations n'ont pas les mêmes seuils ({key} entre {b_lo} et {b_hi} "
            "{before}, entre {a_lo} et {a_hi} {after}) : une partie des changements de classe "
            "vient des seuils, pas des structures."
        ),
        "output_columns": (
            "'{name}' a déjà la ou les colonnes de résultat {columns} ; elles seraient "
            "écrasées. Passez {name}.drop(columns={existing!r})."
        ),
        "commune_population": (
            "La colonne {column!r} de 'communes' doit contenir des nombres d'habitants "
            "positifs ou nuls (vide si inconnu) ; les communes {ids} n'en ont pas."
        ),
        "qpv_not_in_coverage": (
            "Le QPV {code!r} n'est pas dans 'coverage' ({n} QPV, par ex. {examples}). "
            "Vérifiez le code (2015 : 'QP...', 2024 : 'QN...')."
        ),
        "ratio_differs": (
            "{code} : les zones donnent un taux de {ratio:.6f}, 'coverage' contient "
            "{held:.6f} : 'coverage' n'a pas été calculé avec ces zones."
        ),
        "no_qpv": (
            "'qpv' est vide (0 ligne) : il n'y a rien à mesurer. Vérifiez le fichier et le "
            "filtre de département donné à avs_geo.load_qpv()."
        ),
        "flat_qpv": (
            "'qpv' a {n} géométrie(s) de surface nulle : {ids}. Leur taux de couverture "
            "n'est pas défini : corrigez-les ou retirez-les."
        ),
        "qpv_population": (
            "La colonne '{column}' de 'qpv' doit contenir des nombres ; les QPV {ids} n'en "
            "ont pas. Convertissez-la avec pd.to_numeric."
        ),
        "layer_population": (
            "La colonne '{column}' de 'population' a {n} valeur(s) manquante(s) ou non "
            "numérique(s) ; complétez-les ou retirez-les d'abord."
        ),
        "population_type": (
            "population doit être None, le nom d'une colonne de qpv ou un GeoDataFrame de "
            "points ou de polygones, reçu {got}."
        ),
        "invalid": (
            "'{name}' a {n} géométrie(s) invalide(s) : {ids}. Réparez-les d'abord "
            "(shapely.make_valid, ou chargez la couche avec les lecteurs d'avs_geo)."
        ),
        "duplicate_zones": "'zones' liste {n} structure_id plusieurs fois : {ids}.",
        "unknown_structures": (
            "'coverage' nomme {n} structure(s) absentes de 'zones' : {ids}. Passez les zones "
            "avec lesquelles la couverture a été calculée."
        ),
        "dissolve": " : fusionnez d'abord les zones par structure_id.",
        "frame_hint": "Passez le tableau rendu par avs_geo.compute_coverage.",
        "communes_hint": "Utilisez avs_geo.load_communes().",
        "zones_hint": "Construisez-les avec avs_geo.build_zones().",
        "coverage_hint": "Passez le résultat de compute_coverage.",
        "qpv_hint": "Chargez les QPV avec avs_geo.load_qpv().",
        "qpv_short_hint": "Utilisez avs_geo.load_qpv().",
        "build_zones_hint": "Construisez les zones avec avs_geo.build_zones().",
        "population_hint": "population nomme une colonne de qpv.",
        "population_column_hint": "Précisez population_column.",
        "several_thresholds": "La colonne {column} de {name!r} porte plusieurs seuils ({values}) : ses QPV ont été classés avec des seuils différents. Recalculez la couverture avec les mêmes seuils (compute_coverage(..., full_min=..., none_max=...)).",
        "threshold_differs": "{column}={value} diffère du seuil avec lequel {name!r} a été calculé ({column} = {stored}, colonne {column}) : ne donnez pas {column}, ou recalculez la couverture avec ce seuil.",
        "classes_differ": "{n} QPV de {name!r} ne sont pas classés comme full_min={full_min}, none_max={none_max} les classeraient : {shown}{more}. Leurs classes ont été faites avec d'autres seuils ({full_lo} < full_min <= {full_hi}, {none_lo} <= none_max < {none_hi}) : donnez les full_min= et none_max= passés à compute_coverage.",
        "no_epci_columns": "La couche 'communes' n'a pas les colonnes {missing} : chargez les communes d'un millésime, avs_geo.load_communes(..., vintage=2022), qui donne l'EPCI de chaque commune.",
        "min_share": "min_share doit être dans ]0, 1] (part de la surface du QPV), reçu {got!r}.",
        "qpv_no_epci": "{n} QPV ne sont dans aucun EPCI des communes données : {ids}. Ils sont hors des communes chargées (chargez les départements qu'ils touchent) ou dans une commune sans EPCI ; les tableaux par EPCI les comptent dans « Non renseigné ».",
        "qpv_no_territory": "{n} QPV ne sont dans aucun territoire du fichier des territoires : {ids}. Complétez le fichier (leur commune ou leur EPCI) ; les tableaux par territoire les comptent dans « Non renseigné ».",
        "population_negative": "La couche 'population', colonne '{column}', a {n} valeurs négatives (lignes {ids}) : un nombre d'habitants est positif ou nul. Corrigez ou retirez ces lignes.",
        "population_geometries": "La couche 'population' a {n} géométries vides ou qui ne sont ni des points ni des polygones (lignes {ids}) : chaque carreau ou point doit avoir sa géométrie. Retirez ces lignes.",
        "dates_not_list": "dates doit être une liste de dates, par exemple ['2021-12-31', '2022-12-31'], pas {got!r}.",
        "dates_unread": "Il faut une date ou plus, chacune lisible (2022-12-31 ou 31/12/2022){unread}",
        "dates_unread_list": " : {dates} ne se lit pas comme une date.",
        "dates_duplicate": "Les dates doivent être distinctes : {shown}. Retirez les doublons.",
        "series_empty": "Il faut la couverture d'au moins une date.",
        "series_other_qpv": "La couverture au {day} ne porte pas sur les mêmes QPV que celle du {first} : mesurez-les sur le même fichier de QPV.",
    },
    "en": {
        "not_frame": (
            "'{name}' should be a DataFrame (the result of avs_geo.compute_coverage), got {got}."
        ),
        "no_code": "'{name}' has {n} rows without code_qpv: {ids}.",
        "duplicate_qpv": (
            "'{name}' lists {n} QPV more than once: {ids}. Each QPV must appear once (drop "
            "the duplicates or fix the codes)."
        ),
        "bad_status": (
            "'{name}' column 'coverage_status' should hold {statuses}; {n} QPV hold "
            "{values}: {ids}. Use avs_geo.compute_coverage, or map your own labels to these "
            "codes."
        ),
        "bad_population": (
            "'{name}' column 'population' should hold non-negative numbers (NaN when "
            "unknown); {n} QPV do not: {ids}."
        ),
        "not_number": "{name} should be a number in [0, 1], got {kind} {got!r}.",
        "out_of_range": (
            "{name} should be in [0, 1], got {got!r} (full_min={full_min!r}, "
            "none_max={none_max!r}). Give shares, not percentages: 0.95, not 95."
        ),
        "order": (
            "none_max ({none_max!r}) should be smaller than full_min ({full_min!r}). The "
            "defaults are full_min={default_full}, none_max={default_none}."
        ),
        "no_tolerance": "thresholds should hold at least one tolerance, got none.",
        "tolerance_number": "thresholds should be numbers, got {got!r}.",
        "tolerance_range": (
            "each threshold t should be in [0, 0.5) (full_min = 1 - t, none_max = t), got "
            "{got!r}. Give shares, not percentages: 0.05, not 5."
        ),
        "thresholds_differ": (
            "The two situations use different thresholds ({key} between {b_lo} and {b_hi} "
            "{before}, between {a_lo} and {a_hi} {after}): some class changes come from the "
            "thresholds, not from the structures."
        ),
        "output_columns": (
            "'{name}' already has the output column(s) {columns}; they would be overwritten. "
            "Pass {name}.drop(columns={existing!r})."
        ),
        "commune_population": (
            "'communes' column {column!r} should hold non-negative numbers of inhabitants "
            "(empty when unknown); communes {ids} do not."
        ),
        "qpv_not_in_coverage": (
            "QPV {code!r} is not in 'coverage' ({n} QPV, e.g. {examples}). Check the code "
            "(2015: 'QP...', 2024: 'QN...')."
        ),
        "ratio_differs": (
            "{code}: the zones give a ratio of {ratio:.6f}, 'coverage' holds {held:.6f}: "
            "they were not computed with these zones."
        ),
        "no_qpv": (
            "'qpv' is empty (0 rows): there is nothing to measure. Check the file and the "
            "departement filter given to avs_geo.load_qpv()."
        ),
        "flat_qpv": (
            "'qpv' has {n} geometries of zero area: {ids}. Their coverage ratio is "
            "undefined: fix or remove them."
        ),
        "qpv_population": (
            "'qpv' column '{column}' should hold numbers; rows of QPV {ids} do not. Convert "
            "it with pd.to_numeric."
        ),
        "layer_population": (
            "'population' column '{column}' has {n} missing or non-numeric values; fill or "
            "drop them first."
        ),
        "population_type": (
            "population should be None, a column name of qpv or a GeoDataFrame of points or "
            "polygons, got {got}."
        ),
        "invalid": (
            "'{name}' has {n} invalid geometries: {ids}. Repair them first "
            "(shapely.make_valid, or load the layer with avs_geo's loaders)."
        ),
        "duplicate_zones": "'zones' lists {n} structure_id more than once: {ids}.",
        "unknown_structures": (
            "'coverage' names {n} structure(s) that 'zones' does not hold: {ids}. Pass the "
            "zones the coverage was computed with."
        ),
        "dissolve": ": dissolve the zones by structure_id first.",
        "frame_hint": "Pass the frame returned by avs_geo.compute_coverage.",
        "communes_hint": "Use avs_geo.load_communes().",
        "zones_hint": "Build them with avs_geo.build_zones().",
        "coverage_hint": "Pass the result of compute_coverage.",
        "qpv_hint": "Load the QPV with avs_geo.load_qpv().",
        "qpv_short_hint": "Use avs_geo.load_qpv().",
        "build_zones_hint": "Build the zones with avs_geo.build_zones().",
        "population_hint": "population names a column of qpv.",
        "population_column_hint": "Set population_column.",
        "several_thresholds": "The column {column} of {name!r} holds several thresholds ({values}): its QPV were classified with different thresholds. Compute the coverage again with the same thresholds (compute_coverage(..., full_min=..., none_max=...)).",
        "threshold_differs": "{column}={value} differs from the threshold {name!r} was computed with ({column} = {stored}, column {column}): do not give {column}, or compute the coverage again with this threshold.",
        "classes_differ": "{n} QPV of {name!r} are not classified as full_min={full_min}, none_max={none_max} would classify them: {shown}{more}. Their classes were made with other thresholds ({full_lo} < full_min <= {full_hi}, {none_lo} <= none_max < {none_hi}): give the full_min= and none_max= passed to compute_coverage.",
        "no_epci_columns": "The 'communes' layer lacks the columns {missing}: load the communes of a vintage, avs_geo.load_communes(..., vintage=2022), which gives the EPCI of each commune.",
        "min_share": "min_share should be in ]0, 1] (share of the QPV area), got {got!r}.",
        "qpv_no_epci": "{n} QPV lie in no EPCI of the communes given: {ids}. They are outside the communes loaded (load the departments they reach) or in a commune with no EPCI; the tables by EPCI count them under 'Non renseigné'.",
        "qpv_no_territory": "{n} QPV lie in no territory of the territories file: {ids}. Complete the file (their commune or their EPCI); the tables by territory count them under 'Non renseigné'.",
        "population_negative": "The 'population' layer, column '{column}', has {n} negative values (rows {ids}): a number of inhabitants is zero or more. Correct or remove these rows.",
        "population_geometries": "The 'population' layer has {n} geometries that are empty or neither points nor polygons (rows {ids}): each cell or point needs its geometry. Remove these rows.",
        "dates_not_list": "dates should be a list of dates, e.g. ['2021-12-31', '2022-12-31'], not {got!r}.",
        "dates_unread": "One date or more is needed, each readable (2022-12-31 or 31/12/2022){unread}",
        "dates_unread_list": ": {dates} cannot be read as a date.",
        "dates_duplicate": "The dates should be distinct: {shown}. Remove the duplicates.",
        "series_empty": "The coverage of one date at least is needed.",
        "series_other_qpv": "The coverage at {day} is not about the same QPV as the one at {first}: measure them on the same QPV file.",
    },
}
"""Message templates of the coverage stage, by language."""
