import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.access.visibility import categories_for, may_change
from lotse.audit.models import AuditEntry
from lotse.cases.models import Case, CaseParticipant
from lotse.core.tests.api.conftest import Api
from lotse.referrals.handover import do_answer_handover, do_cancel_handover, do_request_handover
from lotse.referrals.models import CaseHandover
from lotse.testing import factories as f


def test_it_moves_the_case_only_when_the_receiver_accepts(alice_case, jobcentre, alice, bob):
    handover = do_request_handover(alice, alice_case, jobcentre, note="Umzug")
    assert Case.objects.get(pk=alice_case.pk).organisation_id == alice_case.organisation_id
    assert may_change(alice, alice_case.person_id, alice_case.pk)
    do_answer_handover(bob, handover, accept=True)
    case = Case.objects.get(pk=alice_case.pk)
    assert case.organisation == jobcentre
    assert list(case.managers.all()) == [bob]
    assert may_change(bob, case.person_id, case.pk)
    # Without a release the former owner keeps nothing.
    assert not may_change(alice, case.person_id, case.pk)
    assert categories_for(alice, case.person_id, case.pk) == frozenset()
    assert CaseParticipant.objects.filter(case=case, organisation=alice_case.organisation).exists()
    assert AuditEntry.objects.filter(object_type="referrals.casehandover").count() == 2
    assert AuditEntry.objects.filter(
        object_type="cases.case", object_id=str(case.pk), changes__has_key="handover"
    ).exists()


def test_it_leaves_the_former_owner_what_a_release_grants(
    alice_case, caritas, jobcentre, alice, bob
):
    f.consent(alice_case, [caritas], ("identity",), actor=alice)
    handover = do_request_handover(alice, alice_case, jobcentre)
    do_answer_handover(bob, handover, accept=True)
    assert categories_for(alice, alice_case.person_id, alice_case.pk) == {"identity"}


def test_it_needs_a_reason_to_decline_and_keeps_the_owner(alice_case, jobcentre, alice, bob):
    handover = do_request_handover(alice, alice_case, jobcentre)
    with pytest.raises(ValidationError):
        do_answer_handover(bob, handover, accept=False)
    do_answer_handover(bob, handover, accept=False, reason="Nicht zuständig")
    assert Case.objects.get(pk=alice_case.pk).organisation_id == alice_case.organisation_id


def test_it_allows_one_open_request_per_case(alice_case, jobcentre, drk, alice):
    do_request_handover(alice, alice_case, jobcentre)
    with pytest.raises(ValidationError):
        do_request_handover(alice, alice_case, drk)


def test_it_lets_only_the_asked_organisation_answer(alice_case, jobcentre, alice, carol):
    handover = do_request_handover(alice, alice_case, jobcentre)
    with pytest.raises(ValidationError):
        do_answer_handover(carol, handover, accept=True)
    with pytest.raises(ValidationError):
        do_answer_handover(alice, handover, accept=True)


def test_it_hands_over_through_the_pages(alice_case, jobcentre, alice, bob, login, client):
    login(alice)
    client.post(
        reverse("referrals:handover", args=[alice_case.pk]), {"to_organisation": jobcentre.pk}
    )
    client.logout()
    login(bob)
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert alice_case.reference in inbox
    handover = alice_case.handovers.get()
    response = client.post(
        reverse("referrals:handover_answer", args=[handover.pk]), {"accept": "yes"}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=alice_case.pk).organisation == jobcentre


def test_it_cancels_a_pending_hand_over(
    alice_case, jobcentre, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    bob.email = "bob@example.org"
    bob.save()
    handover = do_request_handover(alice, alice_case, jobcentre)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = do_cancel_handover(alice, handover)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert AuditEntry.objects.filter(
        object_type="referrals.casehandover",
        object_id=str(handover.pk),
        changes__status=["requested", "cancelled"],
    ).exists()
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]
    assert alice_case.reference in mailoutbox[0].subject
    # Too late to answer; and a new request is possible again.
    with pytest.raises(ValidationError, match="already answered"):
        do_answer_handover(bob, handover, accept=True)
    assert Case.objects.get(pk=alice_case.pk).organisation_id == alice_case.organisation_id
    do_request_handover(alice, alice_case, jobcentre)


def test_it_refuses_to_cancel_an_answered_or_foreign_hand_over(alice_case, jobcentre, alice, bob):
    handover = do_request_handover(alice, alice_case, jobcentre)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="Only the organisation that asked"):
        do_cancel_handover(bob, handover)
    assert AuditEntry.objects.count() == before
    do_answer_handover(bob, handover, accept=False, reason="Nicht zuständig")
    with pytest.raises(ValidationError, match="already answered"):
        do_cancel_handover(alice, handover)
    assert CaseHandover.objects.get(pk=handover.pk).status == "declined"


def test_it_cancels_through_the_page_and_the_inbox_forgets_it(
    alice_case, jobcentre, alice, bob, login, client
):
    handover = do_request_handover(alice, alice_case, jobcentre)
    login(alice)
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert reverse("referrals:handover_cancel", args=[handover.pk]) in page
    response = client.post(reverse("referrals:handover_cancel", args=[handover.pk]))
    assert response.status_code == 302
    client.logout()
    login(bob)
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert alice_case.reference not in inbox
    # The receiver cannot cancel, and cannot answer the cancelled request.
    assert client.post(reverse("referrals:handover_cancel", args=[handover.pk])).status_code == 404
    client.post(reverse("referrals:handover_answer", args=[handover.pk]), {"accept": "yes"})
    assert Case.objects.get(pk=alice_case.pk).organisation_id == alice_case.organisation_id


def test_it_cancels_through_the_api(alice_case, jobcentre, alice, bob):
    handover = do_request_handover(alice, alice_case, jobcentre)
    assert Api(bob).post(f"handovers/{handover.pk}/cancel/", {}).status_code == 404
    response = Api(alice).post(f"handovers/{handover.pk}/cancel/", {})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    again = Api(alice).post(f"handovers/{handover.pk}/cancel/", {})
    assert again.status_code == 400
    assert "already answered" in str(again.json())
