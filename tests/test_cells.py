"""The cell parsers shared by the spreadsheet readers: known answers, errors, properties."""

from __future__ import annotations

import math

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given

from avs_geo.errors import DuplicateIdError, GeometryError, SchemaError
from avs_geo.read._cells import (
    check_coordinates,
    check_ids,
    check_radii,
    duplicated,
    lines,
    parse_coordinates,
    parse_ids,
    parse_numbers,
    parse_radii,
    shown_cells,
)

SOURCE = "Fichier des essais 't.csv'"


def column(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


# --- ids ----------------------------------------------------------------------------------


def test_ids_known_answers() -> None:
    cells = parse_ids(
        column(" A1 ", 59001.0, 7, np.int64(8), 2.5, "59001.0", None, "", " ", np.nan)
    )
    assert cells.values.tolist() == ["A1", "59001", "7", "8", "2.5", "59001.0"] + [None] * 4
    assert cells.bad.tolist() == [False] * 6 + [True] * 4
    assert cells.lines == [8, 9, 10, 11]


def test_ids_of_a_string_column() -> None:
    cells = parse_ids(pd.Series(["a", None, " b"], dtype="string"))
    assert cells.values.tolist() == ["a", None, "b"] and cells.bad.tolist() == [False, True, False]


def test_duplicated_ignores_empty_ids() -> None:
    values = np.array(["a", None, "b", "a", None], dtype=object)
    assert duplicated(values).tolist() == [True, False, False, True, False]


def test_check_ids_errors() -> None:
    assert check_ids(column("A", 2.0), source=SOURCE, name="x_id", noun="site").tolist() == [
        "A",
        "2",
    ]
    with pytest.raises(
        SchemaError,
        match=r"^Fichier des essais 't.csv' : des lignes n'ont pas d'identifiant \(colonne "
        r"x_id, lignes 3, 4\)\. Donnez un identifiant à chaque site\.$",
    ):
        check_ids(column("A", None, " "), source=SOURCE, name="x_id", noun="site")
    with pytest.raises(
        DuplicateIdError,
        match=r"sert plusieurs fois \(colonne x_id\) : 'A', 'B' \(lignes 2, 3, 4, 5\)\. "
        r"Chaque site a besoin",
    ):
        check_ids(column("A", "B", "A ", "B", "C"), source=SOURCE, name="x_id", noun="site")


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("43,6045", 43.6045),
        ("43.6045", 43.6045),
        (" 12 ", 12.0),
        ("1 000", 1000.0),
        ("1\u00a0000,5", 1000.5),
        ("1\u202f234\u202f567.25", 1234567.25),
        ("-5", -5.0),
        ("\u22125,5", -5.5),
        ("+3", 3.0),
        (",5", 0.5),
        ("5,", 5.0),
        ("1e3", 1000.0),
        ("2,5E-1", 0.25),
        ("0", 0.0),
    ],
)
def test_numbers_known_answers(text: str, expected: float) -> None:
    cells = parse_numbers(column(text))
    assert cells.values.tolist() == [expected] and not cells.bad.any()


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "nan",
        "inf",
        "-inf",
        "1.000,5",
        "1,000.5",
        "12 34",
        "1  000",
        "1 0000",
        "1e400",
        "-",
        ",",
        "1 000 0",
    ],
)
def test_numbers_bad_text(text: str) -> None:
    cells = parse_numbers(column("1", text))
    assert cells.bad.tolist() == [False, True]
    assert cells.values[0] == 1.0 and math.isnan(cells.values[1])


def test_numbers_cells_of_every_kind() -> None:
    when = pd.Timestamp("2022-01-01")
    cells = parse_numbers(
        column(3, 2.5, np.float32(1.5), None, np.nan, pd.NA, "", True, when, math.inf)
    )
    assert cells.values[:3].tolist() == [3.0, 2.5, 1.5]
    assert np.isnan(cells.values[3:]).all()
    assert cells.bad.tolist() == [False] * 7 + [True] * 3


def test_numbers_of_numeric_columns() -> None:
    cells = parse_numbers(pd.Series([1, 2]))
    assert cells.values.tolist() == [1.0, 2.0] and not cells.bad.any()
    cells = parse_numbers(pd.Series([1.5, np.nan, np.inf]))
    assert cells.values[0] == 1.5 and np.isnan(cells.values[1:]).all()
    assert cells.bad.tolist() == [False, False, True]
    cells = parse_numbers(pd.Series([True, False]))
    assert cells.bad.tolist() == [True, True]
    assert parse_numbers(pd.Series([], dtype=object)).values.tolist() == []


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """The same number written two ways: French comma or dot, with or without spaces."""
    whole = draw(st.integers(0, 10**12))
    decimals = draw(st.text("0123456789", max_size=6))
    negative = draw(st.booleans())
    separator = draw(st.sampled_from([" ", "\u00a0", "\u202f"]))
    grouped = f"{whole:,}".replace(",", separator) if draw(st.booleans()) else str(whole)
    comma = draw(st.booleans())
    mark = "," if comma else "."
    sign = "-" if negative else ""
    written = f"{sign}{grouped}{mark + decimals if decimals else ''}"
    plain = f"{sign}{whole}{'.' + decimals if decimals else ''}"
    return written, plain


