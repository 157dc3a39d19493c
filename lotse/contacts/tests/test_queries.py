"""Query counts: the case page's panels and the add-contact request stay constant."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.testing import factories as f


def _count(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def busy_case(caritas, alice):
    return f.case(caritas, managers=(alice,), actor=alice)


def _fill(case, alice, count):
    for i in range(count):
        f.contact(case, alice, note=f"Kontakt {i}")
        f.document(case, alice, "health" if i % 2 else "residence", title=f"Dokument {i}")


def test_it_adds_nothing_per_contact_or_document_to_the_case_page(busy_case, alice, login):
    client = login(alice)
    page = reverse("cases:detail", args=[busy_case.pk])
    _fill(busy_case, alice, 1)
    few = _count(lambda: client.get(page))
    _fill(busy_case, alice, 14)
    many = _count(lambda: client.get(page))
    assert many == few


# Session, user, device, memberships, the case (visible to change): 5; the insert
# and its audit entry (lock head, insert, move head) in savepoints: 7; the panel's
# contacts: 1; the audit entry for reading them: 5; 19 in all as measured. The session
# is written only when its idle limit is due for renewal (lotse.accounts.idle), not on
# every request (4 more queries before).
ADD_QUERIES = 19


def test_it_records_a_contact_in_a_constant_number_of_queries(
    busy_case, alice, login, django_assert_max_num_queries
):
    client = login(alice)
    data = {
        "occurred_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "duration_minutes": "10",
    }
    url = reverse("contacts:add", args=[busy_case.pk])
    few = _count(lambda: client.post(url, data, HTTP_HX_REQUEST="true"))
    _fill(busy_case, alice, 12)
    with django_assert_max_num_queries(ADD_QUERIES):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert "The contact was recorded." in response.content.decode()
    assert _count(lambda: client.post(url, data, HTTP_HX_REQUEST="true")) == few
