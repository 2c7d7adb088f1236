"""Import the optional mapping libraries, or say how to install them.

folium, branca and matplotlib belong to the ``maps`` extra: ``import avs_geo`` must
work without them, so the map modules import them through :func:`require` when a
map is asked for.
"""

from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = 'pip install "avs_geo[maps]"'


def require(module: str) -> ModuleType:
    """Import ``module`` or raise an ImportError that names the ``maps`` extra.

    Examples
    --------
    >>> require("json").__name__
    'json'
    >>> require("no_such_module_avs")
    Traceback (most recent call last):
    ...
    ImportError: avs_geo maps need 'no_such_module_avs', which is not installed. ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise ImportError(
            f"avs_geo maps need {top!r}, which is not installed. "
            f"Install the maps extra: {INSTALL_HINT}"
        ) from exc
