"""Every action writes its audit rows: actor, organisation, object, old and new value per field.

The number of rows per action is part of the contract and listed here:
one per action, except do_create_person (one more per name spelling),
do_open_case with managers (the assignment is a second row), and no row when
nothing changed (do_update_person with equal values, do_assign_manager of a
manager already assigned).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.accounts.choices import Role
from lotse.audit.tests.helpers import audit_mark, entries_after, verify
from lotse.cases.actions import (
    do_add_participant,
    do_assign_manager,
    do_change_phase,
    do_close_case,
    do_open_case,
    do_remove_participant,
    do_update_case,
)
from lotse.people.actions import do_add_detail, do_create_person, do_remove_detail, do_update_person
from lotse.people.models import Address, NameSpelling
from lotse.testing import factories as f

TODAY = timezone.localdate


@dataclass
class World:
    caritas: Any
    jobcentre: Any
    alice: Any
    colleague: Any
    case: Any

    @property
    def person(self) -> Any:
        return self.case.person


@dataclass(frozen=True)
class Row:
    action: str
    object_type: str
    changes: dict[str, list[Any]]
    # Compare the whole changes dict (True) or only the listed fields (False).
    exact: bool = False
    categories: frozenset[str] = frozenset()


def _create_person(w: World) -> tuple[Any, list[Row]]:
    p = do_create_person(w.alice, w.caritas, given_names="Omar", family_name="Ahmadi", sex="m")
    changes = {
        "given_names": [None, "Omar"],
        "family_name": [None, "Ahmadi"],
        "sex": [None, "m"],
        "registered_by_id": [None, w.caritas.pk],
        "created_by_id": [None, w.alice.pk],
    }
    return p, [Row("create", "people.person", changes, categories=frozenset({"identity"}))]


def _create_person_with_spellings(w: World) -> tuple[Any, list[Row]]:
    p = do_create_person(
        w.alice,
        w.caritas,
        given_names="Mohammed",
        family_name="Ahmadi",
        spellings=[
            {"given_names": "Muhammad", "kind": "transliteration"},
            {"given_names": "Mohamad", "kind": "office_record"},
        ],
    )
    ident = frozenset({"identity"})
    return p, [
        Row("create", "people.person", {"given_names": [None, "Mohammed"]}, categories=ident),
        Row("create", "people.namespelling", {"given_names": [None, "Muhammad"]}, categories=ident),
        Row("create", "people.namespelling", {"given_names": [None, "Mohamad"]}, categories=ident),
    ]


def _update_person(w: World) -> tuple[Any, list[Row]]:
    do_update_person(w.alice, w.person, family_name="Hadad", birth_place="Aleppo")
    changes = {"family_name": ["Haddad", "Hadad"], "birth_place": ["", "Aleppo"]}
    return w.person, [
        Row("update", "people.person", changes, exact=True, categories=frozenset({"identity"}))
    ]


def _update_person_unchanged(w: World) -> tuple[Any, list[Row]]:
    do_update_person(w.alice, w.person, family_name=w.person.family_name)
    return w.person, []


def _add_address(w: World) -> tuple[Any, list[Row]]:
    address = do_add_detail(
        w.alice,
        Address(person=w.person, street="Lindenweg 3", place="Musterstadt", valid_from=TODAY()),
    )
    changes = {"street": [None, "Lindenweg 3"], "valid_from": [None, TODAY().isoformat()]}
    return address, [Row("create", "people.address", changes, categories=frozenset({"contact"}))]


def _remove_spelling(w: World) -> tuple[Any, list[Row]]:
    spelling = NameSpelling.objects.create(
        person=w.person, given_names="Amena", kind="transliteration"
    )
    do_remove_detail(w.alice, spelling)
    changes = {"given_names": ["Amena", None], "kind": ["transliteration", None]}
    return spelling, [
        Row("delete", "people.namespelling", changes, categories=frozenset({"identity"}))
    ]


def _open_case(w: World) -> tuple[Any, list[Row]]:
    case = do_open_case(w.alice, w.person, organisation=w.caritas, programme="mbe")
    changes = {"programme": [None, "mbe"], "phase": [None, "clearing"]}
    return case, [Row("create", "cases.case", changes, categories=frozenset({"case_notes"}))]


def _open_case_with_managers(w: World) -> tuple[Any, list[Row]]:
    case = do_open_case(
        w.alice, w.person, organisation=w.caritas, programme="jmd", managers=[w.alice]
    )
    notes = frozenset({"case_notes"})
    return case, [
        Row("create", "cases.case", {"programme": [None, "jmd"]}, categories=notes),
        Row(
            "update", "cases.case", {"managers": [None, [w.alice.pk]]}, exact=True, categories=notes
        ),
    ]


def _update_case(w: World) -> tuple[Any, list[Row]]:
    case = do_update_case(w.alice, w.case, expected_version=1, summary="Sprachkurs gesucht")
    changes = {"summary": ["", "Sprachkurs gesucht"], "version": [1, 2]}
    return case, [
        Row("update", "cases.case", changes, exact=True, categories=frozenset({"case_notes"}))
    ]


def _change_phase(w: World) -> tuple[Any, list[Row]]:
    case = do_change_phase(w.alice, w.case, "assessment")
    changes = {"phase": ["clearing", "assessment"], "version": [1, 2]}
    return case, [
        Row("update", "cases.case", changes, exact=True, categories=frozenset({"case_notes"}))
    ]


def _close_case(w: World) -> tuple[Any, list[Row]]:
    case = do_close_case(w.alice, w.case, reason="goals_achieved")
    changes = {
        "phase": ["clearing", "closed"],
        "closed_on": [None, TODAY().isoformat()],
        "closing_reason": ["", "goals_achieved"],
        "version": [1, 2],
    }
    return case, [
        Row("update", "cases.case", changes, exact=True, categories=frozenset({"case_notes"}))
    ]


def _add_participant(w: World) -> tuple[Any, list[Row]]:
    participant = do_add_participant(w.alice, w.case, w.jobcentre, purpose="Arbeitssuche")
    changes = {"organisation_id": [None, w.jobcentre.pk], "purpose": [None, "Arbeitssuche"]}
    return participant, [Row("create", "cases.caseparticipant", changes)]


def _remove_participant(w: World) -> tuple[Any, list[Row]]:
    participant = f.participant(w.case, w.jobcentre, w.alice)
    do_remove_participant(w.alice, participant)
    return participant, [
        Row("delete", "cases.caseparticipant", {"organisation_id": [w.jobcentre.pk, None]})
    ]


def _assign_manager(w: World) -> tuple[Any, list[Row]]:
    do_assign_manager(w.alice, w.case, w.colleague)
    changes = {"managers_added": [None, w.colleague.pk]}
    return w.case, [
        Row("update", "cases.case", changes, exact=True, categories=frozenset({"case_notes"}))
    ]


def _assign_manager_again(w: World) -> tuple[Any, list[Row]]:
    do_assign_manager(w.alice, w.case, w.alice)
    return w.case, []


def _record_consent(w: World) -> tuple[Any, list[Row]]:
    consent = f.consent(w.case, [w.jobcentre], ("identity", "contact"), actor=w.alice)
    changes = {
        "recipients": [None, [w.jobcentre.pk]],
        "categories": [None, ["identity", "contact"]],
        "purpose": [None, "Abstimmung im Fallmanagement"],
    }
    return consent, [Row("create", "access.consent", changes, categories=frozenset({"identity"}))]


def _withdraw_consent(w: World) -> tuple[Any, list[Row]]:
    consent = f.consent(w.case, [w.jobcentre], ("identity",), actor=w.alice)
    do_withdraw_consent(w.alice, consent, withdrawn_on=TODAY(), note="mündlich widerrufen")
    changes = {
        "withdrawn_on": [None, TODAY().isoformat()],
        "withdrawal_note": ["", "mündlich widerrufen"],
    }
    return consent, [
        Row("withdraw", "access.consent", changes, exact=True, categories=frozenset({"identity"}))
    ]


ACTIONS: dict[str, Callable[[World], tuple[Any, list[Row]]]] = {
    "do_create_person": _create_person,
    "do_create_person with spellings": _create_person_with_spellings,
    "do_update_person": _update_person,
    "do_update_person without change": _update_person_unchanged,
    "do_add_detail": _add_address,
    "do_remove_detail": _remove_spelling,
    "do_open_case": _open_case,
    "do_open_case with managers": _open_case_with_managers,
    "do_update_case": _update_case,
    "do_change_phase": _change_phase,
    "do_close_case": _close_case,
    "do_add_participant": _add_participant,
    "do_remove_participant": _remove_participant,
    "do_assign_manager": _assign_manager,
    "do_assign_manager already assigned": _assign_manager_again,
    "do_record_consent": _record_consent,
    "do_withdraw_consent": _withdraw_consent,
}


@pytest.fixture
def world(caritas, jobcentre, alice):
    colleague = f.staff(caritas, Role.CASE_MANAGER, username="konstantin")
    case = f.case(caritas, managers=(alice,), actor=alice)
    return World(caritas, jobcentre, alice, colleague, case)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_it_writes_the_documented_audit_rows(world, name):
    mark = audit_mark()

    obj, expected = ACTIONS[name](world)

    # Rows written while setting up the scenario (a spelling, a participant,
    # a consent to withdraw) come first; the action's own rows are the last ones.
    rows = entries_after(mark)[-len(expected) :] if expected else []
    if not expected:
        assert entries_after(mark) == []
        return
    person_id = getattr(obj, "person_id", None) or world.person.pk
    if name == "do_create_person" or name.startswith("do_create_person "):
        person_id = obj.pk
    for row, want in zip(rows, expected, strict=True):
        assert row.action == want.action
        assert row.object_type == want.object_type
        assert row.actor_id == world.alice.pk
        assert row.actor_name == "alice"
        assert row.organisation_id == world.caritas.pk
        assert row.person_id == person_id
        assert set(row.categories) == set(want.categories)
        if want.exact:
            assert row.changes == want.changes
        else:
            for field, pair in want.changes.items():
                assert row.changes[field] == pair, field
    assert rows[0].object_id == str(obj.pk)
    verify()


def test_it_names_the_case_of_case_rows(world):
    mark = audit_mark()
    participant = do_add_participant(world.alice, world.case, world.jobcentre)
    do_change_phase(world.alice, world.case, "planning")
    added, phase = entries_after(mark)
    assert (added.case_id, added.object_id) == (world.case.pk, str(participant.pk))
    assert (phase.case_id, phase.object_id) == (world.case.pk, str(world.case.pk))


def test_it_records_the_acting_system_when_there_is_no_user(caritas):
    mark = audit_mark()
    person = do_create_person(None, caritas, given_names="Lena", family_name="Kraus")
    (row,) = entries_after(mark)
    assert (row.actor_id, row.actor_name, row.organisation_id) == (None, "system", None)
    assert row.person_id == person.pk
    assert row.at <= timezone.now() < row.at + datetime.timedelta(minutes=1)
