"""Paths of the open data embedded with avs_geo (see data/README.md for attribution).

The files sit in ``data/`` of the source tree and in ``avs_geo/data`` of an installed
wheel; :func:`get_path` finds them in either place.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import MissingFileError

__all__ = [
    "COMMUNE_FILES_BY_DEPARTEMENT",
    "COMMUNE_VINTAGES",
    "OCCITANIE_DEPARTEMENTS",
    "available",
    "data_dir",
    "get_path",
]

_FILES: dict[str, str] = {
    "qpv_occitanie": "qpv/qpv_2015_occitanie.geojson",
    "qpv_occitanie_indicateurs": "qpv/qpv_2015_occitanie_indicateurs.csv",
    "qpv_occitanie_dictionnaire": "qpv/qpv_2015_occitanie_indicateurs_dictionnaire.csv",
    "communes_occitanie": "communes/communes_2018_occitanie.geojson",
    "communes_59": "communes/communes_2018_59.geojson",
    "communes_62": "communes/communes_2018_62.geojson",
    "communes_95": "communes/communes_2018_95.geojson",
    "communes_2022_metadonnees": "communes/communes_2022_metadonnees.csv",
    "communes_2026_metadonnees": "communes/communes_2026_metadonnees.csv",
    "communes_2022_deleguees_associees": "communes/communes_2022_deleguees_associees.csv",
    "communes_2026_deleguees_associees": "communes/communes_2026_deleguees_associees.csv",
    "structures_exemple_occitanie": "structures/exemple_structures_occitanie.csv",
    "zones_exemple_occitanie": "structures/exemple_zones_occitanie.geojson",
    "structures_exemple_nord_2022": "structures/exemple_structures_nord_2022.csv",
    "candidats_exemple_occitanie": "structures/exemple_candidats_occitanie.csv",
    "territoires_exemple_nord": "territoires/exemple_territoires_nord.csv",
}

COMMUNE_FILES_BY_DEPARTEMENT: dict[str, str] = {
    "59": "communes_59",
    "62": "communes_62",
    "95": "communes_95",
}
"""Embedded commune file of each departement outside Occitanie, by departement code."""
COMMUNE_VINTAGES: tuple[int, ...] = (2022, 2026)
"""Vintages (COG years) of the embedded commune metadata (Etalab, Licence Ouverte):
``communes_<year>_metadonnees`` and ``communes_<year>_deleguees_associees``."""
OCCITANIE_DEPARTEMENTS = (
    "09",
    "11",
    "12",
    "30",
    "31",
    "32",
    "34",
    "46",
    "48",
    "65",
    "66",
    "81",
    "82",
)
"""Departement codes of Occitanie, whose communes are in ``communes_occitanie``."""


def available() -> list[str]:
    """Names accepted by :func:`get_path`.

    Examples
    --------
    >>> "qpv_occitanie" in available()
    True
    """
    return sorted(_FILES)


def data_dir() -> Path:
    """The folder holding the embedded data (installed package first, then source tree)."""
    packaged = Path(str(resources.files("avs_geo"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def get_path(name: str) -> Path:
    """Path of an embedded file by its short name.

    Parameters
    ----------
    name
        One of :func:`available`, e.g. ``"qpv_occitanie"``, ``"communes_59"``,
        ``"structures_exemple_occitanie"``.

    Returns
    -------
    pathlib.Path
        The file, in the installed package or in the ``data/`` folder of a source tree.

    Raises
    ------
    MissingFileError
        The name is unknown (the message lists the known ones), or the file is missing
        from the installation.

    Examples
    --------
    >>> get_path("qpv_occitanie").name
    'qpv_2015_occitanie.geojson'
    >>> get_path("nope")
    Traceback (most recent call last):
    ...
    avs_geo.errors.MissingFileError: Aucune donnée embarquée nommée 'nope'. Disponibles : ...
    """
    if name not in _FILES:
        raise MissingFileError(
            message(MESSAGES, "no_dataset", name=name, names=", ".join(available()))
        )
    path = data_dir() / _FILES[name]
    if not path.exists():
        raise MissingFileError(message(MESSAGES, "dataset_missing", path=path))
    return path
