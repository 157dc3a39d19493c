import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.directory.models import Service
from lotse.referrals.actions import do_send_referral
from lotse.referrals.models import Referral
from lotse.testing import factories as f


def _send(case, actor, recipient, categories=("identity",), **kwargs):
    return do_send_referral(
        actor,
        case,
        request="Beratung zur Arbeitsaufnahme",
        categories=categories,
        idempotency_key=kwargs.pop("key", None) or uuid.uuid4(),
        recipient=recipient,
        **kwargs,
    )


def test_it_sends_a_referral_covered_by_a_release(
    alice_case, jobcentre, alice, bob, release, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral, created = _send(alice_case, alice, jobcentre, ("identity", "residence"))
    assert created
    assert referral.status == "sent"
    assert referral.consent == release
    assert referral.sender_organisation_id == alice_case.organisation_id
    assert AuditEntry.objects.filter(
        object_type="referrals.referral", object_id=str(referral.pk), action="create"
    ).exists()
    # The job centre's staff are told, without the person's name.
    assert [m.to for m in mailoutbox] == [[bob.email]]
    assert alice_case.person.family_name not in mailoutbox[0].body
    assert referral.reference in mailoutbox[0].subject


def test_it_refuses_a_referral_without_release_and_sends_nothing(
    alice_case, jobcentre, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        _send(alice_case, alice, jobcentre)
    assert refused.value.error_dict["categories"][0].code == "no_release"
    assert "record a release" in refused.value.messages[0]
    assert not Referral.objects.exists()
    assert mailoutbox == []


def test_it_refuses_categories_the_release_does_not_cover(alice_case, jobcentre, alice, release):
    with pytest.raises(ValidationError):
        _send(alice_case, alice, jobcentre, ("identity", "health"))
    assert not Referral.objects.exists()


def test_it_refuses_a_release_for_another_recipient(alice_case, jobcentre, drk, alice, release):
    with pytest.raises(ValidationError):
        _send(alice_case, alice, drk)


def test_it_refuses_a_withdrawn_release(alice_case, jobcentre, alice, release):
    from lotse.access.actions import do_withdraw_consent

    do_withdraw_consent(alice, release, withdrawn_on=timezone.localdate())
    with pytest.raises(ValidationError):
        _send(alice_case, alice, jobcentre)


def test_it_creates_one_referral_for_a_double_submit(alice_case, jobcentre, alice, release):
    key = uuid.uuid4()
    first, created = _send(alice_case, alice, jobcentre, key=key)
    again, created_again = _send(alice_case, alice, jobcentre, key=key)
    assert created and not created_again
    assert first == again
    assert Referral.objects.count() == 1


def test_it_sends_a_referral_to_a_service_to_its_provider(alice_case, jobcentre, alice, release):
    service = Service.objects.create(provider=jobcentre, name="Arbeitsvermittlung", kind="other")
    referral, _created = do_send_referral(
        alice,
        alice_case,
        request="Vermittlung",
        categories=("identity",),
        idempotency_key=uuid.uuid4(),
        service=service,
    )
    assert referral.recipient_organisation == jobcentre
    assert referral.service == service


def test_it_links_the_referral_to_a_step_and_its_goal(alice_case, jobcentre, alice, release):
    goal = f.goal(alice_case, "work", actor=alice)
    step = f.step(goal, actor=alice)
    referral, _created = _send(alice_case, alice, jobcentre, step=step)
    assert referral.step == step
    assert referral.goal == goal


def test_it_refuses_a_referral_to_the_own_organisation(alice_case, caritas, alice):
    with pytest.raises(ValidationError) as refused:
        _send(alice_case, alice, caritas)
    assert "recipient" in refused.value.error_dict
