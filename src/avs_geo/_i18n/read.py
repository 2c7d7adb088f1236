"""Words of the readers' messages (``avs_geo.read``): French by default, English on request.

The error classes and their fields (``file``, ``columns``, ``problems``...) are the
contract; the message text is for the planner. :func:`read_message` fills a template.
"""

from __future__ import annotations

from avs_geo._language import Language, get_language

__all__ = ["FILE_NAMES", "READ_MESSAGES", "file_name", "read_message"]

FILE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "structures": "des structures",
        "communes": "des communes",
        "QPV": "des QPV",
        "candidates": "des candidats",
        "zones": "des périmètres",
        "QPV indicators": "des indicateurs des QPV",
    },
    "en": {
        "structures": "structures",
        "communes": "communes",
        "QPV": "QPV",
        "candidates": "candidates",
        "zones": "perimeters",
        "QPV indicators": "QPV indicators",
    },
}
"""How a message names a kind of file ("le fichier des structures")."""

READ_MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "not_found": (
            "Fichier {what} introuvable : '{path}'. Vérifiez le chemin (dossier courant : '{cwd}')."
        ),
        "folder": (
            "'{path}' est un dossier ; donnez le fichier {what} lui-même (.geojson, .gpkg, "
            ".shp, .zip, .csv, .xlsx)."
        ),
        "vector": (
            "Impossible de lire le fichier {what} '{path}' comme couche géographique ({exc}). "
            "Attendu : GeoJSON, GeoPackage, shapefile (avec ses .shx/.dbf/.prj) ou shapefile "
            "zippé."
        ),
        "empty_layer": "Le fichier {what} '{path}' ne contient aucun objet (couche vide).",
        "excel": (
            "Impossible de lire le fichier {what} '{path}' comme classeur Excel ({exc}). "
            "Enregistrez-le à nouveau en .xlsx, ou exportez la feuille en CSV."
        ),
        "empty": "Le fichier {what} '{path}' est vide.",
        "csv": (
            "Impossible de lire le fichier {what} '{path}' comme CSV ({exc}). Attendu : une "
            "ligne d'en-tête et une ligne par élément, séparées par ';' ou ','."
        ),
        "no_row": "Le fichier {what} '{path}' a un en-tête mais aucune ligne de données.",
        "no_crs": (
            "Le fichier {what} '{path}' n'a pas de système de coordonnées (pas de .prj pour "
            "un shapefile). Ajoutez-le, par ex. dans QGIS « Définir la projection », ou avec "
            "geopandas : gdf.set_crs('EPSG:2154') pour des mètres Lambert-93, "
            "gdf.set_crs('EPSG:4326') pour des longitudes/latitudes."
        ),
        "outside_france": (
            "{n} objet(s) du fichier {what} '{path}' sont hors de France une fois lus dans "
            "leur système de coordonnées déclaré ({crs}) : {ids}. Vérifiez le système "
            "déclaré (mètres Lambert-93 déclarés en degrés, ou l'inverse) et que x/longitude "
            "et y/latitude ne sont pas inversées."
        ),
        "unknown_codes": (
            "{n} structure(s) du fichier '{source}' nomment des codes de {layer} (colonne "
            "{column}) absents de la couche des {layer} : {shown}{more}. Vérifiez les codes "
            "(codes INSEE du Code officiel géographique ; codes QPV de la même génération que "
            "la couche des QPV) ou chargez les {layer} de tous les départements que les "
            "zones touchent."
        ),
        "not_points": (
            "Le fichier des structures '{source}' doit situer chaque structure par un point, "
            "mais {n} lignes portent d'autres formes : {ids}. Mettez les zones dessinées dans "
            "un fichier de périmètres à part (load_structures(..., "
            "perimeters='perimetres.gpkg'), --perimetres)."
        ),
        "perimeters_no_id": (
            "Les périmètres '{name}' n'ont pas la colonne structure_id qui relie chaque "
            "polygone à sa structure ; colonnes présentes : {columns}."
        ),
        "perimeters_unknown": (
            "Les périmètres '{name}' nomment des structure_id absents du fichier des "
            "structures : {ids}. Ajoutez ces structures ou corrigez les identifiants."
        ),
        "absurd_coordinates": (
            "{n} objet(s) du fichier {what} '{path}' ont des coordonnées hors de la plage de "
            "tout système de coordonnées (au-delà de ±{limit} ou infinies) : objets {rows} "
            "(comptés à partir de 1). Corrigez ou retirez ces objets."
        ),
        "geographic_target": (
            "crs={crs} est géographique ; avs_geo mesure les surfaces en mètres. Utilisez "
            "'EPSG:2154' (Lambert-93) ou la projection locale outre-mer."
        ),
        "no_departement_communes": (
            "Aucune commune du département {wanted} dans '{source}' ; il contient {have}."
        ),
        "embedded_communes": (
            "Les communes embarquées ne couvrent pas le département {unknown} ; elles couvrent "
            "{have}. Donnez le chemin d'un fichier Admin Express de l'IGN pour les autres."
        ),
        "no_insee_column": (
            "Le fichier des communes '{path}' n'a pas de colonne de code INSEE (attendu "
            "code_insee, INSEE_COM ou code) ; il a {columns}."
        ),
        "bad_insee": (
            "Le fichier des communes '{path}' contient des codes qui ne sont pas des codes "
            "INSEE de commune (5 caractères, par ex. '59350', '2A004') dans la colonne "
            "code_insee : {codes}."
        ),
        "duplicate_insee": (
            "'{source}' contient {n} code(s) INSEE plusieurs fois : {codes}. Fusionnez les "
            "morceaux d'une commune en un seul objet (geopandas : gdf.dissolve('code_insee'))."
        ),
        "communes_layer": "fichier des communes {path}",
        "communes_layer_reprojected": "fichier des communes {path} (après reprojection)",
        "no_qpv_column": (
            "Le fichier des QPV '{source}' n'a pas de colonne de code QPV (attendu CODE_QP, "
            "code_qp ou code_qpv) ; il a {columns}. Est-ce bien un fichier de QPV ?"
        ),
        "qpv_layer": "fichier des QPV {path}",
        "qpv_layer_reprojected": "fichier des QPV {path} (après reprojection)",
        "qpv_no_code": (
            "Le fichier des QPV '{source}' a {n} objet(s) sans code (colonne code_qpv, objets "
            "{rows}). Chaque QPV a besoin de son code officiel."
        ),
        "bad_qpv_codes": (
            "Le fichier des QPV '{source}' contient des codes qui ne sont pas des codes QPV "
            "(QP + 6 caractères pour 2015, QN + 6 pour 2024) : {codes}."
        ),
        "qpv_file": "Le fichier des QPV '{source}'",
        "duplicate_qpv": (
            "Le fichier des QPV '{source}' contient {n} code(s) plusieurs fois : {codes}. "
            "Fusionnez les morceaux d'un QPV en un seul objet (un QPV peut être un "
            "multipolygone)."
        ),
        "no_departement_qpv": (
            "Aucun QPV du département {wanted} dans '{source}' ; il contient les départements "
            "{have}."
        ),
        "indicators_columns": (
            "Il manque au tableau des indicateurs '{name}' {missing} (attendu : le code QPV "
            "en code_qp et la population en pop_mun) ; il a {columns}."
        ),
        "no_population": (
            "Pas de population pour {n} QPV dans '{name}' : {codes}. Leur population reste "
            "vide (NaN) : les tableaux de population les comptent à part."
        ),
    },
    "en": {
        "not_found": "{what} file not found: '{path}'. Check the path (current folder: '{cwd}').",
        "folder": (
            "'{path}' is a folder; give the {what} file itself (.geojson, .gpkg, .shp, .zip, "
            ".csv, .xlsx)."
        ),
        "vector": (
            "Cannot read the {what} file '{path}' as a vector layer ({exc}). Expected a "
            "GeoJSON, GeoPackage, shapefile (with its .shx/.dbf/.prj) or a zipped shapefile."
        ),
        "empty_layer": "The {what} file '{path}' holds no feature (empty layer).",
        "excel": (
            "Cannot read the {what} file '{path}' as an Excel workbook ({exc}). Save it again "
            "as .xlsx, or export the sheet to CSV."
        ),
        "empty": "The {what} file '{path}' is empty.",
        "csv": (
            "Cannot read the {what} file '{path}' as CSV ({exc}). Expected one header line "
            "and one row per item, separated by ';' or ','."
        ),
        "no_row": "The {what} file '{path}' holds a header but no row.",
        "no_crs": (
            "The {what} file '{path}' has no CRS (no .prj for a shapefile). Add it, e.g. in "
            "QGIS 'Assign projection', or with geopandas: gdf.set_crs('EPSG:2154') when the "
            "coordinates are Lambert-93 metres, gdf.set_crs('EPSG:4326') for "
            "longitude/latitude."
        ),
        "outside_france": (
            "{n} features of the {what} file '{path}' lie outside France once read in its "
            "declared CRS ({crs}): {ids}. Check the declared CRS (Lambert-93 metres declared "
            "as degrees, or the reverse) and that x/longitude and y/latitude are not swapped."
        ),
        "unknown_codes": (
            "{n} structures of '{source}' name {layer} codes (column {column}) that the "
            "{layer} layer does not hold: {shown}{more}. Check the codes (INSEE codes of the "
            "Code officiel géographique; QPV codes of the same generation as the QPV layer) "
            "or load the {layer} of every department the zones reach."
        ),
        "not_points": (
            "The structures file '{source}' should locate each structure by a point, but {n} "
            "rows hold other shapes: {ids}. Put drawn zones in a separate perimeters file "
            "(load_structures(..., perimeters='perimetres.gpkg'))."
        ),
        "perimeters_no_id": (
            "The perimeters '{name}' lack the column structure_id that links each polygon to "
            "its structure; they have {columns}."
        ),
        "perimeters_unknown": (
            "The perimeters '{name}' name structure_id values absent from the structures "
            "file: {ids}. Add these structures or correct the ids."
        ),
        "absurd_coordinates": (
            "{n} features of the {what} file '{path}' have coordinates outside the range of "
            "any coordinate system (beyond ±{limit} or infinite): features {rows} (counted "
            "from 1). Fix or remove these features."
        ),
        "geographic_target": (
            "crs={crs} is geographic; avs_geo measures areas in metres. Use 'EPSG:2154' "
            "(Lambert-93) or the local projection overseas."
        ),
        "no_departement_communes": (
            "No commune of departement {wanted} in '{source}'; it holds {have}."
        ),
        "embedded_communes": (
            "The embedded communes do not cover departement {unknown}; they cover {have}. "
            "Give the path of an IGN Admin Express file for the others."
        ),
        "no_insee_column": (
            "The communes file '{path}' has no INSEE code column (expected code_insee, "
            "INSEE_COM or code); it has {columns}."
        ),
        "bad_insee": (
            "The communes file '{path}' holds codes that are not INSEE commune codes (5 "
            "characters, e.g. '59350', '2A004') in column code_insee: {codes}."
        ),
        "duplicate_insee": (
            "'{source}' holds {n} INSEE codes more than once: {codes}. Dissolve the pieces of "
            "a commune into one feature (geopandas: gdf.dissolve('code_insee'))."
        ),
        "communes_layer": "communes file {path}",
        "communes_layer_reprojected": "communes file {path} (after reprojection)",
        "no_qpv_column": (
            "The QPV file '{source}' has no QPV code column (expected CODE_QP, code_qp or "
            "code_qpv); it has {columns}. Is it a QPV file?"
        ),
        "qpv_layer": "QPV file {path}",
        "qpv_layer_reprojected": "QPV file {path} (after reprojection)",
        "qpv_no_code": (
            "The QPV file '{source}' has {n} features with no code (column code_qpv, "
            "features {rows}). Every QPV needs its official code."
        ),
        "bad_qpv_codes": (
            "The QPV file '{source}' holds codes that are not QPV codes (QP + 6 characters "
            "for 2015, QN + 6 for 2024): {codes}."
        ),
        "qpv_file": "The QPV file '{source}'",
        "duplicate_qpv": (
            "The QPV file '{source}' holds {n} codes more than once: {codes}. Dissolve the "
            "pieces of one QPV into one feature (a QPV may be a multipolygon)."
        ),
        "no_departement_qpv": (
            "No QPV of departement {wanted} in '{source}'; it holds the departements {have}."
        ),
        "indicators_columns": (
            "The indicators table '{name}' lacks {missing} (expected the QPV code as code_qp "
            "and the population as pop_mun); it has {columns}."
        ),
        "no_population": (
            "No population for {n} QPV in '{name}': {codes}. Their population stays empty "
            "(NaN): population tables count them apart."
        ),
    },
}
"""Message templates of the readers, by language."""


def file_name(what: str, language: Language | None = None) -> str:
    """How a message names a kind of file: ``'structures'`` -> ``'des structures'``.

    Examples
    --------
    >>> file_name("candidates"), file_name("candidates", "en"), file_name("autre")
    ('des candidats', 'candidates', 'autre')
    """
    return FILE_NAMES[language or get_language()].get(what, what)


def read_message(key: str, language: Language | None = None, **values: object) -> str:
    """A reader's message in ``language`` (default: the current one), with ``what``
    named as a file kind.

    Examples
    --------
    >>> read_message("empty", what="structures", path="s.csv")
    "Le fichier des structures 's.csv' est vide."
    >>> read_message("empty", "en", what="structures", path="s.csv")
    "The structures file 's.csv' is empty."
    """
    language = language or get_language()
    if "what" in values:
        values["what"] = file_name(str(values["what"]), language)
    return READ_MESSAGES[language][key].format(**values)
