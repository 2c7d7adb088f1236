"""compare_coverage on hand-built situations, every cell recomputed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from avs_geo import AvsGeoWarning, ParameterError, SchemaError
from avs_geo.report.comparison import CoverageComparison, compare_coverage

STATUSES = ("full", "partial", "none")


def situation(codes, statuses, ratios, populations, thresholds=(0.95, 0.05)):
    frame = pd.DataFrame(
        {
            "code_qpv": codes,
            "nom_qpv": [f"Quartier {c[-3:]}" for c in codes],
            "population": populations,
            "coverage_ratio": ratios,
            "coverage_status": statuses,
        }
    )
    frame["covered_population"] = frame["population"] * frame["coverage_ratio"]
    return frame


def two_dates():
    """2021: A none, B partial, C full, D full. 2022: A full, B partial (higher), C partial,
    D full; a new structure reaches A, another closes near C."""
    before = situation(
        ["QP059001", "QP059002", "QP059003", "QP059004"],
        ["none", "partial", "full", "full"],
        [0.0, 0.40, 1.0, 0.97],
        [1000.0, 2000.0, 3000.0, 500.0],
    )
    after = situation(
        ["QP059001", "QP059002", "QP059003", "QP059004"],
        ["full", "partial", "partial", "full"],
        [1.0, 0.60, 0.50, 0.97],
        [1000.0, 2000.0, 3000.0, 500.0],
    )
    return before, after


def test_per_qpv_changes_cell_by_cell():
    before, after = two_dates()
    result = compare_coverage(before, after, names=("2021", "2022"))
    assert isinstance(result, CoverageComparison)
    table = result.qpv
    assert list(table.columns) == [
        "Code QPV",
        "Nom du QPV",
        "Couverture (2021)",
        "Couverture (2022)",
        "Évolution",
        "Taux de couverture (2021) (%)",
        "Taux de couverture (2022) (%)",
        "Écart de taux (points)",
        "Population couverte (2021)",
        "Population couverte (2022)",
        "Écart de population couverte",
    ]
    expected = [
        ("QP059001", "Non couvert", "Couvert en totalité", "Amélioration", 0, 100, 0, 1000),
        (
            "QP059002",
            "Couvert partiellement",
            "Couvert partiellement",
            "Inchangée",
            40,
            60,
            800,
            1200,
        ),
        (
            "QP059003",
            "Couvert en totalité",
            "Couvert partiellement",
            "Dégradation",
            100,
            50,
            3000,
            1500,
        ),
        ("QP059004", "Couvert en totalité", "Couvert en totalité", "Inchangée", 97, 97, 485, 485),
    ]
    for (_, row), want in zip(table.iterrows(), expected, strict=True):
        code, s_b, s_a, change, r_b, r_a, p_b, p_a = want
        assert row["Code QPV"] == code
        assert (row["Couverture (2021)"], row["Couverture (2022)"]) == (s_b, s_a)
        assert row["Évolution"] == change
        assert row["Taux de couverture (2021) (%)"] == pytest.approx(r_b)
        assert row["Taux de couverture (2022) (%)"] == pytest.approx(r_a)
        assert row["Écart de taux (points)"] == pytest.approx(r_a - r_b)
        assert row["Population couverte (2021)"] == pytest.approx(p_b)
        assert row["Population couverte (2022)"] == pytest.approx(p_a)
        assert row["Écart de population couverte"] == pytest.approx(p_a - p_b)
    assert result.population_newly_covered == pytest.approx(1000 + 400)
    assert result.population_no_longer_covered == pytest.approx(1500)
    assert result.changed()["Code QPV"].tolist() == ["QP059001", "QP059003"]
    assert result.only_before == result.only_after == ()


def test_summary_change_cell_by_cell():
    before, after = two_dates()
    summary = compare_coverage(before, after).summary
    # before: full 2 (C, D), partial 1 (B), none 1 (A); after: full 2 (A, D), partial 2, none 0
    n_b, n_a = [2, 1, 1, 4], [2, 2, 0, 4]
    share_b, share_a = [50.0, 25.0, 25.0, 100.0], [50.0, 50.0, 0.0, 100.0]
    pop_b, pop_a = [3500, 2000, 1000, 6500], [1500, 5000, 0, 6500]
    assert summary["Couverture"].tolist() == [
        "Couvert en totalité",
        "Couvert partiellement",
        "Non couvert",
        "Total",
    ]
    assert summary["Nombre de QPV (avant)"].tolist() == n_b
    assert summary["Nombre de QPV (après)"].tolist() == n_a
    assert summary["Écart (nombre)"].tolist() == [a - b for a, b in zip(n_a, n_b, strict=True)]
    assert summary["Part des QPV (avant) (%)"].tolist() == share_b
    assert summary["Part des QPV (après) (%)"].tolist() == share_a
    assert summary["Écart de part (points)"].tolist() == [0.0, 25.0, -25.0, 0.0]
    assert summary["Population des QPV (avant)"].tolist() == pop_b
    assert summary["Population des QPV (après)"].tolist() == pop_a
    assert summary["Écart de population"].tolist() == [
        a - b for a, b in zip(pop_a, pop_b, strict=True)
    ]


def test_share_changes_are_differences_of_rounded_shares():
    # 1/1/1 -> 33.4/33.3/33.3 and 1/1/4 -> 16.7/16.6/66.7: differences of printed shares
    before = situation(["QP1", "QP2", "QP3"], ["full", "partial", "none"], [1, 0.5, 0], [1.0] * 3)
    after = situation(
        ["QP1", "QP2", "QP3", "QP4", "QP5", "QP6"],
        ["full", "partial", "none", "none", "none", "none"],
        [1, 0.5, 0, 0, 0, 0],
        [1.0] * 6,
    )
    with pytest.warns(AvsGeoWarning, match=r"3 seulement après"):
        summary = compare_coverage(before, after).summary
    assert summary["Écart de part (points)"].tolist() == [-16.7, -16.7, 33.4, 0.0]


def test_qpv_on_one_side_are_kept_marked_and_warned():
    before, after = two_dates()
    before = before.iloc[:3]
    after = after.iloc[1:]
    with pytest.warns(
        AvsGeoWarning,
        match=r"1 QPV figurent seulement avant \('QP059001'\).*1 seulement après \('QP059004'\)",
    ):
        result = compare_coverage(before, after)
    assert result.only_before == ("QP059001",)
    assert result.only_after == ("QP059004",)
    table = result.qpv.set_index("Code QPV")
    assert list(table.index) == ["QP059001", "QP059002", "QP059003", "QP059004"]
    assert table.loc["QP059001", "Évolution"] == "Seulement avant"
    assert table.loc["QP059004", "Évolution"] == "Seulement après"
    assert pd.isna(table.loc["QP059001", "Couverture (après)"])
    assert table.loc["QP059004", "Nom du QPV"] == "Quartier 004"
    # one-sided QPV do not count as newly covered or lost
    assert result.population_newly_covered == pytest.approx(400)
    assert result.population_no_longer_covered == pytest.approx(1500)
    assert result.summary["Nombre de QPV (avant)"].tolist()[-1] == 3
    assert result.summary["Nombre de QPV (après)"].tolist()[-1] == 3


def test_generations_hint():
    before = situation(["QP059001"], ["full"], [1.0], [10.0])
    after = situation(["QN05901M"], ["full"], [1.0], [10.0])
    with pytest.warns(AvsGeoWarning, match="générations de QPV diffèrent"):
        compare_coverage(before, after)


def test_different_thresholds_warn():
    """The thresholds are read from the columns: B partial at 93 % before, full at 93 %
    after (full_min 0.9): no single full_min gives both. The warning survives a
    pd.concat of the frames, which metadata in DataFrame.attrs would not."""
    before, after = two_dates()
    before.loc[1, "coverage_ratio"] = 0.93
    after.loc[1, ["coverage_ratio", "coverage_status"]] = [0.93, "full"]
    after = pd.concat([after.iloc[:2], after.iloc[2:]])
    with pytest.warns(
        AvsGeoWarning,
        match=r"pas les mêmes seuils \(full_min entre 0.93 et 0.97 avant, entre 0.5 et "
        r"0.93 après\)",
    ):
        compare_coverage(before, after)


def test_english_and_repr():
    before, after = two_dates()
    result = compare_coverage(before, after, language="en")
    assert result.qpv.columns[2:5].tolist() == ["Coverage (before)", "Coverage (after)", "Change"]
    assert result.qpv["Change"].tolist() == ["Improved", "Unchanged", "Worsened", "Unchanged"]
    assert "population newly covered 1,400" in repr(result)
    html = result._repr_html_()
    assert "<table" in html and "QP059003" in html
    french = compare_coverage(before, after)
    assert "population nouvellement couverte 1\u00a0400" in repr(french)
    assert list(french.tables()) == ["Évolution", "QPV", "Chiffres clés"]
    figures = french.key_figures()
    assert figures["Valeur"].tolist() == [1.0, 1.0, 0.0, 1400.0, 1500.0]
    assert repr(french).startswith(
        "Couverture des QPV, avant → après : 1 mieux couvert, 1 moins bien couvert ; "
        "population nouvellement couverte 1\u00a0400, population qui n'est plus couverte "
        "1\u00a0500 (estimations).\n"
    )


def test_headline_public_in_either_language():
    before, after = two_dates()
    french = compare_coverage(before, after)
    assert repr(french).startswith(french.headline() + "\n")
    assert french.headline(language="en") == (
        "QPV coverage, avant → après: 1 improved, 1 worsened; population newly covered "
        "1,400, no longer covered 1,500 (estimates)."
    )
    english = compare_coverage(before, after, language="en")
    assert english.headline().startswith("QPV coverage, before → after: 1 improved")
    assert english.headline(language="fr").startswith("Couverture des QPV, before → after : ")
    with pytest.raises(ParameterError, match="language"):
        french.headline(language="de")  # type: ignore[arg-type]


def test_identical_situations_change_nothing():
    before, _ = two_dates()
    result = compare_coverage(before, before.copy())
    assert result.changed().empty
    assert result.population_newly_covered == 0.0
    assert (result.summary["Écart (nombre)"] == 0).all()


def test_unknown_population_gives_nan_change_not_zero():
    before, after = two_dates()
    before.loc[1, ["population", "covered_population"]] = np.nan
    after.loc[1, ["population", "covered_population"]] = np.nan
    with pytest.warns(AvsGeoWarning, match="population de 1 des 4"):
        result = compare_coverage(before, after)
    assert result.qpv.loc[1, "Écart de population couverte"] is pd.NA
    assert result.population_newly_covered == pytest.approx(1000)


def test_tables_rounded_as_printed():
    before, after = two_dates()
    before.loc[0, ["coverage_ratio", "covered_population"]] = [0.199994, 199.994]
    after.loc[0, ["coverage_ratio", "covered_population"]] = [0.6997845981358002, 699.7845]
    after.loc[1, "coverage_ratio"] = 0.99996  # partly covered: never shown as 100.0
    # hand-edited ratios that no pair of thresholds classes as both frames do
    with pytest.warns(AvsGeoWarning, match="pas les mêmes seuils"):
        result = compare_coverage(before, after)
    row = result.qpv.iloc[0]
    assert row["Taux de couverture (avant) (%)"] == 20.0
    assert row["Taux de couverture (après) (%)"] == 70.0
    assert row["Écart de taux (points)"] == 50.0
    assert row["Population couverte (avant)"] == 200
    assert row["Population couverte (après)"] == 700
    assert row["Écart de population couverte"] == 500
    assert result.qpv.loc[1, "Taux de couverture (après) (%)"] == 99.9
    # the headline figures keep the unrounded changes
    assert result.population_newly_covered == pytest.approx(699.7845 - 199.994 + 400)
    # the inputs keep their full precision
    assert after.loc[0, "coverage_ratio"] == 0.6997845981358002


def test_errors_and_inputs_kept():
    before, after = two_dates()
    b0, a0 = before.copy(), after.copy()
    compare_coverage(before, after)
    pd.testing.assert_frame_equal(before, b0)
    pd.testing.assert_frame_equal(after, a0)
    with pytest.raises(SchemaError, match="Il manque à 'after'"):
        compare_coverage(before, after.drop(columns="coverage_status"))
    with pytest.raises(ParameterError, match="names"):
        compare_coverage(before, after, names=("2021",))  # type: ignore[arg-type]
