"""Writing the district's organisations, teams and staff.

Organisations are matched by name, so a second run for the same district adds
people to the existing offices instead of failing on the unique name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from lotse.access.models import ConsentText
from lotse.accounts.models import Membership, User
from lotse.network.models import Organisation, Team
from lotse.synth.district import DistrictPlan
from lotse.synth.staffing import StaffSpec

CONSENT_TEXT_VERSION = "synth-1"
CONSENT_TEXT_BODY = (
    "Ich entbinde die genannten Stellen gegenüber den genannten Empfängern von der "
    "Schweigepflicht, soweit es für die Abstimmung im Fallmanagement nötig ist. "
    "Ich kann diese Erklärung jederzeit für die Zukunft widerrufen. "
    "(Synthetischer Text für Test- und Demodaten.)"
)


@dataclass
class District:
    """The written district: organisation ids by plan key, staff by organisation and role."""

    org_ids: dict[str, int]
    staff: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    users: list[User] = field(default_factory=list)

    def staff_of(self, org_key: str, role: str) -> list[int]:
        return self.staff.get((org_key, role), [])


def write_organisations(plan: DistrictPlan) -> dict[str, int]:
    ids: dict[str, int] = {}
    # Parents first: the plan lists the district office before its children.
    for spec in sorted(plan.organisations, key=lambda o: o.parent_key is not None):
        org, _created = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "legal_areas": ",".join(spec.legal_areas),
                "parent_id": ids.get(spec.parent_key) if spec.parent_key else None,
                "street": spec.street,
                "postcode": spec.postcode,
                "place": spec.place,
                "email": spec.email,
                "phone": spec.phone,
            },
        )
        ids[spec.key] = org.pk
    return ids


def write_staff(
    specs: list[StaffSpec], org_ids: dict[str, int], password: str | None = None
) -> District:
    # Hashing is deliberately slow; one hash serves every account of the run.
    # Without a password the accounts cannot sign in until one is set.
    encoded = make_password(password)
    users = User.objects.bulk_create(
        [
            User(
                username=s.username,
                first_name=s.first_name,
                last_name=s.last_name,
                email=s.email,
                password=encoded,
            )
            for s in specs
        ]
    )
    teams: dict[tuple[int, str], int] = {}
    for spec in specs:
        if spec.team is None:
            continue
        key = (org_ids[spec.org_key], spec.team)
        if key not in teams:
            team, _created = Team.objects.get_or_create(organisation_id=key[0], name=key[1])
            teams[key] = team.pk
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation_id=org_ids[spec.org_key],
                role=spec.role,
                team_id=teams[(org_ids[spec.org_key], spec.team)] if spec.team else None,
            )
            for spec, user in zip(specs, users, strict=True)
        ]
    )
    staff: dict[tuple[str, str], list[int]] = defaultdict(list)
    for spec, user in zip(specs, users, strict=True):
        staff[(spec.org_key, spec.role)].append(user.pk)
    return District(org_ids=org_ids, staff=dict(staff), users=users)


def consent_text() -> ConsentText:
    text, _created = ConsentText.objects.get_or_create(
        version=CONSENT_TEXT_VERSION,
        language="de",
        defaults={"title": "Schweigepflichtentbindung", "body": CONSENT_TEXT_BODY},
    )
    return text
