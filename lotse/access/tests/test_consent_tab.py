import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.testing import factories as f

pytestmark = pytest.mark.usefixtures("english")


def test_it_lists_consents_with_status_recipients_and_categories(
    client, login, owned_case, jobcentre, drk, alice
):
    today = timezone.localdate()
    f.consent(owned_case, [jobcentre], ("identity", "residence"), actor=alice)
    f.consent(
        owned_case,
        [drk],
        ("contact",),
        actor=alice,
        given_on=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=10),
    )
    gone = f.consent(owned_case, [jobcentre], ("health",), actor=alice)
    do_withdraw_consent(alice, gone, withdrawn_on=today)
    login(alice)
    response = client.get(reverse("people:consents", args=[owned_case.person_id]))
    body = response.content.decode()
    assert 'class="status-in_force"' in body
    assert 'class="status-expired"' in body
    assert 'class="status-withdrawn"' in body
    assert "Jobcenter Musterkreis" in body and "DRK Musterkreis" in body
    assert "Identity, Residence status" in body and "Health" in body
    assert reverse("consents:withdraw", args=[gone.pk]) not in body
    assert reverse("consents:create", args=[owned_case.person_id]) in body


def test_it_shows_the_dpo_the_consents_without_actions(
    client, login, owned_case, jobcentre, alice, dora
):
    consent = f.consent(owned_case, [jobcentre], ("identity",), actor=alice)
    login(dora)
    response = client.get(reverse("people:consents", args=[owned_case.person_id]))
    assert [c.pk for c in response.context["consents"]] == [consent.pk]
    body = response.content.decode()
    assert reverse("consents:withdraw", args=[consent.pk]) not in body
    assert reverse("consents:create", args=[owned_case.person_id]) not in body


def test_it_keeps_the_consents_tab_query_count_constant(
    client, login, owned_case, jobcentre, drk, alice, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    f.consent(owned_case, [jobcentre], ("identity",), actor=alice)
    login(alice)
    url = reverse("people:consents", args=[owned_case.person_id])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    count = len(few.captured_queries)
    for _ in range(6):
        f.consent(owned_case, [jobcentre, drk], ("identity", "contact"), actor=alice)
    with django_assert_max_num_queries(count):
        client.get(url)
