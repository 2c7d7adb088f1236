"""Fuzz the loaders with generated files: only avs_geo's own errors may come out.

Run a bounded campaign with ``make fuzz`` (``python -m tests.fuzz_loaders --seconds N``);
``tests/test_fuzz_loaders.py`` runs a short one in the test suite. Each generated input
is a file a planner could plausibly produce (a structures CSV or Excel-like table with
odd values, a structures workbook with hidden sheets, merged blocks anywhere and
formulas without value, a QPV GeoJSON with odd codes and rings, or plain garbage
bytes), or a file
of the hostile corpus (``tests/hostile/corpus.py``) mutated: bytes flipped, cut or
inserted, lines repeated or swapped, separators and encodings changed, and inside the
workbooks and zips, their members mutated and zipped again. The invariants: the loader
returns a result or raises an :class:`avs_geo.AvsGeoError` (never a bare
pandas/pyogrio/shapely exception), and a result holds every input row.

A campaign does not stop at the first finding: each input that raises anything else
is saved under ``--findings`` (default ``fuzz-findings/``) with the exception, and the
figures are printed at the end (inputs tried, time, findings).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import tempfile
import time
import traceback
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

import avs_geo
from tests.hostile.corpus import CASES, Case, load_case, write_case

COUNTS = {
    "structures": 0,
    "workbooks": 0,
    "qpv": 0,
    "bytes": 0,
    "mutated": 0,
    "ok": 0,
    "refused": 0,
}

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


_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, object]:
    """A structures workbook: sheets (some hidden), merged blocks anywhere, formulas."""
    n_sheets = draw(st.integers(1, 3))
    sheets = []
    for k in range(n_sheets):
        columns = draw(st.permutations(_COLUMNS)) if draw(st.booleans()) else _COLUMNS
        title = [["Liste des structures"]] if draw(st.booleans()) else []
        rows = [[_cell(draw, c) or None for c in columns] for _ in range(draw(st.integers(0, 5)))]
        for row in rows:  # numbers as numbers, formulas without saved value
            for j in range(len(row)):
                if isinstance(row[j], str):  # what a worksheet can hold
                    row[j] = _ILLEGAL.sub("", row[j]) or None
                if draw(st.integers(0, 9)) == 0:
                    row[j] = draw(
                        st.sampled_from(["=1/0", "=A1", "=SUM(J2:J3)", "#N/A", 500, 43.6])
                    )
        grid = [*title, list(columns), *rows]
        height, width = len(grid), len(columns)
        merges = []
        for _ in range(draw(st.integers(0, 3))):
            r0, c0 = draw(st.integers(1, height + 1)), draw(st.integers(1, width + 1))
            r1, c1 = draw(st.integers(r0, r0 + 3)), draw(st.integers(c0, c0 + 2))
            if (r1, c1) != (r0, c0):
                merges.append((r0, c0, r1, c1))
        state = draw(st.sampled_from(["visible", "hidden", "veryHidden"])) if k else "visible"
        sheets.append((f"Feuille {k}", grid, merges, state))
    return {"sheets": sheets, "sheet": draw(st.sampled_from([None, 0, 1, "Feuille 1"]))}


@FUZZ_SETTINGS
@given(workbooks())
def fuzz_workbooks(book: dict[str, object]) -> None:
    from openpyxl import Workbook

    COUNTS["workbooks"] += 1
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, grid, merges, state in book["sheets"]:  # type: ignore[attr-defined]
        sheet = workbook.create_sheet(name)
        for row in grid:
            sheet.append(row)
        for r0, c0, r1, c1 in merges:
            with contextlib.suppress(ValueError):  # overlaps a block already merged
                sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        sheet.sheet_state = state
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "structures.xlsx"
        workbook.save(path)
        _call(avs_geo.load_structures, path, sheet=book["sheet"])


# --- the hostile corpus, mutated ------------------------------------------------------

_TOKENS = (
    b";", b",", b"\t", b"\n", b"\r\n", b'"', b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    "é".encode("latin-1"), "é".encode(), b"sep=;\n", b"1e999", b"-", b"nan", b"inf",
    b"31/12/9999", b"=1/0", b"#N/A", b"QP031001", b"31555", b"<", b"]]>", b"\x1b[2J",
)  # fmt: skip


@dataclass
class Finding:
    """An input that raised something other than an AvsGeoError."""

    case: str
    error: str
    data: bytes = field(repr=False)
    trace: str = field(repr=False, default="")


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:  # flip a byte
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif op == 1:  # delete a span
            del out[at : at + rng.randint(1, 16)]
        elif op == 2:  # insert a token
            out[at:at] = rng.choice(_TOKENS)
        elif op == 3:  # cut the end
            del out[at:]
        elif op in (4, 5):  # repeat or swap lines
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 4:
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
        elif op == 6:  # another separator everywhere
            old, new = rng.sample([b";", b",", b"\t", b"|"], 2)
            out = bytearray(bytes(out).replace(old, new))
        elif op == 7:  # another encoding
            try:
                text = bytes(out).decode("utf-8")
                out = bytearray(text.encode(rng.choice(["utf-16", "cp1252", "utf-16-le"])))
            except (UnicodeError, LookupError):
                pass
        else:  # random bytes
            out[at:at] = rng.randbytes(rng.randint(1, 8))
    return bytes(out)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A mutation of a corpus file; a zip (xlsx, zipped shapefile) is mutated inside."""
    if data[:2] == b"PK" and rng.random() < 0.7:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = {info.filename: archive.read(info) for info in archive.infolist()}
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            return _mutate_bytes(data, rng)
        name = rng.choice(sorted(members))
        members[name] = _mutate_bytes(members[name], rng)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        return buffer.getvalue()
    return _mutate_bytes(data, rng)


