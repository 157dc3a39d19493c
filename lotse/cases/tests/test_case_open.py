import datetime

from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.models import Case
from lotse.testing import factories as f


def _url(person):
    return f"{reverse('cases:create')}?person={person.pk}"


def test_it_opens_a_case_for_a_person_of_the_organisation(caritas, alice, erik, login):
    person = f.person(caritas, alice)
    client = login(alice)
    form = client.get(_url(person))
    assert form.status_code == 200
    assert person.display_name in form.content.decode()
    response = client.post(
        _url(person),
        {
            "programme": "kim",
            "organisation": caritas.pk,
            "opened_on": timezone.localdate().isoformat(),
            "managers": [alice.pk, erik.pk],
            "summary": "Erstgespräch geführt.",
        },
    )
    case = Case.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert set(case.managers.all()) == {alice, erik}
    assert case.summary == "Erstgespräch geführt."
    assert AuditEntry.objects.filter(
        object_type="cases.case", case_id=case.pk, action=AuditAction.CREATE
    ).exists()


def test_it_answers_404_for_a_person_of_another_organisation(caritas, alice, carol, login):
    person = f.person(caritas, alice)
    client = login(carol)
    assert client.get(_url(person)).status_code == 404
    assert client.get(reverse("cases:create")).status_code == 404
    assert client.get(f"{reverse('cases:create')}?person=x").status_code == 404


def test_it_changes_nothing_on_invalid_input(caritas, alice, carol, login):
    person = f.person(caritas, alice)
    f.case(caritas, person, managers=(alice,), actor=alice, programme="mbe")
    client = login(alice)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cases = {
        "future": {"programme": "kim", "opened_on": tomorrow.isoformat()},
        "duplicate": {"programme": "mbe", "opened_on": timezone.localdate().isoformat()},
        "outside manager": {
            "programme": "kim",
            "opened_on": timezone.localdate().isoformat(),
            "managers": [carol.pk],
        },
    }
    for name, data in cases.items():
        response = client.post(_url(person), {"organisation": caritas.pk, **data})
        assert response.status_code == 200, name
        assert response.context["form"].errors, name
    assert Case.objects.filter(person=person).count() == 1
