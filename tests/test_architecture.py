"""The architecture rules of docs/architecture.md, checked on the source tree.

- the import-linter contracts of pyproject.toml are kept, and they fail on a planted violation;
- no import cycle between modules;
- only the mapping code reprojects to longitude/latitude (EPSG:4326);
- every module declares ``__all__``.

Lists named ``PENDING_*`` hold the known exceptions still being fixed: each test also fails
when an entry is no longer needed, so that the lists only shrink.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "avs_geo"
PYPROJECT = ROOT / "pyproject.toml"

# Modules without ``__all__`` that other work in progress owns (issue 11).
PENDING_ALL: frozenset[str] = frozenset()

# Import cycles being removed (the site relation and the candidates share the overlay kernel).
PENDING_CYCLES: frozenset[frozenset[str]] = frozenset()


def _module_name(path: Path, src: Path = SRC) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {_module_name(p, package.parent): p for p in sorted(package.rglob("*.py"))}


# --- import-linter ------------------------------------------------------------------------


def _lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with the project's contracts on the package found under ``src``."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
            str(PYPROJECT),
        ],
        cwd=src.parent,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_import_contracts_are_kept() -> None:
    result = _lint_imports(SRC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        # a reader that draws a map: both contracts break
        ("read/qpv.py", "import avs_geo.maps.webmap", ["layers", "no-output-in-measures"]),
        # the coverage that writes Excel itself
        ("coverage/measure.py", "import openpyxl", ["no-output-in-measures"]),
        # zones that climb up to the report
        ("zones.py", "from avs_geo.report import summary", ["layers"]),
        # a new top-level module that is in no layer
        ("_stray.py", "import avs_geo.errors", ["layers"]),
    ],
)
def test_import_contracts_bite(
    tmp_path: Path, module: str, planted: str, broken: list[str]
) -> None:
    copy = tmp_path / "src" / "avs_geo"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    before = target.read_text(encoding="utf-8") if target.exists() else '"""Planted."""\n'
    target.write_text(f"{before}\n{planted}  # planted violation\n", encoding="utf-8")
    result = _lint_imports(copy.parent)
    assert result.returncode != 0, result.stdout
    names = {
        "layers": "Each stage imports only the stages below it BROKEN",
        "no-output-in-measures": "read, zones and coverage import no maps, Excel writer or CLI BROKEN",
    }
    out = " ".join(result.stdout.split())
    for contract, name in names.items():
        assert (name in out) == (contract in broken), result.stdout


# --- import cycles -----------------------------------------------------------------------


def _cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.add(frozenset(component))
    return found


def test_no_import_cycle() -> None:
    cycles = _cycles(grimp.build_graph("avs_geo", cache_dir=None))
    new = [sorted(c) for c in cycles - PENDING_CYCLES]
    assert not new, f"import cycles: {new}"
    gone = [sorted(c) for c in PENDING_CYCLES - cycles]
    assert not gone, f"these cycles are gone: remove them from PENDING_CYCLES: {gone}"


def test_cycle_finder_sees_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("p", "p.a", "p.b", "p.c", "p.d"):
        graph.add_module(name)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    graph.add_import(importer="p.c", imported="p.a")
    graph.add_import(importer="p.d", imported="p.a")
    assert _cycles(graph) == {frozenset({"p.a", "p.b", "p.c"})}


# --- EPSG:4326 ---------------------------------------------------------------------------

# A mention of 4326 outside maps/ is allowed only when it declares the CRS of longitude/
# latitude read from a file (points built from lon/lat columns, advice in a message); a
# reprojection to 4326 belongs to the maps. The one exception: the CRS guard (avs_geo._crs),
# which transforms one point per feature (never the shapes) to lon/lat to place it.
_DECLARES_LON_LAT = re.compile(r"""crs\s*=\s*["']EPSG:4326["']|set_crs\(\s*["']EPSG:4326["']""")
_REPROJECTS_TO_LON_LAT = re.compile(r"(to_crs|from_crs)\([^)]*4326")
_EXCEPTIONS = {("_crs.py", '_LON_LAT = CRS("EPSG:4326")')}


