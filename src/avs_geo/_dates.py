"""Dates: the one reader of every date avs_geo is given, and the French wording of a day.

Every entry point reads its dates here: ``build_zones(at=)``, ``coverage_summary(date=)``,
``coverage_sentence(date=)``, ``run_coverage(date=)`` and the other jobs, the CLI
``--date``, and the ``date_agrement`` / ``date_fin`` columns of a structures file. So
``"01/02/2022"`` is the 1st of February 2022 everywhere.

Forms read (a date is a day: a time of day is dropped):

* ISO, year first: ``2022-12-31``, ``2022-12-31T00:00``, ``2022-12-31 00:00:00``;
* French, day first: ``31/12/2022``, ``31-12-2022``, ``31.12.2022``, ``1/2/2022``
  (optionally followed by a time, as Excel exports it);
* French words: ``31 décembre 2022``, ``1er février 2022``, ``1 fevrier 2022``,
  ``3 janv. 2022`` (case, accents and the weekday ignored);
* ``datetime.date``, ``datetime.datetime``, ``pandas.Timestamp`` and ``numpy.datetime64``
  (naive: a time zone is refused, since the day would depend on it).

Ambiguity rule: a slashed (dotted, dashed) date with the year last is always read day
first, as French planners write it; a date is read month-second only when the year comes
first (ISO). Years must have four digits: ``31/12/22`` is refused, because 22 could be
1922 or 2022 (write ``31/12/2022``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd

from avs_geo._i18n import Language, _check_language, message
from avs_geo._i18n.common import MESSAGES
from avs_geo._typography import is_missing
from avs_geo.errors import ParameterError

__all__ = [
    "DATE_FORMS",
    "FIRST_DAY",
    "LAST_DAY",
    "MONTHS",
    "DateLike",
    "ParsedDates",
    "date_forms",
    "format_date",
    "parse_date",
    "parse_date_column",
    "report_day",
    "to_timestamp",
]

DateLike = str | dt.date | dt.datetime | pd.Timestamp | np.datetime64
"""What a date argument accepts (``None`` aside)."""

DATE_FORMS = "31/12/2022 (jour/mois/année), 2022-12-31 (année-mois-jour) ou 31 décembre 2022"
"""The forms a planner may write, as error messages name them."""

FIRST_DAY: dt.date = (pd.Timestamp.min + pd.Timedelta(days=1)).date()
"""First day a table column can hold (pandas ``Timestamp`` range: 1677-09-22)."""

LAST_DAY: dt.date = pd.Timestamp.max.date()
"""Last day a table column can hold (pandas ``Timestamp`` range: 2262-04-11)."""

MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
"""Month names used to write a date in words."""

_MONTH_NUMBERS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTHS["fr"], start=1)},
    **{
        "fevrier": 2,
        "aout": 8,
        "decembre": 12,
        "janv": 1,
        "fevr": 2,
        "fev": 2,
        "avr": 4,
        "juil": 7,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    },
}
"""French month words (accents already removed by the reader) and their usual abbreviations."""

_TIME = r"(?:[T ](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)?"
_ISO = rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_TIME}$"
_DAY_FIRST = rf"^(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_TIME}$"
_TWO_DIGIT_YEAR = rf"^\d{{1,2}}(?P<sep>[/.-])\d{{1,2}}(?P=sep)\d{{2}}{_TIME}$"
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? )?"
_WORDS = rf"^{_WEEKDAY}(?P<d>\d{{1,2}})(?:er)? (?P<month>[a-z]+)\.? (?P<y>\d{{4}})$"

# Why a cell is not a date: codes, turned into words in the current language by _reason.
_UNREADABLE = "unreadable"
_TWO_DIGITS = "two_digits"
_NO_DAY = "no_day"
_NUMBER = "number"
_ZONED = "zoned"
_OUTSIDE = "outside"
_DATE_TYPES = (dt.datetime, dt.date, pd.Timestamp, np.datetime64)


class ParsedDates(NamedTuple):
    """What :func:`parse_date_column` read from a column."""

    values: pd.Series
    """``datetime64[ns]`` on the column's index; NaT for missing and failed cells."""
    failed: np.ndarray
    """0-based positions of the cells that hold something that is not a date."""
    reasons: tuple[str, ...]
    """Why each failed cell was refused, in French, in the order of ``failed``."""


