"""The queue page costs the same number of queries for one pair as for a full page."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.dedupe.models import DuplicateCandidate
from lotse.people.actions import do_add_detail
from lotse.people.models import NameSpelling, Nationality
from lotse.testing import factories as f


def _pairs(caritas, alice, count, start):
    for i in range(count):
        born = datetime.date(1980 + start + i, 1, 2)
        a = f.person(caritas, alice, family_name=f"Nasser{start + i}", birth_date=born)
        b = f.person(caritas, alice, family_name=f"Naser{start + i}", birth_date=born)
        f.case(caritas, a, managers=(alice,), actor=alice)
        do_add_detail(alice, Nationality(person=b, country="SYR"))
        do_add_detail(
            alice,
            NameSpelling(person=b, family_name="ناصر", given_names="", kind="original_script"),
        )
        DuplicateCandidate.objects.create(person_a=a, person_b=b, score=0.9)


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dedupe:queue"))
    assert response.status_code == 200
    return len(captured)


def test_it_keeps_the_queries_constant_in_the_number_of_pairs(client, login, caritas, alice, dora):
    login(dora)
    _pairs(caritas, alice, 1, 0)
    one = _queries(client)
    _pairs(caritas, alice, 4, 1)
    assert _queries(client) == one
