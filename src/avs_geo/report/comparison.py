"""Compare two coverage situations: two dates, or before and after a planned structure."""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from avs_geo._codes import qpv_generation
from avs_geo._i18n import STATUS_LABELS, Language, _check_language, message
from avs_geo._i18n.report import CHANGE_LABELS, COMPARISON_HEADERS, DEFAULT_NAMES, MESSAGES
from avs_geo._table import FormatKind, Table, with_formats
from avs_geo._typography import format_number, rounded_percent, whole_numbers
from avs_geo.coverage._frame import check_coverage, numeric_column
from avs_geo.coverage.classify import warn_if_thresholds_differ
from avs_geo.errors import AvsGeoWarning, ParameterError, format_ids
from avs_geo.report.summary import SUMMARY_HEADERS, coverage_summary

_RANK = {"none": 0, "partial": 1, "full": 2}

_FORMATS: dict[str, FormatKind] = {
    "ratio": "percent1",
    "ratio_change": "+percent1",
    "covered": "integer",
    "covered_change": "+integer",
    "n": "integer",
    "n_change": "+integer",
    "share": "percent1",
    "share_change": "+percent1",
    "population": "integer",
    "population_change": "+integer",
    "value": "integer",
}
"""Format of each numeric column of the comparison tables (keys of COMPARISON_HEADERS)."""


def _formats(language: Language, names: tuple[str, str]) -> dict[str, FormatKind]:
    """Header -> kind for both situations (``{side}`` filled with each name)."""
    h = COMPARISON_HEADERS[language]
    return {h[key].format(side=side): kind for key, kind in _FORMATS.items() for side in names}


__all__ = ["CHANGE_LABELS", "CoverageComparison", "compare_coverage"]


