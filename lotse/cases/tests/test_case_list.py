from django.urls import reverse

from lotse.cases.actions import do_change_phase
from lotse.cases.choices import Phase
from lotse.testing import factories as f


def _references(response):
    return [case.reference for case, _released in response.context["rows"]]


def test_it_shows_only_my_cases_to_a_case_manager_by_default(caritas, alice, erik, login):
    mine = f.case(caritas, managers=(alice,), actor=alice)
    colleagues = f.case(caritas, managers=(erik,), actor=erik)
    client = login(alice)

    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    assert _references(response) == [mine.reference]

    response = client.get(reverse("cases:list"), {"scope": "owned"})
    assert sorted(_references(response)) == sorted([mine.reference, colleagues.reference])


def test_it_shows_no_cases_of_other_organisations(caritas, alice, carol, login):
    case = f.case(caritas, managers=(alice,), actor=alice)
    response = login(carol).get(reverse("cases:list"), {"scope": "all"})
    assert response.context["rows"] == []
    assert case.reference not in response.content.decode()


def test_it_filters_by_phase_programme_and_reference(caritas, alice, login):
    kim = f.case(caritas, managers=(alice,), actor=alice, programme="kim")
    mbe = f.case(caritas, managers=(alice,), actor=alice, programme="mbe")
    do_change_phase(alice, mbe, Phase.PLANNING)
    client = login(alice)

    assert _references(client.get(reverse("cases:list"), {"phase": "planning"})) == [mbe.reference]
    assert _references(client.get(reverse("cases:list"), {"programme": "kim"})) == [kim.reference]
    assert _references(client.get(reverse("cases:list"), {"reference": kim.reference})) == [
        kim.reference
    ]
    assert _references(client.get(reverse("cases:list"), {"reference": str(mbe.pk)})) == [
        mbe.reference
    ]
    both_open = client.get(reverse("cases:list"), {"phase": "open"})
    assert sorted(_references(both_open)) == sorted([kim.reference, mbe.reference])


def test_it_refuses_a_malformed_reference_and_lists_nothing(caritas, alice, login):
    f.case(caritas, managers=(alice,), actor=alice)
    response = login(alice).get(reverse("cases:list"), {"reference": "Haddad"})
    assert response.context["rows"] == []
    assert response.context["form"].errors["reference"]
    assert 'aria-invalid="true"' in response.content.decode()


def test_it_pages_25_cases_at_a_time(caritas, alice, login):
    cases = [f.case(caritas, managers=(alice,), actor=alice) for _ in range(30)]
    newest_first = [c.reference for c in sorted(cases, key=lambda c: -c.pk)]
    client = login(alice)

    first = client.get(reverse("cases:list"), {"phase": "open"})
    assert _references(first) == newest_first[:25]
    page = first.context["page"]
    assert page.previous_cursor is None and page.next_cursor

    second = client.get(reverse("cases:list"), {"phase": "open", "after": page.next_cursor})
    assert _references(second) == newest_first[25:]
    assert second.context["page"].next_cursor is None
    assert "phase=open" in second.content.decode()

    back = client.get(
        reverse("cases:list"),
        {"phase": "open", "before": second.context["page"].previous_cursor},
    )
    assert _references(back) == newest_first[:25]
    assert back.context["page"].previous_cursor is None


def test_it_ignores_a_garbled_cursor(caritas, alice, login):
    case = f.case(caritas, managers=(alice,), actor=alice)
    response = login(alice).get(reverse("cases:list"), {"after": "yesterday.x"})
    assert _references(response) == [case.reference]


def test_it_withholds_the_name_from_a_participant_without_identity_release(
    caritas, jobcentre, alice, bob, login
):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("residence",), actor=alice)

    response = login(bob).get(reverse("cases:list"))
    assert response.context["rows"] == [(case, False)]
    content = response.content.decode()
    assert case.person.family_name not in content
    assert "not released" in content


def test_it_shows_the_name_when_identity_is_released(caritas, jobcentre, alice, bob, login):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity",), actor=alice)

    response = login(bob).get(reverse("cases:list"), {"scope": "taking_part"})
    assert response.context["rows"] == [(case, True)]
    assert case.person.family_name in response.content.decode()
