"""The SQL narrowing of target groups never changes who is in a group.

Hypothesis draws status histories (gaps around the three-month tolerance,
§ 60b periods, § 104c and other permits, periods ending or starting around
the day), residence facts, certificates, employment, benefits and children
for a few persons, and the day of the list; every group computed from the
narrowed candidates equals the group computed by evaluating every candidate
(`narrow=False`). The unit tests below show that the narrowing does narrow.
"""

import datetime
import itertools
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.residence.deadlines import add_months
from lotse.residence.groups import GROUPS, candidate_count, target_group
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
PERSONS = 6

KINDS = (
    "duldung",
    "duldung",
    "duldung_60b",
    "gestattung",
    "aufenthaltserlaubnis",
    "niederlassungserlaubnis",
    "blaue_karte",
    "none",
)
CURRENT_KINDS = ("duldung", "duldung", "duldung_60b", "aufenthaltserlaubnis", "gestattung")
PARAGRAPHS = ("104c AufenthG", "104c AufenthG", "§ 104c", "25 Abs. 5 AufenthG", "25b (nicht 104c)")
# Interruptions around the tolerated three months, and none at all.
GAPS = (0, 0, 0, 0, 1, 31, 89, 91, 92, 93, 150, 400)
LENGTHS = st.one_of(st.integers(1, 120), st.integers(120, 1200), st.sampled_from([365, 730, 1461]))


def _flag(favourable: bool | None) -> st.SearchStrategy[bool | None]:
    """Mostly the answer § 25b wants, so that whole persons qualify often enough."""
    others = [v for v in (None, True, False) if v is not favourable]
    return st.sampled_from([favourable] * 6 + others)


@st.composite
def histories(draw: Any, today: datetime.date) -> list[dict[str, Any]]:
    """From an arrival some years back (often about six) to the period around
    `today`, cut into periods with gaps between them; none overlapping."""
    arrival = today - draw(st.one_of(st.integers(1000, 2800), st.integers(2100, 2300))) * DAY
    kind = draw(st.sampled_from(CURRENT_KINDS))
    start = max(arrival, today - draw(st.one_of(st.integers(0, 400), st.just(0))) * DAY)
    end = draw(st.one_of(st.none(), st.integers(-3, 500).map(lambda n: today + n * DAY)))
    if end is not None and end < start:
        end = start
    periods = [_period(draw, kind, start, end)]
    if end is not None and draw(st.booleans()):
        after = end + (draw(st.sampled_from(GAPS)) + 1) * DAY
        periods.append(_period(draw, draw(st.sampled_from(KINDS)), after, None))
    span = (start - arrival).days
    cuts = sorted(set(draw(st.lists(st.integers(0, span), max_size=4)))) if span else []
    bounds = [arrival, *(arrival + n * DAY for n in cuts if n), start]
    for begin, following in itertools.pairwise(bounds):
        until = following - (draw(st.sampled_from(GAPS)) + 1) * DAY
        if until >= begin:
            periods.append(_period(draw, draw(st.sampled_from(KINDS)), begin, until))
    return periods


def _period(
    draw: Any, kind: str, start: datetime.date, end: datetime.date | None
) -> dict[str, Any]:
    paragraph = ""
    if kind == "aufenthaltserlaubnis":
        paragraph = draw(st.sampled_from(PARAGRAPHS))
    elif kind == "blaue_karte":
        paragraph = "18g AufenthG"
    return {"kind": kind, "paragraph": paragraph, "valid_from": start, "valid_until": end}


@st.composite
def residence_files(draw: Any, today: datetime.date) -> dict[str, Any]:
    def near(days: int) -> st.SearchStrategy[datetime.date]:
        return st.integers(-days, 60).map(lambda n: today + n * DAY)

    facts = None
    integrated = draw(st.booleans())
    if integrated:
        # Everything § 25b asks besides the period of stay, but the child (4 or 6 years).
        facts = {
            "fdgo_commitment": True,
            "civic_knowledge": True,
            "identity_deception": False,
            "living_with_minor_child": draw(st.sampled_from([None, True, False])),
            "livelihood_secured": True,
            "german_qualification": True,
            "children_complete": True,
        }
    elif draw(st.integers(0, 4)):
        facts = {
            "fdgo_commitment": draw(_flag(True)),
            "civic_knowledge": draw(_flag(True)),
            "identity_deception": draw(_flag(False)),
            "living_with_minor_child": draw(st.sampled_from([None, True, False])),
            "livelihood_secured": draw(st.sampled_from([None, None, True, True, False])),
            "german_qualification": draw(st.sampled_from([None, True, False])),
            "certificates_complete": draw(st.booleans()),
            "employment_complete": draw(st.booleans()),
            "benefits_complete": draw(st.booleans()),
            "convictions_complete": draw(st.booleans()),
            "children_complete": draw(st.sampled_from([True, True, True, False])),
        }
    return {
        "periods": draw(histories(today)),
        "facts": facts,
        "certificates": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "level": st.sampled_from(["A1", "A2", "B1", "C2"]),
                        "oral_only": st.booleans(),
                        "issued_on": near(2000),
                    }
                ),
                max_size=2,
            )
        ),
        "employment": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "valid_from": near(2000),
                        "days": st.one_of(st.none(), st.integers(0, 900)),
                        "hours_per_week": st.integers(0, 40),
                        "social_insurance": st.booleans(),
                    }
                ),
                max_size=2,
            )
        ),
        "benefits": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "benefit": st.sampled_from(["sgb2", "asylblg", "wohngeld"]),
                        "valid_from": near(2000),
                        "days": st.one_of(st.none(), st.integers(0, 900)),
                    }
                ),
                max_size=1,
            )
        ),
        "children": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "birth_date": st.integers(30, 20 * 365).map(lambda n: today - n * DAY),
                        "attends_school": st.sampled_from([None, True, True, False]),
                    }
                ),
                max_size=0 if integrated else 2,
            )
        ),
    }