def parse_date_column(values: pd.Series, *, open_end: bool = False) -> ParsedDates:
    """Read a whole column of dates at once (text, Excel dates, or both).

    Parameters
    ----------
    values : pandas.Series
        Cells as a spreadsheet gives them: text in any form of this module,
        ``datetime``/``date``/``Timestamp``/``datetime64`` objects (Excel date cells),
        or missing (None, NaN, NaT, empty or blank text).
    open_end : bool, default False
        The column holds end dates. A day after :data:`LAST_DAY` (2262-04-11), such as
        ``31/12/9999``, the usual "no end" marker, then reads as missing, that is an
        open end, with no error. Otherwise such a day fails.

    Returns
    -------
    ParsedDates
        ``values`` (``datetime64[ns]`` on the input's index: missing cells are NaT),
        ``failed`` (positions of the cells that are not dates: unknown form, a day that
        does not exist such as ``31/02/2022``, a two-digit year, a number, a time zone, a
        day outside the pandas range) and ``reasons`` (one French reason per failed cell).

    Notes
    -----
    Vectorised: the text cells are matched against one regular expression per form
    (``Series.str.extract``), the month words looked up in a table, the day checked
    against the length of its month (Gregorian leap years), and the days built as
    ``numpy.datetime64[D]`` (any year 1-9999) before being checked against the pandas
    ``Timestamp`` range. Date objects are converted by numpy in one call.

    Examples
    --------
    >>> cells = pd.Series(["31/12/2022", "2023-01-01", "1er février 2022", None, "hier",
    ...                    dt.datetime(2021, 5, 3), "31/12/9999"])
    >>> parsed = parse_date_column(cells, open_end=True)
    >>> parsed.values.dt.strftime("%Y-%m-%d").tolist()
    ['2022-12-31', '2023-01-01', '2022-02-01', nan, nan, '2021-05-03', nan]
    >>> parsed.failed.tolist(), parsed.reasons
    ([4], ('forme non reconnue',))
    """
    days, reasons = _days(values)
    first, last = np.datetime64(FIRST_DAY, "D"), np.datetime64(LAST_DAY, "D")
    known = ~np.isnat(days)
    after = known & (days > last)
    if open_end:
        days[after] = np.datetime64("NaT")
    outside = known & ((days < first) | (days > last))
    reasons[outside] = _OUTSIDE
    days[outside] = np.datetime64("NaT")
    failed = np.flatnonzero(reasons != "")
    stamps = pd.Series(days.astype("datetime64[ns]"), index=values.index, dtype="datetime64[ns]")
    return ParsedDates(stamps, failed, tuple(_reason(str(r)) for r in reasons[failed]))


def date_forms() -> str:
    """The forms a planner may write a date in, in the current language.

    Examples
    --------
    >>> date_forms()
    '31/12/2022 (jour/mois/année), 2022-12-31 (année-mois-jour) ou 31 décembre 2022'
    """
    return message(MESSAGES, "date_forms")


def _reason(code: str) -> str:
    """Why a cell is not a date, in words of the current language."""
    return message(
        MESSAGES,
        f"reason_{code}",
        first=f"{FIRST_DAY:%d/%m/%Y}",
        last=f"{LAST_DAY:%d/%m/%Y}",
    )


