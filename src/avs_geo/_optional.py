"""Import an optional package, or say which avs_geo extra installs it.

``import avs_geo`` needs only the core dependencies (geopandas, shapely, pyproj,
pyogrio, pandas, numpy, scipy). The packages of an extra (folium for the maps,
openpyxl for Excel, PuLP for the exact site choice, tqdm for the progress bar) are
imported through :func:`require` where they are needed, which raises a
:class:`~avs_geo.errors.MissingDependencyError` naming the package and the
``pip install "avs_geo[extra]"`` command, or through :func:`optional` where avs_geo
works without them.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Literal

from avs_geo._i18n import message
from avs_geo._i18n.common import MESSAGES
from avs_geo.errors import MissingDependencyError

__all__ = ["EXTRAS", "Extra", "install_hint", "missing", "optional", "require"]

Extra = Literal["maps", "excel", "optimisation", "cli"]

# The extras of pyproject.toml and what each is for (French; the messages take these words,
# in the current language, from the common table: purpose_<extra>).
EXTRAS: dict[str, str] = {
    "maps": "les cartes",
    "excel": "les classeurs Excel",
    "optimisation": 'le choix exact des sites (method="exact")',
    "cli": "la barre de progression",
}


def install_hint(extra: Extra) -> str:
    """The pip command that installs ``extra``.

    Examples
    --------
    >>> install_hint("maps")
    'pip install "avs_geo[maps]"'
    """
    return f'pip install "avs_geo[{extra}]"'


def missing(package: str, *, extra: Extra, detail: str = "") -> MissingDependencyError:
    """The error for ``package`` (of ``extra``) not installed, or not usable (``detail``).

    Examples
    --------
    >>> error = missing("openpyxl", extra="excel")
    >>> isinstance(error, ImportError), error.package, error.extra
    (True, 'openpyxl', 'excel')
    >>> print(error)
    Pour les classeurs Excel, avs_geo a besoin du paquet 'openpyxl', qui n'est pas installé. Installez l'option excel : pip install "avs_geo[excel]"
    """
    problem = detail or message(MESSAGES, "not_installed")
    return MissingDependencyError(
        message(
            MESSAGES,
            "missing_package",
            purpose=message(MESSAGES, f"purpose_{extra}"),
            package=package,
            problem=problem,
            extra=extra,
            hint=install_hint(extra),
        ),
        package=package,
        extra=extra,
    )


def require(module: str, *, extra: Extra) -> ModuleType:
    """Import ``module`` or raise a MissingDependencyError that names ``extra``.

    Examples
    --------
    >>> require("json", extra="maps").__name__
    'json'
    >>> require("no_such_module_avs", extra="maps")
    Traceback (most recent call last):
    ...
    avs_geo.errors.MissingDependencyError: Pour les cartes, avs_geo a besoin du paquet 'no_such_module_avs', ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise missing(module.split(".")[0], extra=extra) from exc


def optional(module: str) -> ModuleType | None:
    """Import ``module``, or None when it is not installed (a feature avs_geo can skip).

    Examples
    --------
    >>> optional("json").__name__, optional("no_such_module_avs")
    ('json', None)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        return None
