"""A small synthetic run fills every part of a district."""

from collections import Counter

import pytest

from lotse.access.models import AccessGrant, Consent
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership
from lotse.audit.models import AuditEntry
from lotse.cases.models import Case, CaseManagerAssignment, CaseParticipant
from lotse.network.choices import OrganisationKind
from lotse.network.models import Organisation, Team
from lotse.people.models import (
    Address,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    Person,
)
from lotse.synth.tests.helpers import small_run

pytestmark = pytest.mark.django_db


def test_it_creates_every_kind_of_organisation_with_towns_under_the_district():
    small_run()
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    for kind in OrganisationKind.values:
        if kind != OrganisationKind.OTHER:
            assert kinds[kind] >= 1, kind
    assert 4 <= kinds[OrganisationKind.TOWN_OFFICE] <= 8
    assert kinds[OrganisationKind.WELFARE_ORGANISATION] == 4
    district = Organisation.objects.get(kind=OrganisationKind.DISTRICT_OFFICE)
    towns = Organisation.objects.filter(kind=OrganisationKind.TOWN_OFFICE)
    assert all(town.parent_id == district.pk for town in towns)
    assert not Organisation.objects.filter(street="").exists()
    assert not Organisation.objects.filter(postcode="").exists()


def test_it_staffs_every_role_with_a_dpo_per_organisation():
    small_run()
    roles = Counter(Membership.objects.values_list("role", flat=True))
    for role in Role.values:
        assert roles[role] >= 1, role
    dpo_orgs = set(Membership.objects.filter(role=Role.DPO).values_list("organisation", flat=True))
    assert dpo_orgs == set(Organisation.objects.values_list("pk", flat=True))
    office_kinds = set(
        Membership.objects.filter(role=Role.OFFICE_STAFF).values_list(
            "organisation__kind", flat=True
        )
    )
    assert {"job_centre", "immigration_office", "social_office"} <= office_kinds
    assert Team.objects.exists()
    assert not Membership.objects.filter(role=Role.CASE_MANAGER, team__isnull=True).exists()


def test_it_makes_persons_with_details_households_and_cases():
    small_run(persons=80)
    assert Person.objects.count() == 80
    assert HouseholdMembership.objects.count() == 80
    assert Address.objects.values("person").distinct().count() == 80
    assert Nationality.objects.values("person").distinct().count() == 80
    assert LanguageSkill.objects.filter(language="de").count() == 80
    assert NameSpelling.objects.exists()
    cases = Case.objects.all()
    assert cases.count() >= 30
    assert cases.open().count() > cases.count() / 2
    programmes = Counter(cases.values_list("programme", flat=True))
    assert programmes.most_common(1)[0][0] == "kim"
    # Every case has a lead manager of its own organisation.
    for case in cases:
        leads = CaseManagerAssignment.objects.filter(case=case, is_lead=True)
        assert leads.count() == 1
        assert Membership.objects.filter(
            user=leads.get().user, organisation=case.organisation_id, role=Role.CASE_MANAGER
        ).exists()


def test_it_adds_participants_and_consents_some_ended():
    small_run(persons=300, seed=5)
    assert CaseParticipant.objects.filter(organisation__kind="job_centre").exists()
    assert CaseParticipant.objects.filter(organisation__kind="immigration_office").exists()
    consents = list(Consent.objects.all())
    statuses = Counter(c.status() for c in consents)
    assert statuses["in_force"] > statuses["withdrawn"] + statuses["expired"]
    assert statuses["withdrawn"] >= 1
    assert statuses["expired"] >= 1
    assert AccessGrant.objects.filter(reason="consent").exists()


def test_it_writes_one_audit_entry_instead_of_one_per_row():
    before = AuditEntry.objects.count()
    small_run()
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert len(entries) == 1
    assert entries[0].changes["event"] == "synthetic data generated"
    assert entries[0].changes["persons"] == 50
