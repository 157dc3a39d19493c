"""The tabs of one person's record. Each block shows only when its category is released.

Every detail query starts from `visible_to` with the action through which the
person was found, and is run only when the block's category is in
`categories_for`: the category check decides what is shown, the choke point
guarantees nothing else can leak in.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse

from lotse.access.models import Consent
from lotse.audit.models import AuditEntry
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.people.choices import Relationship
from lotse.people.models import (
    Address,
    ContactDetail,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
    Person,
)
from lotse.people.views.common import (
    PersonPage,
    category_labels,
    follows_merges,
    load_person,
    render_person_page,
)

IDENTITY = DataCategory.IDENTITY.value
CONTACT = DataCategory.CONTACT.value
FAMILY = DataCategory.FAMILY.value
AUDIT_PAGE_SIZE = 25


@login_required
@follows_merges
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    page = load_person(request, pk)
    user = request.user

    def rows(model: Any, *related: str) -> list[Any]:
        queryset = model.objects.visible_to(user, page.action).filter(person_id=pk)
        return list(queryset.select_related(*related) if related else queryset)

    context: dict[str, Any] = {"shows_contact": page.shows(CONTACT)}
    if page.shows(IDENTITY):
        context.update(
            spellings=rows(NameSpelling),
            nationalities=rows(Nationality),
            languages=rows(LanguageSkill),
            identifiers=rows(OfficeIdentifier, "issued_by"),
        )
    if page.shows(CONTACT):
        context.update(contact_details=rows(ContactDetail), addresses=rows(Address))
    return render_person_page(
        request,
        page,
        "people/detail_overview.html",
        tab="overview",
        displayed=[IDENTITY, CONTACT],
        context=context,
    )


@login_required
@follows_merges
def cases(request: HttpRequest, pk: int) -> HttpResponse:
    page = load_person(request, pk)
    # A participating organisation sees only the cases it takes part in.
    person_cases = (
        Case.objects.visible_to(request.user)
        .filter(person_id=pk)
        .select_related("organisation")
        .order_by("-opened_on", "-id")
    )
    return render_person_page(
        request,
        page,
        "people/detail_cases.html",
        tab="cases",
        displayed=[],
        context={"cases": list(person_cases)},
    )


@login_required
@follows_merges
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    page = load_person(request, pk)
    rows = list(
        Consent.objects.visible_to(request.user, page.action)
        .filter(person_id=pk)
        .select_related("text", "case")
        .prefetch_related("recipients")
    )
    for consent in rows:
        consent.category_labels = category_labels(consent.categories)  # type: ignore[attr-defined]
    return render_person_page(
        request,
        page,
        "people/detail_consents.html",
        tab="consents",
        displayed=[IDENTITY] if rows else [],
        context={"consents": rows},
    )


def _households(user: Any, page: PersonPage) -> list[dict[str, Any]]:
    memberships: list[Any] = list(
        HouseholdMembership.objects.visible_to(user, page.action)
        .filter(person_id=page.person.pk)
        .select_related("household")
    )
    # The composition of the household is part of this person's family data;
    # who the other members are is their identity, shown only where visible.
    others = list(
        HouseholdMembership.objects.filter(household__in=[m.household_id for m in memberships])
        .exclude(person_id=page.person.pk)
        .order_by("household_id", "id")
        .values("household_id", "person_id", "relationship", "since", "until")
    )
    visible = Person.objects.visible_to(user, category=IDENTITY).filter(
        pk__in=[o["person_id"] for o in others]
    )
    people = {p.pk: p for p in visible}
    labels = dict(Relationship.choices)
    result = []
    for membership in memberships:
        members = [
            {
                "relationship": labels.get(o["relationship"], o["relationship"]),
                "since": o["since"],
                "until": o["until"],
                "person": people.get(o["person_id"]),
            }
            for o in others
            if o["household_id"] == membership.household_id
        ]
        result.append({"membership": membership, "members": members})
    return result


@login_required
@follows_merges
def household(request: HttpRequest, pk: int) -> HttpResponse:
    page = load_person(request, pk)
    households = _households(request.user, page) if page.shows(FAMILY) else None
    return render_person_page(
        request,
        page,
        "people/detail_household.html",
        tab="household",
        displayed=[FAMILY],
        context={"households": households},
    )


@login_required
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    page = load_person(request, pk)
    if not page.can_audit:
        raise Http404
    entries = AuditEntry.objects.filter(person_id=pk).select_related("organisation").order_by("-id")
    audit_page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in audit_page.object_list:
        entry.category_labels = category_labels(entry.categories or ())
        # Field names only: the values may be case content, which a DPO does not see.
        entry.changed_fields = sorted(entry.changes or {})
    return render_person_page(
        request,
        page,
        "people/detail_audit.html",
        tab="audit",
        displayed=[],
        context={"page_obj": audit_page},
    )