def parse_date(value: object, name: str = "date", *, allow_missing: bool = False) -> dt.date | None:
    """One date in any form of this module, as a ``datetime.date``.

    Parameters
    ----------
    value : str, date, datetime, pandas.Timestamp, numpy.datetime64 or None
    name : str, default "date"
        The argument's name, for the error message.
    allow_missing : bool, default False
        Read NaN, NaT, ``pd.NA`` and empty text as None instead of refusing them.

    Returns
    -------
    datetime.date or None
        None when ``value`` is None (or missing, with ``allow_missing``). Any year from
        1 to 9999 is read: ``31/12/9999`` is ``datetime.date(9999, 12, 31)``.

    Raises
    ------
    ParameterError
        The value is not a date in one of the forms read, not a real day, a missing
        value (without ``allow_missing``) or a date with a time zone.

    Examples
    --------
    >>> parse_date("01/02/2022"), parse_date("2022-02-01"), parse_date("1er février 2022")
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 1), datetime.date(2022, 2, 1))
    >>> parse_date("2022-13-45")
    Traceback (most recent call last):
    ...
    avs_geo.errors.ParameterError: date='2022-13-45' n'est pas une date (ce jour n'existe pas) ...
    """
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return _missing(name, allow_missing)
    elif is_missing(value):
        return _missing(name, allow_missing)
    elif isinstance(value, bool) or not isinstance(value, _DATE_TYPES):
        raise ParameterError(
            message(
                MESSAGES,
                "date_type",
                name=name,
                kind=type(value).__name__,
                value=value,
                forms=date_forms(),
            ),
            parameters=(name,),
        )
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.date()  # a naive datetime or Timestamp: its day, without a Series
    if type(value) is dt.date:
        return value
    days, reasons = _days(pd.Series([value], dtype=object))
    if reasons[0] == _ZONED:
        raise ParameterError(
            message(MESSAGES, "date_zoned", name=name, value=value),
            parameters=(name,),
        )
    if reasons[0]:
        shown = f"{name}={value!r}" if isinstance(value, str) else f"{name} ({value})"
        raise ParameterError(
            message(
                MESSAGES, "not_a_date", shown=shown, reason=_reason(reasons[0]), forms=date_forms()
            ),
            parameters=(name,),
        )
    day = days[0].item()
    if not isinstance(day, dt.date):  # numpy gives an int for a year after 9999
        raise ParameterError(
            message(MESSAGES, "year_after_9999", name=name, value=value), parameters=(name,)
        )
    return day


def to_timestamp(value: object, name: str = "date") -> pd.Timestamp | None:
    """:func:`parse_date` as a naive ``pandas.Timestamp`` at midnight, to compare with a column.

    Raises
    ------
    ParameterError
        As :func:`parse_date`, and for a day outside the pandas range
        (:data:`FIRST_DAY` to :data:`LAST_DAY`).

    Examples
    --------
    >>> to_timestamp("31/12/2022")
    Timestamp('2022-12-31 00:00:00')
    """
    day = parse_date(value, name)
    if day is None:
        return None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ParameterError(
            message(
                MESSAGES, "date_outside", name=name, value=_shown(value), outside=_reason(_OUTSIDE)
            ),
            parameters=(name,),
        )
    return pd.Timestamp(day)


def report_day(value: object, name: str = "date") -> dt.date | None:
    """The day of a report or a comparison, checked before any file is read.

    :func:`parse_date`, and a day within the range of the tables' dates
    (:data:`FIRST_DAY` to :data:`LAST_DAY`): ``31/12/9999`` means "no end" in a
    structures file, but is no day to measure coverage at.

    Examples
    --------
    >>> report_day("31/12/2022")
    datetime.date(2022, 12, 31)
    """
    stamp = to_timestamp(value, name)
    return None if stamp is None else stamp.date()


def _shown(value: object) -> str:
    """A date as the planner wrote it: text quoted, a date object in ISO form."""
    return repr(value) if isinstance(value, str) else str(value)


def format_date(value: object, *, language: Language = "fr") -> str:
    """A date in words: ``31 décembre 2022``, ``1er janvier 2023``, ``31 December 2022``.

    ``value`` is read by :func:`parse_date` (so ``"01/02/2022"`` is the 1st of February);
    a missing value (None, NaN, NaT, empty text) gives an empty string.

    Examples
    --------
    >>> format_date("2023-01-01"), format_date("01/02/2022")
    ('1er janvier 2023', '1er février 2022')
    >>> format_date("2022-12-31", language="en")
    '31 December 2022'
    >>> format_date(pd.NaT), format_date(None)
    ('', '')
    """
    _check_language(language)
    day = parse_date(value, allow_missing=True)
    if day is None:
        return ""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"


def _missing(name: str, allow: bool) -> dt.date | None:
    if allow:
        return None
    raise ParameterError(
        message(MESSAGES, "date_missing", name=name, forms=date_forms()), parameters=(name,)
    )


