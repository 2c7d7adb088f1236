"""Coverage summary, sentence and per-QPV table, checked against hand-built coverage frames.

Every expected value is recomputed here from the per-QPV rows with plain Python (no
code shared with avs_geo.tables) and compared cell by cell.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from fractions import Fraction

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from avs_geo import (
    AvsGeoWarning,
    CRSError,
    DuplicateIdError,
    GeometryError,
    InputTypeError,
    ParameterError,
    SchemaError,
    UnknownCodeError,
    compute_coverage,
)
from avs_geo._dates import format_date
from avs_geo._typography import format_number, format_percent, largest_remainder
from avs_geo.coverage.structures import structure_reach, structure_table
from avs_geo.report.sentence import coverage_sentence
from avs_geo.report.summary import coverage_summary
from avs_geo.report.tables import qpv_table

NBSP = "\u00a0"
STATUSES = ("full", "partial", "none")
FR = {"full": "Couvert en totalité", "partial": "Couvert partiellement", "none": "Non couvert"}
COLUMNS = [
    "Couverture",
    "Nombre de QPV",
    "Part des QPV (%)",
    "Population des QPV",
    "Part de la population (%)",
]


def make_coverage(statuses, population=None, **columns):
    """A coverage frame by hand: one row per status, codes QP059000, QP059001, ..."""
    n = len(statuses)
    frame = pd.DataFrame(
        {
            "code_qpv": [f"QP059{i:03d}" for i in range(n)],
            "nom_qpv": [f"Quartier {i}" for i in range(n)],
            "coverage_status": list(statuses),
            "population": np.nan if population is None else population,
        }
    )
    for name, values in columns.items():
        frame[name] = values
    return frame


def hamilton(values, decimals=1):
    """Independent largest-remainder rounding, in tenths, with plain fractions."""
    total = sum(Fraction(v) for v in values)
    units = 100 * 10**decimals
    quotas = [Fraction(v) * units / total for v in values]
    floors = [q.numerator // q.denominator for q in quotas]
    left = units - sum(floors)
    ranked = sorted(range(len(values)), key=lambda i: (floors[i] - quotas[i], -values[i], i))
    for i in ranked[:left]:
        floors[i] += 1
    return [f / 10**decimals for f in floors]


def expected_block(rows):
    """(label, count, share, population, population share) rows from (status, pop) pairs."""
    counts = [sum(1 for s, _ in rows if s == c) for c in STATUSES]
    pops = [sum(p for s, p in rows if s == c and not math.isnan(p)) for c in STATUSES]
    n = len(rows)
    shares = hamilton(counts)
    pop_total = sum(pops)
    pop_shares = hamilton(pops) if pop_total > 0 else [math.nan] * 3
    out = [
        (FR[c], counts[i], shares[i], round(pops[i]), pop_shares[i]) for i, c in enumerate(STATUSES)
    ]
    out.append(("Total", n, 100.0, round(pop_total), 100.0 if pop_total > 0 else math.nan))
    return out


def assert_cells(summary, expected, group_columns=()):
    assert list(summary.columns) == [*group_columns, *COLUMNS]
    assert len(summary) == len(expected)
    for (_, row), want in zip(summary.iterrows(), expected, strict=True):
        got = tuple(row)
        assert got[: len(group_columns)] == want[: len(group_columns)]
        label, count, share, pop, pop_share = got[len(group_columns) :]
        w_label, w_count, w_share, w_pop, w_pop_share = want[len(group_columns) :]
        assert (label, count, share, pop) == (w_label, w_count, w_share, w_pop)
        assert (math.isnan(pop_share) and math.isnan(w_pop_share)) or pop_share == w_pop_share


# --- the CAF du Nord figures -------------------------------------------------------


def nord_2022():
    return make_coverage(["full"] * 70 + ["partial"] * 8 + ["none"] * 13)


def test_nord_2022_sentence_is_the_caf_report():
    summary = coverage_summary(nord_2022(), date="2022-12-31", territory="du département")
    assert coverage_sentence(summary) == (
        "Au 31 décembre 2022, sur les 91 QPV du département, 70 (76,9\u00a0%) sont couverts "
        "en totalité par une offre d'animation de la vie sociale, 8 (8,8\u00a0%) "
        "partiellement et 13 (14,3\u00a0%) ne sont pas couverts."
    )
    assert summary["Nombre de QPV"].tolist() == [70, 8, 13, 91]
    assert summary["Part des QPV (%)"].tolist() == [76.9, 8.8, 14.3, 100.0]
    assert summary.date == dt.date(2022, 12, 31)
    assert (summary.territory, summary.language, summary.decimals) == ("du département", "fr", 1)


# --- summary recomputed cell by cell ----------------------------------------------


def test_summary_cells_recomputed_independently():
    rng = np.random.default_rng(7)
    statuses = rng.choice(STATUSES, size=57).tolist()
    population = rng.integers(500, 9000, size=57).astype(float)
    coverage = make_coverage(statuses, population)
    summary = coverage_summary(coverage)
    expected = expected_block(list(zip(statuses, population, strict=True)))
    assert_cells(summary, expected)


def test_summary_by_department_recomputed_independently():
    rng = np.random.default_rng(11)
    statuses = rng.choice(STATUSES, size=40).tolist()
    population = rng.integers(1000, 5000, size=40).astype(float)
    departments = rng.choice(["59", "62", "2A"], size=40).tolist()
    coverage = make_coverage(statuses, population, departement=departments)
    summary = coverage_summary(coverage, by="departement")
    expected = []
    for dep in sorted(set(departments)):
        rows = [
            (s, p) for s, p, d in zip(statuses, population, departments, strict=True) if d == dep
        ]
        expected += [(dep, *cells) for cells in expected_block(rows)]
    assert_cells(summary, expected, ["Département"])
    assert summary.by == ("departement",)
    assert summary.group_columns == ("Département",)
    assert summary.exploded is False


@pytest.mark.parametrize(
    ("counts", "naive_total", "shares"),
    [
        ((1, 1, 1), 99.9, [33.4, 33.3, 33.3]),
        ((1, 1, 4), 100.1, [16.7, 16.6, 66.7]),
    ],
)
def test_shares_add_up_where_naive_rounding_does_not(counts, naive_total, shares):
    statuses = [s for s, k in zip(STATUSES, counts, strict=True) for _ in range(k)]
    naive = [round(100 * k / sum(counts), 1) for k in counts]
    assert round(sum(naive), 1) == naive_total
    summary = coverage_summary(make_coverage(statuses))
    got = summary["Part des QPV (%)"].tolist()
    assert got == [*shares, 100.0]
    assert round(sum(got[:3]), 1) == 100.0
    # each share stays within 0.1 point of its exact value
    for share, k in zip(got, counts, strict=False):
        assert abs(share - 100 * k / sum(counts)) < 0.1


def test_population_shares_use_largest_remainder_too():
    coverage = make_coverage(["full", "partial", "none"], [1000.0, 1000.0, 1000.0])
    summary = coverage_summary(coverage)
    assert summary["Population des QPV"].tolist() == [1000, 1000, 1000, 3000]
    assert summary["Part de la population (%)"].tolist() == [33.4, 33.3, 33.3, 100.0]


def test_unknown_population_gives_na_without_warning_when_none_known():
    summary = coverage_summary(make_coverage(["full", "none"]))
    assert summary["Population des QPV"].isna().all()
    assert summary["Part de la population (%)"].isna().all()
    assert str(summary["Population des QPV"].dtype) == "Int64"


def test_partly_unknown_population_warns_and_counts_known_ones():
    coverage = make_coverage(["full", "full", "none"], [100.0, np.nan, 300.0])
    with pytest.warns(AvsGeoWarning, match=r"1 des 3 QPV.*'QP059001'"):
        summary = coverage_summary(coverage)
    assert summary["Population des QPV"].tolist() == [100, 0, 300, 400]
    assert summary["Part de la population (%)"].tolist() == [25.0, 0.0, 75.0, 100.0]
    assert summary.population_unknown == ("QP059001",)


def test_class_whose_population_is_all_unknown_is_na_not_zero():
    coverage = make_coverage(["full", "none"], [100.0, np.nan])
    with pytest.warns(AvsGeoWarning):
        summary = coverage_summary(coverage)
    assert summary["Population des QPV"].isna().tolist() == [False, False, True, False]
    assert summary["Part de la population (%)"].isna().tolist() == [False, False, True, False]


def test_empty_coverage_gives_zero_counts():
    summary = coverage_summary(make_coverage([]))
    assert summary["Nombre de QPV"].tolist() == [0, 0, 0, 0]
    assert summary["Part des QPV (%)"].isna().all()
    grouped = coverage_summary(make_coverage([], departement=[]), by="departement")
    assert grouped.empty
    assert list(grouped.columns) == ["Département", *COLUMNS]


def test_english_headers_and_labels():
    summary = coverage_summary(nord_2022(), language="en")
    assert list(summary.columns) == [
        "Coverage",
        "Number of QPV",
        "Share of QPV (%)",
        "QPV population",
        "Share of population (%)",
    ]
    assert summary["Coverage"].tolist() == [
        "Fully covered",
        "Partly covered",
        "Not covered",
        "Total",
    ]


def test_summary_accepts_geodataframe_and_never_mutates():
    coverage = make_coverage(["full", "none"], [10.0, 20.0])
    gdf = gpd.GeoDataFrame(coverage, geometry=[shapely.box(0, 0, 1, 1)] * 2, crs="EPSG:2154")
    before = gdf.copy()
    summary = coverage_summary(gdf, by="nom_qpv")
    pd.testing.assert_frame_equal(gdf, before)
    assert summary.by == ("nom_qpv",)


# --- grouping by commune and EPCI ------------------------------------------------


def communes_coverage():
    return make_coverage(
        ["full", "partial", "none", "full"],
        [1000.0, 2000.0, 3000.0, 400.0],
        communes=["Lille, Lomme", "Lille", "Roubaix", None],
        code_insee=["59350;59360", "59350", "59512", None],
    )


def test_intercommunal_qpv_counts_in_each_commune():
    summary = coverage_summary(communes_coverage(), by="commune")
    assert summary.exploded is True
    lille = [("Lille", *c) for c in expected_block([("full", 1000.0), ("partial", 2000.0)])]
    lomme = [("Lomme", *c) for c in expected_block([("full", 1000.0)])]
    missing = [("Non renseigné", *c) for c in expected_block([("full", 400.0)])]
    roubaix = [("Roubaix", *c) for c in expected_block([("none", 3000.0)])]
    # sorted names, the block without a commune last
    assert_cells(summary, lille + lomme + roubaix + missing, ["Commune"])
    totals = summary[summary["Couverture"] == "Total"]["Nombre de QPV"]
    assert totals.sum() == 5  # one more than the 4 QPV: the blocks overlap


def test_group_by_insee_code():
    summary = coverage_summary(communes_coverage(), by="code_insee")
    totals = summary[summary["Couverture"] == "Total"]
    assert totals["Code commune"].tolist() == ["59350", "59360", "59512", "Non renseigné"]
    assert totals["Nombre de QPV"].tolist() == [2, 1, 1, 1]


def test_group_by_epci_mapping_and_column():
    mapping = {"59350": "MEL", "59360": "MEL", "59512": "MEL"}
    with pytest.warns(AvsGeoWarning, match=r"1 QPV n'ont pas de valeur.*'epci'.*Non renseigné"):
        summary = coverage_summary(communes_coverage(), by="epci", epci=mapping)
    totals = summary[summary["Couverture"] == "Total"]
    assert totals["EPCI"].tolist() == ["MEL", "Non renseigné"]
    assert totals["Nombre de QPV"].tolist() == [3, 1]

    with_column = communes_coverage().assign(epci=["MEL", "MEL", "MEL", "CALL"])
    summary = coverage_summary(with_column, by=["epci"])
    totals = summary[summary["Couverture"] == "Total"]
    assert totals["EPCI"].tolist() == ["CALL", "MEL"]
    assert totals["Nombre de QPV"].tolist() == [1, 3]


def test_epci_mapping_missing_a_commune_names_it():
    with pytest.raises(UnknownCodeError, match=r"'59512'"):
        coverage_summary(communes_coverage(), by="epci", epci={"59350": "MEL", "59360": "MEL"})


def test_group_by_unknown_column_lists_available_ones():
    with pytest.raises(
        SchemaError, match=r"pas de colonne 'epci'.*'code_qpv'.*Ajoutez une colonne 'epci'"
    ):
        coverage_summary(communes_coverage(), by="epci")
    with pytest.raises(SchemaError, match=r"pas de colonne 'territoire_caf'"):
        coverage_summary(communes_coverage(), by="territoire_caf")


def test_group_by_two_columns_and_planner_column():
    coverage = make_coverage(
        ["full", "none", "partial"],
        departement=["59", "59", "62"],
        territoire=["Flandre", "Hainaut", "Artois"],
    )
    summary = coverage_summary(coverage, by=["departement", "territoire"])
    totals = summary[summary["Couverture"] == "Total"]
    assert list(totals[["Département", "Territoire"]].itertuples(index=False, name=None)) == [
        ("59", "Flandre"),
        ("59", "Hainaut"),
        ("62", "Artois"),
    ]


# --- errors -----------------------------------------------------------------------


def test_errors_name_the_problem():
    with pytest.raises(InputTypeError, match="doit être un DataFrame"):
        coverage_summary([1, 2])  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match=r"la ou les colonnes 'coverage_status'"):
        coverage_summary(pd.DataFrame({"code_qpv": ["QP059001"]}))
    bad = make_coverage(["full", "Full", "covered"])
    with pytest.raises(
        SchemaError, match=r"2 QPV portent 'Full', 'covered' : 'QP059001', 'QP059002'"
    ):
        coverage_summary(bad)
    missing = make_coverage(["full", None])
    with pytest.raises(SchemaError, match=r"'QP059001'"):
        coverage_summary(missing)
    twice = pd.concat([make_coverage(["full"]), make_coverage(["none"])])
    with pytest.raises(DuplicateIdError, match=r"'QP059000'"):
        coverage_summary(twice)
    with pytest.raises(SchemaError, match=r"positifs ou nuls.*'QP059000'"):
        coverage_summary(make_coverage(["full"], [-5.0]))
    with pytest.raises(ParameterError, match="decimals"):
        coverage_summary(nord_2022(), decimals=-1)
    with pytest.raises(ParameterError, match="language"):
        coverage_summary(nord_2022(), language="de")  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match="distinct"):
        coverage_summary(nord_2022(), by=["nom_qpv", "nom_qpv"])
    with pytest.raises(ParameterError, match="date"):
        coverage_summary(nord_2022(), date="31/31/2022")


# --- properties -------------------------------------------------------------------

statuses_st = st.lists(st.sampled_from(STATUSES), max_size=150)


@settings(max_examples=100, deadline=None)
@given(statuses=statuses_st, data=st.data())
def test_property_counts_shares_and_row_order(statuses, data):
    population = data.draw(
        st.lists(
            st.integers(min_value=0, max_value=20_000),
            min_size=len(statuses),
            max_size=len(statuses),
        )
    )
    coverage = make_coverage(statuses, [float(p) for p in population])
    summary = coverage_summary(coverage)
    counts = summary["Nombre de QPV"].tolist()
    assert sum(counts[:3]) == counts[3] == len(statuses)
    if statuses:
        tenths = (summary["Part des QPV (%)"].iloc[:3] * 10).round().astype(int)
        assert tenths.sum() == 1000
        assert round(summary["Part des QPV (%)"].iloc[:3].sum(), 1) == 100.0
    if sum(population):
        tenths = (summary["Part de la population (%)"].iloc[:3] * 10).round().astype(int)
        assert tenths.sum() == 1000
    order = data.draw(st.permutations(range(len(statuses))))
    shuffled = coverage.iloc[list(order)]
    pd.testing.assert_frame_equal(coverage_summary(shuffled), summary)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(STATUSES),
            st.sampled_from(["59350", "59512", "59350;59360", None]),
            st.sampled_from(["59", "62"]),
        ),
        max_size=60,
    ),
    data=st.data(),
)
def test_property_grouped_blocks(rows, data):
    statuses = [r[0] for r in rows]
    coverage = make_coverage(
        statuses,
        [1000.0] * len(rows),
        code_insee=[r[1] for r in rows],
        departement=[r[2] for r in rows],
    )
    summary = coverage_summary(coverage, by=["departement", "code_insee"])
    totals = summary[summary["Couverture"] == "Total"]
    for _, block in summary.groupby(["Département", "Code commune"]):
        counts = block["Nombre de QPV"].tolist()
        assert sum(counts[:3]) == counts[3] > 0
        assert (block["Part des QPV (%)"].iloc[:3] * 10).round().astype(int).sum() == 1000
    # every QPV is in one block per commune it lies in (or in the "Non renseigné" block)
    expected = sum(len(r[1].split(";")) if r[1] else 1 for r in rows)
    assert totals["Nombre de QPV"].sum() == expected
    order = data.draw(st.permutations(range(len(rows))))
    shuffled = coverage_summary(coverage.iloc[list(order)], by=["departement", "code_insee"])
    pd.testing.assert_frame_equal(shuffled, summary)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6))
def test_property_largest_remainder_is_hamilton(values):
    shares = largest_remainder(values)
    if sum(values) == 0:
        assert np.isnan(shares).all()
        return
    assert shares.tolist() == hamilton(values)
    assert sum(round(s * 10) for s in shares) == 1000
    for share, value in zip(shares, values, strict=True):
        assert abs(share - 100 * value / sum(values)) < 0.1 + 1e-9


# --- sentence ---------------------------------------------------------------------


def sentence_of(counts, **options):
    statuses = [s for s, k in zip(STATUSES, counts, strict=True) for _ in range(k)]
    summary = coverage_summary(make_coverage(statuses), date="2022-12-31")
    return coverage_sentence(summary, **options)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            (1, 1, 1),
            "Au 31 décembre 2022, sur les 3 QPV, 1 (33,4\u00a0%) est couvert en totalité par "
            "une offre d'animation de la vie sociale, 1 (33,3\u00a0%) partiellement et "
            "1 (33,3\u00a0%) n'est pas couvert.",
        ),
        (
            (4, 0, 1),
            "Au 31 décembre 2022, sur les 5 QPV, 4 (80,0\u00a0%) sont couverts en totalité "
            "par une offre d'animation de la vie sociale et 1 (20,0\u00a0%) n'est pas couvert.",
        ),
        (
            (0, 2, 3),
            "Au 31 décembre 2022, sur les 5 QPV, 2 (40,0\u00a0%) sont couverts partiellement "
            "par une offre d'animation de la vie sociale et 3 (60,0\u00a0%) ne sont pas "
            "couverts.",
        ),
        (
            (1, 0, 0),
            "Au 31 décembre 2022, le QPV est couvert en totalité par une offre d'animation "
            "de la vie sociale.",
        ),
        (
            (0, 0, 12),
            "Au 31 décembre 2022, les 12 QPV ne sont pas couverts par une offre d'animation "
            "de la vie sociale.",
        ),
        ((0, 0, 0), "Au 31 décembre 2022, aucun QPV n'est recensé."),
        (
            (1200, 100, 62),
            "Au 31 décembre 2022, sur les 1\u00a0362 QPV, 1\u00a0200 (88,1\u00a0%) sont "
            "couverts en totalité par une offre d'animation de la vie sociale, "
            "100 (7,3\u00a0%) partiellement et 62 (4,6\u00a0%) ne sont pas couverts.",
        ),
    ],
)
def test_sentence_grammar(counts, expected):
    assert sentence_of(counts) == expected


def test_sentence_overrides_date_territory_and_offer():
    assert sentence_of((2, 0, 0), date=False, territory="de la métropole") == (
        "Les 2 QPV de la métropole sont couverts en totalité par une offre d'animation "
        "de la vie sociale."
    )
    assert sentence_of((2, 0, 0), date="2023-01-01", offer="un centre social").startswith(
        "Au 1er janvier 2023, les 2 QPV sont couverts en totalité par un centre social."
    )


def test_sentence_in_english():
    summary = coverage_summary(nord_2022(), date="2022-12-31", territory="in the department")
    assert coverage_sentence(summary, language="en") == (
        "At 31 December 2022, of the 91 QPV in the department, 70 (76.9%) are fully covered "
        "by a social-life (AVS) offer, 8 (8.8%) partly and 13 (14.3%) are not covered."
    )
    english = coverage_summary(nord_2022(), language="en")
    assert coverage_sentence(english).startswith("Of the 91 QPV, 70 (76.9%) are fully")


def test_sentence_language_is_explicit_never_guessed_from_headers():
    """A CoverageSummary says its language; a plain DataFrame is French unless told."""
    english = coverage_summary(nord_2022(), language="en")
    plain = pd.DataFrame(english)  # the table alone, e.g. read back from a CSV
    assert type(plain) is pd.DataFrame
    with pytest.raises(SchemaError, match=r"avec language='fr'.*passez language='en'"):
        coverage_sentence(plain)
    assert coverage_sentence(plain, language="en") == coverage_sentence(english)
    # the context travels with the table through a selection, not through a concat
    french = coverage_summary(nord_2022(), date="2022-12-31", territory="du département")
    assert coverage_sentence(french[french.index >= 0]) == coverage_sentence(french)
    assert coverage_sentence(
        pd.concat([french]), date="2022-12-31", territory="du département"
    ) == (coverage_sentence(french))


def test_sentence_of_a_group():
    coverage = make_coverage(["full", "none", "none"], departement=["59", "62", "62"])
    summary = coverage_summary(coverage, by="departement", territory="du département")
    with pytest.raises(ParameterError, match=r"2 groupes.*'59', '62'"):
        coverage_sentence(summary)
    assert coverage_sentence(summary, group="62") == (
        "Les 2 QPV du département ne sont pas couverts par une offre d'animation de la vie sociale."
    )
    with pytest.raises(ParameterError, match="'75' n'est pas dans le résumé"):
        coverage_sentence(summary, group="75")
    only = coverage_sentence(summary[summary["Département"] == "59"])
    assert only.startswith("Le QPV du département est couvert en totalité")


def test_sentence_errors():
    with pytest.raises(InputTypeError, match="ressemble à un tableau de couverture"):
        coverage_sentence(nord_2022())
    summary = coverage_summary(nord_2022())
    with pytest.raises(SchemaError, match="la ou les lignes"):
        coverage_sentence(summary.iloc[[0, 3]])
    with pytest.raises(ParameterError, match="pas groupé"):
        coverage_sentence(summary, group="59")


# --- French formatting ------------------------------------------------------------


def test_french_formats():
    assert format_number(12345.678, decimals=1) == f"12{NBSP}345,7"
    assert format_number(-0.04, decimals=1) == "0,0"
    assert format_number(float("nan")) == ""
    assert format_percent(14.3) == f"14,3{NBSP}%"
    assert format_date("2023-01-01") == "1er janvier 2023"
    assert format_date(pd.Timestamp("2022-08-02")) == "2 août 2022"
    assert format_date("2023-01-01", language="en") == "1 January 2023"


def test_largest_remainder_rejects_bad_values():
    with pytest.raises(ParameterError, match="positif ou nul"):
        largest_remainder([1, -1, 3])
    with pytest.raises(ParameterError, match="positif ou nul"):
        largest_remainder([1, float("nan")])


# --- per-QPV table ----------------------------------------------------------------


def test_qpv_table_cells():
    coverage = make_coverage(
        ["full", "partial"],
        [1000.0, 2000.0],
        communes=["Lille, Lomme", "Roubaix"],
        departement=["59", "59"],
        qpv_area_m2=[250_000.0, 100_000.0],
        covered_area_m2=[250_000.0, 40_000.0],
        coverage_ratio=[1.0, 0.4],
        structure_ids=[("CS01", "EVS02"), ()],
        n_structures=[2, 0],
        covered_population=[1000.0, 800.0],
    )
    zones = pd.DataFrame({"structure_id": ["CS01", "EVS02"], "nom": ["Centre A", "=EVS B"]})
    table = qpv_table(coverage, zones=zones)
    assert table.to_dict("records") == [
        {
            "Code QPV": "QP059000",
            "Nom du QPV": "Quartier 0",
            "Commune(s)": "Lille, Lomme",
            "Département": "59",
            "Nom du département": "Nord",
            "Population": 1000.0,
            "Surface du QPV (ha)": 25.0,
            "Surface couverte (ha)": 25.0,
            "Taux de couverture (%)": 100.0,
            "Couverture": "Couvert en totalité",
            "Structures": "Centre A (CS01), =EVS B (EVS02)",
            "Nombre de structures": 2,
            "Population couverte (estimée)": 1000.0,
        },
        {
            "Code QPV": "QP059001",
            "Nom du QPV": "Quartier 1",
            "Commune(s)": "Roubaix",
            "Département": "59",
            "Nom du département": "Nord",
            "Population": 2000.0,
            "Surface du QPV (ha)": 10.0,
            "Surface couverte (ha)": 4.0,
            "Taux de couverture (%)": 40.0,
            "Couverture": "Couvert partiellement",
            "Structures": "",
            "Nombre de structures": 0,
            "Population couverte (estimée)": 800.0,
        },
    ]
    english = qpv_table(coverage, language="en")
    assert english["Coverage"].tolist() == ["Fully covered", "Partly covered"]
    assert english["Structures"].tolist() == ["CS01, EVS02", ""]


def test_qpv_table_rounds_what_the_coverage_keeps_unrounded():
    """A 300 m x 300 m QPV, a zone over its left 209.9354 m: 69.9785 % covered."""
    qpv = gpd.GeoDataFrame(
        {"code_qpv": ["QP066003", "QP066004"], "population": [3430.0, 1000.0]},
        geometry=[shapely.box(0, 0, 300, 300), shapely.box(1000, 0, 1100, 100)],
        crs="EPSG:2154",
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": ["S1", "S2"]},
        geometry=[shapely.box(-10, -10, 209.9354, 310), shapely.box(1000, 0, 1099.999, 100)],
        crs="EPSG:2154",
    )
    coverage = compute_coverage(qpv, zones, full_min=1.0, none_max=0.0)
    assert coverage["coverage_ratio"].tolist() == pytest.approx([0.6997846667, 0.99999], abs=1e-10)
    assert coverage["covered_area_m2"].iloc[0] == pytest.approx(62980.62, abs=1e-6)
    assert coverage["covered_population"].iloc[0] == pytest.approx(2400.2614067, abs=1e-6)
    table = qpv_table(coverage)
    assert table["Taux de couverture (%)"].tolist() == [70.0, 99.9]  # partial: never 100.0
    assert table["Couverture"].tolist() == ["Couvert partiellement"] * 2
    assert table["Surface du QPV (ha)"].tolist() == [9.0, 1.0]
    assert table["Surface couverte (ha)"].tolist() == [6.3, 1.0]  # 6.298062 ha
    assert table["Population couverte (estimée)"].tolist() == [2400, 1000]
    assert table["Population"].dtype == "Int64"


def test_naive_rounding_examples_are_real():
    # guard: the two cases above are the smallest of their kind
    found = {}
    for counts in itertools.product(range(1, 5), repeat=3):
        naive = round(sum(round(100 * k / sum(counts), 1) for k in counts), 1)
        found.setdefault(naive, counts)
    assert found[99.9] == (1, 1, 1)
    assert 100.1 in found


# --- structure table --------------------------------------------------------------

L93 = "EPSG:2154"


def squares():
    """Two QPV squares of 1 ha, three zones; expected values worked out on paper.

    QPV A = [0, 100] x [0, 100] (1000 inhabitants), B = [200, 300] x [0, 100] (500).
    CS01 covers x in [0, 60] of A, EVS02 covers x in [40, 100] of A and all of B,
    EVS03 lies far away. A is covered by both (overlap x in [40, 60]), B by EVS02 alone.
    """
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": ["QP059001", "QP059002"],
            "coverage_status": ["full", "full"],
            "population": [1000.0, 500.0],
            "structure_ids": [("CS01", "EVS02"), ("EVS02",)],
        },
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 100)],
        crs=L93,
    )
    zones = gpd.GeoDataFrame(
        {
            "structure_id": ["CS01", "EVS02", "EVS03"],
            "nom": ["Centre social Lazare Garreau", "EVS du Faubourg", "EVS des Champs"],
            "type": ["centre_social", "evs", "evs"],
        },
        geometry=[
            shapely.box(0, -50, 60, 150),
            shapely.union_all([shapely.box(40, 0, 120, 100), shapely.box(190, -10, 310, 110)]),
            shapely.box(5000, 0, 5100, 100),
        ],
        crs=L93,
    )
    return coverage, zones


def test_structure_table_known_answer():
    coverage, zones = squares()
    table = structure_table(coverage, zones)
    assert table.to_dict("records") == [
        {
            "Identifiant": "CS01",
            "Nom": "Centre social Lazare Garreau",
            "Type": "Centre social",
            "Nombre de QPV touchés": 1,
            "QPV touchés": "QP059001",
            "Surface de QPV couverte (ha)": pytest.approx(0.6),
            "Population couverte (estimée)": pytest.approx(600.0),
            "Nombre de QPV couverts par elle seule": 0,
            "QPV couverts par elle seule": "",
            "Surface perdue en cas de fermeture (ha)": pytest.approx(0.4),
            "Population perdue en cas de fermeture (estimée)": pytest.approx(400.0),
        },
        {
            "Identifiant": "EVS02",
            "Nom": "EVS du Faubourg",
            "Type": "Espace de vie sociale",
            "Nombre de QPV touchés": 2,
            "QPV touchés": "QP059001, QP059002",
            "Surface de QPV couverte (ha)": pytest.approx(1.6),
            "Population couverte (estimée)": pytest.approx(1100.0),
            "Nombre de QPV couverts par elle seule": 1,
            "QPV couverts par elle seule": "QP059002",
            "Surface perdue en cas de fermeture (ha)": pytest.approx(1.4),
            "Population perdue en cas de fermeture (estimée)": pytest.approx(900.0),
        },
        {
            "Identifiant": "EVS03",
            "Nom": "EVS des Champs",
            "Type": "Espace de vie sociale",
            "Nombre de QPV touchés": 0,
            "QPV touchés": "",
            "Surface de QPV couverte (ha)": 0.0,
            "Population couverte (estimée)": 0.0,
            "Nombre de QPV couverts par elle seule": 0,
            "QPV couverts par elle seule": "",
            "Surface perdue en cas de fermeture (ha)": 0.0,
            "Population perdue en cas de fermeture (estimée)": 0.0,
        },
    ]
    english = structure_table(coverage, zones, language="en")
    assert english.columns[3] == "Number of QPV reached"
    assert english["Type"].tolist() == [
        "Social centre",
        "Social-life space (EVS)",
        "Social-life space (EVS)",
    ]


def test_structure_table_says_an_unknown_population():
    """The QPV have no population (a QPV file without pop_mun nor --indicateurs): the
    structures that touch a QPV have an unknown population, written "non connue" as in
    the QPV table; EVS03, which touches none, keeps its 0."""
    coverage, zones = squares()
    coverage["population"] = [None, None]
    table = structure_table(coverage, zones).set_index("Identifiant")
    for column in (
        "Population couverte (estimée)",
        "Population perdue en cas de fermeture (estimée)",
    ):
        assert table[column].tolist() == ["non connue", "non connue", 0.0]
    english = structure_table(coverage, zones, language="en")
    assert english["Covered population (estimated)"].tolist() == ["unknown", "unknown", 0.0]


def test_structure_table_recomputed_independently():
    """Random squares and discs; expected values from unions, one structure at a time."""
    rng = np.random.default_rng(3)
    qpv_geoms = [shapely.box(x, y, x + 300, y + 200) for x in range(0, 1500, 400) for y in (0, 500)]
    population = rng.integers(200, 3000, size=len(qpv_geoms)).astype(float)
    population[3] = np.nan
    zone_geoms = [
        shapely.Point(rng.uniform(0, 1500), rng.uniform(0, 700)).buffer(rng.uniform(50, 400))
        for _ in range(7)
    ]
    zone_ids = [f"S{j}" for j in range(7)]
    reached = [
        tuple(
            sid
            for sid, z in zip(zone_ids, zone_geoms, strict=True)
            if shapely.intersection(q, z).area > 0
        )
        for q in qpv_geoms
    ]
    coverage = gpd.GeoDataFrame(
        {
            "code_qpv": [f"QP059{i:03d}" for i in range(len(qpv_geoms))],
            "coverage_status": "partial",
            "population": population,
            "structure_ids": reached,
        },
        geometry=qpv_geoms,
        crs=L93,
    )
    zones = gpd.GeoDataFrame(
        {"structure_id": zone_ids, "nom": zone_ids, "type": "evs"}, geometry=zone_geoms, crs=L93
    )
    table = structure_table(coverage, zones).set_index("Identifiant")
    raw = structure_reach(coverage, zones).set_index("structure_id")
    everything = shapely.union_all(zone_geoms)
    for sid, zone in zip(zone_ids, zone_geoms, strict=True):
        without = shapely.union_all(
            [z for s, z in zip(zone_ids, zone_geoms, strict=True) if s != sid]
        )
        area = pop = lost = lost_pop = 0.0
        hits, alone = [], []
        for code, q, p, ids in zip(
            coverage["code_qpv"], qpv_geoms, population, reached, strict=True
        ):
            if sid not in ids:
                continue
            hits.append(code)
            if ids == (sid,):
                alone.append(code)
            piece = shapely.intersection(q, zone).area
            gone = shapely.intersection(q, everything).area - shapely.intersection(q, without).area
            area += piece
            lost += gone
            if not np.isnan(p):
                pop += p * piece / q.area
                lost_pop += p * gone / q.area
        row = table.loc[sid]
        assert row["Nombre de QPV touchés"] == len(hits)
        assert row["QPV touchés"] == ", ".join(hits)
        assert row["QPV couverts par elle seule"] == ", ".join(alone)
        assert row["Nombre de QPV couverts par elle seule"] == len(alone)
        figures = raw.loc[sid]
        assert figures["area_m2"] == pytest.approx(area, abs=1e-5)
        assert figures["lost_area_m2"] == pytest.approx(lost, abs=1e-2)
        assert figures["population"] == pytest.approx(pop, abs=1e-6)
        assert figures["lost_population"] == pytest.approx(lost_pop, abs=1e-3)
        # The table shows them rounded: hectares to 2 decimals, whole inhabitants.
        assert row["Surface de QPV couverte (ha)"] == np.round(figures["area_m2"] / 10_000, 2)
        assert row["Surface perdue en cas de fermeture (ha)"] == np.round(
            figures["lost_area_m2"] / 10_000, 2
        )
        for header, column in (
            ("Population couverte (estimée)", "population"),
            ("Population perdue en cas de fermeture (estimée)", "lost_population"),
        ):
            if np.isnan(figures[column]):
                assert pd.isna(row[header])
            else:
                assert row[header] == np.round(figures[column])


def test_structure_table_errors():
    coverage, zones = squares()
    with pytest.raises(InputTypeError, match="'zones' doit être un GeoDataFrame"):
        structure_table(coverage, pd.DataFrame(zones.drop(columns="geometry")))
    with pytest.raises(InputTypeError, match="'coverage' doit être un GeoDataFrame"):
        structure_table(pd.DataFrame(coverage.drop(columns="geometry")), zones)
    with pytest.raises(CRSError, match=r"CRS\) différents"):
        structure_table(coverage, zones.to_crs("EPSG:3857"))
    with pytest.raises(CRSError, match="système géographique"):
        structure_table(coverage.to_crs(4326), zones.to_crs(4326))
    with pytest.raises(UnknownCodeError, match=r"'EVS02'.*zones avec lesquelles la couverture"):
        structure_table(coverage, zones[zones["structure_id"] != "EVS02"])
    with pytest.raises(DuplicateIdError, match=r"'CS01'"):
        structure_table(coverage, pd.concat([zones, zones.iloc[[0]]]))
    with pytest.raises(SchemaError, match=r"'structure_ids'"):
        structure_table(coverage.drop(columns="structure_ids"), zones)
    bowtie = shapely.Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])
    broken = zones.copy()
    broken.loc[2, "geometry"] = bowtie
    with pytest.raises(GeometryError, match=r"invalide.*'EVS03'"):
        structure_table(coverage, broken)


def test_structure_table_does_not_mutate():
    coverage, zones = squares()
    c0, z0 = coverage.copy(), zones.copy()
    structure_table(coverage, zones)
    pd.testing.assert_frame_equal(coverage, c0)
    pd.testing.assert_frame_equal(zones, z0)


# --- table polish (issue 15) ----------------------------------------------------------


def test_qpv_table_sorted_by_department_then_code_with_names():
    coverage = make_coverage(
        ["full", "none", "partial", "none"],
        [10.0, 20.0, 30.0, 40.0],
        departement=["31", "9", "2A", "31"],
    )
    coverage["code_qpv"] = ["QP031002", "QP009001", "QP02A001", "QP031001"]
    table = qpv_table(coverage)
    # "9" is read as the department "09"; "2A" sorts after "09" and before "31".
    assert table["Code QPV"].tolist() == ["QP009001", "QP02A001", "QP031001", "QP031002"]
    assert table["Nom du département"].tolist() == [
        "Ariège",
        "Corse-du-Sud",
        "Haute-Garonne",
        "Haute-Garonne",
    ]
    assert table["Population"].tolist() == [20, 30, 40, 10]
    kept = qpv_table(coverage, sort=False)
    assert kept["Code QPV"].tolist() == coverage["code_qpv"].tolist()
    assert qpv_table(coverage, language="en").columns[2:4].tolist() == [
        "Department",
        "Department name",
    ]


def test_unknown_population_reads_non_connue_in_every_format(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from avs_geo import to_csv, to_excel, to_markdown

    coverage = make_coverage(
        ["full", "partial"], [12345.0, np.nan], covered_population=[12345.0, np.nan]
    )
    table = qpv_table(coverage)
    assert table["Population"].tolist() == [12345, "non connue"]
    assert table["Population couverte (estimée)"].tolist() == [12345, "non connue"]
    assert qpv_table(coverage, language="en")["Population"].tolist() == [12345, "unknown"]
    markdown = to_markdown(table).splitlines()
    assert "| 12\u00a0345 |" in markdown[2] and "| non connue |" in markdown[3]
    assert markdown[1].split("|")[3] == "---:"  # still a number column
    rows = to_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].split(";")[2] == "12345" and rows[2].split(";")[2] == "non connue"
    sheet = openpyxl.load_workbook(to_excel({"QPV": table}, tmp_path / "t.xlsx"))["QPV"]
    assert (sheet["C2"].value, sheet["C2"].number_format) == (12345, "#,##0")
    assert (sheet["C3"].value, sheet["C3"].data_type) == ("non connue", "s")


def test_csv_codes_with_a_leading_zero_survive_excel(tmp_path):
    from avs_geo import to_csv

    table = pd.DataFrame(
        {
            "Département": ["09", "31", None],
            "Commune": ["01001", "31555", "Paris 1er"],
            "Nom": ["0 = zéro", "A", "B"],
            "Population": [9, 31, 0],
        }
    )
    rows = to_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    # Each field is ="09" in CSV quoting: Excel and LibreOffice show the text 09.
    assert rows[1] == '"=""09""";"=""01001""";0 = zéro;9'
    assert rows[2] == '"=""31""";"=""31555""";A;31'
    assert rows[3] == ";Paris 1er;B;0"  # text that is not only digits is kept as it is
    plain = to_csv(table, tmp_path / "p.csv", excel_codes=False).read_text(encoding="utf-8-sig")
    assert plain.splitlines()[1] == "09;01001;0 = zéro;9"
    back = pd.read_csv(tmp_path / "p.csv", sep=";", encoding="utf-8-sig", dtype=str)
    assert back["Département"].tolist()[:2] == ["09", "31"]


