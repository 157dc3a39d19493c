"""What every page of one person's record shares: access check, tabs, read audit."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, access_to
from lotse.accounts.choices import Role
from lotse.audit.log import record_read
from lotse.core.categories import DataCategory, ordered
from lotse.people.models import Person


@dataclass(frozen=True)
class PersonPage:
    person: Person
    # VIEW for case work; AUDIT when only a data-protection officer's scope reaches the person.
    action: Action
    categories: frozenset[str]
    can_change: bool
    can_audit: bool

    def shows(self, category: str) -> bool:
        return category in self.categories


@dataclass(frozen=True)
class Tab:
    name: str
    url: str
    label: str | Promise


class PersonMerged(Http404):
    """The record was merged into another (lotse.dedupe): its pages lead there."""

    def __init__(self, survivor_id: int) -> None:
        super().__init__()
        self.survivor_id = survivor_id


def _visible(user: Any, pk: int) -> bool:
    people = Person.objects.filter(pk=pk)
    return people.visible_to(user).exists() or people.visible_to(user, Action.AUDIT).exists()


def _merged_into(user: Any, pk: int) -> int | None:
    """The survivor of a tombstone `pk`, if the user may see the survivor.

    Asked only on the way to a 404, so ordinary pages pay no extra query.
    """
    survivor = (
        Person.objects.filter(pk=pk, merged_into__isnull=False)
        .values_list("merged_into_id", flat=True)
        .first()
    )
    return survivor if survivor is not None and _visible(user, survivor) else None


def follows_merges(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of a merged-away person redirects to the same page of the survivor."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except PersonMerged as merged:
            name = request.resolver_match.view_name if request.resolver_match else "people:detail"
            return redirect(name, pk=merged.survivor_id)

    return wrapped


def load_person(request: HttpRequest, pk: int) -> PersonPage:
    """The person `pk` as the requesting user may see it; 404 when forbidden or missing."""
    user: Any = request.user
    action = Action.VIEW
    person = Person.objects.visible_to(user).filter(pk=pk).first()
    if person is None:
        action = Action.AUDIT
        person = Person.objects.visible_to(user, Action.AUDIT).filter(pk=pk).first()
    if person is None or person.merged_into_id is not None:
        survivor = _merged_into(user, pk)
        if survivor is not None:
            raise PersonMerged(survivor)
        raise Http404
    # visible_to(AUDIT) also answers for the operator (identity everywhere); the
    # audit trail itself is the data-protection officer's alone.
    can_audit = Role.DPO in user.roles and (
        action == Action.AUDIT
        or Person.objects.visible_to(user, Action.AUDIT).filter(pk=pk).exists()
    )
    categories, may_change_person = access_to(user, person.pk)
    return PersonPage(
        person=person,
        action=action,
        categories=categories,
        can_change=action == Action.VIEW and may_change_person,
        can_audit=can_audit,
    )


def person_tabs(page: PersonPage) -> list[Tab]:
    pk = page.person.pk
    tabs = [
        Tab("overview", reverse("people:detail", args=[pk]), _("Overview")),
        Tab("cases", reverse("people:cases", args=[pk]), _("Cases")),
        Tab("consents", reverse("people:consents", args=[pk]), _("Consents")),
        Tab("household", reverse("people:household", args=[pk]), _("Household")),
    ]
    if page.action == Action.VIEW and page.shows(DataCategory.RESIDENCE):
        tabs.append(Tab("residence", reverse("residence:person", args=[pk]), _("Residence")))
    if page.can_audit:
        tabs.append(Tab("audit", reverse("people:audit", args=[pk]), _("Audit trail")))
    return tabs


def category_labels(categories: Iterable[str]) -> list[str]:
    return [str(DataCategory(code).label) for code in ordered(categories)]


def render_person_page(
    request: HttpRequest,
    page: PersonPage,
    template: str,
    *,
    tab: str,
    displayed: Iterable[str],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render one tab and record the read of exactly the categories it shows.

    The header shows the name (identity) whenever that is released, so identity
    is part of every page's reading.
    """
    shown = page.categories & ({DataCategory.IDENTITY.value} | set(displayed))
    record_read(request.user, person_id=page.person.pk, categories=shown)
    return render(
        request,
        template,
        {
            "page": page,
            "person": page.person,
            "tabs": person_tabs(page),
            "active_tab": tab,
            "shows_identity": page.shows(DataCategory.IDENTITY),
            **(context or {}),
        },
    )
