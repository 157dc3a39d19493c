"""Caritas (alice) manages three persons whose § 104c permits end within three months;
one of them (Amina) speaks Arabic natively. The job centre (bob) takes part in
Amina's case with her residence released; DRK (carol) has nothing to do with them."""

import datetime

import pytest

from lotse.people.models import Address, LanguageSkill
from lotse.residence.deadlines import add_months
from lotse.testing import factories as f


def chancen_since() -> datetime.date:
    # Started 16 months ago: the 18 months end within the next three.
    return add_months(datetime.date.today(), -16)


def with_104c(person, actor):
    return f.status_period(
        person,
        actor,
        kind="aufenthaltserlaubnis",
        paragraph="104c AufenthG",
        valid_from=chancen_since(),
    )


@pytest.fixture
def group(caritas, jobcentre, alice):
    cases = []
    for family, language in (("Haddad", "ar"), ("Koval", "uk"), ("Meyer", None)):
        case = f.case(
            caritas,
            f.person(caritas, alice, family_name=family, given_names="Test"),
            managers=(alice,),
            actor=alice,
        )
        with_104c(case.person, alice)
        if language:
            LanguageSkill.objects.create(person=case.person, language=language, level="native")
        cases.append(case)
    Address.objects.create(
        person=cases[0].person,
        street="Musterweg 1",
        postcode="12345",
        place="Musterstadt",
        valid_from=datetime.date(2024, 1, 1),
    )
    f.participant(cases[0], jobcentre, alice)
    f.consent(cases[0], [jobcentre], ("residence",), actor=alice)
    return cases
