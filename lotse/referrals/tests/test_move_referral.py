import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.core.errors import StaleObject
from lotse.referrals.actions import do_move_referral


def test_it_closes_the_loop_accepted_in_progress_done(
    sent, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accepted = do_move_referral(bob, sent, "accepted", expected_version=1)
    assert accepted.answered_at is not None
    # The sender is told.
    assert [m.to for m in mailoutbox] == [[alice.email]]
    started = do_move_referral(bob, accepted, "in_progress", expected_version=2)
    done = do_move_referral(bob, started, "done", expected_version=3)
    assert done.status == "done"
    assert done.version == 4


def test_it_needs_a_reason_to_decline(sent, bob):
    with pytest.raises(ValidationError) as refused:
        do_move_referral(bob, sent, "declined")
    assert "reason" in refused.value.error_dict
    declined = do_move_referral(bob, sent, "declined", reason="Keine Plätze frei")
    assert declined.reason == "Keine Plätze frei"


def test_it_refuses_to_accept_a_withdrawn_referral_with_a_clear_message(sent, alice, bob):
    do_move_referral(alice, sent, "withdrawn")
    with pytest.raises(ValidationError) as refused:
        do_move_referral(bob, sent, "accepted")
    assert "withdrew this referral" in refused.value.messages[0]


def test_it_lets_only_the_receiver_answer(sent, alice, carol):
    with pytest.raises(ValidationError):
        do_move_referral(alice, sent, "accepted")
    with pytest.raises(ValidationError):
        do_move_referral(carol, sent, "accepted")


def test_it_lets_only_the_sender_withdraw(sent, bob):
    with pytest.raises(ValidationError):
        do_move_referral(bob, sent, "withdrawn")


def test_it_refuses_a_stale_answer(sent, bob):
    do_move_referral(bob, sent, "accepted", expected_version=1)
    with pytest.raises(StaleObject):
        do_move_referral(bob, sent, "declined", reason="zu spät", expected_version=1)


def test_it_ends_access_when_the_release_is_withdrawn_mid_referral(sent, alice, bob, release):
    assert sent.released_categories() == {"identity", "residence"}
    do_withdraw_consent(alice, release, withdrawn_on=timezone.localdate())
    sent.refresh_from_db()
    assert sent.release_state() == "withdrawn"
    assert sent.released_categories() == frozenset()
    with pytest.raises(ValidationError) as refused:
        do_move_referral(bob, sent, "accepted")
    assert "no longer in force" in refused.value.messages[0]
    # The receiver can still close the loop, saying why.
    closed = do_move_referral(bob, sent, "declined", reason="Einwilligung widerrufen")
    assert closed.status == "declined"
