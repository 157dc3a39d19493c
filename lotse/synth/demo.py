"""The demo: a small district and one login per role with a known password.

The demo logins are ordinary generated staff under memorable names, so the
case manager has a real caseload and the office clerk real shared cases.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from lotse.accounts.models import Membership, User
from lotse.synth.conferences import add_conferences
from lotse.synth.generate import SynthOptions, SynthResult, generate
from lotse.synth.staffing import StaffSpec

DEMO_PERSONS = 300
DEMO_PASSWORD = "lotse-demo-passwort"
# (role, organisation plan key, username). Caritas owns cases and the job
# centre takes part in them, so the two see the same people differently.
DEMO_LOGINS = (
    ("case_manager", "caritas", "fallmanagerin"),
    ("team_lead", "caritas", "teamleitung"),
    ("office_staff", "jobcentre", "jobcenter"),
    ("coordinator", "coordination", "koordination"),
    ("dpo", "caritas", "datenschutz"),
    ("administrator", "coordination", "admin"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str
    password: str


def _rename(staff: list[StaffSpec]) -> list[StaffSpec]:
    renamed = list(staff)
    for role, org_key, username in DEMO_LOGINS:
        for i, spec in enumerate(renamed):
            if spec.role == role and spec.org_key == org_key:
                renamed[i] = dataclasses.replace(
                    spec, username=username, email=f"{username}@demo.example"
                )
                break
    return renamed


def demo_logins() -> list[DemoLogin]:
    memberships = (
        Membership.objects.filter(user__username__in=[u for _r, _o, u in DEMO_LOGINS])
        .select_related("user", "organisation")
        .order_by("user__username")
    )
    found = {(m.user.username, m.role): m.organisation.name for m in memberships}
    return [
        DemoLogin(username, role, found[(username, role)], DEMO_PASSWORD)
        for role, _org, username in DEMO_LOGINS
        if (username, role) in found
    ]


def demo_exists() -> bool:
    return User.objects.filter(username=DEMO_LOGINS[0][2]).exists()


def make_demo(seed: int = 1, progress: object = print) -> SynthResult | None:
    """Generate the demo district, or only reset the demo passwords if it exists."""
    if demo_exists():
        encoded = make_password(DEMO_PASSWORD)
        User.objects.filter(username__in=[u for _r, _o, u in DEMO_LOGINS]).update(
            password=encoded, is_active=True
        )
        return None
    options = SynthOptions(persons=DEMO_PERSONS, seed=seed, adjust_staff=_rename)
    result = generate(options, progress=progress)  # type: ignore[arg-type]
    # A few case conferences for the demo's panels, start page and figures.
    result.rows.update(add_conferences(seed, progress=progress))  # type: ignore[arg-type]
    # Only the demo logins can sign in; the other generated staff have no password.
    User.objects.filter(username__in=[u for _r, _o, u in DEMO_LOGINS]).update(
        password=make_password(DEMO_PASSWORD)
    )
    return result