def test_caf_sentence_phrasing():
    coverage = make_coverage(["full"] * 70 + ["partial"] * 8 + ["none"] * 13)
    summary = coverage_summary(coverage, date="2022-12-31", territory="du Nord")
    assert coverage_sentence(summary, style="caf") == (
        "Au 31 décembre 2022, la couverture des 91 QPV du Nord par une offre d'animation "
        "de la vie sociale est la suivante\u00a0: 76,9\u00a0% (70 QPV) sont couverts en "
        "totalité, 8,8\u00a0% (8 QPV) partiellement et 14,3\u00a0% (13 QPV) ne sont pas "
        "couverts."
    )
    one = coverage_summary(make_coverage(["partial"]), territory="de Foix")
    assert coverage_sentence(one, style="caf", date=False) == (
        "La couverture du QPV de Foix par une offre d'animation de la vie sociale est la "
        "suivante\u00a0: 100,0\u00a0% (1 QPV) est couvert partiellement."
    )
    two = coverage_summary(make_coverage(["full", "none", "none"]), language="en")
    assert coverage_sentence(two, style="caf") == (
        "The coverage of the 3 QPV by a social-life (AVS) offer is as follows: 33.3% "
        "(1 QPV) is fully covered and 66.7% (2 QPV) are not covered."
    )
    with pytest.raises(ParameterError, match="style doit être 'default' ou 'caf', reçu 'CAF'"):
        coverage_sentence(summary, style="CAF")  # type: ignore[arg-type]
