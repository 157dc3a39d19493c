"""Changing a person's identity and details: only the owning organisation's case staff."""

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import Action, may_change
from lotse.audit.log import record_read
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.people.actions import do_add_detail, do_remove_detail, do_update_person
from lotse.people.detail_forms import DETAIL_KINDS, DetailKind
from lotse.people.forms import PersonForm
from lotse.people.models import Person


def _person_for_change(request: HttpRequest, pk: int) -> Person:
    user: Any = request.user
    if not may_change(user, pk):
        raise Http404
    return get_object_or_404(Person.objects.visible_to(user, Action.CHANGE), pk=pk)


def _detail_kind(kind: str) -> DetailKind:
    try:
        return DETAIL_KINDS[kind]
    except KeyError:
        raise Http404 from None


def _render_form(request: HttpRequest, person: Person, template: str, **context: Any) -> Any:
    # The form shows the person's name and current values: that is a read.
    category = context.pop("category", DataCategory.IDENTITY.value)
    record_read(
        request.user, person_id=person.pk, categories={DataCategory.IDENTITY.value, category}
    )
    return render(request, template, {"person": person, **context})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_change(request, pk)
    # The form writes into its instance while validating; keep the header's name intact.
    form = PersonForm(request.POST or None, instance=copy.copy(person))
    if request.method == "POST" and form.is_valid():
        try:
            do_update_person(request.user, person, **form.person_fields())
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The identity was saved."))
            return redirect("people:detail", pk=person.pk)
    return _render_form(request, person, "people/edit.html", form=form)


@login_required
def add_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    person = _person_for_change(request, pk)
    detail_kind = _detail_kind(kind)
    form = detail_kind.form_class(request.POST or None, instance=detail_kind.model(person=person))
    if request.method == "POST" and form.is_valid():
        try:
            do_add_detail(request.user, form.instance)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Added: %(kind)s.") % {"kind": detail_kind.label})
            return redirect("people:detail", pk=person.pk)
    return _render_form(
        request,
        person,
        "people/detail_add.html",
        form=form,
        kind=kind,
        kind_label=detail_kind.label,
        category=getattr(detail_kind.model, "category", DataCategory.IDENTITY.value),
    )


@require_POST
@login_required
def remove_detail(request: HttpRequest, pk: int, kind: str, detail_pk: int) -> HttpResponse:
    person = _person_for_change(request, pk)
    detail_kind = _detail_kind(kind)
    manager: Any = detail_kind.model._default_manager
    detail = get_object_or_404(
        manager.visible_to(request.user, Action.CHANGE).filter(person_id=person.pk),
        pk=detail_pk,
    )
    do_remove_detail(request.user, detail)
    messages.success(request, _("Removed: %(kind)s.") % {"kind": detail_kind.label})
    return redirect("people:detail", pk=person.pk)
