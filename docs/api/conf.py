"""Sphinx configuration of the avs_geo API reference (``make docs``).

Built offline (no intersphinx: CI has no network) with warnings as errors and nitpicky
references: a reference to another package's type (pandas, geopandas, ...) cannot be
resolved without intersphinx, so those are listed in ``nitpick_ignore_regex``; every
reference inside avs_geo must resolve.
"""

from __future__ import annotations

import importlib
import sys
import types
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import avs_geo  # noqa: E402

project = "avs_geo"
author = "avs_geo developers"
copyright = "avs_geo developers"
release = avs_geo.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
]
templates_path = ["_templates"]
exclude_patterns = ["_build"]
root_doc = "index"
language = "en"

# The 0.1 import paths kept for one release: not part of the reference.
DEPRECATED_MODULES = [
    f"avs_geo.{name}"
    for name in (
        "classify",
        "explain",
        "reach",
        "compare",
        "tables",
        "listing",
        "sentence",
        "export",
        "export_text",
        "labels",
        "pipeline",
        "pipeline_sites",
    )
]
warnings.filterwarnings(
    "ignore", message=r"avs_geo\.\w+ is deprecated", category=DeprecationWarning
)

autosummary_generate = True
autosummary_ignore_module_all = False  # a module documents what its __all__ lists
autosummary_imported_members = False
autosummary_context = {"deprecated": DEPRECATED_MODULES, "exported": list(avs_geo.__all__)}
autodoc_typehints = "none"  # numpydoc's Parameters sections say the types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

nitpicky = True
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(pd|pandas|gpd|geopandas|np|numpy|shapely|pyproj|folium|branca|matplotlib|openpyxl"
        r"|pulp|scipy|datetime|dt|pathlib|collections|typing|os|io)(\..*)?",
    ),
    # built-in bases of the errors (``class SchemaError(AvsGeoError, ValueError)``)
    (r"py:class", r"(Exception|ValueError|TypeError|FileNotFoundError|ImportError|UserWarning)"),
]

html_theme = "alabaster"
html_static_path: list[str] = []
html_title = f"avs_geo {release}: API reference"


# A name that avs_geo exports is documented once, under its public name (avs_geo.X), and a
# docstring is written relative to the module that defines it. So a reference that Sphinx
# cannot resolve from the page's current module is tried again (1) under the public name,
# :func:`avs_geo.coverage.compute_coverage` -> avs_geo.compute_coverage, and (2) in the
# module that defines the documented object: :data:`COVERAGE_FILES` in the docstring of
# avs_geo.run_coverage -> avs_geo.workflows.jobs.COVERAGE_FILES. Anything else stays a
# warning (hence an error).
EXPORTED = frozenset(avs_geo.__all__)


def _defining_module(page: str) -> str | None:
    """The module that defines the object documented on a generated page."""
    dotted = page.rsplit("/", 1)[-1]
    if not dotted.startswith("avs_geo"):
        return None
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        if isinstance(obj, types.ModuleType):
            return obj.__name__
        module = getattr(obj, "__module__", None)
        return module if isinstance(module, str) else None
    return None


def _candidates(target: str, page: str) -> list[str]:
    parts = target.split(".")
    found = []
    for i, part in enumerate(parts):
        if part in EXPORTED and (i == 0 or parts[0] == "avs_geo"):
            found.append(".".join(["avs_geo", *parts[i:]]))
            break
    module = _defining_module(page)
    if module and not target.startswith("avs_geo."):
        found.append(f"{module}.{target}")
    return [name for name in found if name != target]


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element
) -> Element | None:
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    for name in _candidates(str(node.get("reftarget", "")), str(node.get("refdoc", ""))):
        new = node.deepcopy()
        new["reftarget"] = name
        new["py:module"] = None
        new["py:class"] = None
        resolved = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], name, new, contnode
        )
        if resolved is not None:
            return resolved
    return None


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", _resolve)