@given(written_numbers())
def test_property_every_writing_of_a_number_gives_the_same_float(pair: tuple[str, str]) -> None:
    written, plain = pair
    cells = parse_numbers(column(written, f"  {written} "))
    assert not cells.bad.any()
    assert cells.values.tolist() == [float(plain), float(plain)]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_property_a_float_cell_or_its_text_give_the_same_float(value: float) -> None:
    cells = parse_numbers(column(value, repr(value), repr(value).replace(".", ",")))
    assert not cells.bad.any()
    assert cells.values.tolist() == [value, value, value]


@given(st.text(max_size=8))
def test_property_ids_are_stripped_text(value: str) -> None:
    (parsed,) = parse_ids(column(value)).values
    assert parsed == (value.strip() or None)


@given(st.integers(-(2**53), 2**53))
def test_property_whole_floats_lose_their_point(number: int) -> None:
    assert parse_ids(column(float(number), number)).values.tolist() == [str(number)] * 2


# --- radii --------------------------------------------------------------------------------


def test_radii_known_answers() -> None:
    cells = parse_radii(column("500", "250,5", "1 000", 300, None, "", "0", 0, "-5", "loin"))
    assert cells.values[:4].tolist() == [500.0, 250.5, 1000.0, 300.0]
    assert np.isnan(cells.values[4:]).all()
    assert cells.bad.tolist() == [False] * 6 + [True] * 4


def test_check_radii_errors() -> None:
    ids = np.array(["A", "B", "C"], dtype=object)
    values = check_radii(column("500", None, "2,5"), source=SOURCE, ids=ids)
    assert values[0] == 500 and np.isnan(values[1]) and values[2] == 2.5
    with pytest.raises(
        SchemaError,
        match=r"^Fichier des essais 't.csv' : des rayons ne sont pas des nombres de mètres "
        r"supérieurs à 0 \(colonne rayon, lignes 2, 4 : A '0', C -3\)\. Écrivez le rayon en "
        r"mètres, supérieur à 0 \(ex\. 500, 1 000 ou 250,5\), ou laissez la cellule vide\.$",
    ):
        check_radii(column("0", None, -3), source=SOURCE, name="rayon", ids=ids)


# --- coordinates --------------------------------------------------------------------------


def test_coordinates_known_answers() -> None:
    c = parse_coordinates(
        column("43,6", "1.44", "", "x", "6280000", "50.63", "-21.1"),
        column("1.44", "43.6", "1.4", "1.4", "574000", "3.06", "55.5"),
    )
    assert c.lat[0] == 43.6 and c.lon[0] == 1.44
    assert c.swapped.tolist() == [False, True, False, False, False, False, False]
    assert c.missing.tolist() == [False, False, True, False, False, False, False]
    assert c.bad.tolist() == [False, False, False, True, False, False, False]
    assert c.out_of_range.tolist() == [False, False, False, False, True, False, False]
    assert c.located.tolist() == [True, False, False, False, False, True, True]


def test_coordinates_outside_france_are_left_to_the_crs_check() -> None:
    """Madrid is a valid point: the territory check of read._geo names it later."""
    c = parse_coordinates(column("40.4"), column("-3.7"))
    assert c.located.tolist() == [True]


def test_check_coordinates_errors() -> None:
    ids = np.array(["A", "B"], dtype=object)

    def check(lat: list[object], lon: list[object], **kwargs: object) -> None:
        coords = parse_coordinates(column(*lat), column(*lon))
        check_coordinates(coords, source=SOURCE, ids=ids, noun="site", **kwargs)  # type: ignore[arg-type]

    check(["43.6", "43.6"], ["1.44", "1.44"])
    with pytest.raises(
        GeometryError,
        match=r"^Fichier des essais 't.csv' : des sites n'ont pas de lat/lon ou une lat/lon "
        r"non numérique \(colonnes lat et lon, lignes 2, 3 : A, B\)\. Donnez des degrés WGS84",
    ):
        check([None, "nord"], ["1.44", "1.44"])
    check([None, "43.6"], ["1.44", "1.44"], may_be_missing=np.array([True, False]))
    with pytest.raises(GeometryError, match=r"non numérique \(colonnes lat et lon, ligne 3 : B\)"):
        check([None, "nord"], ["1.44", "1.44"], may_be_missing=np.array([True, True]))
    with pytest.raises(
        GeometryError,
        match=r"des lat/lon ne sont pas des degrés \(colonnes lat et lon, ligne 3 : B\) : la "
        r"latitude va de -90 à 90",
    ):
        check(["43.6", "6280000"], ["1.44", "574000"])
    with pytest.raises(
        GeometryError,
        match=r"lat et lon semblent inversées pour des sites \(colonnes lat et lon, ligne 2 : "
        r"A\) : en France la latitude va de 41 à 51 .* Échangez les deux colonnes\.",
    ):
        check(["1.44", "43.6"], ["43.6", "1.44"])


# --- messages -----------------------------------------------------------------------------


def test_lines_and_shown_cells() -> None:
    assert lines(np.array([True, False, True])) == [2, 4]
    assert lines(pd.Series([False, True])) == [3]
    mask = np.array([True, False, True])
    assert shown_cells(mask) == "lignes 2, 4"
    assert shown_cells(mask, ids=np.array(["A", "B", "C"])) == "lignes 2, 4 : A, C"
    assert shown_cells(mask, raw=["x", 1, None]) == "lignes 2, 4 : 'x', (vide)"
    many = shown_cells(np.ones(25, dtype=bool))
    assert many.startswith("lignes 2, 3,") and many.endswith("21 (+5 autres)")
