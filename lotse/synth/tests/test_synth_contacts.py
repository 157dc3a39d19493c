"""The synthetic contact log: inside each case's lifetime, deterministic, some cases dormant."""

import datetime

import pytest
from django.db.models import F, Max

from lotse.cases.models import Case
from lotse.contacts.models import Contact
from lotse.synth.tests.helpers import TODAY, small_run

pytestmark = pytest.mark.django_db


def _log():
    return list(
        Contact.objects.order_by(
            "case_id", "occurred_on", "channel", "duration_minutes"
        ).values_list(
            "case_id", "occurred_on", "channel", "duration_minutes", "interpreter_language", "note"
        )
    )


def test_it_writes_contacts_within_each_case_lifetime():
    result = small_run(persons=200)
    assert result.rows["contacts_contact"] == Contact.objects.count() > 0
    assert not Contact.objects.filter(occurred_on__lt=F("case__opened_on")).exists()
    assert not Contact.objects.filter(occurred_on__gt=TODAY).exists()
    assert not Contact.objects.filter(
        case__closed_on__isnull=False, occurred_on__gt=F("case__closed_on")
    ).exists()
    assert not Contact.objects.filter(
        recorded_by__isnull=True, case__managers__isnull=False
    ).exists()


def test_it_leaves_some_open_cases_dormant():
    small_run(persons=300)
    since = TODAY - datetime.timedelta(weeks=12)
    open_cases = Case.objects.open().filter(opened_on__lt=since)
    latest = open_cases.annotate(last=Max("contacts__occurred_on"))
    dormant = [c for c in latest if c.last is None or c.last < since]
    assert 0 < len(dormant) < open_cases.count()


def test_it_draws_the_same_log_from_the_same_seed(django_db_blocker):
    small_run(persons=80, seed=5)
    first = _log()
    Contact.objects.all().delete()
    from lotse.synth.contacts import write_contacts

    write_contacts(5, TODAY, progress=lambda _m: None)
    assert _log() == first
