"""A release lapses when its purpose ends: closing a case ends the participants' access through it."""

import pytest
from django.urls import reverse

from lotse.access.models import AccessGrant
from lotse.cases.actions import do_close_case
from lotse.cases.models import Case
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db


def test_closing_ends_the_participants_access_and_the_owner_keeps_the_file(
    client, login, owned_case, jobcentre, alice, bob
):
    f.consent(owned_case, [jobcentre], ("identity", "residence"), actor=alice, case=owned_case)
    person_url = reverse("people:detail", args=[owned_case.person_id])
    login(bob)
    assert client.get(person_url).status_code == 200

    do_close_case(alice, owned_case, reason="goals_achieved")

    assert client.get(person_url).status_code == 404
    assert not Case.objects.visible_to(bob).exists()
    assert not AccessGrant.objects.filter(organisation=jobcentre).exists()
    login(alice)
    assert client.get(person_url).status_code == 200


def test_a_person_wide_release_still_covers_the_open_case(caritas, jobcentre, alice, bob):
    first = f.case(caritas, managers=(alice,), actor=alice)
    second = f.case(caritas, first.person, managers=(alice,), actor=alice, programme="other")
    for case in (first, second):
        f.participant(case, jobcentre, alice)
    f.consent(first, [jobcentre], ("identity",), actor=alice)  # for the person, no one case
    do_close_case(alice, first, reason="goals_achieved")
    assert list(Case.objects.visible_to(bob)) == [second]
