"""Access to a person's residence file: readers need the residence category,
writers must be the owner's case staff (and hold it too)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lotse.access.visibility import Action, may_change
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.people.views.common import PersonPage, load_person
from lotse.residence.forms import ROW_KINDS, RowKind

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value


def residence_page(request: HttpRequest, pk: int) -> PersonPage:
    page = load_person(request, pk)
    if page.action != Action.VIEW or not page.shows(RESIDENCE):
        raise Http404
    return page


def person_for_change(request: HttpRequest, pk: int) -> Person:
    user: Any = request.user
    if not may_change(user, pk):
        raise Http404
    return get_object_or_404(
        Person.objects.visible_to(user, Action.CHANGE, category=RESIDENCE), pk=pk
    )


def row_kind(part: str) -> RowKind:
    try:
        return ROW_KINDS[part]
    except KeyError:
        raise Http404 from None


def row_for_change(request: HttpRequest, person: Person, kind: RowKind, row_pk: int) -> Any:
    manager: Any = kind.model._default_manager
    return get_object_or_404(
        manager.visible_to(request.user, Action.CHANGE).filter(person_id=person.pk), pk=row_pk
    )