def _days(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Days (``datetime64[D]``, NaT when missing or failed) and a reason ('' when fine)."""
    n = len(values)
    days = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    reasons = np.full(n, "", dtype=object)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        reasons[values.notna().to_numpy()] = _ZONED
        return days, reasons
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.to_numpy().astype("datetime64[D]"), reasons
    cells = pd.Series(values.to_numpy(dtype=object), dtype=object)
    kinds = cells.map(type)  # one C-level call per cell; the checks below run per type
    text_kinds = {kind: issubclass(kind, str) for kind in kinds.unique()}
    is_text = kinds.map(text_kinds).to_numpy(dtype=bool)
    text = cells[is_text].astype(str).str.strip()
    filled = np.zeros(n, dtype=bool)
    filled[is_text] = (text != "").to_numpy()
    others = ~is_text & ~cells.isna().to_numpy()
    if filled.any():
        pos = np.flatnonzero(filled)
        days[pos], reasons[pos] = _text_days(text[text != ""].reset_index(drop=True))
    if others.any():
        pos = np.flatnonzero(others)
        days[pos], reasons[pos] = _object_days(cells.iloc[pos].reset_index(drop=True))
    return days, reasons


def _text_days(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Read text cells (stripped, not empty) form by form."""
    text = text.str.replace(r"\s+", " ", regex=True)
    year = np.zeros(len(text), dtype=np.int64)
    month = np.zeros(len(text), dtype=np.int64)
    day = np.zeros(len(text), dtype=np.int64)
    found = np.zeros(len(text), dtype=bool)
    for pattern in (_ISO, _DAY_FIRST):
        parts = text.str.extract(pattern)
        hit = parts["y"].notna().to_numpy() & ~found
        year[hit] = parts.loc[hit, "y"].astype(np.int64)
        month[hit] = parts.loc[hit, "m"].astype(np.int64)
        day[hit] = parts.loc[hit, "d"].astype(np.int64)
        found |= hit
    if not found.all():
        rest = np.flatnonzero(~found)
        folded = (
            text.iloc[rest]
            .str.normalize("NFKD")
            .str.replace(r"[\u0300-\u036f]", "", regex=True)
            .str.lower()
        )
        parts = folded.str.extract(_WORDS)
        number = parts["month"].map(_MONTH_NUMBERS)
        hit = number.notna().to_numpy()
        where = rest[hit]
        year[where] = parts.loc[hit, "y"].astype(np.int64)
        month[where] = number[hit].astype(np.int64)
        day[where] = parts.loc[hit, "d"].astype(np.int64)
        found[where] = True
    reasons = np.where(found, "", _UNREADABLE).astype(object)
    two_digits = ~found & text.str.fullmatch(_TWO_DIGIT_YEAR).to_numpy(dtype=bool)
    reasons[two_digits] = _TWO_DIGITS
    real = found & _is_real_day(year, month, day)
    reasons[found & ~real] = _NO_DAY
    days = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[D]")
    days[real] = (
        (year[real] - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (month[real] - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (day[real] - 1).astype("timedelta64[D]")
    return days, reasons


def _is_real_day(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """True where (year, month, day) is a day of the Gregorian calendar (years 1-9999)."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    lengths = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    ok_month = (month >= 1) & (month <= 12)
    length = lengths[np.clip(month, 1, 12) - 1] + (leap & (month == 2))
    return (year >= 1) & ok_month & (day >= 1) & (day <= length)


def _object_days(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Read cells that are not text: date objects are kept, anything else fails."""
    days = np.full(len(cells), np.datetime64("NaT"), dtype="datetime64[D]")
    reasons = np.full(len(cells), _NUMBER, dtype=object)
    kinds = cells.map(type)
    unique = kinds.unique()
    dated = kinds.map({k: issubclass(k, _DATE_TYPES) for k in unique}).to_numpy(dtype=bool)
    numbers = kinds.map({k: issubclass(k, int | float | np.number) for k in unique})
    numeric = numbers.to_numpy(dtype=bool)
    reasons[~dated & ~numeric] = _UNREADABLE
    if not dated.any():
        return days, reasons
    pos = np.flatnonzero(dated)
    objects = cells.iloc[pos].to_numpy(dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            days[pos] = objects.astype("datetime64[us]").astype("datetime64[D]")
            reasons[pos] = ""
            return days, reasons
        except (UserWarning, DeprecationWarning, ValueError, OverflowError):
            pass
    zoned = np.array([getattr(v, "tzinfo", None) is not None for v in objects], dtype=bool)
    reasons[pos[zoned]] = _ZONED
    plain = pos[~zoned]
    days[plain] = objects[~zoned].astype("datetime64[us]").astype("datetime64[D]")
    reasons[plain] = ""
    return days, reasons
