"""Target groups are stored and reused until residence data changes; a list too large
for a page load is computed by a background job whose progress the page shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.contacts.choices import JobStatus
from lotse.core.tests.api.conftest import Api
from lotse.residence import group_cache
from lotse.residence.actions import do_change_row
from lotse.residence.group_cache import current_stamp, lookup, run_result
from lotse.residence.models import TargetGroupResult
from lotse.residence.tests.test_groups import integrated
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible(person, alice):
    period = f.status_period(person, alice, valid_from=datetime.date(2016, 1, 1))
    integrated(person, alice)
    return period


def test_a_stored_list_is_reused_until_residence_data_changes(
    eligible, person, alice, django_assert_max_num_queries
):
    first = lookup(alice, "25b_now")
    assert [r.person_id for r in first.rows] == [person.pk]
    with django_assert_max_num_queries(8):  # no evaluation: the stored verdicts
        again = lookup(alice, "25b_now")
    assert again.result.pk == first.result.pk and [r.person_id for r in again.rows] == [person.pk]
    stamp = current_stamp()
    # A Duldung that ended long ago: no longer in the group.
    do_change_row(alice, eligible, valid_until=datetime.date(2017, 1, 1))
    assert current_stamp() == stamp + 1
    changed = lookup(alice, "25b_now")
    assert changed.result.pk != first.result.pk and changed.rows == []


def test_a_stored_list_is_read_again_through_visibility(eligible, person, alice, bob):
    from lotse.access.actions import do_withdraw_consent
    from lotse.access.models import Consent

    assert [r.person_id for r in lookup(bob, "25b_now").rows] == [person.pk]
    do_withdraw_consent(alice, Consent.objects.get(), withdrawn_on=timezone.localdate())
    assert lookup(bob, "25b_now").rows == []


def test_a_large_group_is_computed_in_the_background_with_progress(
    eligible, person, alice, client, login, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(group_cache, "INLINE_CANDIDATES", 0)
    login(alice)
    url = reverse("residence:groups")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(url, {"group": "25b_now"})
    body = page.content.decode()
    assert 'id="group-progress"' in body and "every 2s" in body and "xlsx" not in body
    result = TargetGroupResult.objects.get()
    assert result.status == JobStatus.QUEUED and result.task_id and result.total == 1
    api = Api(alice).get("residence/target-groups/", {"group": "25b_now"})
    assert api.status_code == 202 and api.json() == {"status": "queued", "done": 0, "total": 1}
    run_result(result.pk)
    result.refresh_from_db()
    assert result.status == JobStatus.DONE and result.done == 1
    body = client.get(url, {"group": "25b_now"}).content.decode()
    assert "every 2s" not in body and person.family_name in body
    assert run_result(result.pk).rows == result.rows  # delivered twice, it runs once
    assert Api(alice).get("residence/target-groups/", {"group": "25b_now"}).status_code == 200


def test_a_campaign_waits_for_a_group_still_being_computed(eligible, alice, caritas, monkeypatch):
    from django.core.exceptions import ValidationError

    from lotse.outreach.actions import do_create_campaign

    monkeypatch.setattr(group_cache, "INLINE_CANDIDATES", 0)
    with pytest.raises(ValidationError, match="still being computed"):
        do_create_campaign(alice, group="25b_now", title="Warten", organisation=caritas)
