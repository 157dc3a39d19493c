"""Strict reading of the facts document (version 1).

Anything that does not match the contract raises `FactsError` whose message
starts with the path of the offending field (`status_periods[2].to: ...`), so
the command can print it as its one line and a form can point at the field.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from lotse.pathways.facts import (
    BENEFIT_TYPES,
    LANGUAGE_LEVELS,
    STATUS_KINDS,
    Benefit,
    BenefitType,
    Child,
    Conviction,
    Employment,
    Facts,
    LanguageCertificate,
    Person,
    Schooling,
    StatusKind,
    StatusPeriod,
)

_T = TypeVar("_T")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIRST_YEAR = 1900
LAST_YEAR = 2199

TOP_FIELDS = frozenset(
    {
        "as_of",
        "person",
        "status_periods",
        "language_certificates",
        "schooling",
        "employment",
        "benefits",
        "livelihood_secured",
        "convictions",
        "children",
    }
)
PERSON_DATES = ("birth_date", "entry_date", "identity_clarified_on")
PERSON_FLAGS = (
    "identity_deception",
    "fdgo_commitment",
    "civic_knowledge",
    "naturalisation_test_passed",
    "living_with_minor_child",
    "integration_course_obliged",
    "integration_course_completed",
)

PERSON_FIELDS = frozenset(PERSON_DATES + PERSON_FLAGS)
STATUS_FIELDS = frozenset({"kind", "paragraph", "from", "to"})
CERTIFICATE_FIELDS = frozenset({"level", "oral_only", "date"})
SCHOOLING_FIELDS = frozenset({"years_successful_in_germany", "german_qualification"})
EMPLOYMENT_FIELDS = frozenset({"from", "to", "hours_per_week", "social_insurance"})
BENEFIT_FIELDS = frozenset({"type", "from", "to"})
CONVICTION_FIELDS = frozenset(
    {"date", "daily_rates", "prison_months", "juvenile_sanction_only", "foreigner_specific_offence"}
)
CHILD_FIELDS = frozenset({"birth_date", "attends_school"})


class FactsError(ValueError):
    """The document breaks the contract. `str(error)` is one line naming the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\n", " "))
        self.message = message.replace("\n", " ")


