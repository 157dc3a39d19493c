"""Generated worlds: whatever the product shows each user equals the reference model.

Hypothesis draws small districts (organisations, staff with one or two
memberships, an operator, persons with cases, participants and consents in
every state) and builds them through the actions, so the grant rebuild runs
as in production. Each user's reach through the choke point, the web pages
and the API is then compared with lotse.testing.reference_model, which knows
nothing of AccessGrant.

Bounded for CI; `LOTSE_SOAK_EXAMPLES=1000` (make soak) explores many more
worlds, with a fresh random seed each run.
"""

import os
import re
from typing import Any

from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given, settings

from lotse.access.visibility import Action, categories_for, may_change
from lotse.accounts.choices import Role
from lotse.accounts.models import Membership, PersonalToken, User
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.testing import factories as f
from lotse.testing import reference_model as ref
from lotse.testing.auth import login_verified
from lotse.testing.worlds import STEM, Built, WorldPlan, build, world_plans

SOAK_EXAMPLES = int(os.environ.get("LOTSE_SOAK_EXAMPLES") or 0)
PROPERTY_SETTINGS = settings(
    max_examples=SOAK_EXAMPLES or 25,
    deadline=None,
    # CI replays the same worlds every run; a soak run explores new ones and
    # prints the blob to reproduce a failure.
    derandomize=not SOAK_EXAMPLES,
    print_blob=bool(SOAK_EXAMPLES),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The categories the serializers guard: withheld_categories names only these
# (PersonSerializer: identity fields and blocks, contact, households; CaseSerializer:
# the person's name and the summary).
SHOWN_ON_PERSON = frozenset({"identity", "contact", "family"})
SHOWN_ON_CASE = frozenset({"identity", "case_notes"})
# Once a gap (the two regression tests at the end): the operator's and the DPO's
# identity reading was dropped as soon as the same user held any case-work grant.
# Fixed in lotse.access.visibility.categories_for_cases; True would skip the
# category comparisons for users who mix those roles with case work.
ROLES_DO_NOT_COMBINE_YET = False
CATEGORY_TAG = "[categories] "


# --- Comparing each user's reach with the reference model --------------------

PERSON_LINK = re.compile(r'href="/people/(\d+)/"')
CASE_ROW = re.compile(r'<tr>\s*<th scope="row"><a href="/cases/(\d+)/">.*?</tr>', re.DOTALL)


class Mismatches(list[str]):
    def expect(self, what: str, actual: Any, expected: Any, *, categories: bool = False) -> None:
        if actual != expected:
            tag = CATEGORY_TAG if categories else ""
            self.append(f"{tag}{what}: product {_show(actual)} != reference {_show(expected)}")


def _show(value: Any) -> Any:
    return sorted(value) if isinstance(value, set | frozenset) else value


def _ids(queryset: Any) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def check_choke_point(built: Built, user: User, sight: ref.Sight, turn: int) -> list[str]:
    problems = Mismatches()
    # role_pairs is cached on the instance: read the memberships as a request would.
    user = User.objects.get(pk=user.pk)
    problems.expect("Person.visible_to", _ids(Person.objects.visible_to(user)), sight.persons)
    problems.expect(
        "Person.visible_to(AUDIT)",
        _ids(Person.objects.visible_to(user, Action.AUDIT)),
        sight.audit_persons,
    )
    problems.expect(
        "Person.visible_to(category=identity)",
        _ids(Person.objects.visible_to(user, category=DataCategory.IDENTITY)),
        sight.named_persons,
    )
    problems.expect("Case.visible_to", _ids(Case.objects.visible_to(user)), sight.cases)
    for person in built.facts.persons:
        problems.expect(
            f"categories_for(person {person.id})",
            categories_for(user, person.id),
            sight.person_categories[person.id],
            categories=True,
        )
        problems.expect(
            f"may_change(person {person.id})",
            may_change(user, person.id),
            person.id in sight.changeable_persons,
        )
    for case in built.facts.cases:
        problems.expect(
            f"categories_for(person {case.person}, case {case.id})",
            categories_for(user, case.person, case.id),
            sight.case_categories[(case.person, case.id)],
            categories=True,
        )
        problems.expect(
            f"may_change(person {case.person}, case {case.id})",
            may_change(user, case.person, case.id),
            case.id in sight.changeable_cases,
        )
    return problems


def check_surfaces(built: Built, user: User, sight: ref.Sight, turn: int) -> list[str]:
    """Lists and searches in full; detail pages of every object the user may see on
    both surfaces, and of the others (404) on the web or the API by turns, which
    halves the requests while every example still probes both."""
    web = login_verified(Client(), user)
    web.cookies["django_language"] = "en"
    _token, raw = PersonalToken.issue(user, "t")
    api = Client(HTTP_AUTHORIZATION="Bearer " + raw)
    problems = Mismatches()
    problems += search_page(web, built, sight, turn)
    problems += case_list_page(web, built, sight)
    problems += api_lists(api, sight)
    for index, person in enumerate(built.facts.persons):
        visible = person.id in sight.persons
        on_web = visible or person.id in sight.audit_persons or (turn + index) % 2 == 0
        if on_web:
            problems.expect(
                f"/people/{person.id}/",
                web.get(f"/people/{person.id}/").status_code,
                200 if visible or person.id in sight.audit_persons else 404,
            )
        if visible or not on_web:
            problems += api_detail(
                api,
                f"/api/v1/people/{person.id}/",
                visible,
                SHOWN_ON_PERSON,
                sight.person_categories[person.id],
            )
    for index, case in enumerate(built.facts.cases):
        visible = case.id in sight.cases
        if visible or (turn + index) % 2 == 0:
            problems.expect(
                f"/cases/{case.id}/",
                web.get(f"/cases/{case.id}/").status_code,
                200 if visible else 404,
            )
        if visible or (turn + index) % 2 == 1:
            problems += api_detail(
                api,
                f"/api/v1/cases/{case.id}/",
                visible,
                SHOWN_ON_CASE,
                sight.case_categories[(case.person, case.id)],
            )
    return problems


def search_page(web: Client, built: Built, sight: ref.Sight, turn: int) -> list[str]:
    problems = Mismatches()
    found = web.get("/people/", {"q": STEM})
    problems.expect("people search status", found.status_code, 200)
    problems.expect(
        f"people search {STEM!r}",
        {int(pk) for pk in PERSON_LINK.findall(found.content.decode())},
        set(sight.named_persons),
    )
    # One person by their own family name, a different one for each user. The
    # search is fuzzy (Zorvikaan also finds Zorvikban), so the answer holds the
    # person where they may be named, and otherwise only persons who may be.
    person = built.facts.persons[turn % len(built.facts.persons)]
    name = built.family_names[person.id]
    found = web.get("/people/", {"q": name})
    shown = {int(pk) for pk in PERSON_LINK.findall(found.content.decode())}
    problems.expect(
        f"people search {name!r} finds the person",
        person.id in shown,
        person.id in sight.named_persons,
    )
    problems.expect(
        f"people search {name!r} shows only nameable persons",
        shown - set(sight.named_persons),
        set(),
    )
    return problems


def case_list_page(web: Client, built: Built, sight: ref.Sight) -> list[str]:
    problems = Mismatches()
    listing = web.get("/cases/", {"scope": "all"})
    problems.expect("/cases/?scope=all status", listing.status_code, 200)
    rows = {int(m.group(1)): m.group(0) for m in CASE_ROW.finditer(listing.content.decode())}
    problems.expect("/cases/?scope=all", set(rows), set(sight.cases))
    for case in built.facts.cases:
        if case.id in rows:
            problems.expect(
                f"name shown in the case list row of {case.id}",
                built.family_names[case.person] in rows[case.id],
                ref.IDENTITY in sight.case_categories[(case.person, case.id)],
                categories=True,
            )
    return problems


def api_lists(api: Client, sight: ref.Sight) -> list[str]:
    problems = Mismatches()
    people = api.get("/api/v1/people/").json()["results"]
    problems.expect("/api/v1/people/", {row["id"] for row in people}, set(sight.persons))
    for row in people:
        problems.expect(
            f"/api/v1/people/ withheld of {row['id']}",
            set(row["withheld_categories"]),
            set() if row["id"] in sight.named_persons else {ref.IDENTITY},
            categories=True,
        )
    cases = api.get("/api/v1/cases/").json()["results"]
    problems.expect("/api/v1/cases/", {row["id"] for row in cases}, set(sight.cases))
    for row in cases:
        problems.expect(
            f"/api/v1/cases/ withheld of {row['id']}",
            set(row["withheld_categories"]),
            SHOWN_ON_CASE - sight.case_categories[(row["person"], row["id"])],
            categories=True,
        )
    return problems


def api_detail(
    api: Client, url: str, visible: bool, shown: frozenset[str], held: frozenset[str]
) -> list[str]:
    """The detail answers 404 when invisible; otherwise it withholds exactly the
    categories the serializer guards (`shown`) that the user does not hold."""
    problems = Mismatches()
    answer = api.get(url)
    problems.expect(url, answer.status_code, 200 if visible else 404)
    if visible and answer.status_code == 200:
        withheld = set(answer.json()["withheld_categories"])
        problems.expect(f"{url} withheld", withheld, shown - held, categories=True)
    return problems


# --- The properties ----------------------------------------------------------


class _Rollback(Exception):
    """Raised at the end of every example: its world must not leak into the next."""


def in_rolled_back_world(plan: WorldPlan, check: Any) -> None:
    try:
        with transaction.atomic():
            built = build(plan)
            problems: list[str] = []
            for turn, (facts, user) in enumerate(built.users):
                sight = ref.sight(built.facts, facts)
                describe(facts, sight)
                found = check(built, user, sight, turn)
                if ROLES_DO_NOT_COMBINE_YET and mixes_roles(facts):
                    found = [p for p in found if not p.startswith(CATEGORY_TAG)]
                problems += [f"user {facts}: {p}" for p in found]
            assert not problems, "\n".join(problems)
            raise _Rollback
    except _Rollback:
        pass


def mixes_roles(facts: ref.UserFacts) -> bool:
    """Case work together with the operator's or a DPO's identity reading."""
    return bool(facts.organisations_as(ref.CASE_ROLES)) and (
        facts.is_operator or bool(facts.organisations_as({ref.DPO}))
    )


def describe(facts: ref.UserFacts, sight: ref.Sight) -> None:
    """What the example exercised, for --hypothesis-show-statistics."""
    owned = sight.changeable_cases
    if any(cats and key[1] not in owned for key, cats in sight.case_work_case_categories.items()):
        event("a participant sees a case through a consent")
    if any(ref.IDENTITY not in cats for cats in sight.case_work_categories.values() if cats):
        event("someone sees a person without their name")
    if sight.audit_persons:
        event("a DPO has persons in the audit scope")
    if mixes_roles(facts):
        event("a user does case work and is the operator or a DPO")
    if facts.is_operator:
        event("the operator looks")


@PROPERTY_SETTINGS
@given(plan=world_plans())
def test_it_matches_the_reference_in_the_choke_point(db, plan):
    assert not Person.objects.exists()
    in_rolled_back_world(plan, check_choke_point)


@PROPERTY_SETTINGS
@given(plan=world_plans())
def test_it_matches_the_reference_on_pages_and_api(db, plan):
    assert not Person.objects.exists()
    in_rolled_back_world(plan, check_surfaces)


# --- Regressions: a further role never takes a reading away -------------------


def test_it_keeps_the_name_for_the_owners_dpo_whose_other_organisation_takes_part(
    caritas, jobcentre, alice
):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("health",), actor=alice)
    dpo = f.staff(caritas, Role.DPO)
    assert categories_for(dpo, case.person_id) == {"identity"}
    # The same person also works at the job centre, which received a health release.
    Membership.objects.create(user=dpo, organisation=jobcentre, role=Role.OFFICE_STAFF)
    dpo = User.objects.get(pk=dpo.pk)
    assert categories_for(dpo, case.person_id) == {"identity", "health"}


def test_it_shows_the_operator_the_name_its_list_showed(client, caritas, jobcentre, alice):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("health",), actor=alice)
    operator = f.UserFactory(is_superuser=True, is_staff=True)
    Membership.objects.create(user=operator, organisation=jobcentre, role=Role.OFFICE_STAFF)
    _token, raw = PersonalToken.issue(operator, "t")
    api = Client(HTTP_AUTHORIZATION="Bearer " + raw)
    [row] = api.get("/api/v1/people/").json()["results"]
    assert row["family_name"] == "Haddad"
    detail = api.get(f"/api/v1/people/{case.person_id}/").json()
    assert detail.get("family_name") == "Haddad", detail["withheld_categories"]
