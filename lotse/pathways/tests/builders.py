"""Small facts documents for the pathway tests: only what a test is about is set."""

from typing import Any

AS_OF = "2026-11-21"


def period(
    kind: str, start: str, end: str | None = None, paragraph: str | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": kind, "from": start, "to": end}
    if paragraph is not None:
        entry["paragraph"] = paragraph
    return entry


def document(*periods: dict[str, Any], as_of: str = AS_OF, **fields: Any) -> dict[str, Any]:
    person = fields.pop("person", {})
    return {"as_of": as_of, "person": person, "status_periods": list(periods), **fields}


def well_integrated(
    *periods: dict[str, Any], as_of: str = AS_OF, **overrides: Any
) -> dict[str, Any]:
    """A person who meets every non-time criterion of the AufenthG pathways."""
    person = {
        "birth_date": "2001-05-03",
        "entry_date": "2015-09-01",
        "identity_clarified_on": "2016-01-10",
        "identity_deception": False,
        "fdgo_commitment": True,
        "civic_knowledge": True,
        "naturalisation_test_passed": True,
        "living_with_minor_child": False,
        "integration_course_obliged": False,
        "integration_course_completed": False,
    }
    person.update(overrides.pop("person", {}))
    fields: dict[str, Any] = {
        "language_certificates": [{"level": "B1", "oral_only": False, "date": "2020-06-30"}],
        "schooling": {"years_successful_in_germany": 3, "german_qualification": False},
        "employment": [
            {"from": "2019-01-01", "to": None, "hours_per_week": 38, "social_insurance": True}
        ],
        "benefits": [],
        "livelihood_secured": True,
        "convictions": [],
        "children": [],
    }
    fields.update(overrides)
    return document(*periods, as_of=as_of, person=person, **fields)


def pathway(result: dict[str, Any], pathway_id: str) -> dict[str, Any]:
    return next(p for p in result["pathways"] if p["id"] == pathway_id)


def criterion(result: dict[str, Any], pathway_id: str, criterion_id: str) -> dict[str, Any]:
    return next(c for c in pathway(result, pathway_id)["criteria"] if c["id"] == criterion_id)
