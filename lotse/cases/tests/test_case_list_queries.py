import pytest
from django.urls import reverse

from lotse.testing import factories as f

# Session, user, second-factor device, memberships, the page's case ids, its
# cases, managers, name grants, and the session save (savepoint, update, release).
# 11 for the page itself, 5 for auditing the listed reads (savepoint, lock chain head,
# insert, move head, release).
LIST_QUERIES = 16


@pytest.mark.parametrize("count", [5, 30])
def test_it_lists_cases_with_a_constant_number_of_queries(
    caritas, jobcentre, alice, erik, login, django_assert_max_num_queries, count
):
    for _ in range(count):
        case = f.case(caritas, managers=(alice, erik), actor=alice)
        f.participant(case, jobcentre, alice)
    client = login(alice)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("cases:list"))
    assert len(response.context["rows"]) == min(count, 25)
