"""An open referral follows its case on a hand-over: the new owner becomes the sender's side.

Decided so because the sender's side is whoever works the case: the former
owner may hold no release after the hand-over, so it must neither be asked
nor mailed about the receiver's answers. Closed referrals keep their sender.
"""

from lotse.audit.models import AuditEntry
from lotse.referrals.actions import allowed_moves, do_move_referral
from lotse.referrals.handover import do_answer_handover, do_request_handover
from lotse.referrals.models import Referral
from lotse.testing import factories as f


def test_the_new_owner_hears_the_answers_after_a_hand_over(
    alice_case, drk, alice, bob, carol, sent, mailoutbox, django_capture_on_commit_callbacks
):
    carol.email = "carol@example.org"
    carol.save()
    f.participant(alice_case, drk, alice)
    do_answer_handover(carol, do_request_handover(alice, alice_case, drk), accept=True)
    moved = Referral.objects.get(pk=sent.pk)
    assert moved.sender_organisation == drk and moved.status == "sent"
    assert moved.sent_by == alice  # who sent it stays history
    assert AuditEntry.objects.filter(
        object_type="referrals.referral",
        object_id=str(sent.pk),
        changes__sender_organisation_id=[alice_case.organisation_id, drk.pk],
    ).exists()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_move_referral(bob, moved, "accepted")
    assert [m.to for m in mailoutbox] == [["carol@example.org"]]
    # The new owner may withdraw it; the former owner no longer may.
    assert "withdrawn" in allowed_moves(carol, Referral.objects.get(pk=sent.pk))
    assert allowed_moves(alice, Referral.objects.get(pk=sent.pk)) == []


def test_a_referral_to_the_new_owner_itself_is_closed(alice_case, jobcentre, alice, bob, sent):
    do_answer_handover(bob, do_request_handover(alice, alice_case, jobcentre), accept=True)
    closed = Referral.objects.get(pk=sent.pk)
    assert closed.status == "withdrawn"
    assert "handed over" in closed.reason
    assert closed.sender_organisation_id == alice_case.organisation_id


def test_closed_referrals_keep_their_sender(alice_case, drk, alice, bob, carol, sent):
    do_move_referral(bob, sent, "declined", reason="Keine Plätze")
    f.participant(alice_case, drk, alice)
    do_answer_handover(carol, do_request_handover(alice, alice_case, drk), accept=True)
    assert Referral.objects.get(pk=sent.pk).sender_organisation_id == alice_case.organisation_id
