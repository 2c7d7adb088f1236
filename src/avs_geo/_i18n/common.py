"""Messages of the shared checks (``_validate``, ``_codes``, ``_typography``, ``_table``,
``datasets``): French by default, English on request (:func:`avs_geo.language`)."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "not_geodataframe": (
            "'{name}' doit être un GeoDataFrame, reçu {got}. Chargez-le avec "
            "avs_geo.load_qpv / load_communes / load_structures, ou construisez-le avec "
            "geopandas.GeoDataFrame(..., crs='EPSG:2154')."
        ),
        "no_crs": (
            "'{name}' n'a pas de système de coordonnées (CRS). Déclarez celui de ses "
            "coordonnées, par ex. {name}.set_crs('EPSG:2154') pour des mètres Lambert-93 ou "
            "{name}.set_crs('EPSG:4326').to_crs('EPSG:2154') pour des longitudes/latitudes."
        ),
        "crs_differ": (
            "Les couches sont dans des systèmes de coordonnées (CRS) différents ({shown}) : "
            "reprojetez-les dans le même, par ex. {fix}."
        ),
        "missing_columns": "Il manque à '{name}' la ou les colonnes {missing} ; elle a {present}.",
        "duplicate_ids": (
            "'{name}' a des valeurs de {column} en double : {ids}. Chacune doit n'apparaître "
            "qu'une fois{fix}"
        ),
        "empty_geometries": "'{name}' a {n} géométrie(s) vide(s) ou absente(s) : {ids}. {fix}",
        "no_polygon_fix": (
            "Retirez ces lignes ou donnez-leur un polygone ; rien n'est écarté sans le dire."
        ),
        "no_suffix": "sans extension",
        "files": "fichiers",
        "wrong_suffix": (
            "{writer} écrit des {kind} {suffix} ; {path!r} se termine par {got}. Donnez un nom "
            "qui se termine par {suffix}."
        ),
        "not_polygons": (
            "'{name}' doit contenir des polygones, mais {n} ligne(s) portent des {kinds} : "
            "{ids}. Donnez les zones et les QPV sous forme de polygones (points et lignes "
            "n'ont pas de surface)."
        ),
        "repaired": (
            "{n} géométrie(s) invalide(s) de '{name}' ont été réparées (shapely.make_valid) : "
            "{ids}."
        ),
        "mixed_generations": (
            "{name} mélange la génération 2015 ({n2015} codes QP...) et celle de 2024 "
            "({n2024} codes QN...). La couverture se compte pour une génération à la fois : "
            "gardez les QPV de la date de votre rapport (QP pour un rapport jusqu'en 2023, "
            "QN à partir de 2024)."
        ),
        "unknown_codes": (
            "{n} code(s) de la colonne '{column}' sont absents de la couche '{layer}' "
            "({owner} : code) : {ids}. Corrigez les codes (un code INSEE garde son zéro "
            "initial, par ex. '09122' ; un code QPV s'écrit comme 'QP031001'), ou donnez une "
            "couche '{layer}' qui les contient (tous les départements que les zones touchent)."
        ),
        "decimals": "decimals doit être un entier >= 0, reçu {got!r}.",
        "one_dimension": "values doit être à une dimension, reçu la forme {shape}.",
        "finite": (
            "values doit être fini et positif ou nul, reçu {got} : complétez ou retirez les "
            "valeurs inconnues avant de calculer des parts."
        ),
        "formats_mapping": "{name} doit être un dictionnaire en-tête -> sorte, reçu {got}.",
        "formats_unknown": "{name} donne des sortes inconnues : {bad}. Sortes possibles : {kinds}.",
        "no_dataset": "Aucune donnée embarquée nommée {name!r}. Disponibles : {names}.",
        "dataset_missing": (
            "Le fichier embarqué {path} est absent : réinstallez avs_geo ou récupérez à "
            "nouveau le dossier data/."
        ),
        "date_type": "{name} doit être une date, pas un {kind} ({value!r}) : écrivez-la {forms}, ou donnez un datetime.date.",
        "date_zoned": "{name} ({value}) a un fuseau horaire, dont le jour dépendrait : donnez une date sans fuseau horaire (Timestamp.tz_localize(None), datetime.date).",
        "not_a_date": "{shown} n'est pas une date ({reason}) : écrivez-la {forms}.",
        "year_after_9999": "{name} ({value}) n'est pas une date : année après 9999.",
        "date_outside": "{name}={value} est {outside} : les dates des tableaux s'arrêtent là. Donnez une date dans cette plage.",
        "date_missing": "{name} est une date manquante : écrivez-la {forms}.",
        "not_installed": "qui n'est pas installé",
        "missing_package": "Pour {purpose}, avs_geo a besoin du paquet {package!r}, {problem}. Installez l'option {extra} : {hint}",
        "former_codes": "{n} code(s) de commune de la colonne {column}{where} sont d'anciennes communes, fusionnées depuis dans une commune actuelle ({owner} : ancien code -> commune actuelle) : {pairs}{more}. La zone prend la commune actuelle entière ; écrivez son code actuel pour ne plus voir cet avertissement.",
        "former_codes_where": " de '{source}'",
        "deprecated_module": (
            "{old} est obsolète depuis avs_geo 0.2 et sera retiré en 0.3 : importez depuis "
            "{new} ou depuis avs_geo."
        ),
        "deprecated_zones": (
            "{function}(zones=...) est remplacé par {function}(perimeters=...) depuis avs_geo "
            "0.2 et sera retiré en 0.3 : « zones » désigne désormais les zones d'intervention "
            "construites (build_zones), « perimeters » les périmètres dessinés. Écrivez "
            "perimeters=... à la place de zones=..."
        ),
        "zones_and_perimeters": (
            "{function}() a reçu perimeters= et zones= : zones= est l'ancien nom de "
            "perimeters= ; ne donnez que perimeters=."
        ),
        "path_then_data": (
            "{writer}(chemin, données) est obsolète depuis avs_geo 0.2 et sera retiré en "
            "0.3 : donnez d'abord les données, puis le chemin ({writer}(données, chemin))."
        ),
        "date_forms": "31/12/2022 (jour/mois/année), 2022-12-31 (année-mois-jour) ou 31 décembre 2022",
        "reason_unreadable": "forme non reconnue",
        "reason_two_digits": "année sur deux chiffres : écrivez ses quatre chiffres",
        "reason_no_day": "ce jour n'existe pas",
        "reason_number": "un nombre, pas une date (mettez la cellule au format date)",
        "reason_zoned": "date avec fuseau horaire",
        "reason_outside": "hors de la plage {first} - {last}",
        "purpose_maps": "les cartes",
        "purpose_excel": "les classeurs Excel",
        "purpose_optimisation": 'le choix exact des sites (method="exact")',
        "purpose_cli": "la barre de progression",
        "no_cbc": "installé sans le solveur CBC qu'il apporte d'habitude (ou pip install \"pulp[cbc]\")",
    },
    "en": {
        "not_geodataframe": (
            "'{name}' should be a GeoDataFrame, got {got}. Load it with avs_geo.load_qpv / "
            "load_communes / load_structures, or build it with "
            "geopandas.GeoDataFrame(..., crs='EPSG:2154')."
        ),
        "no_crs": (
            "'{name}' has no CRS. Set the one the coordinates are in, e.g. "
            "{name}.set_crs('EPSG:2154') for Lambert-93 metres or "
            "{name}.set_crs('EPSG:4326').to_crs('EPSG:2154') for longitude/latitude."
        ),
        "crs_differ": (
            "The layers are in different coordinate systems (CRS) ({shown}): reproject them "
            "into one, e.g. {fix}."
        ),
        "missing_columns": "'{name}' lacks the column(s) {missing}; it has {present}.",
        "duplicate_ids": (
            "'{name}' has duplicate {column} values: {ids}. Each should appear once{fix}"
        ),
        "empty_geometries": "'{name}' has {n} empty or missing geometries: {ids}. {fix}",
        "no_polygon_fix": "Remove these rows or give them a polygon; nothing is dropped silently.",
        "no_suffix": "no suffix",
        "files": "files",
        "wrong_suffix": (
            "{writer} writes {suffix} {kind}; {path!r} ends with {got}. Use a name ending in "
            "{suffix}."
        ),
        "not_polygons": (
            "'{name}' should hold polygons, but {n} rows hold {kinds}: {ids}. Give zones and "
            "QPV as polygons (points and lines have no area)."
        ),
        "repaired": "{n} invalid geometries in '{name}' were repaired (shapely.make_valid): {ids}.",
        "mixed_generations": (
            "{name} mixes the 2015 generation ({n2015} codes QP...) and the 2024 one "
            "({n2024} codes QN...). Coverage is counted for one generation at a time: keep "
            "the QPV of the date of your report (QP for a report up to 2023, QN from 2024)."
        ),
        "unknown_codes": (
            "{n} code(s) in '{column}' are not in the '{layer}' layer ({owner}: code): {ids}. "
            "Correct the codes (INSEE codes keep their leading zero, e.g. '09122'; QPV codes "
            "look like 'QP031001'), or pass a '{layer}' layer that holds them (every "
            "department the zones reach)."
        ),
        "decimals": "decimals should be an integer >= 0, got {got!r}.",
        "one_dimension": "values should be one-dimensional, got shape {shape}.",
        "finite": (
            "values should be finite and non-negative, got {got}: fill or drop unknown "
            "values before computing shares."
        ),
        "formats_mapping": "{name} should be a mapping header -> kind, got {got}.",
        "formats_unknown": "{name} gives unknown kinds: {bad}. Kinds are {kinds}.",
        "no_dataset": "No embedded data named {name!r}. Available: {names}.",
        "dataset_missing": (
            "The embedded file {path} is missing: reinstall avs_geo or check out data/ again."
        ),
        "date_type": "{name} should be a date, not a {kind} ({value!r}): write it {forms}, or give a datetime.date.",
        "date_zoned": "{name} ({value}) has a time zone, on which its day would depend: give a date with no time zone (Timestamp.tz_localize(None), datetime.date).",
        "not_a_date": "{shown} is not a date ({reason}): write it {forms}.",
        "year_after_9999": "{name} ({value}) is not a date: year after 9999.",
        "date_outside": "{name}={value} is {outside}: the dates of the tables stop there. Give a date in this range.",
        "date_missing": "{name} is a missing date: write it {forms}.",
        "not_installed": "which is not installed",
        "missing_package": "For {purpose}, avs_geo needs the package {package!r}, {problem}. Install the option {extra}: {hint}",
        "former_codes": "{n} commune code(s) of column {column}{where} are former communes, since merged into a current commune ({owner}: former code -> current commune): {pairs}{more}. The zone takes the whole current commune; write its current code to stop this warning.",
        "former_codes_where": " of '{source}'",
        "deprecated_module": (
            "{old} is deprecated since avs_geo 0.2 and will be removed in 0.3: import from "
            "{new} or from avs_geo."
        ),
        "deprecated_zones": (
            "{function}(zones=...) is replaced by {function}(perimeters=...) since avs_geo "
            "0.2 and will be removed in 0.3: 'zones' now means the built service zones "
            "(build_zones), 'perimeters' the drawn perimeters. Write perimeters=... instead "
            "of zones=..."
        ),
        "zones_and_perimeters": (
            "{function}() got both perimeters= and zones=: zones= is the old name of "
            "perimeters=; give perimeters= only."
        ),
        "path_then_data": (
            "{writer}(path, data) is deprecated since avs_geo 0.2 and will be removed in "
            "0.3: give the data first, then the path ({writer}(data, path))."
        ),
        "date_forms": "31/12/2022 (day/month/year), 2022-12-31 (year-month-day) or 31 décembre 2022",
        "reason_unreadable": "unrecognised form",
        "reason_two_digits": "two-digit year: write its four digits",
        "reason_no_day": "this day does not exist",
        "reason_number": "a number, not a date (give the cell the date format)",
        "reason_zoned": "date with a time zone",
        "reason_outside": "outside the range {first} - {last}",
        "purpose_maps": "the maps",
        "purpose_excel": "Excel workbooks",
        "purpose_optimisation": 'the exact choice of sites (method="exact")',
        "purpose_cli": "the progress bar",
        "no_cbc": 'installed without the CBC solver it usually brings (or pip install "pulp[cbc]")',
    },
}
"""Message templates of the shared checks, by language."""
