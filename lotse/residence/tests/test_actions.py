"""The residence actions refuse impossible input with a clear message and save nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.core.errors import StaleObject
from lotse.residence.actions import do_add_row, do_change_row, do_remove_row, do_save_facts
from lotse.residence.models import (
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def _changes() -> int:
    return AuditEntry.objects.exclude(action="read").count()


def test_it_refuses_an_overlapping_period_and_saves_nothing(person, alice, history):
    before = _changes()
    overlapping = StatusPeriod(
        person=person,
        kind="aufenthaltserlaubnis",
        paragraph="25 Abs. 5 AufenthG",
        valid_from=datetime.date(2018, 1, 1),
        valid_until=datetime.date(2018, 12, 31),
    )
    with pytest.raises(ValidationError) as refused:
        do_add_row(alice, overlapping)
    message = " ".join(refused.value.messages)
    assert "overlaps" in message and "01.09.2016" not in message
    assert "Permission to reside during the asylum procedure" in message
    assert StatusPeriod.objects.filter(person=person).count() == 2
    assert _changes() == before


def test_it_refuses_a_period_inside_an_open_ended_one(person, alice, history):
    with pytest.raises(ValidationError, match="overlaps"):
        f.status_period(person, alice, kind="duldung_60b", valid_from=datetime.date(2030, 1, 1))


def test_it_accepts_a_period_starting_the_day_after_the_last_one_ends(person, alice):
    f.status_period(
        person, alice, valid_from=datetime.date(2019, 1, 1), valid_until=datetime.date(2019, 12, 31)
    )
    f.status_period(person, alice, kind="duldung_60b", valid_from=datetime.date(2020, 1, 1))
    assert StatusPeriod.objects.filter(person=person).count() == 2


def test_it_refuses_a_change_that_makes_periods_overlap(person, alice, history):
    first = history[0]
    with pytest.raises(ValidationError, match="overlaps"):
        do_change_row(alice, first, valid_until=datetime.date(2018, 4, 1))
    first.refresh_from_db()
    assert first.valid_until == datetime.date(2018, 3, 31)
    assert first.version == 1


def test_it_refuses_an_end_before_the_start(person, alice):
    before = _changes()
    with pytest.raises(ValidationError) as refused:
        f.status_period(
            person,
            alice,
            valid_from=datetime.date(2020, 5, 1),
            valid_until=datetime.date(2020, 4, 30),
        )
    assert refused.value.message_dict["valid_until"] == ["The end lies before the start."]
    assert not StatusPeriod.objects.filter(person=person).exists()
    assert _changes() == before


def test_it_asks_for_the_legal_basis_of_a_residence_permit(person, alice):
    with pytest.raises(ValidationError) as refused:
        f.status_period(person, alice, kind="aufenthaltserlaubnis", paragraph=" ")
    assert "paragraph" in refused.value.message_dict


def test_it_refuses_dates_in_the_future_where_they_cannot_be(person, alice):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        do_add_row(alice, LanguageCertificate(person=person, level="A2", issued_on=tomorrow))
    assert refused.value.message_dict["issued_on"] == ["This date lies in the future."]
    with pytest.raises(ValidationError):
        do_add_row(alice, Conviction(person=person, convicted_on=tomorrow))
    with pytest.raises(ValidationError) as refused:
        do_save_facts(alice, person, entry_date=tomorrow)
    assert "entry_date" in refused.value.message_dict
    assert not ResidenceFacts.objects.filter(person=person).exists()
    assert not LanguageCertificate.objects.exists() and not Conviction.objects.exists()


def test_it_refuses_identity_clarified_before_entry(person, alice):
    with pytest.raises(ValidationError) as refused:
        do_save_facts(
            alice,
            person,
            entry_date=datetime.date(2016, 1, 1),
            identity_clarified_on=datetime.date(2015, 1, 1),
        )
    assert "identity_clarified_on" in refused.value.message_dict


def test_it_refuses_a_change_based_on_an_old_version(person, alice, history):
    first = history[0]
    do_change_row(alice, first, expected_version=1, issuing_office="ABH Musterkreis")
    with pytest.raises(StaleObject):
        do_change_row(alice, first, expected_version=1, document_number="X1")
    first.refresh_from_db()
    assert (first.version, first.document_number) == (2, "")


def test_it_audits_add_change_and_remove(person, alice):
    spell = do_add_row(
        alice,
        EmploymentSpell(person=person, valid_from=datetime.date(2022, 1, 1), hours_per_week=30),
    )
    do_change_row(alice, spell, hours_per_week=35)
    do_remove_row(alice, spell)
    entries = list(
        AuditEntry.objects.filter(object_type="residence.employmentspell").order_by("id")
    )
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].changes["hours_per_week"] == [30, 35]
    assert all(e.person_id == person.pk and e.categories == {"residence"} for e in entries)


def test_it_saves_facts_once_and_then_changes_them(person, alice):
    facts = do_save_facts(alice, person, fdgo_commitment=True)
    facts = do_save_facts(alice, person, expected_version=facts.version, civic_knowledge=False)
    assert ResidenceFacts.objects.filter(person=person).count() == 1
    assert (facts.fdgo_commitment, facts.civic_knowledge, facts.version) == (True, False, 2)
    with pytest.raises(StaleObject):
        do_save_facts(alice, person, expected_version=1, civic_knowledge=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraint: PostgreSQL")
def test_it_holds_the_overlap_rule_in_the_database_too(person, history):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusPeriod.objects.create(
            person=person, kind="duldung_60b", valid_from=datetime.date(2024, 1, 1)
        )


def test_it_holds_the_period_order_in_the_database(person):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusPeriod.objects.create(
            person=person,
            kind="duldung",
            valid_from=datetime.date(2024, 1, 2),
            valid_until=datetime.date(2024, 1, 1),
        )
