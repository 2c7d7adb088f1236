"""The one date reader (avs_geo._dates): every form, every error, and every entry point."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import avs_geo
from avs_geo import cli
from avs_geo._dates import (
    FIRST_DAY,
    LAST_DAY,
    MONTHS,
    format_date,
    parse_date,
    parse_date_column,
    to_timestamp,
)
from avs_geo.errors import ParameterError, SchemaError

FEB_1 = dt.date(2022, 2, 1)
SAME_DAY = ["01/02/2022", "2022-02-01", "1er février 2022", FEB_1]
"""The 1st of February 2022 as a planner may give it (text forms and a date object)."""
SAME_DAY_IDS = ["slashes", "iso", "words", "date"]

HEADER = "structure_id;nom;type;lat;lon;date_agrement;date_fin;zone_communes;zone_qpv;zone_rayon_m"
ACTIVITY = (
    HEADER + "\n"
    "S1;a;CS;43.6;1.44;2022-02-01;;31555;;\n"
    "S2;b;EVS;43.6;1.44;2022-02-02;;31555;;\n"
    "S3;c;CS;43.6;1.44;2021-01-01;2022-02-01;31555;;\n"
    "S4;d;CS;43.6;1.44;2021-01-01;2022-02-02;31555;;\n"
)
"""Four structures that tell the day: on 1 February 2022 S1 starts, S3 ends (its last day
counts: date_fin is included), S4 runs, S2 has not started."""
ACTIVE_FEB_1 = ["S1", "S3", "S4"]


# --- scalars: known answers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-12-31", dt.date(2022, 12, 31)),
        ("2022-12-31T00:00", dt.date(2022, 12, 31)),
        ("2022-12-31 00:00:00", dt.date(2022, 12, 31)),
        ("2022-12-31T23:59:59.5", dt.date(2022, 12, 31)),
        ("2022-2-1", FEB_1),
        ("31/12/2022", dt.date(2022, 12, 31)),
        ("31-12-2022", dt.date(2022, 12, 31)),
        ("31.12.2022", dt.date(2022, 12, 31)),
        ("1/2/2022", FEB_1),
        ("01/02/2022", FEB_1),
        ("  01/02/2022 ", FEB_1),
        ("31/12/2022 00:00", dt.date(2022, 12, 31)),
        ("31 décembre 2022", dt.date(2022, 12, 31)),
        ("31 DÉCEMBRE 2022", dt.date(2022, 12, 31)),
        ("31 decembre 2022", dt.date(2022, 12, 31)),
        ("1er février 2022", FEB_1),
        ("1er Fevrier 2022", FEB_1),
        ("1ᵉʳ février 2022", FEB_1),
        ("1 février 2022", FEB_1),
        ("1er\u00a0février  2022", FEB_1),
        ("mardi 1er février 2022", FEB_1),
        ("15 août 2021", dt.date(2021, 8, 15)),
        ("15 aout 2021", dt.date(2021, 8, 15)),
        ("3 janv. 2022", dt.date(2022, 1, 3)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("29/02/2000", dt.date(2000, 2, 29)),
        ("31/12/9999", dt.date(9999, 12, 31)),
        (FEB_1, FEB_1),
        (dt.datetime(2022, 2, 1, 18, 30), FEB_1),
        (pd.Timestamp("2022-02-01 12:00"), FEB_1),
        (np.datetime64("2022-02-01"), FEB_1),
        (np.datetime64("2022-02-01T08:00:00"), FEB_1),
        (None, None),
    ],
)
def test_parse_date_known_answers(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("31/12/22", r"date='31/12/22' n'est pas une date \(année sur deux chiffres"),
        ("1.2.22", r"année sur deux chiffres"),
        ("31/02/2022", r"date='31/02/2022' n'est pas une date \(ce jour n'existe pas\)"),
        ("29/02/2023", r"ce jour n'existe pas"),
        ("29/02/1900", r"ce jour n'existe pas"),
        ("2022-13-01", r"ce jour n'existe pas"),
        ("12/31/2022", r"ce jour n'existe pas"),
        ("hier", r"date='hier' n'est pas une date \(forme non reconnue\) : écrivez-la 31/12/2022"),
        ("31/12-2022", r"forme non reconnue"),
        ("2022/12/31", r"forme non reconnue"),
        ("2022-12-31T24:00", r"forme non reconnue"),
        ("2022-12-31T00:00+01:00", r"forme non reconnue"),
        ("32 décembre 2022", r"ce jour n'existe pas"),
        ("31 decembr 2022", r"forme non reconnue"),
        (20221231, r"date doit être une date, pas un int \(20221231\)"),
        (44926.0, r"pas un float"),
        (True, r"pas un bool"),
        (["2022-12-31"], r"pas un list"),
        (pd.NaT, r"date est une date manquante"),
        (float("nan"), r"date manquante"),
        (np.datetime64("NaT"), r"date manquante"),
        (pd.NA, r"date manquante"),
        ("  ", r"date manquante"),
        (pd.Timestamp("2022-02-01", tz="Europe/Paris"), r"fuseau horaire.*tz_localize\(None\)"),
        (dt.datetime(2022, 2, 1, tzinfo=dt.UTC), r"fuseau horaire"),
        (
            np.datetime64("12000-01-01"),
            r"date \(12000-01-01\) n'est pas une date : année après 9999",
        ),
        ({"jour": 1}, r"pas un dict"),
    ],
)
def test_parse_date_refuses_with_the_reason(value: object, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        parse_date(value)


def test_parse_date_names_the_argument_and_allows_missing_on_request() -> None:
    with pytest.raises(ParameterError, match=r"^before='x' n'est pas une date"):
        parse_date("x", "before")
    for missing in (pd.NaT, float("nan"), "", pd.NA, None):
        assert parse_date(missing, allow_missing=True) is None


def test_to_timestamp_is_midnight_and_refuses_days_pandas_cannot_hold() -> None:
    assert to_timestamp("01/02/2022") == pd.Timestamp("2022-02-01")
    assert to_timestamp(None) is None
    assert to_timestamp(LAST_DAY) == pd.Timestamp(LAST_DAY)
    with pytest.raises(ParameterError, match=r"at='31/12/9999' est hors de la plage"):
        to_timestamp("31/12/9999", "at")
    with pytest.raises(ParameterError, match=r"hors de la plage 22/09/1677 - 11/04/2262"):
        to_timestamp(FIRST_DAY - dt.timedelta(days=1))


# --- wording ---------------------------------------------------------------------------


def test_format_date_reads_day_first_and_writes_words() -> None:
    assert format_date("2023-01-01") == "1er janvier 2023"
    assert format_date("01/02/2022") == "1er février 2022"
    assert format_date(pd.Timestamp("2022-08-02")) == "2 août 2022"
    assert format_date("2023-01-01", language="en") == "1 January 2023"
    assert format_date("31/12/9999") == "31 décembre 9999"
    assert [format_date(v) for v in (None, pd.NaT, float("nan"), "")] == ["", "", "", ""]
    with pytest.raises(ParameterError, match="language"):
        format_date(FEB_1, language="de")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="n'est pas une date"):
        format_date("bientôt")


# --- whole columns ---------------------------------------------------------------------


def test_column_mixed_text_and_excel_dates() -> None:
    cells = pd.Series(
        [
            "31/12/2022",
            dt.datetime(2021, 5, 3),
            None,
            "",
            "1er février 2022",
            "hier",
            pd.Timestamp("2020-01-01"),
            float("nan"),
            "31/02/2022",
            44926,
            dt.date(2019, 7, 14),
            "1/2/22",
            np.datetime64("2018-03-04"),
        ],
        index=range(10, 23),
    )
    parsed = parse_date_column(cells)
    assert parsed.values.dtype == "datetime64[ns]"
    assert parsed.values.index.tolist() == list(range(10, 23))
    assert parsed.values.dt.strftime("%Y-%m-%d").fillna("-").tolist() == [
        "2022-12-31",
        "2021-05-03",
        "-",
        "-",
        "2022-02-01",
        "-",
        "2020-01-01",
        "-",
        "-",
        "-",
        "2019-07-14",
        "-",
        "2018-03-04",
    ]
    assert parsed.failed.tolist() == [5, 8, 9, 11]
    assert parsed.reasons == (
        "forme non reconnue",
        "ce jour n'existe pas",
        "un nombre, pas une date (mettez la cellule au format date)",
        "année sur deux chiffres : écrivez ses quatre chiffres",
    )


def test_column_end_dates_after_2262_are_open_ends() -> None:
    cells = pd.Series(["31/12/9999", dt.datetime(9999, 12, 31), "2300-01-01", "31/12/2025"])
    ends = parse_date_column(cells, open_end=True)
    assert ends.failed.size == 0
    assert ends.values.isna().tolist() == [True, True, True, False]
    starts = parse_date_column(cells)
    assert starts.failed.tolist() == [0, 1, 2]
    assert set(starts.reasons) == {"hors de la plage 22/09/1677 - 11/04/2262"}
    early = parse_date_column(pd.Series(["01/01/1600"]), open_end=True)
    assert early.failed.tolist() == [0]


def test_column_of_datetime64_string_dtype_empty_and_zoned() -> None:
    stamps = pd.Series(pd.to_datetime(["2022-02-01 10:00", None]))
    parsed = parse_date_column(stamps)
    assert parsed.values.tolist()[0] == pd.Timestamp("2022-02-01")
    assert parsed.values.isna().tolist() == [False, True] and parsed.failed.size == 0
    text = pd.Series(["01/02/2022", None], dtype="string")
    assert parse_date_column(text).values.iloc[0] == pd.Timestamp("2022-02-01")
    assert parse_date_column(pd.Series([], dtype=object)).values.size == 0
    assert parse_date_column(pd.Series([None, np.nan])).failed.size == 0
    zoned = parse_date_column(pd.Series(pd.to_datetime(["2022-02-01"]).tz_localize("UTC")))
    assert zoned.reasons == ("date avec fuseau horaire",)
    mixed = pd.Series([pd.Timestamp("2022-02-01", tz="UTC"), dt.datetime(2022, 2, 2)])
    parsed = parse_date_column(mixed)
    assert parsed.failed.tolist() == [0]
    assert parsed.values.iloc[1] == pd.Timestamp("2022-02-02")


# --- property: every day in every form reads back as itself ---------------------------

FORMS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.isoformat()}T00:00",
    lambda d: f"{d.isoformat()} 00:00:00",
    lambda d: f"{d:%d/%m/%Y}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d:%d-%m-%Y}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{'1er' if d.day == 1 else d.day} {MONTHS['fr'][d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTHS['fr'][d.month - 1].upper()} {d.year}",
    lambda d: d,
    lambda d: dt.datetime(d.year, d.month, d.day, 13, 45),
    lambda d: pd.Timestamp(d),
    lambda d: np.datetime64(d, "D"),
)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    form=st.sampled_from(range(len(FORMS))),
)
def test_any_day_in_any_form_reads_as_itself(day: dt.date, form: int) -> None:
    written = FORMS[form](day)
    assert parse_date(written) == day
    assert format_date(written) == format_date(day.isoformat())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))))
def test_a_column_in_every_form_reads_as_its_days(days: list[dt.date]) -> None:
    cells = pd.Series([FORMS[i % len(FORMS)](d) for i, d in enumerate(days)], dtype=object)
    parsed = parse_date_column(cells)
    assert parsed.failed.size == 0
    assert [t.date() for t in parsed.values] == days


# --- the same day through every entry point --------------------------------------------


@pytest.mark.parametrize("when", SAME_DAY, ids=SAME_DAY_IDS)
def test_summary_and_sentence_read_the_same_day(when: object) -> None:
    coverage = pd.DataFrame({"code_qpv": ["QP031001", "QP031002"], "coverage_status": ["full"] * 2})
    summary = avs_geo.coverage_summary(coverage, date=when)
    assert avs_geo.coverage_sentence(summary).startswith("Au 1er février 2022, les 2 QPV")
    plain = avs_geo.coverage_summary(coverage)
    assert avs_geo.coverage_sentence(plain, date=when).startswith("Au 1er février 2022,")
    english = avs_geo.coverage_sentence(summary, language="en")
    assert english.startswith("At 1 February 2022,")


@pytest.fixture(scope="module")
def activity(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dates") / "structures.csv"
    path.write_text(ACTIVITY, encoding="utf-8")
    return path


@pytest.mark.parametrize("when", SAME_DAY, ids=SAME_DAY_IDS)
def test_build_zones_reads_the_same_day(
    activity: Path, communes_all: gpd.GeoDataFrame, when: object
) -> None:
    structures = avs_geo.load_structures(activity)
    zones = avs_geo.build_zones(structures, communes=communes_all, at=when)
    assert zones["structure_id"].tolist() == ACTIVE_FEB_1


def test_build_zones_reads_day_first_slashes() -> None:
    """The defect of issue 11: at='31/12/2022' was refused."""
    structures = avs_geo.load_structures(avs_geo.datasets.get_path("structures_exemple_nord_2022"))
    communes = avs_geo.load_communes(departement="59")
    iso = avs_geo.build_zones(structures, communes=communes, at="2022-12-31")
    french = avs_geo.build_zones(structures, communes=communes, at="31/12/2022")
    assert french["structure_id"].tolist() == iso["structure_id"].tolist()
    assert len(french) == 6


@pytest.mark.parametrize("when", SAME_DAY, ids=SAME_DAY_IDS)
def test_run_coverage_reads_the_same_day(activity: Path, tmp_path: Path, when: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", avs_geo.AvsGeoWarning)  # QPV contours repaired
        run = avs_geo.run_coverage(
            tmp_path, structures=activity, date=when, departement="31", maps=False
        )
    assert run.date == FEB_1
    assert run.zones["structure_id"].tolist() == ACTIVE_FEB_1
    assert run.sentence.startswith("Au 1er février 2022,")


@pytest.mark.parametrize("when", SAME_DAY[:3], ids=SAME_DAY_IDS[:3])
def test_cli_date_reads_the_same_day(activity: Path, tmp_path: Path, when: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = ["couverture", "--structures", str(activity), "--date", when, "--departement", "31"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*argv, "--sans-cartes", "--sortie", str(tmp_path)])
    assert code == 0, err.getvalue()
    assert "4 structures, dont 3 agréées au 01/02/2022" in out.getvalue()
    assert "Au 1er février 2022," in out.getvalue()


def _rows_with_every_form() -> list[list[object]]:
    header = HEADER.split(";")
    rows: list[list[object]] = [header]
    for i, when in enumerate(SAME_DAY):
        end = dt.date(9999, 12, 31) if isinstance(when, dt.date) else "31/12/9999"
        rows.append([f"S{i}", "x", "CS", 43.6, 1.44, when, end, "31555", None, None])
    return rows


def test_structures_csv_and_xlsx_read_the_same_day(tmp_path: Path) -> None:
    from openpyxl import Workbook

    rows = _rows_with_every_form()
    csv = tmp_path / "s.csv"
    text_rows = [r for r in rows if not isinstance(r[5], dt.date)]
    csv.write_text(
        "\n".join(";".join("" if v is None else str(v) for v in r) for r in text_rows),
        encoding="utf-8",
    )
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    xlsx = tmp_path / "s.xlsx"
    book.save(xlsx)
    for path, n in ((csv, 3), (xlsx, 4)):
        structures = avs_geo.load_structures(path)
        assert structures["date_agrement"].tolist() == [pd.Timestamp(FEB_1)] * n
        assert structures["date_agrement"].dtype == "datetime64[ns]"
        assert structures["date_fin"].isna().all()  # 31/12/9999, text or Excel date: no end


def test_structures_file_reports_every_bad_date_at_once(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        HEADER + "\n"
        "A;x;CS;43.6;1.44;bientôt;;31555;;\n"
        "B;x;CS;43.6;1.44;01/02/2022;31/12/22;31555;;\n"
        "C;x;CS;43.6;1.44;31/02/2022;2023-01-01;31555;;\n"
        "D;x;CS;43.6;1.44;31/12/9999;;31555;;\n",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError) as error:
        avs_geo.load_structures(path)
    message = str(error.value)
    assert "s.csv' : 4 problèmes de 4 sortes" in message
    for line in (
        "- date illisible (forme non reconnue) (colonne date_agrement) : ligne 2 : 'bientôt' (A).",
        "- date illisible (ce jour n'existe pas) (colonne date_agrement) : ligne 4 : "
        "'31/02/2022' (C).",
        "- date illisible (hors de la plage 22/09/1677 - 11/04/2262) (colonne date_agrement) : "
        "ligne 5 : '31/12/9999' (D).",
        "- date illisible (année sur deux chiffres : écrivez ses quatre chiffres) (colonne "
        "date_fin) : ligne 3 : '31/12/22' (B).",
    ):
        assert line in message
    problems = error.value.problems
    assert problems["ligne"].tolist() == [2, 3, 4, 5]
    assert problems["colonne"].tolist() == [
        "date_agrement",
        "date_fin",
        "date_agrement",
        "date_agrement",
    ]
    assert "Écrivez les dates 31/12/2022 (jour/mois/année), 2022-12-31" in message
    assert "31/12/9999 veut dire sans fin" in message


def test_structures_file_shows_thirty_bad_dates_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    lines = [f"S{i};x;CS;43.6;1.44;jamais;;31555;;" for i in range(35)]
    path.write_text("\n".join([HEADER, *lines]), encoding="utf-8")
    with pytest.raises(
        SchemaError, match=r"(?s)35 problèmes de 1 sorte.*ligne 6 : 'jamais' \(S4\) \(\+30 autres\)"
    ) as error:
        avs_geo.load_structures(path)
    assert error.value.problems["ligne"].tolist() == list(range(2, 37))


def test_structures_date_fin_in_9999_keeps_the_structure_open(
    tmp_path: Path, communes_all: gpd.GeoDataFrame
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "\nA;x;CS;43.6;1.44;01/01/2020;31/12/9999;31555;;\n", "utf-8")
    structures = avs_geo.load_structures(path)
    zones = avs_geo.build_zones(structures, communes=communes_all, at="31/12/2261")
    assert zones["structure_id"].tolist() == ["A"]


def test_build_zones_reads_text_dates_day_first() -> None:
    """A structures frame made in a notebook may hold text dates: read day first, 9999 open."""
    from shapely import Point

    structures = gpd.GeoDataFrame(
        {
            "structure_id": ["S1", "S2", "S3"],
            "nom": ["a", "b", "c"],
            "type": ["centre_social", "evs", "evs"],
            "date_agrement": ["01/02/2022", "2022-03-01", None],
            "date_fin": ["31/12/9999", None, "01/02/2022"],
            "zone_communes": [(), (), ()],
            "zone_qpv": [(), (), ()],
            "zone_rayon_m": [100.0, 100.0, 100.0],
        },
        geometry=[Point(0, 0), Point(500, 0), Point(1000, 0)],
        crs="EPSG:2154",
    )
    # 15 February 2022: S1 (from 1 February, open end) and S3 (until 1 February, exclusive: gone)
    communes = gpd.GeoDataFrame({"code_insee": [], "nom": []}, geometry=[], crs="EPSG:2154")
    zones = avs_geo.build_zones(structures, communes=communes, at="15/02/2022")
    assert zones["structure_id"].tolist() == ["S1"]
    # read month first, "01/02/2022" would be 2 January and S1 active on 15 January
    assert avs_geo.build_zones(structures, communes=communes, at="15/01/2022")[
        "structure_id"
    ].tolist() == ["S3"]
    bad = structures.assign(date_fin=["31/12/9999", "hier", "32/01/2022"])
    with pytest.raises(SchemaError, match=r"2 cellules qui ne sont pas des dates : S2 \('hier'"):
        avs_geo.build_zones(bad, communes=communes, at="15/02/2022")
