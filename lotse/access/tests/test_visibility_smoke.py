import datetime

from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.access.visibility import Action, categories_for
from lotse.cases.models import Case
from lotse.people.models import Address, Person
from lotse.testing import factories as f


def test_it_limits_participants_to_released_categories(caritas, jobcentre, alice, bob, carol, dora):
    case = f.case(caritas, managers=(alice,), actor=alice)
    Address.objects.create(
        person=case.person, street="Weg 1", place="X", valid_from=datetime.date(2020, 1, 1)
    )
    assert list(Person.objects.visible_to(alice)) == [case.person]
    assert list(Person.objects.visible_to(bob)) == []
    f.participant(case, jobcentre, alice)
    assert list(Person.objects.visible_to(bob)) == []
    consent = f.consent(case, [jobcentre], ("identity", "residence"), actor=alice)
    assert list(Case.objects.visible_to(bob)) == [case]
    assert categories_for(bob, case.person_id) == {"identity", "residence"}
    assert list(Address.objects.visible_to(bob)) == []
    assert Address.objects.visible_to(alice).count() == 1
    assert list(Person.objects.visible_to(carol)) == []
    assert list(Case.objects.visible_to(dora)) == []
    assert list(Person.objects.visible_to(dora, Action.AUDIT)) == [case.person]
    do_withdraw_consent(alice, consent, withdrawn_on=timezone.localdate())
    assert list(Case.objects.visible_to(bob)) == []
