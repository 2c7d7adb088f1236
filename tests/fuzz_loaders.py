"""Fuzz the loaders with generated files: only avs_geo's own errors may come out.

Run a bounded campaign with ``make fuzz`` (``python -m tests.fuzz_loaders --seconds N``);
``tests/test_fuzz_loaders.py`` runs a short one in the test suite. Each generated input
is a file a planner could plausibly produce (a structures CSV or Excel-like table with
odd values, a QPV GeoJSON with odd codes and rings, or plain garbage bytes). The
invariants: the loader returns a result or raises an :class:`avs_geo.AvsGeoError`
(never a bare pandas/pyogrio/shapely exception), and a result holds every input row.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import warnings
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

import avs_geo

COUNTS = {"structures": 0, "qpv": 0, "bytes": 0, "ok": 0, "refused": 0}

_TYPES = ["CS", "EVS", "Centre social", "espace de vie sociale", "crèche", "", "cs ", "E V S"]
_DATES = ["2022-12-31", "31/12/2022", "2022-02-30", "demain", "", "1999-01-01", "01/13/2020"]
_CODES = ["31555", "1004", "2A004", "9999", "QP031007", "QN03101M", "abc", "", "31555;31555"]
_NUMBERS = ["43.6", "1.44", "43,6", "", "nan", "1e400", "-91", "50.63", "3.06", "abc", "0"]
_NAMES = ["Centre social", '=HYPERLINK("x")', "<img src=x onerror=alert(1)>", "Émile", "a;b"]
_COLUMNS = [
    "structure_id",
    "nom",
    "type",
    "lat",
    "lon",
    "date_agrement",
    "date_fin",
    "zone_communes",
    "zone_qpv",
    "zone_rayon_m",
]


_VALID = {
    "type": ["CS", "EVS", "Centre social"],
    "lat": ["43.6", "43,61", "50.63"],
    "lon": ["1.44", "1,45", "3.06"],
    "date_agrement": ["2020-01-01", "01/01/2019", ""],
    "date_fin": ["2030-12-31", ""],
    "zone_communes": ["31555", "31555;31069", ""],
    "zone_qpv": ["QP031007", ""],
    "zone_rayon_m": ["500", "", "250,5"],
}


def _cell(draw: st.DrawFn, column: str) -> str:
    if column in _VALID and draw(st.integers(0, 12)):
        return draw(st.sampled_from(_VALID[column]))
    if column == "structure_id" and draw(st.integers(0, 4)):
        return draw(st.text("ABCDEFGH0123456789-", min_size=1, max_size=6))
    pools = {
        "structure_id": ["A", "B", "C", "1", "", "A "],
        "nom": _NAMES,
        "type": _TYPES,
        "lat": _NUMBERS,
        "lon": _NUMBERS,
        "date_agrement": _DATES,
        "date_fin": _DATES,
        "zone_communes": _CODES,
        "zone_qpv": _CODES,
        "zone_rayon_m": [*_NUMBERS, "500", "-5", "1 000"],
    }
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=12))
    return draw(st.sampled_from(pools[column]))


@st.composite
def structure_tables(draw: st.DrawFn) -> tuple[bytes, int]:
    if draw(st.integers(0, 3)):  # mostly a complete header, so that rows get checked
        columns = draw(st.permutations(_COLUMNS))
    else:
        columns = draw(st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=10, unique=True))
    n = draw(st.integers(0, 5))
    sep = draw(st.sampled_from([";", ",", "\t"]))
    rows = [[_cell(draw, c) for c in columns] for _ in range(n)]

    def quote(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in f'{sep}"\n\r') else v

    text = "\n".join(sep.join(quote(v) for v in row) for row in [columns, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
    return text.encode(encoding, errors="replace"), n


@st.composite
def qpv_collections(draw: st.DrawFn) -> tuple[str, int]:
    n = draw(st.integers(0, 4))
    features = []
    for _ in range(n):
        code = draw(st.sampled_from(["QP031001", "QP031002", "QN03101M", "X", "", "qp031003"]))
        x = draw(st.floats(1.0, 1.5)) if draw(st.booleans()) else draw(st.floats(-200, 700000))
        y = draw(st.floats(43.5, 43.7))
        d = draw(st.sampled_from([0.0, 1e-4, 0.01]))
        shape = draw(st.sampled_from(["square", "bowtie", "point", "line", "empty"]))
        ring = {
            "square": [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]],
            "bowtie": [[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]],
        }
        geometry = (
            {"type": "Polygon", "coordinates": [ring[shape]]}
            if shape in ring
            else {"type": "Point", "coordinates": [x, y]}
            if shape == "point"
            else {"type": "LineString", "coordinates": [[x, y], [x + d, y]]}
            if shape == "line"
            else None
        )
        props = {draw(st.sampled_from(["code_qp", "CODE_QP", "code"])): code, "nom_qp": "Q"}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}), n


def _call(function: object, *args: object, **kwargs: object) -> object | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = function(*args, **kwargs)  # type: ignore[operator]
        except avs_geo.AvsGeoError:
            COUNTS["refused"] += 1
            return None
    COUNTS["ok"] += 1
    return result


FUZZ_SETTINGS = settings(
    deadline=None, database=None, suppress_health_check=list(HealthCheck), max_examples=60
)


@FUZZ_SETTINGS
@given(structure_tables(), st.sampled_from([".csv", ".txt"]))
def fuzz_structures(table: tuple[bytes, int], suffix: str) -> None:
    data, n_rows = table
    COUNTS["structures"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"structures{suffix}"
        path.write_bytes(data)
        result = _call(avs_geo.load_structures, path)
    if result is not None:
        assert len(result) == n_rows, "a structure row vanished"  # type: ignore[arg-type]


@FUZZ_SETTINGS
@given(qpv_collections())
def fuzz_qpv(collection: tuple[str, int]) -> None:
    text, n = collection
    COUNTS["qpv"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "qpv.geojson"
        path.write_text(text)
        result = _call(avs_geo.load_qpv, path)
    if result is not None:
        assert len(result) == n, "a QPV vanished"  # type: ignore[arg-type]


@FUZZ_SETTINGS
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx", ".geojson", ".gpkg", ".zip"]))
def fuzz_bytes(data: bytes, suffix: str) -> None:
    COUNTS["bytes"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        _call(avs_geo.load_structures, path)
        if suffix != ".csv":
            _call(avs_geo.load_qpv, path)
            _call(avs_geo.load_communes, path)


def run(seconds: float) -> dict[str, int]:
    """Run the three fuzzers in turn until ``seconds`` have passed; return the counts."""
    end = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < end:
        for fuzzer in (fuzz_structures, fuzz_qpv, fuzz_bytes):
            fuzzer()
        rounds += 1
    return {**COUNTS, "rounds": rounds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    start = time.monotonic()
    counts = run(args.seconds)
    elapsed = time.monotonic() - start
    total = counts["structures"] + counts["qpv"] + counts["bytes"]
    print(
        f"fuzz: {total} generated inputs in {elapsed:.0f} s "
        f"(structures tables {counts['structures']}, QPV layers {counts['qpv']}, "
        f"raw bytes {counts['bytes']}); loader calls accepted {counts['ok']}, "
        f"refused with an AvsGeoError {counts['refused']}; no other exception."
    )


if __name__ == "__main__":
    main()
