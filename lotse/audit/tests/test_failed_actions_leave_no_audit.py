"""An action that fails leaves neither its change nor its audit row behind.

Two kinds of failure: bad input refused by the action's validation, and a
failure after the audit row was already written (simulated by making the
audit call raise once it has written its row). The second proves that the
audit row lives in the action's own transaction.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

import lotse.access.actions
import lotse.cases.actions
import lotse.people.actions
from lotse.access.actions import do_record_consent, do_withdraw_consent
from lotse.access.models import Consent
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
from lotse.cases.models import Case, CaseManagerAssignment, CaseParticipant
from lotse.core.errors import StaleObject
from lotse.people.actions import do_add_detail, do_create_person, do_remove_detail, do_update_person
from lotse.people.models import Address, NameSpelling, Nationality, Person
from lotse.testing import factories as f

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def case(caritas, alice):
    return f.case(caritas, managers=(alice,), actor=alice)


def _state() -> tuple[Any, ...]:
    """Everything the actions can change, to prove a failed one changed nothing."""
    return (
        list(Person.objects.values_list("id", "family_name", "birth_place", "sex")),
        list(NameSpelling.objects.values_list("id", flat=True)),
        list(Address.objects.values_list("id", flat=True)),
        list(Nationality.objects.values_list("id", flat=True)),
        list(Case.objects.values_list("id", "phase", "summary", "version", "closed_on")),
        list(CaseParticipant.objects.values_list("id", flat=True)),
        list(CaseManagerAssignment.objects.values_list("id", flat=True)),
        list(Consent.objects.values_list("id", "withdrawn_on")),
    )


BAD_INPUT: dict[str, Callable[..., Any]] = {
    "do_create_person unknown field": lambda c, a, o: do_create_person(
        a, c.organisation, given_names="A", family_name="B", religion="x"
    ),
    # The person row and its audit row are written before the spelling fails.
    "do_create_person empty spelling": lambda c, a, o: do_create_person(
        a, c.organisation, given_names="A", family_name="B", spellings=[{"kind": "alias"}]
    ),
    "do_update_person bad sex": lambda c, a, o: do_update_person(a, c.person, sex="q"),
    "do_add_detail bad country": lambda c, a, o: do_add_detail(
        a, Nationality(person=c.person, country="Syria")
    ),
    "do_open_case in the future": lambda c, a, o: do_open_case(
        a, c.person, organisation=c.organisation, programme="mbe", opened_on=TOMORROW
    ),
    "do_open_case second open case": lambda c, a, o: do_open_case(
        a, c.person, organisation=c.organisation, programme="kim"
    ),
    "do_update_case stale version": lambda c, a, o: do_update_case(
        a, c, expected_version=99, summary="x"
    ),
    "do_update_case forbidden field": lambda c, a, o: do_update_case(a, c, phase="closed"),
    "do_change_phase to closed": lambda c, a, o: do_change_phase(a, c, "closed"),
    "do_close_case without reason": lambda c, a, o: do_close_case(a, c, reason=""),
    "do_add_participant owner": lambda c, a, o: do_add_participant(a, c, c.organisation),
    "do_assign_manager foreign user": lambda c, a, o: do_assign_manager(a, c, o),
    "do_record_consent without recipients": lambda c, a, o: do_record_consent(
        a,
        c.person,
        text=f.consent_text(),
        purpose="x",
        recipients=[],
        categories=["identity"],
        given_on=timezone.localdate(),
        form="written",
        language="de",
    ),
    "do_withdraw_consent in the future": lambda c, a, o: do_withdraw_consent(
        a, f.consent(c, [o.memberships.first().organisation]), withdrawn_on=TOMORROW
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_it_writes_no_audit_row_for_refused_input(case, alice, carol, name):
    before, mark = _state(), audit_mark()
    # Setting up (a consent to withdraw) may itself write rows: only the failure must not.
    with pytest.raises(ValidationError) as raised:
        BAD_INPUT[name](case, alice, carol)
    if name.startswith("do_withdraw_consent"):
        consent = Consent.objects.get()
        assert consent.withdrawn_on is None
        assert [e.action for e in entries_after(mark)] == ["create"]
        return
    assert entries_after(mark) == []
    assert _state() == before
    if name == "do_update_case stale version":
        assert isinstance(raised.value, StaleObject)
    verify()


def _fail_after_audit(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[Any]:
    """Make the module's record_change write its row and then fail the action."""
    written: list[Any] = []
    real = module.record_change

    def record_then_fail(*args: Any, **kwargs: Any) -> Any:
        entry = real(*args, **kwargs)
        written.append(entry)
        raise ValidationError("failure after the audit row was written")

    monkeypatch.setattr(module, "record_change", record_then_fail)
    return written