@dataclass(frozen=True, eq=False)  # frames inside: no element-wise ==
class CoverageComparison:
    """Two coverage situations compared QPV by QPV; displays as a report in Jupyter.

    Attributes
    ----------
    qpv : DataFrame
        One row per QPV of either situation: class, coverage rate and covered population
        before and after, and the change (``Amélioration``, ``Dégradation``,
        ``Inchangée``, or present on one side only).
    summary : DataFrame
        Per class and total: counts, shares and QPV population before, after and the
        difference.
    only_before, only_after : tuple of str
        Codes of the QPV present in one situation only.
    population_newly_covered, population_no_longer_covered : float
        Sums of the gains and of the losses of covered population (area weighted) over
        the QPV present in both situations.
    names : tuple of str
        How the two situations are named in the headers.
    language : {"fr", "en"}
    """

    qpv: pd.DataFrame
    summary: pd.DataFrame
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]
    population_newly_covered: float
    population_no_longer_covered: float
    names: tuple[str, str]
    language: Language

    def changed(self) -> pd.DataFrame:
        """The QPV whose class changed, or that are present in one situation only."""
        unchanged = CHANGE_LABELS[self.language]["unchanged"]
        return self.qpv[self.qpv[COMPARISON_HEADERS[self.language]["change"]] != unchanged]

    def _counts(self) -> tuple[int, int, int]:
        """QPV improved, worsened, and present in one situation only."""
        labels = CHANGE_LABELS[self.language]
        change = self.qpv[COMPARISON_HEADERS[self.language]["change"]]
        improved = int((change == labels["improved"]).sum())
        worsened = int((change == labels["worsened"]).sum())
        return improved, worsened, len(self.only_before) + len(self.only_after)

    def key_figures(self) -> Table:
        """A two-column table of the headline figures."""
        h = COMPARISON_HEADERS[self.language]
        improved, worsened, one_sided = self._counts()
        figures = pd.DataFrame(
            {
                h["figure"]: [h["improved"], h["worsened"], h["one_sided"], h["newly"], h["lost"]],
                h["value"]: [
                    float(improved),
                    float(worsened),
                    float(one_sided),
                    round(self.population_newly_covered),
                    round(self.population_no_longer_covered),
                ],
            }
        )
        return with_formats(figures, _formats(self.language, self.names))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Sheet name -> table, ready for :func:`avs_geo.to_excel`."""
        if self.language == "fr":
            return {
                "Évolution": self.summary,
                "QPV": self.qpv,
                "Chiffres clés": self.key_figures(),
            }
        return {"Change": self.summary, "QPV": self.qpv, "Key figures": self.key_figures()}

    def headline(self, language: Language | None = None) -> str:
        """One sentence for a note: QPV better and less covered, population gained and lost.

        Parameters
        ----------
        language : {"fr", "en"}, optional
            Language of the sentence; default the comparison's own. The names of the two
            situations are printed as given to :func:`compare_coverage`.

        Examples
        --------
        >>> import pandas as pd
        >>> before = pd.DataFrame({"code_qpv": ["QP059001"], "coverage_status": ["none"],
        ...                        "covered_population": [0.0]})
        >>> after = before.assign(coverage_status=["full"], covered_population=[850.0])
        >>> comparison = compare_coverage(before, after, names=("2021", "2022"))
        >>> print(comparison.headline())  # doctest: +NORMALIZE_WHITESPACE
        Couverture des QPV, 2021 → 2022 : 1 mieux couvert, 0 moins bien couvert ;
        population nouvellement couverte 850, population qui n'est plus couverte 0
        (estimations).
        >>> print(comparison.headline(language="en"))  # doctest: +NORMALIZE_WHITESPACE
        QPV coverage, 2021 → 2022: 1 improved, 0 worsened; population newly covered 850,
        no longer covered 0 (estimates).
        """
        if language is None:
            language = self.language
        _check_language(language)
        improved, worsened, one_sided = self._counts()
        newly = format_number(self.population_newly_covered, language=language)
        lost = format_number(self.population_no_longer_covered, language=language)
        before, after = self.names
        if language == "fr":
            text = (
                f"Couverture des QPV, {before} → {after} : {improved} mieux "
                f"couvert{'s' if improved > 1 else ''}, {worsened} moins bien "
                f"couvert{'s' if worsened > 1 else ''}"
            )
            if one_sided:
                text += f", {one_sided} présent{'s' if one_sided > 1 else ''} d'un seul côté"
            return (
                f"{text} ; population nouvellement couverte {newly}, population qui n'est "
                f"plus couverte {lost} (estimations)."
            )
        text = f"QPV coverage, {before} → {after}: {improved} improved, {worsened} worsened"
        if one_sided:
            text += f", {one_sided} on one side only"
        return f"{text}; population newly covered {newly}, no longer covered {lost} (estimates)."

    def __repr__(self) -> str:
        return f"{self.headline()}\n{self.summary.to_string(index=False)}"

    def _repr_html_(self) -> str:
        changed = self.changed()
        parts = [
            f"<p><strong>{html.escape(self.headline())}</strong></p>",
            self.summary.to_html(index=False, na_rep=""),
        ]
        if len(changed):
            parts.append(changed.to_html(index=False, na_rep="", max_rows=50))
        return "<div>" + "\n".join(parts) + "</div>"


def _per_qpv(coverage: pd.DataFrame) -> pd.DataFrame:
    index = pd.Index(coverage["code_qpv"].astype(str), name="code_qpv")
    name = coverage["nom_qpv"] if "nom_qpv" in coverage.columns else pd.Series(np.nan)
    ratio = numeric_column(coverage, "coverage_ratio")
    return pd.DataFrame(
        {
            "name": name.to_numpy() if "nom_qpv" in coverage.columns else np.nan,
            "status": coverage["coverage_status"].to_numpy(),
            "ratio": ratio,
            "covered": numeric_column(coverage, "covered_population"),
        },
        index=index,
    )


def compare_coverage(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    names: tuple[str, str] | None = None,
    language: Language = "fr",
    decimals: int = 1,
) -> CoverageComparison:
    """Compare two coverage frames QPV by QPV (matched on ``code_qpv``).

    Parameters
    ----------
    before, after : DataFrame
        Per-QPV coverage (:func:`avs_geo.compute_coverage`) of the two situations: two
        dates (zones built with ``build_zones(..., at=...)``), or the network without
        and with a planned structure.
    names : (str, str), optional
        Names of the situations in the headers; default ``("avant", "après")``
        (``("before", "after")`` in English), e.g. ``("2021", "2022")``.
    language : {"fr", "en"}, default "fr"
    decimals : int, default 1
        Decimals of the shares (largest-remainder rounded, see :func:`coverage_summary`).

    Returns
    -------
    CoverageComparison

    Warns
    -----
    AvsGeoWarning
        When QPV appear in one situation only (they are kept, marked ``Seulement
        avant`` / ``Seulement après``; each side's counts include all its QPV), and when
        the two situations were classified with different thresholds.

    Notes
    -----
    A QPV improves when its class rises (none < partial < full) and worsens when it
    falls. The population newly covered is the sum, over the QPV present in both
    situations, of the positive changes of ``covered_population``
    (``population × coverage_ratio``); the population no longer covered sums the
    negative ones (unrounded). The tables are rounded as printed: rates in percent to
    1 decimal (``avs_geo._typography.rounded_percent``), populations to whole
    inhabitants; rate, share and population changes are differences of the rounded
    values, so they match the printed tables.

    Examples
    --------
    >>> import pandas as pd
    >>> before = pd.DataFrame({
    ...     "code_qpv": ["QP059001", "QP059002"], "coverage_status": ["none", "full"],
    ...     "covered_population": [0.0, 800.0],
    ... })
    >>> after = before.assign(coverage_status=["full", "full"],
    ...                       covered_population=[1200.0, 800.0])
    >>> comparison = compare_coverage(before, after)
    >>> comparison.changed().iloc[:, :4]
       Code QPV Couverture (avant)   Couverture (après)     Évolution
    0  QP059001        Non couvert  Couvert en totalité  Amélioration
    >>> comparison.population_newly_covered
    1200.0
    """
    _check_language(language)
    check_coverage(before, "before")
    check_coverage(after, "after")
    side_names = DEFAULT_NAMES[language] if names is None else names
    if len(side_names) != 2 or not all(isinstance(n, str) and n for n in side_names):
        raise ParameterError(message(MESSAGES, "names", got=names))
    b_name, a_name = side_names

    warn_if_thresholds_differ(before, after, (b_name, a_name))

    b, a = _per_qpv(before), _per_qpv(after)
    only_before = tuple(c for c in b.index if c not in a.index)
    only_after = tuple(c for c in a.index if c not in b.index)
    if only_before or only_after:
        hint = ""
        if {qpv_generation(c) for c in b.index} != {qpv_generation(c) for c in a.index}:
            hint = message(MESSAGES, "generations_differ")
        warnings.warn(
            message(
                MESSAGES,
                "only_one_side",
                n_before=len(only_before),
                before=b_name,
                ids_before=format_ids(only_before),
                n_after=len(only_after),
                after=a_name,
                ids_after=format_ids(only_after),
                hint=hint,
            ),
            AvsGeoWarning,
            stacklevel=2,
        )

    codes = list(b.index) + list(only_after)
    b, a = b.reindex(codes), a.reindex(codes)
    rank_b = b["status"].map(_RANK)
    rank_a = a["status"].map(_RANK)
    change = np.select(
        [b["status"].isna(), a["status"].isna(), rank_a > rank_b, rank_a < rank_b],
        ["only_after", "only_before", "improved", "worsened"],
        default="unchanged",
    )
    labels = CHANGE_LABELS[language]
    h = COMPARISON_HEADERS[language]
    status_labels = STATUS_LABELS[language]
    delta = a["covered"].to_numpy() - b["covered"].to_numpy()
    ratio_b, ratio_a = rounded_percent(b["ratio"]), rounded_percent(a["ratio"])
    covered_b, covered_a = whole_numbers(b["covered"]), whole_numbers(a["covered"])
    qpv = pd.DataFrame(
        {
            h["code"]: codes,
            h["name"]: b["name"].where(b["name"].notna(), a["name"]).to_numpy(),
            h["status"].format(side=b_name): b["status"].map(status_labels).to_numpy(),
            h["status"].format(side=a_name): a["status"].map(status_labels).to_numpy(),
            h["change"]: [labels[c].format(before=b_name, after=a_name) for c in change],
            h["ratio"].format(side=b_name): ratio_b,
            h["ratio"].format(side=a_name): ratio_a,
            h["ratio_change"]: np.round(ratio_a - ratio_b, 1),
            h["covered"].format(side=b_name): covered_b,
            h["covered"].format(side=a_name): covered_a,
            h["covered_change"]: (pd.Series(covered_a) - pd.Series(covered_b)).array,
        }
    )
    if qpv[h["name"]].isna().all():
        qpv = qpv.drop(columns=h["name"])

    summary = _summary_change(before, after, b_name, a_name, language, decimals)
    formats = _formats(language, (b_name, a_name))
    return CoverageComparison(
        qpv=with_formats(qpv, formats),
        summary=with_formats(summary, formats),
        only_before=only_before,
        only_after=only_after,
        population_newly_covered=float(np.nansum(np.clip(delta, 0, None))),
        population_no_longer_covered=float(np.nansum(np.clip(-delta, 0, None))),
        names=(b_name, a_name),
        language=language,
    )


def _summary_change(
    before: pd.DataFrame,
    after: pd.DataFrame,
    b_name: str,
    a_name: str,
    language: Language,
    decimals: int,
) -> pd.DataFrame:
    """Counts, shares and QPV population per class: before, after and the difference."""
    s = SUMMARY_HEADERS[language]
    h = COMPARISON_HEADERS[language]
    sb = coverage_summary(before, language=language, decimals=decimals)
    sa = coverage_summary(after, language=language, decimals=decimals)
    out = pd.DataFrame({s["status"]: sb[s["status"]]})
    for key, change in (("n", "n_change"), ("share", "share_change")):
        out[h[key].format(side=b_name)] = sb[s[key]]
        out[h[key].format(side=a_name)] = sa[s[key]]
        out[h[change]] = sa[s[key]] - sb[s[key]]
    out[h["share_change"]] = out[h["share_change"]].round(decimals)
    out[h["population"].format(side=b_name)] = sb[s["population"]]
    out[h["population"].format(side=a_name)] = sa[s["population"]]
    out[h["population_change"]] = sa[s["population"]] - sb[s["population"]]
    return out