def corpus_files(folder: Path) -> list[tuple[Case, bytes]]:
    """Every corpus case written in ``folder``, with its bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for case in CASES:
        path = write_case(case, folder)
        files.append((case, path.read_bytes()))
    return files


def fuzz_corpus(
    count: int, *, seed: int = 0, files: list[tuple[Case, bytes]] | None = None
) -> list[Finding]:
    """Load ``count`` mutated corpus files; return the inputs that raised anything else
    than an AvsGeoError."""
    rng = random.Random(seed)
    findings: list[Finding] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if files is None:
            files = corpus_files(folder / "corpus")
        for _ in range(count):
            case, original = rng.choice(files)
            data = mutate(original, rng)
            COUNTS["mutated"] += 1
            path = folder / f"mutated{Path(case.name).suffix}"
            path.write_bytes(data)
            try:
                _call(load_case, case, path)
            except Exception as error:  # a finding: anything but an AvsGeoError
                findings.append(
                    Finding(
                        case=case.name,
                        error=f"{type(error).__name__}: {error}"[:300],
                        data=data,
                        trace=traceback.format_exc(),
                    )
                )
            finally:
                path.unlink(missing_ok=True)
    return findings


def run(seconds: float, *, seed: int = 0) -> tuple[dict[str, int], list[Finding]]:
    """Run the fuzzers in turn until ``seconds`` have passed; return counts and findings.

    Each round runs the four generators (hypothesis, 60 examples each) and 100
    mutated corpus files. A generator's failure is a finding too.
    """
    end = time.monotonic() + seconds
    rounds = 0
    findings: list[Finding] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus_files(Path(tmp))
        while time.monotonic() < end:
            for fuzzer in (fuzz_structures, fuzz_workbooks, fuzz_qpv, fuzz_bytes):
                try:
                    fuzzer()
                except Exception as error:
                    findings.append(Finding(fuzzer.__name__, repr(error)[:300], b"",
                                            traceback.format_exc()))  # fmt: skip
            findings += fuzz_corpus(100, seed=seed + rounds, files=files)
            rounds += 1
    return {**COUNTS, "rounds": rounds}, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args()
    start = time.monotonic()
    counts, findings = run(args.seconds, seed=args.seed)
    elapsed = time.monotonic() - start
    total = sum(counts[k] for k in ("structures", "workbooks", "qpv", "bytes", "mutated"))
    print(
        f"fuzz: {total} inputs in {elapsed:.0f} s (generated structures tables "
        f"{counts['structures']}, workbooks {counts['workbooks']}, QPV layers "
        f"{counts['qpv']}, raw bytes {counts['bytes']}; "
        f"mutated corpus files {counts['mutated']}, from {len(CASES)}); loader calls "
        f"accepted {counts['ok']}, refused with an AvsGeoError {counts['refused']}; "
        f"findings (other exceptions): {len(findings)}."
    )
    if findings:
        args.findings.mkdir(parents=True, exist_ok=True)
        for n, finding in enumerate(findings):
            stem = args.findings / f"{n:04d}_{finding.case}"
            stem.with_suffix(".bin").write_bytes(finding.data)
            stem.with_suffix(".txt").write_text(finding.trace)
            print(f"  {finding.case}: {finding.error}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
