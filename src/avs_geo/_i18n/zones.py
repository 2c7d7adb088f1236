"""Messages of the zone builder (``avs_geo.zones``): French by default, English on request."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "structures_hint": (
            "Lisez les structures avec avs_geo.load_structures(), qui donne toutes les colonnes."
        ),
        "merge_fix": " : fusionnez ou renommez ces lignes.",
        "none_active": (
            "Aucune des {n} structures n'est active au {day} (date_agrement <= at <= "
            "date_fin) : les zones sont vides."
        ),
        "qpv_layer_missing": (
            "Les structures {ids} nomment des QPV dans 'zone_qpv' mais aucune couche 'qpv' "
            "n'a été donnée. Passez qpv=avs_geo.load_qpv(...) à build_zones."
        ),
        "dates_hint": ("Elles servent à retenir les structures actives à une date (at=...)."),
        "unknown_types": (
            "'structures' a {n} type(s) inconnu(s) dans la colonne 'type' ({shown}) ; "
            "attendu : {expected}. avs_geo.load_structures() traduit 'CS', 'Centre social', "
            "'EVS'... en ces codes."
        ),
        "radius_type": (
            "La colonne 'zone_rayon_m' de 'structures' doit contenir des nombres (mètres) ou "
            "NaN, reçu {dtype}. Convertissez-la avec pd.to_numeric."
        ),
        "radius_value": (
            "zone_rayon_m doit être un nombre de mètres positif (ou NaN si aucun), reçu "
            "{values} pour les structures {ids}."
        ),
        "radius_no_point": (
            "Les structures {ids} ont un zone_rayon_m mais pas de point autour duquel le "
            "tracer. Donnez leurs coordonnées ou retirez le rayon."
        ),
        "polygon_crs": (
            "'zone_polygon' est en {column_crs} mais les structures sont en {crs}. Utilisez "
            "structures['zone_polygon'].to_crs(structures.crs)."
        ),
        "polygon_type": (
            "zone_polygon doit contenir des polygones, mais les structures {ids} portent "
            "d'autres géométries. Donnez la zone dessinée sous forme de polygone."
        ),
        "communes_hint": "Utilisez avs_geo.load_communes().",
        "no_zone": (
            "{n} structure(s) sans zone d'intervention (zone « à définir » ou vide), "
            "laissée(s) hors de la couverture : {ids}. Remplissez zone_communes, zone_qpv ou "
            "zone_rayon_m, ou donnez leur périmètre dessiné (perimeters=..., --perimetres "
            "FICHIER)."
        ),
        "qpv_hint": "Utilisez avs_geo.load_qpv().",
        "zoned_dates": "La colonne '{column}' de 'structures' porte des dates avec fuseau horaire ({dtype}) : donnez des jours, par ex. structures['{column}'].dt.tz_localize(None).",
        "not_dates": "La colonne '{column}' de 'structures' a {n} cellules qui ne sont pas des dates : {shown}{more}. Formes comprises : {forms}.",
    },
    "en": {
        "structures_hint": (
            "Read the structures with avs_geo.load_structures(), which gives every column."
        ),
        "merge_fix": ": merge or rename those rows.",
        "no_zone": (
            "{n} structure(s) with no intervention zone ('to be defined' or empty), left "
            "out of the coverage: {ids}. Fill zone_communes, zone_qpv or zone_rayon_m, or "
            "give their drawn perimeter (perimeters=..., --perimetres FICHIER)."
        ),
        "none_active": (
            "No structure of {n} is active at {day} (date_agrement <= at <= date_fin): the "
            "zones are empty."
        ),
        "qpv_layer_missing": (
            "Structures {ids} name QPV in 'zone_qpv' but no 'qpv' layer was given. Pass "
            "qpv=avs_geo.load_qpv(...) to build_zones."
        ),
        "dates_hint": "They are needed to select the structures active at a date (at=...).",
        "unknown_types": (
            "'structures' has {n} unknown types in column 'type' ({shown}); expected "
            "{expected}. avs_geo.load_structures() turns 'CS', 'Centre social', 'EVS'... into "
            "these codes."
        ),
        "radius_type": (
            "'structures' column 'zone_rayon_m' should hold numbers (metres) or NaN, got "
            "{dtype}. Convert it with pd.to_numeric."
        ),
        "radius_value": (
            "zone_rayon_m should be a positive number of metres (or NaN for none), got "
            "{values} for structures {ids}."
        ),
        "radius_no_point": (
            "Structures {ids} have a zone_rayon_m but no Point location to draw it around. "
            "Give their coordinates or remove the radius."
        ),
        "polygon_crs": (
            "'zone_polygon' is in {column_crs} but the structures are in {crs}. Use "
            "structures['zone_polygon'].to_crs(structures.crs)."
        ),
        "polygon_type": (
            "zone_polygon should hold polygons, but structures {ids} hold other geometries. "
            "Give the drawn zone as a polygon."
        ),
        "communes_hint": "Use avs_geo.load_communes().",
        "qpv_hint": "Use avs_geo.load_qpv().",
        "zoned_dates": "The column '{column}' of 'structures' holds dates with a time zone ({dtype}): give days, e.g. structures['{column}'].dt.tz_localize(None).",
        "not_dates": "The column '{column}' of 'structures' has {n} cells that are not dates: {shown}{more}. Forms understood: {forms}.",
    },
}
"""Message templates of the zone builder, by language."""