def _object(value: Any, path: str, allowed: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FactsError(f"{path or 'document'}: expected an object")
    if value.keys() <= allowed:
        return value
    key = next(key for key in value if key not in allowed)
    where = f"{path}.{key}" if path else str(key)
    raise FactsError(f"{where}: unknown field")


def _where(path: str, key: str) -> str:
    # Paths are only spelled out for an error: building them for every field is slow.
    return f"{path}.{key}" if key else path


def _date(value: Any, path: str, key: str = "") -> datetime.date | None:
    if value is None:
        return None
    # fromisoformat alone would also take 20260101 and week dates.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise FactsError(f"{_where(path, key)}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise FactsError(f"{_where(path, key)}: {value!r} is not a calendar date") from None
    return check_year(day, _where(path, key))


def check_year(day: datetime.date, path: str) -> datetime.date:
    """Periods of up to 27 years are added to and 2 years taken from these dates:
    outside this range the arithmetic would leave the calendar (and no residence
    fact lies there)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FactsError(f"{path}: {day.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return day


def _required_date(obj: Mapping[str, Any], key: str, path: str) -> datetime.date:
    day = _date(obj.get(key), path, key)
    if day is None:
        raise FactsError(f"{path}.{key}: required")
    return day


def _bool(value: Any, path: str, key: str = "") -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise FactsError(f"{_where(path, key)}: expected true or false, got {value!r}")


def _int(value: Any, path: str, key: str = "") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FactsError(f"{_where(path, key)}: expected a whole number, got {value!r}")
    if value < 0:
        raise FactsError(f"{_where(path, key)}: must not be negative")
    return int(value)


def _number(value: Any, path: str, key: str = "") -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise FactsError(f"{_where(path, key)}: expected a number, got {value!r}")
    if value < 0:
        raise FactsError(f"{_where(path, key)}: must not be negative")
    return float(value)


def _list(
    doc: Mapping[str, Any], key: str, item: Callable[[Any, str], _T]
) -> tuple[_T, ...] | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise FactsError(f"{key}: expected a list")
    return tuple(item(entry, f"{key}[{i}]") for i, entry in enumerate(value))


def _span(obj: Mapping[str, Any], path: str) -> tuple[datetime.date, datetime.date | None]:
    start = _required_date(obj, "from", path)
    end = _date(obj.get("to"), path, "to")
    if end is not None and end < start:
        raise FactsError(f"{path}.to: {end.isoformat()} is before from {start.isoformat()}")
    return start, end


def _person(value: Any, path: str) -> Person:
    obj = _object(value, path, PERSON_FIELDS)
    dates = {key: _date(obj.get(key), path, key) for key in PERSON_DATES}
    flags = {key: _bool(obj.get(key), path, key) for key in PERSON_FLAGS}
    return Person(**dates, **flags)  # type: ignore[arg-type]


def _status_period(value: Any, path: str) -> StatusPeriod:
    obj = _object(value, path, STATUS_FIELDS)
    kind = obj.get("kind")
    if kind is None:
        raise FactsError(f"{path}.kind: required")
    if kind not in STATUS_KINDS:
        raise FactsError(f"{path}.kind: unknown status kind {kind!r}")
    paragraph = obj.get("paragraph")
    if paragraph is not None and not isinstance(paragraph, str):
        raise FactsError(f"{path}.paragraph: expected text")
    start, end = _span(obj, path)
    return StatusPeriod(cast(StatusKind, kind), start, end, (paragraph or "").strip() or None)


def _certificate(value: Any, path: str) -> LanguageCertificate:
    obj = _object(value, path, CERTIFICATE_FIELDS)
    level = obj.get("level")
    if level not in LANGUAGE_LEVELS:
        raise FactsError(
            f"{path}.level: expected one of {', '.join(LANGUAGE_LEVELS)}, got {level!r}"
        )
    oral_only = _bool(obj.get("oral_only"), path, "oral_only")
    return LanguageCertificate(str(level), bool(oral_only), _date(obj.get("date"), path, "date"))


def _schooling(value: Any, path: str) -> Schooling:
    obj = _object(value, path, SCHOOLING_FIELDS)
    return Schooling(
        _int(obj.get("years_successful_in_germany"), path, "years_successful_in_germany"),
        _bool(obj.get("german_qualification"), path, "german_qualification"),
    )


def _employment(value: Any, path: str) -> Employment:
    obj = _object(value, path, EMPLOYMENT_FIELDS)
    start, end = _span(obj, path)
    return Employment(
        start,
        end,
        _number(obj.get("hours_per_week"), path, "hours_per_week"),
        _bool(obj.get("social_insurance"), path, "social_insurance"),
    )


def _benefit(value: Any, path: str) -> Benefit:
    obj = _object(value, path, BENEFIT_FIELDS)
    kind = obj.get("type")
    if kind not in BENEFIT_TYPES:
        raise FactsError(f"{path}.type: unknown benefit type {kind!r}")
    start, end = _span(obj, path)
    return Benefit(cast(BenefitType, kind), start, end)


def _conviction(value: Any, path: str) -> Conviction:
    obj = _object(value, path, CONVICTION_FIELDS)
    return Conviction(
        _date(obj.get("date"), path, "date"),
        _int(obj.get("daily_rates"), path, "daily_rates"),
        _number(obj.get("prison_months"), path, "prison_months"),
        _bool(obj.get("juvenile_sanction_only"), path, "juvenile_sanction_only"),
        _bool(obj.get("foreigner_specific_offence"), path, "foreigner_specific_offence"),
    )


def _child(value: Any, path: str) -> Child:
    obj = _object(value, path, CHILD_FIELDS)
    return Child(
        _date(obj.get("birth_date"), path, "birth_date"),
        _bool(obj.get("attends_school"), path, "attends_school"),
    )


def _no_overlaps(periods: tuple[StatusPeriod, ...]) -> tuple[StatusPeriod, ...]:
    ordered = sorted(enumerate(periods), key=lambda item: item[1].start)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if before.end is None or before.end >= after.start:
            raise FactsError(
                f"status_periods[{index}].from: {after.start.isoformat()} overlaps the period "
                f"from {before.start.isoformat()}"
            )
    return tuple(period for _, period in ordered)


def parse_facts(doc: Any) -> Facts:
    """The facts of a JSON-decoded document; `FactsError` for anything off-contract."""
    obj = _object(doc, "", TOP_FIELDS)
    raw_periods = obj.get("status_periods")
    if raw_periods is None:
        raise FactsError("status_periods: required")
    periods = _list(obj, "status_periods", _status_period) or ()
    person = obj.get("person")
    return Facts(
        status_periods=_no_overlaps(periods),
        as_of=_date(obj.get("as_of"), "as_of"),
        person=Person() if person is None else _person(person, "person"),
        language_certificates=_list(obj, "language_certificates", _certificate),
        schooling=None
        if obj.get("schooling") is None
        else _schooling(obj["schooling"], "schooling"),
        employment=_list(obj, "employment", _employment),
        benefits=_list(obj, "benefits", _benefit),
        livelihood_secured=_bool(obj.get("livelihood_secured"), "livelihood_secured"),
        convictions=_list(obj, "convictions", _conviction),
        children=_list(obj, "children", _child),
    )
