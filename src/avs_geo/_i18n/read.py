"""Words of the readers' messages (``avs_geo.read``): French by default, English on request.

The error classes and their fields (``file``, ``columns``, ``problems``...) are the
contract; the message text is for the planner. :func:`read_message` fills a template.
"""

from __future__ import annotations

from avs_geo._i18n import Language

__all__ = ["FILE_NAMES", "READ_MESSAGES", "file_name", "read_message"]

FILE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "structures": "des structures",
        "communes": "des communes",
        "QPV": "des QPV",
        "candidates": "des candidats",
        "zones": "des périmètres",
        "QPV indicators": "des indicateurs des QPV",
        "territoires": "des territoires",
    },
    "en": {
        "structures": "structures",
        "communes": "communes",
        "QPV": "QPV",
        "candidates": "candidates",
        "zones": "perimeters",
        "QPV indicators": "QPV indicators",
        "territoires": "territories",
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
            "gdf.set_crs('EPSG:4326') pour des longitudes/latitudes ; ou déclarez-le à la "
            "lecture : --crs-fichiers 2154 (source_crs=...)."
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
    },
}
"""Message templates of the readers, by language."""


def file_name(what: str, language: Language = "fr") -> str:
    """How a message names a kind of file: ``'structures'`` -> ``'des structures'``.

    Examples
    --------
    >>> file_name("candidates"), file_name("candidates", "en"), file_name("autre")
    ('des candidats', 'candidates', 'autre')
    """
    return FILE_NAMES[language].get(what, what)


def read_message(key: str, language: Language = "fr", **values: object) -> str:
    """A reader's message in ``language``, with ``what`` named as a file kind.

    Examples
    --------
    >>> read_message("empty", what="structures", path="s.csv")
    "Le fichier des structures 's.csv' est vide."
    >>> read_message("empty", "en", what="structures", path="s.csv")
    "The structures file 's.csv' is empty."
    """
    if "what" in values:
        values["what"] = file_name(str(values["what"]), language)
    return READ_MESSAGES[language][key].format(**values)