@st.composite
def worlds(draw: Any) -> tuple[datetime.date, list[dict[str, Any]]]:
    today = draw(
        st.one_of(
            st.dates(datetime.date(2022, 6, 1), datetime.date(2027, 12, 31)),
            # Around § 25b's new version (31.12.2022) and leap days.
            st.sampled_from(
                [
                    datetime.date(2022, 12, 30),
                    datetime.date(2022, 12, 31),
                    datetime.date(2024, 2, 29),
                    datetime.date(2028, 2, 29),
                ]
            ),
        )
    )
    return today, [draw(residence_files(today)) for _ in range(PERSONS)]


def _until(start: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else start + days * DAY


def _store(person: Any, file: dict[str, Any]) -> None:
    StatusPeriod.objects.bulk_create(
        StatusPeriod(person=person, **period) for period in file["periods"]
    )
    if file["facts"] is not None:
        ResidenceFacts.objects.create(person=person, **file["facts"])
    LanguageCertificate.objects.bulk_create(
        LanguageCertificate(person=person, **c) for c in file["certificates"]
    )
    EmploymentSpell.objects.bulk_create(
        EmploymentSpell(
            person=person,
            valid_from=e["valid_from"],
            valid_until=_until(e["valid_from"], e["days"]),
            hours_per_week=e["hours_per_week"],
            social_insurance=e["social_insurance"],
        )
        for e in file["employment"]
    )
    BenefitPeriod.objects.bulk_create(
        BenefitPeriod(
            person=person,
            benefit=b["benefit"],
            valid_from=b["valid_from"],
            valid_until=_until(b["valid_from"], b["days"]),
        )
        for b in file["benefits"]
    )
    Child.objects.bulk_create(Child(person=person, **c) for c in file["children"])


def _seen(rows: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.person_id, r.current.pk, r.outcome, r.due) for r in rows]


class _Rollback(Exception):
    pass


@pytest.fixture
def persons(caritas, alice):
    return [f.case(caritas, managers=(alice,), actor=alice).person for _ in range(PERSONS)]


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_the_narrowed_groups_equal_the_full_evaluation(persons, alice, world):
    today, files = world
    try:
        with transaction.atomic():
            for person, file in zip(persons, files, strict=True):
                _store(person, file)
            for group in GROUPS:
                narrowed = target_group(alice, group, today=today)
                full = target_group(alice, group, today=today, narrow=False)
                assert _seen(narrowed) == _seen(full), group
            raise _Rollback
    except _Rollback:
        pass


# --- The narrowing narrows --------------------------------------------------


def _tolerated_since(person: Any, actor: Any, start: datetime.date) -> None:
    f.status_period(
        person, actor, kind="gestattung", valid_from=start, valid_until=start + 99 * DAY
    )
    f.status_period(person, actor, kind="duldung", valid_from=start + 100 * DAY)


def test_who_has_held_status_for_six_years_without_a_gap_is_not_evaluated_for_within_6_months(
    caritas, alice
):
    today = datetime.date(2026, 11, 21)
    long_ago = f.case(caritas, managers=(alice,), actor=alice).person
    _tolerated_since(long_ago, alice, datetime.date(2018, 1, 1))
    soon = f.case(caritas, managers=(alice,), actor=alice).person
    _tolerated_since(soon, alice, add_months(today, -72 + 2))
    recent = f.case(caritas, managers=(alice,), actor=alice).person
    _tolerated_since(recent, alice, datetime.date(2024, 1, 1))
    assert candidate_count(alice, "25b_within_6_months", today=today) == 1
    (row,) = target_group(alice, "25b_within_6_months", today=today)
    assert row.person_id == soon.pk
    assert _seen(target_group(alice, "25b_within_6_months", today=today, narrow=False)) == _seen(
        [row]
    )


def test_without_the_favourable_facts_nobody_is_evaluated_for_25b_now(caritas, alice):
    today = datetime.date(2026, 11, 21)
    person = f.case(caritas, managers=(alice,), actor=alice).person
    _tolerated_since(person, alice, datetime.date(2016, 1, 1))
    assert candidate_count(alice, "25b_now", today=today) == 0
    ResidenceFacts.objects.create(
        person=person,
        fdgo_commitment=True,
        civic_knowledge=True,
        identity_deception=False,
        children_complete=True,
        livelihood_secured=True,
        german_qualification=True,
    )
    assert candidate_count(alice, "25b_now", today=today) == 1
    assert [r.person_id for r in target_group(alice, "25b_now", today=today)] == [person.pk]
    # Before § 25b's version of 31.12.2022 no list "now" is evaluated at all.
    assert candidate_count(alice, "25b_now", today=datetime.date(2022, 12, 30)) == 0


def test_the_benchmark_picks_the_user_seeing_most_candidates_and_compares(caritas, alice):
    import io

    from django.core.management import call_command

    today = timezone.localdate()
    for months in (-72 + 2, -120):
        person = f.case(caritas, managers=(alice,), actor=alice).person
        _tolerated_since(person, alice, add_months(today, months))
    out = io.StringIO()
    call_command("bench_target_groups", "--full", stdout=out)
    text = out.getvalue()
    assert text.startswith("user alice: 2 current Duldungen")
    assert "25b_within_6_months: 1 evaluated after narrowing" in text
    assert "1 in the group" in text and "every candidate evaluated" in text
