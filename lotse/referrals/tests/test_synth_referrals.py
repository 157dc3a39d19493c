"""Synthetic referrals: covered by a release naming the receiver, deterministic."""

import pytest

from lotse.referrals.models import Referral
from lotse.synth.tests.helpers import small_run

pytestmark = pytest.mark.django_db


def _rows():
    return list(
        Referral.objects.order_by("case_id", "recipient_organisation_id", "sent_at").values_list(
            "case_id", "recipient_organisation_id", "status", "request"
        )
    )


def test_it_writes_referrals_covered_by_releases():
    result = small_run(persons=200)
    referrals = list(Referral.objects.select_related("consent", "case"))
    assert referrals
    assert result.rows["referrals_referral"] == len(referrals)
    for referral in referrals:
        assert referral.consent.recipients.filter(pk=referral.recipient_organisation_id).exists()
        assert referral.categories <= referral.consent.categories
        assert referral.sender_organisation_id == referral.case.organisation_id
        assert referral.recipient_organisation_id != referral.sender_organisation_id
    assert {r.status for r in referrals} >= {"sent", "done"}


def test_it_writes_the_same_referrals_for_the_same_seed():
    small_run(persons=120)
    first = _rows()
    Referral.objects.all().delete()
    from lotse.referrals.synth import add_referrals
    from lotse.synth.tests.helpers import TODAY

    add_referrals(3, TODAY, progress=lambda _m: None)
    assert _rows()[:50] == first[:50]
    assert len(_rows()) == len(first)