def _lon_lat_lines(package: Path) -> list[str]:
    """``file:line: text`` of every mention of EPSG:4326 outside maps/ that is not allowed."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith("maps/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "4326" not in line or (relative, line.strip()) in _EXCEPTIONS:
                continue
            if _DECLARES_LON_LAT.search(line) and not _REPROJECTS_TO_LON_LAT.search(line):
                continue
            found.append(f"src/avs_geo/{relative}:{number}: {line.strip()}")
    return found


def test_only_maps_reproject_to_lon_lat() -> None:
    lines = _lon_lat_lines(PACKAGE)
    assert not lines, "EPSG:4326 outside maps/ (reprojection is for maps only):\n" + "\n".join(
        lines
    )


@pytest.mark.parametrize(
    "line",
    [
        "zones = zones.to_crs(4326)",
        'qpv = qpv.to_crs("EPSG:4326")',
        "qpv = qpv.to_crs(epsg=4326)",
        "t = Transformer.from_crs(2154, 4326, always_xy=True)",
        'qpv.set_crs("EPSG:2154").to_crs(crs="EPSG:4326")',
    ],
)
def test_lon_lat_check_bites(tmp_path: Path, line: str) -> None:
    package = tmp_path / "avs_geo"
    (package / "coverage").mkdir(parents=True)
    (package / "maps").mkdir()
    (package / "maps" / "webmap.py").write_text(f"{line}\n", encoding="utf-8")
    (package / "coverage" / "measure.py").write_text(
        f'"""Doc."""\npoints = gpd.points_from_xy(x, y, crs="EPSG:4326")\n{line}\n',
        encoding="utf-8",
    )
    assert _lon_lat_lines(package) == [f"src/avs_geo/coverage/measure.py:3: {line}"]


# --- __all__ -----------------------------------------------------------------------------


def _defines_all(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign | ast.AugAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return True
    return False


def test_every_module_declares_all() -> None:
    missing = {name for name, path in _modules().items() if not _defines_all(path)}
    new = sorted(missing - PENDING_ALL)
    assert not new, f"modules without __all__: {new}"
    done = sorted(PENDING_ALL - missing)
    assert not done, f"these modules now declare __all__: remove them from PENDING_ALL: {done}"


def test_all_check_bites(tmp_path: Path) -> None:
    package = tmp_path / "avs_geo"
    package.mkdir()
    (package / "__init__.py").write_text('__all__ = ["x"]\nx = 1\n', encoding="utf-8")
    (package / "bare.py").write_text("def f() -> None: ...\n", encoding="utf-8")
    (package / "typed.py").write_text('__all__: list[str] = ["f"]\n', encoding="utf-8")
    flags = {name: _defines_all(path) for name, path in _modules(package).items()}
    assert flags == {"avs_geo": True, "avs_geo.bare": False, "avs_geo.typed": True}


# --- public API --------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["avs_geo", "avs_geo.datasets", "avs_geo.errors"])
def test_public_names_are_documented(module: str) -> None:
    # The API reference (make docs) renders these docstrings; each needs at least a summary.
    mod = importlib.import_module(module)
    names = getattr(mod, "__all__", None) or [
        name
        for name in dir(mod)
        if not name.startswith("_") and getattr(getattr(mod, name), "__module__", "") == module
    ]
    assert names, module
    undocumented = [
        name
        for name in names
        if callable(obj := getattr(mod, name)) and not (inspect.getdoc(obj) or "").strip()
    ]
    assert not undocumented, f"{module}: no docstring for {undocumented}"


def test_get_path_is_public() -> None:
    from avs_geo import datasets

    assert "get_path" in datasets.__all__
    assert datasets.get_path("qpv_occitanie").is_file()