# (module whose record_change fails, the action) – every action in the three modules.
AFTER_AUDIT: dict[str, tuple[Any, Callable[..., Any]]] = {
    "do_create_person": (
        lotse.people.actions,
        lambda c, a, x: do_create_person(a, c.organisation, given_names="A", family_name="B"),
    ),
    "do_update_person": (
        lotse.people.actions,
        lambda c, a, x: do_update_person(a, c.person, birth_place="Homs"),
    ),
    "do_add_detail": (
        lotse.people.actions,
        lambda c, a, x: do_add_detail(a, Nationality(person=c.person, country="SYR")),
    ),
    "do_remove_detail": (lotse.people.actions, lambda c, a, x: do_remove_detail(a, x["spelling"])),
    "do_open_case": (
        lotse.cases.actions,
        lambda c, a, x: do_open_case(a, c.person, organisation=c.organisation, programme="mbe"),
    ),
    "do_update_case": (lotse.cases.actions, lambda c, a, x: do_update_case(a, c, summary="neu")),
    "do_change_phase": (lotse.cases.actions, lambda c, a, x: do_change_phase(a, c, "planning")),
    "do_close_case": (lotse.cases.actions, lambda c, a, x: do_close_case(a, c, reason="other")),
    "do_add_participant": (
        lotse.cases.actions,
        lambda c, a, x: do_add_participant(a, c, x["jobcentre"]),
    ),
    "do_remove_participant": (
        lotse.cases.actions,
        lambda c, a, x: do_remove_participant(a, x["participant"]),
    ),
    "do_assign_manager": (
        lotse.cases.actions,
        lambda c, a, x: do_assign_manager(a, c, x["colleague"]),
    ),
    "do_record_consent": (
        lotse.access.actions,
        lambda c, a, x: f.consent(c, [x["jobcentre"]], ("identity",), actor=a),
    ),
    "do_withdraw_consent": (
        lotse.access.actions,
        lambda c, a, x: do_withdraw_consent(a, x["consent"], withdrawn_on=timezone.localdate()),
    ),
}


@pytest.mark.parametrize("name", list(AFTER_AUDIT))
def test_it_rolls_back_the_audit_row_with_the_action(
    monkeypatch, case, alice, jobcentre, drk, name
):
    extra = {
        "jobcentre": jobcentre,
        "colleague": f.staff(case.organisation, username="kim"),
        "spelling": NameSpelling.objects.create(
            person=case.person, given_names="Amena", kind="alias"
        ),
        "participant": CaseParticipant.objects.create(case=case, organisation=drk),
        "consent": f.consent(case, [jobcentre], ("identity",), actor=alice),
    }
    before, mark = _state(), audit_mark()
    module, action = AFTER_AUDIT[name]
    written = _fail_after_audit(monkeypatch, module)

    with pytest.raises(ValidationError, match="after the audit row"):
        action(case, alice, extra)

    assert written, "the action must have written its audit row before failing"
    assert entries_after(mark) == []
    assert _state() == before
    verify()  # The chain head rolled back too: the next append links correctly.
    monkeypatch.undo()
    do_update_person(None, case.person, birth_place="Köln")
    verify()
